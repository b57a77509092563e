// Registers only the Chart.js parts the dashboard draws (tree-shaking keeps the rest out).
import {
  ArcElement, Chart, DoughnutController, Filler, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip,
} from 'chart.js';

Chart.register(LineController, LineElement, PointElement, LinearScale, Filler, Tooltip, Legend, DoughnutController, ArcElement);
