// Sorting and filtering the fleet overview's rows. Pure, tested in fleetTable.test.ts.
import { type LockerRow, memoryShare, TROUBLES } from './fleetRows.ts';

/** The overview's columns, in order, with the value each sorts by (null: unknown, always last). */
export const FLEET_COLUMNS = [
  { key: 'locker', label: 'locker', value: (row: LockerRow) => row.locker },
  { key: 'site', label: 'site', value: (row: LockerRow) => row.site },
  { key: 'lastSeen', label: 'last seen', value: (row: LockerRow) => row.ageSeconds },
  { key: 'calls', label: 'calls', value: (row: LockerRow) => row.calls },
  { key: 'faults', label: 'faults (5xx)', value: (row: LockerRow) => row.faultShare },
  { key: 'refusals', label: 'refusals (4xx)', value: (row: LockerRow) => row.refusalShare },
  { key: 'p95', label: 'p95', value: (row: LockerRow) => row.p95 },
  { key: 'occupied', label: 'occupied', value: (row: LockerRow) => row.doorsOccupied },
  { key: 'outOfService', label: 'out of service', value: (row: LockerRow) => row.doorsOutOfService },
  { key: 'alarms', label: 'alarms', value: (row: LockerRow) => row.alarms },
  { key: 'outbox', label: 'outbox', value: (row: LockerRow) => row.outboxPending },
  { key: 'memory', label: 'memory', value: memoryShare },
  { key: 'worstFunction', label: 'nearest its limit', value: (row: LockerRow) => row.worstLimitShare },
] as const;

export type FleetColumn = (typeof FLEET_COLUMNS)[number]['key'];

/** `trouble`: the default order, lockers in trouble first, worst first. */
export interface FleetSort {
  by: FleetColumn | 'trouble';
  descending: boolean;
}

export const TROUBLE_FIRST: FleetSort = { by: 'trouble', descending: false };

export interface FleetFilter {
  /** Matched, ignoring case, anywhere in the locker's name or its site. */
  text: string;
  onlyTrouble: boolean;
}

export const NO_FILTER: FleetFilter = { text: '', onlyTrouble: false };

/** The rows the filter keeps, in their order. */
export function filterRows(rows: readonly LockerRow[], filter: FleetFilter): LockerRow[] {
  const text = filter.text.trim().toLowerCase();
  return rows.filter((row) => (!filter.onlyTrouble || row.troubles.length > 0)
    && (text === '' || row.locker.toLowerCase().includes(text) || (row.site ?? '').toLowerCase().includes(text)));
}

/** Worst trouble first (its place in TROUBLES), then more troubles first; a locker in good order last. */
function troubleRank(row: LockerRow): [number, number] {
  const first = row.troubles[0];
  return [first === undefined ? TROUBLES.length : TROUBLES.indexOf(first), -row.troubles.length];
}

function compareValues(a: string | number | null, b: string | number | null): number {
  if (typeof a === 'string' && typeof b === 'string') {
    return a.localeCompare(b);
  }
  return Number(a) - Number(b);
}

/**
 * The rows in `sort`'s order; ties by locker name. Unknown values (null) stay last whichever the
 * direction, so "highest p95 first" never starts with lockers that have no p95.
 */
export function sortRows(rows: readonly LockerRow[], sort: FleetSort): LockerRow[] {
  const byName = (a: LockerRow, b: LockerRow) => a.locker.localeCompare(b.locker);
  if (sort.by === 'trouble') {
    return [...rows].sort((a, b) => {
      const [ra, rb] = [troubleRank(a), troubleRank(b)];
      return ra[0] - rb[0] || ra[1] - rb[1] || byName(a, b);
    });
  }
  const column = FLEET_COLUMNS.find((c) => c.key === sort.by);
  if (!column) {
    return [...rows];
  }
  const direction = sort.descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const [va, vb] = [column.value(a), column.value(b)];
    if (va === null || vb === null) {
      return (va === null ? 1 : 0) - (vb === null ? 1 : 0) || byName(a, b);
    }
    return direction * compareValues(va, vb) || byName(a, b);
  });
}

/**
 * A click on a column's header: names A to Z, numbers highest first (the busiest, the slowest, the
 * longest silent), or the other way round when that column is already the order.
 */
export function nextSort(current: FleetSort, column: FleetColumn): FleetSort {
  if (current.by === column) {
    return { by: column, descending: !current.descending };
  }
  return { by: column, descending: column !== 'locker' && column !== 'site' };
}
