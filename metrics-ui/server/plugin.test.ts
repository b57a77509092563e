// The dashboard server as `vite preview` runs it in production and in demo mode: Vite's own
// preview server with this plugin and serverOptions, over real HTTP.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger, preview, type PreviewServer } from 'vite';
import { OPS_TOKEN_HEADER } from '../src/api/opsContract.ts';
import { dashboardServer } from './plugin.ts';
import { serverOptions } from './serverOptions.ts';
import { readSettings } from './settings.ts';

let running: PreviewServer | undefined;

afterEach(async () => {
  await running?.close();
  running = undefined;
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** A secrets folder as the devstack writes it: the key and, when `marked`, the marker naming it. */
function secretsFolder(marked: boolean): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'plugin-'));
  const key = '-----BEGIN PRIVATE KEY-----\nnot a real key\n-----END PRIVATE KEY-----\n';
  writeFileSync(path.join(dir, 'backend-private-key'), key);
  if (marked) {
    writeFileSync(path.join(dir, 'devstack-generated'), `backend-private-key sha256:${createHash('sha256').update(key).digest('hex')}\n`);
  }
  return dir;
}

/** Starts `vite preview` on a built-looking dist/; gives its port and every line it logged. */
async function startDashboard(env: Record<string, string>): Promise<{ port: number; logged: string[] }> {
  const port = await freePort();
  const settings = readSettings({ CACIFO_DASHBOARD_PORT: String(port), ...env }, '/repo');
  const dist = mkdtempSync(path.join(tmpdir(), 'plugin-dist-'));
  mkdirSync(dist, { recursive: true });
  writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>cacifo</title>');
  const logged: string[] = [];
  const logger = createLogger('info');
  logger.info = (message) => logged.push(message);
  running = await preview({
    configFile: false, root: dist, logLevel: 'info', customLogger: logger,
    plugins: [dashboardServer(settings)], build: { outDir: dist }, preview: serverOptions(settings),
  });
  return { port, logged };
}

/** A raw request, so the Host header is ours to choose (fetch always sends the URL's). */
function send(port: number, method: string, url: string, headers: Record<string, string> = {}, body?: string) {
  return new Promise<{ status: number; headers: Record<string, unknown>; text: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path: url, headers: { Host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk)).on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('the dashboard server by default (production)', () => {
  it('says the test buttons are off and answers every /ops path 404, changing nothing', async () => {
    const { port } = await startDashboard({});

    const settings = await send(port, 'GET', '/settings');
    const create = await send(port, 'POST', '/ops/demo-parcel/create', { 'Content-Type': 'application/json' }, '{}');
    const occupancy = await send(port, 'GET', '/ops/occupancy');

    expect([settings.status, JSON.parse(settings.text)]).toEqual([200, { scrape_interval_seconds: 15, ops: false }]);
    expect([create.status, JSON.parse(create.text).error]).toEqual([404, 'ops_off']);
    expect([occupancy.status, JSON.parse(occupancy.text).error]).toEqual([404, 'ops_off']);
  });

  it('refuses a Host that does not name this machine (DNS rebinding), and serves those that do', async () => {
    const { port } = await startDashboard({});

    const foreign = await send(port, 'GET', '/settings', { Host: `evil.example.org:${port}` });
    const local = await send(port, 'GET', '/settings', { Host: `localhost:${port}` });

    expect(foreign.status).toBe(403);
    expect(local.status).toBe(200);
  });

  it('lets no other origin read a reply, not even another local page', async () => {
    const { port } = await startDashboard({});

    for (const origin of ['http://localhost:5173', 'http://127.0.0.1:3000', 'https://evil.example.org']) {
      const reply = await send(port, 'GET', '/settings', { Origin: origin });
      const preflight = await send(port, 'OPTIONS', '/settings', { Origin: origin, 'Access-Control-Request-Method': 'GET' });
      expect(reply.headers['access-control-allow-origin']).toBeUndefined();
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    }
  });

  it('passes on no CORS grant of an upstream (Prometheus answers Access-Control-Allow-Origin: * by default)', async () => {
    const upstream = createHttpServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': 'Date' })
        .end('{"status":"success","data":[]}');
    });
    await new Promise<void>((done) => upstream.listen(0, '127.0.0.1', done));
    try {
      const { port } = await startDashboard({ CACIFO_PROMETHEUS_URL: `http://127.0.0.1:${(upstream.address() as { port: number }).port}` });

      const reply = await send(port, 'GET', '/prometheus/api/v1/label/locker/values', { Origin: 'http://localhost:5173' });

      expect(reply.status).toBe(200);
      expect(reply.headers['access-control-allow-origin']).toBeUndefined();
      expect(reply.headers['access-control-expose-headers']).toBeUndefined();
    } finally {
      await new Promise((done) => upstream.close(done));
    }
  });

  it('refuses to start with a back-end key set: a production dashboard must not hold it', () => {
    expect(() => readSettings({ CACIFO_BACKEND_KEY_FILE: path.join(secretsFolder(true), 'backend-private-key') }, '/repo'))
      .toThrow(/CACIFO_DASHBOARD_DEMO/);
  });
});

describe('the dashboard server in demo mode', () => {
  it('prints the page URL with a fresh token once, and /ops answers only with that token from its own origin', async () => {
    const secrets = secretsFolder(true);
    const { port, logged } = await startDashboard({
      CACIFO_DASHBOARD_DEMO: '1', CACIFO_BACKEND_KEY_FILE: path.join(secrets, 'backend-private-key'),
    });
    const output = logged.join('\n');
    const token = /\/\?ops_token=([A-Za-z0-9_-]{43})/.exec(output)?.[1] ?? '';

    const withToken = await send(port, 'GET', '/ops/demo-parcel', { [OPS_TOKEN_HEADER]: token });
    const without = await send(port, 'GET', '/ops/demo-parcel');
    const foreign = await send(port, 'POST', '/ops/demo-parcel/create',
      { [OPS_TOKEN_HEADER]: token, Origin: 'http://localhost:5173', 'Content-Type': 'application/json' }, '{}');
    const settings = await send(port, 'GET', '/settings');

    expect(output).toContain(`http://127.0.0.1:${port}/?ops_token=${token}`);
    expect(output.split(token).length - 1).toBe(1);
    expect([withToken.status, JSON.parse(withToken.text)]).toEqual([200, { parcel: null }]);
    expect([without.status, JSON.parse(without.text).error]).toEqual([401, 'ops_token_missing']);
    expect([foreign.status, JSON.parse(foreign.text).error]).toEqual([403, 'foreign_origin']);
    expect(JSON.parse(settings.text).ops).toBe(true);
  });

  it('does not start with a back-end key the devstack did not generate', async () => {
    const secrets = secretsFolder(false);

    await expect(startDashboard({ CACIFO_DASHBOARD_DEMO: '1', CACIFO_BACKEND_KEY_FILE: path.join(secrets, 'backend-private-key') }))
      .rejects.toThrow(/the devstack did not generate it/);
  });

  it('does not start against a locker gateway on another machine', async () => {
    const secrets = secretsFolder(true);

    await expect(startDashboard({
      CACIFO_DASHBOARD_DEMO: '1', CACIFO_BACKEND_KEY_FILE: path.join(secrets, 'backend-private-key'),
      CACIFO_GATEWAY_URL: 'https://locker-001.example.org',
    })).rejects.toThrow(/CACIFO_GATEWAY_URL/);
  });
});
