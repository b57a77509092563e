// Who may use /ops in demo mode: the page that was opened with this start's token, from the
// dashboard's own origin. Another local user, or another page in the operator's browser, has
// neither the token nor the origin; the buttons open doors, so both are required.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { OPS_TOKEN_HEADER } from '../src/api/opsContract.ts';

export interface OpsRefusal {
  status: 401 | 403;
  error: string;
  message: string;
}

/** 32 random bytes, base64url: made at each start, printed once, kept only in this process. */
export function newOpsToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The origins the page has: the dashboard listens on 127.0.0.1 only (serverOptions.ts). */
export function ownOrigins(port: number): string[] {
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
}

/**
 * Null when the request may go on. An `Origin` (browsers send one on every POST and cross-origin
 * request) must be one of `origins`; the token header must equal `token`, compared in constant time.
 */
export function decideOpsAccess(headers: IncomingHttpHeaders, token: string, origins: string[]): OpsRefusal | null {
  const origin = headers.origin;
  if (origin !== undefined && !origins.includes(origin)) {
    return { status: 403, error: 'foreign_origin', message: 'the test buttons answer only the dashboard\'s own page' };
  }
  const given = headers[OPS_TOKEN_HEADER.toLowerCase()];
  if (given === undefined || given === '') {
    return {
      status: 401, error: 'ops_token_missing',
      message: 'open the dashboard with the URL it printed when it started (…/?ops_token=…)',
    };
  }
  if (typeof given !== 'string' || !sameSecret(given, token)) {
    return {
      status: 403, error: 'ops_token_wrong',
      message: 'this token is not the one of the running dashboard: open the URL it printed when it last started',
    };
  }
  return null;
}

/** Compares digests, so neither the content nor the length of `given` shows in the time taken. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
