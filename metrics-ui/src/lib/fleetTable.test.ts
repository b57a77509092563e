import { describe, expect, it } from 'vitest';
import type { LockerRow, Trouble } from './fleetRows.ts';
import { filterRows, nextSort, NO_FILTER, sortRows, TROUBLE_FIRST } from './fleetTable.ts';

function row(locker: string, fields: Partial<LockerRow> = {}): LockerRow {
  return {
    locker, site: null, reporting: 'reporting', lastSeen: 0, ageSeconds: 2, calls: 1, faultShare: 0, refusalShare: 0, p95: 0.05,
    doorsFree: 5, doorsOccupied: 5, doorsOutOfService: 0, alarms: 0, outboxPending: 0, outboxOldestSeconds: 0, dbUp: true,
    memoryUsed: 400, memoryTotal: 1000, memoryAvailable: 500, worstFunction: 'controller', worstLimitShare: 0.5, troubles: [], ...fields,
  };
}
const troubled = (locker: string, ...troubles: Trouble[]) => row(locker, { troubles });
const names = (rows: LockerRow[]) => rows.map((r) => r.locker);

describe('sorting and filtering the fleet', () => {
  it('lists lockers in trouble first, worst trouble first, then more troubles, then by name', () => {
    const rows = [row('a-fine'), troubled('b-faults', 'faults'), troubled('c-silent', 'not reporting'),
      troubled('d-alarm-and-faults', 'door alarm', 'faults'), troubled('e-alarm', 'door alarm'), row('0-fine'),
      troubled('f-silent-too', 'not reporting')];

    expect(names(sortRows(rows, TROUBLE_FIRST))).toEqual(
      ['c-silent', 'f-silent-too', 'd-alarm-and-faults', 'e-alarm', 'b-faults', '0-fine', 'a-fine']);
  });

  it('sorts by a column either way, unknown values last both times', () => {
    const rows = [row('slow', { p95: 2 }), row('none', { p95: null }), row('fast', { p95: 0.01 }), row('mid', { p95: 0.3 })];

    expect(names(sortRows(rows, { by: 'p95', descending: true }))).toEqual(['slow', 'mid', 'fast', 'none']);
    expect(names(sortRows(rows, { by: 'p95', descending: false }))).toEqual(['fast', 'mid', 'slow', 'none']);
  });

  it('sorts by the share of the machine\'s memory the functions use, a locker without one last', () => {
    const rows = [row('half', { memoryUsed: 500 }), row('unknown', { memoryTotal: null }), row('most', { memoryUsed: 900 }),
      row('small-pi', { memoryUsed: 400, memoryTotal: 500 })];

    expect(names(sortRows(rows, { by: 'memory', descending: true }))).toEqual(['most', 'small-pi', 'half', 'unknown']);
  });

  it('sorts by the share of its limit the function nearest it uses', () => {
    const rows = [row('low', { worstLimitShare: 0.3 }), row('none', { worstLimitShare: null }), row('high', { worstLimitShare: 0.95 })];

    expect(names(sortRows(rows, { by: 'worstFunction', descending: true }))).toEqual(['high', 'low', 'none']);
  });

  it('lists lockers short of memory right after those not reporting', () => {
    const rows = [troubled('alarm', 'door alarm'), troubled('short', 'short of memory'), troubled('silent', 'not reporting'),
      troubled('db', 'database unreachable')];

    expect(names(sortRows(rows, TROUBLE_FIRST))).toEqual(['silent', 'short', 'db', 'alarm']);
  });

  it('sorts text columns by name and breaks ties by locker', () => {
    const rows = [row('b', { site: 'porto' }), row('c', { site: null }), row('a', { site: 'porto' }), row('d', { site: 'lisboa' })];

    expect(names(sortRows(rows, { by: 'site', descending: false }))).toEqual(['d', 'a', 'b', 'c']);
    expect(names(sortRows(rows, { by: 'locker', descending: true }))).toEqual(['d', 'c', 'b', 'a']);
  });

  it('sorts "last seen" by age, a locker never seen last', () => {
    const rows = [row('never', { ageSeconds: null }), row('old', { ageSeconds: 900 }), row('new', { ageSeconds: 1 })];

    expect(names(sortRows(rows, { by: 'lastSeen', descending: true }))).toEqual(['old', 'new', 'never']);
  });

  it('turns a second click on the same header into the other direction; numbers start highest first', () => {
    expect(nextSort(TROUBLE_FIRST, 'p95')).toEqual({ by: 'p95', descending: true });
    expect(nextSort({ by: 'p95', descending: true }, 'p95')).toEqual({ by: 'p95', descending: false });
    expect(nextSort({ by: 'p95', descending: true }, 'locker')).toEqual({ by: 'locker', descending: false });
  });

  it('filters on the locker or site, ignoring case', () => {
    const rows = [row('locker-001', { site: 'lisboa-alvalade' }), row('locker-002', { site: 'porto-boavista' }), row('LOCKER-PORTO')];

    expect(names(filterRows(rows, { text: 'Porto', onlyTrouble: false }))).toEqual(['locker-002', 'LOCKER-PORTO']);
    expect(names(filterRows(rows, { text: ' 001 ', onlyTrouble: false }))).toEqual(['locker-001']);
    expect(names(filterRows(rows, NO_FILTER))).toHaveLength(3);
  });

  it('keeps only lockers in trouble when asked', () => {
    const rows = [row('fine'), troubled('silent', 'not reporting'), troubled('jammed', 'door out of service')];

    expect(names(filterRows(rows, { text: '', onlyTrouble: true }))).toEqual(['silent', 'jammed']);
    expect(names(filterRows(rows, { text: 'jam', onlyTrouble: true }))).toEqual(['jammed']);
  });
});
