// The panels' tests run against a real HTTP server standing in for the dashboard server: the page
// (happy-dom) fetches from its own origin, as in the browser, and each path answers what the test
// says. A held answer is sent only when the test lets it go, which is how a test sees "loading".
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

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

  private constructor(private readonly server: Server, readonly url: string) {}

  static async start(): Promise<StandIn> {
    let standIn: StandIn | undefined;
    const server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://stand-in');
      standIn?.requests.push(`${request.method} ${url.pathname}${url.search}`);
      const answer = standIn?.answers.get(`${request.method} ${url.pathname}`)?.(url)
        ?? { status: 404, body: { error: 'not_found', message: `the test gave ${url.pathname} no answer` } };
      const send = (reply: Reply) => {
        response.writeHead(reply.status ?? 200, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify(reply.body));
      };
      if (answer === HOLD) {
        // Released after the test set what the path answers now (a HOLD still set answers 503).
        standIn?.held.push(() => {
          const now = standIn?.answers.get(`${request.method} ${url.pathname}`)?.(url);
          send(now === undefined || now === HOLD ? { status: 503, body: { error: 'held', message: 'released unanswered' } } : now);
        });
      } else {
        send(answer);
      }
    });
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    standIn = new StandIn(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return standIn;
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
