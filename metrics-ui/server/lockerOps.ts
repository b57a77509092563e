// The dashboard's signed calls to the locker and its three test buttons, all server-side: the
// back-end tool signs (ECDSA) and seals codes, and the demo parcel's codes stay in this process.
import { access, constants } from 'node:fs/promises';
import {
  type LockerReply, type ToolRunner, parseCallOutput, parseParcelOutput, toolComplaint,
} from './backendTool.ts';
import type { DashboardSettings } from './settings.ts';

/** A failure to show the person who pressed a button: the HTTP status for the browser, a code and the reason. */
export class OpsError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

/** What the browser learns about the demo parcel: never its codes. */
export interface DemoParcelView {
  external_id: string;
  reservation_id: number;
  door_id: number;
  status: string;
}

interface DemoParcel extends DemoParcelView {
  depositCode: string;
}

const OCCUPANCY_CACHE_MS = 5_000;

export class LockerOps {
  private demo: DemoParcel | null = null;
  private creating = false;
  private occupancyCache: { at: number; value: Promise<unknown> } | null = null;

  constructor(
    private readonly settings: DashboardSettings,
    private readonly runTool: ToolRunner,
    private readonly fetchImpl: typeof fetch = fetch,
    private readonly now: () => number = Date.now,
  ) {}

  /** A call signed with the back-end's key. Throws OpsError when the key is missing or the locker is unreachable; any HTTP status comes back. */
  async call(fn: string, action: string, body: unknown): Promise<LockerReply> {
    await this.requireFile(this.settings.backendKeyFile, "the back-end's private key", 'CACIFO_BACKEND_KEY_FILE');
    const result = await this.runTool(['call', '--gateway', this.settings.gatewayUrl,
      '--backend-key', this.settings.backendKeyFile, '--function', fn, '--action', action, '--body', JSON.stringify(body)]);
    const reply = parseCallOutput(result.stdout);
    if (reply === null) {
      throw new OpsError(502, 'upstream_unavailable', `${fn} ${action}: ${toolComplaint(result)}`);
    }
    return reply;
  }

  /** door-manager occupancy; one tool run serves every caller within 5 s. */
  occupancy(): Promise<unknown> {
    const cached = this.occupancyCache;
    if (cached && this.now() - cached.at < OCCUPANCY_CACHE_MS) {
      return cached.value;
    }
    const value = this.call('door-manager', 'occupancy', {}).then((reply) => expectOk('door-manager occupancy', reply, 200));
    this.occupancyCache = { at: this.now(), value };
    // A failure is not kept: the next refresh tries again.
    value.catch(() => {
      if (this.occupancyCache?.value === value) {
        this.occupancyCache = null;
      }
    });
    return value;
  }

  current(): DemoParcelView | null {
    return this.demo === null ? null : view(this.demo);
  }

  /**
   * Announces a parcel with fresh codes on a free door, as the back-end does (backend-tool `parcel`).
   * One demo parcel at a time: while one exists or is being made, a create is a 409 that runs nothing.
   */
  async createDemoParcel(): Promise<DemoParcelView> {
    if (this.demo !== null) {
      throw new OpsError(409, 'demo_parcel_exists', `demo parcel ${this.demo.external_id} (door ${this.demo.door_id})`
        + ' exists: send its code or clean it up first');
    }
    if (this.creating) {
      throw new OpsError(409, 'demo_parcel_exists', 'a demo parcel is being created: wait for it');
    }
    this.creating = true;
    try {
      this.demo = await this.announceDemoParcel();
    } finally {
      this.creating = false;
    }
    return view(this.demo);
  }

  private async announceDemoParcel(): Promise<DemoParcel> {
    await this.requireFile(this.settings.lockerPublicKeyFile, "the locker's public key", 'CACIFO_LOCKER_PUBLIC_KEY_FILE');
    const [doors, waiting] = await Promise.all([
      this.call('door-manager', 'list', { state: 'FREE', limit: 500 }),
      this.call('reservation-manager', 'list', { status: 'ARRIVING', limit: 500 }),
    ]);
    const door = pickFreeDoor(expectOk('door-manager list', doors, 200), expectOk('reservation-manager list', waiting, 200));
    if (door === null) {
      throw new OpsError(409, 'no_free_door', 'no door is free: each is occupied, out of service or waiting for a deposit');
    }
    const externalId = demoExternalId(new Date(this.now()));
    const result = await this.runTool(['parcel', '--gateway', this.settings.gatewayUrl,
      '--backend-key', this.settings.backendKeyFile, '--locker-key', this.settings.lockerPublicKeyFile,
      '--external-id', externalId, '--door', String(door), '--json']);
    const parcel = parseParcelOutput(result.stdout);
    if (parcel === null) {
      throw new OpsError(502, 'upstream_unavailable', `reservation-manager insert: ${toolComplaint(result)}`);
    }
    const reply = expectOk('reservation-manager insert', { status: parcel.status, body: parcel.reply }, 201) as {
      id?: number; status?: string;
    };
    if (!parcel.codes || typeof reply.id !== 'number') {
      throw new OpsError(502, 'unexpected_reply', 'reservation-manager insert: the reply has no parcel id or the tool no codes');
    }
    return {
      external_id: externalId, reservation_id: reply.id, door_id: door, status: reply.status ?? 'ARRIVING',
      depositCode: parcel.codes.deposit_code,
    };
  }

  /**
   * Types the demo parcel's deposit code on the locker's main screen (screen-io enter, unsigned as
   * the real screen is; no screen_id, so screen-io takes its main screen).
   */
  async sendCode(): Promise<{ status: number; display: string; door_id: number | null }> {
    const demo = this.requireDemo();
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.settings.gatewayUrl}/function/screen-io?action=enter`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ code: demo.depositCode }),
        signal: AbortSignal.timeout(20_000),
      });
    } catch (error) {
      throw new OpsError(502, 'upstream_unavailable', `screen-io enter: the gateway did not answer (${(error as Error).message})`);
    }
    const text = await response.text();
    let body: { display?: string; door_id?: number; error?: string; message?: string } = {};
    try {
      body = JSON.parse(text);
    } catch {
      // Reported below with the status.
    }
    if (response.status !== 200) {
      throw new OpsError(502, 'locker_refused', `screen-io enter answered ${response.status}`
        + `${body.error ? ' ' + body.error : ''}: ${body.display ?? body.message ?? text.slice(0, 200)}`);
    }
    return { status: response.status, display: body.display ?? '', door_id: body.door_id ?? null };
  }

  /** Deletes the demo parcel and frees its door again if the deposit had marked it occupied. */
  async cleanUp(): Promise<{ deleted: number; door_id: number; door_state: string }> {
    const demo = this.requireDemo();
    const deleted = await this.call('reservation-manager', 'delete', { id: demo.reservation_id });
    if (deleted.status !== 404) {
      expectOk('reservation-manager delete', deleted, 200);
    }
    const door = expectOk('door-manager get', await this.call('door-manager', 'get', { id: demo.door_id }), 200) as {
      state?: string;
    };
    let state = door.state ?? 'UNKNOWN';
    if (state === 'OCCUPIED') {
      const freed = expectOk('door-manager set_state',
        await this.call('door-manager', 'set_state', { id: demo.door_id, state: 'FREE' }), 200) as { state?: string };
      state = freed.state ?? 'FREE';
    }
    this.demo = null;
    return { deleted: demo.reservation_id, door_id: demo.door_id, door_state: state };
  }

  private requireDemo(): DemoParcel {
    if (this.demo === null) {
      throw new OpsError(409, 'no_demo_parcel', 'there is no demo parcel: create one first');
    }
    return this.demo;
  }

  private async requireFile(file: string, what: string, variable: string): Promise<void> {
    try {
      await access(file, constants.R_OK);
    } catch {
      // The message names the setting, not the path: replies go to a browser.
      throw new OpsError(503, 'not_configured', `${what} is not readable on the dashboard's server (set ${variable};`
        + ' the devstack keeps it in .devstack/secrets/all/)');
    }
  }
}

/** The reply's body when the locker answered `expected`, else an OpsError with its status, error and message. */
export function expectOk(what: string, reply: LockerReply, expected: number): unknown {
  if (reply.status === expected) {
    return reply.body;
  }
  const body = (typeof reply.body === 'object' && reply.body !== null ? reply.body : {}) as { error?: string; message?: string };
  const detail = body.error ? `${body.error}: ${body.message ?? ''}` : String(reply.body).slice(0, 200);
  throw new OpsError(502, 'locker_refused', `${what} answered ${reply.status} ${detail}`.trim());
}

/** The lowest-numbered FREE door that no parcel waiting for its deposit holds; null when there is none. */
export function pickFreeDoor(doorsReply: unknown, waitingReply: unknown): number | null {
  const doors = ((doorsReply as { doors?: { id: number; state: string }[] })?.doors ?? [])
    .filter((door) => door.state === 'FREE').map((door) => door.id);
  const held = new Set(((waitingReply as { reservations?: { door_id: number }[] })?.reservations ?? [])
    .map((parcel) => parcel.door_id));
  const free = doors.filter((id) => !held.has(id)).sort((a, b) => a - b);
  return free[0] ?? null;
}

/** `DASH-20261126T153040Z-1234`: says where it came from, unique enough for a test button. */
export function demoExternalId(at: Date): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `DASH-${stamp}-${String(at.getMilliseconds()).padStart(3, '0')}${Math.floor(Math.random() * 10)}`;
}

function view(demo: DemoParcel): DemoParcelView {
  return { external_id: demo.external_id, reservation_id: demo.reservation_id, door_id: demo.door_id, status: demo.status };
}
