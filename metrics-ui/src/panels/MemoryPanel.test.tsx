// @vitest-environment happy-dom
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { InstantSample } from '../api/responseTypes.ts';
import { ALL_LOCKERS, type MemoryQueryKey, memoryQueries } from '../lib/queries.ts';
import '../test/canvas.ts';
import { panel } from '../test/panel.ts';
import { type Answer, HOLD, prometheus, standInForThisFile } from '../test/standIn.ts';
import { MemoryPanel } from './MemoryPanel.tsx';

const INSTANT = '/prometheus/api/v1/query';
const RANGE = '/prometheus/api/v1/query_range';
const NOW_MS = 1_800_000_000_500;
const END = 1_800_000_000;
const HOUR = 3600;
const SCRAPE = 2;
const MIB = 2 ** 20;
const KEY_OF = new Map<string, MemoryQueryKey>(
  Object.entries(memoryQueries('locker-001', HOUR)).map(([key, query]) => [query, key as MemoryQueryKey]));

const gauge = (name: string, fn: string, value: number, labels: Record<string, string> = {}): InstantSample => ({
  metric: { __name__: name, job: 'functions', function: fn, locker: 'locker-001', ...labels }, value: [END, String(value)],
});
const byFunction = (fn: string, value: string): InstantSample => ({ metric: { function: fn }, value: [END, value] });

/** locker-001: controller and screen-io scraped, door-io declared (a limit) but not scraped. */
const LOCKER_001: Record<MemoryQueryKey, InstantSample[]> = {
  gauges: [
    gauge('process_resident_memory_bytes', 'controller', 72 * MIB),
    gauge('process_start_time_seconds', 'controller', END - 7200),
    gauge('jvm_memory_used_bytes', 'controller', 20 * MIB, { area: 'heap' }),
    gauge('jvm_memory_max_bytes', 'controller', 48 * MIB, { area: 'heap' }),
    gauge('jvm_memory_pool_used_bytes', 'controller', 14 * MIB, { pool: 'Metaspace' }),
    gauge('jvm_threads_current', 'controller', 17),
    gauge('cacifo_handler_threads', 'controller', 4),
    gauge('cacifo_handler_threads_busy', 'controller', 1),
    gauge('cacifo_handler_queue_capacity', 'controller', 64),
    gauge('cacifo_handler_queue_waiting', 'controller', 0),
    gauge('cacifo_machine_memory_total_bytes', 'controller', 926 * MIB),
    gauge('cacifo_machine_memory_available_bytes', 'controller', 300 * MIB),
    gauge('process_resident_memory_bytes', 'screen-io', 88 * MIB),
  ],
  limits: [byFunction('controller', String(96 * MIB)), byFunction('screen-io', String(96 * MIB)),
    byFunction('door-io', String(96 * MIB))],
  gcShare: [byFunction('controller', '0.0125')],
  restarts: [byFunction('controller', '2'), byFunction('screen-io', '0')],
};
const answering = (results: Partial<Record<MemoryQueryKey, InstantSample[]>>, fail?: MemoryQueryKey) => (url: URL): Answer => {
  const key = KEY_OF.get(url.searchParams.get('query') ?? '');
  if (key !== undefined && key === fail) {
    return { status: 422, body: { status: 'error', errorType: 'execution', error: 'query timed out' } };
  }
  return prometheus({ resultType: 'vector', result: key === undefined ? [] : (results[key] ?? []) });
};
/** The chart's query: each function's resident memory at the range's last point. */
const rssAtEnd = (url: URL): Answer => prometheus({
  resultType: 'matrix',
  result: [{ metric: { function: 'controller' }, values: [[Number(url.searchParams.get('end')), String(72 * MIB)]] }],
});

const cellsOf = (fn: string) => [...document.querySelectorAll(`[data-testid=memory-table] tr[data-function="${fn}"] td`)]
  .map((cell) => cell.textContent);
const CONTROLLER_SHOWN = ['72 MiB', '96 MiB', '75 %', '20 MiB', '48 MiB', '14 MiB', '1.3 %', '17', '1 / 4', '0 / 64', '2 h ago', '2'];
const lockerLine = () => screen.getByTestId('memory-locker').textContent;

function renderPanel(locker = 'locker-001') {
  render(<MemoryPanel locker={locker} rangeSeconds={HOUR} nowMs={NOW_MS} scrapeIntervalSeconds={SCRAPE} />);
}

const standIn = standInForThisFile();

describe('the memory panel', () => {
  it('says it is loading, and claims nothing, until Prometheus answers', async () => {
    standIn.answer(INSTANT, HOLD);
    standIn.answer(RANGE, HOLD);
    renderPanel();

    for (const title of ['Resident memory per function', 'Memory now, per function']) {
      expect(panel(title).getAttribute('aria-busy')).toBe('true');
      expect(within(panel(title)).getByText('loading…')).toBeTruthy();
    }
    expect(screen.queryByText('No function\'s memory in the central Prometheus.')).toBeNull();
    expect(screen.queryByText('No function\'s memory in this range.')).toBeNull();
    expect(lockerLine()).toBe('The functions together (0): – of the machine\'s – (–); – available (–).');

    standIn.answer(INSTANT, answering(LOCKER_001));
    standIn.answer(RANGE, rssAtEnd);
    standIn.release();
    await expect.poll(() => cellsOf('controller'), { timeout: 10_000 }).toEqual(CONTROLLER_SHOWN);
    expect(panel('Memory now, per function').getAttribute('aria-busy')).toBe('false');
  });

  it('gives each function its memory against its limit, its JVM and handler pool, in MiB, with the time it is from', async () => {
    standIn.answer(INSTANT, answering(LOCKER_001));
    standIn.answer(RANGE, rssAtEnd);
    renderPanel();

    await expect.poll(() => cellsOf('controller'), { timeout: 10_000 }).toEqual(CONTROLLER_SHOWN);
    await expect.poll(() => cellsOf('screen-io'), { timeout: 10_000 })
      .toEqual(['88 MiB', '96 MiB', '92 %', '–', '–', '–', '–', '–', '–', '–', '–', '0']);
    // Asked at the range's end, each figure says so; the restarts over the range.
    const ats = [...document.querySelectorAll<HTMLElement>('tr[data-function="controller"] td')].map((cell) => cell.dataset.at);
    expect(ats).toEqual(Array(12).fill(String(END)));
    expect(document.querySelector<HTMLElement>('tr[data-function="controller"] td[data-column=startTime]')?.dataset.start)
      .toBe(String(END - 7200));
    const asked = standIn.requests.filter((request) => request.startsWith(`GET ${INSTANT}?`))
      .map((request) => new URL(request.split(' ')[1] ?? '', standIn.url).searchParams);
    expect(asked.every((params) => params.get('time') === String(END))).toBe(true);
    expect(new Set(asked.map((params) => KEY_OF.get(params.get('query') ?? '')))).toEqual(new Set(Object.keys(LOCKER_001)));
    expect(within(panel('Memory now, per function')).getByRole('columnheader', { name: 'restarts (1 h)' })).toBeTruthy();
    await expect.poll(() => document.querySelector('figure[data-chart=memory]')?.getAttribute('data-nonzero'), { timeout: 10_000 })
      .toBe('controller');
  });

  it('adds the functions up against the machine\'s memory', async () => {
    standIn.answer(INSTANT, answering(LOCKER_001));
    standIn.answer(RANGE, rssAtEnd);
    renderPanel();

    await expect.poll(lockerLine, { timeout: 10_000 })
      .toBe('The functions together (2): 160 MiB of the machine\'s 926 MiB (17 %); 300 MiB available (32 %).');
    expect(screen.getByTestId('memory-locker').className).toBe('');
  });

  it('marks a function at 90 % of its limit, and a machine with under 10 % available', async () => {
    standIn.answer(INSTANT, answering({
      ...LOCKER_001,
      gauges: [...LOCKER_001.gauges.filter((s) => s.metric.__name__ !== 'cacifo_machine_memory_available_bytes'),
        gauge('cacifo_machine_memory_available_bytes', 'controller', 90 * MIB)],
    }));
    standIn.answer(RANGE, rssAtEnd);
    renderPanel();

    await expect.poll(() => cellsOf('screen-io')[2], { timeout: 10_000 }).toBe('92 %');
    const ofLimit = (fn: string) => document.querySelector(`tr[data-function="${fn}"] td[data-column=limitShare]`)?.className;
    expect([ofLimit('screen-io'), ofLimit('controller')]).toEqual(['alarm', '']);
    await expect.poll(() => screen.getByTestId('memory-locker').className, { timeout: 10_000 }).toBe('alarm');
  });

  it('shows a function declared but not scraped as dashes, never as 0', async () => {
    standIn.answer(INSTANT, answering(LOCKER_001));
    standIn.answer(RANGE, rssAtEnd);
    renderPanel();

    await expect.poll(() => cellsOf('door-io'), { timeout: 10_000 })
      .toEqual(['–', '96 MiB', '–', '–', '–', '–', '–', '–', '–', '–', '–', '–']);
  });

  it('names the query that failed, and still shows what the others say', async () => {
    standIn.answer(INSTANT, answering(LOCKER_001, 'limits'));
    standIn.answer(RANGE, rssAtEnd);
    renderPanel();

    const table = panel('Memory now, per function');
    expect((await within(table).findByRole('alert', {}, { timeout: 10_000 })).textContent).toBe('limits: Prometheus execution: query timed out');
    await expect.poll(() => cellsOf('controller').slice(0, 4), { timeout: 10_000 }).toEqual(['72 MiB', '–', '–', '20 MiB']);
  });

  it('says so when the central Prometheus has no function\'s memory', async () => {
    standIn.answer(INSTANT, answering({}));
    standIn.answer(RANGE, prometheus({ resultType: 'matrix', result: [] }));
    renderPanel();

    await within(panel('Memory now, per function')).findByText('No function\'s memory in the central Prometheus.', {}, { timeout: 10_000 });
    await within(panel('Resident memory per function')).findByText('No function\'s memory in this range.', {}, { timeout: 10_000 });
    expect(screen.queryByTestId('memory-basis')).toBeNull();
  });

  it('asks nothing for every locker together: memory is one machine\'s', async () => {
    const before = standIn.requests.length;
    renderPanel(ALL_LOCKERS);

    expect(within(panel('Memory')).getByText('Memory is a locker\'s own: choose one locker above.')).toBeTruthy();
    expect(standIn.requests.length).toBe(before);
  });
});
