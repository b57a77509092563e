import { describe, expect, it } from 'vitest';
import { FLEET, searchForView, viewFromSearch } from './view.ts';

describe('which page the address shows', () => {
  it.each([
    ['', FLEET],
    ['?other=1', FLEET],
    ['?locker=locker-001', { page: 'locker', locker: 'locker-001' }],
    ['?locker=', { page: 'locker', locker: '' }],
    ['?locker=a%20b%22c', { page: 'locker', locker: 'a b"c' }],
  ])('%j opens %j', (search, view) => {
    expect(viewFromSearch(search)).toEqual(view);
  });

  it('writes a locker\'s address, and the fleet\'s, keeping other parameters', () => {
    expect(searchForView({ page: 'locker', locker: 'locker-001' }, '')).toBe('?locker=locker-001');
    expect(searchForView({ page: 'locker', locker: 'locker-002' }, '?x=1&locker=locker-001')).toBe('?x=1&locker=locker-002');
    expect(searchForView(FLEET, '?locker=locker-001')).toBe('');
    expect(searchForView(FLEET, '?x=1&locker=locker-001')).toBe('?x=1');
  });

  it('goes there and back to the same page', () => {
    for (const view of [FLEET, { page: 'locker', locker: 'locker-001' }, { page: 'locker', locker: '' }] as const) {
      expect(viewFromSearch(searchForView(view, ''))).toEqual(view);
    }
  });
});
