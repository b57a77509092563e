// The dashboard's server side as one Vite plugin: the same middlewares on `vite` (dev) and on
// `vite preview` (the built bundle), in front of Vite's own proxy (see proxy.ts).
import type { Connect, Plugin } from 'vite';
import { javaToolRunner } from './backendTool.ts';
import { LockerOps } from './lockerOps.ts';
import { opsRoutes } from './opsRoutes.ts';
import { accessGuard } from './proxy.ts';
import type { DashboardSettings } from './settings.ts';

export function dashboardServer(settings: DashboardSettings): Plugin {
  // One LockerOps per server process: the demo parcel it made is remembered until cleaned up.
  const ops = new LockerOps(settings, javaToolRunner(settings));
  const install = (middlewares: Connect.Server) => {
    // Added directly (not from a returned function), so they run before Vite's proxy.
    middlewares.use(accessGuard(settings));
    middlewares.use('/ops', opsRoutes(settings, ops));
  };
  return {
    name: 'cacifo-dashboard-server',
    configureServer(server) {
      install(server.middlewares);
    },
    configurePreviewServer(server) {
      install(server.middlewares);
    },
  };
}
