import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { OPS_TOKEN_HEADER } from '../src/api/opsContract.ts';
import { FakeToolRunner } from './fakeToolRunner.ts';
import { LockerOps } from './lockerOps.ts';
import { newOpsToken, ownOrigins } from './opsAccess.ts';
import { opsOff, opsRoutes } from './opsRoutes.ts';
import { readSettings } from './settings.ts';

const FREE_DOORS = { status: 200, body: { doors: [{ id: 2, state: 'FREE' }] } };
const NONE_WAITING = { status: 200, body: { reservations: [] } };
const CREATED = { status: 201, body: { id: 42, status: 'ARRIVING', door_id: 2 } };

let server: Server | undefined;

afterEach(async () => {
  await new Promise((done) => (server ? server.close(done) : done(undefined)));
  server = undefined;
});

/** `handler` mounted at /ops of a real HTTP server, as Connect mounts it (req.url without the prefix). */
async function mounted(handler: (port: number) => RequestListener): Promise<{ base: string; origin: string }> {
  let listener: RequestListener = () => undefined;
  server = createServer((req, res) => {
    if (!req.url?.startsWith('/ops')) {
      res.writeHead(418).end();
      return;
    }
    req.url = req.url.slice('/ops'.length) || '/';
    void listener(req, res);
  });
  await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done));
  const port = (server!.address() as AddressInfo).port;
  listener = handler(port);
  return { base: `http://127.0.0.1:${port}/ops`, origin: `http://127.0.0.1:${port}` };
}

async function demo() {
  const token = newOpsToken();
  const tool = new FakeToolRunner({
    'door-manager list': FREE_DOORS, 'reservation-manager list': NONE_WAITING, 'reservation-manager insert': CREATED,
    'door-manager occupancy': { status: 200, body: { total: 1, free: 1, occupied: 0, out_of_service: 0, by_size: {}, open_alarms: 0 } },
  });
  const settings = readSettings({ CACIFO_DASHBOARD_DEMO: '1', CACIFO_BACKEND_KEY_FILE: '/dev/null', CACIFO_LOCKER_PUBLIC_KEY_FILE: '/dev/null' }, '/repo');
  const ops = new LockerOps(settings, tool.run);
  const { base, origin } = await mounted((port) => opsRoutes(ops, { token, origins: ownOrigins(port) }));
  const call = (path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) =>
    fetch(base + path, init);
  const create = (headers: Record<string, string> = {}, body = '{}') => call('/demo-parcel/create', {
    method: 'POST', body, headers: { [OPS_TOKEN_HEADER]: token, 'Content-Type': 'application/json', Origin: origin, ...headers },
  });
  return { token, tool, ops, origin, call, create };
}

async function errorOf(reply: Response): Promise<[number, string, string]> {
  const body = (await reply.json()) as { error: string; message: string };
  expect(typeof body.message).toBe('string');
  return [reply.status, reply.headers.get('content-type') ?? '', body.error];
}

describe('/ops in demo mode', () => {
  it('creates the demo parcel for the page that has the token', async () => {
    const { create, ops } = await demo();

    const reply = await create();

    expect(reply.status).toBe(201);
    expect(await reply.json()).toMatchObject({ reservation_id: 42, door_id: 2 });
    expect(ops.current()?.reservation_id).toBe(42);
  });

  it('answers GETs with the token too, and refuses them without', async () => {
    const { call, token } = await demo();

    expect((await call('/occupancy', { headers: { [OPS_TOKEN_HEADER]: token } })).status).toBe(200);
    expect(await errorOf(await call('/occupancy'))).toEqual([401, 'application/json; charset=utf-8', 'ops_token_missing']);
    expect((await errorOf(await call('/demo-parcel')))[0]).toBe(401);
  });

  it.each([
    ['no token', { [OPS_TOKEN_HEADER]: '' }, '{}', 401, 'ops_token_missing'],
    ['a wrong token', { [OPS_TOKEN_HEADER]: 'x'.repeat(43) }, '{}', 403, 'ops_token_wrong'],
    ['another page\'s Origin', { Origin: 'https://evil.example.org' }, '{}', 403, 'foreign_origin'],
    ['a form post', { 'Content-Type': 'application/x-www-form-urlencoded' }, 'a=1', 415, 'unsupported_media_type'],
    ['a text/plain post', { 'Content-Type': 'text/plain' }, '{}', 415, 'unsupported_media_type'],
    ['a body that is not JSON', {}, '{"', 400, 'bad_json'],
    ['a body that is not an object', {}, '[1]', 400, 'bad_json'],
    ['an empty body', {}, '', 400, 'bad_json'],
    ['a body over 1 KiB', {}, JSON.stringify({ pad: 'x'.repeat(2000) }), 413, 'body_too_large'],
  ])('refuses a create with %s, and runs nothing', async (_name, headers, body, status, error) => {
    const { create, tool, ops } = await demo();

    const reply = await create(headers, body);

    expect(await errorOf(reply)).toEqual([status, 'application/json; charset=utf-8', error]);
    expect(tool.commands).toEqual([]);
    expect(ops.current()).toBeNull();
  });

  it('refuses a second create while the demo parcel exists (409 demo_parcel_exists), and changes nothing', async () => {
    const { create, tool, ops } = await demo();
    await create();
    const before = tool.commands.length;

    const second = await create();

    expect(await errorOf(second)).toEqual([409, 'application/json; charset=utf-8', 'demo_parcel_exists']);
    expect(tool.commands.length).toBe(before);
    expect(ops.current()?.reservation_id).toBe(42);
  });

  it.each([
    ['GET', '/demo-parcel/create', 405, 'method_not_allowed'],
    ['POST', '/occupancy', 405, 'method_not_allowed'],
    ['GET', '/settings', 404, 'not_found'],
  ])('answers %s %s with %i %s', async (method, path, status, error) => {
    const { call, token } = await demo();

    const reply = await call(path, { method, headers: { [OPS_TOKEN_HEADER]: token, 'Content-Type': 'application/json' } });

    expect((await errorOf(reply))[2]).toBe(error);
    expect(reply.status).toBe(status);
  });

  it('tells nothing about its routes to a caller without the token', async () => {
    const { call } = await demo();

    expect((await errorOf(await call('/no-such-route')))[0]).toBe(401);
  });
});

describe('/ops outside demo mode', () => {
  it.each([
    ['POST', '/demo-parcel/create'], ['POST', '/demo-parcel/code'], ['POST', '/demo-parcel/cleanup'],
    ['GET', '/demo-parcel'], ['GET', '/occupancy'], ['GET', '/'],
  ])('answers %s /ops%s with 404 ops_off', async (method, path) => {
    const { base } = await mounted(() => opsOff);

    const reply = await fetch(base + path, { method, headers: { 'Content-Type': 'application/json' }, body: method === 'POST' ? '{}' : undefined });

    expect(await errorOf(reply)).toEqual([404, 'application/json; charset=utf-8', 'ops_off']);
  });
});
