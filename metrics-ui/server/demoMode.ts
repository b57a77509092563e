// What demo mode may drive: the test buttons sign with the back-end's key, so demo mode only
// starts with a key the devstack generated for itself and a locker gateway on this machine. A
// production key, even copied into a devstack folder, or a remote locker stops the start.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isIPv4 } from 'node:net';
import path from 'node:path';
import type { DashboardSettings } from './settings.ts';

/** The file the devstack writes beside the key pair it generates (devstack SecretStore.DEVSTACK_MARKER). */
export const DEVSTACK_MARKER = 'devstack-generated';
const MARKED_KEY = /^backend-private-key sha256:([0-9a-f]{64})$/m;

/**
 * Throws, with what to do, unless `settings.backendKeyFile` is the key its folder's devstack marker
 * names (by SHA-256 of the file) and `settings.gatewayUrl` is a loopback address. Outside demo mode
 * it does nothing: no key is read there.
 */
export function requireDevstackLocker(settings: DashboardSettings): void {
  if (!settings.demo) {
    return;
  }
  const host = new URL(settings.gatewayUrl).hostname;
  if (!(host === 'localhost' || host === '[::1]' || (isIPv4(host) && host.startsWith('127.')))) {
    throw new Error(`demo mode drives only a locker gateway on this machine (127.0.0.1, localhost, [::1]);`
      + ` CACIFO_GATEWAY_URL is ${settings.gatewayUrl}`);
  }
  let key: Buffer;
  try {
    key = readFileSync(settings.backendKeyFile);
  } catch {
    throw new Error(`demo mode: the back-end key (CACIFO_BACKEND_KEY_FILE=${settings.backendKeyFile}) is not readable;`
      + ' start the devstack (bin/demo) first, it generates it');
  }
  let marker = '';
  try {
    marker = readFileSync(path.join(path.dirname(settings.backendKeyFile), DEVSTACK_MARKER), 'utf8');
  } catch {
    // Reported below: no marker is the same as a marker for another key.
  }
  const digest = createHash('sha256').update(key).digest('hex');
  if (MARKED_KEY.exec(marker)?.[1] !== digest) {
    throw new Error(`demo mode refuses the back-end key ${settings.backendKeyFile}: the devstack did not generate it`
      + ` (no ${DEVSTACK_MARKER} beside it names this key). Demo mode signs only with a devstack's own key, never a`
      + ' production one. A devstack folder from before the marker: delete its backend-private-key and'
      + ' backend-public-keys and start bin/demo again, which makes a fresh pair and its marker.');
  }
}
