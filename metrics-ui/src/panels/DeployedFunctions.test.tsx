// @vitest-environment happy-dom
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { panel } from '../test/panel.ts';
import { HOLD, refused, standInForThisFile } from '../test/standIn.ts';
import { DeployedFunctions } from './DeployedFunctions.tsx';

const PATH = '/api/system/functions';
const fn = (name: string, availableReplicas: number, invocationCount: number) =>
  ({ name, image: `cacifo/${name}:1`, invocationCount, replicas: 1, availableReplicas });

const standIn = standInForThisFile();

describe('the deployed functions panel', () => {
  it('says it is loading, with a dash for the count, until the gateway answers', async () => {
    standIn.answer(PATH, HOLD);
    render(<DeployedFunctions />);

    const card = panel('Deployed functions');
    expect(card.getAttribute('aria-busy')).toBe('true');
    expect(within(card).getByText('loading…')).toBeTruthy();
    expect(screen.getByTestId('deployed-count').textContent).toBe('–');

    standIn.answer(PATH, { body: [fn('controller', 1, 5)] });
    standIn.release();
    await screen.findByText('(1 ready)', { exact: false }, { timeout: 10_000 });
    expect(screen.getByTestId('deployed-count').textContent).toBe('1');
    expect(card.getAttribute('aria-busy')).toBe('false');
    expect(within(card).getByText(/^updated \d\d:\d\d:\d\d$/)).toBeTruthy();
  });

  it('shows the gateway\'s error as the server words it', async () => {
    standIn.answer(PATH, refused(502, 'gateway_unreachable', 'The locker\'s gateway did not answer'));
    render(<DeployedFunctions />);

    expect((await screen.findByRole('alert', {}, { timeout: 10_000 })).textContent)
      .toBe('The locker\'s gateway did not answer (gateway_unreachable, HTTP 502)');
    expect(screen.getByTestId('deployed-count').textContent).toBe('–');
  });

  it('counts no function when none is deployed', async () => {
    standIn.answer(PATH, { body: [] });
    render(<DeployedFunctions />);

    await screen.findByText('(0 ready)', { exact: false }, { timeout: 10_000 });
    expect(screen.getByTestId('deployed-count').textContent).toBe('0');
    expect(screen.queryAllByRole('listitem')).toHaveLength(0);
  });

  it('counts the functions, how many are ready, and lists each with its calls, by name', async () => {
    standIn.answer(PATH, { body: [fn('screen-io', 1, 12), fn('controller', 1, 40), fn('door-io', 0, 0)] });
    render(<DeployedFunctions />);

    await screen.findByText('(2 ready)', { exact: false }, { timeout: 10_000 });
    expect(screen.getByTestId('deployed-count').textContent).toBe('3');
    const items = screen.getAllByRole('listitem');
    expect(items.map((item) => [item.textContent, item.className])).toEqual([
      ['controller 40 calls', 'ready'], ['door-io 0 calls', 'down'], ['screen-io 12 calls', 'ready'],
    ]);
  });
});
