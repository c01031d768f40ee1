import type { TopLevelSpec } from 'vega-lite';
import { ChartError } from './errors';
import { chartText, errorText } from './messages';
import { CATEGORY_COLORS, INK, MUTED, OKABE_ITO } from './palette';
import {
  type ChartInput,
  checkOptions,
  levelOption,
  num,
  type Row,
  requireColumns,
  sizeOption,
  str,
  stringOption,
  toRows,
} from './util/input';
import { type Meta, type MetaOptions, metaLookup } from './util/meta';
import { ceilTo, type Json, levelPercent, nText, topLevel } from './util/spec';
import { formatFieldwork, formatPercent, printedPercent } from './util/text';

/**
 * A pooled estimate of the polls (e.g. core's `pollAverage`), drawn as it is
 * given: the chart computes nothing. Proportions in [0, 1].
 *
 * @example
 * // not run: illustrates the type (the fields of core's pollAverage result)
 * const pooled: TrendPooled = { estimate: 0.42, lower: 0.39, upper: 0.45, predictionLower: 0.3, predictionUpper: 0.55 };
 */
export interface TrendPooled {
  /** The pooled share. */
  estimate: number;
  /** Lower bound of its confidence interval. */
  lower: number;
  /** Upper bound of its confidence interval. */
  upper: number;
  /** Lower bound of its prediction interval (where a new poll's true share may fall). */
  predictionLower: number;
  /** Upper bound of its prediction interval. */
  predictionUpper: number;
}

/**
 * Options of {@link trendChart}.
 *
 * @example
 * // not run: a fragment (average from core's pollAverage)
 * trendChart(acrossPolls(results, { construct, surveys, questions }), { pooled: average, title: 'Relations are good' });
 */
export interface TrendChartOptions extends MetaOptions {
  /**
   * The column of each poll's date (YYYY-MM-DD, or YYYY-MM for a month).
   * Default: `date` when the rows have it, else `field_end` (the last day
   * of fieldwork, as `acrossPolls` gives it).
   */
  date?: string;
  /**
   * The column whose values get a colour and a shape each. Default:
   * `organization` when the rows have it, else `survey_id`.
   */
  series?: string;
  /** A pooled estimate to draw as a band across the chart (see {@link TrendPooled}). Default none. */
  pooled?: TrendPooled;
  /** The confidence level of the rows' intervals and of `pooled` (for labels). Default `0.95`. */
  level?: number;
  /** Width of the plot area in pixels. Default `480`. */
  width?: number;
  /** Height of the plot area in pixels. Default `260`. */
  height?: number;
  /** The title. Default: the polls' wording when they share one, else "One measure across polls". */
  title?: string;
  /** Lines added under the caption. Default none. */
  notes?: string[];
  /** The share axis' domain, as proportions. Default `[0, m]`, m just past the largest value. */
  domain?: [number, number];
}

/** One poll as drawn. */
interface Point {
  date: string;
  series: string;
  estimate: number;
  lower: number | null;
  upper: number | null;
  has_interval: boolean;
  printed: string;
  interval: string;
  name: string;
}

const DAY = 86_400_000;

/** A date cell as a UTC time, for YYYY-MM-DD or YYYY-MM; else null. */
function timeOf(value: unknown): number | null {
  const text = str(value);
  if (text === null) return null;
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(text);
  if (m === null) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, m[3] === undefined ? 1 : Number(m[3]));
  return Number.isFinite(t) ? t : null;
}

/** The pooled option, checked: five numbers in [0, 1], in order. */
function pooledOption(fn: string, value: unknown): TrendPooled | null {
  if (value === undefined) return null;
  const expected =
    'an object { estimate, lower, upper, predictionLower, predictionUpper } of proportions in [0, 1] with predictionLower ≤ lower ≤ estimate ≤ upper ≤ predictionUpper';
  if (value === null || typeof value !== 'object') {
    throw new ChartError('invalid-option', fn, errorText.option('pooled', expected, value));
  }
  const v = value as Record<string, unknown>;
  const keys = ['predictionLower', 'lower', 'estimate', 'upper', 'predictionUpper'] as const;
  const xs = keys.map((k) => num(v[k]));
  const ok =
    xs.every((x) => x !== null && x >= 0 && x <= 1) &&
    xs.every((x, i) => i === 0 || (x as number) >= (xs[i - 1] as number));
  if (!ok) throw new ChartError('invalid-option', fn, errorText.option('pooled', expected, value));
  const [predictionLower, lower, estimate, upper, predictionUpper] = xs as number[];
  return {
    estimate: estimate as number,
    lower: lower as number,
    upper: upper as number,
    predictionLower: predictionLower as number,
    predictionUpper: predictionUpper as number,
  };
}

/** A drawn poll's line in the caption, with its wording and answer (quoted when the wordings differ). */
interface PollLine {
  line: string;
  wording: string | null;
  option: string | null;
}

/** The date and series columns (the options, else the defaults the rows allow), checked present with the share and interval columns. */
function trendColumns(
  fn: string,
  rows: Row[],
  opts: TrendChartOptions,
): { dateColumn: string; seriesColumn: string } {
  const has = (c: string) => rows.every((r) => c in r);
  const dateColumn = stringOption(fn, 'date', opts.date) ?? (has('date') ? 'date' : 'field_end');
  const seriesColumn =
    stringOption(fn, 'series', opts.series) ?? (has('organization') ? 'organization' : 'survey_id');
  requireColumns(fn, rows, [dateColumn], errorText.trendHint());
  requireColumns(
    fn,
    rows,
    [has('estimate') ? 'estimate' : 'percent', 'lower', 'upper'],
    errorText.trendHint(),
  );
  return { dateColumn, seriesColumn };
}

/** The polls as drawn (dated, in date order), the names of those without a date or share, and each drawn poll's caption line. */
function trendPoints(
  fn: string,
  rows: Row[],
  dateColumn: string,
  seriesColumn: string,
  meta: Meta,
): { points: Point[]; undated: string[]; lines: PollLine[] } {
  const points: Point[] = [];
  const undated: string[] = [];
  const lines: PollLine[] = [];
  for (const [i, r] of rows.entries()) {
    const surveyId = str(r['survey_id']);
    const survey = surveyId === null ? null : meta.survey(surveyId, r);
    const series = str(r[seriesColumn]) ?? surveyId ?? `row ${i}`;
    const date = str(r[dateColumn]);
    const dateText = date === null ? null : (formatFieldwork(date, null) ?? date);
    const name = survey?.title ?? (dateText === null ? series : `${series} (${dateText})`);
    const estimate =
      num(r['estimate']) ??
      (num(r['percent']) === null ? null : (num(r['percent']) as number) / 100);
    if (estimate === null || date === null || timeOf(date) === null) {
      undated.push(name);
      continue;
    }
    const lower = num(r['lower']);
    const upper = num(r['upper']);
    const withInterval = lower !== null && upper !== null;
    points.push({
      date,
      series,
      estimate,
      lower: withInterval ? lower : null,
      upper: withInterval ? upper : null,
      has_interval: withInterval,
      printed: printedPercent(r),
      interval: withInterval
        ? `${formatPercent(lower)} to ${formatPercent(upper)}`
        : chartText.trendNoN(),
      name,
    });
    const n = num(r['n_used']) ?? survey?.n ?? null;
    lines.push({
      line:
        survey === null
          ? chartText.trendRowLine(series, dateText ?? date, nText(n))
          : chartText.trendPollLine(
              name,
              formatFieldwork(survey.fieldStart, survey.fieldEnd),
              nText(withInterval ? n : null),
            ),
      wording:
        str(r['wording']) ??
        (surveyId === null
          ? null
          : meta.question(surveyId, String(r['question_id'] ?? ''), r).wording),
      option: str(r['option']),
    });
  }
  if (points.length === 0) throw new ChartError('no-rows', fn, errorText.noDatedRows(dateColumn));
  points.sort((a, b) => (timeOf(a.date) as number) - (timeOf(b.date) as number));
  return { points, undated, lines };
}

/** The caption lines: the polls (with their wordings when they differ), then what the marks mean, the pooled band, the notes. */
function trendCaption(
  rows: readonly Row[],
  drawn: { points: readonly Point[]; undated: readonly string[]; lines: readonly PollLine[] },
  wordings: readonly (string | null)[],
  dateColumn: string,
  pooled: TrendPooled | null,
  level: number,
  notes: readonly string[],
): string[] {
  const { points, undated, lines } = drawn;
  const subtitle: string[] = [];
  if (wordings.length > 1) {
    subtitle.push(chartText.wordingsDiffer());
    for (const l of lines) {
      subtitle.push(chartText.wordingItem(l.line, l.wording ?? '?', l.option ?? '?'));
    }
  } else {
    for (const l of lines) subtitle.push(chartText.surveyItem(l.line));
  }
  if (points.some((p) => p.has_interval)) subtitle.push(chartText.intervals(level));
  const hollow = points.filter((p) => !p.has_interval).map((p) => p.name);
  if (hollow.length > 0) subtitle.push(chartText.noIntervalFor(hollow));
  if (undated.length > 0) subtitle.push(chartText.trendUndated(undated, dateColumn));
  if (rows.some((r) => (str(r['qualifier']) ?? 'exact') !== 'exact'))
    subtitle.push(chartText.qualifiers());
  if (pooled !== null) {
    subtitle.push(
      chartText.trendPooled(
        formatPercent(pooled.estimate),
        formatPercent(pooled.lower),
        formatPercent(pooled.upper),
        formatPercent(pooled.predictionLower),
        formatPercent(pooled.predictionUpper),
        level,
      ),
    );
  }
  subtitle.push(...notes);
  return subtitle;
}

/** The scales: a padded time axis (a single poll still gets a readable one) and a share axis from 0, with its domain. */
function trendAxes(
  points: readonly Point[],
  pooled: TrendPooled | null,
  dateColumn: string,
  domainOption: [number, number] | undefined,
): { x: Json; y: Json; domain: number[] } {
  const times = points.map((p) => timeOf(p.date) as number);
  const first = Math.min(...times);
  const last = Math.max(...times);
  const pad = Math.max(45 * DAY, (last - first) * 0.08);
  const months = (last - first + 2 * pad) / (30.44 * DAY);
  const step = months <= 8 ? 1 : months <= 16 ? 2 : months <= 30 ? 3 : months <= 60 ? 6 : 12;
  const top = Math.max(
    0,
    ...points.map((p) => p.upper ?? p.estimate),
    pooled?.predictionUpper ?? 0,
  );
  const domain = domainOption ?? [0, Math.min(1, ceilTo(top + 0.08, 0.1))];
  const x = {
    field: 'date',
    type: 'temporal',
    scale: { type: 'utc', domain: [first - pad, last + pad], nice: false },
    axis: {
      title: dateColumn === 'field_end' ? chartText.trendAxisEnd() : chartText.trendAxis(),
      format: '%b %Y',
      grid: false,
      tickCount: { interval: 'month', step },
      labelAngle: 0,
    },
  };
  const y = {
    field: 'estimate',
    type: 'quantitative',
    scale: { domain, nice: false, zero: true },
    axis: { format: '.0%', title: chartText.shareAxis(false), grid: true, tickCount: 5 },
  };
  return { x, y, domain };
}

/** The colour and shape encodings: one of each per series, in order of first date, with a shared legend. */
function seriesEncodings(points: readonly Point[], width: number): { color: Json; shape: Json } {
  const seriesNames = [...new Set(points.map((p) => p.series))];
  const legend = { title: null, orient: 'bottom', direction: 'vertical', labelLimit: width };
  const color = {
    field: 'series',
    type: 'nominal',
    scale: {
      domain: seriesNames,
      range: seriesNames.map((_, i) => CATEGORY_COLORS[i % CATEGORY_COLORS.length]),
    },
    legend,
  };
  const shapes = ['circle', 'square', 'triangle-up', 'diamond', 'triangle-down', 'cross'];
  const shape = {
    field: 'series',
    type: 'nominal',
    scale: { domain: seriesNames, range: seriesNames.map((_, i) => shapes[i % shapes.length]) },
    legend,
  };
  return { color, shape };
}

/** The pooled band across the plot: its prediction interval pale, its confidence interval dark, the estimate a dashed rule. */
function pooledLayers(pooled: TrendPooled | null, width: number, domain: number[]): Json[] {
  const band = (y1: number, y2: number, opacity: number): Json => ({
    data: { values: [{ lo: y1, hi: y2 }] },
    mark: { type: 'rect', color: OKABE_ITO.skyBlue, opacity },
    encoding: {
      x: { value: 0 },
      x2: { value: width },
      y: { field: 'lo', type: 'quantitative', scale: { domain, nice: false, zero: true } },
      y2: { field: 'hi' },
    },
  });
  return pooled === null
    ? []
    : [
        band(pooled.predictionLower, pooled.predictionUpper, 0.16),
        band(pooled.lower, pooled.upper, 0.34),
        {
          data: { values: [{ pooled: pooled.estimate }] },
          mark: { type: 'rule', color: MUTED, strokeDash: [5, 3], strokeWidth: 1.5 },
          encoding: {
            x: { value: 0 },
            x2: { value: width },
            y: { field: 'pooled', type: 'quantitative' },
          },
        },
      ];
}

/** The polls' layers: the intervals, the filled points, the hollow points (n unknown), the printed figures. */
function pollLayers(points: readonly Point[], width: number, level: number): Json[] {
  const { color, shape } = seriesEncodings(points, width);
  const tooltip = [
    { field: 'name', type: 'nominal', title: 'poll' },
    { field: 'date', type: 'nominal', title: 'date' },
    { field: 'printed', type: 'nominal', title: 'reported' },
    { field: 'interval', type: 'nominal', title: `${level}% CI` },
  ];
  return [
    {
      transform: [{ filter: 'datum.has_interval' }],
      mark: { type: 'rule', strokeWidth: 2.5, strokeCap: 'round' },
      encoding: { y: { field: 'lower', type: 'quantitative' }, y2: { field: 'upper' }, color },
    },
    {
      transform: [{ filter: 'datum.has_interval' }],
      mark: {
        type: 'point',
        filled: true,
        opacity: 1,
        size: 90,
        stroke: 'white',
        strokeWidth: 1,
      },
      encoding: { color, shape, tooltip },
    },
    {
      transform: [{ filter: '!datum.has_interval' }],
      mark: { type: 'point', filled: false, fill: 'white', opacity: 1, size: 90, strokeWidth: 2 },
      encoding: { color, shape, tooltip },
    },
    {
      mark: { type: 'text', align: 'left', baseline: 'middle', dx: 9, color: INK },
      encoding: { text: { field: 'printed', type: 'nominal' } },
    },
  ];
}

/** The screen-reader description: what the chart is, its title, and each poll's share and interval. */
function describeTrend(points: readonly Point[], level: number, title: string): string {
  return [
    `${chartText.describeTrend(points.length, level)}. ${title}.`,
    `${points.map((p) => chartText.describeRow(`${p.name} (${p.date})`, p.printed, p.lower === null ? null : formatPercent(p.lower), p.upper === null ? null : formatPercent(p.upper))).join('; ')}.`,
  ].join(' ');
}

/**
 * Trend chart: one share across polls over time — each poll a point on its
 * confidence interval at its date, coloured and shaped by organisation, with
 * an optional pooled estimate drawn as a band: its confidence interval dark,
 * its prediction interval pale, the estimate a line. The chart computes
 * nothing: the intervals are the rows' `lower` and `upper` (e.g. from
 * `acrossPolls` of @toplines/data, which takes them from `withIntervals`),
 * the pooled band what `options.pooled` gives (e.g. core's `pollAverage`).
 *
 * A poll without an interval (its n is not reported) is a hollow point, and
 * the caption names it; a poll without a date is not drawn, and the caption
 * names it too. When the polls' wordings differ, the caption quotes each,
 * with the answer counted. Rows: those of `acrossPolls`, or plain rows with
 * a date, `estimate` (or `percent`), `lower` and `upper`.
 *
 * @param table - rows or an arquero table, one per poll
 * @param options - `date`, `series`, `pooled`, `level`, `width`, `height`, `title`, `notes`, `domain`
 * @returns a Vega-Lite spec (v5 and v6)
 * @throws {ChartError} `missing-column` without a date, share or interval column;
 *   `no-rows` when no row has a date and a share; `invalid-option`; `empty-table`
 * @example
 * const polls = [
 *   { date: '2025-01-15', organization: 'Poll A', estimate: 0.40, lower: 0.37, upper: 0.43 },
 *   { date: '2025-03-10', organization: 'Poll B', estimate: 0.35, lower: 0.31, upper: 0.39 },
 *   { date: '2025-06-01', organization: 'Poll A', estimate: 0.30, lower: null, upper: null },
 * ];
 * const spec = trendChart(polls, { title: 'A share over time' });
 * spec.title.text; // => ['A share over time']
 * // layers: intervals, filled points, hollow points (n unknown), printed figures
 * spec.layer.length; // => 4
 * spec.title.subtitle.join(' ').includes('No interval for Poll A (1 Jun 2025)'); // => true
 */
export function trendChart(table: ChartInput, options?: TrendChartOptions): TopLevelSpec {
  const fn = 'trendChart';
  const opts = checkOptions(fn, options);
  const rows = toRows(fn, table);
  const level = levelPercent(levelOption(fn, opts.level));
  const width = sizeOption(fn, 'width', opts.width, 480);
  const height = sizeOption(fn, 'height', opts.height, 260);
  const pooled = pooledOption(fn, opts.pooled);
  const { dateColumn, seriesColumn } = trendColumns(fn, rows, opts);
  const meta = metaLookup(fn, opts);
  const drawn = trendPoints(fn, rows, dateColumn, seriesColumn, meta);
  const { points } = drawn;
  const wordings = [...new Set(drawn.lines.map((l) => l.wording))];
  const subtitle = trendCaption(rows, drawn, wordings, dateColumn, pooled, level, opts.notes ?? []);
  const { x, y, domain } = trendAxes(points, pooled, dateColumn, opts.domain);
  const view: Json = {
    data: { values: points },
    width,
    height,
    encoding: { x, y },
    layer: [...pooledLayers(pooled, width, domain), ...pollLayers(points, width, level)],
  };
  const same = wordings.length === 1 ? (wordings[0] ?? null) : null;
  const title = opts.title ?? same ?? chartText.trendTitle();
  const description = describeTrend(points, level, title);
  return topLevel({ view, title, subtitle, description, textWidth: width + 60 });
}
