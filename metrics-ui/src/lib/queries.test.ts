import { describe, expect, it } from 'vitest';
import {
  ALL_LOCKERS, escapeLabelValue, FLEET_QUERIES, faultRatio, instantQueryPath, invocationRate, latencyQuantile, MEMORY_GAUGES, memoryQueries,
  refusalRatio, residentMemory, selector,
} from './queries.ts';

describe('PromQL for the gateway metrics', () => {
  it('filters on the chosen locker', () => {
    expect(invocationRate('locker-001', 60)).toBe(
      'sum by (function_name) (rate(gateway_function_invocation_total{locker="locker-001"}[60s]))');
  });

  it('takes every locker together when none is chosen', () => {
    expect(invocationRate(ALL_LOCKERS, 15)).toBe('sum by (function_name) (rate(gateway_function_invocation_total[15s]))');
  });

  it('counts only 5xx as the function\'s faults and gives 0, not a gap, to a function without any', () => {
    expect(faultRatio('locker-001', 60)).toBe(
      '(sum by (function_name) (rate(gateway_function_invocation_total{locker="locker-001",code=~"5.."}[60s]))'
      + ' or sum by (function_name) (rate(gateway_function_invocation_total{locker="locker-001"}[60s])) * 0)'
      + ' / sum by (function_name) (rate(gateway_function_invocation_total{locker="locker-001"}[60s]))');
  });

  it('counts 4xx (a wrong code typed, an unsigned call) apart, as refusals', () => {
    expect(refusalRatio('locker-001', 60)).toBe(
      '(sum by (function_name) (rate(gateway_function_invocation_total{locker="locker-001",code=~"4.."}[60s]))'
      + ' or sum by (function_name) (rate(gateway_function_invocation_total{locker="locker-001"}[60s])) * 0)'
      + ' / sum by (function_name) (rate(gateway_function_invocation_total{locker="locker-001"}[60s]))');
  });

  it('takes latency quantiles from the histogram buckets by le and function', () => {
    expect(latencyQuantile(0.95, 'locker-001', 60)).toBe(
      'histogram_quantile(0.95, sum by (le, function_name) (rate(gateway_functions_seconds_bucket{locker="locker-001"}[60s])))');
  });

  it.each([
    ['plain', 'plain'],
    ['say "hi"', 'say \\"hi\\"'],
    ['back\\slash', 'back\\\\slash'],
    ['two\nlines', 'two\\nlines'],
  ])('escapes the label value %j', (value, escaped) => {
    expect(escapeLabelValue(value)).toBe(escaped);
  });

  it('cannot be broken out of by a locker name with a quote', () => {
    expect(selector('up', 'x"} or vector(1) or up{a="')).toBe('up{locker="x\\"} or vector(1) or up{a=\\""}');
  });

  it('writes no braces for a metric without matchers', () => {
    expect(selector('up', ALL_LOCKERS)).toBe('up');
    expect(selector('up', ALL_LOCKERS, ['job="gateway"'])).toBe('up{job="gateway"}');
  });
});

describe('PromQL for the fleet overview', () => {
  it('reads the per-locker recording rules of prometheus/fleet-rules.yml in one selector', () => {
    expect(FLEET_QUERIES.recorded).toBe('{__name__=~"locker:gateway_calls:rate5m|locker:gateway_faults:rate5m'
      + '|locker:gateway_refusals:rate5m|locker:gateway_latency_seconds:p95_5m|locker:last_seen_timestamp_seconds"}');
  });

  it('asks a handful of queries for the whole fleet, each one series per locker, none naming a locker', () => {
    const queries = Object.values(FLEET_QUERIES);

    expect(queries).toHaveLength(11);
    for (const query of queries) {
      expect(query).not.toMatch(/locker="/);
      expect(query).not.toMatch(/\[\d+[smh]\]/);
    }
    expect(FLEET_QUERIES.doors).toBe('sum by (locker, state) (cacifo_doors)');
    expect(FLEET_QUERIES.dbUp).toBe('min by (locker) (cacifo_db_up)');
  });

  it('sums the functions\' resident memory per locker, not the gateway\'s or the provider\'s own', () => {
    expect(FLEET_QUERIES.memoryUsed).toBe('sum by (locker) (process_resident_memory_bytes{job="functions"})');
    expect(FLEET_QUERIES.memoryTotal).toBe('max by (locker) (cacifo_machine_memory_total_bytes)');
    expect(FLEET_QUERIES.memoryAvailable).toBe('min by (locker) (cacifo_machine_memory_available_bytes)');
  });

  it('finds each locker\'s function nearest its limit, joining the limit on the function alone', () => {
    expect(FLEET_QUERIES.worstLimitShare).toBe('topk by (locker) (1, max by (locker, function) '
      + '(process_resident_memory_bytes{job="functions"}) / on (function) group_left cacifo:function_memory_limit_bytes)');
  });

  it('sends an instant query to the dashboard server, encoded, at a time when given', () => {
    expect(instantQueryPath('up{job="lockers"}')).toBe('/prometheus/api/v1/query?query=up%7Bjob%3D%22lockers%22%7D');
    expect(instantQueryPath('up', 1_800_000_000)).toBe('/prometheus/api/v1/query?query=up&time=1800000000');
  });
});

describe('PromQL for a locker\'s memory', () => {
  const queries = memoryQueries('locker-001', 3600);

  it('reads the functions\' gauges in one selector, only job functions (the gateway has process_* series too)', () => {
    expect(queries.gauges).toBe('{locker="locker-001",__name__=~"process_resident_memory_bytes|process_start_time_seconds'
      + '|jvm_memory_used_bytes|jvm_memory_max_bytes|jvm_memory_pool_used_bytes|jvm_threads_current|cacifo_handler_threads'
      + '|cacifo_handler_threads_busy|cacifo_handler_queue_capacity|cacifo_handler_queue_waiting'
      + '|cacifo_machine_memory_total_bytes|cacifo_machine_memory_available_bytes",job="functions"}');
    expect(Object.values(MEMORY_GAUGES).every((name) => /^[a-z_]+$/.test(name))).toBe(true);
  });

  it('reads the limits recorded centrally, the same for every locker', () => {
    expect(queries.limits).toBe('cacifo:function_memory_limit_bytes');
  });

  it('takes the GC time share over 5 min, every collector together', () => {
    expect(queries.gcShare).toBe(
      'sum by (function) (rate(jvm_gc_collection_seconds_sum{locker="locker-001",job="functions"}[300s]))');
  });

  it('counts restarts as changes of the start time over the page\'s range', () => {
    expect(queries.restarts).toBe(
      'max by (function) (changes(process_start_time_seconds{locker="locker-001",job="functions"}[3600s]))');
    expect(memoryQueries('locker-001', 12 * 3600).restarts).toContain('[43200s]');
  });

  it('charts each function\'s resident memory', () => {
    expect(residentMemory('locker-001')).toBe('max by (function) (process_resident_memory_bytes{locker="locker-001",job="functions"})');
  });
});
