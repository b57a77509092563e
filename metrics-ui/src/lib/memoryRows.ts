// The memory panel's rows: the instant results of memoryQueries (queries.ts) merged into one row
// per function, and the locker's line (the functions together against the machine). Pure, tested
// in memoryRows.test.ts.
import type { InstantSample } from '../api/responseTypes.ts';
import { sampleValue } from './chartData.ts';
import { MEMORY_GAUGES, type MemoryQueryKey } from './queries.ts';

/**
 * A function whose resident memory reaches this share of its declared limit is short of memory:
 * the line of the FunctionMemoryHigh alert (prometheus/alerts.yml), which pages after 5 min of it.
 */
export const MEMORY_HIGH_SHARE = 0.9;

/**
 * A machine with less than this share of its memory available is short of memory too: on a 1 GB
 * Pi that is about one function's limit (96 MiB), so a function that restarts may find no room.
 */
export const MACHINE_AVAILABLE_LOW_SHARE = 0.1;

/** A function's resident memory at {@link MEMORY_HIGH_SHARE} of its limit or more. */
export const nearItsLimit = (limitShare: number | null) => limitShare !== null && limitShare >= MEMORY_HIGH_SHARE;

/** The machine with less than {@link MACHINE_AVAILABLE_LOW_SHARE} of its memory available. */
export const machineShortOfMemory = (availableShare: number | null) =>
  availableShare !== null && availableShare < MACHINE_AVAILABLE_LOW_SHARE;

/** `part` bytes as a share of the machine's `total` (0..1); null when either is unknown. */
export const shareOfMachine = (part: number | null, total: number | null) =>
  (part === null || total === null || total <= 0 ? null : part / total);

/** Each query's result; a query that failed or has not answered yet is undefined. */
export type MemoryResults = Partial<Record<MemoryQueryKey, InstantSample[]>>;

/** The figures of a function's row, in the table's order. */
export const MEMORY_FIGURES = ['rss', 'limit', 'limitShare', 'heapUsed', 'heapMax', 'metaspace', 'gcShare', 'threads',
  'handlerBusy', 'handlerThreads', 'queueWaiting', 'queueCapacity', 'startTime', 'restarts'] as const;

export type MemoryFigure = (typeof MEMORY_FIGURES)[number];

export interface FunctionMemory {
  name: string;
  /**
   * Bytes (rss, limit, heap, metaspace), shares from 0 to 1 (limitShare: rss of limit; gcShare:
   * seconds collecting per second), counts, and startTime in unix seconds. Null when unknown.
   */
  values: Record<MemoryFigure, number | null>;
  /** When each figure was evaluated (unix seconds; null without a value). */
  at: Record<MemoryFigure, number | null>;
  /** Seconds from the JVM's start to when that was read. */
  ageSeconds: number | null;
}

export interface LockerMemory {
  /** The functions' resident memory together, and how many functions it adds up. */
  rss: number | null;
  functions: number;
  /** The machine's MemTotal and MemAvailable, as the functions read /proc/meminfo. */
  total: number | null;
  available: number | null;
  /** rss and available as shares of total. */
  rssShare: number | null;
  availableShare: number | null;
  /** When the gauges were evaluated (unix seconds). */
  at: number | null;
}

type Gauge = keyof typeof MEMORY_GAUGES;
const GAUGE_BY_NAME = new Map<string, Gauge>(Object.entries(MEMORY_GAUGES).map(([key, name]) => [name, key as Gauge] as const));

/** Which figure a gauge's sample is, by its name and labels; null for one the panel does not show. */
function figureOfGauge(metric: Record<string, string>): MemoryFigure | 'machineTotal' | 'machineAvailable' | null {
  const gauge = GAUGE_BY_NAME.get(metric.__name__ ?? '');
  switch (gauge) {
    case undefined:
      return null;
    case 'memoryUsed':
      return metric.area === 'heap' ? 'heapUsed' : null;
    case 'memoryMax':
      return metric.area === 'heap' ? 'heapMax' : null;
    case 'poolUsed':
      return metric.pool === 'Metaspace' ? 'metaspace' : null;
    default:
      return gauge;
  }
}

/** A byte count the JVM reports as -1 when it has no limit: unknown, not a size. */
const size = (value: number | null) => (value === null || value < 0 ? null : value);

/**
 * One row per function named by any result (so a function with a declared limit but nothing
 * scraped has a row of dashes), sorted by name, and the locker's line. Two series for one
 * function (a target listed twice) give the higher value.
 */
export function memoryRows(results: MemoryResults): { functions: FunctionMemory[]; locker: LockerMemory } {
  const rows = new Map<string, FunctionMemory>();
  const row = (name: string) => {
    let found = rows.get(name);
    if (!found) {
      const nothing = Object.fromEntries(MEMORY_FIGURES.map((figure) => [figure, null])) as Record<MemoryFigure, null>;
      found = { name, values: { ...nothing }, at: { ...nothing }, ageSeconds: null };
      rows.set(name, found);
    }
    return found;
  };
  const set = (target: FunctionMemory, figure: MemoryFigure, value: number | null, at: number) => {
    const before = target.values[figure];
    if (value !== null && (before === null || value > before)) {
      target.values[figure] = value;
      target.at[figure] = at;
    }
  };
  const machine = { total: null as number | null, available: null as number | null, at: null as number | null };

  for (const { metric, value: [at, text] } of results.gauges ?? []) {
    const figure = figureOfGauge(metric);
    const value = sampleValue(text);
    if (figure === 'machineTotal' || figure === 'machineAvailable') {
      // Every function reads the same machine; the most cautious reading counts.
      const key = figure === 'machineTotal' ? 'total' : 'available';
      const before = machine[key];
      if (value !== null && (before === null || (key === 'total' ? value > before : value < before))) {
        machine[key] = value;
        machine.at = at;
      }
    } else if (figure !== null && metric.function) {
      set(row(metric.function), figure, figure === 'heapMax' ? size(value) : value, at);
    }
  }
  for (const key of ['limits', 'gcShare', 'restarts'] as const) {
    const figure = key === 'limits' ? 'limit' : key;
    for (const { metric, value: [at, text] } of results[key] ?? []) {
      if (metric.function) {
        set(row(metric.function), figure, sampleValue(text), at);
      }
    }
  }

  const functions = [...rows.values()].sort((a, b) => a.name.localeCompare(b.name));
  for (const fn of functions) {
    const { rss, limit, startTime } = fn.values;
    if (rss !== null && limit !== null && limit > 0) {
      fn.values.limitShare = rss / limit;
      fn.at.limitShare = fn.at.rss;
    }
    const startedRead = fn.at.startTime;
    fn.ageSeconds = startTime === null || startedRead === null ? null : Math.max(0, startedRead - startTime);
  }

  const measured = functions.filter((fn) => fn.values.rss !== null);
  const rss = measured.length === 0 ? null : measured.reduce((sum, fn) => sum + (fn.values.rss ?? 0), 0);
  const at = [...measured.map((fn) => fn.at.rss), machine.at].filter((time) => time !== null);
  return {
    functions,
    locker: {
      rss,
      functions: measured.length,
      total: machine.total,
      available: machine.available,
      rssShare: shareOfMachine(rss, machine.total),
      availableShare: shareOfMachine(machine.available, machine.total),
      at: at.length === 0 ? null : Math.max(...at),
    },
  };
}
