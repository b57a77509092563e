#!/usr/bin/env node
// Usage: node scripts/check-bundle.mjs [--secrets DIR]... [DIST]   (DIST defaults to dist/)
// Fails (exit 1) when the built bundle holds a secret value, a secret's name or path, a
// basic-auth string or server-only code; scripts/ui-tests.sh runs it against the devstack's
// secrets after `npm run build`.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkBundle, filesUnder, forbiddenNeedles } from './bundleCheck.mjs';

const args = process.argv.slice(2);
const secrets = [];
let dist = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--secrets' && args[i + 1]) {
    secrets.push(args[++i]);
  } else {
    dist = args[i];
  }
}
if (!existsSync(dist) || filesUnder(dist).length === 0) {
  console.error(`check-bundle: ${dist} is empty or missing; run npm run build first`);
  process.exit(2);
}
for (const dir of secrets) {
  if (!existsSync(dir)) {
    console.error(`check-bundle: no secrets folder ${dir}`);
    process.exit(2);
  }
}
const needles = forbiddenNeedles(secrets);
const findings = checkBundle(dist, needles);
for (const finding of findings) {
  console.error(`check-bundle: ${finding.file} contains ${finding.what}`);
}
if (findings.length > 0) {
  process.exit(1);
}
console.log(`check-bundle: ${filesUnder(dist).length} files, ${needles.length} forbidden strings (${secrets.length} secrets folders): none found`);
