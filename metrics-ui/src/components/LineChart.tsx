// Draws a ChartData: one line per series over time. Only draws: fetching and shaping happen in the
// containers and lib/chartData.ts. The figure's data-nonzero lists the lines above zero, which
// the end-to-end test and a screen reader's summary both use; data-lines lists every line drawn.
import type { ChartOptions } from 'chart.js';
import { Line } from 'react-chartjs-2';
import './chartSetup.ts';
import { type ChartData, isIsolated, nonZeroSeries } from '../lib/chartData.ts';
import { formatClock } from '../lib/format.ts';

interface Props {
  name: string;
  data: ChartData;
  formatValue: (value: number) => string;
  /** Ticks with seconds when the whole range is short. */
  clockWithSeconds: boolean;
  yMax?: number;
}

export function LineChart({ name, data, formatValue, clockWithSeconds, yMax }: Props) {
  const options: ChartOptions<'line'> = {
    animation: false,
    maintainAspectRatio: false,
    parsing: false,
    normalized: true,
    spanGaps: false,
    interaction: { mode: 'nearest', axis: 'x', intersect: false },
    elements: { point: { radius: 0, hitRadius: 6 }, line: { borderWidth: 2, tension: 0 } },
    scales: {
      x: {
        type: 'linear',
        min: data.times[0],
        max: data.times[data.times.length - 1],
        ticks: { maxTicksLimit: 8, callback: (value) => formatClock(Number(value), clockWithSeconds) },
      },
      y: { type: 'linear', beginAtZero: true, max: yMax, ticks: { callback: (value) => formatValue(Number(value)) } },
    },
    plugins: {
      legend: { position: 'bottom', labels: { boxWidth: 12 } },
      tooltip: {
        callbacks: {
          title: (items) => (items[0] ? formatClock(items[0].parsed.x ?? 0, true) : ''),
          label: (item) => `${item.dataset.label}: ${formatValue(item.parsed.y ?? 0)}`,
        },
      },
    },
  };
  const chartData = {
    datasets: data.series.map((series) => ({
      label: series.label,
      borderColor: series.color,
      backgroundColor: series.color,
      data: series.values.map((y, i) => ({ x: data.times[i] ?? 0, y })),
      pointRadius: series.values.map((_, i) => (isIsolated(series.values, i) ? 3 : 0)),
    })),
  };
  const nonZero = nonZeroSeries(data);
  return (
    <figure className="chart" data-chart={name} data-nonzero={nonZero.join(' ')}
      data-lines={data.series.map((series) => series.label).join(' ')}>
      <div className="chart-canvas">
        <Line options={options} data={chartData} aria-label={`${name}: ${nonZero.length ? nonZero.join(', ') : 'no traffic'}`} />
      </div>
    </figure>
  );
}
