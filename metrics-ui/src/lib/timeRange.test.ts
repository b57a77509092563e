import { describe, expect, it } from 'vitest';
import { rangeBounds, rangeQueryOfPath, rangeQueryPath, rateWindowSeconds, stepSeconds, TIME_RANGES } from './timeRange.ts';

describe('time ranges', () => {
  it('offers 5 min, 15 min, 1 h, 12 h and 24 h', () => {
    expect(TIME_RANGES.map((r) => [r.key, r.seconds])).toEqual(
      [['5m', 300], ['15m', 900], ['1h', 3600], ['12h', 43200], ['24h', 86400]]);
  });

  it.each([
    // range, scrape interval, step, rate window
    [300, 15, 15, 60],
    [900, 15, 15, 60],
    [300, 2, 2, 8],
    [900, 2, 4, 8],
    [3600, 15, 15, 60],
    [43200, 15, 180, 180],
    [86400, 15, 360, 360],
    [3600, 2, 15, 15],
    [3600, 60, 60, 240],
  ])('a %i s range scraped every %i s has %i s steps and a %i s rate window', (range, scrape, step, window) => {
    expect(stepSeconds(range, scrape)).toBe(step);
    expect(rateWindowSeconds(stepSeconds(range, scrape), scrape)).toBe(window);
  });

  it('ends at the current whole second', () => {
    expect(rangeBounds(1_700_000_000_999, 3600)).toEqual({ start: 1_699_996_400, end: 1_700_000_000 });
  });

  it('asks the dashboard server, with the query encoded', () => {
    expect(rangeQueryPath({ query: 'sum(rate(x{a="b"}[1m]))', start: 10, end: 70, step: 15 })).toBe(
      '/prometheus/api/v1/query_range?query=sum%28rate%28x%7Ba%3D%22b%22%7D%5B1m%5D%29%29&start=10&end=70&step=15');
  });

  it('reads back the range a path asks for, and nothing from another path', () => {
    const asked = { query: 'sum(rate(x{a="b"}[1m]))', start: 10, end: 70, step: 15 };

    expect(rangeQueryOfPath(rangeQueryPath(asked))).toEqual(asked);
    expect(rangeQueryOfPath('/prometheus/api/v1/query?query=up')).toBeNull();
    expect(rangeQueryOfPath('/prometheus/api/v1/query_range?query=up&start=10')).toBeNull();
  });
});
