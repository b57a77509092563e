import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ui = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** `npm ci --dry-run` on a copy of the dashboard whose package.json asks for `node` (nothing is installed). */
function installWith(node) {
  const dir = mkdtempSync(path.join(tmpdir(), 'engines-'));
  const pkg = JSON.parse(readFileSync(path.join(ui, 'package.json'), 'utf8'));
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ ...pkg, engines: { node } }));
  for (const file of ['package-lock.json', '.npmrc'].filter((name) => existsSync(path.join(ui, name)))) {
    copyFileSync(path.join(ui, file), path.join(dir, file));
  }
  try {
    return spawnSync('npm', ['ci', '--dry-run', '--no-audit', '--no-fund'], { cwd: dir, encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the Node.js check', () => {
  it('npm refuses to install the dashboard on a Node.js outside package.json engines', () => {
    const run = installWith(`<${process.versions.node}`);
    expect(run.status, run.stdout + run.stderr).not.toBe(0);
    expect(run.stderr).toContain('EBADENGINE');
  }, 60_000);

  it('npm installs it on a Node.js inside them', () => {
    const run = installWith(`>=${process.versions.node}`);
    expect(run.status, run.stdout + run.stderr).toBe(0);
  }, 60_000);
});
