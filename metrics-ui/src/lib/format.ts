// How numbers and times read on the dashboard. Pure, tested in format.test.ts.

export const NO_VALUE = '–';

/** Calls per second: `12/s`, `1.25/s`, `0.033/s`. */
export function formatRate(perSecond: number | null): string {
  if (perSecond === null) {
    return NO_VALUE;
  }
  if (perSecond === 0) {
    return '0/s';
  }
  return `${Number(perSecond.toPrecision(perSecond >= 100 ? 4 : 3))}/s`;
}

/** A share given in percent already: `0 %`, `4.8 %`, `100 %`. */
export function formatPercent(percent: number | null): string {
  if (percent === null) {
    return NO_VALUE;
  }
  return `${Number(percent.toFixed(percent >= 10 || percent === 0 ? 0 : 1))} %`;
}

/** A share from 0 to 1 as a percentage: `0 %`, `4.8 %`, `100 %`. */
export function formatShare(share: number | null): string {
  return formatPercent(share === null ? null : share * 100);
}

/**
 * A share from 0 to 1 that is usually small, such as the time a JVM spends collecting garbage:
 * two significant digits below 1 % (`0.012 %`, `0.35 %`), so a small share never reads as 0;
 * otherwise as {@link formatShare}.
 */
export function formatSmallShare(share: number | null): string {
  if (share === null || share === 0 || share >= 0.01) {
    return formatShare(share);
  }
  return `${Number((share * 100).toPrecision(2))} %`;
}

/** A span of time, rounded down to its largest unit: `45 s`, `2 min`, `3 h`, `2 d`. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) {
    return NO_VALUE;
  }
  const units: [number, string][] = [[86400, 'd'], [3600, 'h'], [60, 'min']];
  for (const [size, unit] of units) {
    if (seconds >= size) {
      return `${Math.floor(seconds / size)} ${unit}`;
    }
  }
  return `${Math.floor(seconds)} s`;
}

/** How long ago a locker was last seen: `3 s ago`, `5 min ago`; `never` without a sample. */
export function formatAge(seconds: number | null): string {
  return seconds === null ? 'never' : `${formatDuration(seconds)} ago`;
}

/** Seconds as people read latency: `4.2 ms`, `250 ms`, `1.5 s`. */
export function formatSeconds(seconds: number | null): string {
  if (seconds === null) {
    return NO_VALUE;
  }
  if (seconds < 1) {
    const ms = seconds * 1000;
    return `${Number(ms.toPrecision(ms >= 100 ? 3 : 2))} ms`;
  }
  return `${Number(seconds.toPrecision(3))} s`;
}

/** A point's time on the axis: `14:05`, with seconds for short ranges (`14:05:30`). */
export function formatClock(ms: number, withSeconds: boolean): string {
  const date = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  const clock = `${two(date.getHours())}:${two(date.getMinutes())}`;
  return withSeconds ? `${clock}:${two(date.getSeconds())}` : clock;
}

/** Bytes in a MiB. */
export const MIB = 1024 * 1024;

/**
 * Bytes in MiB, the unit stack.yaml's limits are written in (a 1 GB Pi): `0.5 MiB`, `73.4 MiB`,
 * `926 MiB`.
 */
export function formatMiB(bytes: number | null): string {
  if (bytes === null) {
    return NO_VALUE;
  }
  const mib = bytes / MIB;
  return `${Number(mib.toFixed(mib >= 100 || mib === 0 ? 0 : 1))} MiB`;
}

/** A count, `–` when unknown: `0`, `12`. */
export function formatCount(count: number | null): string {
  return count === null ? NO_VALUE : String(Math.round(count));
}
