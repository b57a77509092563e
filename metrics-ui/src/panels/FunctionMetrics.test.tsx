// @vitest-environment happy-dom
import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import '../test/canvas.ts';
import { panel } from '../test/panel.ts';
import { type Answer, HOLD, prometheus, standInForThisFile } from '../test/standIn.ts';
import { FunctionMetrics } from './FunctionMetrics.tsx';

const PATH = '/prometheus/api/v1/query_range';
const NOW_MS = 1_800_000_000_500;
const END = 1_800_000_000;
// One hour scraped every 2 s: 15 s steps and a 15 s rate window (timeRange.ts).
const HOUR = 3600;
const SCRAPE = 2;
const CHARTS = ['Invocations per second', 'Faults (5xx share: the function failed)',
  'Refusals (4xx share: the caller\'s mistake, e.g. a wrong code)', 'Latency p95'];

/** Which of the page's queries `url` is, by its PromQL. */
function figureOf(url: URL): 'rate' | 'faults' | 'refusals' | 'p50' | 'p95' | 'p99' {
  const query = url.searchParams.get('query') ?? '';
  const quantile = /^histogram_quantile\((0\.\d+),/.exec(query)?.[1];
  if (quantile !== undefined) {
    return ({ '0.5': 'p50', '0.95': 'p95', '0.99': 'p99' } as const)[quantile as '0.5' | '0.95' | '0.99'];
  }
  return query.includes('code=~"5..') ? 'faults' : query.includes('code=~"4..') ? 'refusals' : 'rate';
}

/** Each query's answer: controller's value of that figure at the range's last point, as Prometheus gives it. */
const AT_END: Record<ReturnType<typeof figureOf>, string> = {
  rate: '1.5', faults: '0', refusals: '0.25', p50: '0.004', p95: '0.012', p99: '0.05',
};
const controllerAtEnd = (url: URL): Answer => prometheus({
  resultType: 'matrix',
  result: [{ metric: { function_name: 'controller.openfaas-fn' }, values: [[Number(url.searchParams.get('end')), AT_END[figureOf(url)]]] }],
});
const cellsOf = (fn: string) => [...document.querySelectorAll(`tr[data-function="${fn}"] td`)].map((cell) => cell.textContent);
const ALL_SHOWN = ['1.5/s', '0 %', '25 %', '4 ms', '12 ms', '50 ms'];
/** Waits until controller's row shows `cells` (the six queries answer one by one). */
const shows = (cells: string[]) => expect.poll(() => cellsOf('controller'), { timeout: 10_000 }).toEqual(cells);

const standIn = standInForThisFile();

describe('the function metrics panels', () => {
  it('say they are loading until Prometheus answers', async () => {
    standIn.answer(PATH, HOLD);
    render(<FunctionMetrics locker="locker-001" rangeSeconds={HOUR} nowMs={NOW_MS} scrapeIntervalSeconds={SCRAPE} />);

    for (const title of CHARTS) {
      expect(panel(title).getAttribute('aria-busy')).toBe('true');
      expect(within(panel(title)).getByText('loading…')).toBeTruthy();
    }
    expect(screen.queryByText('No calls in this range.')).toBeNull();

    standIn.answer(PATH, controllerAtEnd);
    standIn.release();
    await shows(ALL_SHOWN);
    expect(panel('Invocations per second').getAttribute('aria-busy')).toBe('false');
  });

  it('show Prometheus\'s error in the panel whose query failed, and the others\' figures', async () => {
    standIn.answer(PATH, (url) => figureOf(url) === 'faults'
      ? { status: 400, body: { status: 'error', errorType: 'bad_data', error: 'parse error at char 12' } }
      : controllerAtEnd(url));
    render(<FunctionMetrics locker="locker-001" rangeSeconds={HOUR} nowMs={NOW_MS} scrapeIntervalSeconds={SCRAPE} />);

    const faults = panel('Faults (5xx share: the function failed)');
    expect((await within(faults).findByRole('alert', {}, { timeout: 10_000 })).textContent).toBe('Prometheus bad_data: parse error at char 12');
    await shows(['1.5/s', '–', '25 %', '4 ms', '12 ms', '50 ms']);
    expect(within(panel('Invocations per second')).queryByRole('alert')).toBeNull();
  });

  it('say there were no calls when Prometheus has no series in the range', async () => {
    standIn.answer(PATH, prometheus({ resultType: 'matrix', result: [] }));
    render(<FunctionMetrics locker="locker-001" rangeSeconds={HOUR} nowMs={NOW_MS} scrapeIntervalSeconds={SCRAPE} />);

    await within(panel('Now, per function')).findByText('No calls in this range.', {}, { timeout: 10_000 });
    for (const title of CHARTS) {
      expect(within(panel(title)).getByText('No calls in this range.')).toBeTruthy();
    }
    expect(screen.queryByTestId('function-table-basis')).toBeNull();
  });

  it('draw each function and give its newest figures, the point they are from and the window they cover', async () => {
    standIn.answer(PATH, controllerAtEnd);
    render(<FunctionMetrics locker="locker-001" rangeSeconds={HOUR} nowMs={NOW_MS} scrapeIntervalSeconds={SCRAPE} />);

    await shows(ALL_SHOWN);
    const ats = [...document.querySelectorAll<HTMLElement>('tr[data-function="controller"] td')].map((cell) => cell.dataset.at);
    expect(ats).toEqual(Array(6).fill(String(END)));
    const table = within(panel('Now, per function')).getByRole('table');
    expect([table.dataset.range, table.dataset.step, table.dataset.window]).toEqual(['3600', '15', '15']);
    expect(screen.getByTestId('function-table-basis').textContent).toMatch(
      /^Each line's newest point \(\d\d:\d\d:\d\d\): calls, shares and quantiles over the 15 s before it\.$/);
    expect(document.querySelector('figure[data-chart=rate]')?.getAttribute('data-nonzero')).toBe('controller');
    expect(document.querySelector('figure[data-chart=faults]')?.getAttribute('data-nonzero')).toBe('');
    // The page asked for the range that ends now, one point per step.
    const asked = new URL(standIn.requests.at(-1)?.split(' ')[1] ?? '', standIn.url).searchParams;
    expect([asked.get('start'), asked.get('end'), asked.get('step')]).toEqual([String(END - HOUR), String(END), '15']);
  });

  it('keep the last figures on screen while the next refresh, on a moved range, is loading', async () => {
    standIn.answer(PATH, controllerAtEnd);
    const { rerender } = render(<FunctionMetrics locker="locker-001" rangeSeconds={HOUR} nowMs={NOW_MS} scrapeIntervalSeconds={SCRAPE} />);
    await shows(ALL_SHOWN);

    // One scrape later the range has moved 2 s, off the old 15 s grid.
    const asked = standIn.requests.length;
    standIn.answer(PATH, HOLD);
    rerender(<FunctionMetrics locker="locker-001" rangeSeconds={HOUR} nowMs={NOW_MS + 2000} scrapeIntervalSeconds={SCRAPE} />);
    await expect.poll(() => standIn.requests.length, { timeout: 10_000 }).toBe(asked + 6);

    expect(panel('Invocations per second').getAttribute('aria-busy')).toBe('true');
    expect(cellsOf('controller')).toEqual(ALL_SHOWN);
    expect(document.querySelector('figure[data-chart=rate]')?.getAttribute('data-nonzero')).toBe('controller');

    standIn.answer(PATH, controllerAtEnd);
    standIn.release();
    await expect.poll(() => document.querySelector<HTMLElement>('tr[data-function="controller"] td')?.dataset.at, { timeout: 10_000 })
      .toBe(String(END + 2));
  });

  it('switch the latency chart between p50, p95 and p99', async () => {
    standIn.answer(PATH, controllerAtEnd);
    render(<FunctionMetrics locker="locker-001" rangeSeconds={HOUR} nowMs={NOW_MS} scrapeIntervalSeconds={SCRAPE} />);
    await shows(ALL_SHOWN);

    fireEvent.click(screen.getByRole('button', { name: 'p99' }));

    expect(panel('Latency p99')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'p99' }).getAttribute('aria-pressed')).toBe('true');
  });
});
