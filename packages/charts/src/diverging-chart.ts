import type { TopLevelSpec } from 'vega-lite';
import { ChartError } from './errors';
import { chartText, errorText } from './messages';
import {
  APART,
  FIRST_POLE,
  INK,
  isDark,
  MIDDLE,
  NOT_REPORTED,
  poleColors,
  SECOND_POLE,
} from './palette';
import { axisLabel, bandStep, labelAxis, labelsWidth } from './share-chart';
import {
  type ChartInput,
  checkOptions,
  distinct,
  enumOption,
  levelOption,
  num,
  type Row,
  requireColumns,
  sizeOption,
  toRows,
} from './util/input';
import { type Meta, type MetaOptions, metaLookup } from './util/meta';
import {
  checkSelection,
  selectGroup,
  selectNets,
  selectQuestionRows,
  selectSource,
  TOTAL,
} from './util/select';
import {
  type ChartParts,
  ceilTo,
  type Json,
  levelPercent,
  SIZE,
  surveyLine,
  topLevel,
} from './util/spec';
import { printedPercent, textWidth } from './util/text';

/**
 * Options of {@link divergingChart}.
 *
 * @example
 * const meta = { surveys, questions }; // load() of @toplines/data: the questions' scale orders and wordings
 * divergingChart(rows, { question: ['trilateral-security-cooperation', 'us-china-restrictions'], ...meta })
 *   .hconcat.length; // => 2
 * divergingChart(rows, { question: 'defence-spending', middle: 'Maintain current levels', ...meta })
 *   .title.text;
 * // => ['What should happen to Japan’s defense expenditures?']
 */
export interface DivergingChartOptions extends MetaOptions {
  /** The question id, or several sharing one scale (one bar each). Default: every question in the rows. */
  question?: string | readonly string[];
  /** The survey id. Default: the only survey in the rows (an error if there are several). */
  survey?: string;
  /** The group. Default `{ dim: 'total', value: 'total' }`; with `by: 'group'`, every group. */
  group?: { dim: string; value: string };
  /** One bar per `"question"` (default) or per `"group"` of one question. */
  by?: 'question' | 'group';
  /** The source, when several report the question. Default: the one reporting the most options. */
  source?: string;
  /** The options from one pole to the other. Default: the question's `scale_order`. */
  order?: readonly string[];
  /**
   * The neutral option, split half each side of zero. Default: the middle
   * option of an odd-length scale; none for an even one. `null` for none.
   */
  middle?: string | null;
  /** Options off the scale (e.g. "don't know"), set apart on the right. Default: options not in the order whose label says don't know, no answer, refused, not sure, no opinion or other. */
  nonSubstantive?: readonly string[];
  /** Set apart the share the source does not account for, as "not reported". Default `true`. */
  remainder?: boolean;
  /** The confidence level of the `moe` column, for the caption. Default `0.95`. */
  level?: number;
  /** Width of the diverging panel in pixels. Default `420`. */
  width?: number;
  /** The title. Default: the question's wording (one question) or the first question's. */
  title?: string;
  /** Lines added under the caption. Default none. */
  notes?: string[];
}

const NON_SUBSTANTIVE =
  /don.?t know|no answer|refused|not sure|no opinion|\bother\b|dk\/na|undecided/i;

interface Segment {
  bar: string;
  option: string;
  share: number;
  x0: number;
  x1: number;
  printed: string;
  text_color: string;
  show_text: boolean;
}

/** A bar of a diverging chart: its label and the rows of its answers. */
interface Bar {
  label: string;
  rows: Row[];
  question: string;
}

/** The scale's two sides around the middle, and the colour of each option. */
interface ScaleSides {
  scale: string[];
  middle: string | null;
  firstSide: string[];
  secondSide: string[];
  colorOf: Map<string, string>;
}

/** The segments of every bar, and how far they reach. */
interface Segments {
  segments: Segment[];
  apartSegments: Segment[];
  apartNames: string[];
  maxLeft: number;
  maxRight: number;
  maxApart: number;
}

/** The question ids asked for (default: every question in the rows), checked. */
function askedQuestions(
  fn: string,
  rows: Row[],
  options: DivergingChartOptions,
  by: 'question' | 'group',
): string[] {
  const asked =
    options.question === undefined
      ? distinct(rows, 'question_id').map(String)
      : typeof options.question === 'string'
        ? [options.question]
        : [...options.question];
  if (asked.length === 0 || asked.some((q) => typeof q !== 'string' || q === '')) {
    throw new ChartError(
      'invalid-option',
      fn,
      errorText.option('question', 'a question id or a list of them', options.question),
    );
  }
  if (by === 'group' && asked.length > 1) {
    throw new ChartError('mixed-questions', fn, errorText.mixedQuestions(asked));
  }
  const known = distinct(rows, 'question_id');
  for (const q of asked) {
    if (!known.includes(q))
      throw new ChartError('unknown-question', fn, errorText.unknownQuestion(q, known));
  }
  return asked;
}

/** The one survey all the questions come from, and its rows of them. */
function divergingSurvey(
  fn: string,
  rows: Row[],
  asked: readonly string[],
  survey: string | undefined,
): { surveyId: string; inSurvey: Row[] } {
  const picked = rows.filter((r) => asked.includes(String(r['question_id'])));
  const { surveyId } = selectQuestionRows(
    fn,
    picked.filter((r) => r['question_id'] === asked[0]),
    undefined,
    survey,
  );
  const inSurvey = picked.filter((r) => r['survey_id'] === surveyId);
  const others = distinct(picked, 'survey_id');
  if (survey === undefined && others.length > 1) {
    throw new ChartError('mixed-surveys', fn, errorText.mixedSurveys(asked.join(', '), others));
  }
  return { surveyId, inSurvey };
}

/** The group key of a row: dim and value. */
const groupOf = (r: Row) =>
  `${String(r['group_dim'] ?? 'total')}\u0000${String(r['group_value'] ?? 'total')}`;

/** The bars — one per question, or per group of one question — the scale they share, and the nets left out. */
function divergingBars(
  fn: string,
  inSurvey: Row[],
  asked: readonly string[],
  surveyId: string,
  options: DivergingChartOptions,
  by: 'question' | 'group',
  meta: Meta,
): { bars: Bar[]; scale: string[]; nets: string[] } {
  const bars: Bar[] = [];
  let order: string[] | null = options.order === undefined ? null : [...options.order];
  let orderOf = '';
  const nets: string[] = [];
  for (const q of asked) {
    const qRows = inSurvey.filter((r) => r['question_id'] === q);
    if (qRows.length === 0)
      throw new ChartError(
        'unknown-question',
        fn,
        errorText.unknownQuestion(q, distinct(inSurvey, 'question_id')),
      );
    const question = meta.question(surveyId, q, qRows[0]);
    const qOrder = options.order === undefined ? question.scaleOrder : [...options.order];
    if (qOrder === null) throw new ChartError('not-a-scale', fn, errorText.notAScale(q));
    if (order === null) {
      order = qOrder;
      orderOf = q;
    } else if (order.join('|') !== qOrder.join('|')) {
      throw new ChartError('mixed-scales', fn, errorText.mixedScales(orderOf, order, q, qOrder));
    }
    const grouped =
      by === 'group'
        ? selectGroup(fn, qRows, options.group ?? null)
        : selectGroup(fn, qRows, options.group ?? TOTAL);
    const groups = distinct(
      grouped.map((r) => ({ k: groupOf(r) })),
      'k',
    ).map(String);
    for (const g of groups) {
      const gRows = grouped.filter((r) => groupOf(r) === g);
      const sourced = selectSource(fn, gRows, options.source);
      const kept = selectNets(sourced.rows, false);
      for (const n of kept.left) if (!nets.includes(n)) nets.push(n);
      const [dim, value] = g.split('\u0000') as [string, string];
      const label =
        by === 'group'
          ? dim === 'total' && value === 'total'
            ? chartText.allRespondents()
            : `${dim} ${value}`
          : asked.length === 1
            ? chartText.allRespondents()
            : (question.wording ?? q);
      bars.push({
        label: axisLabel(label),
        rows: kept.rows.filter((r) => r['is_net'] !== true),
        question: q,
      });
    }
  }
  return { bars, scale: order as string[], nets };
}

/** The middle (checked), the two sides of the scale, and colours running from the middle outwards. */
function scaleSides(
  fn: string,
  scale: string[],
  middleOption: string | null | undefined,
): ScaleSides {
  const middle =
    middleOption === undefined
      ? scale.length % 2 === 1
        ? (scale[(scale.length - 1) / 2] as string)
        : null
      : middleOption;
  if (middle !== null && !scale.includes(middle)) {
    throw new ChartError(
      'invalid-option',
      fn,
      errorText.option(
        'middle',
        `one of the scale's options (${scale.join(' | ')}) or null`,
        middle,
      ),
    );
  }
  const mid = middle === null ? scale.length / 2 : scale.indexOf(middle);
  const firstSide = scale.slice(0, Math.floor(mid));
  const secondSide = scale.slice(middle === null ? mid : mid + 1);
  const colorOf = new Map<string, string>();
  // Colours run from the middle outwards on each side.
  const firstColors = poleColors(FIRST_POLE, firstSide.length);
  const secondColors = poleColors(SECOND_POLE, secondSide.length);
  for (let i = 0; i < firstSide.length; i++) {
    colorOf.set(firstSide[firstSide.length - 1 - i] as string, firstColors[i] as string);
  }
  for (let i = 0; i < secondSide.length; i++) {
    colorOf.set(secondSide[i] as string, secondColors[i] as string);
  }
  if (middle !== null) colorOf.set(middle, MIDDLE);
  return { scale, middle, firstSide, secondSide, colorOf };
}

/** A row's share as a proportion (0 for a missing row). */
const shareOf = (r: Row | undefined) =>
  r === undefined ? 0 : (num(r['estimate']) ?? (num(r['percent']) ?? 0) / 100);

/** One bar's segments on the scale, around zero; returns how far they reach left and right. */
function scaleSegments(
  bar: Bar,
  share: Map<string, Row>,
  sides: ScaleSides,
  out: Segment[],
): { left: number; right: number } {
  const { middle, firstSide, secondSide, colorOf } = sides;
  const half = middle === null ? 0 : shareOf(share.get(middle)) / 2;
  let left = -half;
  for (let i = firstSide.length - 1; i >= 0; i--) {
    const option = firstSide[i] as string;
    const r = share.get(option);
    if (r === undefined) continue;
    out.push(segment(bar.label, option, r, left - shareOf(r), left, colorOf.get(option) as string));
    left -= shareOf(r);
  }
  let right = half;
  if (middle !== null) {
    const r = share.get(middle);
    if (r !== undefined) out.push(segment(bar.label, middle, r, -half, half, MIDDLE));
  }
  for (const option of secondSide) {
    const r = share.get(option);
    if (r === undefined) continue;
    out.push(
      segment(bar.label, option, r, right, right + shareOf(r), colorOf.get(option) as string),
    );
    right += shareOf(r);
  }
  return { left, right };
}

/** One bar's segments set apart: answers off the scale, then what the source does not report. */
function apartSegmentsOf(
  bar: Bar,
  apart: readonly Row[],
  total: number,
  remainder: boolean,
  acc: Segments,
): number {
  let x = 0;
  for (const r of apart) {
    const option = String(r['option']);
    if (!acc.apartNames.includes(option)) acc.apartNames.push(option);
    acc.apartSegments.push(
      segment(
        bar.label,
        option,
        r,
        x,
        x + shareOf(r),
        APART[acc.apartNames.indexOf(option) % APART.length] as string,
      ),
    );
    x += shareOf(r);
  }
  if (remainder && 1 - total > 0.005) {
    const rest = 1 - total;
    acc.apartSegments.push({
      bar: bar.label,
      option: chartText.notReported(),
      share: rest,
      x0: x,
      x1: x + rest,
      printed: `${(rest * 100).toFixed(1)}%`,
      text_color: INK,
      show_text: false,
    });
    x += rest;
  }
  return x;
}

/** Every bar's segments: on the scale, and set apart. */
function divergingSegments(
  fn: string,
  bars: readonly Bar[],
  sides: ScaleSides,
  nonSubstantive: readonly string[],
  remainder: boolean,
): Segments {
  const acc: Segments = {
    segments: [],
    apartSegments: [],
    apartNames: [],
    maxLeft: 0,
    maxRight: 0,
    maxApart: 0,
  };
  for (const bar of bars) {
    const share = new Map<string, Row>();
    const apart: Row[] = [];
    for (const r of bar.rows) {
      const option = String(r['option']);
      if (sides.scale.includes(option)) share.set(option, r);
      else if (nonSubstantive.includes(option) || NON_SUBSTANTIVE.test(option)) apart.push(r);
      else throw new ChartError('not-a-scale', fn, errorText.notInScale(option, sides.scale));
    }
    const { left, right } = scaleSegments(bar, share, sides, acc.segments);
    acc.maxLeft = Math.max(acc.maxLeft, -left);
    acc.maxRight = Math.max(acc.maxRight, right);
    const total = [...share.values(), ...apart].reduce((sum, r) => sum + shareOf(r), 0);
    acc.maxApart = Math.max(acc.maxApart, apartSegmentsOf(bar, apart, total, remainder, acc));
  }
  return acc;
}

/** The colour encoding: the scale's options, those set apart, and "not reported", with its legend. */
function divergingColor(
  sides: ScaleSides,
  segs: Segments,
  hasRemainder: boolean,
  panelsWidth: number,
): Json {
  const { scale, colorOf } = sides;
  const { apartNames } = segs;
  const legendDomain = [
    ...scale,
    ...apartNames,
    ...(hasRemainder ? [chartText.notReported()] : []),
  ];
  const legendRange = legendDomain.map(
    (o) =>
      colorOf.get(o) ??
      (o === chartText.notReported()
        ? NOT_REPORTED
        : (APART[apartNames.indexOf(o) % APART.length] as string)),
  );
  const legendWidth = legendDomain.reduce((w, o) => w + textWidth(o, SIZE.label) + 34, 0);
  return {
    field: 'option',
    type: 'nominal',
    scale: { domain: legendDomain, range: legendRange },
    legend: {
      title: null,
      orient: 'bottom',
      direction: 'horizontal',
      columns: legendWidth > panelsWidth ? Math.min(3, legendDomain.length) : legendDomain.length,
      symbolType: 'square',
    },
  };
}

/** The layers of a panel: the zero rule (the scale's panel), the bars and their printed shares. */
function divergingLayers(x: Json, withRule: boolean, y: Json, color: Json): Json[] {
  const tooltip = [
    { field: 'bar', type: 'nominal', title: 'bar' },
    { field: 'option', type: 'nominal', title: 'answer' },
    { field: 'printed', type: 'nominal', title: 'share' },
  ];
  return [
    ...(withRule
      ? [
          {
            mark: { type: 'rule', color: INK, strokeWidth: 1.5 },
            encoding: { x: { datum: 0, type: 'quantitative' } },
          },
        ]
      : []),
    {
      mark: { type: 'bar', height: { band: 0.62 }, stroke: 'white', strokeWidth: 1 },
      encoding: {
        y,
        x: { field: 'x0', type: 'quantitative', ...x },
        x2: { field: 'x1' },
        color,
        tooltip,
      },
    },
    {
      transform: [
        { filter: 'datum.show_text' },
        { calculate: '(datum.x0 + datum.x1) / 2', as: 'x_mid' },
      ],
      mark: { type: 'text', align: 'center', baseline: 'middle', fontSize: SIZE.label - 0.5 },
      encoding: {
        y,
        x: { field: 'x_mid', type: 'quantitative' },
        text: { field: 'printed', type: 'nominal' },
        color: { condition: { test: "datum.text_color === 'white'", value: 'white' }, value: INK },
      },
    },
  ];
}

/** Whether each segment is wide enough for its printed share, at `unit` pixels per unit. */
function markText(segments: Segment[], unit: number): void {
  for (const s of segments)
    s.show_text = (s.x1 - s.x0) * unit >= textWidth(s.printed, SIZE.label) + 6;
}

/** The view: the diverging panel, and beside it the panel of answers set apart (when any). */
function divergingView(
  bars: readonly Bar[],
  sides: ScaleSides,
  segs: Segments,
  width: number,
): { view: Json; apartWidth: number; hasRemainder: boolean } {
  const { segments, apartSegments, maxLeft, maxRight, maxApart } = segs;
  const extent = ceilTo(Math.max(maxLeft, maxRight, 0.1) + 0.001, 0.1);
  const unit = width / (2 * extent);
  markText(segments, unit);
  const apartWidth =
    apartSegments.length > 0 ? Math.max(90, Math.round(ceilTo(maxApart, 0.1) * unit)) : 0;
  markText(apartSegments, unit);
  const hasRemainder = apartSegments.some((s) => s.option === chartText.notReported());
  const color = divergingColor(sides, segs, hasRemainder, width + apartWidth);
  const sort = bars.map((b) => b.label);
  const step = bandStep(sort);
  const y = { field: 'bar', type: 'nominal', sort, axis: labelAxis() };
  const main = {
    data: { values: segments },
    width,
    height: { step },
    layer: divergingLayers(
      {
        scale: { domain: [-extent, extent], nice: false },
        axis: {
          title: chartText.divergingAxis(),
          labelExpr: "format(abs(datum.value), '.0%')",
          grid: true,
          tickCount: 6,
        },
      },
      true,
      y,
      color,
    ),
  };
  if (apartSegments.length === 0) return { view: main, apartWidth, hasRemainder };
  const apartPanel = {
    data: { values: apartSegments },
    width: apartWidth,
    height: { step },
    layer: divergingLayers(
      {
        scale: { domain: [0, ceilTo(maxApart, 0.1)], nice: false },
        axis: { title: chartText.apartAxis(), format: '.0%', grid: true, tickCount: 2 },
      },
      false,
      { ...y, axis: null },
      color,
    ),
  };
  const view = {
    hconcat: [main, apartPanel],
    spacing: 16,
    resolve: { scale: { color: 'shared' }, legend: { color: 'shared' } },
  };
  return { view, apartWidth, hasRemainder };
}

/** Builds a diverging chart (panels and caption). Internal. */
export function divergingParts(
  fn: string,
  rows: Row[],
  options: DivergingChartOptions,
  meta: Meta,
): ChartParts {
  checkSelection(fn, {
    ...(options.survey === undefined ? {} : { survey: options.survey }),
    ...(options.group === undefined ? {} : { group: options.group }),
  });
  const by = enumOption(fn, 'by', options.by, ['question', 'group'] as const, 'question');
  const level = levelPercent(levelOption(fn, options.level));
  const width = sizeOption(fn, 'width', options.width, 420);
  const asked = askedQuestions(fn, rows, options, by);
  const { surveyId, inSurvey } = divergingSurvey(fn, rows, asked, options.survey);
  const survey = meta.survey(surveyId, inSurvey[0]);
  const { bars, scale, nets } = divergingBars(fn, inSurvey, asked, surveyId, options, by, meta);
  const sides = scaleSides(fn, scale, options.middle);
  const segs = divergingSegments(
    fn,
    bars,
    sides,
    options.nonSubstantive ?? [],
    options.remainder ?? true,
  );
  const { view, apartWidth, hasRemainder } = divergingView(bars, sides, segs, width);

  const moes = inSurvey.map((r) => num(r['moe'])).filter((m): m is number => m !== null);
  const subtitle = [surveyLine(survey, num(inSurvey[0]?.['n_used']) ?? survey.n)];
  if (moes.length > 0)
    subtitle.push(chartText.divergingMoe((Math.max(...moes) * 100).toFixed(1), level));
  if (nets.length > 0) subtitle.push(chartText.nets(nets));
  if (hasRemainder) subtitle.push(chartText.remainderNote());
  subtitle.push(...(options.notes ?? []));
  const first = meta.question(
    surveyId,
    asked[0] as string,
    inSurvey.find((r) => r['question_id'] === asked[0]),
  );
  const title = options.title ?? first.wording ?? (asked[0] as string);
  const sort = bars.map((b) => b.label);
  return {
    view,
    title,
    subtitle,
    description: describeDiverging(title, subtitle, bars, segs),
    textWidth: width + apartWidth + Math.min(240, labelsWidth(sort)) + 40,
  };
}

/** The screen-reader description: what the chart is, the survey, and each bar's shares. */
function describeDiverging(
  title: string,
  subtitle: readonly string[],
  bars: readonly Bar[],
  segs: Segments,
): string {
  const all = [...segs.segments, ...segs.apartSegments];
  const describe = (s: Segment) => `${s.option} ${s.printed}`;
  return [
    `${chartText.describeDiverging()}. ${title}.`,
    `${subtitle[0]}.`,
    `${bars
      .map(
        (b) =>
          `${b.label.replace(/\n/g, ' ')}: ${all
            .filter((s) => s.bar === b.label)
            .map(describe)
            .join(', ')}`,
      )
      .join('; ')}.`,
  ].join(' ');
}

function segment(
  bar: string,
  option: string,
  row: Row,
  x0: number,
  x1: number,
  fill: string,
): Segment {
  return {
    bar,
    option,
    share: x1 - x0,
    x0,
    x1,
    printed: printedPercent(row),
    text_color: isDark(fill) ? 'white' : INK,
    show_text: false,
  };
}

/**
 * Diverging stacked bars: the answers of an ordered scale (strongly favour …
 * strongly oppose) as one bar around zero, the first pole's options to the
 * left and the second's to the right, a neutral middle option split half
 * each side; answers off the scale (don't know, no answer) and the share the
 * source does not report are set apart in a panel of their own, so they
 * neither push the bar nor vanish. Nets are left out (their parts are
 * drawn). Several questions sharing a scale give one bar each; `by:
 * 'group'` gives one bar per group of one question.
 *
 * The order comes from the questions table's `scale_order` (or `order`);
 * colours are a blue–orange diverging ramp, safe for colour-blind readers.
 * The rows need `percent` or `estimate`; a `moe` column (from
 * `withIntervals`) adds the largest margin to the caption.
 *
 * @param table - rows or an arquero table (the `results` layout)
 * @param options - `question`, `survey`, `group`, `by`, `source`, `order`, `middle`, `nonSubstantive`, `remainder`, `level`, `width`, `title`, `notes`
 * @returns a Vega-Lite spec (v5 and v6)
 * @throws {ChartError} `not-a-scale` (no order, or an option not in it), `mixed-scales`, `mixed-surveys`, `unknown-question`, `missing-column`, `empty-table`
 * @example
 * const spec = divergingChart(withIntervals(results, { surveys, questions }), {
 *   question: 'japan-nuclear-weapons',
 *   surveys,
 *   questions,
 * });
 * spec.title.text; // => ['Should Japan possess nuclear weapons independently?']
 * // strongly in favor 8.2 | somewhat in favor 15.5 | 0 | somewhat opposed 19.4 | strongly opposed 43.6; apart: not reported 13.3
 */
export function divergingChart(table: ChartInput, options?: DivergingChartOptions): TopLevelSpec {
  const fn = 'divergingChart';
  const opts = checkOptions(fn, options);
  const rows = toRows(fn, table);
  requireColumns(fn, rows, ['survey_id', 'question_id', 'option'], errorText.resultsHint());
  if (rows.some((r) => !('estimate' in r) && !('percent' in r))) {
    requireColumns(fn, rows, ['estimate'], errorText.intervalHint());
  }
  return topLevel(divergingParts(fn, rows, opts, metaLookup(fn, opts)));
}
