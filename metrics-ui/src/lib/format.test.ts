import { describe, expect, it } from 'vitest';
import {
  formatAge, formatClock, formatCount, formatDuration, formatMiB, formatPercent, formatRate, formatSeconds, formatShare, formatSmallShare, NO_VALUE,
} from './format.ts';

describe('formatting', () => {
  it.each([
    [null, NO_VALUE], [0, '0/s'], [1.25, '1.25/s'], [0.03333, '0.0333/s'], [123.456, '123.5/s'],
  ])('a rate of %s reads %s', (value, text) => {
    expect(formatRate(value)).toBe(text);
  });

  it.each([[null, NO_VALUE], [0, '0 %'], [4.83, '4.8 %'], [100, '100 %'], [12.6, '13 %']])(
    '%s percent reads %s', (value, text) => {
      expect(formatPercent(value)).toBe(text);
    });

  it.each([[null, NO_VALUE], [0.0042, '4.2 ms'], [0.25, '250 ms'], [1.5, '1.5 s'], [0.0125, '13 ms']])(
    '%s seconds read %s', (value, text) => {
      expect(formatSeconds(value)).toBe(text);
    });

  it('shows clock times with or without seconds', () => {
    const at = new Date(2026, 10, 26, 9, 5, 7).getTime();

    expect(formatClock(at, false)).toBe('09:05');
    expect(formatClock(at, true)).toBe('09:05:07');
  });

  it.each([[null, NO_VALUE], [0, '0 %'], [0.0483, '4.8 %'], [1, '100 %']])('a share of %s reads %s', (value, text) => {
    expect(formatShare(value)).toBe(text);
  });

  it.each([[null, NO_VALUE], [0, '0 s'], [59.9, '59 s'], [60, '1 min'], [3599, '59 min'], [7200, '2 h'], [90000, '1 d']])(
    '%s seconds last %s', (value, text) => {
      expect(formatDuration(value)).toBe(text);
    });

  it.each([[null, NO_VALUE], [0, '0 %'], [0.00012, '0.012 %'], [0.0035, '0.35 %'], [0.0125, '1.3 %'], [0.126, '13 %']])(
    'a small share of %s reads %s', (value, text) => {
      expect(formatSmallShare(value)).toBe(text);
    });

  it.each([[null, NO_VALUE], [0, '0 MiB'], [512 * 1024, '0.5 MiB'], [76_965_478, '73.4 MiB'], [100663296, '96 MiB'],
    [970_981_376, '926 MiB']])('%s bytes read %s', (value, text) => {
    expect(formatMiB(value)).toBe(text);
  });

  it.each([[null, NO_VALUE], [0, '0'], [12, '12']])('a count of %s reads %s', (value, text) => {
    expect(formatCount(value)).toBe(text);
  });

  it('says how long ago a locker was seen, or that it never was', () => {
    expect(formatAge(3)).toBe('3 s ago');
    expect(formatAge(null)).toBe('never');
  });
});
