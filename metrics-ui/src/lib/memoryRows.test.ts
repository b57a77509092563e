import { describe, expect, it } from 'vitest';
import type { InstantSample } from '../api/responseTypes.ts';
import { memoryRows } from './memoryRows.ts';

const AT = 1_800_000_000;
const MIB = 2 ** 20;

/** A sample as the central Prometheus gives it for locker-001's `fn` (job functions). */
const gauge = (name: string, fn: string, value: string, labels: Record<string, string> = {}): InstantSample => ({
  metric: { __name__: name, job: 'functions', function: fn, locker: 'locker-001', instance: 'faasd-provider:8081', ...labels },
  value: [AT, value],
});
const byFunction = (fn: string, value: string): InstantSample => ({ metric: { function: fn }, value: [AT, value] });

/** controller's scrape: every gauge the panel reads, and a few it does not. */
const CONTROLLER = [
  gauge('process_resident_memory_bytes', 'controller', String(72 * MIB)),
  gauge('process_start_time_seconds', 'controller', String(AT - 7200.25)),
  gauge('jvm_memory_used_bytes', 'controller', String(20 * MIB), { area: 'heap' }),
  gauge('jvm_memory_used_bytes', 'controller', String(30 * MIB), { area: 'nonheap' }),
  gauge('jvm_memory_max_bytes', 'controller', String(48 * MIB), { area: 'heap' }),
  gauge('jvm_memory_max_bytes', 'controller', '-1', { area: 'nonheap' }),
  gauge('jvm_memory_pool_used_bytes', 'controller', String(14 * MIB), { pool: 'Metaspace' }),
  gauge('jvm_memory_pool_used_bytes', 'controller', String(3 * MIB), { pool: 'CodeHeap \'non-nmethods\'' }),
  gauge('jvm_threads_current', 'controller', '17'),
  gauge('cacifo_handler_threads', 'controller', '4'),
  gauge('cacifo_handler_threads_busy', 'controller', '1'),
  gauge('cacifo_handler_queue_capacity', 'controller', '64'),
  gauge('cacifo_handler_queue_waiting', 'controller', '0'),
  gauge('cacifo_machine_memory_total_bytes', 'controller', String(926 * MIB)),
  gauge('cacifo_machine_memory_available_bytes', 'controller', String(301 * MIB)),
];

describe('the memory panel\'s rows', () => {
  it('gives a function\'s memory, JVM and handler pool, and its share of its limit', () => {
    const { functions } = memoryRows({
      gauges: CONTROLLER,
      limits: [byFunction('controller', String(96 * MIB))],
      gcShare: [byFunction('controller', '0.0125')],
      restarts: [byFunction('controller', '2')],
    });

    expect(functions).toHaveLength(1);
    expect(functions[0]?.values).toEqual({
      rss: 72 * MIB, limit: 96 * MIB, limitShare: 0.75, heapUsed: 20 * MIB, heapMax: 48 * MIB, metaspace: 14 * MIB, gcShare: 0.0125,
      threads: 17, handlerBusy: 1, handlerThreads: 4, queueWaiting: 0, queueCapacity: 64, startTime: AT - 7200.25, restarts: 2,
    });
    expect(functions[0]?.ageSeconds).toBe(7200.25);
    expect(Object.values(functions[0]?.at ?? {}).every((at) => at === AT)).toBe(true);
  });

  it('adds the functions\' resident memory up against the machine\'s, which each function reads', () => {
    const { locker } = memoryRows({
      gauges: [...CONTROLLER, gauge('process_resident_memory_bytes', 'screen-io', String(60 * MIB)),
        gauge('cacifo_machine_memory_total_bytes', 'screen-io', String(926 * MIB)),
        gauge('cacifo_machine_memory_available_bytes', 'screen-io', String(299 * MIB))],
    });

    expect(locker).toEqual({
      rss: 132 * MIB, functions: 2, total: 926 * MIB, available: 299 * MIB, rssShare: 132 / 926, availableShare: 299 / 926, at: AT,
    });
  });

  it('gives a function with a limit but nothing scraped a row of unknowns, not zeros', () => {
    const { functions, locker } = memoryRows({
      gauges: CONTROLLER,
      limits: [byFunction('controller', String(96 * MIB)), byFunction('door-io', String(64 * MIB))],
    });

    expect(functions.map((fn) => fn.name)).toEqual(['controller', 'door-io']);
    const doorIo = functions[1];
    expect(doorIo?.values.limit).toBe(64 * MIB);
    expect(Object.entries(doorIo?.values ?? {}).filter(([figure]) => figure !== 'limit').every(([, value]) => value === null)).toBe(true);
    expect(doorIo?.ageSeconds).toBeNull();
    expect(locker.functions).toBe(1);
  });

  it('reads NaN, infinities and a heap without a maximum (-1) as unknown', () => {
    const { functions } = memoryRows({
      gauges: [gauge('process_resident_memory_bytes', 'controller', 'NaN'), gauge('jvm_memory_max_bytes', 'controller', '-1', { area: 'heap' })],
      limits: [byFunction('controller', '+Inf')],
      gcShare: [byFunction('controller', 'NaN')],
    });

    expect(functions[0]?.values).toMatchObject({ rss: null, heapMax: null, limit: null, limitShare: null, gcShare: null });
  });

  it('has no locker figures without any answer, and no share without the machine\'s total', () => {
    expect(memoryRows({})).toEqual({
      functions: [],
      locker: { rss: null, functions: 0, total: null, available: null, rssShare: null, availableShare: null, at: null },
    });
    expect(memoryRows({ gauges: [gauge('process_resident_memory_bytes', 'controller', String(MIB))] }).locker)
      .toMatchObject({ rss: MIB, rssShare: null, availableShare: null });
  });

  it('takes the higher value when a function is scraped under two targets', () => {
    const { functions, locker } = memoryRows({
      gauges: [gauge('process_resident_memory_bytes', 'controller', String(70 * MIB), { instance: 'a' }),
        gauge('process_resident_memory_bytes', 'controller', String(75 * MIB), { instance: 'b' })],
    });

    expect(functions[0]?.values.rss).toBe(75 * MIB);
    expect(locker.rss).toBe(75 * MIB);
  });

  it('ignores series without a function label', () => {
    expect(memoryRows({ gauges: [{ metric: { __name__: 'process_resident_memory_bytes', job: 'functions' }, value: [AT, '5'] }] })
      .functions).toEqual([]);
  });
});
