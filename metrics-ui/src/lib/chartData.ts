// From Prometheus samples to what the charts draw: pure functions, tested in chartData.test.ts.
import type { RangeSeries } from '../api/responseTypes.ts';

export interface ChartSeries {
  /** The function's name as people say it (without faasd's `.openfaas-fn`). */
  label: string;
  color: string;
  /** One value per entry of {@link ChartData.times}; null where Prometheus has no (finite) value. */
  values: (number | null)[];
}

export interface ChartData {
  /** Point times in ms since the epoch, every step from start to end. */
  times: number[];
  series: ChartSeries[];
}

const FAASD_NAMESPACE = '.openfaas-fn';

/**
 * `controller.openfaas-fn` → `controller`; the functions' own series name it in `function`
 * already. A series without either (a sum) is "all functions".
 */
export function functionLabel(metric: Record<string, string>): string {
  const name = metric.function_name ?? metric.function;
  if (!name) {
    return 'all functions';
  }
  return name.endsWith(FAASD_NAMESPACE) ? name.slice(0, -FAASD_NAMESPACE.length) : name;
}

/** A sample's text as a number; NaN (0/0, an empty histogram) and ±Inf become null, drawn as gaps. */
export function sampleValue(text: string): number | null {
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

/**
 * One line per series on the full grid start, start+step, ... ≤ end, with null where the series
 * has no sample (like uPlotChartHelpers' getUPlotData), so lines break instead of joining across
 * missing time. Values are multiplied by `scale` (e.g. 100 for percent). Sorted by label.
 */
export function toChartData(result: RangeSeries[], start: number, end: number, step: number, scale = 1): ChartData {
  const times: number[] = [];
  for (let t = start; t <= end; t += step) {
    times.push(t * 1000);
  }
  const index = new Map(times.map((ms, i) => [ms, i]));
  const series = result.map((item) => {
    const values: (number | null)[] = times.map(() => null);
    for (const [time, text] of item.values) {
      const i = index.get(Math.round(time * 1000));
      const value = sampleValue(text);
      if (i !== undefined && value !== null) {
        values[i] = value * scale;
      }
    }
    const label = functionLabel(item.metric);
    return { label, color: colorFor(label), values };
  });
  series.sort((a, b) => a.label.localeCompare(b.label));
  return { times, series };
}

/** The index of the newest value that is not a gap, or -1 for a line with no value at all. */
export function latestIndex(values: readonly (number | null)[]): number {
  for (let i = values.length - 1; i >= 0; i--) {
    const value = values[i];
    if (value !== null && value !== undefined) {
      return i;
    }
  }
  return -1;
}

/** Labels of the lines with at least one value above zero: what "this chart shows traffic" means. */
export function nonZeroSeries(data: ChartData): string[] {
  return data.series.filter((s) => s.values.some((v) => v !== null && v > 0)).map((s) => s.label);
}

const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#17becf', '#e377c2', '#7f7f7f', '#bcbd22'];

/** The locker's functions (stack.yaml), each with its own colour; others share the rest of the palette. */
export const KNOWN_FUNCTIONS = ['controller', 'screen-io', 'door-io', 'reservation-manager', 'door-manager',
  'user-manager', 'partner-manager'];

/** A colour per label that stays the same across refreshes, ranges and charts. */
export function colorFor(label: string): string {
  const known = KNOWN_FUNCTIONS.indexOf(label);
  if (known !== -1) {
    return PALETTE[known] ?? '#000000';
  }
  let hash = 0;
  for (const char of label) {
    hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  }
  const rest = PALETTE.length - KNOWN_FUNCTIONS.length;
  return PALETTE[KNOWN_FUNCTIONS.length + (hash % rest)] ?? '#000000';
}

/**
 * Whether the value at `index` stands alone (gaps or the edge on both sides): a line cannot show
 * it, so the chart draws it as a dot, e.g. the first scrape after a start.
 */
export function isIsolated(values: readonly (number | null)[], index: number): boolean {
  const here = values[index];
  return here !== null && here !== undefined && (values[index - 1] ?? null) === null && (values[index + 1] ?? null) === null;
}

/** The figures of a table row, each the newest value of its chart. */
export const ROW_FIGURES = ['rate', 'faults', 'refusals', 'p50', 'p95', 'p99'] as const;

export type RowFigure = (typeof ROW_FIGURES)[number];

export interface FunctionRow {
  name: string;
  rate: number | null;
  /** Percent of calls answered 5xx (the function's failures) and 4xx (refused as the caller's mistake). */
  faults: number | null;
  refusals: number | null;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  /** When each figure was evaluated (ms since the epoch; null without a value): the point it was read from. */
  at: Record<RowFigure, number | null>;
}

export type FunctionCharts = Record<RowFigure, ChartData>;

/** The table under the charts: each function's newest rate, fault and refusal shares and latency quantiles. */
export function functionRows(charts: FunctionCharts): FunctionRow[] {
  const newest = (data: ChartData, name: string) => {
    const values = data.series.find((s) => s.label === name)?.values ?? [];
    const i = latestIndex(values);
    return { value: values[i] ?? null, at: i === -1 ? null : (data.times[i] ?? null) };
  };
  const names = new Set(Object.values(charts).flatMap((data) => data.series.map((s) => s.label)));
  return [...names].sort((a, b) => a.localeCompare(b)).map((name) => {
    const points = Object.fromEntries(ROW_FIGURES.map((figure) => [figure, newest(charts[figure], name)])) as
      Record<RowFigure, { value: number | null; at: number | null }>;
    return {
      name,
      rate: points.rate.value,
      faults: points.faults.value,
      refusals: points.refusals.value,
      p50: points.p50.value,
      p95: points.p95.value,
      p99: points.p99.value,
      at: Object.fromEntries(ROW_FIGURES.map((figure) => [figure, points[figure].at])) as Record<RowFigure, number | null>,
    };
  });
}
