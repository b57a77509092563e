// @vitest-environment happy-dom
import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ALL_LOCKERS } from '../lib/queries.ts';
import { HOLD, prometheus, standInForThisFile } from '../test/standIn.ts';
import { LockerSelect, RangeSelect } from './Selectors.tsx';

const PATH = '/prometheus/api/v1/label/locker/values';
const REFRESH_MS = 60_000;

const standIn = standInForThisFile();

const options = () => screen.getAllByRole('option').map((option) => [(option as HTMLOptionElement).value, option.textContent]);

describe('the locker selector', () => {
  it('offers "all lockers" while the central Prometheus has not answered', async () => {
    standIn.answer(PATH, HOLD);
    render(<LockerSelect value={ALL_LOCKERS} onChange={() => undefined} refreshMs={REFRESH_MS} />);

    expect(options()).toEqual([['', 'all lockers']]);
    expect(screen.queryByRole('alert')).toBeNull();

    standIn.answer(PATH, prometheus(['locker-001']));
    standIn.release();
    await expect.poll(options, { timeout: 10_000 }).toEqual([['', 'all lockers'], ['locker-001', 'locker-001']]);
  });

  it('says why it has no lockers when Prometheus fails', async () => {
    standIn.answer(PATH, { status: 503, body: { status: 'error', errorType: 'unavailable', error: 'TSDB not ready' } });
    render(<LockerSelect value={ALL_LOCKERS} onChange={() => undefined} refreshMs={REFRESH_MS} />);

    expect((await screen.findByRole('alert', {}, { timeout: 10_000 })).textContent).toBe(' Prometheus unavailable: TSDB not ready');
    expect(options()).toEqual([['', 'all lockers']]);
  });

  it('offers only "all lockers" again once Prometheus knows no locker any more', async () => {
    standIn.answer(PATH, prometheus(['locker-001']));
    render(<LockerSelect value={ALL_LOCKERS} onChange={() => undefined} refreshMs={200} />);
    await expect.poll(options, { timeout: 10_000 }).toEqual([['', 'all lockers'], ['locker-001', 'locker-001']]);

    standIn.answer(PATH, prometheus([]));

    await expect.poll(options, { timeout: 10_000 }).toEqual([['', 'all lockers']]);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('offers every locker Prometheus knows, shows the chosen one and reports a choice', async () => {
    standIn.answer(PATH, prometheus(['locker-001', 'locker-002']));
    const chosen: string[] = [];
    render(<LockerSelect value="locker-002" onChange={(locker) => chosen.push(locker)} refreshMs={REFRESH_MS} />);

    await expect.poll(options, { timeout: 10_000 })
      .toEqual([['', 'all lockers'], ['locker-001', 'locker-001'], ['locker-002', 'locker-002']]);
    expect((screen.getByTestId('locker-select') as HTMLSelectElement).value).toBe('locker-002');
    fireEvent.change(screen.getByTestId('locker-select'), { target: { value: 'locker-001' } });
    expect(chosen).toEqual(['locker-001']);
  });
});

describe('the range selector', () => {
  it('marks the chosen range and reports another one in seconds', () => {
    const chosen: number[] = [];
    render(<RangeSelect value={3600} onChange={(seconds) => chosen.push(seconds)} />);

    const pressed = screen.getAllByRole('button').filter((b) => b.getAttribute('aria-pressed') === 'true').map((b) => b.textContent);
    expect(pressed).toEqual(['1 h']);
    fireEvent.click(screen.getByRole('button', { name: '12 h' }));
    expect(chosen).toEqual([43200]);
  });
});
