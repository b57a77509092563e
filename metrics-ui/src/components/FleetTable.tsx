// Draws the fleet overview: the filter, then one row per locker with sortable column headers.
// Only draws: the rows come shaped, sorted and filtered (lib/fleetRows.ts, lib/fleetTable.ts).
// Each row carries data-locker, data-reporting and data-trouble, and each cell data-column, which
// the end-to-end test reads.
import type { ReactNode } from 'react';
import { type LockerRow, memoryShare } from '../lib/fleetRows.ts';
import { FLEET_COLUMNS, type FleetColumn, type FleetFilter, type FleetSort } from '../lib/fleetTable.ts';
import { formatAge, formatDuration, formatMiB, formatRate, formatSeconds, formatShare, NO_VALUE } from '../lib/format.ts';

interface Props {
  rows: readonly LockerRow[];
  /** How many lockers there are before the filter. */
  total: number;
  sort: FleetSort;
  filter: FleetFilter;
  onSort: (column: FleetColumn | 'trouble') => void;
  onFilter: (filter: FleetFilter) => void;
  onOpen: (locker: string) => void;
  /** The address of one locker's page, so a row's link can be opened in a new tab too. */
  hrefFor: (locker: string) => string;
  /** True until every query has answered once: no row then means no answer yet, not an empty fleet. */
  waiting?: boolean;
}

const count = (value: number | null) => (value === null ? NO_VALUE : String(value));

/** `3 s ago`, or why the locker is not reporting: `not reporting: scrape failing, seen 5 min ago`. */
export function lastSeenText(row: LockerRow): string {
  switch (row.reporting) {
    case 'reporting':
      return formatAge(row.ageSeconds);
    case 'never seen':
      return 'not reporting: never seen';
    case 'scrape failing':
      return `not reporting: scrape failing, seen ${formatAge(row.ageSeconds)}`;
    case 'silent':
      return `not reporting: seen ${formatAge(row.ageSeconds)}`;
  }
}

/** `412 MiB of 926 MiB (44 %), 300 MiB available`; dashes for what is unknown. */
export function memoryText(row: LockerRow): string {
  if (row.memoryUsed === null && row.memoryTotal === null && row.memoryAvailable === null) {
    return NO_VALUE;
  }
  const share = memoryShare(row);
  return `${formatMiB(row.memoryUsed)} of ${formatMiB(row.memoryTotal)}${share === null ? '' : ` (${formatShare(share)})`}, `
    + `${formatMiB(row.memoryAvailable)} available`;
}

function cells(row: LockerRow, link: ReactNode): Record<FleetColumn, ReactNode> {
  const total = [row.doorsFree, row.doorsOccupied, row.doorsOutOfService].every((n) => n === null) ? null
    : (row.doorsFree ?? 0) + (row.doorsOccupied ?? 0) + (row.doorsOutOfService ?? 0);
  return {
    locker: link,
    site: row.site ?? NO_VALUE,
    lastSeen: <span className={row.reporting === 'reporting' ? 'calm' : 'alarm'}>{lastSeenText(row)}</span>,
    calls: formatRate(row.calls),
    faults: formatShare(row.faultShare),
    refusals: formatShare(row.refusalShare),
    p95: formatSeconds(row.p95),
    occupied: total === null ? NO_VALUE : `${count(row.doorsOccupied)} / ${total}`,
    outOfService: count(row.doorsOutOfService),
    alarms: count(row.alarms),
    outbox: row.outboxPending === null ? NO_VALUE
      : row.outboxPending === 0 ? '0' : `${row.outboxPending} (oldest ${formatDuration(row.outboxOldestSeconds)})`,
    memory: memoryText(row),
    worstFunction: row.worstLimitShare === null ? NO_VALUE : `${row.worstFunction ?? NO_VALUE} ${formatShare(row.worstLimitShare)}`,
  };
}

export function FleetTable({ rows, total, sort, filter, onSort, onFilter, onOpen, hrefFor, waiting = false }: Props) {
  const ariaSort = (key: FleetColumn | 'trouble') =>
    (sort.by === key ? (sort.descending ? 'descending' : 'ascending') : undefined);
  return (
    <>
      <div className="fleet-filter">
        <label>
          Filter{' '}
          <input type="search" value={filter.text} placeholder="locker or site" data-testid="fleet-filter"
            onChange={(event) => onFilter({ ...filter, text: event.target.value })} />
        </label>
        <label>
          <input type="checkbox" checked={filter.onlyTrouble} data-testid="fleet-only-trouble"
            onChange={(event) => onFilter({ ...filter, onlyTrouble: event.target.checked })} />
          {' '}only in trouble
        </label>
        <button type="button" aria-pressed={sort.by === 'trouble'} onClick={() => onSort('trouble')}>
          trouble first
        </button>
        <span className="small" data-testid="fleet-count">{rows.length} of {total} lockers</span>
      </div>
      <table className="numbers fleet" data-testid="fleet-table">
        <thead>
          <tr>
            {FLEET_COLUMNS.map((column) => (
              <th key={column.key} scope="col" aria-sort={ariaSort(column.key)}>
                <button type="button" className="sort" data-sort={column.key} onClick={() => onSort(column.key)}>
                  {column.label}{sort.by === column.key ? (sort.descending ? ' ▼' : ' ▲') : ''}
                </button>
              </th>
            ))}
            <th scope="col" aria-sort={ariaSort('trouble')}>trouble</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr><td colSpan={FLEET_COLUMNS.length + 1} className="empty">
              {waiting ? 'Asking the central Prometheus…'
                : total === 0 ? 'No locker known to the central Prometheus yet.' : 'No locker matches the filter.'}
            </td></tr>
          )}
          {rows.map((row) => {
            const link = (
              <a href={hrefFor(row.locker)} onClick={(event) => {
                // The row's own click opens it too; a modified click is the browser's (a new tab).
                event.stopPropagation();
                if (event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey) {
                  event.preventDefault();
                  onOpen(row.locker);
                }
              }}>{row.locker}</a>
            );
            const values = cells(row, link);
            return (
              <tr key={row.locker} data-locker={row.locker} data-reporting={row.reporting} data-trouble={row.troubles.join(',')}
                className={row.troubles.length > 0 ? 'in-trouble' : undefined} onClick={() => onOpen(row.locker)}>
                {FLEET_COLUMNS.map((column) => (
                  column.key === 'locker'
                    ? <th key={column.key} scope="row" data-column={column.key}>{values[column.key]}</th>
                    : <td key={column.key} data-column={column.key}>{values[column.key]}</td>
                ))}
                <td data-column="trouble" className={row.troubles.length > 0 ? 'alarm' : 'calm'}>
                  {row.troubles.length > 0 ? row.troubles.join(', ') : 'ok'}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
