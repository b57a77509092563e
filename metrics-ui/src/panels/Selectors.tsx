// The header's choices: which locker (label values of `locker` in the central Prometheus) and
// which time range.
import { useAPIQuery } from '../api/api.ts';
import type { LabelValues } from '../api/responseTypes.ts';
import { ALL_LOCKERS } from '../lib/queries.ts';
import { TIME_RANGES } from '../lib/timeRange.ts';

// Refreshed at the scrape interval, like the charts: a page opened before the central Prometheus
// has federated anything, or a locker added to the fleet, shows up within one scrape.
export function LockerSelect({ value, onChange, refreshMs }: {
  value: string;
  onChange: (locker: string) => void;
  refreshMs: number;
}) {
  const { data, error } = useAPIQuery<LabelValues>('/prometheus/api/v1/label/locker/values', { refreshMs });
  return (
    <label className="select">
      Locker{' '}
      <select value={value} onChange={(event) => onChange(event.target.value)} data-testid="locker-select">
        <option value={ALL_LOCKERS}>all lockers</option>
        {(data ?? []).map((locker) => <option key={locker} value={locker}>{locker}</option>)}
      </select>
      {error && <span className="error small" role="alert"> {error.message}</span>}
    </label>
  );
}

export function RangeSelect({ value, onChange }: { value: number; onChange: (seconds: number) => void }) {
  return (
    <div className="segmented" role="group" aria-label="Time range">
      {TIME_RANGES.map((range) => (
        <button key={range.key} type="button" aria-pressed={range.seconds === value} data-range={range.key}
          onClick={() => onChange(range.seconds)}>
          {range.label}
        </button>
      ))}
    </div>
  );
}
