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
 * The share of calls that did not succeed, per function. A call succeeds with any 2xx (inserts
 * answer 201), so errors are the codes outside 2xx. A function with calls but no error has no
 * error series at all; `or ... * 0` makes that a 0 instead of a gap.
 */
export function errorRatio(locker: string, windowSeconds: number): string {
  const window = `[${windowSeconds}s]`;
  const all = `sum by (function_name) (rate(${selector('gateway_function_invocation_total', locker)}${window}))`;
  const failed = `sum by (function_name) (rate(${selector('gateway_function_invocation_total', locker, ['code!~"2.."'])}${window}))`;
  return `(${failed} or ${all} * 0) / ${all}`;
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
