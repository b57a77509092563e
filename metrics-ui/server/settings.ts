// Everything the dashboard's server side is told, with the defaults in one place. Read once when
// `vite` / `vite preview` starts; only the server side sees these values, never the bundle.
import path from 'node:path';

export interface DashboardSettings {
  /** Port of the dashboard itself (vite dev and vite preview). */
  port: number;
  /** The locker gateway that `/api` forwards to. */
  gatewayUrl: string;
  /** The central Prometheus that `/prometheus` forwards to. */
  prometheusUrl: string;
  /** The gateway's /system login: user, and the file holding the password (faasd's basic-auth-password). */
  gatewayUser: string;
  gatewayPasswordFile: string;
  /** Optional login for a central Prometheus behind basic auth; empty: none is sent. */
  prometheusUser: string;
  prometheusPasswordFile: string;
  /** The back-end's ECDSA private key (PEM, PRIVATE KEY + PUBLIC KEY) and the locker's RSA public key. */
  backendKeyFile: string;
  lockerPublicKeyFile: string;
  /** How the /ops middleware runs the back-end tool: the java binary and the tool's class path. */
  java: string;
  backendToolClasspath: string;
  /** The central Prometheus's scrape interval: the charts refresh this often. */
  scrapeIntervalSeconds: number;
  /**
   * Demo mode (`CACIFO_DASHBOARD_DEMO=1`): `/ops` (Doors panel and test buttons) is served, with the
   * devstack's back-end key only (demoMode.ts). Off: `/ops` answers 404 and no key is read.
   */
  demo: boolean;
}

/**
 * Reads the settings from `env`. Defaults point at a devstack started from `repoRoot` with its
 * default ports and its state in `<repoRoot>/.devstack`. Throws for a value that does not parse,
 * naming the variable.
 */
export function readSettings(env: Record<string, string | undefined>, repoRoot: string): DashboardSettings {
  const state = text(env, 'CACIFO_DEVSTACK_STATE', path.join(repoRoot, '.devstack'));
  const secrets = path.join(state, 'secrets', 'all');
  const toolTarget = path.join(repoRoot, 'backend-tool', 'target');
  const demo = flag(env, 'CACIFO_DASHBOARD_DEMO');
  if (!demo && text(env, 'CACIFO_BACKEND_KEY_FILE', '') !== '') {
    // Fail at start rather than leave a key on a dashboard that would never use it.
    throw new Error('CACIFO_BACKEND_KEY_FILE is read in demo mode only (CACIFO_DASHBOARD_DEMO=1, against a devstack):'
      + " a production dashboard must not hold the back-end's private key; unset it");
  }
  return {
    port: integer(env, 'CACIFO_DASHBOARD_PORT', 8060, 1, 65535),
    gatewayUrl: url(env, 'CACIFO_GATEWAY_URL', 'http://127.0.0.1:8080'),
    prometheusUrl: url(env, 'CACIFO_PROMETHEUS_URL', 'http://127.0.0.1:9091'),
    gatewayUser: text(env, 'CACIFO_GATEWAY_USER', 'admin'),
    gatewayPasswordFile: text(env, 'CACIFO_GATEWAY_PASSWORD_FILE', path.join(secrets, 'basic-auth-password')),
    prometheusUser: text(env, 'CACIFO_PROMETHEUS_USER', ''),
    prometheusPasswordFile: text(env, 'CACIFO_PROMETHEUS_PASSWORD_FILE', ''),
    backendKeyFile: text(env, 'CACIFO_BACKEND_KEY_FILE', path.join(secrets, 'backend-private-key')),
    lockerPublicKeyFile: text(env, 'CACIFO_LOCKER_PUBLIC_KEY_FILE', path.join(secrets, 'locker-public-key')),
    java: text(env, 'CACIFO_JAVA', env.JAVA_HOME ? path.join(env.JAVA_HOME, 'bin', 'java') : 'java'),
    backendToolClasspath: text(env, 'CACIFO_BACKEND_TOOL_CLASSPATH',
      [path.join(toolTarget, 'backend-tool.jar'), path.join(toolTarget, 'lib', '*')].join(path.delimiter)),
    scrapeIntervalSeconds: integer(env, 'CACIFO_SCRAPE_INTERVAL_SECONDS', 15, 1, 3600),
    demo,
  };
}

function text(env: Record<string, string | undefined>, key: string, fallback: string): string {
  const value = env[key]?.trim();
  return value ? value : fallback;
}

/** `1` on; unset, empty or `0` off; anything else is refused, so a typo never means "on" or "off" by accident. */
function flag(env: Record<string, string | undefined>, key: string): boolean {
  const raw = text(env, key, '0');
  if (raw !== '0' && raw !== '1') {
    throw new Error(`${key} must be 1 (on) or 0 (off), got '${raw}'`);
  }
  return raw === '1';
}

function integer(env: Record<string, string | undefined>, key: string, fallback: number, min: number, max: number): number {
  const raw = env[key]?.trim();
  if (!raw) {
    return fallback;
  }
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new Error(`${key} must be a whole number from ${min} to ${max}, got '${raw}'`);
  }
  return value;
}

function url(env: Record<string, string | undefined>, key: string, fallback: string): string {
  const raw = text(env, key, fallback);
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new Error(`${key} must be an http(s) URL such as ${fallback}, got '${raw}'`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new Error(`${key} must be an http(s) URL such as ${fallback}, got '${raw}'`);
  }
  // Without the trailing slash, so paths can be appended as they come.
  return raw.replace(/\/+$/, '');
}
