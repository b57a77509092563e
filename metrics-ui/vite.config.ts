/// <reference types="vitest/config" />
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { dashboardServer } from './server/plugin.ts';
import { serverOptions } from './server/serverOptions.ts';
import { readSettings } from './server/settings.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// Server-side settings (URLs, password and key files, demo mode) come from CACIFO_* variables and
// stay in this process: nothing here is exposed to the bundle (no `define`, no VITE_ variables).
export default defineConfig(() => {
  const settings = readSettings(process.env, repoRoot);
  return {
    plugins: [react(), dashboardServer(settings)],
    server: serverOptions(settings),
    preview: serverOptions(settings),
    build: { sourcemap: false },
    // 30 s a test: the panels' tests wait on real HTTP, on a machine other test runs share.
    test: { include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'server/**/*.test.ts', 'scripts/**/*.test.mjs'], testTimeout: 30_000 },
  };
});
