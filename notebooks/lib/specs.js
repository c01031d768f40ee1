// Vega-Lite specs the charts package does not have (simulations, paired
// differences of check-all questions, generic curves), styled like
// @toplines/charts — its own `chartConfig()` (Inter, quiet axes, a
// left-aligned title with the source in the subtitle), its colours — with a
// `description` for screen readers, and `$schema` v5 (JupyterLab and VS Code
// render only the v5 MIME type).
//
// Plain JavaScript (ES module) so that the notebooks (Deno) and the docs'
// image script (Node 20, which cannot run TypeScript) share it.
import {
  CATEGORY_COLORS,
  chartConfig,
  INK,
  MUTED,
  OKABE_ITO,
  SCHEMA_URL,
} from '@toplines/charts';

function top(view, { title, subtitle = [], description, width, height }) {
  return {
    $schema: SCHEMA_URL,
    description,
    title: { text: title, subtitle },
    background: 'white',
    padding: 12,
    config: chartConfig(),
    ...(width === undefined ? {} : { width }),
    ...(height === undefined ? {} : { height }),
    ...view,
  };
}

/** Axis labels of a difference of proportions in signed percentage points: +10, 0, −5. */
const POINTS_LABEL =
  "datum.value === 0 ? '0' : (datum.value > 0 ? '+' : '−') + format(abs(datum.value) * 100, '.0f')";

const pctAxis = (title, extra = {}) => ({ title, format: '.0%', ...extra });

/**
 * Simulated polls, one interval each, coloured by whether it covers the
 * true value (a vertical rule).
 *
 * @param rows - `{ poll, estimate, lower, upper, covers }` (proportions; poll a number)
 * @param options - `truth`, `title`, `subtitle`, `description`, `width`, `height`, `domain`
 */
export function coverageChart(rows, options) {
  const { truth, domain } = options;
  const x = {
    type: 'quantitative',
    axis: pctAxis('Share (each line: one simulated poll and its 95% interval)'),
    scale: { domain: domain ?? [truth - 0.08, truth + 0.08], zero: false, clamp: true },
  };
  const color = {
    field: 'covers',
    type: 'nominal',
    title: null,
    scale: {
      domain: ['covers the true share', 'misses it'],
      range: [OKABE_ITO.skyBlue, OKABE_ITO.vermillion],
    },
  };
  return top(
    {
      layer: [
        {
          data: { values: rows },
          mark: { type: 'rule', strokeWidth: 1.5 },
          encoding: {
            y: { field: 'poll', type: 'ordinal', axis: null },
            x: { field: 'lower', ...x },
            x2: { field: 'upper' },
            color,
          },
        },
        {
          data: { values: rows },
          mark: { type: 'point', filled: true, size: 10 },
          encoding: {
            y: { field: 'poll', type: 'ordinal', axis: null },
            x: { field: 'estimate', ...x },
            color,
          },
        },
        {
          data: { values: [{ truth }] },
          mark: { type: 'rule', color: INK, strokeWidth: 1.5, strokeDash: [4, 3] },
          encoding: { x: { field: 'truth', type: 'quantitative' } },
        },
      ],
    },
    { width: options.width ?? 420, height: options.height ?? 360, ...options },
  );
}

/**
 * Differences between two options of a check-all question when the overlap
 * is unknown: the conservative interval (thick, light) and the liberal one
 * (thin, dark) around the difference, with a zero line.
 *
 * @param rows - `{ pair, difference, lower, upper, lower_liberal, upper_liberal }` (proportions)
 */
export function pairedChart(rows, options) {
  const y = {
    field: 'pair',
    type: 'nominal',
    sort: null,
    title: null,
    axis: { labelLimit: 260 },
  };
  const x = (field, title) => ({
    field,
    type: 'quantitative',
    ...(title === undefined ? {} : { axis: { title, labelExpr: POINTS_LABEL } }),
  });
  return top(
    {
      data: { values: rows },
      layer: [
        {
          mark: { type: 'rule', strokeWidth: 9, color: '#c9dff0' },
          encoding: {
            y,
            x: x('lower', 'Difference, percentage points (light: smallest overlap; dark: largest)'),
            x2: { field: 'upper' },
          },
        },
        {
          mark: { type: 'rule', strokeWidth: 3, color: OKABE_ITO.blue },
          encoding: { y, x: x('lower_liberal'), x2: { field: 'upper_liberal' } },
        },
        {
          mark: { type: 'point', filled: true, size: 40, color: INK },
          encoding: { y, x: x('difference') },
        },
        {
          data: { values: [{ zero: 0 }] },
          mark: { type: 'rule', color: MUTED, strokeDash: [4, 3] },
          encoding: { x: { field: 'zero', type: 'quantitative' } },
        },
      ],
    },
    { width: options.width ?? 380, ...options },
  );
}

/**
 * Lines of y against x, one per series, with optional horizontal reference
 * rules.
 *
 * @param rows - objects with the x, y and series fields
 * @param options - `x`, `y`, `series`, `xTitle`, `yTitle`, `yFormat` ('.0%' default, or
 *   'points' for proportions labelled as percentage points), `xScale` ('linear' or 'log'),
 *   `xDomain`, `xValues` (tick values), `yDomain`, `points` (marks on the line), `rules`
 *   ([{ y, label }]), `title`, `subtitle`, `description`, `width`, `height`
 */
export function lineChart(rows, options) {
  const series = options.series;
  const color =
    series === undefined
      ? { value: OKABE_ITO.blue }
      : {
          field: series,
          type: 'nominal',
          title: null,
          sort: null,
          scale: { range: CATEGORY_COLORS },
        };
  const layers = [
    {
      data: { values: rows },
      mark: { type: 'line', strokeWidth: 2, point: options.points ?? false },
      encoding: {
        x: {
          field: options.x,
          type: 'quantitative',
          title: options.xTitle,
          scale: {
            type: options.xScale ?? 'linear',
            ...(options.xDomain ? { domain: options.xDomain, nice: false } : {}),
          },
          axis: {
            format: options.xFormat ?? ',d',
            ...(options.xValues ? { values: options.xValues } : {}),
          },
        },
        y: {
          field: options.y,
          type: 'quantitative',
          title: options.yTitle,
          axis:
            options.yFormat === 'points'
              ? { labelExpr: "format(datum.value * 100, '.0f')" }
              : { format: options.yFormat ?? '.0%' },
          ...(options.yDomain ? { scale: { domain: options.yDomain } } : {}),
        },
        color,
      },
    },
  ];
  for (const rule of options.rules ?? []) {
    layers.push({
      data: { values: [rule] },
      layer: [
        {
          mark: { type: 'rule', color: MUTED, strokeDash: [4, 3] },
          encoding: { y: { field: 'y', type: 'quantitative' } },
        },
        {
          mark: { type: 'text', align: 'right', dy: -7, color: MUTED, x: 'width' },
          encoding: { y: { field: 'y', type: 'quantitative' }, text: { field: 'label' } },
        },
      ],
    });
  }
  return top(
    { layer: layers },
    { width: options.width ?? 440, height: options.height ?? 240, ...options },
  );
}

/**
 * Histograms of simulated values, one panel (row) per group, on a shared
 * x axis.
 *
 * @param rows - `{ group, value }` (proportions or differences)
 * @param options - `xTitle`, `step` (bin width), `ticks` (axis values), `title`, `subtitle`,
 *   `description`, `format` (default: signed percentage points)
 */
export function histogramChart(rows, options) {
  return top(
    {
      data: { values: rows },
      facet: { row: { field: 'group', type: 'nominal', title: null, sort: null, header: { labelAngle: 0, labelAlign: 'left', labelAnchor: 'start', labelFontSize: 12, labelOrient: 'top' } } },
      spec: {
        width: options.width ?? 440,
        height: options.height ?? 90,
        mark: { type: 'bar', color: OKABE_ITO.blue, opacity: 0.85 },
        encoding: {
          x: {
            field: 'value',
            type: 'quantitative',
            bin: { step: options.step ?? 0.005 },
            title: options.xTitle,
            axis: {
              ...(options.format === undefined
                ? { labelExpr: POINTS_LABEL }
                : { format: options.format }),
              ...(options.ticks === undefined ? {} : { values: options.ticks }),
            },
          },
          y: { aggregate: 'count', type: 'quantitative', title: 'polls' },
        },
      },
      resolve: { scale: { y: 'independent' } },
    },
    { ...options, width: undefined, height: undefined },
  );
}
