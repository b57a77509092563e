// Container for the memory of one locker's functions: the resident memory of each over the page's
// range (a chart), and a table of each function's memory and JVM now (instant queries at the
// range's end), with the functions together against the machine's memory.
import { combineVectorStates, useAPIQuery } from '../api/api.ts';
import type { VectorData } from '../api/responseTypes.ts';
import { LineChart } from '../components/LineChart.tsx';
import { Panel } from '../components/Panel.tsx';
import { formatAge, formatClock, formatCount, formatDuration, formatMiB, formatShare, formatSmallShare, MIB, NO_VALUE } from '../lib/format.ts';
import {
  type FunctionMemory, machineShortOfMemory, type MemoryFigure, memoryRows, nearItsLimit,
} from '../lib/memoryRows.ts';
import { ALL_LOCKERS, GC_WINDOW_SECONDS, instantQueryPath, type MemoryQueryKey, memoryQueries, residentMemory } from '../lib/queries.ts';
import { rangeBounds, stepSeconds } from '../lib/timeRange.ts';
import { useRange } from './useRange.ts';

interface Props {
  locker: string;
  rangeSeconds: number;
  nowMs: number;
  scrapeIntervalSeconds: number;
}

/** Two counts as `1 / 8`; `–` when neither is known. */
const pair = (part: number | null, whole: number | null) =>
  (part === null && whole === null ? NO_VALUE : `${formatCount(part)} / ${formatCount(whole)}`);

export function MemoryPanel({ locker, rangeSeconds, nowMs, scrapeIntervalSeconds }: Props) {
  const { start, end } = rangeBounds(nowMs, rangeSeconds);
  // Memory is a machine's and a limit is a function's: every locker together has neither.
  const perLocker = locker !== ALL_LOCKERS;
  const queries = memoryQueries(locker, rangeSeconds);
  const ask = (key: MemoryQueryKey) => (perLocker ? instantQueryPath(queries[key], end) : null);
  // One hook per query (a fixed list).
  const states = {
    gauges: useAPIQuery<VectorData>(ask('gauges')),
    limits: useAPIQuery<VectorData>(ask('limits')),
    gcShare: useAPIQuery<VectorData>(ask('gcShare')),
    restarts: useAPIQuery<VectorData>(ask('restarts')),
  } satisfies Record<MemoryQueryKey, unknown>;
  const rss = useRange(perLocker ? residentMemory(locker) : null, start, end, stepSeconds(rangeSeconds, scrapeIntervalSeconds), 1 / MIB);

  const { results, error, loading, waiting: unanswered, updatedAt: updated } = combineVectorStates(states);
  const { functions, locker: together } = memoryRows(results);
  const withSeconds = rangeSeconds <= 3600;

  if (!perLocker) {
    return (
      <Panel title="Memory" className="wide" testId="memory">
        <p className="empty">Memory is a locker&apos;s own: choose one locker above.</p>
      </Panel>
    );
  }
  const cell = (fn: FunctionMemory, figure: MemoryFigure, text: string, className?: string) => (
    <td data-column={figure} data-at={fn.at[figure] ?? undefined} className={className}>{text}</td>
  );
  const ofLimit = (fn: FunctionMemory) => {
    const share = fn.values.limitShare;
    return cell(fn, 'limitShare', formatShare(share), nearItsLimit(share) ? 'alarm' : undefined);
  };
  const short = machineShortOfMemory(together.availableShare);

  return (
    <>
      <Panel title="Resident memory per function" className="wide" loading={rss.loading} error={rss.error} updatedAt={rss.updatedAt}>
        {!rss.loading && rss.chart.series.length === 0 && <p className="empty">No function&apos;s memory in this range.</p>}
        <LineChart name="memory" data={rss.chart} formatValue={(mib) => formatMiB(mib * MIB)} clockWithSeconds={withSeconds} />
      </Panel>
      <Panel title="Memory now, per function" className="wide" testId="memory-table" loading={loading} error={error}
        updatedAt={Number.isFinite(updated) ? updated : undefined}>
        {together.at !== null && (
          <p className="small" data-testid="memory-basis">
            Read at {formatClock(together.at * 1000, true)}; GC time over the {formatDuration(GC_WINDOW_SECONDS)} before it,
            restarts over the {formatDuration(rangeSeconds)} before it.
          </p>
        )}
        <p data-testid="memory-locker" data-at={together.at ?? undefined} className={short ? 'alarm' : undefined}>
          The functions together (<span data-figure="functions">{together.functions}</span>):{' '}
          <b data-figure="rss">{formatMiB(together.rss)}</b> of the machine&apos;s{' '}
          <b data-figure="total">{formatMiB(together.total)}</b> (<span data-figure="rssShare">{formatShare(together.rssShare)}</span>);{' '}
          <b data-figure="available">{formatMiB(together.available)}</b> available
          (<span data-figure="availableShare">{formatShare(together.availableShare)}</span>).
        </p>
        {/* Each cell's data-at (seconds): the time the end-to-end test asks Prometheus for. */}
        <table className="numbers" data-range={rangeSeconds} data-gc-window={GC_WINDOW_SECONDS}>
          <thead>
            <tr>
              <th>function</th><th>RSS</th><th>limit</th><th>of limit</th><th>heap used</th><th>heap max</th><th>metaspace</th>
              <th>GC time</th><th>threads</th><th>handlers busy</th><th>queued</th><th>started</th>
              <th>restarts ({formatDuration(rangeSeconds)})</th>
            </tr>
          </thead>
          <tbody>
            {functions.length === 0 && !unanswered && (
              <tr><td colSpan={13} className="empty">No function&apos;s memory in the central Prometheus.</td></tr>
            )}
            {functions.map((fn) => (
              <tr key={fn.name} data-function={fn.name}>
                <th scope="row">{fn.name}</th>
                {cell(fn, 'rss', formatMiB(fn.values.rss))}
                {cell(fn, 'limit', formatMiB(fn.values.limit))}
                {ofLimit(fn)}
                {cell(fn, 'heapUsed', formatMiB(fn.values.heapUsed))}
                {cell(fn, 'heapMax', formatMiB(fn.values.heapMax))}
                {cell(fn, 'metaspace', formatMiB(fn.values.metaspace))}
                {cell(fn, 'gcShare', formatSmallShare(fn.values.gcShare))}
                {cell(fn, 'threads', formatCount(fn.values.threads))}
                {cell(fn, 'handlerBusy', pair(fn.values.handlerBusy, fn.values.handlerThreads))}
                {cell(fn, 'queueWaiting', pair(fn.values.queueWaiting, fn.values.queueCapacity))}
                <td data-column="startTime" data-at={fn.at.startTime ?? undefined} data-start={fn.values.startTime ?? undefined}>
                  {fn.ageSeconds === null ? NO_VALUE : formatAge(fn.ageSeconds)}
                </td>
                {cell(fn, 'restarts', formatCount(fn.values.restarts))}
              </tr>
            ))}
          </tbody>
        </table>
      </Panel>
    </>
  );
}
