import { marginOfError } from '@toplines/core';
import type { TopLevelSpec } from 'vega-lite';
import { ChartError } from './errors';
import { chartText, errorText } from './messages';
import { CATEGORY_COLORS, INK } from './palette';
import {
  type ChartInput,
  checkOptions,
  levelOption,
  num,
  type Row,
  requireColumns,
  sizeOption,
  str,
  toRows,
} from './util/input';
import { type Meta, metaLookup, type SurveyMeta } from './util/meta';
import { ceilTo, type Json, levelPercent, surveyLine, topLevel } from './util/spec';
import { formatCount } from './util/text';

/**
 * Options of {@link marginCurve}.
 *
 * @example
 * marginCurve(undefined, { p: 0.3, deff: 1.5, range: [100, 5000] }).title.subtitle[0];
 * // => 'Margin of error at 95% confidence for a share of 30%, design effect 1.5'
 */
export interface MarginCurveOptions {
  /** The share the margin is computed at, in (0, 1). Default `0.5`, the pollster's headline (largest) margin. */
  p?: number;
  /** Confidence level, in (0, 1). Default `0.95`. */
  level?: number;
  /** Design effect, > 0: the margin grows by √deff. Default `1` (simple random sampling). */
  deff?: number;
  /** The range of sample sizes drawn. Default `[100, m]`, m a round number past the largest survey's n (at least 2,000). */
  range?: [number, number];
  /** Width of the plot area in pixels. Default `480`. */
  width?: number;
  /** Height of the plot area in pixels. Default `260`. */
  height?: number;
  /** The title. Default "The margin of error shrinks with the square root of the sample size". */
  title?: string;
  /** Lines added under the caption. Default none. */
  notes?: string[];
}

/** The surveys that report n, as the curve marks them (none without a surveys table). */
function markedSurveys(fn: string, surveys: ChartInput | undefined, meta: Meta): SurveyMeta[] {
  if (surveys === undefined) return [];
  const rows: Row[] = toRows(fn, surveys);
  requireColumns(fn, rows, ['survey_id', 'n'], errorText.surveysHint());
  const marked = rows
    .filter((r) => {
      const n = num(r['n']);
      return n !== null && Number.isInteger(n) && n > 0;
    })
    .map((r) => meta.survey(String(r['survey_id']), r));
  if (marked.length === 0) throw new ChartError('no-rows', fn, errorText.noSurveyN());
  return marked;
}

/** The `range` option, checked; default from 100 to past the largest n. */
function rangeOption(fn: string, range: unknown, ns: readonly number[]): [number, number] {
  const largest = ns.length === 0 ? 0 : Math.max(...ns);
  const value = range ?? [100, Math.max(2000, ceilTo(largest * 1.25, 500))];
  if (
    !Array.isArray(value) ||
    value.length !== 2 ||
    !value.every((v) => typeof v === 'number' && Number.isInteger(v) && v > 0) ||
    !(value[0] < value[1])
  ) {
    throw new ChartError(
      'invalid-option',
      fn,
      errorText.option('range', '[min, max], two integers with 0 < min < max', value),
    );
  }
  return value as [number, number];
}

/** The surveys' points, each labelled with its country (or title when countries repeat), n and margin. */
function surveyPoints(marked: readonly SurveyMeta[], moe: (n: number) => number) {
  const countries = marked.map((s) => s.country);
  const short = (s: SurveyMeta) =>
    s.country !== null && countries.indexOf(s.country) === countries.lastIndexOf(s.country)
      ? s.country
      : s.title;
  return marked.map((s) => ({
    n: s.n,
    moe: moe(s.n as number),
    label: chartText.marginLegend(
      short(s),
      formatCount(s.n as number),
      (moe(s.n as number) * 100).toFixed(1),
    ),
  }));
}

/** The layers: the curve, and a dashed drop line and a point for each survey (if any). */
function marginLayers(
  curve: Json[],
  points: ReturnType<typeof surveyPoints>,
  range: [number, number],
  yMax: number,
): Json[] {
  const labels = points.map((pt) => pt.label);
  const color = {
    field: 'label',
    type: 'nominal',
    sort: labels,
    scale: {
      domain: labels,
      range: labels.map((_, i) => CATEGORY_COLORS[(i + 1) % CATEGORY_COLORS.length]),
    },
    legend: { title: chartText.marginMarked(), orient: 'right', direction: 'vertical' },
  };
  const x = {
    field: 'n',
    type: 'quantitative',
    scale: { domain: range, nice: false },
    axis: { title: chartText.marginAxisX(), format: ',d', grid: true },
  };
  const y = {
    field: 'moe',
    type: 'quantitative',
    scale: { domain: [0, yMax], nice: false },
    axis: { title: chartText.marginAxisY(), format: '.0%', grid: true },
  };
  const line = {
    data: { values: curve },
    mark: { type: 'line', color: INK, strokeWidth: 2, interpolate: 'monotone' },
    encoding: { x, y },
  };
  if (points.length === 0) return [line];
  return [
    line,
    {
      data: { values: points },
      mark: { type: 'rule', strokeDash: [3, 3], strokeWidth: 1.2 },
      encoding: {
        x: { field: 'n', type: 'quantitative' },
        y: { field: 'moe', type: 'quantitative' },
        y2: { datum: 0 },
        color,
      },
    },
    {
      data: { values: points },
      mark: {
        type: 'point',
        filled: true,
        opacity: 1,
        size: 90,
        stroke: 'white',
        strokeWidth: 1,
      },
      encoding: {
        x: { field: 'n', type: 'quantitative' },
        y: { field: 'moe', type: 'quantitative' },
        color,
        tooltip: [{ field: 'label', type: 'nominal', title: 'survey' }],
      },
    },
  ];
}

/** The caption: what the curve is, the teaching line (4× n halves the margin), each survey once, the caveat. */
function marginCaption(
  marked: readonly SurveyMeta[],
  moe: (n: number) => number,
  level: number,
  p: number,
  deff: number,
  notes: readonly string[],
): string[] {
  const nA = 400;
  const nB = 1600;
  const subtitle = [
    chartText.marginSubtitle(level, `${+(p * 100).toFixed(2)}%`, deff),
    chartText.marginTeaching(
      (moe(nA) * 100).toFixed(1),
      formatCount(nA),
      (moe(nB) * 100).toFixed(1),
      formatCount(nB),
    ),
  ];
  const seen = new Set<string>();
  for (const s of marked) {
    const line = surveyLine(s);
    if (!seen.has(line)) subtitle.push(chartText.surveyItem(line));
    seen.add(line);
  }
  subtitle.push(chartText.marginNote(), ...notes);
  return subtitle;
}

/**
 * Margin-of-error curve, the teaching chart: the margin of error of a share
 * against the sample size (core's `marginOfError`), with the n of each
 * survey marked and labelled with its margin — for the surveys of
 * @toplines/data the API samples of 1,037 (Japan), 1,500 (U.S.) and 1,585
 * (South Korea). The caption names the surveys with their fieldwork dates
 * and n, and states that quadrupling n halves the margin.
 *
 * @param surveys - rows or an arquero table of surveys (`survey_id`, `n`;
 *   `title`, `country`, `field_start`, `field_end` when present); those
 *   without n are skipped. Default: none, the curve alone (from n = 100 to
 *   2,000 unless `range` says otherwise).
 * @param options - `p`, `level`, `deff`, `range`, `width`, `height`, `title`, `notes`
 * @returns a Vega-Lite spec (v5 and v6)
 * @throws {ChartError} `empty-table`, `missing-column` (no `n`), `no-rows` (no survey has n), `invalid-option`
 * @example
 * const spec = marginCurve(surveys); // the surveys of @toplines/data: ±3.0 points at n = 1,037
 * spec.title.text; // => ['The margin of error shrinks with the square root of the sample size']
 */
export function marginCurve(surveys?: ChartInput, options?: MarginCurveOptions): TopLevelSpec {
  const fn = 'marginCurve';
  const opts = checkOptions(fn, options);
  const p = opts.p ?? 0.5;
  if (typeof p !== 'number' || !(p > 0 && p < 1)) {
    throw new ChartError(
      'invalid-option',
      fn,
      errorText.option('p', 'a proportion in (0, 1) such as 0.5', p),
    );
  }
  const levelP = levelOption(fn, opts.level);
  const level = levelPercent(levelP);
  const deff = opts.deff ?? 1;
  if (typeof deff !== 'number' || !Number.isFinite(deff) || !(deff > 0)) {
    throw new ChartError(
      'invalid-option',
      fn,
      errorText.option('deff', 'a finite number above 0', deff),
    );
  }
  const width = sizeOption(fn, 'width', opts.width, 480);
  const height = sizeOption(fn, 'height', opts.height, 260);
  const meta = metaLookup(fn, surveys === undefined ? {} : { surveys });
  const marked = markedSurveys(fn, surveys, meta);
  const range = rangeOption(
    fn,
    opts.range,
    marked.map((s) => s.n as number),
  );
  const moe = (n: number) => marginOfError(p, n, { level: levelP, deff });
  const steps = 160;
  const curve: Json[] = [];
  for (let i = 0; i <= steps; i++) {
    // Denser where the curve bends: equal steps in log n.
    const n = Math.round(range[0] * (range[1] / range[0]) ** (i / steps));
    curve.push({ n, moe: moe(n) });
  }
  const points = surveyPoints(marked, moe);
  const yMax = ceilTo(moe(range[0]) * 1.05, 0.01);
  const subtitle = marginCaption(marked, moe, level, p, deff, opts.notes ?? []);
  const title = opts.title ?? chartText.marginTitle();
  const view = { width, height, layer: marginLayers(curve, points, range, yMax) };
  const labels = points.map((pt) => pt.label);
  const marks = labels.length === 0 ? '' : ` ${labels.join('; ')}.`;
  const description = `${chartText.describeMargin()}: ${title}. ${subtitle[0]}.${marks}`;
  const known = str(title) ?? '';
  return topLevel({ view, title: known, subtitle, description, textWidth: width + 260 });
}
