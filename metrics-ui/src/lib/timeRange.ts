// The time ranges the dashboard offers and how each becomes a Prometheus range query.

export interface TimeRange {
  key: string;
  label: string;
  seconds: number;
}

export const TIME_RANGES: readonly TimeRange[] = [
  { key: '5m', label: '5 min', seconds: 5 * 60 },
  { key: '15m', label: '15 min', seconds: 15 * 60 },
  { key: '1h', label: '1 h', seconds: 3600 },
  { key: '12h', label: '12 h', seconds: 12 * 3600 },
  { key: '24h', label: '24 h', seconds: 24 * 3600 },
];

/** About this many points per line: enough to see a spike, few enough to draw at once. */
export const POINTS_PER_LINE = 240;

/** Seconds between points: the range over {@link POINTS_PER_LINE}, never finer than the scrape interval. */
export function stepSeconds(rangeSeconds: number, scrapeIntervalSeconds: number): number {
  return Math.max(scrapeIntervalSeconds, Math.ceil(rangeSeconds / POINTS_PER_LINE));
}

/**
 * The rate() window: at least four scrapes, so two samples are always in it even when one scrape
 * is lost, and at least one step, so no call between two points is skipped.
 */
export function rateWindowSeconds(step: number, scrapeIntervalSeconds: number): number {
  return Math.max(4 * scrapeIntervalSeconds, step);
}

export interface RangeQuery {
  query: string;
  start: number;
  end: number;
  step: number;
}

/** The dashboard server's path for a range query (whole seconds, so the points fall on a known grid). */
export function rangeQueryPath({ query, start, end, step }: RangeQuery): string {
  const params = new URLSearchParams({ query, start: String(start), end: String(end), step: String(step) });
  return `/prometheus/api/v1/query_range?${params.toString()}`;
}

/** The range query a {@link rangeQueryPath} asks for, or null for any other path. */
export function rangeQueryOfPath(path: string): RangeQuery | null {
  const params = new URLSearchParams(path.slice(path.indexOf('?') + 1));
  const [query, start, end, step] = ['query', 'start', 'end', 'step'].map((key) => params.get(key));
  if (!path.startsWith('/prometheus/api/v1/query_range?') || query == null || start == null || end == null || step == null) {
    return null;
  }
  return { query, start: Number(start), end: Number(end), step: Number(step) };
}

/** Start and end, in whole seconds, of the range that ends at `nowMs`. */
export function rangeBounds(nowMs: number, rangeSeconds: number): { start: number; end: number } {
  const end = Math.floor(nowMs / 1000);
  return { start: end - rangeSeconds, end };
}
