import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { requireDevstackLocker } from './demoMode.ts';
import { readSettings } from './settings.ts';

const KEY = '-----BEGIN PRIVATE KEY-----\nMEECAQAwEwYHKoZIzj0CAQYIKoZIzj0DAQcEJzAlAgEBBCDevstackOnly\n-----END PRIVATE KEY-----\n';

/** A secrets folder as the devstack writes it (SecretStore): the key and, when `marked`, its marker. */
function devstackFolder(marked = true, key = KEY): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'demo-'));
  writeFileSync(path.join(dir, 'backend-private-key'), key);
  if (marked) {
    const digest = createHash('sha256').update(key).digest('hex');
    writeFileSync(path.join(dir, 'devstack-generated'),
      `# The cacifo devstack generated this back-end key for local tests; no real locker trusts it.\nbackend-private-key sha256:${digest}\n`);
  }
  return dir;
}

function demoSettings(dir: string, gateway = 'http://127.0.0.1:8080') {
  return readSettings({
    CACIFO_DASHBOARD_DEMO: '1', CACIFO_GATEWAY_URL: gateway, CACIFO_BACKEND_KEY_FILE: path.join(dir, 'backend-private-key'),
  }, '/repo');
}

describe('starting in demo mode', () => {
  it.each(['http://127.0.0.1:8080', 'http://localhost:8080', 'http://[::1]:8080', 'http://127.0.0.2:31999/'])(
    'is allowed with the devstack\'s own key and a gateway on this machine (%s)', (gateway) => {
      expect(() => requireDevstackLocker(demoSettings(devstackFolder(), gateway))).not.toThrow();
    });

  it('is refused for a key with no devstack marker beside it: a production key never drives the buttons', () => {
    const dir = devstackFolder(false);

    expect(() => requireDevstackLocker(demoSettings(dir))).toThrow(/did not generate/);
  });

  it('is refused for a key copied over the devstack\'s, which its marker does not name', () => {
    const dir = devstackFolder();
    const production = path.join(devstackFolder(false, KEY.replace('DevstackOnly', 'ProductionKey')), 'backend-private-key');
    copyFileSync(production, path.join(dir, 'backend-private-key'));

    expect(() => requireDevstackLocker(demoSettings(dir))).toThrow(/did not generate/);
  });

  it('is refused for a marker that names no key', () => {
    const dir = devstackFolder(false);
    writeFileSync(path.join(dir, 'devstack-generated'), 'backend-private-key\n');

    expect(() => requireDevstackLocker(demoSettings(dir))).toThrow(/did not generate/);
  });

  it('is refused when the key file is missing, naming the setting', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'demo-'));

    expect(() => requireDevstackLocker(demoSettings(dir))).toThrow(/CACIFO_BACKEND_KEY_FILE/);
  });

  it.each(['https://locker-001.example.org', 'http://10.0.0.5:8080', 'http://127.0.0.1.example.org:8080', 'http://0.0.0.0:8080'])(
    'is refused for a gateway that is not on this machine (%s), even with the devstack\'s key', (gateway) => {
      expect(() => requireDevstackLocker(demoSettings(devstackFolder(), gateway))).toThrow(/CACIFO_GATEWAY_URL/);
    });

  it('does nothing outside demo mode, where no key is read', () => {
    expect(() => requireDevstackLocker(readSettings({ CACIFO_GATEWAY_URL: 'https://locker-001.example.org' }, '/repo')))
      .not.toThrow();
  });
});
