// One range query through the one hook, shaped into chart lines: the charts' shared container logic.
import { useAPIQuery } from '../api/api.ts';
import type { MatrixData } from '../api/responseTypes.ts';
import { type ChartData, toChartData } from '../lib/chartData.ts';
import { rangeQueryOfPath, rangeQueryPath } from '../lib/timeRange.ts';

const EMPTY: ChartData = { times: [], series: [] };

/** `query` from start to end every step (null: nothing to ask yet), its values times `scale`. */
export function useRange(query: string | null, start: number, end: number, step: number, scale = 1) {
  const state = useAPIQuery<MatrixData>(query === null ? null : rangeQueryPath({ query, start, end, step }));
  // On the grid the data was asked for: every refresh moves the range, and the last good data
  // stays on screen until the new one comes, which on the new grid would be all gaps.
  const asked = state.dataPath === undefined ? null : rangeQueryOfPath(state.dataPath);
  const data = state.data && asked ? toChartData(state.data.result, asked.start, asked.end, asked.step, scale) : EMPTY;
  return { ...state, chart: data };
}
