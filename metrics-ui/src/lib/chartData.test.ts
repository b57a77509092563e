import { describe, expect, it } from 'vitest';
import type { RangeSeries } from '../api/responseTypes.ts';
import {
  colorFor, functionLabel, functionRows, isIsolated, KNOWN_FUNCTIONS, latestIndex, nonZeroSeries, sampleValue, toChartData,
} from './chartData.ts';

const series = (fn: string, values: [number, string][]): RangeSeries => ({
  metric: { function_name: `${fn}.openfaas-fn` }, values,
});

describe('from samples to chart lines', () => {
  it('puts each sample on its step and leaves missing steps as gaps', () => {
    const data = toChartData([series('controller', [[100, '1'], [130, '3']])], 100, 145, 15);

    expect(data.times).toEqual([100_000, 115_000, 130_000, 145_000]);
    expect(data.series).toEqual([{ label: 'controller', color: colorFor('controller'), values: [1, null, 3, null] }]);
  });

  it('turns NaN and infinities into gaps, not zeros', () => {
    const data = toChartData([series('door-io', [[0, 'NaN'], [10, '+Inf'], [20, '-Inf'], [30, '0']])], 0, 30, 10);

    expect(data.series[0]?.values).toEqual([null, null, null, 0]);
  });

  it('scales values, e.g. a ratio to percent', () => {
    const data = toChartData([series('screen-io', [[0, '0.25']])], 0, 0, 15, 100);

    expect(data.series[0]?.values).toEqual([25]);
  });

  it('matches samples whose timestamps carry float noise', () => {
    const data = toChartData([series('x', [[100.0000001, '2']])], 100, 100, 15);

    expect(data.series[0]?.values).toEqual([2]);
  });

  it('sorts lines by function and strips faasd\'s namespace', () => {
    const data = toChartData([series('user-manager', []), series('controller', [])], 0, 0, 15);

    expect(data.series.map((s) => s.label)).toEqual(['controller', 'user-manager']);
    expect(functionLabel({})).toBe('all functions');
    expect(functionLabel({ function_name: 'plain' })).toBe('plain');
    // The functions' own /metrics, scraped as job functions, name them in `function`.
    expect(functionLabel({ function: 'door-manager', job: 'functions' })).toBe('door-manager');
  });

  it('reads sample texts as Prometheus writes them', () => {
    expect(sampleValue('1e-3')).toBe(0.001);
    expect(sampleValue('NaN')).toBeNull();
    expect(sampleValue('')).toBe(0);
  });

  it('finds the newest value that is not a gap', () => {
    expect(latestIndex([1, 2, null, null])).toBe(1);
    expect(latestIndex([null, null])).toBe(-1);
    expect(latestIndex([])).toBe(-1);
  });

  it('names the lines above zero, which is what the end-to-end test looks for', () => {
    const data = toChartData([series('a', [[0, '0']]), series('b', [[0, '0.5']]), series('c', [[0, 'NaN']])], 0, 0, 15);

    expect(nonZeroSeries(data)).toEqual(['b']);
  });

  it('gives each of the locker\'s functions its own colour, the same every time', () => {
    const colours = KNOWN_FUNCTIONS.map(colorFor);

    expect(new Set(colours).size).toBe(KNOWN_FUNCTIONS.length);
    expect(colorFor('controller')).toBe(colorFor('controller'));
    expect(colorFor('some-other-fn')).toMatch(/^#[0-9a-f]{6}$/);
    expect(colours).not.toContain(colorFor('some-other-fn'));
  });

  it('finds the values a line cannot show because no neighbour has one', () => {
    const values = [null, 1, null, 2, 3, null, 4];

    expect(values.map((_, i) => isIsolated(values, i))).toEqual([false, true, false, false, false, false, true]);
  });

  it('makes one table row per function from the newest values of each chart', () => {
    // Two points, 15 s apart; a line whose newest point is a gap gives its value at the one before.
    const at = (fn: string, values: [number, string][]) => toChartData([series(fn, values)], 0, 15, 15);
    const none = toChartData([], 0, 15, 15);

    const rows = functionRows({
      rate: at('controller', [[0, '1'], [15, '2']]), faults: at('controller', [[15, '0']]), refusals: at('screen-io', [[15, '100']]),
      p50: at('controller', [[0, '0.01']]), p95: at('controller', [[0, '0.04'], [15, '0.05']]), p99: none,
    });

    expect(rows).toEqual([
      { name: 'controller', rate: 2, faults: 0, refusals: null, p50: 0.01, p95: 0.05, p99: null,
        at: { rate: 15_000, faults: 15_000, refusals: null, p50: 0, p95: 15_000, p99: null } },
      { name: 'screen-io', rate: null, faults: null, refusals: 100, p50: null, p95: null, p99: null,
        at: { rate: null, faults: null, refusals: 15_000, p50: null, p95: null, p99: null } },
    ]);
  });
});
