import { describe, expect, it } from 'vitest';
import { ALL_LOCKERS, errorRatio, escapeLabelValue, invocationRate, latencyQuantile, selector } from './queries.ts';

describe('PromQL for the gateway metrics', () => {
  it('filters on the chosen locker', () => {
    expect(invocationRate('locker-001', 60)).toBe(
      'sum by (function_name) (rate(gateway_function_invocation_total{locker="locker-001"}[60s]))');
  });

  it('takes every locker together when none is chosen', () => {
    expect(invocationRate(ALL_LOCKERS, 15)).toBe('sum by (function_name) (rate(gateway_function_invocation_total[15s]))');
  });

  it('counts any code outside 2xx as an error and gives 0, not a gap, to a function without errors', () => {
    expect(errorRatio('locker-001', 60)).toBe(
      '(sum by (function_name) (rate(gateway_function_invocation_total{locker="locker-001",code!~"2.."}[60s]))'
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
