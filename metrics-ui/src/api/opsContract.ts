// What the page and the dashboard server agree on for /ops (demo mode only), written once for both
// sides: server/opsAccess.ts checks the header, src/api/opsToken.ts sends it. No DOM here, so the
// server side can import it.

/** The query parameter of the URL the server prints at a demo start: `/?ops_token=…`. */
export const OPS_TOKEN_PARAM = 'ops_token';

/** The header that carries the token on every /ops call. */
export const OPS_TOKEN_HEADER = 'X-Cacifo-Ops-Token';
