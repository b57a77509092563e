#!/usr/bin/env node
// End-to-end: the door simulator's locker page in Debian's chromium, against a running devstack.
// The screen starts in Portuguese (screen-io's default); the EN toggle turns the prompt into English
// and back; a demo parcel's deposit code typed on the keypad opens its door on the page, the screen
// says so in the chosen language, and the door flashes when the simulator reports signalled
// openings; the door is closed by a click, as a courier would. When the simulator reports "jammed"
// per door, the door's jammed box is ticked and unticked and /ui/state follows it. Last, bin/demo's
// jammed-door scene: its parcel's deposit code names the jammed door and opens another instead.
//
//   CACIFO_SIMULATOR_URL=http://127.0.0.1:8070 CACIFO_DEVSTACK_LOG=/path/devstack.log node e2e/simulator.e2e.mjs
//
// The code comes from the demo parcels table the devstack prints when it is up (its log). Uses one
// demo parcel's deposit code and one wrong code on the simulator's screen. Writes
// test-results/simulator.png and test-results/simulator-summary.json.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, expect, logger, required, until } from './e2e-kit.mjs';

const UI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS = path.join(UI, 'test-results');
const env = process.env;
const simulator = required('CACIFO_SIMULATOR_URL', 'simulator e2e').replace(/\/+$/, '');
const devstackLog = required('CACIFO_DEVSTACK_LOG', 'simulator e2e');
const TEXT = {
  pt: { idle: 'Introduza o seu código', invalid: 'Código inválido', open: (door) => `Porta ${door} aberta` },
  en: { idle: 'Enter your code', invalid: 'Invalid code', open: (door) => `Door ${door} is open` },
};
const started = Date.now();
const log = logger('simulator e2e');

/** The first demo parcel of the devstack's table: "  parcel  door  deposit  pick-up  back-up". */
function demoParcel() {
  const lines = readFileSync(devstackLog, 'utf8').split('\n');
  const header = lines.findIndex((line) => line.startsWith('Demo parcels'));
  expect(header >= 0, `no demo parcels table in ${devstackLog}`);
  const row = lines.slice(header + 2).find((line) => /^\s+\S+\s+\d+\s+\d{4,32}\s+\d{4,32}\s+\d{4,32}\s*$/.test(line));
  expect(row, `no demo parcel row in ${devstackLog}`);
  const [externalId, door, deposit] = row.trim().split(/\s+/);
  return { externalId, door: Number(door), deposit };
}

/** bin/demo's jammed-door scene (its summary line): the parcel's deposit code and the jammed door. */
function jammedScene() {
  const line = readFileSync(devstackLog, 'utf8').split('\n').find((each) => /door \d+ is jammed: deposit code \d+/.test(each));
  expect(line, `no jammed-door scene in ${devstackLog} (the devstack runs with DEVSTACK_DEMO_SCENES=1)`);
  const [, jammed, deposit] = line.match(/door (\d+) is jammed: deposit code (\d+)/);
  return { jammed: Number(jammed), deposit };
}

async function doorState(door) {
  const state = await (await fetch(`${simulator}/ui/state`, { cache: 'no-store' })).json();
  return state.doors.find((d) => d.id === door);
}

mkdirSync(RESULTS, { recursive: true });
const summary = {};
const userDataDir = mkdtempSync(path.join(tmpdir(), 'cacifo-simulator-e2e-'));
let context;
let page;
let failed = false;
try {
  const parcel = demoParcel();
  log(`demo parcel ${parcel.externalId}, door ${parcel.door}`);
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: [...CHROMIUM_ARGS, '--autoplay-policy=no-user-gesture-required'],
    viewport: { width: 1280, height: 900 },
  });
  page = context.pages()[0] ?? (await context.newPage());
  const foreign = [];
  const pageErrors = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(simulator)) {
      foreign.push(request.url());
    }
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));

  await page.goto(`${simulator}/`);
  const display = page.locator('#display');
  const shows = (text, ms = 30_000) => until(`the screen says "${text}"`, async () => (await display.textContent()) === text, ms);

  // Portuguese is the default; the toggle turns the prompt into English and back.
  await shows(TEXT.pt.idle, 60_000);
  expect(await page.locator('#lang button[data-lang=pt]').getAttribute('aria-pressed') === 'true', 'PT is not the chosen language');
  log(`PT (default): "${TEXT.pt.idle}"`);
  await page.locator('#lang button[data-lang=en]').click();
  await shows(TEXT.en.idle);
  expect(await page.locator('#screen').getAttribute('lang') === 'en', 'the screen is not marked lang="en"');
  expect(await page.locator('#keypad button[data-key=enter]').textContent() === 'Enter', 'the keypad did not change language');
  log(`EN: "${TEXT.en.idle}"`);
  await page.locator('#lang button[data-lang=pt]').click();
  await shows(TEXT.pt.idle);
  log('PT again');

  // A wrong code, in Portuguese.
  const type = async (code) => {
    for (const digit of code) {
      await page.locator(`#keypad button[data-key="${digit}"]`).click();
    }
    expect(await page.locator('#entry').getAttribute('data-length') === String(code.length), 'the typed digits are not shown as dots');
    await page.locator('#keypad button[data-key=enter]').click();
  };
  await type('99999999');
  await shows(TEXT.pt.invalid);
  expect(await display.getAttribute('data-status') === '404', `a wrong code answered ${await display.getAttribute('data-status')}`);
  log(`a wrong code: "${TEXT.pt.invalid}" (404)`);

  // The deposit code in English: the door opens on the page (and flashes when the board signals it).
  await page.locator('#lang button[data-lang=en]').click();
  await shows(TEXT.en.idle);
  const before = await doorState(parcel.door);
  const signalsReported = typeof before?.signals === 'number';
  await type(parcel.deposit);
  await shows(TEXT.en.open(parcel.door));
  expect(await display.getAttribute('data-status') === '200', 'the deposit code did not answer 200');
  const door = page.locator(`.door[data-door="${parcel.door}"]`);
  await until(`door ${parcel.door} is drawn open`, async () => (await door.getAttribute('data-open')) === 'true', 10_000);
  log(`the deposit code: "${TEXT.en.open(parcel.door)}", door ${parcel.door} drawn open`);
  summary.opened = { door: parcel.door, display: await display.textContent() };
  if (signalsReported) {
    await until(`door ${parcel.door} flashes for its signalled opening`,
      async () => Number((await door.getAttribute('data-signalled')) ?? '0') >= 1, 10_000);
    log(`door ${parcel.door} flashed (signals ${before.signals} -> ${(await doorState(parcel.door)).signals})`);
    summary.flashed = true;
  } else {
    log('the simulator reports no "signals" per door: no flash to check');
    summary.flashed = 'not reported by this simulator';
  }

  // The courier closes the door by clicking it.
  await door.locator('.number').click(); // not the middle, where the open door's parcel box may be
  await until(`door ${parcel.door} is closed`, async () => (await doorState(parcel.door)).open === false, 10_000);
  log(`door ${parcel.door} closed by a click`);

  // The jammed box, when the simulator has jammed doors.
  if (typeof before?.jammed === 'boolean') {
    const box = page.locator(`input.jammed[data-jammed="${parcel.door}"]`);
    await box.check();
    await until(`door ${parcel.door} is jammed`, async () => (await doorState(parcel.door)).jammed === true, 10_000);
    await box.uncheck();
    await until(`door ${parcel.door} is no longer jammed`, async () => (await doorState(parcel.door)).jammed === false, 10_000);
    log(`the jammed box of door ${parcel.door} jams and frees it`);
    summary.jammedBox = true;
  } else {
    expect(!(await page.locator(`input.jammed[data-jammed="${parcel.door}"]`).isVisible()),
      'a jammed box is shown though the simulator reports no "jammed"');
    log('the simulator reports no "jammed" per door: the box stays hidden');
    summary.jammedBox = 'not reported by this simulator';
  }

  // bin/demo's jammed door: its parcel's deposit code, in Portuguese, opens another door instead.
  const scene = jammedScene();
  await page.locator('#lang button[data-lang=pt]').click();
  await shows(TEXT.pt.idle);
  await type(scene.deposit);
  const replaced = new RegExp(`^A porta ${scene.jammed} está avariada — use a porta (\\d+)$`);
  let said = '';
  await until('the screen names the door used instead', async () => replaced.test(said = (await display.textContent()).trim()), 10_000);
  const instead = Number(said.match(replaced)[1]);
  expect(instead !== scene.jammed && (await doorState(instead)).open === true, `door ${instead} did not open instead`);
  expect((await doorState(scene.jammed)).open === false, `the jammed door ${scene.jammed} opened`);
  const jammedDoor = page.locator(`.door[data-door="${scene.jammed}"]`);
  await until(`door ${scene.jammed} is drawn out of service`,
    async () => (await jammedDoor.getAttribute('data-state')) === 'OUT_OF_SERVICE', 10_000);
  await page.locator(`.door[data-door="${instead}"] .number`).click();
  await until(`door ${instead} is closed`, async () => (await doorState(instead)).open === false, 10_000);
  log(`the jammed door ${scene.jammed}: "${said}", door ${instead} opened and closed`);
  summary.jammedScene = { jammed: scene.jammed, instead };

  expect(foreign.length === 0, `the page called other origins: ${foreign.join(', ')}`);
  expect(pageErrors.length === 0, `the page threw: ${pageErrors.join('; ')}`);
  summary.result = 'passed';
} catch (error) {
  failed = true;
  summary.result = `failed: ${error.message}`;
  console.error(`simulator e2e FAILED: ${error.message}`);
} finally {
  if (page) {
    await page.screenshot({ path: path.join(RESULTS, 'simulator.png'), fullPage: true }).catch(() => undefined);
  }
  summary.seconds = (Date.now() - started) / 1000;
  writeFileSync(path.join(RESULTS, 'simulator-summary.json'), JSON.stringify(summary, null, 2) + '\n');
  await context?.close().catch(() => undefined);
  rmSync(userDataDir, { recursive: true, force: true });
}
log(`${failed ? 'FAILED' : 'passed'}; screenshot ${path.join(RESULTS, 'simulator.png')}`);
process.exit(failed ? 1 : 0);
