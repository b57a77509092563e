import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeToolRunner, type FakeReply } from './fakeToolRunner.ts';
import { demoExternalId, LockerOps, OpsError, pickFreeDoor } from './lockerOps.ts';
import { readSettings } from './settings.ts';

const FREE_DOORS = { status: 200, body: { doors: [{ id: 1, state: 'FREE' }, { id: 2, state: 'FREE' }, { id: 3, state: 'FREE' }] } };
const WAITING_AT_1 = { status: 200, body: { reservations: [{ id: 1, door_id: 1, status: 'ARRIVING' }] } };
const CREATED = { status: 201, body: { id: 42, external_id: 'x', status: 'ARRIVING', door_id: 2 } };

let servers: Server[] = [];

afterEach(async () => {
  await Promise.all(servers.map((server) => new Promise((done) => server.close(done))));
  servers = [];
});

/** A gateway that answers screen-io enter like the locker does, and remembers each body. */
async function fakeGateway(status: number, reply: unknown): Promise<{ url: string; bodies: unknown[] }> {
  const bodies: unknown[] = [];
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => {
      bodies.push({ url: req.url, body: JSON.parse(text) });
      res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(reply));
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, bodies };
}

function setup(replies: Record<string, FakeReply>, gatewayUrl = 'http://127.0.0.1:9', keys = true) {
  const dir = mkdtempSync(path.join(tmpdir(), 'ops-'));
  if (keys) {
    writeFileSync(path.join(dir, 'backend-private-key'), 'PEM');
    writeFileSync(path.join(dir, 'locker-public-key'), 'PEM');
  }
  const settings = readSettings({
    CACIFO_DASHBOARD_DEMO: '1',
    CACIFO_GATEWAY_URL: gatewayUrl,
    CACIFO_BACKEND_KEY_FILE: path.join(dir, 'backend-private-key'),
    CACIFO_LOCKER_PUBLIC_KEY_FILE: path.join(dir, 'locker-public-key'),
  }, '/repo');
  const tool = new FakeToolRunner(replies);
  let now = 1_800_000_000_000;
  const ops = new LockerOps(settings, tool.run, fetch, () => now);
  return { ops, tool, settings, advance: (ms: number) => (now += ms) };
}

async function failure(promise: Promise<unknown>): Promise<OpsError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(OpsError);
    return error as OpsError;
  }
  throw new Error('expected a failure');
}

describe('the test buttons', () => {
  it('create a parcel on the first free door no waiting parcel holds, and never hand out its codes', async () => {
    const { ops, tool, settings } = setup({
      'door-manager list': FREE_DOORS, 'reservation-manager list': WAITING_AT_1, 'reservation-manager insert': CREATED,
    });

    const parcel = await ops.createDemoParcel();

    expect(parcel).toEqual({ external_id: parcel.external_id, reservation_id: 42, door_id: 2, status: 'ARRIVING' });
    expect(JSON.stringify(parcel)).not.toContain('4815162342');
    const command = tool.ran('reservation-manager insert')[0] ?? [];
    expect(command).toEqual(['parcel', '--gateway', settings.gatewayUrl, '--backend-key', settings.backendKeyFile,
      '--locker-key', settings.lockerPublicKeyFile, '--external-id', parcel.external_id, '--door', '2', '--json']);
    expect(ops.current()).toEqual(parcel);
  });

  it('refuse a second parcel while the demo parcel exists (409 demo_parcel_exists), and change nothing', async () => {
    const { ops, tool } = setup({
      'door-manager list': FREE_DOORS, 'reservation-manager list': WAITING_AT_1, 'reservation-manager insert': CREATED,
    });
    const first = await ops.createDemoParcel();
    const commands = tool.commands.length;

    const error = await failure(ops.createDemoParcel());

    expect([error.status, error.code]).toEqual([409, 'demo_parcel_exists']);
    expect(error.message).toContain(first.external_id);
    expect(tool.commands.length).toBe(commands);
    expect(ops.current()).toEqual(first);
  });

  it('let only one of two creates pressed at once make a parcel', async () => {
    const { ops, tool } = setup({
      'door-manager list': FREE_DOORS, 'reservation-manager list': WAITING_AT_1, 'reservation-manager insert': CREATED,
    });

    const [one, two] = await Promise.allSettled([ops.createDemoParcel(), ops.createDemoParcel()]);

    expect(one.status).toBe('fulfilled');
    expect(two.status === 'rejected' && [two.reason.status, two.reason.code]).toEqual([409, 'demo_parcel_exists']);
    expect(tool.ran('reservation-manager insert').length).toBe(1);
  });

  it('allow a new parcel once the last one failed, as none was made', async () => {
    const replies: Record<string, FakeReply> = {
      'door-manager list': { unreachable: 'Connection refused' }, 'reservation-manager list': WAITING_AT_1,
      'reservation-manager insert': CREATED,
    };
    const { ops } = setup(replies);
    await failure(ops.createDemoParcel());

    replies['door-manager list'] = FREE_DOORS;

    expect((await ops.createDemoParcel()).reservation_id).toBe(42);
  });

  it('send the parcel\'s deposit code to screen-io as the screen does, unsigned, and show what it displays', async () => {
    const gateway = await fakeGateway(200, { display: 'Door 2 is open', state: 'OPEN', door_id: 2 });
    const { ops } = setup({
      'door-manager list': FREE_DOORS, 'reservation-manager list': WAITING_AT_1, 'reservation-manager insert': CREATED,
    }, gateway.url);
    await ops.createDemoParcel();

    const sent = await ops.sendCode();

    expect(sent).toEqual({ status: 200, display: 'Door 2 is open', door_id: 2 });
    expect(gateway.bodies).toEqual([{ url: '/function/screen-io?action=enter', body: { code: '4815162342' } }]);
  });

  it('show the screen\'s refusal as an error with its status and display', async () => {
    const gateway = await fakeGateway(404, { error: 'invalid_code', message: 'no such code', display: 'Invalid code' });
    const { ops } = setup({
      'door-manager list': FREE_DOORS, 'reservation-manager list': WAITING_AT_1, 'reservation-manager insert': CREATED,
    }, gateway.url);
    await ops.createDemoParcel();

    const error = await failure(ops.sendCode());

    expect(error.status).toBe(502);
    expect(error.message).toBe('screen-io enter answered 404 invalid_code: Invalid code');
  });

  it('clean up: delete the parcel and free its door when the deposit had occupied it', async () => {
    const { ops, tool } = setup({
      'door-manager list': FREE_DOORS, 'reservation-manager list': WAITING_AT_1, 'reservation-manager insert': CREATED,
      'reservation-manager delete': { status: 200, body: { deleted: 42 } },
      'door-manager get': { status: 200, body: { id: 2, state: 'OCCUPIED' } },
      'door-manager set_state': { status: 200, body: { id: 2, state: 'FREE' } },
    });
    await ops.createDemoParcel();

    const cleaned = await ops.cleanUp();

    expect(cleaned).toEqual({ deleted: 42, door_id: 2, door_state: 'FREE' });
    expect(tool.ran('door-manager set_state')[0]).toContain('{"id":2,"state":"FREE"}');
    expect(tool.ran('reservation-manager delete')[0]).toContain('{"id":42}');
    expect(ops.current()).toBeNull();
  });

  it('clean up leaves a door that is still free alone', async () => {
    const { ops, tool } = setup({
      'door-manager list': FREE_DOORS, 'reservation-manager list': WAITING_AT_1, 'reservation-manager insert': CREATED,
      'reservation-manager delete': { status: 200, body: { deleted: 42 } },
      'door-manager get': { status: 200, body: { id: 2, state: 'FREE' } },
    });
    await ops.createDemoParcel();

    expect(await ops.cleanUp()).toEqual({ deleted: 42, door_id: 2, door_state: 'FREE' });
    expect(tool.ran('door-manager set_state')).toEqual([]);
  });

  it.each([
    ['the locker refuses the parcel', { 'reservation-manager insert': { status: 409, body: { error: 'door_busy', message: 'door 2 holds a parcel' } } },
      502, 'locker_refused', 'reservation-manager insert answered 409 door_busy: door 2 holds a parcel'],
    ['the locker refuses the back-end key', { 'door-manager list': { status: 401, body: { error: 'unauthorized', message: 'unknown key' } } },
      502, 'locker_refused', 'door-manager list answered 401 unauthorized: unknown key'],
    ['the gateway does not answer', { 'door-manager list': { unreachable: 'Connection refused' } },
      502, 'upstream_unavailable', 'door-manager list: the locker\'s gateway at http://127.0.0.1:9 did not answer: Connection refused'],
    ['no door is free', { 'door-manager list': { status: 200, body: { doors: [{ id: 1, state: 'FREE' }] } } },
      409, 'no_free_door', 'no door is free: each is occupied, out of service or waiting for a deposit'],
  ])('report the real error when %s, and remember no parcel', async (_name, overrides, status, code, message) => {
    const { ops } = setup({
      'door-manager list': FREE_DOORS, 'reservation-manager list': WAITING_AT_1, 'reservation-manager insert': CREATED,
      ...overrides,
    });

    const error = await failure(ops.createDemoParcel());

    expect([error.status, error.code, error.message]).toEqual([status, code, message]);
    expect(ops.current()).toBeNull();
  });

  it('refuse to run without the back-end key, naming the setting and not the path', async () => {
    const { ops, tool, settings } = setup({ 'door-manager occupancy': { status: 200, body: {} } }, undefined, false);

    const error = await failure(ops.occupancy());

    expect([error.status, error.code]).toEqual([503, 'not_configured']);
    expect(error.message).toContain('CACIFO_BACKEND_KEY_FILE');
    expect(error.message).not.toContain(settings.backendKeyFile);
    expect(tool.commands).toEqual([]);
  });

  it.each([['sendCode'], ['cleanUp']] as const)('%s without a demo parcel is a 409', async (action) => {
    const { ops } = setup({});

    const error = await failure(ops[action]());

    expect([error.status, error.code]).toEqual([409, 'no_demo_parcel']);
  });
});

describe('occupancy', () => {
  it('runs the tool once for every caller within 5 s, and again after', async () => {
    const occupancy = { total: 12, free: 9, occupied: 3, out_of_service: 0, by_size: {}, open_alarms: 0 };
    const { ops, tool, advance } = setup({ 'door-manager occupancy': { status: 200, body: occupancy } });

    expect(await Promise.all([ops.occupancy(), ops.occupancy()])).toEqual([occupancy, occupancy]);
    advance(4_000);
    await ops.occupancy();
    expect(tool.commands.length).toBe(1);
    advance(2_000);
    await ops.occupancy();
    expect(tool.commands.length).toBe(2);
  });

  it('does not keep a failure: the next refresh asks again', async () => {
    const { ops, tool } = setup({ 'door-manager occupancy': { status: 503, body: { error: 'db_unavailable', message: 'down' } } });

    await failure(ops.occupancy());
    await failure(ops.occupancy());

    expect(tool.commands.length).toBe(2);
  });
});

describe('helpers', () => {
  it('pick the lowest free door without a waiting parcel', () => {
    expect(pickFreeDoor({ doors: [{ id: 5, state: 'FREE' }, { id: 3, state: 'FREE' }, { id: 1, state: 'OCCUPIED' }] },
      { reservations: [{ door_id: 3 }] })).toBe(5);
    expect(pickFreeDoor({ doors: [] }, { reservations: [] })).toBeNull();
    expect(pickFreeDoor({}, {})).toBeNull();
  });

  it('make external ids the locker accepts (A-Za-z0-9._:-, at most 64)', () => {
    const id = demoExternalId(new Date(Date.UTC(2026, 10, 26, 15, 30, 40, 123)));

    expect(id).toMatch(/^DASH-20261126T153040Z-123\d$/);
    expect(id).toMatch(/^[A-Za-z0-9._:-]{1,64}$/);
  });
});
