import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { accessGuard } from './proxy.ts';
import { readSettings } from './settings.ts';

let server: Server | undefined;

afterEach(async () => {
  await new Promise((done) => (server ? server.close(done) : done(undefined)));
  server = undefined;
});

/** The guard in front of a stand-in for the proxy that echoes the headers it would forward. */
async function guarded(env: Record<string, string>): Promise<string> {
  const guard = accessGuard(readSettings(env, '/repo'));
  server = createServer((req, res) => {
    void guard(req, res, () => {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ forwarded: req.headers }));
    });
  });
  await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function passwordFile(value: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'guard-')), 'basic-auth-password');
  writeFileSync(file, value + '\n');
  return file;
}

describe('the proxy guard', () => {
  it('adds the gateway login from its file and drops the browser\'s cookies and credentials', async () => {
    const base = await guarded({ CACIFO_GATEWAY_PASSWORD_FILE: passwordFile('s3cret-value') });

    const reply = await fetch(`${base}/api/system/functions`, { headers: { Cookie: 'session=1', Authorization: 'Bearer x' } });

    const { forwarded } = (await reply.json()) as { forwarded: Record<string, string> };
    expect(reply.status).toBe(200);
    expect(forwarded.authorization).toBe('Basic ' + Buffer.from('admin:s3cret-value').toString('base64'));
    expect(forwarded.cookie).toBeUndefined();
  });

  it('sends Prometheus no login unless one is configured, and never the browser\'s', async () => {
    const base = await guarded({ CACIFO_GATEWAY_PASSWORD_FILE: passwordFile('x') });

    const reply = await fetch(`${base}/prometheus/api/v1/query?query=up`, { headers: { Authorization: 'Basic Zm9vOmJhcg==' } });

    const { forwarded } = (await reply.json()) as { forwarded: Record<string, string> };
    expect(forwarded.authorization).toBeUndefined();
  });

  it.each([
    ['GET', '/api/function/user-manager', 403, 'forbidden'],
    ['POST', '/api/system/functions', 405, 'method_not_allowed'],
    ['DELETE', '/api/system/functions', 405, 'method_not_allowed'],
    ['GET', '/prometheus/api/v1/admin/tsdb/snapshot', 403, 'forbidden'],
  ])('answers %s %s with %i %s and passes nothing on', async (method, url, status, error) => {
    const base = await guarded({ CACIFO_GATEWAY_PASSWORD_FILE: passwordFile('x') });

    const reply = await fetch(base + url, { method });

    expect(reply.status).toBe(status);
    expect(await reply.json()).toMatchObject({ error });
  });

  it('answers 503 naming the setting, not the path, when the password file is missing', async () => {
    const base = await guarded({ CACIFO_GATEWAY_PASSWORD_FILE: '/nonexistent/basic-auth-password' });

    const reply = await fetch(`${base}/api/system/functions`);

    const body = (await reply.json()) as { error: string; message: string };
    expect(reply.status).toBe(503);
    expect(body.error).toBe('not_configured');
    expect(body.message).toContain('CACIFO_GATEWAY_PASSWORD_FILE');
    expect(body.message).not.toContain('/nonexistent');
  });

  it('lets the dashboard\'s own paths through untouched', async () => {
    const base = await guarded({ CACIFO_GATEWAY_PASSWORD_FILE: passwordFile('x') });

    const reply = await fetch(`${base}/ops/settings`, { headers: { Cookie: 'kept=1' } });

    const { forwarded } = (await reply.json()) as { forwarded: Record<string, string> };
    expect(forwarded.cookie).toBe('kept=1');
    expect(forwarded.authorization).toBeUndefined();
  });
});
