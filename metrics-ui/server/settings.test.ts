import { describe, expect, it } from 'vitest';
import { readSettings } from './settings.ts';

describe('dashboard settings', () => {
  it('point at a devstack with its default ports and its state folder when nothing is set', () => {
    const settings = readSettings({}, '/repo');

    expect(settings).toMatchObject({
      port: 8060,
      gatewayUrl: 'http://127.0.0.1:8080',
      prometheusUrl: 'http://127.0.0.1:9091',
      gatewayUser: 'admin',
      gatewayPasswordFile: '/repo/.devstack/secrets/all/basic-auth-password',
      prometheusPasswordFile: '',
      backendKeyFile: '/repo/.devstack/secrets/all/backend-private-key',
      lockerPublicKeyFile: '/repo/.devstack/secrets/all/locker-public-key',
      backendToolClasspath: '/repo/backend-tool/target/backend-tool.jar:/repo/backend-tool/target/lib/*',
      java: 'java',
      scrapeIntervalSeconds: 15,
      demo: false,
    });
  });

  it.each([['1', true], ['0', false], ['', false]])('turn demo mode on only for CACIFO_DASHBOARD_DEMO=1 (%j → %s)', (value, demo) => {
    expect(readSettings({ CACIFO_DASHBOARD_DEMO: value }, '/repo').demo).toBe(demo);
  });

  it('refuse a back-end key outside demo mode: a production dashboard must not hold it', () => {
    expect(() => readSettings({ CACIFO_BACKEND_KEY_FILE: '/etc/cacifo/backend-private-key' }, '/repo'))
      .toThrow(/CACIFO_BACKEND_KEY_FILE.*CACIFO_DASHBOARD_DEMO=1/);
    expect(readSettings({ CACIFO_BACKEND_KEY_FILE: '/k', CACIFO_DASHBOARD_DEMO: '1' }, '/repo').backendKeyFile).toBe('/k');
  });

  it('take every value from its variable, and the state folder moves every secret path', () => {
    const settings = readSettings({
      CACIFO_DASHBOARD_PORT: '9000', CACIFO_GATEWAY_URL: 'https://locker-001.example.org/', CACIFO_DEVSTACK_STATE: '/tmp/s',
      CACIFO_SCRAPE_INTERVAL_SECONDS: '2', JAVA_HOME: '/opt/jdk',
    }, '/repo');

    expect(settings.port).toBe(9000);
    expect(settings.gatewayUrl).toBe('https://locker-001.example.org');
    expect(settings.gatewayPasswordFile).toBe('/tmp/s/secrets/all/basic-auth-password');
    expect(settings.backendKeyFile).toBe('/tmp/s/secrets/all/backend-private-key');
    expect(settings.scrapeIntervalSeconds).toBe(2);
    expect(settings.java).toBe('/opt/jdk/bin/java');
  });

  it.each([
    ['CACIFO_DASHBOARD_PORT', 'eighty'],
    ['CACIFO_DASHBOARD_PORT', '70000'],
    ['CACIFO_SCRAPE_INTERVAL_SECONDS', '0'],
    ['CACIFO_SCRAPE_INTERVAL_SECONDS', '1.5'],
    ['CACIFO_GATEWAY_URL', 'gateway:8080'],
    ['CACIFO_PROMETHEUS_URL', 'ftp://x'],
    ['CACIFO_DASHBOARD_DEMO', 'yes'],
    ['CACIFO_DASHBOARD_DEMO', 'true'],
  ])('refuse %s=%s, naming the variable', (key, value) => {
    expect(() => readSettings({ [key]: value }, '/repo')).toThrow(key);
  });
});
