// Runs the Java back-end tool (backend-tool/, io.cacifo.backend.Cli): the one implementation of
// the back-end's ECDSA signatures and sealed code envelopes. The dashboard never signs anything
// itself, and its bundle never sees a key: only this server-side module names the key files.
import { spawn } from 'node:child_process';
import type { DashboardSettings } from './settings.ts';

export interface ToolResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** Runs the tool with `args` (everything after the class name) and collects what it printed. */
export type ToolRunner = (args: string[]) => Promise<ToolResult>;

/** A reply of the locker as `call` prints it: `HTTP <status>` then the body. */
export interface LockerReply {
  status: number;
  body: unknown;
}

/** What `parcel --json` prints: one line `{"status", "reply", "codes"?}`. */
export interface ParcelOutput {
  status: number;
  reply: unknown;
  codes?: { deposit_code: string; pickup_code: string; backup_code: string };
}

/**
 * The tool as a child JVM: small and quick to start (it runs for well under a second), killed
 * after `timeoutMs`. Spawned without a shell, so no argument is ever interpreted.
 */
export function javaToolRunner(settings: DashboardSettings, timeoutMs = 30_000): ToolRunner {
  return (args) =>
    new Promise((resolve, reject) => {
      const child = spawn(settings.java,
        ['-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-Xmx64m', '-cp', settings.backendToolClasspath,
          'io.cacifo.backend.Cli', ...args],
        { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
      }, timeoutMs);
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      child.on('error', (error) => {
        clearTimeout(timer);
        reject(new Error(`could not run ${settings.java}: ${error.message}`));
      });
      child.on('close', (exitCode) => {
        clearTimeout(timer);
        resolve({ exitCode, stdout, stderr, timedOut });
      });
    });
}

/** Parses `call`'s output; null when it printed no `HTTP <status>` line (the call was never answered). */
export function parseCallOutput(stdout: string): LockerReply | null {
  const match = /^HTTP (\d{3})\r?\n?([\s\S]*)$/.exec(stdout.trimStart());
  if (!match) {
    return null;
  }
  const text = (match[2] ?? '').trim();
  let body: unknown = text;
  if (text !== '') {
    try {
      body = JSON.parse(text);
    } catch {
      // Left as text: a proxy in front of the gateway may answer HTML.
    }
  }
  return { status: Number(match[1]), body };
}

/** Parses `parcel --json`'s one line; null when it printed none (the parcel was never answered). */
export function parseParcelOutput(stdout: string): ParcelOutput | null {
  const line = stdout.split('\n').map((l) => l.trim()).find((l) => l.startsWith('{'));
  if (!line) {
    return null;
  }
  try {
    const parsed = JSON.parse(line) as Partial<ParcelOutput>;
    return typeof parsed.status === 'number' ? (parsed as ParcelOutput) : null;
  } catch {
    return null;
  }
}

/** The last line the tool wrote to stderr, without its `backend-tool: ` tag: why it failed. */
export function toolComplaint(result: ToolResult): string {
  const lines = result.stderr.split('\n').map((l) => l.trim()).filter((l) => l.startsWith('backend-tool:'));
  const last = lines[lines.length - 1];
  if (result.timedOut) {
    return 'the back-end tool did not finish in time';
  }
  return last ? last.replace(/^backend-tool:\s*/, '') : `the back-end tool exited with code ${result.exitCode}`;
}
