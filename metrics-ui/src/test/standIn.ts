// The panels' tests run against a real HTTP server standing in for the dashboard server: the page
// (happy-dom) fetches from its own origin, as in the browser, and each path answers what the test
// says. A held answer is sent only when the test lets it go, which is how a test sees "loading".
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cleanup } from '@testing-library/react';
import { afterAll, afterEach, beforeAll } from 'vitest';

export interface Reply {
  status?: number;
  body: unknown;
}

/** What a path answers: a reply, or `HOLD` (no answer until {@link StandIn.release}). */
export type Answer = Reply | typeof HOLD;
export const HOLD = 'hold';

export class StandIn {
  /** Every request, as `METHOD /path?query`, oldest first. */
  readonly requests: string[] = [];
  private readonly answers = new Map<string, (url: URL) => Answer>();
  private readonly held: (() => void)[] = [];

  private readonly server: Server;
  private origin: string | undefined;

  constructor() {
    this.server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://stand-in');
      this.requests.push(`${request.method} ${url.pathname}${url.search}`);
      const answer = this.answers.get(`${request.method} ${url.pathname}`)?.(url)
        ?? { status: 404, body: { error: 'not_found', message: `the test gave ${url.pathname} no answer` } };
      const send = (reply: Reply) => {
        response.writeHead(reply.status ?? 200, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify(reply.body));
      };
      if (answer === HOLD) {
        // Released after the test set what the path answers now (a HOLD still set answers 503).
        this.held.push(() => {
          const now = this.answers.get(`${request.method} ${url.pathname}`)?.(url);
          send(now === undefined || now === HOLD ? { status: 503, body: { error: 'held', message: 'released unanswered' } } : now);
        });
      } else {
        send(answer);
      }
    });
  }

  async listen(): Promise<void> {
    await new Promise<void>((listening) => this.server.listen(0, '127.0.0.1', listening));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** http://127.0.0.1:<port>, once listening. */
  get url(): string {
    if (this.origin === undefined) {
      throw new Error('the stand-in is not listening yet');
    }
    return this.origin;
  }

  /** `GET /path` (any query) answers `answer(url)` from now on. */
  answer(path: string, answer: Answer | ((url: URL) => Answer), method: 'GET' | 'POST' = 'GET'): void {
    this.answers.set(`${method} ${path}`, typeof answer === 'function' ? answer : () => answer);
  }

  /** Sends the held requests what their paths answer now (set that first). */
  release(): void {
    this.held.splice(0).forEach((send) => send());
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((closed) => this.server.close(closed));
  }
}

/** A Prometheus API reply carrying `data`. */
export const prometheus = (data: unknown): Reply => ({ body: { status: 'success', data } });

/** The dashboard server's error shape. */
export const refused = (status: number, error: string, message: string): Reply => ({ status, body: { error, message } });

/** Points the page (happy-dom) at the stand-in's origin, so relative fetches go to it. */
export function openPageAt(url: string): void {
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(`${url}/`);
}

/**
 * The stand-in of one test file: listening, with the page pointed at it, before the file's tests;
 * after each test the rendered panels are unmounted and the requests still held let go.
 */
export function standInForThisFile(): StandIn {
  const standIn = new StandIn();
  beforeAll(async () => {
    await standIn.listen();
    openPageAt(standIn.url);
  });
  afterEach(() => {
    cleanup();
    standIn.release();
  });
  afterAll(() => standIn.stop());
  return standIn;
}
