// `/ops/*`: the dashboard's own server routes (settings, occupancy, the three test buttons).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendError, sendJson } from './http.ts';
import { LockerOps, OpsError } from './lockerOps.ts';
import type { DashboardSettings } from './settings.ts';

type Route = { method: 'GET' | 'POST'; run: () => Promise<unknown> | unknown; status?: number };

/**
 * A Connect middleware mounted at `/ops` (so `req.url` is the rest). POSTs must say
 * `Content-Type: application/json`: a cross-site HTML form cannot, so another page cannot press
 * the buttons through a visitor's browser.
 */
export function opsRoutes(settings: DashboardSettings, ops: LockerOps) {
  const routes: Record<string, Route> = {
    '/settings': { method: 'GET', run: () => ({ scrape_interval_seconds: settings.scrapeIntervalSeconds }) },
    '/occupancy': { method: 'GET', run: () => ops.occupancy() },
    '/demo-parcel': { method: 'GET', run: () => ({ parcel: ops.current() }) },
    '/demo-parcel/create': { method: 'POST', run: () => ops.createDemoParcel(), status: 201 },
    '/demo-parcel/code': { method: 'POST', run: () => ops.sendCode() },
    '/demo-parcel/cleanup': { method: 'POST', run: () => ops.cleanUp() },
  };
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const route = routes[path];
    if (!route) {
      sendError(res, 404, 'not_found', `no such dashboard route: /ops${path}`);
      return;
    }
    if (req.method !== route.method) {
      res.setHeader('Allow', route.method);
      sendError(res, 405, 'method_not_allowed', `/ops${path} takes ${route.method}`);
      return;
    }
    if (route.method === 'POST' && !(req.headers['content-type'] ?? '').startsWith('application/json')) {
      sendError(res, 415, 'unsupported_media_type', 'send Content-Type: application/json');
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
