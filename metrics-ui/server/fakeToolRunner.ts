// A hand-written stand-in for the back-end tool, for tests: answers `call` and `parcel` from a
// table of locker replies and remembers every command line it was given.
import type { ToolResult, ToolRunner } from './backendTool.ts';

export type FakeReply = { status: number; body: unknown } | { unreachable: string };

export class FakeToolRunner {
  readonly commands: string[][] = [];

  /** `replies` is keyed `function action` (`reservation-manager insert` for parcel). */
  constructor(private readonly replies: Record<string, FakeReply>) {}

  readonly run: ToolRunner = async (args) => {
    this.commands.push(args);
    const option = (name: string) => args[args.indexOf(`--${name}`) + 1] ?? '';
    const parcel = args[0] === 'parcel';
    const key = parcel ? 'reservation-manager insert' : `${option('function')} ${option('action')}`;
    const reply = this.replies[key];
    if (!reply) {
      throw new Error(`FakeToolRunner has no reply for ${key}`);
    }
    if ('unreachable' in reply) {
      return result(1, '', `backend-tool: the locker's gateway at ${option('gateway')} did not answer: ${reply.unreachable}\n`);
    }
    const ok = reply.status >= 200 && reply.status < 300;
    if (parcel) {
      const codes = ok ? { deposit_code: '4815162342', pickup_code: '1123581321', backup_code: '2718281828' } : undefined;
      return result(ok ? 0 : 1, JSON.stringify({ status: reply.status, reply: reply.body, codes }) + '\n',
        ok ? '' : `backend-tool: the locker refused the parcel: ${reply.status}\n`);
    }
    return result(ok ? 0 : 1, `HTTP ${reply.status}\n${JSON.stringify(reply.body)}\n`, '');
  };

  /** The commands that ran `function action` (for `parcel`: `reservation-manager insert`). */
  ran(key: string): string[][] {
    return this.commands.filter((args) => (args[0] === 'parcel' ? 'reservation-manager insert'
      : `${args[args.indexOf('--function') + 1]} ${args[args.indexOf('--action') + 1]}`) === key);
  }
}

function result(exitCode: number, stdout: string, stderr: string): ToolResult {
  return { exitCode, stdout, stderr, timedOut: false };
}
