// PromQL for the gateway metrics as faasd's Prometheus has them, federated with a `locker` label
// (see prometheus-federate.yml). Pure functions, tested in queries.test.ts.

/** The locker selector's value for "every locker together". */
export const ALL_LOCKERS = '';

/** Escapes a label value for a double-quoted PromQL string. */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** `metric{a="b",...}`, the locker matcher first; no braces for no matcher. */
export function selector(metric: string, locker: string, extra: string[] = []): string {
  const matchers = [locker === ALL_LOCKERS ? '' : `locker="${escapeLabelValue(locker)}"`, ...extra].filter((m) => m !== '');
  return matchers.length === 0 ? metric : `${metric}{${matchers.join(',')}}`;
}

/** Calls per second, per function. */
export function invocationRate(locker: string, windowSeconds: number): string {
  return `sum by (function_name) (rate(${selector('gateway_function_invocation_total', locker)}[${windowSeconds}s]))`;
}

/**
 * The calls answered with a code of `codeClass` ("5": faults, "4": refusals) as a share of all
 * calls, per function. Kept apart because of the ground rule: a wrong code typed or an unsigned
 * call is the caller's (4xx, a refusal), never the function's error (5xx, a fault). A function
 * with calls but none of that class has no such series at all; `or ... * 0` makes that a 0
 * instead of a gap.
 */
function codeShare(codeClass: '4' | '5', locker: string, windowSeconds: number): string {
  const window = `[${windowSeconds}s]`;
  const all = `sum by (function_name) (rate(${selector('gateway_function_invocation_total', locker)}${window}))`;
  const some = `sum by (function_name) (rate(${selector('gateway_function_invocation_total', locker, [`code=~"${codeClass}.."`])}${window}))`;
  return `(${some} or ${all} * 0) / ${all}`;
}

/** The share of calls the function failed (5xx), per function. */
export function faultRatio(locker: string, windowSeconds: number): string {
  return codeShare('5', locker, windowSeconds);
}

/** The share of calls refused as the caller's mistake (4xx: a wrong code, an unsigned call), per function. */
export function refusalRatio(locker: string, windowSeconds: number): string {
  return codeShare('4', locker, windowSeconds);
}

export const QUANTILES = [
  { key: 'p50', value: 0.5 },
  { key: 'p95', value: 0.95 },
  { key: 'p99', value: 0.99 },
] as const;

export type QuantileKey = (typeof QUANTILES)[number]['key'];

/** Latency quantile in seconds, per function, from the gateway_functions_seconds histogram. */
export function latencyQuantile(quantile: number, locker: string, windowSeconds: number): string {
  const buckets = `rate(${selector('gateway_functions_seconds_bucket', locker)}[${windowSeconds}s])`;
  return `histogram_quantile(${quantile}, sum by (le, function_name) (${buckets}))`;
}

// The fleet overview: a few instant queries, each one for the whole fleet (one series per locker),
// read from the recording rules of prometheus/fleet-rules.yml where one exists, so their cost
// stays one series per locker at 1,000 lockers. The raw cacifo_* gauges are already one series
// per locker and function. Shaped into rows by fleetRows.ts.

/** The per-locker recorded series the overview reads, all in one selector (each keeps its name). */
export const FLEET_RECORDED = {
  calls: 'locker:gateway_calls:rate5m',
  faults: 'locker:gateway_faults:rate5m',
  refusals: 'locker:gateway_refusals:rate5m',
  p95: 'locker:gateway_latency_seconds:p95_5m',
  lastSeen: 'locker:last_seen_timestamp_seconds',
} as const;

export const FLEET_QUERIES = {
  /** Calls, faults, refusals, p95 and last seen of every locker (prometheus/fleet-rules.yml). */
  // The names hold no regex metacharacters (letters, `_` and `:`), so they join as they are.
  recorded: `{__name__=~"${Object.values(FLEET_RECORDED).join('|')}"}`,
  /** The central Prometheus's own scrape of each locker (federation only; absent with remote write). */
  up: 'up{job="lockers"}',
  doors: 'sum by (locker, state) (cacifo_doors)',
  alarms: 'sum by (locker) (cacifo_door_alarms_open)',
  outboxPending: 'sum by (locker) (cacifo_outbox_pending)',
  outboxOldest: 'max by (locker) (cacifo_outbox_oldest_pending_age_seconds)',
  /** 0 when any of the locker's functions could not read its database. */
  dbUp: 'min by (locker) (cacifo_db_up)',
} as const;

export type FleetQueryKey = keyof typeof FLEET_QUERIES;

/** The dashboard server's path for an instant query (evaluated at the central Prometheus's now). */
export function instantQueryPath(query: string): string {
  return `/prometheus/api/v1/query?${new URLSearchParams({ query }).toString()}`;
}
