// The dashboard's server side as one Vite plugin: the same middlewares on `vite` (dev) and on
// `vite preview` (the built bundle), in front of Vite's own proxy (see proxy.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Plugin, PreviewServer, ViteDevServer } from 'vite';
import { OPS_TOKEN_PARAM } from '../src/api/opsContract.ts';
import { javaToolRunner } from './backendTool.ts';
import { requireDevstackLocker } from './demoMode.ts';
import { sendError, sendJson } from './http.ts';
import { LockerOps } from './lockerOps.ts';
import { newOpsToken, ownOrigins } from './opsAccess.ts';
import { opsOff, opsRoutes } from './opsRoutes.ts';
import { accessGuard } from './proxy.ts';
import { DASHBOARD_HOST } from './serverOptions.ts';
import type { DashboardSettings } from './settings.ts';

export function dashboardServer(settings: DashboardSettings): Plugin {
  const install = (server: ViteDevServer | PreviewServer) => {
    // Added directly (not from a returned function), so they run before Vite's proxy.
    server.middlewares.use(accessGuard(settings));
    server.middlewares.use('/settings', settingsRoute(settings));
    if (!settings.demo) {
      server.middlewares.use('/ops', opsOff);
      return;
    }
    // Throws with the reason: the server does not start (vite exits 1).
    requireDevstackLocker(settings);
    const token = newOpsToken();
    // One LockerOps per server process: the demo parcel it made is remembered until cleaned up.
    const ops = new LockerOps(settings, javaToolRunner(settings));
    server.middlewares.use('/ops', opsRoutes(ops, { token, origins: ownOrigins(settings.port) }));
    // The one place the token is shown: the terminal that started the server.
    server.httpServer?.once('listening', () => server.config.logger.info(
      `\n  demo mode: open this URL; the Doors panel and the test buttons answer only a page opened with this start's token:\n`
      + `  ➜  http://${DASHBOARD_HOST}:${settings.port}/?${OPS_TOKEN_PARAM}=${token}\n`));
  };
  return {
    name: 'cacifo-dashboard-server',
    configureServer(server) {
      install(server);
    },
    configurePreviewServer(server) {
      install(server);
    },
  };
}

/** `GET /settings`: what the page needs to know, and whether /ops is on (the page hides the Doors panel and buttons if not). */
function settingsRoute(settings: DashboardSettings) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    req.resume();
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET');
      sendError(res, 405, 'method_not_allowed', '/settings takes GET');
      return;
    }
    sendJson(res, 200, { scrape_interval_seconds: settings.scrapeIntervalSeconds, ops: settings.demo });
  };
}
