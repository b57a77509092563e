// Container: the functions the locker's gateway has deployed (GET /system/functions, through the
// server-side proxy that adds the gateway's login), refreshed every minute.
import { useAPIQuery } from '../api/api.ts';
import type { FunctionListEntry } from '../api/responseTypes.ts';
import { Panel } from '../components/Panel.tsx';

export const DEPLOYED_REFRESH_MS = 60_000;

export function DeployedFunctions() {
  const { data, error, loading, updatedAt } = useAPIQuery<FunctionListEntry[]>('/api/system/functions', { refreshMs: DEPLOYED_REFRESH_MS });
  const functions = [...(data ?? [])].sort((a, b) => a.name.localeCompare(b.name));
  const ready = functions.filter((f) => f.availableReplicas > 0).length;
  return (
    <Panel title="Deployed functions" loading={loading} error={error} updatedAt={updatedAt}>
      <p className="big-number">
        <span data-testid="deployed-count">{data ? functions.length : '–'}</span>
        {data && <span className="small"> ({ready} ready)</span>}
      </p>
      <ul className="function-list">
        {functions.map((f) => (
          <li key={f.name} className={f.availableReplicas > 0 ? 'ready' : 'down'} title={f.image}>
            {f.name} <span className="small">{f.invocationCount} calls</span>
          </li>
        ))}
      </ul>
    </Panel>
  );
}
