// Which browser requests the proxy passes on. The proxy adds the gateway's admin login, so an
// open `/api` would let anyone who reaches the dashboard deploy or delete functions on faasd; it
// therefore passes exactly the read-only calls the dashboard makes and nothing else.

export const GATEWAY_PREFIX = '/api';
export const PROMETHEUS_PREFIX = '/prometheus';

export type Upstream = 'gateway' | 'prometheus';

export type AccessDecision =
  | { allowed: true; upstream: Upstream }
  | { allowed: false; status: 403 | 405; error: string; message: string };

const GATEWAY_READS = new Set(['/system/functions', '/healthz']);
const PROMETHEUS_READS = new Set(['/api/v1/query', '/api/v1/query_range', '/-/ready']);
const LABEL_VALUES = /^\/api\/v1\/label\/[a-zA-Z_][a-zA-Z0-9_]*\/values$/;

/**
 * Null when the request is not for a proxied prefix (the dashboard's own files, /ops, Vite's
 * routes). Matches exactly what the proxy's `^/api/` and `^/prometheus/` keys match, so nothing
 * reaches an upstream without passing {@link decideAccess}.
 */
export function proxiedUpstream(rawUrl: string): Upstream | null {
  if (rawUrl.startsWith(GATEWAY_PREFIX + '/')) {
    return 'gateway';
  }
  if (rawUrl.startsWith(PROMETHEUS_PREFIX + '/')) {
    return 'prometheus';
  }
  return null;
}

/**
 * Decides on one request to `/api/...` or `/prometheus/...`. The path is compared as the browser
 * sent it, before any decoding, so `/api/system/functions/../../function/x` or `%2e%2e` tricks
 * never match an allowed path.
 */
export function decideAccess(method: string, rawUrl: string): AccessDecision {
  const upstream = proxiedUpstream(rawUrl);
  if (upstream === null) {
    return { allowed: false, status: 403, error: 'forbidden', message: 'not a proxied path' };
  }
  const prefix = upstream === 'gateway' ? GATEWAY_PREFIX : PROMETHEUS_PREFIX;
  const rest = pathOf(rawUrl).slice(prefix.length);
  const allowed = upstream === 'gateway' ? GATEWAY_READS.has(rest) : PROMETHEUS_READS.has(rest) || LABEL_VALUES.test(rest);
  if (!allowed) {
    return {
      allowed: false,
      status: 403,
      error: 'forbidden',
      message: `the dashboard's proxy does not pass ${prefix}${rest}; it only serves the read calls the dashboard makes`,
    };
  }
  if (method !== 'GET' && method !== 'HEAD') {
    return { allowed: false, status: 405, error: 'method_not_allowed', message: 'the proxy passes GET only' };
  }
  return { allowed: true, upstream };
}

/** The path part of a request URL as sent (no query, no fragment), without decoding it. */
export function pathOf(rawUrl: string): string {
  const end = rawUrl.search(/[?#]/);
  return end === -1 ? rawUrl : rawUrl.slice(0, end);
}

/** The request URL as the upstream should see it: the prefix taken off, the query kept. */
export function upstreamPath(rawUrl: string, upstream: Upstream): string {
  const prefix = upstream === 'gateway' ? GATEWAY_PREFIX : PROMETHEUS_PREFIX;
  const rest = rawUrl.slice(prefix.length);
  return rest.startsWith('/') ? rest : '/' + rest;
}
