// Which page the address shows: the fleet overview (no `locker` parameter), or the per-locker view
// (`?locker=locker-001`; `?locker=` with no value: every locker together). A link to one locker
// therefore opens it directly. Pure, tested in view.test.ts.
export const LOCKER_PARAM = 'locker';

export type View = { page: 'fleet' } | { page: 'locker'; locker: string };

export const FLEET: View = { page: 'fleet' };

export function viewFromSearch(search: string): View {
  const locker = new URLSearchParams(search).get(LOCKER_PARAM);
  return locker === null ? FLEET : { page: 'locker', locker };
}

/** The address of `view`, keeping the other parameters of `search`. */
export function searchForView(view: View, search: string): string {
  const params = new URLSearchParams(search);
  if (view.page === 'fleet') {
    params.delete(LOCKER_PARAM);
  } else {
    params.set(LOCKER_PARAM, view.locker);
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}
