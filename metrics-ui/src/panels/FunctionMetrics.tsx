// Container for the per-function charts: builds the PromQL, runs the range queries through the
// one hook, shapes the samples and hands them to LineChart and the table.
import { useState } from 'react';
import { LineChart } from '../components/LineChart.tsx';
import { Panel } from '../components/Panel.tsx';
import { type ChartData, functionRows, type RowFigure } from '../lib/chartData.ts';
import { formatClock, formatDuration, formatPercent, formatRate, formatSeconds } from '../lib/format.ts';
import { faultRatio, invocationRate, latencyQuantile, QUANTILES, type QuantileKey, refusalRatio } from '../lib/queries.ts';
import { rangeBounds, rateWindowSeconds, stepSeconds } from '../lib/timeRange.ts';
import { useRange } from './useRange.ts';

interface Props {
  locker: string;
  rangeSeconds: number;
  nowMs: number;
  scrapeIntervalSeconds: number;
}

export function FunctionMetrics({ locker, rangeSeconds, nowMs, scrapeIntervalSeconds }: Props) {
  const [quantile, setQuantile] = useState<QuantileKey>('p95');
  const { start, end } = rangeBounds(nowMs, rangeSeconds);
  const step = stepSeconds(rangeSeconds, scrapeIntervalSeconds);
  const window = rateWindowSeconds(step, scrapeIntervalSeconds);
  const withSeconds = rangeSeconds <= 3600;

  const rate = useRange(invocationRate(locker, window), start, end, step);
  const faults = useRange(faultRatio(locker, window), start, end, step, 100);
  const refusals = useRange(refusalRatio(locker, window), start, end, step, 100);
  const p50 = useRange(latencyQuantile(0.5, locker, window), start, end, step);
  const p95 = useRange(latencyQuantile(0.95, locker, window), start, end, step);
  const p99 = useRange(latencyQuantile(0.99, locker, window), start, end, step);
  const latency = { p50, p95, p99 }[quantile];
  const rows = functionRows({
    rate: rate.chart, faults: faults.chart, refusals: refusals.chart, p50: p50.chart, p95: p95.chart, p99: p99.chart,
  });
  const queries = [rate, faults, refusals, p50, p95, p99];
  // The table reads all six queries: loading while any of them is, and "no calls" only once each answered.
  const tableLoading = queries.some((query) => query.loading);
  const unanswered = queries.some((query) => query.data === undefined && query.error === undefined);
  const tableError = queries.find((query) => query.error !== undefined)?.error;
  const times = rows.flatMap((row) => Object.values(row.at)).filter((at) => at !== null);
  const newest = times.length === 0 ? null : Math.max(...times);

  const quantilePicker = (
    <div className="segmented" role="group" aria-label="Latency quantile">
      {QUANTILES.map((q) => (
        <button key={q.key} type="button" aria-pressed={q.key === quantile} onClick={() => setQuantile(q.key)}>
          {q.key}
        </button>
      ))}
    </div>
  );
  const note = (chart: ChartData, loading: boolean) =>
    !loading && chart.series.length === 0 ? <p className="empty">No calls in this range.</p> : null;

  return (
    <>
      <Panel title="Invocations per second" className="wide" loading={rate.loading} error={rate.error} updatedAt={rate.updatedAt}>
        {note(rate.chart, rate.loading)}
        <LineChart name="rate" data={rate.chart} formatValue={formatRate} clockWithSeconds={withSeconds} />
      </Panel>
      <Panel title="Faults (5xx share: the function failed)" className="wide" loading={faults.loading} error={faults.error}
        updatedAt={faults.updatedAt}>
        {note(faults.chart, faults.loading)}
        <LineChart name="faults" data={faults.chart} formatValue={formatPercent} clockWithSeconds={withSeconds} yMax={100} />
      </Panel>
      <Panel title="Refusals (4xx share: the caller's mistake, e.g. a wrong code)" className="wide" loading={refusals.loading}
        error={refusals.error} updatedAt={refusals.updatedAt}>
        {note(refusals.chart, refusals.loading)}
        <LineChart name="refusals" data={refusals.chart} formatValue={formatPercent} clockWithSeconds={withSeconds} yMax={100} />
      </Panel>
      <Panel title={`Latency ${quantile}`} className="wide" loading={latency.loading} error={latency.error}
        updatedAt={latency.updatedAt} actions={quantilePicker}>
        {note(latency.chart, latency.loading)}
        <LineChart name="latency" data={latency.chart} formatValue={formatSeconds} clockWithSeconds={withSeconds} />
      </Panel>
      <Panel title="Now, per function" className="wide" testId="function-table" loading={tableLoading} error={tableError}
        updatedAt={rate.updatedAt}>
        {newest !== null && (
          <p className="small" data-testid="function-table-basis">
            Each line's newest point ({formatClock(newest, true)}): calls, shares and quantiles over the{' '}
            {formatDuration(window)} before it.
          </p>
        )}
        {/* data-step, data-window and each cell's data-at (seconds): what the end-to-end test asks Prometheus for. */}
        <table className="numbers" data-range={rangeSeconds} data-step={step} data-window={window}>
          <thead>
            <tr><th>function</th><th>calls</th><th>faults (5xx)</th><th>refusals (4xx)</th><th>p50</th><th>p95</th><th>p99</th></tr>
          </thead>
          <tbody>
            {rows.length === 0 && !unanswered && <tr><td colSpan={7} className="empty">No calls in this range.</td></tr>}
            {rows.map((row) => {
              const cell = (figure: RowFigure, text: string) => (
                <td data-column={figure} data-at={row.at[figure] === null ? undefined : row.at[figure] / 1000}>{text}</td>
              );
              return (
                <tr key={row.name} data-function={row.name}>
                  <th scope="row">{row.name}</th>
                  {cell('rate', formatRate(row.rate))}
                  {cell('faults', formatPercent(row.faults))}
                  {cell('refusals', formatPercent(row.refusals))}
                  {cell('p50', formatSeconds(row.p50))}
                  {cell('p95', formatSeconds(row.p95))}
                  {cell('p99', formatSeconds(row.p99))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </Panel>
    </>
  );
}
