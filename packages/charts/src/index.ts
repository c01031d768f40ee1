// @toplines/charts: Vega-Lite spec builders that put the uncertainty on the
// chart. Re-exports only. No vega, no resvg, no node: imports here — the
// renderer lives in ./render.ts (`@toplines/charts/render`).

export {
  type ComparisonChartOptions,
  type ComparisonItem,
  comparisonChart,
} from './comparison-chart';
export { type DivergingChartOptions, divergingChart } from './diverging-chart';
export { ChartError, type ChartErrorCode } from './errors';
export { type LeadChartOptions, leadChart } from './lead-chart';
export { type MarginCurveOptions, marginCurve } from './margin-curve';
export { CATEGORY_COLORS, INK, MUTED, OKABE_ITO } from './palette';
export { INTERVAL_COLUMNS, type ShareChartOptions, shareChart } from './share-chart';
export { type SmallMultiplesOptions, smallMultiples } from './small-multiples';
export { type TrendChartOptions, type TrendPooled, trendChart } from './trend-chart';
export type { ChartInput } from './util/input';
export type { MetaOptions } from './util/meta';
export type { QuestionSelection } from './util/select';
export { chartConfig, FONT, SCHEMA_URL } from './util/spec';
