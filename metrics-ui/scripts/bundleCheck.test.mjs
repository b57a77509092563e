import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkBundle, forbiddenNeedles } from './bundleCheck.mjs';

function folder(files) {
  const dir = mkdtempSync(path.join(tmpdir(), 'bundle-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe('the bundle check', () => {
  const secrets = folder({
    'basic-auth-password': 'c0ffee0123456789c0ffee0123456789\n',
    'backend-private-key': '-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n-----END PRIVATE KEY-----\n',
  });
  const needles = forbiddenNeedles([secrets]);

  it('passes a bundle without secrets', () => {
    expect(checkBundle(folder({ 'assets/index.js': 'console.log("charts")', 'index.html': '<div id="root">' }), needles)).toEqual([]);
  });

  it.each([
    ['a password value', 'const p="c0ffee0123456789c0ffee0123456789"', 'the value of'],
    ['a basic-auth header', `"Basic ${Buffer.from('admin:c0ffee0123456789c0ffee0123456789').toString('base64')}"`, 'the Basic header'],
    ['a line of a PEM key', 'k="MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg"', 'a line of the value of'],
    ['a secret file name', 'fetch("/secrets/all/basic-auth-password")', 'server-only name "basic-auth-password"'],
    ['the secrets folder path', `"${secrets}"`, 'the secrets folder\'s path'],
    ['server-only code', 'require("child_process")', 'server-only name "child_process"'],
  ])('finds %s, naming the file and never the value', (_name, text, what) => {
    const findings = checkBundle(folder({ 'assets/index.js': text }), needles);

    expect(findings.some((f) => f.file === 'assets/index.js' && f.what.includes(what))).toBe(true);
    expect(JSON.stringify(findings)).not.toContain('c0ffee0123456789');
  });
});
