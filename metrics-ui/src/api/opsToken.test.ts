import { describe, expect, it } from 'vitest';
import { opsHeaders, takeOpsToken } from './opsToken.ts';

/** sessionStorage as the page has it, for one tab. */
function storage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    items,
  };
}

describe('the demo token in the page', () => {
  it('moves from the printed URL into this tab\'s sessionStorage, and out of the address bar and history', () => {
    const tab = storage();
    const replaced: string[] = [];

    const token = takeOpsToken({ pathname: '/', search: '?ops_token=abc_-1&x=1', hash: '#top' }, tab, (url) => replaced.push(url));

    expect(token).toBe('abc_-1');
    expect([...tab.items.values()]).toEqual(['abc_-1']);
    expect(replaced).toEqual(['/?x=1#top']);
  });

  it('stays the one this tab was given when the page reloads without it', () => {
    const tab = storage();
    takeOpsToken({ pathname: '/', search: '?ops_token=first', hash: '' }, tab, () => undefined);
    const replaced: string[] = [];

    expect(takeOpsToken({ pathname: '/', search: '', hash: '' }, tab, (url) => replaced.push(url))).toBe('first');
    expect(replaced).toEqual([]);
  });

  it('is replaced by a newer printed URL (the server restarted)', () => {
    const tab = storage();
    takeOpsToken({ pathname: '/', search: '?ops_token=old', hash: '' }, tab, () => undefined);

    expect(takeOpsToken({ pathname: '/', search: '?ops_token=new', hash: '' }, tab, () => undefined)).toBe('new');
  });

  it('is sent on /ops calls only, never to the proxies', () => {
    const tab = storage();
    takeOpsToken({ pathname: '/', search: '?ops_token=t0k', hash: '' }, tab, () => undefined);

    expect(opsHeaders('/ops/demo-parcel/create', tab)).toEqual({ 'X-Cacifo-Ops-Token': 't0k' });
    expect(opsHeaders('/prometheus/api/v1/query', tab)).toEqual({});
    expect(opsHeaders('/api/system/functions', tab)).toEqual({});
    expect(opsHeaders('/ops/occupancy', storage())).toEqual({});
  });
});
