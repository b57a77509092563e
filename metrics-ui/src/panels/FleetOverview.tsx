// Container for the fleet overview: runs FLEET_QUERIES (a few instant queries, each for the whole
// fleet) through the one hook every scrape interval, merges them into rows, and sorts and filters
// them as the page says (the page keeps the choice, so it survives a visit to one locker).
import { combineVectorStates, useAPIQuery } from '../api/api.ts';
import type { VectorData } from '../api/responseTypes.ts';
import { FleetTable } from '../components/FleetTable.tsx';
import { Panel } from '../components/Panel.tsx';
import { fleetRows, notReportingAfterSeconds, rulesMissing } from '../lib/fleetRows.ts';
import { type FleetColumn, type FleetFilter, type FleetSort, filterRows, nextSort, sortRows, TROUBLE_FIRST } from '../lib/fleetTable.ts';
import { formatDuration, formatShare } from '../lib/format.ts';
import { MACHINE_AVAILABLE_LOW_SHARE, MEMORY_HIGH_SHARE } from '../lib/memoryRows.ts';
import { FLEET_QUERIES, type FleetQueryKey, instantQueryPath } from '../lib/queries.ts';

interface Props {
  scrapeIntervalSeconds: number;
  sort: FleetSort;
  onSort: (sort: FleetSort) => void;
  filter: FleetFilter;
  onFilter: (filter: FleetFilter) => void;
  onOpen: (locker: string) => void;
  hrefFor: (locker: string) => string;
}

function useFleetQuery(key: FleetQueryKey, refreshMs: number) {
  return useAPIQuery<VectorData>(instantQueryPath(FLEET_QUERIES[key]), { refreshMs });
}

export function FleetOverview({ scrapeIntervalSeconds, sort, onSort, filter, onFilter, onOpen, hrefFor }: Props) {
  const refreshMs = scrapeIntervalSeconds * 1000;
  // One hook per query (hooks cannot run in a loop over a changing list; this one is fixed).
  const states = {
    recorded: useFleetQuery('recorded', refreshMs),
    up: useFleetQuery('up', refreshMs),
    doors: useFleetQuery('doors', refreshMs),
    alarms: useFleetQuery('alarms', refreshMs),
    outboxPending: useFleetQuery('outboxPending', refreshMs),
    outboxOldest: useFleetQuery('outboxOldest', refreshMs),
    dbUp: useFleetQuery('dbUp', refreshMs),
    memoryUsed: useFleetQuery('memoryUsed', refreshMs),
    memoryTotal: useFleetQuery('memoryTotal', refreshMs),
    memoryAvailable: useFleetQuery('memoryAvailable', refreshMs),
    worstLimitShare: useFleetQuery('worstLimitShare', refreshMs),
  } satisfies Record<FleetQueryKey, unknown>;
  const { results, error, loading, waiting, updatedAt } = combineVectorStates(states);
  const all = fleetRows(results, scrapeIntervalSeconds);
  const rows = sortRows(filterRows(all, filter), sort);
  const sortBy = (column: FleetColumn | 'trouble') => onSort(column === 'trouble' ? TROUBLE_FIRST : nextSort(sort, column));

  return (
    <Panel title="Fleet" className="wide" testId="fleet" loading={loading} error={error}
      updatedAt={Number.isFinite(updatedAt) ? updatedAt : undefined}>
      <p className="small">
        Calls, faults, refusals and p95 over the last 5 min. Not reporting: never seen, the central
        Prometheus failing to scrape it, or no sample for {formatDuration(notReportingAfterSeconds(scrapeIntervalSeconds))}.
        Memory: the functions&apos; resident memory together against the machine&apos;s. Short of memory: a function at{' '}
        {formatShare(MEMORY_HIGH_SHARE)} of its limit or more, or the machine with under {formatShare(MACHINE_AVAILABLE_LOW_SHARE)} available.
      </p>
      {rulesMissing(results) && (
        <p className="error" role="alert" data-testid="fleet-rules-missing">
          The central Prometheus reaches lockers but has none of the fleet's recorded series: is
          prometheus/fleet-rules.yml in its rule_files? Until it is, every locker reads "never seen".
        </p>
      )}
      <FleetTable rows={rows} total={all.length} sort={sort} filter={filter} onSort={sortBy} onFilter={onFilter}
        onOpen={onOpen} hrefFor={hrefFor} waiting={waiting} />
    </Panel>
  );
}
