// @vitest-environment happy-dom
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Occupancy } from '../api/responseTypes.ts';
import '../test/canvas.ts';
import { panel } from '../test/panel.ts';
import { HOLD, refused, standInForThisFile } from '../test/standIn.ts';
import { OccupancyPanel } from './OccupancyPanel.tsx';

const PATH = '/ops/occupancy';
const REFRESH_MS = 60_000;

const standIn = standInForThisFile();

describe('the doors panel', () => {
  it('says it is loading and shows no figures until door-manager answers', async () => {
    standIn.answer(PATH, HOLD);
    render(<OccupancyPanel refreshMs={REFRESH_MS} />);

    const card = panel('Doors');
    expect(card.getAttribute('aria-busy')).toBe('true');
    expect(within(card).getByText('loading…')).toBeTruthy();
    expect(screen.queryByTestId('occupancy-total')).toBeNull();

    standIn.answer(PATH, { body: { total: 1, free: 1, occupied: 0, out_of_service: 0, by_size: {}, open_alarms: 0 } });
    standIn.release();
    expect((await screen.findByTestId('occupancy-total', {}, { timeout: 10_000 })).dataset.total).toBe('1');
    expect(card.getAttribute('aria-busy')).toBe('false');
  });

  it('shows why it has no figures when the server refuses', async () => {
    standIn.answer(PATH, refused(502, 'locker_unreachable', 'door-manager did not answer'));
    render(<OccupancyPanel refreshMs={REFRESH_MS} />);

    expect((await screen.findByRole('alert', {}, { timeout: 10_000 })).textContent)
      .toBe('door-manager did not answer (locker_unreachable, HTTP 502)');
    expect(screen.queryByTestId('occupancy-total')).toBeNull();
  });

  it('shows a locker without doors as all zeros and no alarm', async () => {
    const none: Occupancy = { total: 0, free: 0, occupied: 0, out_of_service: 0, by_size: {}, open_alarms: 0 };
    standIn.answer(PATH, { body: none });
    render(<OccupancyPanel refreshMs={REFRESH_MS} />);

    const total = await screen.findByTestId('occupancy-total', {}, { timeout: 10_000 });
    expect(total.textContent).toBe('all0000');
    expect(screen.getByTestId('open-alarms').textContent).toBe('No open alarms');
  });

  it('counts the doors by state and size, and the open alarms', async () => {
    const doors: Occupancy = {
      total: 10, free: 6, occupied: 3, out_of_service: 1, open_alarms: 2,
      by_size: {
        SMALL: { total: 6, free: 4, occupied: 2, out_of_service: 0 },
        EXTRA_LARGE: { total: 4, free: 2, occupied: 1, out_of_service: 1 },
      },
    };
    standIn.answer(PATH, { body: doors });
    render(<OccupancyPanel refreshMs={REFRESH_MS} />);

    const total = await screen.findByTestId('occupancy-total', {}, { timeout: 10_000 });
    expect([total.dataset.total, total.dataset.occupied]).toEqual(['10', '3']);
    const rows = within(panel('Doors')).getAllByRole('row').map((row) =>
      within(row).queryAllByRole('cell').map((cell) => cell.textContent));
    expect(rows.slice(1)).toEqual([['6', '4', '2', '0'], ['4', '2', '1', '1'], ['10', '6', '3', '1']]);
    expect(within(panel('Doors')).getByText('extra large')).toBeTruthy();
    expect(screen.getByTestId('open-alarms').textContent).toBe('2 open alarms');
    expect(screen.getByTestId('open-alarms').className).toBe('alarm');
  });
});
