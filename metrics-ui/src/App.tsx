// The dashboard: the fleet overview first (every locker, one row each), and a locker's own page
// (`?locker=…`, opened by a click on its row; the browser's Back returns). On a locker's page,
// the header's choices and every panel inside its own error boundary that resets when the locker
// or the range changes. The Doors panel and the test buttons appear only when the server runs in
// demo mode (GET /settings says `ops: true`).
import { useCallback, useEffect, useState } from 'react';
import { useAPIQuery } from './api/api.ts';
import type { DashboardSettings } from './api/responseTypes.ts';
import { ErrorBoundary } from './components/ErrorBoundary.tsx';
import { formatClock } from './lib/format.ts';
import { type FleetFilter, NO_FILTER, TROUBLE_FIRST } from './lib/fleetTable.ts';
import { FLEET, searchForView, type View, viewFromSearch } from './lib/view.ts';
import { DeployedFunctions } from './panels/DeployedFunctions.tsx';
import { FleetOverview } from './panels/FleetOverview.tsx';
import { FunctionMetrics } from './panels/FunctionMetrics.tsx';
import { MemoryPanel } from './panels/MemoryPanel.tsx';
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

/** The page the address names, following the browser's Back and Forward. */
function useView(): [View, (view: View) => void] {
  const [view, setView] = useState(() => viewFromSearch(window.location.search));
  useEffect(() => {
    const follow = () => setView(viewFromSearch(window.location.search));
    window.addEventListener('popstate', follow);
    return () => window.removeEventListener('popstate', follow);
  }, []);
  const go = useCallback((next: View) => {
    const { pathname, search, hash } = window.location;
    window.history.pushState(null, '', `${pathname}${searchForView(next, search)}${hash}`);
    setView(next);
  }, []);
  return [view, go];
}

const hrefFor = (locker: string) => `${window.location.pathname}${searchForView({ page: 'locker', locker }, window.location.search)}`;

export function App() {
  const settings = useAPIQuery<DashboardSettings>('/settings');
  // Only a dashboard started in demo mode serves /ops; the server says so, the bundle cannot know.
  const ops = settings.data?.ops === true;
  const [view, go] = useView();
  const [rangeSeconds, setRangeSeconds] = useState(3600);
  const [fleetSort, setFleetSort] = useState(TROUBLE_FIRST);
  const [fleetFilter, setFleetFilter] = useState<FleetFilter>(NO_FILTER);
  const scrape = settings.data?.scrape_interval_seconds ?? null;
  const now = useNow(scrape === null ? null : scrape * 1000);
  const openLocker = useCallback((name: string) => go({ page: 'locker', locker: name }), [go]);

  if (view.page === 'fleet') {
    return (
      <div className="page">
        <header className="top">
          <h1>cacifo lockers: fleet</h1>
          <span className="small">{scrape !== null && `refresh every ${scrape} s · ${formatClock(now, true)}`}</span>
        </header>
        {settings.error && <p className="error" role="alert">{settings.error.message}</p>}
        <main className="grid">
          {scrape !== null && (
            <ErrorBoundary title="Fleet" resetKeys={[]}>
              <FleetOverview scrapeIntervalSeconds={scrape} sort={fleetSort} onSort={setFleetSort} filter={fleetFilter}
                onFilter={setFleetFilter} onOpen={openLocker} hrefFor={hrefFor} />
            </ErrorBoundary>
          )}
        </main>
      </div>
    );
  }

  const locker = view.locker;
  const resetKeys = [locker, rangeSeconds];
  return (
    <div className="page">
      <header className="top">
        <a href={window.location.pathname} data-testid="back-to-fleet" onClick={(event) => {
          event.preventDefault();
          go(FLEET);
        }}>← fleet</a>
        <h1>cacifo lockers</h1>
        <LockerSelect value={locker} onChange={openLocker} refreshMs={(scrape ?? 15) * 1000} />
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
          <ErrorBoundary title="Memory" resetKeys={resetKeys}>
            <MemoryPanel locker={locker} rangeSeconds={rangeSeconds} nowMs={now} scrapeIntervalSeconds={scrape} />
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
