// The demo token on the page's side: the dashboard prints `/?ops_token=…` at a demo start; the
// page keeps the token in this tab's sessionStorage (never in the bundle, never in localStorage)
// and sends it on every /ops call. Nothing here when the dashboard is not in demo mode.
import { OPS_TOKEN_HEADER, OPS_TOKEN_PARAM } from './opsContract.ts';

const STORAGE_KEY = 'cacifo-ops-token';

type TabStorage = Pick<Storage, 'getItem' | 'setItem'>;
type Where = Pick<Location, 'pathname' | 'search' | 'hash'>;

/**
 * Takes the token from the address (keeping it in `storage`) and removes it from the address and
 * its history entry, so it is not bookmarked, shared or shown; gives the token this tab holds.
 */
export function takeOpsToken(where: Where, storage: TabStorage, replaceUrl: (url: string) => void): string | null {
  const params = new URLSearchParams(where.search);
  const given = params.get(OPS_TOKEN_PARAM);
  if (given) {
    storage.setItem(STORAGE_KEY, given);
    params.delete(OPS_TOKEN_PARAM);
    const rest = params.toString();
    replaceUrl(`${where.pathname}${rest ? `?${rest}` : ''}${where.hash}`);
  }
  return storage.getItem(STORAGE_KEY);
}

/** The token header for a call to `path`: only /ops calls carry it. */
export function opsHeaders(path: string, storage: Pick<Storage, 'getItem'> | undefined): Record<string, string> {
  const token = path.startsWith('/ops/') ? storage?.getItem(STORAGE_KEY) : null;
  return token ? { [OPS_TOKEN_HEADER]: token } : {};
}
