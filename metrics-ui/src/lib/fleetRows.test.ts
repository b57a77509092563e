import { describe, expect, it } from 'vitest';
import type { InstantSample } from '../api/responseTypes.ts';
import { MACHINE_AVAILABLE_LOW_SHARE, MEMORY_HIGH_SHARE } from './memoryRows.ts';
import {
  type FleetResults, fleetRows, NOT_REPORTING_AFTER_SCRAPES, notReportingAfterSeconds, OUTBOX_BACKLOG_SECONDS, rulesMissing,
} from './fleetRows.ts';

const NOW = 1_800_000_000;
const SCRAPE = 15;
const MIB = 2 ** 20;

const sample = (metric: Record<string, string>, value: string, at = NOW): InstantSample => ({ metric, value: [at, value] });
const recorded = (name: string, locker: string, value: string) => sample({ __name__: name, locker }, value);

/** What the central Prometheus answers for a locker that reports, with these figures. */
function reporting(locker: string, figures: { calls?: string; faults?: string; refusals?: string; p95?: string; seenAgo?: number } = {}) {
  const { calls = '2', faults, refusals, p95 = '0.05', seenAgo = 3 } = figures;
  return [
    recorded('locker:gateway_calls:rate5m', locker, calls),
    ...(faults === undefined ? [] : [recorded('locker:gateway_faults:rate5m', locker, faults)]),
    ...(refusals === undefined ? [] : [recorded('locker:gateway_refusals:rate5m', locker, refusals)]),
    recorded('locker:gateway_latency_seconds:p95_5m', locker, p95),
    recorded('locker:last_seen_timestamp_seconds', locker, String(NOW - seenAgo)),
  ];
}

describe('the fleet overview\'s rows', () => {
  it('merges every query\'s result into one row per locker', () => {
    const results: FleetResults = {
      recorded: reporting('locker-001', { calls: '4', faults: '1', refusals: '2', p95: '0.25' }),
      up: [sample({ __name__: 'up', job: 'lockers', locker: 'locker-001', site: 'lisboa-alvalade', instance: '10.8.0.11:9090' }, '1')],
      doors: [sample({ locker: 'locker-001', state: 'free' }, '6'), sample({ locker: 'locker-001', state: 'occupied' }, '3'),
        sample({ locker: 'locker-001', state: 'out_of_service' }, '1')],
      alarms: [sample({ locker: 'locker-001' }, '0')],
      outboxPending: [sample({ locker: 'locker-001' }, '2')],
      outboxOldest: [sample({ locker: 'locker-001' }, '40')],
      dbUp: [sample({ locker: 'locker-001' }, '1')],
      memoryUsed: [sample({ locker: 'locker-001' }, String(412 * MIB))],
      memoryTotal: [sample({ locker: 'locker-001' }, String(926 * MIB))],
      memoryAvailable: [sample({ locker: 'locker-001' }, String(300 * MIB))],
      worstLimitShare: [sample({ locker: 'locker-001', function: 'door-manager' }, '0.75')],
    };

    expect(fleetRows(results, SCRAPE)).toEqual([{
      locker: 'locker-001', site: 'lisboa-alvalade', reporting: 'reporting', lastSeen: NOW - 3, ageSeconds: 3,
      calls: 4, faultShare: 0.25, refusalShare: 0.5, p95: 0.25,
      doorsFree: 6, doorsOccupied: 3, doorsOutOfService: 1, alarms: 0, outboxPending: 2, outboxOldestSeconds: 40, dbUp: true,
      memoryUsed: 412 * MIB, memoryTotal: 926 * MIB, memoryAvailable: 300 * MIB, worstFunction: 'door-manager', worstLimitShare: 0.75,
      troubles: ['faults', 'door out of service'],
    }]);
  });

  it('shows a locker the centre lists but never reached (only up == 0) as not reporting, every figure unknown', () => {
    const [row] = fleetRows({ up: [sample({ job: 'lockers', locker: 'locker-002' }, '0')] }, SCRAPE);

    expect(row).toMatchObject({
      locker: 'locker-002', reporting: 'never seen', lastSeen: null, ageSeconds: null, calls: null, faultShare: null,
      refusalShare: null, p95: null, doorsOccupied: null, alarms: null, outboxPending: null, dbUp: null,
      memoryUsed: null, memoryTotal: null, memoryAvailable: null, worstFunction: null, worstLimitShare: null,
      troubles: ['not reporting'],
    });
  });

  it('shows a locker seen before but whose scrape now fails as not reporting, keeping when it was last seen', () => {
    const [row] = fleetRows({
      recorded: [recorded('locker:last_seen_timestamp_seconds', 'locker-003', String(NOW - 600))],
      up: [sample({ locker: 'locker-003' }, '0')],
    }, SCRAPE);

    expect(row).toMatchObject({ reporting: 'scrape failing', ageSeconds: 600, troubles: ['not reporting'] });
  });

  it('counts a locker silent for longer than the threshold as not reporting, even without an up series (remote write)', () => {
    const limit = notReportingAfterSeconds(SCRAPE);
    const rows = fleetRows({
      recorded: [...reporting('just-in-time', { seenAgo: limit }), ...reporting('too-late', { seenAgo: limit + 1 })],
    }, SCRAPE);

    expect(limit).toBe(NOT_REPORTING_AFTER_SCRAPES * SCRAPE);
    expect(rows.map((r) => [r.locker, r.reporting])).toEqual([['just-in-time', 'reporting'], ['too-late', 'silent']]);
  });

  it('measures age from the queries\' evaluation time, not the browser\'s clock', () => {
    const results: FleetResults = {
      recorded: [sample({ __name__: 'locker:last_seen_timestamp_seconds', locker: 'a' }, String(NOW - 5), NOW - 1)],
      up: [sample({ locker: 'a' }, '1', NOW)],
    };

    expect(fleetRows(results, SCRAPE)[0]?.ageSeconds).toBe(5);
  });

  it('reads no 5xx or 4xx series beside calls as a share of 0, and no calls as no share at all', () => {
    const rows = fleetRows({
      recorded: [...reporting('busy', { calls: '3' }), ...reporting('idle', { calls: '0', p95: 'NaN' })],
    }, SCRAPE);

    expect(rows.map((r) => [r.locker, r.faultShare, r.refusalShare, r.p95])).toEqual([['busy', 0, 0, 0.05], ['idle', null, null, null]]);
  });

  it('turns NaN and infinities into unknown values, never into numbers', () => {
    const [row] = fleetRows({
      recorded: reporting('x', { calls: 'NaN', p95: '+Inf' }),
      alarms: [sample({ locker: 'x' }, 'NaN')],
    }, SCRAPE);

    expect(row).toMatchObject({ calls: null, faultShare: null, p95: null, alarms: null });
  });

  it('names what is wrong, worst first', () => {
    const [row] = fleetRows({
      recorded: reporting('x', { calls: '1', faults: '0.1' }),
      doors: [sample({ locker: 'x', state: 'out_of_service' }, '2')],
      alarms: [sample({ locker: 'x' }, '1')],
      outboxOldest: [sample({ locker: 'x' }, String(OUTBOX_BACKLOG_SECONDS))],
      dbUp: [sample({ locker: 'x' }, '0')],
      worstLimitShare: [sample({ locker: 'x', function: 'door-manager' }, '0.95')],
    }, SCRAPE);

    expect(row?.troubles).toEqual(['short of memory', 'database unreachable', 'door alarm', 'faults', 'outbox backlog',
      'door out of service']);
  });

  /** A locker's memory: a function's share of its limit (text, as Prometheus sends it) and the machine's MiB; null: no series. */
  type Memory = { share?: string | null; availableMiB?: number | null; totalMiB?: number | null };
  it.each<[string, Memory, boolean]>([
    ['a function at 90 % of its limit', { share: String(MEMORY_HIGH_SHARE) }, true],
    ['a function just under 90 % of its limit', { share: '0.899' }, false],
    ['the machine with under 10 % available', { availableMiB: 99 }, true],
    ['the machine with 10 % available', { availableMiB: MACHINE_AVAILABLE_LOW_SHARE * 1000 }, false],
    ['no memory series at all', { share: null, availableMiB: null, totalMiB: null }, false],
    ['a NaN share', { share: 'NaN' }, false],
  ])('with %s, a locker is short of memory: %s', (_, memory, short) => {
    const { share = '0.5', availableMiB = 500, totalMiB = 1000 } = memory;
    const [row] = fleetRows({
      recorded: reporting('x'),
      memoryTotal: totalMiB === null ? [] : [sample({ locker: 'x' }, String(totalMiB * MIB))],
      memoryAvailable: availableMiB === null ? [] : [sample({ locker: 'x' }, String(availableMiB * MIB))],
      worstLimitShare: share === null ? [] : [sample({ locker: 'x', function: 'controller' }, share)],
    }, SCRAPE);

    expect(row?.troubles.includes('short of memory')).toBe(short);
  });

  it('names the function nearest its limit, the highest share when a locker has two', () => {
    const [row] = fleetRows({
      recorded: reporting('x'),
      worstLimitShare: [sample({ locker: 'x', function: 'controller' }, '0.6'), sample({ locker: 'x', function: 'screen-io' }, '0.92')],
    }, SCRAPE);

    expect(row).toMatchObject({ worstFunction: 'screen-io', worstLimitShare: 0.92, troubles: ['short of memory'] });
  });

  it('does not call refusals or a young outbox backlog trouble', () => {
    const [row] = fleetRows({
      recorded: reporting('x', { calls: '1', refusals: '1' }),
      outboxPending: [sample({ locker: 'x' }, '5')],
      outboxOldest: [sample({ locker: 'x' }, String(OUTBOX_BACKLOG_SECONDS - 1))],
    }, SCRAPE);

    expect(row?.refusalShare).toBe(1);
    expect(row?.troubles).toEqual([]);
  });

  it('takes the worst up of a locker listed under two targets, and ignores series without a locker', () => {
    const rows = fleetRows({
      recorded: reporting('twice'),
      up: [sample({ locker: 'twice', instance: 'a' }, '1'), sample({ locker: 'twice', instance: 'b' }, '0'), sample({ job: 'lockers' }, '1')],
    }, SCRAPE);

    expect(rows.map((r) => [r.locker, r.reporting])).toEqual([['twice', 'scrape failing']]);
  });

  it('gives no rows while nothing has answered', () => {
    expect(fleetRows({}, SCRAPE)).toEqual([]);
  });

  it('tells a central store without the recording rules from lockers that do not report', () => {
    const reached = [sample({ locker: 'a' }, '1')];

    expect(rulesMissing({ recorded: [], up: reached })).toBe(true);
    expect(rulesMissing({ recorded: reporting('a'), up: reached })).toBe(false);
    expect(rulesMissing({ recorded: [], up: [sample({ locker: 'a' }, '0')] })).toBe(false);
    expect(rulesMissing({ up: reached })).toBe(false);
  });
});
