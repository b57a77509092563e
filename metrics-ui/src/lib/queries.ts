// PromQL for the gateway's metrics and the functions' own as the locker's Prometheus has them,
// federated with a `locker` label (see prometheus-federate.yml). Pure functions, tested in
// queries.test.ts.

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

/** Every function's resident set (VmRSS), scraped from its own /metrics (job `functions`, label `function`). */
const FUNCTION_RSS = 'process_resident_memory_bytes{job="functions"}';

/**
 * Each function's declared memory limit (stack.yaml's `limits.memory`), recorded centrally by
 * prometheus/function-limits.yml: labelled `function` only, the same for every locker.
 */
export const MEMORY_LIMIT = 'cacifo:function_memory_limit_bytes';

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
  /** The resident memory of the locker's functions together. */
  memoryUsed: `sum by (locker) (${FUNCTION_RSS})`,
  /** The machine's memory (MemTotal, MemAvailable): every function reads the same Pi, so any one tells. */
  memoryTotal: 'max by (locker) (cacifo_machine_memory_total_bytes)',
  memoryAvailable: 'min by (locker) (cacifo_machine_memory_available_bytes)',
  /** Each locker's function nearest its memory limit, as a share of that limit (the function in its labels). */
  worstLimitShare: `topk by (locker) (1, max by (locker, function) (${FUNCTION_RSS}) / on (function) group_left ${MEMORY_LIMIT})`,
} as const;

export type FleetQueryKey = keyof typeof FLEET_QUERIES;

/**
 * The dashboard server's path for an instant query, evaluated at `time` (unix seconds), or at the
 * central Prometheus's now without it.
 */
export function instantQueryPath(query: string, time?: number): string {
  const params = new URLSearchParams({ query, ...(time === undefined ? {} : { time: String(time) }) });
  return `/prometheus/api/v1/query?${params.toString()}`;
}

// The per-locker memory panel: instant queries evaluated at the page's range end. Unlike the
// gateway's series these carry `function` (the plain name) and come from job `functions`, whose
// process_* names the gateway's and provider's own series share.

/** The functions' gauges the memory panel reads, all in one selector; each keeps its name and labels. */
export const MEMORY_GAUGES = {
  rss: 'process_resident_memory_bytes',
  startTime: 'process_start_time_seconds',
  /** `area` "heap" and "nonheap". */
  memoryUsed: 'jvm_memory_used_bytes',
  memoryMax: 'jvm_memory_max_bytes',
  /** `pool`; the panel reads "Metaspace", the one pool the central Prometheus is sent. */
  poolUsed: 'jvm_memory_pool_used_bytes',
  threads: 'jvm_threads_current',
  handlerThreads: 'cacifo_handler_threads',
  handlerBusy: 'cacifo_handler_threads_busy',
  queueCapacity: 'cacifo_handler_queue_capacity',
  queueWaiting: 'cacifo_handler_queue_waiting',
  machineTotal: 'cacifo_machine_memory_total_bytes',
  machineAvailable: 'cacifo_machine_memory_available_bytes',
} as const;

/**
 * The GC time share's window, 5 min: as long as the FunctionGcTimeHigh alert (prometheus/alerts.yml)
 * must see GC time above its line before it fires.
 */
export const GC_WINDOW_SECONDS = 5 * 60;

/** The memory panel's queries for one locker; `rangeSeconds`, the page's range, bounds the restarts counted. */
export function memoryQueries(locker: string, rangeSeconds: number) {
  const functions = (metric: string) => selector(metric, locker, ['job="functions"']);
  return {
    // The names hold no regex metacharacters (letters and `_`), so they join as they are.
    gauges: selector('', locker, [`__name__=~"${Object.values(MEMORY_GAUGES).join('|')}"`, 'job="functions"']),
    limits: MEMORY_LIMIT,
    /** Seconds of garbage collection per second, over every collector. */
    gcShare: `sum by (function) (rate(${functions('jvm_gc_collection_seconds_sum')}[${GC_WINDOW_SECONDS}s]))`,
    /** A new start time is a new JVM: a restart, or a start from zero. */
    restarts: `max by (function) (changes(${functions('process_start_time_seconds')}[${rangeSeconds}s]))`,
  };
}

export type MemoryQueryKey = keyof ReturnType<typeof memoryQueries>;

/** The resident memory of each function over the page's range, for the chart. */
export function residentMemory(locker: string): string {
  return `max by (function) (${selector('process_resident_memory_bytes', locker, ['job="functions"'])})`;
}
