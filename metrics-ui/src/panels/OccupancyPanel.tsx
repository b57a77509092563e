// Container: the locker's doors by state and its open alarms (door-manager `occupancy`, signed on
// the server side by the back-end tool; demo mode only, App.tsx).
import { useAPIQuery } from '../api/api.ts';
import type { Occupancy } from '../api/responseTypes.ts';
import { DoughnutChart } from '../components/DoughnutChart.tsx';
import { Panel } from '../components/Panel.tsx';

export function OccupancyPanel({ refreshMs }: { refreshMs: number }) {
  const { data, error, loading, updatedAt } = useAPIQuery<Occupancy>('/ops/occupancy', { refreshMs });
  return (
    <Panel title="Doors" loading={loading} error={error} updatedAt={updatedAt} testId="occupancy">
      {data && (
        <>
          <p className={data.open_alarms > 0 ? 'alarm' : 'calm'} data-testid="open-alarms">
            {data.open_alarms === 0 ? 'No open alarms' : `${data.open_alarms} open alarm${data.open_alarms === 1 ? '' : 's'}`}
          </p>
          <DoughnutChart label="Doors by state" slices={[
            { label: `free ${data.free}`, value: data.free, color: '#2ca02c' },
            { label: `occupied ${data.occupied}`, value: data.occupied, color: '#1f77b4' },
            { label: `out of service ${data.out_of_service}`, value: data.out_of_service, color: '#7f7f7f' },
          ]} />
          <table className="numbers">
            <thead><tr><th>size</th><th>total</th><th>free</th><th>occupied</th><th>out</th></tr></thead>
            <tbody>
              {Object.entries(data.by_size).map(([size, counts]) => (
                <tr key={size}>
                  <th scope="row">{size.toLowerCase().replace('_', ' ')}</th>
                  <td>{counts.total}</td><td>{counts.free}</td><td>{counts.occupied}</td><td>{counts.out_of_service}</td>
                </tr>
              ))}
              <tr className="total" data-testid="occupancy-total" data-total={data.total} data-occupied={data.occupied}>
                <th scope="row">all</th><td>{data.total}</td><td>{data.free}</td><td>{data.occupied}</td><td>{data.out_of_service}</td>
              </tr>
            </tbody>
          </table>
        </>
      )}
    </Panel>
  );
}
