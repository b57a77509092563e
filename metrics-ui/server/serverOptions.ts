// How `vite` and `vite preview` listen and whom they answer, pinned rather than left to Vite's
// defaults: loopback only, no CORS (Vite's default lets any localhost page read replies), and
// a Host header that names this machine (a DNS-rebinding name gets Vite's 403).
import type { PreviewOptions, ServerOptions } from 'vite';
import { proxyOptions } from './proxy.ts';
import type { DashboardSettings } from './settings.ts';

/** The dashboard's host; ownOrigins (opsAccess.ts) and the docs' nginx example follow it. */
export const DASHBOARD_HOST = '127.0.0.1';

/** One call per use: Vite appends to `allowedHosts`, so the dev and preview servers get their own arrays. */
export function serverOptions(settings: DashboardSettings): ServerOptions & PreviewOptions {
  return {
    host: DASHBOARD_HOST,
    port: settings.port,
    strictPort: true,
    proxy: proxyOptions(settings),
    // The page only calls its own origin, which needs no CORS; no other origin may read a reply.
    cors: false,
    // Vite also always accepts IP addresses (a rebinding page cannot send one as Host) and *.localhost.
    allowedHosts: [DASHBOARD_HOST, 'localhost'],
  };
}
