// The fleet overview's rows: the instant-query results of FLEET_QUERIES (queries.ts) merged into
// one row per locker, with what is wrong with it. Pure, tested in fleetRows.test.ts.
import type { InstantSample } from '../api/responseTypes.ts';
import { sampleValue } from './chartData.ts';
import { machineShortOfMemory, nearItsLimit, shareOfMachine } from './memoryRows.ts';
import { FLEET_RECORDED, type FleetQueryKey } from './queries.ts';

/**
 * A locker whose newest sample is older than this many scrape intervals is not reporting. Its
 * newest sample can lag by one interval at each of three steps (the locker's own scrape, the
 * centre's federation scrape or remote-write batch, the recording rule's evaluation); twice
 * that absorbs one lost scrape on a 4G link without flapping.
 */
export const NOT_REPORTING_AFTER_SCRAPES = 6;

/**
 * An outbox whose oldest pending event is this old is a backlog: the line, the same as
 * the OutboxEventStale alert of prometheus/alerts.yml (900 s).
 */
export const OUTBOX_BACKLOG_SECONDS = 15 * 60;

/** What can be wrong with a locker, worst first: the overview lists lockers in this order. */
export const TROUBLES = ['not reporting', 'short of memory', 'database unreachable', 'door alarm', 'faults', 'outbox backlog',
  'door out of service'] as const;

export type Trouble = (typeof TROUBLES)[number];

/** Why a locker counts as (not) reporting. */
export type Reporting = 'reporting' | 'never seen' | 'scrape failing' | 'silent';

export interface LockerRow {
  locker: string;
  /** The `site` label of the centre's targets file, when the locker has one. */
  site: string | null;
  reporting: Reporting;
  /** Unix seconds of the newest sample from the locker, null when never seen. */
  lastSeen: number | null;
  /** Seconds between that sample and the query's evaluation time. */
  ageSeconds: number | null;
  /** Calls per second over 5 min; null when the locker has no call counts. */
  calls: number | null;
  /** Shares of the calls (0..1) answered 5xx and 4xx; null when there were no calls. */
  faultShare: number | null;
  refusalShare: number | null;
  p95: number | null;
  doorsFree: number | null;
  doorsOccupied: number | null;
  doorsOutOfService: number | null;
  alarms: number | null;
  outboxPending: number | null;
  outboxOldestSeconds: number | null;
  /** False when a function could not read its database; null when unknown. */
  dbUp: boolean | null;
  /** Bytes: the functions' resident memory together, and the machine's MemTotal and MemAvailable. */
  memoryUsed: number | null;
  memoryTotal: number | null;
  memoryAvailable: number | null;
  /** The function nearest its memory limit, and its resident memory as a share of that limit (0..1). */
  worstFunction: string | null;
  worstLimitShare: number | null;
  /** Worst first, in the order of {@link TROUBLES}; empty for a locker in good order. */
  troubles: Trouble[];
}

/** Each query's result; a query that failed or has not answered yet is undefined. */
export type FleetResults = Partial<Record<FleetQueryKey, InstantSample[]>>;

interface Gathered {
  site: string | null;
  up: number | null;
  recorded: Partial<Record<RecordedKey, number | null>>;
  doors: Partial<Record<string, number | null>>;
  alarms: number | null;
  outboxPending: number | null;
  outboxOldest: number | null;
  dbUp: number | null;
  memoryUsed: number | null;
  memoryTotal: number | null;
  memoryAvailable: number | null;
  worstFunction: string | null;
  worstLimitShare: number | null;
}

type RecordedKey = keyof typeof FLEET_RECORDED;
const RECORDED_BY_NAME = new Map<string, RecordedKey>(
  Object.entries(FLEET_RECORDED).map(([key, name]) => [name, key as RecordedKey] as const));

/**
 * One row per locker named by any result (a locker the centre lists but never reached has only
 * `up`), sorted by name. Ages are measured from when the queries were evaluated (the newest
 * sample time of the results: an instant query's samples carry it), so the browser's clock does
 * not matter.
 */
export function fleetRows(results: FleetResults, scrapeIntervalSeconds: number): LockerRow[] {
  const lockers = new Map<string, Gathered>();
  const at = (sample: InstantSample): Gathered | null => {
    const name = sample.metric.locker;
    if (!name) {
      return null;
    }
    let gathered = lockers.get(name);
    if (!gathered) {
      gathered = {
        site: null, up: null, recorded: {}, doors: {}, alarms: null, outboxPending: null, outboxOldest: null, dbUp: null,
        memoryUsed: null, memoryTotal: null, memoryAvailable: null, worstFunction: null, worstLimitShare: null,
      };
      lockers.set(name, gathered);
    }
    gathered.site ??= sample.metric.site ?? null;
    return gathered;
  };
  let evaluatedAt = 0;
  const each = (key: FleetQueryKey, take: (gathered: Gathered, value: number | null, sample: InstantSample) => void) => {
    for (const sample of results[key] ?? []) {
      evaluatedAt = Math.max(evaluatedAt, sample.value[0]);
      const gathered = at(sample);
      if (gathered) {
        take(gathered, sampleValue(sample.value[1]), sample);
      }
    }
  };
  each('recorded', (g, value, sample) => {
    const key = RECORDED_BY_NAME.get(sample.metric.__name__ ?? '');
    if (key) {
      g.recorded[key] = value;
    }
  });
  // Federation may list one locker under several targets (moved, duplicated): the worst counts.
  each('up', (g, value) => {
    if (value !== null) {
      g.up = g.up === null ? value : Math.min(g.up, value);
    }
  });
  each('doors', (g, value, sample) => { g.doors[sample.metric.state ?? ''] = value; });
  each('alarms', (g, value) => { g.alarms = value; });
  each('outboxPending', (g, value) => { g.outboxPending = value; });
  each('outboxOldest', (g, value) => { g.outboxOldest = value; });
  each('dbUp', (g, value) => { g.dbUp = value; });
  each('memoryUsed', (g, value) => { g.memoryUsed = value; });
  each('memoryTotal', (g, value) => { g.memoryTotal = value; });
  each('memoryAvailable', (g, value) => { g.memoryAvailable = value; });
  each('worstLimitShare', (g, value, sample) => {
    if (value !== null && (g.worstLimitShare === null || value > g.worstLimitShare)) {
      g.worstLimitShare = value;
      g.worstFunction = sample.metric.function ?? null;
    }
  });

  return [...lockers.entries()].sort(([a], [b]) => a.localeCompare(b))
    .map(([locker, g]) => toRow(locker, g, evaluatedAt, scrapeIntervalSeconds));
}

function toRow(locker: string, g: Gathered, nowSeconds: number, scrapeIntervalSeconds: number): LockerRow {
  const lastSeen = g.recorded.lastSeen ?? null;
  const ageSeconds = lastSeen === null ? null : Math.max(0, nowSeconds - lastSeen);
  const reporting: Reporting = lastSeen === null ? 'never seen'
    : g.up === 0 ? 'scrape failing'
      : ageSeconds !== null && ageSeconds > notReportingAfterSeconds(scrapeIntervalSeconds) ? 'silent'
        : 'reporting';
  const calls = g.recorded.calls ?? null;
  // A locker with calls but no 5xx (or 4xx) at all has no such series: that is a share of 0.
  const share = (part: number | null | undefined) => (calls === null || calls === 0 ? null : (part ?? 0) / calls);
  const row: LockerRow = {
    locker,
    site: g.site,
    reporting,
    lastSeen,
    ageSeconds,
    calls,
    faultShare: share(g.recorded.faults),
    refusalShare: share(g.recorded.refusals),
    p95: g.recorded.p95 ?? null,
    doorsFree: g.doors.free ?? null,
    doorsOccupied: g.doors.occupied ?? null,
    doorsOutOfService: g.doors.out_of_service ?? null,
    alarms: g.alarms,
    outboxPending: g.outboxPending,
    outboxOldestSeconds: g.outboxOldest,
    dbUp: g.dbUp === null ? null : g.dbUp > 0,
    memoryUsed: g.memoryUsed,
    memoryTotal: g.memoryTotal,
    memoryAvailable: g.memoryAvailable,
    worstFunction: g.worstFunction,
    worstLimitShare: g.worstLimitShare,
    troubles: [],
  };
  row.troubles = troublesOf(row);
  return row;
}

/** What is wrong with a row, worst first. Unknown values (null) are no trouble by themselves. */
export function troublesOf(row: Omit<LockerRow, 'troubles'>): Trouble[] {
  const found: Record<Trouble, boolean> = {
    'not reporting': row.reporting !== 'reporting',
    'short of memory': shortOfMemory(row),
    'database unreachable': row.dbUp === false,
    'door alarm': (row.alarms ?? 0) > 0,
    faults: (row.faultShare ?? 0) > 0,
    'outbox backlog': (row.outboxOldestSeconds ?? 0) >= OUTBOX_BACKLOG_SECONDS,
    'door out of service': (row.doorsOutOfService ?? 0) > 0,
  };
  return TROUBLES.filter((trouble) => found[trouble]);
}

/**
 * A function near its limit ({@link nearItsLimit}) or the machine short of available memory
 * ({@link machineShortOfMemory}), as the memory panel marks them.
 */
export function shortOfMemory(row: Pick<LockerRow, 'worstLimitShare' | 'memoryAvailable' | 'memoryTotal'>): boolean {
  return nearItsLimit(row.worstLimitShare) || machineShortOfMemory(shareOfMachine(row.memoryAvailable, row.memoryTotal));
}

/** The functions' resident memory together as a share of the machine's (0..1); null when either is unknown. */
export function memoryShare(row: Pick<LockerRow, 'memoryUsed' | 'memoryTotal'>): number | null {
  return shareOfMachine(row.memoryUsed, row.memoryTotal);
}

/** How old the newest sample may be before the locker counts as not reporting. */
export function notReportingAfterSeconds(scrapeIntervalSeconds: number): number {
  return NOT_REPORTING_AFTER_SCRAPES * scrapeIntervalSeconds;
}

/**
 * Whether the central store evidently runs without prometheus/fleet-rules.yml: it reached some
 * locker (`up == 1`) yet has none of the recorded series, so every locker would read "never
 * seen". The overview then says so instead of blaming the lockers.
 */
export function rulesMissing(results: FleetResults): boolean {
  const recorded = results.recorded;
  return recorded !== undefined && recorded.length === 0 && (results.up ?? []).some((sample) => sampleValue(sample.value[1]) === 1);
}
