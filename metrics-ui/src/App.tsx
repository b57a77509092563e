// The dashboard page: the header's choices, and every panel inside its own error boundary that
// resets when the locker or the range changes. The Doors panel and the test buttons appear only
// when the server runs in demo mode (GET /settings says `ops: true`).
import { useEffect, useState } from 'react';
import { useAPIQuery } from './api/api.ts';
import type { DashboardSettings } from './api/responseTypes.ts';
import { ErrorBoundary } from './components/ErrorBoundary.tsx';
import { formatClock } from './lib/format.ts';
import { ALL_LOCKERS } from './lib/queries.ts';
import { DeployedFunctions } from './panels/DeployedFunctions.tsx';
import { FunctionMetrics } from './panels/FunctionMetrics.tsx';
import { OccupancyPanel } from './panels/OccupancyPanel.tsx';
import { LockerSelect, RangeSelect } from './panels/Selectors.tsx';
import { TestButtons } from './panels/TestButtons.tsx';

/** The current time, moving on every `everyMs`: each tick re-runs the range queries, once per scrape. */
function useNow(everyMs: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (everyMs === null) {
      return undefined;
    }
    const timer = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}

export function App() {
  const settings = useAPIQuery<DashboardSettings>('/settings');
  // Only a dashboard started in demo mode serves /ops; the server says so, the bundle cannot know.
  const ops = settings.data?.ops === true;
  const [locker, setLocker] = useState(ALL_LOCKERS);
  const [rangeSeconds, setRangeSeconds] = useState(3600);
  const scrape = settings.data?.scrape_interval_seconds ?? null;
  const now = useNow(scrape === null ? null : scrape * 1000);
  const resetKeys = [locker, rangeSeconds];

  return (
    <div className="page">
      <header className="top">
        <h1>cacifo lockers</h1>
        <LockerSelect value={locker} onChange={setLocker} refreshMs={(scrape ?? 15) * 1000} />
        <RangeSelect value={rangeSeconds} onChange={setRangeSeconds} />
        <span className="small">{scrape !== null && `refresh every ${scrape} s · ${formatClock(now, true)}`}</span>
      </header>
      {settings.error && <p className="error" role="alert">{settings.error.message}</p>}
      <main className="grid">
        <ErrorBoundary title="Deployed functions" resetKeys={resetKeys}>
          <DeployedFunctions />
        </ErrorBoundary>
        {ops && (
          <ErrorBoundary title="Doors" resetKeys={resetKeys}>
            <OccupancyPanel refreshMs={Math.max(5, scrape ?? 15) * 1000} />
          </ErrorBoundary>
        )}
        {ops && (
          <ErrorBoundary title="Test the locker" resetKeys={resetKeys}>
            <TestButtons />
          </ErrorBoundary>
        )}
        {scrape !== null && (
          <ErrorBoundary title="Function metrics" resetKeys={resetKeys}>
            <FunctionMetrics locker={locker} rangeSeconds={rangeSeconds} nowMs={now} scrapeIntervalSeconds={scrape} />
          </ErrorBoundary>
        )}
      </main>
    </div>
  );
}
