// The table as React renders it (react-dom/server: no browser, no DOM library needed).
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { LockerRow } from '../lib/fleetRows.ts';
import { NO_FILTER, TROUBLE_FIRST } from '../lib/fleetTable.ts';
import { FleetTable, lastSeenText, memoryText } from './FleetTable.tsx';

const fine: LockerRow = {
  locker: 'locker-001', site: 'lisboa-alvalade', reporting: 'reporting', lastSeen: 100, ageSeconds: 3, calls: 2.5, faultShare: 0,
  refusalShare: 0.4, p95: 0.012, doorsFree: 6, doorsOccupied: 3, doorsOutOfService: 1, alarms: 0, outboxPending: 2,
  outboxOldestSeconds: 75, dbUp: true, memoryUsed: 412 * 2 ** 20, memoryTotal: 926 * 2 ** 20, memoryAvailable: 300 * 2 ** 20,
  worstFunction: 'door-manager', worstLimitShare: 0.871, troubles: ['door out of service'],
};
const neverSeen: LockerRow = {
  locker: 'locker-002', site: null, reporting: 'never seen', lastSeen: null, ageSeconds: null, calls: null, faultShare: null,
  refusalShare: null, p95: null, doorsFree: null, doorsOccupied: null, doorsOutOfService: null, alarms: null, outboxPending: null,
  outboxOldestSeconds: null, dbUp: null, memoryUsed: null, memoryTotal: null, memoryAvailable: null, worstFunction: null,
  worstLimitShare: null, troubles: ['not reporting'],
};

function render(rows: LockerRow[], total = rows.length) {
  const html = renderToStaticMarkup(
    <FleetTable rows={rows} total={total} sort={{ by: 'p95', descending: true }} filter={NO_FILTER} onSort={() => undefined}
      onFilter={() => undefined} onOpen={() => undefined} hrefFor={(locker) => `/?locker=${locker}`} />);
  const rowHtml = (locker: string) => /<tr [^>]*>.*?<\/tr>/gs.exec(html.slice(html.indexOf(`data-locker="${locker}"`) - 4))?.[0] ?? '';
  const cell = (locker: string, column: string) =>
    new RegExp(`data-column="${column}"[^>]*>(.*?)</t[dh]>`, 's').exec(rowHtml(locker))?.[1]?.replace(/<[^>]+>/g, '');
  return { html, cell };
}

describe('the fleet table', () => {
  it('draws one row per locker, in the order given, with its figures', () => {
    const { html, cell } = render([neverSeen, fine]);

    expect(html.indexOf('data-locker="locker-002"')).toBeLessThan(html.indexOf('data-locker="locker-001"'));
    expect(cell('locker-001', 'lastSeen')).toBe('3 s ago');
    expect(cell('locker-001', 'calls')).toBe('2.5/s');
    expect(cell('locker-001', 'faults')).toBe('0 %');
    expect(cell('locker-001', 'refusals')).toBe('40 %');
    expect(cell('locker-001', 'p95')).toBe('12 ms');
    expect(cell('locker-001', 'occupied')).toBe('3 / 10');
    expect(cell('locker-001', 'outbox')).toBe('2 (oldest 1 min)');
    expect(cell('locker-001', 'trouble')).toBe('door out of service');
    expect(cell('locker-001', 'memory')).toBe('412 MiB of 926 MiB (44 %), 300 MiB available');
    expect(cell('locker-001', 'worstFunction')).toBe('door-manager 87 %');
  });

  it('says a locker is not reporting and why, with dashes for what is unknown', () => {
    const { html, cell } = render([neverSeen]);

    expect(html).toContain('data-reporting="never seen"');
    expect(cell('locker-002', 'lastSeen')).toBe('not reporting: never seen');
    expect(cell('locker-002', 'calls')).toBe('–');
    expect(cell('locker-002', 'occupied')).toBe('–');
    expect(cell('locker-002', 'memory')).toBe('–');
    expect(cell('locker-002', 'worstFunction')).toBe('–');
    expect(cell('locker-002', 'trouble')).toBe('not reporting');
  });

  it('shows the memory it knows and dashes for the rest, never a 0 for a missing series', () => {
    expect(memoryText({ ...fine, memoryTotal: null, memoryAvailable: null })).toBe('412 MiB of –, – available');
    expect(memoryText({ ...fine, memoryUsed: null })).toBe('– of 926 MiB, 300 MiB available');
  });

  it.each([
    ['scrape failing', 600, 'not reporting: scrape failing, seen 10 min ago'],
    ['silent', 120, 'not reporting: seen 2 min ago'],
  ] as const)('says when a locker %s was last seen', (reporting, ageSeconds, text) => {
    expect(lastSeenText({ ...fine, reporting, ageSeconds })).toBe(text);
  });

  it('links each locker to its own page and marks the sorted column', () => {
    const { html } = render([fine]);

    expect(html).toContain('href="/?locker=locker-001"');
    expect(html).toMatch(/<th scope="col" aria-sort="descending"><button[^>]*data-sort="p95"[^>]*>p95 ▼<\/button>/);
    expect(html).toContain('1 of 1 lockers');
  });

  it('tells an empty fleet from a filter that matches nothing', () => {
    expect(render([], 0).html).toContain('No locker known to the central Prometheus yet.');
    expect(render([], 3).html).toContain('No locker matches the filter.');
  });

  it('renders without a sort column marked in the default trouble-first order', () => {
    const html = renderToStaticMarkup(
      <FleetTable rows={[fine]} total={1} sort={TROUBLE_FIRST} filter={NO_FILTER} onSort={() => undefined}
        onFilter={() => undefined} onOpen={() => undefined} hrefFor={() => '/'} />);

    expect(html).not.toContain('▼');
    expect(html).toContain('aria-pressed="true"');
  });
});
