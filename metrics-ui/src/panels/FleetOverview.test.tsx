// @vitest-environment happy-dom
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { InstantSample } from '../api/responseTypes.ts';
import { NO_FILTER, TROUBLE_FIRST } from '../lib/fleetTable.ts';
import { FLEET_QUERIES, type FleetQueryKey } from '../lib/queries.ts';
import { panel } from '../test/panel.ts';
import { type Answer, HOLD, prometheus, standInForThisFile } from '../test/standIn.ts';
import { FleetOverview } from './FleetOverview.tsx';

const PATH = '/prometheus/api/v1/query';
const NOW = 1_800_000_000;
const MIB = 2 ** 20;
const KEY_OF = new Map<string, FleetQueryKey>(Object.entries(FLEET_QUERIES).map(([key, query]) => [query, key as FleetQueryKey]));

const sample = (metric: Record<string, string>, value: string): InstantSample => ({ metric, value: [NOW, value] });
const recorded = (name: string, value: string) => sample({ __name__: name, locker: 'locker-001' }, value);

/** locker-001 reporting: 4 calls/s, 1 of them a fault and 2 refusals, and its doors; `except` answers nothing. */
const HEALTHY: Record<FleetQueryKey, InstantSample[]> = {
  recorded: [recorded('locker:gateway_calls:rate5m', '4'), recorded('locker:gateway_faults:rate5m', '1'),
    recorded('locker:gateway_refusals:rate5m', '2'), recorded('locker:gateway_latency_seconds:p95_5m', '0.25'),
    recorded('locker:last_seen_timestamp_seconds', String(NOW - 3))],
  up: [sample({ job: 'lockers', locker: 'locker-001', site: 'lisboa-alvalade' }, '1')],
  doors: [sample({ locker: 'locker-001', state: 'free' }, '6'), sample({ locker: 'locker-001', state: 'occupied' }, '3'),
    sample({ locker: 'locker-001', state: 'out_of_service' }, '0')],
  alarms: [sample({ locker: 'locker-001' }, '0')],
  outboxPending: [sample({ locker: 'locker-001' }, '0')],
  outboxOldest: [],
  dbUp: [sample({ locker: 'locker-001' }, '1')],
  memoryUsed: [sample({ locker: 'locker-001' }, String(412 * MIB))],
  memoryTotal: [sample({ locker: 'locker-001' }, String(926 * MIB))],
  memoryAvailable: [sample({ locker: 'locker-001' }, String(300 * MIB))],
  worstLimitShare: [sample({ locker: 'locker-001', function: 'door-manager' }, '0.5')],
};
const answering = (results: Partial<Record<FleetQueryKey, InstantSample[]>>, fail?: FleetQueryKey) => (url: URL): Answer => {
  const key = KEY_OF.get(url.searchParams.get('query') ?? '');
  if (key === fail) {
    return { status: 422, body: { status: 'error', errorType: 'execution', error: 'query timed out' } };
  }
  return prometheus({ resultType: 'vector', result: key === undefined ? [] : (results[key] ?? []) });
};

function renderFleet() {
  render(<FleetOverview scrapeIntervalSeconds={2} sort={TROUBLE_FIRST} onSort={() => undefined} filter={NO_FILTER}
    onFilter={() => undefined} onOpen={() => undefined} hrefFor={(locker) => `/?locker=${locker}`} />);
}
const cell = (column: string) => document.querySelector(`tr[data-locker="locker-001"] [data-column=${column}]`)?.textContent;
const emptyRow = () => document.querySelector('[data-testid=fleet-table] td.empty')?.textContent ?? null;

const standIn = standInForThisFile();

describe('the fleet overview', () => {
  it('says it is asking, not that the fleet is empty, until the central Prometheus answers', async () => {
    standIn.answer(PATH, HOLD);
    renderFleet();

    expect(panel('Fleet').getAttribute('aria-busy')).toBe('true');
    expect(within(panel('Fleet')).getByText('loading…')).toBeTruthy();
    expect(emptyRow()).toBe('Asking the central Prometheus…');

    standIn.answer(PATH, answering(HEALTHY));
    standIn.release();
    await expect.poll(() => cell('calls'), { timeout: 10_000 }).toBe('4/s');
  });

  it('names the query that failed, and still shows what the others say', async () => {
    standIn.answer(PATH, answering(HEALTHY, 'doors'));
    renderFleet();

    expect((await screen.findByRole('alert', {}, { timeout: 10_000 })).textContent).toBe('doors: Prometheus execution: query timed out');
    await expect.poll(() => cell('calls'), { timeout: 10_000 }).toBe('4/s');
    expect(cell('occupied')).toBe('–');
  });

  it('says no locker is known when the central Prometheus has none', async () => {
    standIn.answer(PATH, answering({}));
    renderFleet();

    await expect.poll(emptyRow, { timeout: 10_000 }).toBe('No locker known to the central Prometheus yet.');
    expect(screen.getByTestId('fleet-count').textContent).toBe('0 of 0 lockers');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('warns when lockers report but the recording rules are missing', async () => {
    standIn.answer(PATH, answering({ up: HEALTHY.up }));
    renderFleet();

    expect((await screen.findByTestId('fleet-rules-missing', {}, { timeout: 10_000 })).textContent)
      .toContain('is prometheus/fleet-rules.yml in its rule_files?');
    expect(cell('lastSeen')).toBe('not reporting: never seen');
  });

  it('gives each locker a row with its figures from every query', async () => {
    standIn.answer(PATH, answering(HEALTHY));
    renderFleet();

    // The queries answer one by one.
    await expect.poll(() => ['site', 'lastSeen', 'calls', 'faults', 'refusals', 'p95', 'occupied', 'alarms', 'outbox', 'memory',
      'worstFunction'].map(cell), { timeout: 10_000 }).toEqual(['lisboa-alvalade', '3 s ago', '4/s', '25 %', '50 %', '250 ms', '3 / 9',
      '0', '0', '412 MiB of 926 MiB (44 %), 300 MiB available', 'door-manager 50 %']);
    expect(document.querySelector('tr[data-locker="locker-001"]')?.getAttribute('data-reporting')).toBe('reporting');
    expect(screen.getByTestId('fleet-count').textContent).toBe('1 of 1 lockers');
    // Every one of the overview's queries was asked.
    const asked = new Set(standIn.requests.map((request) => new URL(request.split(' ')[1] ?? '', standIn.url).searchParams.get('query')));
    expect(Object.values(FLEET_QUERIES).every((query) => asked.has(query))).toBe(true);
  });

  it('lists a locker short of memory right after those not reporting, before any other trouble', async () => {
    const locker = (name: string) => ({ locker: name });
    standIn.answer(PATH, answering({
      ...HEALTHY,
      recorded: ['locker-001', 'locker-002', 'locker-003'].flatMap((name) => [
        sample({ __name__: 'locker:gateway_calls:rate5m', ...locker(name) }, '1'),
        sample({ __name__: 'locker:last_seen_timestamp_seconds', ...locker(name) }, String(NOW - 3))]),
      up: [sample(locker('locker-001'), '1'), sample(locker('locker-002'), '1'), sample(locker('locker-003'), '1'),
        sample(locker('locker-004'), '0')],
      alarms: [sample(locker('locker-001'), '1')],
      worstLimitShare: [sample({ ...locker('locker-003'), function: 'screen-io' }, '0.93')],
    }));
    renderFleet();

    const order = () => [...document.querySelectorAll<HTMLElement>('[data-testid=fleet-table] tr[data-locker]')]
      .map((row) => `${row.dataset.locker}: ${row.dataset.trouble}`);
    await expect.poll(order, { timeout: 10_000 })
      .toEqual(['locker-004: not reporting', 'locker-003: short of memory', 'locker-001: door alarm', 'locker-002: ']);
    expect(document.querySelector('tr[data-locker="locker-003"] [data-column=worstFunction]')?.textContent).toBe('screen-io 93 %');
  });
});
