// Small helpers for the server-side middlewares (Node's http types, as Connect hands them over).
import type { ServerResponse } from 'node:http';

/** Sends `body` as JSON; replies are never cached, they are live locker state. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(text);
}

/** The `{"error","message"}` shape every failure of ours has, as the functions' replies do. */
export function sendError(res: ServerResponse, status: number, error: string, message: string): void {
  sendJson(res, status, { error, message });
}
