#!/usr/bin/env node
// End-to-end: the built dashboard (vite preview, with its server-side proxy and /ops) in Debian's
// chromium, against a running devstack with its locker and central Prometheus. Real traffic goes
// through the gateway; the charts must show it, the deployed count must be 7, the three test
// buttons must succeed and the code must open a door of the simulator.
//
//   CACIFO_GATEWAY_URL=http://127.0.0.1:8080 CACIFO_PROMETHEUS_URL=http://127.0.0.1:9091 \
//   CACIFO_SIMULATOR_URL=http://127.0.0.1:8070 CACIFO_DEVSTACK_STATE=/path/.devstack \
//   CACIFO_SCRAPE_INTERVAL_SECONDS=2 node e2e/dashboard.e2e.mjs
//
// scripts/ui-tests.sh starts a devstack on free ports and runs this. Writes
// test-results/dashboard.png, test-results/e2e-summary.json and the dashboard server's log.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const UI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS = path.join(UI, 'test-results');
const env = process.env;
const gateway = required('CACIFO_GATEWAY_URL').replace(/\/+$/, '');
const simulator = required('CACIFO_SIMULATOR_URL').replace(/\/+$/, '');
required('CACIFO_PROMETHEUS_URL');
const dashboard = `http://127.0.0.1:${env.CACIFO_DASHBOARD_PORT ?? '8060'}`;
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run'];

function required(name) {
  if (!env[name]) {
    console.error(`e2e: set ${name}`);
    process.exit(2);
  }
  return env[name];
}

const started = Date.now();
const log = (message) => console.log(`[e2e ${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);

/** Polls `probe` until it returns a truthy value; fails with `what` and the last value after `ms`. */
async function until(what, probe, ms) {
  const deadline = Date.now() + ms;
  let last;
  for (;;) {
    try {
      last = await probe();
      if (last) {
        return last;
      }
    } catch (error) {
      last = error.message;
    }
    if (Date.now() > deadline) {
      throw new Error(`${what}: not within ${ms / 1000} s (last: ${JSON.stringify(last)})`);
    }
    await new Promise((done) => setTimeout(done, 250));
  }
}

function expect(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

async function post(url, body) {
  const reply = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  await reply.arrayBuffer();
  return reply.status;
}

/** Calls through the gateway as the locker's screen and cron would make them: successes and failures. */
async function traffic() {
  const statuses = await Promise.all([
    post(`${gateway}/function/controller`, {}),
    // The simulator's keypad (its own wrong-code count): 404, then 429 once it is locked out.
    post(`${gateway}/function/screen-io?action=enter`, { code: '9999999999', screen_id: 'simulator' }),
    post(`${gateway}/function/user-manager?action=list`, {}),
  ]);
  expect(statuses[0] === 200, `controller sync answered ${statuses[0]}`);
  expect(statuses[1] >= 400 && statuses[1] < 500, `screen-io enter with a wrong code answered ${statuses[1]}, not a 4xx`);
  expect(statuses[2] === 401, `an unsigned user-manager list answered ${statuses[2]}, not 401`);
}

mkdirSync(RESULTS, { recursive: true });
const summary = { dashboard, started: new Date(started).toISOString() };
const serverLog = createWriteStream(path.join(RESULTS, 'dashboard-server.log'));
const server = spawn(process.execPath, [path.join(UI, 'node_modules', 'vite', 'bin', 'vite.js'), 'preview', '--strictPort'],
  { cwd: UI, env, stdio: ['ignore', 'pipe', 'pipe'] });
server.stdout.pipe(serverLog);
server.stderr.pipe(serverLog);
const userDataDir = mkdtempSync(path.join(tmpdir(), 'cacifo-chromium-'));
let context;
let page;
let trafficTimer;
let failed = false;

try {
  await until('the dashboard server answers', async () => (await fetch(`${dashboard}/`)).ok, 30_000);
  log(`dashboard server up on ${dashboard}`);

  // The proxy passes the dashboard's reads and nothing else.
  const functions = await fetch(`${dashboard}/api/system/functions`);
  expect(functions.status === 200, `/api/system/functions through the proxy answered ${functions.status}`);
  const deployed = await functions.json();
  expect(deployed.length === 7, `the gateway lists ${deployed.length} functions, not 7`);
  for (const [method, url, status] of [['GET', '/api/function/user-manager', 403], ['POST', '/api/system/functions', 405],
    ['GET', '/prometheus/api/v1/status/config', 403], ['GET', '/prometheus/federate?match[]=up', 403]]) {
    const reply = await fetch(dashboard + url, { method });
    expect(reply.status === status, `${method} ${url} through the proxy answered ${reply.status}, not ${status}`);
  }
  log('proxy: reads pass, everything else is refused');

  await traffic();
  trafficTimer = setInterval(() => traffic().catch((error) => log(`traffic: ${error.message}`)), 1000);
  log('traffic: controller 200s, screen-io 404/429s and user-manager 401s, every second');

  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 1500 },
  });
  page = context.pages()[0] ?? (await context.newPage());
  const foreign = [];
  const pageErrors = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(dashboard) && !request.url().startsWith('data:')) {
      foreign.push(request.url());
    }
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`${dashboard}/`);

  summary.deployedCount = await until('the deployed count shows 7', async () => {
    const text = await page.locator('[data-testid=deployed-count]').textContent();
    return text === '7' && text;
  }, 30_000);
  log('deployed functions: 7');

  await until('the locker selector offers locker-001', async () =>
    (await page.locator('[data-testid=locker-select] option').allTextContents()).includes('locker-001'), 30_000);
  await page.locator('[data-testid=locker-select]').selectOption('locker-001');
  log('locker selector: locker-001 chosen');

  const nonZero = async (chart) => ((await page.locator(`figure[data-chart=${chart}]`).getAttribute('data-nonzero')) ?? '')
    .split(' ').filter(Boolean);
  const shows = (chart, functionsWanted) => until(`the ${chart} chart shows ${functionsWanted.join(', ')}`, async () => {
    const lines = await nonZero(chart);
    return functionsWanted.every((fn) => lines.includes(fn)) && lines;
  }, 60_000);
  summary.charts = {
    rate: await shows('rate', ['controller', 'screen-io', 'user-manager']),
    errors: await shows('errors', ['screen-io', 'user-manager']),
    latency: await shows('latency', ['controller', 'screen-io', 'user-manager']),
  };
  // Every unsigned user-manager call is refused (401): its share of errors is all of its calls.
  await until('the table shows user-manager failing 100 %', async () =>
    (await page.locator('[data-function=user-manager] td').nth(1).textContent()) === '100 %', 20_000);
  log(`charts: ${JSON.stringify(summary.charts)}`);
  summary.table = await page.locator('[data-testid=function-table] tbody tr').allInnerTexts();

  // The buttons: each must go green with the locker's real answer.
  const press = async (op, label) => {
    await page.getByRole('button', { name: label }).click();
    const item = page.locator(`[data-op=${op}]`);
    const state = await until(`"${label}" finishes`, async () => {
      const value = await item.getAttribute('data-state');
      return (value === 'ok' || value === 'error') && value;
    }, 60_000);
    const message = await item.locator('.op-result').textContent();
    expect(state === 'ok', `"${label}" failed: ${message}`);
    log(`${label}: ${message}`);
    return { message, door: Number(await item.getAttribute('data-door')) };
  };
  const occupied = async () => Number(await page.locator('[data-testid=occupancy-total]').getAttribute('data-occupied'));
  const occupiedBefore = await until('the occupancy panel shows the doors', async () =>
    (await page.locator('[data-testid=occupancy-total]').count()) > 0 && { value: await occupied() }, 30_000);
  const created = await press('create', 'Create a demo parcel');
  const door = created.door;
  expect(door > 0, `the demo parcel has no door (${created.message})`);
  const sent = await press('code', 'Send its code');
  expect(sent.message.includes(`Door ${door} is open`), `the screen did not say door ${door} opened: ${sent.message}`);
  // The page's own view of the doors: the board API itself obeys only door-io's signed calls.
  const board = (await (await fetch(`${simulator}/ui/state`)).json()).doors.find((d) => d.id === door);
  expect(board && board.open === true, `the simulator's door ${door} is not open: ${JSON.stringify(board)}`);
  log(`simulator: door ${door} is open`);
  summary.buttons = { create: created.message, code: sent.message, simulatorDoor: board };

  // The courier closes the door; the deposit completes and the occupancy panel counts the parcel.
  expect(await post(`${simulator}/ui/doors/${door}/close`, {}) === 200, `the simulator did not close door ${door}`);
  summary.occupiedAfterDeposit = await until('the occupancy panel counts the deposited parcel', async () => {
    const now = await occupied();
    return now === occupiedBefore.value + 1 && { value: now };
  }, 30_000);
  log(`occupancy: ${occupiedBefore.value} occupied before the deposit, ${summary.occupiedAfterDeposit.value} after`);
  const cleaned = await press('cleanup', 'Clean up');
  expect(cleaned.message.includes(`door ${door} is FREE`), `clean up did not free door ${door}: ${cleaned.message}`);
  summary.buttons.cleanup = cleaned.message;
  await until('the occupancy panel shows the door free again', async () => (await occupied()) === occupiedBefore.value, 30_000);
  log(`occupancy: back to ${occupiedBefore.value} occupied`);
  summary.occupancy = await page.locator('[data-testid=occupancy-total]').innerText();

  expect(foreign.length === 0, `the page called other origins: ${foreign.join(', ')}`);
  expect(pageErrors.length === 0, `the page threw: ${pageErrors.join('; ')}`);
  summary.result = 'passed';
} catch (error) {
  failed = true;
  summary.result = `failed: ${error.message}`;
  console.error(`e2e FAILED: ${error.message}`);
} finally {
  clearInterval(trafficTimer);
  if (page) {
    await page.screenshot({ path: path.join(RESULTS, 'dashboard.png'), fullPage: true }).catch(() => undefined);
  }
  summary.seconds = (Date.now() - started) / 1000;
  writeFileSync(path.join(RESULTS, 'e2e-summary.json'), JSON.stringify(summary, null, 2) + '\n');
  await context?.close().catch(() => undefined);
  server.kill('SIGTERM');
  rmSync(userDataDir, { recursive: true, force: true });
}
log(`${failed ? 'FAILED' : 'passed'}; screenshot ${path.join(RESULTS, 'dashboard.png')}`);
process.exit(failed ? 1 : 0);
