// What the browser tests in this folder share: required settings, a timed log, bounded polling,
// plain assertions, and how Debian's chromium is started.

/** The flags Debian's chromium runs with here: headless in a container, nothing fetched on its own. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run'];

/** The environment variable `name`; without it the test stops at once (exit 2), naming it. */
export function required(name, tag = 'e2e') {
  if (!process.env[name]) {
    console.error(`${tag}: set ${name}`);
    process.exit(2);
  }
  return process.env[name];
}

/** A log whose lines carry `tag` and the seconds since the test started. */
export function logger(tag = 'e2e') {
  const started = Date.now();
  return (message) => console.log(`[${tag} ${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);
}

/** Polls `probe` until it returns a truthy value; fails with `what` and the last value after `ms`. */
export async function until(what, probe, ms) {
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

export function expect(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}
