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
 * divergingChart(rows, { question: ['trilateral-security-cooperation', 'us-china-restrictions'] });
 * divergingChart(rows, { question: 'defence-spending', middle: 'Maintain current levels' });
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
  const remainder = options.remainder ?? true;
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
  // Surveys: one, shared by all questions.
  const known = distinct(rows, 'question_id');
  for (const q of asked) {
    if (!known.includes(q))
      throw new ChartError('unknown-question', fn, errorText.unknownQuestion(q, known));
  }
  const picked = rows.filter((r) => asked.includes(String(r['question_id'])));
  const { surveyId } = selectQuestionRows(
    fn,
    picked.filter((r) => r['question_id'] === asked[0]),
    undefined,
    options.survey,
  );
  const inSurvey = picked.filter((r) => r['survey_id'] === surveyId);
  const others = distinct(picked, 'survey_id');
  if (options.survey === undefined && others.length > 1) {
    throw new ChartError('mixed-surveys', fn, errorText.mixedSurveys(asked.join(', '), others));
  }
  const survey = meta.survey(surveyId, inSurvey[0]);

  // Bars: (question, group) with their rows.
  const bars: { label: string; rows: Row[]; question: string }[] = [];
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
      grouped.map((r) => ({
        k: `${String(r['group_dim'] ?? 'total')}\u0000${String(r['group_value'] ?? 'total')}`,
      })),
      'k',
    ).map(String);
    for (const g of groups) {
      const gRows = grouped.filter(
        (r) =>
          `${String(r['group_dim'] ?? 'total')}\u0000${String(r['group_value'] ?? 'total')}` === g,
      );
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
  const scale = order as string[];
  const middle =
    options.middle === undefined
      ? scale.length % 2 === 1
        ? (scale[(scale.length - 1) / 2] as string)
        : null
      : options.middle;
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

  const explicitApart = options.nonSubstantive ?? [];
  const apartNames: string[] = [];
  const segments: Segment[] = [];
  const apartSegments: Segment[] = [];
  let maxLeft = 0;
  let maxRight = 0;
  let maxApart = 0;
  for (const bar of bars) {
    const share = new Map<string, Row>();
    const apart: Row[] = [];
    for (const r of bar.rows) {
      const option = String(r['option']);
      if (scale.includes(option)) share.set(option, r);
      else if (explicitApart.includes(option) || NON_SUBSTANTIVE.test(option)) apart.push(r);
      else throw new ChartError('not-a-scale', fn, errorText.notInScale(option, scale));
    }
    const p = (r: Row | undefined) =>
      r === undefined ? 0 : (num(r['estimate']) ?? (num(r['percent']) ?? 0) / 100);
    const half = middle === null ? 0 : p(share.get(middle)) / 2;
    let left = -half;
    for (let i = firstSide.length - 1; i >= 0; i--) {
      const option = firstSide[i] as string;
      const r = share.get(option);
      if (r === undefined) continue;
      segments.push(
        segment(bar.label, option, r, left - p(r), left, colorOf.get(option) as string),
      );
      left -= p(r);
    }
    let right = half;
    if (middle !== null) {
      const r = share.get(middle);
      if (r !== undefined) segments.push(segment(bar.label, middle, r, -half, half, MIDDLE));
    }
    for (const option of secondSide) {
      const r = share.get(option);
      if (r === undefined) continue;
      segments.push(
        segment(bar.label, option, r, right, right + p(r), colorOf.get(option) as string),
      );
      right += p(r);
    }
    maxLeft = Math.max(maxLeft, -left);
    maxRight = Math.max(maxRight, right);
    let x = 0;
    for (const r of apart) {
      const option = String(r['option']);
      if (!apartNames.includes(option)) apartNames.push(option);
      apartSegments.push(
        segment(
          bar.label,
          option,
          r,
          x,
          x + p(r),
          APART[apartNames.indexOf(option) % APART.length] as string,
        ),
      );
      x += p(r);
    }
    const total = [...share.values(), ...apart].reduce((sum, r) => sum + p(r), 0);
    if (remainder && 1 - total > 0.005) {
      const rest = 1 - total;
      apartSegments.push({
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
    maxApart = Math.max(maxApart, x);
  }
  const extent = ceilTo(Math.max(maxLeft, maxRight, 0.1) + 0.001, 0.1);
  const domain = [-extent, extent];
  const unit = width / (2 * extent);
  for (const s of segments)
    s.show_text = (s.x1 - s.x0) * unit >= textWidth(s.printed, SIZE.label) + 6;
  const apartWidth =
    apartSegments.length > 0 ? Math.max(90, Math.round(ceilTo(maxApart, 0.1) * unit)) : 0;
  const apartDomain = [0, ceilTo(maxApart, 0.1)];
  for (const s of apartSegments)
    s.show_text = (s.x1 - s.x0) * unit >= textWidth(s.printed, SIZE.label) + 6;

  const hasRemainder = apartSegments.some((s) => s.option === chartText.notReported());
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
  const color = {
    field: 'option',
    type: 'nominal',
    scale: { domain: legendDomain, range: legendRange },
    legend: {
      title: null,
      orient: 'bottom',
      direction: 'horizontal',
      columns:
        legendWidth > width + apartWidth ? Math.min(3, legendDomain.length) : legendDomain.length,
      symbolType: 'square',
    },
  };
  const sort = bars.map((b) => b.label);
  const step = bandStep(sort);
  const y = { field: 'bar', type: 'nominal', sort, axis: labelAxis() };
  const tooltip = [
    { field: 'bar', type: 'nominal', title: 'bar' },
    { field: 'option', type: 'nominal', title: 'answer' },
    { field: 'printed', type: 'nominal', title: 'share' },
  ];
  const bandHeight = { band: 0.62 };
  const layers = (x: Json, withRule: boolean, yEnc: Json) => [
    ...(withRule
      ? [
          {
            mark: { type: 'rule', color: INK, strokeWidth: 1.5 },
            encoding: { x: { datum: 0, type: 'quantitative' } },
          },
        ]
      : []),
    {
      mark: { type: 'bar', height: bandHeight, stroke: 'white', strokeWidth: 1 },
      encoding: {
        y: yEnc,
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
        y: yEnc,
        x: { field: 'x_mid', type: 'quantitative' },
        text: { field: 'printed', type: 'nominal' },
        color: { condition: { test: "datum.text_color === 'white'", value: 'white' }, value: INK },
      },
    },
  ];
  const main = {
    data: { values: segments },
    width,
    height: { step },
    layer: layers(
      {
        scale: { domain, nice: false },
        axis: {
          title: chartText.divergingAxis(),
          labelExpr: "format(abs(datum.value), '.0%')",
          grid: true,
          tickCount: 6,
        },
      },
      true,
      y,
    ),
  };
  const view: Json =
    apartSegments.length === 0
      ? main
      : {
          hconcat: [
            main,
            {
              data: { values: apartSegments },
              width: apartWidth,
              height: { step },
              layer: layers(
                {
                  scale: { domain: apartDomain, nice: false },
                  axis: { title: chartText.apartAxis(), format: '.0%', grid: true, tickCount: 2 },
                },
                false,
                { ...y, axis: null },
              ),
            },
          ],
          spacing: 16,
          resolve: { scale: { color: 'shared' }, legend: { color: 'shared' } },
        };
  const moes = inSurvey.map((r) => num(r['moe'])).filter((m): m is number => m !== null);
  const subtitle = [surveyLine(survey, num(inSurvey[0]?.['n_used']) ?? survey.n)];
  if (moes.length > 0)
    subtitle.push(chartText.divergingMoe((Math.max(...moes) * 100).toFixed(1), level));
  if (nets.length > 0) subtitle.push(chartText.nets(nets));
  if (hasRemainder) subtitle.push(chartText.remainderNote());
  subtitle.push(...(options.notes ?? []));
  const first = meta.question(surveyId, asked[0] as string);
  const title = options.title ?? first.wording ?? (asked[0] as string);
  const describe = (s: Segment) => `${s.option} ${s.printed}`;
  const description = [
    `${chartText.describeDiverging()}. ${title}.`,
    `${subtitle[0]}.`,
    `${bars
      .map(
        (b) =>
          `${b.label.replace(/\n/g, ' ')}: ${[...segments, ...apartSegments]
            .filter((s) => s.bar === b.label)
            .map(describe)
            .join(', ')}`,
      )
      .join('; ')}.`,
  ].join(' ');
  return {
    view,
    title,
    subtitle,
    description,
    textWidth: width + apartWidth + Math.min(240, labelsWidth(sort)) + 40,
  };
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
 * divergingChart(withIntervals(results, { surveys, questions }), { question: 'japan-nuclear-weapons' });
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
