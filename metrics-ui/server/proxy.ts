// `/api` → the locker gateway and `/prometheus` → the central Prometheus, as Vite proxy options
// (the dev server and `vite preview` both take them). Which requests may pass, and the logins
// added on the way, are decided before the proxy by {@link accessGuard}.
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ProxyOptions } from 'vite';
import { decideAccess, proxiedUpstream, upstreamPath } from './access.ts';
import { sendError } from './http.ts';
import type { DashboardSettings } from './settings.ts';

export function proxyOptions(settings: DashboardSettings): Record<string, ProxyOptions> {
  const configure = (name: string): ProxyOptions['configure'] => (proxy) => {
    proxy.on('proxyRes', (upstream) => {
      // A 401 from upstream must not make the browser ask its user for the gateway's password.
      delete upstream.headers['www-authenticate'];
      delete upstream.headers['set-cookie'];
      // Prometheus grants every origin by default (--web.cors.origin '.*'); the dashboard grants none (serverOptions.ts).
      for (const name of Object.keys(upstream.headers)) {
        if (name.startsWith('access-control-')) {
          delete upstream.headers[name];
        }
      }
    });
    // Registered before Vite's own handler, which then only logs: the browser gets our JSON shape.
    proxy.on('error', (_error, _req, res) => {
      if ('req' in res && !res.headersSent && !res.writableEnded) {
        sendError(res, 502, 'upstream_unavailable', `the ${name} did not answer the dashboard's server`);
      }
    });
  };
  return {
    '^/api/': {
      target: settings.gatewayUrl, changeOrigin: true, rewrite: (url) => upstreamPath(url, 'gateway'),
      configure: configure('locker gateway'),
    },
    '^/prometheus/': {
      target: settings.prometheusUrl, changeOrigin: true, rewrite: (url) => upstreamPath(url, 'prometheus'),
      configure: configure('central Prometheus'),
    },
  };
}

/**
 * Runs before the proxy: refuses what the dashboard does not need (403/405), drops the browser's
 * cookies and credentials, and adds the upstream's login read from its file on each request (so a
 * rotated password works without a restart). A missing password file is a 503 naming the setting.
 */
export function accessGuard(settings: DashboardSettings) {
  return async (req: IncomingMessage, res: ServerResponse, next: () => void): Promise<void> => {
    const url = req.url ?? '/';
    const upstream = proxiedUpstream(url);
    if (upstream === null) {
      next();
      return;
    }
    const decision = decideAccess(req.method ?? 'GET', url);
    if (!decision.allowed) {
      sendError(res, decision.status, decision.error, decision.message);
      return;
    }
    delete req.headers.cookie;
    delete req.headers.authorization;
    const [user, file, variable] = upstream === 'gateway'
      ? [settings.gatewayUser, settings.gatewayPasswordFile, 'CACIFO_GATEWAY_PASSWORD_FILE']
      : [settings.prometheusUser, settings.prometheusPasswordFile, 'CACIFO_PROMETHEUS_PASSWORD_FILE'];
    if (file !== '') {
      let password: string;
      try {
        password = (await readFile(file, 'utf8')).trim();
      } catch {
        password = '';
      }
      if (password === '') {
        sendError(res, 503, 'not_configured', `the ${upstream}'s password file is missing or empty on the dashboard's server (${variable})`);
        return;
      }
      req.headers.authorization = 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64');
    }
    next();
  };
}
