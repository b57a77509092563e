// Finds credentials in the built bundle: secret values, their file names and paths, basic-auth
// strings and server-only code. Reports what was found and where, never the value itself.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** Names and markers that only the server side may know. */
export const FORBIDDEN_NAMES = [
  'basic-auth-password', 'backend-private-key', 'locker-public-key', 'locker-private-key', 'backend-public-keys',
  'internal-hmac-key', 'code-hash-key', 'db-password', 'backend-hmac-key', 'secrets/all', '.devstack',
  'CACIFO_', 'io.cacifo.backend', 'backend-tool', 'child_process', 'PRIVATE KEY', 'Authorization', 'Basic ',
];

/**
 * What must not appear, as {needle, what}: the fixed names, and for each secrets folder its path,
 * every file's value (whole, and each line of a PEM body) and the basic-auth forms of a password.
 */
export function forbiddenNeedles(secretsDirs, user = 'admin') {
  const needles = FORBIDDEN_NAMES.map((name) => ({ needle: name, what: `the server-only name "${name}"` }));
  for (const dir of secretsDirs) {
    needles.push({ needle: path.resolve(dir), what: `the secrets folder's path` });
    for (const name of readdirSync(dir)) {
      const file = path.join(dir, name);
      if (!statSync(file).isFile()) {
        continue;
      }
      const value = readFileSync(file, 'utf8').trim();
      const what = `the value of ${path.basename(dir)}/${name}`;
      if (value.length >= 8) {
        needles.push({ needle: value, what });
      }
      for (const line of value.split('\n').map((l) => l.trim())) {
        if (line.length >= 16 && !line.startsWith('-----')) {
          needles.push({ needle: line, what: `a line of ${what}` });
        }
      }
      if (name === 'basic-auth-password' && value !== '') {
        needles.push({ needle: `${user}:${value}`, what: `the gateway login of ${name}` });
        needles.push({ needle: Buffer.from(`${user}:${value}`).toString('base64'), what: `the Basic header of ${name}` });
      }
    }
  }
  return needles;
}

/** Every file under `dir`, as paths relative to it. */
export function filesUnder(dir) {
  const found = [];
  const walk = (current) => {
    for (const name of readdirSync(current)) {
      const file = path.join(current, name);
      if (statSync(file).isDirectory()) {
        walk(file);
      } else {
        found.push(path.relative(dir, file));
      }
    }
  };
  walk(dir);
  return found.sort();
}

/** The findings, `{file, what}`, for every needle found in any file of `distDir`. */
export function checkBundle(distDir, needles) {
  const findings = [];
  for (const file of filesUnder(distDir)) {
    const text = readFileSync(path.join(distDir, file), 'latin1');
    for (const { needle, what } of needles) {
      if (text.includes(needle)) {
        findings.push({ file, what });
      }
    }
  }
  return findings;
}
