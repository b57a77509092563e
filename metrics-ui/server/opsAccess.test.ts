import { describe, expect, it } from 'vitest';
import { OPS_TOKEN_HEADER } from '../src/api/opsContract.ts';
import { decideOpsAccess, newOpsToken, ownOrigins } from './opsAccess.ts';

const TOKEN = newOpsToken();
const ORIGINS = ownOrigins(8060);
const header = OPS_TOKEN_HEADER.toLowerCase();

describe('who may use /ops in demo mode', () => {
  it('makes a fresh unguessable token at each start', () => {
    const tokens = new Set(Array.from({ length: 50 }, () => newOpsToken()));

    expect(tokens.size).toBe(50);
    expect(TOKEN).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it.each([
    ['the page, same origin, with the token', { [header]: TOKEN, origin: 'http://127.0.0.1:8060' }],
    ['the page reached as localhost', { [header]: TOKEN, origin: 'http://localhost:8060' }],
    ['a GET without Origin, with the token', { [header]: TOKEN }],
  ])('lets in %s', (_name, headers) => {
    expect(decideOpsAccess(headers, TOKEN, ORIGINS)).toBeNull();
  });

  it.each([
    ['no token', {}, 401, 'ops_token_missing'],
    ['an empty token', { [header]: '' }, 401, 'ops_token_missing'],
    ['a wrong token', { [header]: newOpsToken() }, 403, 'ops_token_wrong'],
    ['a token of another length', { [header]: TOKEN.slice(1) }, 403, 'ops_token_wrong'],
    ['the token twice', { [header]: [TOKEN, TOKEN] }, 403, 'ops_token_wrong'],
    ['another page with the right token', { [header]: TOKEN, origin: 'https://evil.example.org' }, 403, 'foreign_origin'],
    ['another local page (another port)', { [header]: TOKEN, origin: 'http://127.0.0.1:5173' }, 403, 'foreign_origin'],
    ['a sandboxed page (Origin: null)', { [header]: TOKEN, origin: 'null' }, 403, 'foreign_origin'],
    ['another page without the token', { origin: 'https://evil.example.org' }, 403, 'foreign_origin'],
  ])('refuses %s', (_name, headers, status, error) => {
    const decision = decideOpsAccess(headers as Record<string, string>, TOKEN, ORIGINS);

    expect(decision).toMatchObject({ status, error });
    expect(decision?.message).not.toContain(TOKEN);
  });

  it('knows the dashboard by its loopback origins only', () => {
    expect(ownOrigins(9000)).toEqual(['http://127.0.0.1:9000', 'http://localhost:9000']);
  });
});
