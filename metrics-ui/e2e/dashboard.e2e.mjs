#!/usr/bin/env node
// End-to-end: the built dashboard (vite preview, with its server-side proxy and /ops) in Debian's
// chromium, against a running devstack with its locker and central Prometheus. Three starts of
// the dashboard server on the same port:
//   1. as in production (no demo mode): /ops answers 404, the page shows no Doors panel and no
//      test buttons, a foreign Host or Origin is refused; the proxy passes only its reads;
//   2. in demo mode with a back-end key the devstack did not generate: it must refuse to start;
//   3. in demo mode (CACIFO_DASHBOARD_DEMO=1, the devstack's own key): the page is opened with the
//      token the server printed; /ops refuses calls without it or from another origin; real traffic
//      goes through the gateway. The fleet overview must list locker-001 reporting with its figures
//      (refusals, not faults, for the wrong codes) and the targets added to the central
//      Prometheus's targets file (a port where nothing listens, a server answering garbage, one
//      that never answers) as not reporting, first, and one that vanishes as not reporting since
//      its last sample; a click on locker-001 opens its page, whose charts must show the traffic
//      (wrong codes and unsigned calls as refusals, never as faults), also over 5 min; over 12 h, its
//      table's calls/s, fault and refusal shares and p95 of every function must be what the central
//      Prometheus (CACIFO_PROMETHEUS_URL, asked directly with the page's PromQL for the same points
//      and window) says, within TOLERANCE; so must its memory panel, each function's figures and
//      the functions together against the machine, and each function's RSS must be what the kernel
//      counts for its process (memory-compare.mjs, MEMORY_TOLERANCE); the deployed count must be 7
//      and equal the gateway's functions in Prometheus; the three test buttons must succeed, a
//      second create is a 409, and the code must open a door of the simulator; back on the
//      overview, locker-001's memory must be the functions' resident memory Prometheus adds up.
//
//   CACIFO_GATEWAY_URL=http://127.0.0.1:8080 CACIFO_PROMETHEUS_URL=http://127.0.0.1:9091 \
//   CACIFO_SIMULATOR_URL=http://127.0.0.1:8070 CACIFO_DEVSTACK_STATE=/path/.devstack \
//   CACIFO_SCRAPE_INTERVAL_SECONDS=2 node e2e/dashboard.e2e.mjs
//
// scripts/ui-tests.sh starts a devstack on free ports and runs this. Writes
// test-results/dashboard.png, test-results/e2e-summary.json and the dashboard server's log (the
// demo token replaced: the server prints it once, for the terminal only).
import { spawn } from 'node:child_process';
import { copyFileSync, createWriteStream, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, expect, logger, required, until } from './e2e-kit.mjs';
import { compareMemory, MEMORY_TOLERANCE } from './memory-compare.mjs';

const UI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS = path.join(UI, 'test-results');
const env = process.env;
const gateway = required('CACIFO_GATEWAY_URL').replace(/\/+$/, '');
const simulator = required('CACIFO_SIMULATOR_URL').replace(/\/+$/, '');
const prometheus = required('CACIFO_PROMETHEUS_URL').replace(/\/+$/, '');
const scrapeSeconds = Number(required('CACIFO_SCRAPE_INTERVAL_SECONDS'));
const port = Number(env.CACIFO_DASHBOARD_PORT ?? '8060');
const dashboard = `http://127.0.0.1:${port}`;
const state = env.CACIFO_DEVSTACK_STATE ?? path.join(UI, '..', '.devstack');
const secrets = path.join(state, 'secrets', 'all');
// The central Prometheus's file_sd list (LocalPrometheus writes it; Prometheus re-reads it on change).
const centralTargets = path.join(state, 'prometheus', 'central', 'lockers.yml');
const TOKEN_HEADER = 'X-Cacifo-Ops-Token';
const started = Date.now();
const log = logger();

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

// What the locker's page shows, checked against the central Prometheus itself. The test writes
// the page's PromQL out again (docs/observability.md lists it) rather than importing queries.ts,
// so a wrong query on the page shows as a difference here. The 12 h range: its 3 min rate window
// holds hundreds of calls, so the figures are steady enough to compare closely.
const COMPARED_RANGE = { key: '12h', seconds: 12 * 3600 };
// How far a figure on screen may be from Prometheus's answer for the same point, and why. The
// page asks for its newest point at once, when the last samples of that window are still on
// their way: the locker's Prometheus scrapes every scrape interval (2 s here) and the central one
// federates every scrape interval, so up to about two intervals (≈4 s of the 180 s window, 2 %)
// reach the central Prometheus after the page's query and before the test's, which asks later
// for the same point. Calls/s: 10 % (those 2 % and the screen's 3 significant digits). Fault and
// refusal shares: 3 percentage points (they hardly move with 2 % more calls; the screen rounds to
// 1). p95: 25 % (interpolated inside a histogram bucket, so a few slow calls more or less move it
// further). The deployed count: exact.
const TOLERANCE = {
  rate: { relative: 0.10, absolute: 0.01 },
  faults: { relative: 0, absolute: 3 },
  refusals: { relative: 0, absolute: 3 },
  p95: { relative: 0.25, absolute: 0.0005 },
};

/** The page's PromQL for one locker (src/lib/queries.ts), written out again. */
function pagePromQL(locker, windowSeconds) {
  const calls = (extra = '') => `sum by (function_name) (rate(gateway_function_invocation_total{locker="${locker}"${extra}}[${windowSeconds}s]))`;
  const share = (codeClass) => `(${calls(`,code=~"${codeClass}.."`)} or ${calls()} * 0) / ${calls()}`;
  return {
    rate: calls(),
    faults: share('5'),
    refusals: share('4'),
    p95: `histogram_quantile(0.95, sum by (le, function_name) (rate(gateway_functions_seconds_bucket{locker="${locker}"}[${windowSeconds}s])))`,
  };
}

/** An instant query to the central Prometheus, straight (not through the dashboard's proxy); `time` in seconds. */
async function promQuery(query, time) {
  const params = new URLSearchParams({ query, ...(time === undefined ? {} : { time: String(time) }) });
  const reply = await fetch(`${prometheus}/api/v1/query?${params}`);
  const body = await reply.json();
  expect(reply.ok && body.status === 'success', `Prometheus answered ${reply.status} to ${query}: ${JSON.stringify(body)}`);
  return body.data.result;
}

/** A figure as the screen reads it, in the page's units (per second, percent, seconds); null for "–". */
function readFigure(figure, text) {
  if (text === '–') {
    return null;
  }
  const units = { rate: /^([0-9.e+-]+)\/s$/, faults: /^([0-9.]+) %$/, refusals: /^([0-9.]+) %$/, p95: /^([0-9.]+) (ms|s)$/ };
  const match = units[figure].exec(text);
  expect(match, `the ${figure} cell reads "${text}", not a figure`);
  return Number(match[1]) / (match[2] === 'ms' ? 1000 : 1);
}

/**
 * One reading of locker-001's "Now, per function" table against Prometheus: every row and figure
 * (calls/s, the 5xx and 4xx shares, p95), each asked for at the point its cell says it is from,
 * with the page's window. Throws with every difference beyond TOLERANCE.
 */
async function compareTable(locker, windowSeconds) {
  const cells = await page.locator('[data-testid=function-table] tbody tr[data-function]').evaluateAll((rows) => rows.map((row) => ({
    fn: row.dataset.function,
    figures: Object.fromEntries(['rate', 'faults', 'refusals', 'p95'].map((figure) => {
      const cell = row.querySelector(`td[data-column=${figure}]`);
      return [figure, { text: cell.textContent, at: cell.dataset.at === undefined ? null : Number(cell.dataset.at) }];
    })),
  })));
  expect(cells.length > 0, 'the function table has no rows');
  const queries = pagePromQL(locker, windowSeconds);
  const answers = new Map();
  const differences = [];
  const compared = {};
  for (const { fn, figures } of cells) {
    compared[fn] = {};
    for (const [figure, { text, at }] of Object.entries(figures)) {
      const shown = readFigure(figure, text);
      if (at === null) {
        expect(shown === null, `${fn}'s ${figure} reads "${text}" without the time it is from`);
      }
      const time = at ?? Math.floor(Date.now() / 1000);
      const key = `${figure}@${time}`;
      if (!answers.has(key)) {
        answers.set(key, await promQuery(queries[figure], time));
      }
      const series = answers.get(key).find((item) => item.metric.function_name?.replace(/\.openfaas-fn$/, '') === fn);
      const raw = series === undefined ? null : Number(series.value[1]);
      const wanted = raw === null || !Number.isFinite(raw) ? null : raw * (figure === 'faults' || figure === 'refusals' ? 100 : 1);
      const { relative, absolute } = TOLERANCE[figure];
      const close = shown === null || wanted === null ? shown === wanted
        : Math.abs(shown - wanted) <= Math.max(absolute, relative * Math.abs(wanted));
      compared[fn][figure] = { shown: text, prometheus: wanted, at };
      if (!close) {
        differences.push(`${fn} ${figure}: the page shows ${text}, Prometheus says ${wanted} at ${at}`);
      }
    }
  }
  // And no function Prometheus has calls for is missing from the table.
  for (const [key, result] of answers) {
    for (const item of key.startsWith('rate@') ? result : []) {
      const fn = item.metric.function_name?.replace(/\.openfaas-fn$/, '');
      if (!(fn in compared)) {
        differences.push(`${fn}: Prometheus has its calls at ${key.slice(5)}, the table has no row for it`);
      }
    }
  }
  if (differences.length > 0) {
    throw new Error(differences.join('; '));
  }
  return compared;
}

/** A port nothing listens on (taken from the OS, then released). */
function freePort() {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address();
      probe.close(() => resolve(free));
    });
  });
}

/** A stand-in for a locker's Prometheus on a free port; `answer` handles every request. */
function startFakeLocker(answer) {
  return new Promise((resolve) => {
    const fake = createServer(answer).listen(0, '127.0.0.1', () => resolve(fake));
  });
}

/** Stops a stand-in at once, its open connections too (a hanging one never ends them itself). */
function stopFakeLocker(fake) {
  fake.closeAllConnections();
  fake.close();
}

const FAKE_LOCKERS = {
  // Answers 200 with text no Prometheus can parse.
  garbage: (req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end('<html>this is not { a metrics page\n\u0000\u0001 }}}\n');
  },
  // Accepts the connection and never answers: the central scrape times out.
  hangs: () => undefined,
  // Answers /federate as a locker whose gateway is up (the one series "last seen" is made of),
  // until the test stops it: then it has vanished.
  healthy: (req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' });
    res.end('# TYPE up untyped\nup{job="gateway",instance="gateway:8082"} 1\n');
  },
};

/** Replaces the central Prometheus's targets file in one step (write, then rename), as file_sd expects. */
function writeTargets(text) {
  writeFileSync(`${centralTargets}.e2e-tmp`, text);
  renameSync(`${centralTargets}.e2e-tmp`, centralTargets);
}

/** The text of a fleet table cell. */
const fleetCell = (locker, column) => page.locator(`[data-testid=fleet-table] tr[data-locker="${locker}"] [data-column=${column}]`).innerText();

/** A raw request, so Host is ours to choose (fetch always sends the URL's). */
function raw(method, url, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path: url, headers: { Host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk) => (text += chunk)).on('end', () =>
        resolve({ status: res.statusCode, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** `{status, error}` of an /ops reply, checking it is our JSON error shape. */
async function opsReply(path, init = {}) {
  const reply = await fetch(dashboard + path, init);
  const body = await reply.json();
  expect(typeof body.message === 'string' || reply.ok, `${path} answered ${reply.status} without a message`);
  return { status: reply.status, error: body.error };
}

/**
 * Starts `vite preview` with `extra` on top of this environment (no demo setting inherited).
 * Gives the child, its output so far, and a promise of its exit code.
 */
function startDashboard(name, extra) {
  const childEnv = { ...env, ...extra };
  for (const key of ['CACIFO_DASHBOARD_DEMO', 'CACIFO_BACKEND_KEY_FILE']) {
    if (!(key in extra)) {
      delete childEnv[key];
    }
  }
  const child = spawn(process.execPath, [path.join(UI, 'node_modules', 'vite', 'bin', 'vite.js'), 'preview', '--strictPort'],
    { cwd: UI, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  serverLog.write(`\n== dashboard server: ${name}\n`);
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding('utf8').on('data', (chunk) => {
      output += chunk;
      serverLog.write(chunk.replace(/ops_token=[A-Za-z0-9_-]+/g, 'ops_token=<printed once, not logged>'));
    });
  }
  const exited = new Promise((done) => child.on('exit', (code) => done(code)));
  return { child, output: () => output, exited };
}

async function stopDashboard(server) {
  server.child.kill('SIGTERM');
  await server.exited;
}

mkdirSync(RESULTS, { recursive: true });
const summary = { dashboard, started: new Date(started).toISOString() };
const serverLog = createWriteStream(path.join(RESULTS, 'dashboard-server.log'));
const userDataDir = mkdtempSync(path.join(tmpdir(), 'cacifo-chromium-'));
const productionKeyDir = mkdtempSync(path.join(tmpdir(), 'cacifo-not-devstack-'));
let server;
let context;
let page;
let trafficTimer;
const fakeLockers = {};
let originalTargets;
let failed = false;

try {
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

  // 1. As in production: no demo mode, so no /ops and no buttons.
  server = startDashboard('production (no demo mode)', {});
  await until('the dashboard server answers', async () => (await fetch(`${dashboard}/`)).ok, 30_000);
  log(`dashboard server up on ${dashboard}, not in demo mode`);
  const offSettings = await (await fetch(`${dashboard}/settings`)).json();
  expect(offSettings.ops === false, `/settings without demo mode says ${JSON.stringify(offSettings)}`);
  for (const [method, url] of [['POST', '/ops/demo-parcel/create'], ['POST', '/ops/demo-parcel/code'],
    ['POST', '/ops/demo-parcel/cleanup'], ['GET', '/ops/occupancy'], ['GET', '/ops/demo-parcel']]) {
    const reply = await opsReply(url, { method, headers: { 'Content-Type': 'application/json' }, body: method === 'POST' ? '{}' : undefined });
    expect(reply.status === 404 && reply.error === 'ops_off', `${method} ${url} without demo mode answered ${JSON.stringify(reply)}`);
  }
  const rebound = await raw('GET', '/settings', { Host: `rebind.example.org:${port}` });
  expect(rebound.status === 403, `a foreign Host header got ${rebound.status}, not 403`);
  const crossOrigin = await raw('GET', '/prometheus/api/v1/label/locker/values', { Origin: 'http://localhost:5173' });
  expect(crossOrigin.headers['access-control-allow-origin'] === undefined, 'another local origin got a CORS grant');
  log('production: /ops is 404 ops_off, a foreign Host gets 403, no other origin gets CORS');

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

  await page.goto(`${dashboard}/`);
  await until('the production page opens on the fleet overview, listing locker-001', async () =>
    (await page.locator('[data-testid=fleet-table] tr[data-locker="locker-001"]').count()) === 1, 30_000);
  // A link to one locker opens its page directly.
  await page.goto(`${dashboard}/?locker=locker-001`);
  await until('a link to locker-001 shows the deployed count and the charts', async () =>
    (await page.locator('[data-testid=deployed-count]').textContent()) === '7'
    && (await page.locator('figure[data-chart=rate]').count()) > 0, 30_000);
  const hidden = { buttons: await page.locator('[data-testid=test-buttons]').count(), doors: await page.locator('[data-testid=occupancy]').count() };
  expect(hidden.buttons === 0 && hidden.doors === 0, `the production page shows ops panels: ${JSON.stringify(hidden)}`);
  log('production page: the fleet overview; ?locker=locker-001 shows charts and deployed functions, no Doors panel, no test buttons');
  summary.production = { settings: offSettings, hidden };
  await stopDashboard(server);

  // 2. Demo mode with a key the devstack did not generate (a copy of its key, without the marker).
  copyFileSync(path.join(secrets, 'backend-private-key'), path.join(productionKeyDir, 'backend-private-key'));
  server = startDashboard('demo mode with a key the devstack did not generate', {
    CACIFO_DASHBOARD_DEMO: '1', CACIFO_BACKEND_KEY_FILE: path.join(productionKeyDir, 'backend-private-key'),
  });
  const refusedCode = await Promise.race([server.exited, new Promise((done) => setTimeout(() => done('running'), 30_000))]);
  expect(refusedCode !== 'running' && refusedCode !== 0, `demo mode with a foreign key did not refuse to start (${refusedCode})`);
  expect(server.output().includes('the devstack did not generate it'), `demo mode refused without saying why: ${server.output()}`);
  log(`demo mode with a key the devstack did not generate: refused, exit ${refusedCode}`);
  summary.foreignKeyRefused = { exitCode: refusedCode };

  // 3. Demo mode with the devstack's own key: the token printed at the start opens the page.
  server = startDashboard('demo mode', { CACIFO_DASHBOARD_DEMO: '1' });
  const token = await until('the demo start prints the page URL with its token', async () =>
    new RegExp(`${dashboard.replace(/[.]/g, '\\.')}/\\?ops_token=([A-Za-z0-9_-]{43})`).exec(server.output())?.[1], 30_000);
  await until('the demo dashboard server answers', async () => (await fetch(`${dashboard}/settings`)).ok, 30_000);
  for (const [what, headers, status, error] of [
    ['no token', {}, 401, 'ops_token_missing'],
    ['a wrong token', { [TOKEN_HEADER]: 'A'.repeat(43) }, 403, 'ops_token_wrong'],
    ['another origin', { [TOKEN_HEADER]: token, Origin: 'http://localhost:5173' }, 403, 'foreign_origin'],
  ]) {
    const reply = await opsReply('/ops/demo-parcel/create', { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: '{}' });
    expect(reply.status === status && reply.error === error, `a create with ${what} answered ${JSON.stringify(reply)}`);
  }
  const none = await (await fetch(`${dashboard}/ops/demo-parcel`, { headers: { [TOKEN_HEADER]: token } })).json();
  expect(none.parcel === null, `the refused creates made a parcel: ${JSON.stringify(none)}`);
  log('demo mode: /ops refuses no token (401), a wrong one (403) and another origin (403), and made nothing');

  await traffic();
  trafficTimer = setInterval(() => traffic().catch((error) => log(`traffic: ${error.message}`)), 1000);
  log('traffic: controller 200s, screen-io 404/429s and user-manager 401s, every second');

  // More lockers in the central Prometheus's targets file: one at a port where nothing listens,
  // one that answers garbage, one that never answers, and one that reports until it vanishes.
  // Each must show as not reporting, and nothing else break.
  originalTargets = readFileSync(centralTargets, 'utf8');
  for (const [name, answer] of Object.entries(FAKE_LOCKERS)) {
    fakeLockers[name] = await startFakeLocker(answer);
  }
  const nothingThere = await freePort();
  const target = (locker, address, site) => `- targets: ['${address}']\n  labels: {locker: ${locker}, site: ${site}}\n`;
  writeTargets([
    originalTargets.endsWith('\n') ? originalTargets : `${originalTargets}\n`,
    '# Added by e2e/dashboard.e2e.mjs (restored at its end): lockers that cannot report.\n',
    target('locker-002', `127.0.0.1:${nothingThere}`, 'nowhere'),
    target('locker-003', `127.0.0.1:${fakeLockers.garbage.address().port}`, 'garbage'),
    target('locker-004', `127.0.0.1:${fakeLockers.hangs.address().port}`, 'hangs'),
    target('locker-005', `127.0.0.1:${fakeLockers.healthy.address().port}`, 'vanishes'),
  ].join(''));
  log(`targets: locker-002 (nothing listens), locker-003 (garbage), locker-004 (never answers), locker-005 (reports, then vanishes)`);

  await page.goto(`${dashboard}/?ops_token=${token}`);
  await until('the page takes the token out of its address', async () => !page.url().includes('ops_token'), 10_000);

  // The fleet overview, the first page.
  const fleetRows = () => page.locator('[data-testid=fleet-table] tbody tr[data-locker]');
  const fleetOrder = () => fleetRows().evaluateAll((rows) => rows.map((row) => [row.dataset.locker, row.dataset.reporting]));
  const NOT_REPORTING = ['locker-002', 'locker-003', 'locker-004'];
  summary.fleet = await until('the overview lists locker-002, -003 and -004 as not reporting, first, then locker-001 and -005 reporting', async () => {
    const order = await fleetOrder();
    return order.length === 5
      && order.slice(0, 3).every(([locker, reporting]) => NOT_REPORTING.includes(locker) && reporting !== 'reporting')
      && order.slice(3).every(([locker, reporting]) => ['locker-001', 'locker-005'].includes(locker) && reporting === 'reporting')
      && order;
  }, 60_000);
  for (const locker of NOT_REPORTING) {
    const lastSeen = await fleetCell(locker, 'lastSeen');
    expect(lastSeen === 'not reporting: never seen', `${locker}'s last seen reads ${lastSeen}`);
    expect((await fleetCell(locker, 'trouble')).includes('not reporting'), `${locker} is not counted in trouble`);
  }
  // locker-005 vanishes: it keeps its last seen, now as not reporting, and moves up among the troubled.
  stopFakeLocker(fakeLockers.healthy);
  summary.vanished = await until('locker-005, gone, shows as not reporting with when it was last seen', async () => {
    const lastSeen = await fleetCell('locker-005', 'lastSeen');
    const order = (await fleetOrder()).map(([locker]) => locker);
    return /^not reporting: scrape failing, seen \d+ s ago$/.test(lastSeen) && order.indexOf('locker-005') < order.indexOf('locker-001')
      && lastSeen;
  }, 30_000);
  log(`fleet: ${JSON.stringify(summary.fleet)}; locker-005 after it vanished: ${summary.vanished}`);
  // locker-001's figures: the traffic's calls, its wrong codes and unsigned calls as refusals, no faults.
  summary.fleetLocker001 = await until('the overview shows locker-001\'s calls, refusals, p95, doors, alarms and outbox, and no faults', async () => {
    const figures = {};
    for (const column of ['lastSeen', 'calls', 'faults', 'refusals', 'p95', 'occupied', 'outOfService', 'alarms', 'outbox', 'trouble']) {
      figures[column] = await fleetCell('locker-001', column);
    }
    const refusals = Number.parseFloat(figures.refusals);
    // The doors, alarms and outbox come from the locker's own cacifo_* series (federated).
    return figures.lastSeen.endsWith(' ago') && /^[0-9.]+\/s$/.test(figures.calls) && Number.parseFloat(figures.calls) > 0
      && figures.faults === '0 %' && refusals > 0 && refusals < 100 && figures.p95.endsWith('s')
      && /^\d+ \/ [1-9]\d*$/.test(figures.occupied) && /^\d+$/.test(figures.outOfService) && /^\d+$/.test(figures.alarms)
      && /^\d+( \(oldest .+\))?$/.test(figures.outbox) && figures;
  }, 60_000);
  expect(await page.locator('[data-testid=fleet-rules-missing]').count() === 0, 'the overview says the recording rules are missing');
  log(`fleet: locker-001 ${JSON.stringify(summary.fleetLocker001)}`);
  await page.locator('[data-testid=fleet-filter]').fill('garbage');
  await until('the filter keeps only locker-003 (site "garbage")', async () =>
    (await fleetRows().evaluateAll((rows) => rows.map((row) => row.dataset.locker))).join() === 'locker-003', 10_000);
  await page.locator('[data-testid=fleet-filter]').fill('');
  const troubled = async () => (await fleetRows().evaluateAll((rows) => rows.filter((row) => row.dataset.trouble !== '')
    .map((row) => row.dataset.locker))).sort().join();
  const inTrouble = await until('the filter is cleared', async () => (await fleetRows().count()) === 5 && troubled(), 10_000);
  await page.locator('[data-testid=fleet-only-trouble]').check();
  await until('"only in trouble" keeps exactly the lockers in trouble', async () =>
    (await fleetOrder()).map(([locker]) => locker).sort().join() === inTrouble, 10_000);
  await page.locator('[data-testid=fleet-only-trouble]').uncheck();
  await page.locator('button[data-sort=locker]').click();
  await until('a click on "locker" sorts by name', async () =>
    (await fleetOrder()).map(([locker]) => locker).join() === 'locker-001,locker-002,locker-003,locker-004,locker-005', 10_000);
  log('fleet: filtered by site, sorted by name');

  // A click on locker-001's row opens its own page.
  await page.locator('[data-testid=fleet-table] tr[data-locker="locker-001"] td[data-column=calls]').click();
  await until('the click opens locker-001\'s page', async () =>
    new URL(page.url()).searchParams.get('locker') === 'locker-001'
    && (await page.locator('[data-testid=locker-select]').inputValue()) === 'locker-001', 10_000);
  log('fleet: a click on locker-001 opened its page');

  summary.deployedCount = await until('the deployed count shows 7', async () => {
    const text = await page.locator('[data-testid=deployed-count]').textContent();
    return text === '7' && text;
  }, 30_000);
  log('deployed functions: 7');

  await until('the locker selector offers locker-001', async () =>
    (await page.locator('[data-testid=locker-select] option').allTextContents()).includes('locker-001'), 30_000);

  const nonZero = async (chart) => ((await page.locator(`figure[data-chart=${chart}]`).getAttribute('data-nonzero')) ?? '')
    .split(' ').filter(Boolean);
  const shows = (chart, functionsWanted) => until(`the ${chart} chart shows ${functionsWanted.join(', ')}`, async () => {
    const lines = await nonZero(chart);
    return functionsWanted.every((fn) => lines.includes(fn)) && lines;
  }, 60_000);
  summary.charts = {
    rate: await shows('rate', ['controller', 'screen-io', 'user-manager']),
    refusals: await shows('refusals', ['screen-io', 'user-manager']),
    latency: await shows('latency', ['controller', 'screen-io', 'user-manager']),
  };
  // The ground rule: a wrong code typed (screen-io 404/429) and an unsigned call (user-manager
  // 401) are the caller's, so they are refusals; none of the traffic is a fault of a function.
  summary.charts.faults = await until('the faults chart draws screen-io and user-manager', async () => {
    const lines = ((await page.locator('figure[data-chart=faults]').getAttribute('data-lines')) ?? '').split(' ');
    return ['screen-io', 'user-manager'].every((fn) => lines.includes(fn)) && lines;
  }, 30_000);
  const faultsAboveZero = await nonZero('faults');
  expect(faultsAboveZero.length === 0, `the faults chart shows lines above zero: ${faultsAboveZero.join(', ')}`);
  const tableCell = (fn, column) => page.locator(`[data-function=${fn}] td[data-column=${column}]`).textContent();
  await until('the table shows user-manager refused 100 % and failing 0 %', async () =>
    (await tableCell('user-manager', 'refusals')) === '100 %' && (await tableCell('user-manager', 'faults')) === '0 %', 20_000);
  await until('the table shows screen-io\'s wrong codes as refusals, not faults', async () =>
    Number.parseFloat(await tableCell('screen-io', 'refusals')) > 0 && (await tableCell('screen-io', 'faults')) === '0 %', 20_000);
  log(`charts: ${JSON.stringify(summary.charts)}`);
  summary.table = await page.locator('[data-testid=function-table] tbody tr').allInnerTexts();

  // The 5 min range: every chart asks again, with the scrape interval as step, and still shows the traffic.
  await page.locator('button[data-range="5m"]').click();
  await until('the 5 min range is chosen', async () =>
    (await page.locator('button[data-range="5m"]').getAttribute('aria-pressed')) === 'true', 5_000);
  summary.charts5m = { rate: await shows('rate', ['controller', 'screen-io', 'user-manager']), refusals: await shows('refusals', ['user-manager']) };
  log(`5 min range: ${JSON.stringify(summary.charts5m)}`);

  // What the page shows against the central Prometheus, asked directly for the same points and
  // window (TOLERANCE above says how close, and why).
  await page.locator(`button[data-range="${COMPARED_RANGE.key}"]`).click();
  const comparedStep = Math.max(scrapeSeconds, Math.ceil(COMPARED_RANGE.seconds / 240));
  const comparedWindow = Math.max(4 * scrapeSeconds, comparedStep);
  const table = page.locator('[data-testid=function-table] table');
  await until(`the ${COMPARED_RANGE.key} range asks for ${comparedStep} s steps and a ${comparedWindow} s window`, async () =>
    (await table.getAttribute('data-range')) === String(COMPARED_RANGE.seconds)
    && (await table.getAttribute('data-step')) === String(comparedStep)
    && (await table.getAttribute('data-window')) === String(comparedWindow), 10_000);
  // Retried, not waited for: a reading is taken while the page redraws every scrape, and a point
  // read before its last samples arrived may miss by more; a wrong figure never comes close.
  summary.againstPrometheus = await until('the function table shows what the central Prometheus says, for every function and figure',
    async () => {
      const figures = await compareTable('locker-001', comparedWindow);
      return ['controller', 'screen-io', 'user-manager'].every((fn) => figures[fn]?.rate?.prometheus > 0) && figures;
    }, 60_000);
  log(`against Prometheus (${COMPARED_RANGE.key}, ${comparedWindow} s window): ${JSON.stringify(summary.againstPrometheus)}`);
  // The memory panel at the same range, against the central Prometheus and the kernel's count for
  // each function's process; retried like the table. The functions the traffic calls every second
  // are running, so each must have its figures (a function not called yet has none: faasd mode).
  const CALLED = ['controller', 'screen-io', 'user-manager'];
  summary.memoryAgainstPrometheus = await until('the memory panel shows what the central Prometheus and the kernel say, for every function',
    async () => {
      const memory = await compareMemory({ page, promQuery, locker: 'locker-001', rangeSeconds: COMPARED_RANGE.seconds, scrapeSeconds, state });
      return CALLED.every((fn) => memory.functions[fn]?.rss?.shown > 0 && memory.functions[fn]?.kernel !== undefined)
        && memory.locker.lockerRss.wanted > 0 && memory;
    }, 60_000);
  log(`memory against Prometheus and the kernel: ${JSON.stringify(summary.memoryAgainstPrometheus)}`);
  const deployedSeries = `count(gateway_service_count{locker="locker-001"})`;
  summary.deployedAgainstPrometheus = await until('the deployed count equals the functions the gateway reports to Prometheus', async () => {
    const shown = await page.locator('[data-testid=deployed-count]').textContent();
    const [counted] = await promQuery(deployedSeries);
    if (counted === undefined || shown !== counted.value[1]) {
      throw new Error(`the page shows ${shown}, ${deployedSeries} is ${counted?.value[1]}`);
    }
    return { shown, prometheus: Number(counted.value[1]) };
  }, 30_000);
  log(`deployed count: ${JSON.stringify(summary.deployedAgainstPrometheus)}`);

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
  const second = await opsReply('/ops/demo-parcel/create', {
    method: 'POST', headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: token, Origin: dashboard }, body: '{}',
  });
  expect(second.status === 409 && second.error === 'demo_parcel_exists', `a second create answered ${JSON.stringify(second)}`);
  const still = await (await fetch(`${dashboard}/ops/demo-parcel`, { headers: { [TOKEN_HEADER]: token } })).json();
  expect(still.parcel?.door_id === door, `the second create changed the demo parcel: ${JSON.stringify(still)}`);
  log('a second create while the demo parcel exists: 409 demo_parcel_exists, nothing changed');
  const sent = await press('code', 'Send its code');
  expect(sent.message.includes(`Porta ${door} aberta`), `the screen did not say door ${door} opened: ${sent.message}`);
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

  await page.locator('[data-testid=back-to-fleet]').click();
  await until('"← fleet" returns to the overview', async () =>
    !new URL(page.url()).searchParams.has('locker') && (await page.locator('[data-testid=fleet-table]').count()) === 1, 10_000);
  // The overview's doors (cacifo_doors, federated) agree with door-manager's own occupancy.
  summary.fleetOccupiedAfter = await until(`the overview shows locker-001 with ${occupiedBefore.value} doors occupied, as the Doors panel did`,
    async () => {
      const text = await fleetCell('locker-001', 'occupied');
      return text.startsWith(`${occupiedBefore.value} / `) && text;
    }, 30_000);
  log(`back on the fleet overview: locker-001 occupied ${summary.fleetOccupiedAfter}`);
  // Its memory: the functions' resident memory together, as the central Prometheus adds it up
  // now (the overview asks at Prometheus's now too), within the RSS tolerance.
  const lockerRss = 'sum(process_resident_memory_bytes{locker="locker-001",job="functions"})';
  summary.fleetMemory = await until('the overview shows locker-001\'s memory as the central Prometheus adds it up', async () => {
    const text = await fleetCell('locker-001', 'memory');
    const worst = await fleetCell('locker-001', 'worstFunction');
    const match = /^([0-9.]+) MiB of ([0-9.]+) MiB \([0-9.]+ %\), ([0-9.]+) MiB available$/.exec(text);
    const [summed] = await promQuery(lockerRss);
    if (!match || summed === undefined || !/^[a-z-]+ [0-9.]+ %$/.test(worst)) {
      throw new Error(`locker-001's memory reads "${text}", its function nearest its limit "${worst}"; ${lockerRss} is ${summed?.value[1]}`);
    }
    const shown = Number(match[1]) * 1024 * 1024;
    const wanted = Number(summed.value[1]);
    return Math.abs(shown - wanted) <= MEMORY_TOLERANCE.lockerRss * wanted && { memory: text, nearestItsLimit: worst, prometheus: wanted };
  }, 30_000);
  log(`fleet: locker-001 memory ${JSON.stringify(summary.fleetMemory)}`);

  expect(foreign.length === 0, `the page called other origins: ${foreign.join(', ')}`);
  expect(pageErrors.length === 0, `the page threw: ${pageErrors.join('; ')}`);
  summary.result = 'passed';
} catch (error) {
  failed = true;
  summary.result = `failed: ${error.message}`;
  console.error(`e2e FAILED: ${error.message}`);
} finally {
  clearInterval(trafficTimer);
  if (originalTargets !== undefined) {
    writeTargets(originalTargets);
  }
  Object.values(fakeLockers).forEach(stopFakeLocker);
  if (page) {
    await page.screenshot({ path: path.join(RESULTS, 'dashboard.png'), fullPage: true }).catch(() => undefined);
  }
  summary.seconds = (Date.now() - started) / 1000;
  writeFileSync(path.join(RESULTS, 'e2e-summary.json'), JSON.stringify(summary, null, 2) + '\n');
  await context?.close().catch(() => undefined);
  if (server) {
    await stopDashboard(server);
  }
  rmSync(userDataDir, { recursive: true, force: true });
  rmSync(productionKeyDir, { recursive: true, force: true });
}
log(`${failed ? 'FAILED' : 'passed'}; screenshot ${path.join(RESULTS, 'dashboard.png')}`);
process.exit(failed ? 1 : 0);
