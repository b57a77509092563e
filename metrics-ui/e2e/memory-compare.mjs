// The locker page's memory panel against the central Prometheus, asked directly, and against the
// kernel's own count of each function's resident memory (/proc/<pid>/smaps_rollup). Used by
// dashboard.e2e.mjs. The PromQL is written out again here (docs/observability.md lists the
// page's), so a wrong query on the page shows as a difference.
import { readdirSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { expect } from './e2e-kit.mjs';

const MIB = 1024 * 1024;

// How far a figure on screen may be from what it is compared with, and why. Every figure on the
// panel is an instant query at the time its cell names (data-at). A gauge on screen is the newest
// sample the central Prometheus had when the page asked; samples scraped just before that time
// may still have been on their way (the locker's Prometheus scrapes, then the central one
// federates, each every scrape interval), so a gauge is compared with each sample of its series
// in the LAG_SCRAPES intervals up to that time and must be that close to one of them: the
// screen's rounding (0.1 MiB below 100 MiB, 1 MiB above), and for RSS the 5 % the issue asks.
// Figures worked out over a window (the GC share over 5 min, the restarts) are compared with the
// same query at the same time: the GC share within 0.3 percentage points and 10 % (one sample
// more or less in its 5 min window; the screen shows one decimal), the restarts and the limits
// exactly. The kernel: RSS on screen within 5 % of smaps_rollup's Rss read now, seconds after the
// scrape (the line; a JVM's RSS moves little between two scrapes).
const LAG_SCRAPES = 4;
export const MEMORY_TOLERANCE = {
  rss: 0.05,
  heapUsed: 0,
  heapMax: 0,
  metaspace: 0,
  gcShare: { relative: 0.10, absolute: 0.003 },
  limitShare: { relative: 0.05, absolute: 0.006 },
  lockerRss: 0.05,
  available: 0.05,
  kernel: 0.05,
};

/** The page's memory PromQL for one locker (src/lib/queries.ts), written out again. */
function memoryPromQL(locker, rangeSeconds) {
  const fn = (metric, extra = '') => `${metric}{locker="${locker}",job="functions"${extra}}`;
  return {
    limit: 'cacifo:function_memory_limit_bytes',
    limitShare: `max by (function) (${fn('process_resident_memory_bytes')}) / on (function) group_left cacifo:function_memory_limit_bytes`,
    gcShare: `sum by (function) (rate(${fn('jvm_gc_collection_seconds_sum')}[300s]))`,
    restarts: `max by (function) (changes(${fn('process_start_time_seconds')}[${rangeSeconds}s]))`,
    lockerRss: `sum(${fn('process_resident_memory_bytes')})`,
    total: `max(cacifo_machine_memory_total_bytes{locker="${locker}",job="functions"})`,
    available: `min(cacifo_machine_memory_available_bytes{locker="${locker}",job="functions"})`,
    // Gauges, read as their raw samples before the time asked.
    samples: {
      rss: fn('process_resident_memory_bytes'),
      heapUsed: fn('jvm_memory_used_bytes', ',area="heap"'),
      heapMax: fn('jvm_memory_max_bytes', ',area="heap"'),
      metaspace: fn('jvm_memory_pool_used_bytes', ',pool="Metaspace"'),
      threads: fn('jvm_threads_current'),
      handlerBusy: fn('cacifo_handler_threads_busy'),
      handlerThreads: fn('cacifo_handler_threads'),
      queueWaiting: fn('cacifo_handler_queue_waiting'),
      queueCapacity: fn('cacifo_handler_queue_capacity'),
      startTime: fn('process_start_time_seconds'),
    },
  };
}

/** `72.4 MiB` → bytes, `75 %` → 0.75, `17` → 17, `1 / 4` → [1, 4]; null for `–`. */
function readCell(text) {
  if (text === '–') {
    return null;
  }
  const mib = /^([0-9.]+) MiB$/.exec(text);
  if (mib) {
    return Number(mib[1]) * MIB;
  }
  const percent = /^([0-9.]+) %$/.exec(text);
  if (percent) {
    return Number(percent[1]) / 100;
  }
  const pair = /^(\d+|–) \/ (\d+|–)$/.exec(text);
  if (pair) {
    return pair.slice(1).map((part) => (part === '–' ? null : Number(part)));
  }
  expect(/^\d+$/.test(text), `a memory cell reads "${text}", not a figure`);
  return Number(text);
}

/** The screen's rounding of a MiB figure: 0.05 MiB below 100 MiB (one decimal), 0.5 MiB above. */
const mibRounding = (bytes) => (bytes < 100 * MIB ? 0.05 : 0.5) * MIB * 1.01;

/** The resident set (kB → bytes) of each process of this devstack's functions, by function, from smaps_rollup. */
function kernelRss(state) {
  const secrets = realpathSync(path.join(state, 'secrets'));
  const found = {};
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      // The devstack gives each function its own secrets folder, <state>/secrets/<function>: that
      // tells this devstack's functions from another's on the same machine.
      const secretsDir = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').find((entry) => entry.startsWith('secrets_dir='));
      if (secretsDir === undefined) {
        continue;
      }
      const dir = realpathSync(secretsDir.slice('secrets_dir='.length));
      if (path.dirname(dir) !== secrets) {
        continue;
      }
      const rss = /^Rss:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
      if (rss) {
        found[path.basename(dir)] = { pid: Number(pid), rss: Number(rss[1]) * 1024 };
      }
    } catch {
      // A process that ended while read, or another user's: not one of ours.
    }
  }
  return found;
}

/**
 * One reading of locker-001's memory panel against the central Prometheus and the kernel. Gives
 * what was compared; throws with every difference beyond MEMORY_TOLERANCE.
 */
export async function compareMemory({ page, promQuery, locker, rangeSeconds, scrapeSeconds, state }) {
  const rows = await page.locator('[data-testid=memory-table] tbody tr[data-function]').evaluateAll((trs) => trs.map((tr) => ({
    fn: tr.dataset.function,
    cells: Object.fromEntries([...tr.querySelectorAll('td[data-column]')].map((td) => [td.dataset.column,
      { text: td.textContent, at: td.dataset.at === undefined ? null : Number(td.dataset.at), start: td.dataset.start }])),
  })));
  const line = await page.locator('[data-testid=memory-locker]').evaluate((p) => ({
    at: p.dataset.at === undefined ? null : Number(p.dataset.at),
    figures: Object.fromEntries([...p.querySelectorAll('[data-figure]')].map((el) => [el.dataset.figure, el.textContent])),
  }));
  expect(rows.length > 0, 'the memory table has no rows');
  const queries = memoryPromQL(locker, rangeSeconds);
  const differences = [];
  const compared = {};
  const cache = new Map();
  const ask = async (query, time) => {
    const key = `${query}@${time}`;
    if (!cache.has(key)) {
      cache.set(key, await promQuery(query, time));
    }
    return cache.get(key);
  };
  const byFunction = (result, fn) => result.filter((item) => item.metric.function === fn);
  /** Every sample of `figure`'s series for `fn` in the lag before `at`. */
  const samplesBefore = async (figure, fn, at) => byFunction(await ask(`${queries.samples[figure]}[${LAG_SCRAPES * scrapeSeconds}s]`, at), fn)
    .flatMap((item) => item.values.map(([, value]) => Number(value)));
  const instant = async (query, fn, at) => {
    const [item] = byFunction(await ask(query, at), fn);
    return item === undefined ? null : Number(item.value[1]);
  };
  const near = (shown, wanted, { relative = 0, absolute = 0 }) => Math.abs(shown - wanted) <= absolute + relative * Math.abs(wanted);
  const kernel = kernelRss(state);

  for (const { fn, cells } of rows) {
    const result = {};
    compared[fn] = result;
    const at = cells.rss.at ?? Math.floor(Date.now() / 1000);
    const check = (figure, shown, wanted, close) => {
      result[figure] = { shown, wanted };
      if (!close) {
        differences.push(`${fn} ${figure}: the page shows ${JSON.stringify(shown)}, wanted ${JSON.stringify(wanted)} at ${at}`);
      }
    };
    // Gauges: the value on screen must be one of the samples just before the time it is from.
    const gauge = async (figure, shown, tolerance) => {
      const candidates = await samplesBefore(figure, fn, at);
      check(figure, shown, candidates, shown === null ? candidates.length === 0
        : candidates.some((wanted) => near(shown, wanted, tolerance)));
    };
    for (const [figure, relative] of [['rss', MEMORY_TOLERANCE.rss], ['heapUsed', MEMORY_TOLERANCE.heapUsed],
      ['heapMax', MEMORY_TOLERANCE.heapMax], ['metaspace', MEMORY_TOLERANCE.metaspace]]) {
      const shown = readCell(cells[figure].text);
      await gauge(figure, shown, { relative, absolute: shown === null ? 0 : mibRounding(shown) });
    }
    await gauge('threads', readCell(cells.threads.text), {});
    const [busy, threads] = readCell(cells.handlerBusy.text) ?? [null, null];
    await gauge('handlerBusy', busy, {});
    await gauge('handlerThreads', threads, {});
    const [waiting, capacity] = readCell(cells.queueWaiting.text) ?? [null, null];
    await gauge('queueWaiting', waiting, {});
    await gauge('queueCapacity', capacity, {});
    await gauge('startTime', cells.startTime.start === undefined ? null : Number(cells.startTime.start), { absolute: 0.001 });

    // Worked out by Prometheus: the same query at the same time.
    const limit = readCell(cells.limit.text);
    const wantedLimit = await instant(queries.limit, fn, at);
    check('limit', limit, wantedLimit, limit === null || wantedLimit === null ? limit === wantedLimit
      : near(limit, wantedLimit, { absolute: mibRounding(limit) }));
    for (const figure of ['limitShare', 'gcShare']) {
      const shown = readCell(cells[figure].text);
      const wanted = await instant(queries[figure], fn, at);
      const usable = wanted === null || !Number.isFinite(wanted) ? null : wanted;
      check(figure, shown, usable, shown === null || usable === null ? shown === usable : near(shown, usable, MEMORY_TOLERANCE[figure]));
    }
    const restarts = readCell(cells.restarts.text);
    const wantedRestarts = await instant(queries.restarts, fn, at);
    check('restarts', restarts, wantedRestarts, restarts === wantedRestarts);

    // The kernel's count for the function's process, where this devstack runs it.
    const rss = readCell(cells.rss.text);
    if (rss !== null && kernel[fn] !== undefined) {
      check('kernel', rss, kernel[fn], near(rss, kernel[fn].rss, { relative: MEMORY_TOLERANCE.kernel }));
    }
  }

  // No function Prometheus has a resident memory for is missing from the table.
  const at = line.at ?? Math.floor(Date.now() / 1000);
  for (const item of await ask(`${queries.samples.rss}[${LAG_SCRAPES * scrapeSeconds}s]`, at)) {
    if (!(item.metric.function in compared)) {
      differences.push(`${item.metric.function}: Prometheus has its resident memory, the table has no row for it`);
    }
  }
  // The functions together against the machine.
  const lockerLine = {};
  for (const [figure, tolerance] of [['lockerRss', MEMORY_TOLERANCE.lockerRss], ['total', 0], ['available', MEMORY_TOLERANCE.available]]) {
    const text = line.figures[figure === 'lockerRss' ? 'rss' : figure];
    const shown = readCell(text);
    const [item] = await ask(queries[figure], at);
    const wanted = item === undefined ? null : Number(item.value[1]);
    lockerLine[figure] = { shown: text, wanted };
    if (shown === null || wanted === null ? shown !== wanted : !near(shown, wanted, { relative: tolerance, absolute: mibRounding(shown) })) {
      differences.push(`the functions together, ${figure}: the page shows ${text}, Prometheus says ${wanted} at ${at}`);
    }
  }
  if (differences.length > 0) {
    throw new Error(differences.join('; '));
  }
  return { functions: compared, locker: lockerLine, kernel };
}
