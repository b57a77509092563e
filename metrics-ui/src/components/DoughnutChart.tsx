// Draws parts of a whole (the doors by state). Only draws.
import type { ChartOptions } from 'chart.js';
import { Doughnut } from 'react-chartjs-2';
import './chartSetup.ts';

export interface Slice {
  label: string;
  value: number;
  color: string;
}

export function DoughnutChart({ slices, label }: { slices: Slice[]; label: string }) {
  const options: ChartOptions<'doughnut'> = {
    animation: false,
    maintainAspectRatio: false,
    cutout: '60%',
    plugins: { legend: { position: 'right', labels: { boxWidth: 12 } } },
  };
  const data = {
    labels: slices.map((s) => s.label),
    datasets: [{ data: slices.map((s) => s.value), backgroundColor: slices.map((s) => s.color), borderWidth: 1 }],
  };
  return (
    <div className="doughnut">
      <Doughnut options={options} data={data} aria-label={label} />
    </div>
  );
}
