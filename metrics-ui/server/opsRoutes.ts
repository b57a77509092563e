// `/ops/*`: the Doors panel's occupancy and the three test buttons, served in demo mode only
// (plugin.ts mounts `opsOff` otherwise). Every call needs this start's token from the dashboard's
// own origin (opsAccess.ts); a POST needs a small JSON object body, so no HTML form can press a
// button. Bad input answers 4xx {"error","message"} before anything runs.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, sendError, sendJson } from './http.ts';
import { LockerOps, OpsError } from './lockerOps.ts';
import { decideOpsAccess } from './opsAccess.ts';

type Route = { method: 'GET' | 'POST'; run: () => Promise<unknown> | unknown; status?: number };

/** The buttons send `{}`; anything near this size is not the page. */
const MAX_BODY_BYTES = 1024;

/** A Connect middleware mounted at `/ops` (so `req.url` is the rest). */
export function opsRoutes(ops: LockerOps, access: { token: string; origins: string[] }) {
  const routes: Record<string, Route> = {
    '/occupancy': { method: 'GET', run: () => ops.occupancy() },
    '/demo-parcel': { method: 'GET', run: () => ({ parcel: ops.current() }) },
    '/demo-parcel/create': { method: 'POST', run: () => ops.createDemoParcel(), status: 201 },
    '/demo-parcel/code': { method: 'POST', run: () => ops.sendCode() },
    '/demo-parcel/cleanup': { method: 'POST', run: () => ops.cleanUp() },
  };
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const refusal = decideOpsAccess(req.headers, access.token, access.origins);
    if (refusal) {
      req.resume();
      sendError(res, refusal.status, refusal.error, refusal.message);
      return;
    }
    const route = routes[path];
    if (!route) {
      req.resume();
      sendError(res, 404, 'not_found', `no such dashboard route: /ops${path}`);
      return;
    }
    if (req.method !== route.method) {
      req.resume();
      res.setHeader('Allow', route.method);
      sendError(res, 405, 'method_not_allowed', `/ops${path} takes ${route.method}`);
      return;
    }
    if (route.method === 'POST' && !(await acceptsJsonObject(req, res))) {
      return;
    }
    req.resume();
    try {
      sendJson(res, route.status ?? 200, await route.run());
    } catch (error) {
      if (error instanceof OpsError) {
        sendError(res, error.status, error.code, error.message);
        return;
      }
      // Our fault: the cause goes to the server's log, a short reply to the browser.
      console.error(`[dashboard] /ops${path} failed:`, error);
      sendError(res, 500, 'internal', 'the dashboard server failed; its log has the cause');
    }
  };
}

/** Outside demo mode: every /ops path is a 404 that says why, and nothing behind it exists. */
export function opsOff(req: IncomingMessage, res: ServerResponse): void {
  req.resume();
  sendError(res, 404, 'ops_off', 'the Doors panel and the test buttons exist in demo mode only'
    + ' (CACIFO_DASHBOARD_DEMO=1 against a devstack; bin/dashboard --demo)');
}

/** True for `Content-Type: application/json` and a JSON object body; otherwise answers 415/413/400 and gives false. */
async function acceptsJsonObject(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
    req.resume();
    sendError(res, 415, 'unsupported_media_type', 'send Content-Type: application/json');
    return false;
  }
  let body: string | null;
  try {
    body = await readBody(req, MAX_BODY_BYTES);
  } catch {
    // The client went away while sending: nobody is left to answer.
    res.destroy();
    return false;
  }
  if (body === null) {
    sendError(res, 413, 'body_too_large', `the body must be at most ${MAX_BODY_BYTES} bytes; the buttons send {}`);
    return false;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    sendError(res, 400, 'bad_json', 'the body must be a JSON object; the buttons send {}');
    return false;
  }
  return true;
}
