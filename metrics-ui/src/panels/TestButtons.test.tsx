// @vitest-environment happy-dom
import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { DemoParcel } from '../api/responseTypes.ts';
import { panel } from '../test/panel.ts';
import { HOLD, refused, standInForThisFile } from '../test/standIn.ts';
import { TestButtons } from './TestButtons.tsx';

const PARCEL: DemoParcel = { external_id: 'demo-7f3a', reservation_id: 12, door_id: 4, status: 'WAITING' };

const standIn = standInForThisFile();

const button = (label: string) => screen.getByRole('button', { name: label }) as HTMLButtonElement;
const op = (name: string) => document.querySelector<HTMLElement>(`[data-op=${name}]`);
const finished = (name: string) => expect.poll(() => op(name)?.dataset.state, { timeout: 10_000 }).toMatch(/^(ok|error)$/);

describe('the test buttons', () => {
  it('offer only "create" while the server has no demo parcel', async () => {
    standIn.answer('/ops/demo-parcel', { body: { parcel: null } });
    render(<TestButtons />);

    await expect.poll(() => standIn.requests.includes('GET /ops/demo-parcel'), { timeout: 10_000 }).toBe(true);
    expect(within(panel('Test the locker')).getByText('No demo parcel yet.')).toBeTruthy();
    expect([button('Create a demo parcel').disabled, button('Send its code').disabled, button('Clean up').disabled])
      .toEqual([false, true, true]);
  });

  it('say "working…" and hold every button while a press is under way, then give the locker\'s answer', async () => {
    standIn.answer('/ops/demo-parcel', { body: { parcel: null } });
    standIn.answer('/ops/demo-parcel/create', HOLD, 'POST');
    render(<TestButtons />);

    fireEvent.click(button('Create a demo parcel'));
    await expect.poll(() => op('create')?.dataset.state, { timeout: 10_000 }).toBe('running');
    expect(within(op('create') as HTMLElement).getByRole('status').textContent).toBe('working…');
    expect([button('Create a demo parcel').disabled, button('Send its code').disabled, button('Clean up').disabled])
      .toEqual([true, true, true]);

    standIn.answer('/ops/demo-parcel/create', { body: PARCEL }, 'POST');
    standIn.release();
    await finished('create');
    expect(op('create')?.dataset.state).toBe('ok');
    expect(within(op('create') as HTMLElement).getByRole('status').textContent).toBe('Parcel demo-7f3a (#12) is WAITING at door 4');
    expect(screen.getByText('Demo parcel demo-7f3a, door 4')).toBeTruthy();
    expect([button('Create a demo parcel').disabled, button('Send its code').disabled]).toEqual([true, false]);
  });

  it('show a refused press as an error with the server\'s words, and change nothing', async () => {
    standIn.answer('/ops/demo-parcel', { body: { parcel: null } });
    standIn.answer('/ops/demo-parcel/create', refused(409, 'demo_parcel_exists', 'There is a demo parcel already'), 'POST');
    render(<TestButtons />);

    fireEvent.click(button('Create a demo parcel'));
    await finished('create');

    expect(op('create')?.dataset.state).toBe('error');
    expect(within(op('create') as HTMLElement).getByRole('status').textContent)
      .toBe('There is a demo parcel already (demo_parcel_exists, HTTP 409)');
    expect(screen.getByText('No demo parcel yet.')).toBeTruthy();
    expect(button('Create a demo parcel').disabled).toBe(false);
  });

  it('pick up the server\'s demo parcel after a reload, send its code and clean it up', async () => {
    standIn.answer('/ops/demo-parcel', { body: { parcel: PARCEL } });
    standIn.answer('/ops/demo-parcel/code', { body: { status: 200, display: 'Porta 4 aberta', door_id: 4 } }, 'POST');
    standIn.answer('/ops/demo-parcel/cleanup', { body: { deleted: 12, door_id: 4, door_state: 'FREE' } }, 'POST');
    const before = standIn.requests.length;
    render(<TestButtons />);

    await screen.findByText('Demo parcel demo-7f3a, door 4', {}, { timeout: 10_000 });
    expect(op('code')?.dataset.door).toBe('4');
    fireEvent.click(button('Send its code'));
    await finished('code');
    expect(within(op('code') as HTMLElement).getByRole('status').textContent).toBe('The screen says: “Porta 4 aberta”');

    fireEvent.click(button('Clean up'));
    await finished('cleanup');
    expect(within(op('cleanup') as HTMLElement).getByRole('status').textContent).toBe('Parcel #12 deleted; door 4 is FREE');
    expect(screen.getByText('No demo parcel yet.')).toBeTruthy();
    expect(standIn.requests.slice(before).filter((request) => request.startsWith('POST'))).toEqual(['POST /ops/demo-parcel/code', 'POST /ops/demo-parcel/cleanup']);
  });
});
