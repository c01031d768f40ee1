import type { TopLevelSpec } from 'vega-lite';
import { chartText } from './messages';
import { INK, OKABE_ITO } from './palette';
import {
  type ChartInput,
  checkOptions,
  enumOption,
  levelOption,
  num,
  type Row,
  resultRows,
  sizeOption,
  str,
} from './util/input';
import {
  type Meta,
  type MetaOptions,
  metaLookup,
  type QuestionMeta,
  type SurveyMeta,
} from './util/meta';
import {
  checkSelection,
  type QuestionSelection,
  type Selected,
  selectQuestion,
} from './util/select';
import {
  type ChartParts,
  ceilTo,
  type Json,
  levelPercent,
  nText,
  SIZE,
  surveyLine,
  topLevel,
} from './util/spec';
import { formatPercent, printedPercent, textWidth, wrap } from './util/text';

/**
 * Options of {@link shareChart}.
 *
 * @example
 * const meta = { surveys, questions }; // load() of @toplines/data: names the surveys and questions
 * shareChart(rows, { question: 'economic-partners', sort: 'share', mark: 'bar', ...meta }).title.text;
 * // => ['Countries and regions economically important to Japan']
 */
export interface ShareChartOptions extends QuestionSelection, MetaOptions {
  /**
   * Order of the options: `"question"` (default) as the question orders them
   * — its `scale_order` for a scale, else the order of the rows (the
   * source's) — or `"share"`, largest first.
   */
  sort?: 'question' | 'share';
  /** `"point"` (default): a point on its interval; `"bar"`: a bar with an error bar. */
  mark?: 'point' | 'bar';
  /** The confidence level the interval columns were computed at, for the labels. Default `0.95`. */
  level?: number;
  /** Width of the plot area in pixels (the option labels come on top). Default `360`. */
  width?: number;
  /** The title. Default: the question's wording. */
  title?: string;
  /** Lines added under the caption. Default none. */
  notes?: string[];
  /** The share axis' domain, as proportions. Default `[0, m]`, m just past the largest upper bound. */
  domain?: [number, number];
}

/**
 * The interval columns the share and comparison charts need (proportions in
 * [0, 1]), as `withIntervals` of @toplines/data adds them.
 *
 * @example
 * INTERVAL_COLUMNS; // => ['estimate', 'lower', 'upper']
 */
export const INTERVAL_COLUMNS = ['estimate', 'lower', 'upper'] as const;

const LABEL_WIDTH = 210;
const LINE = 13;

/** Wraps option labels for an axis: lines joined by "\n" (see `labelExpr`). Internal. */
export function axisLabel(text: string, width = LABEL_WIDTH): string {
  return wrap(text, width, SIZE.label).join('\n');
}

/** The step of a band axis whose labels have up to `lines` lines. Internal. */
export function bandStep(labels: readonly string[]): number {
  const lines = Math.max(1, ...labels.map((l) => l.split('\n').length));
  return Math.max(30, lines * LINE + 14);
}

/** The labelExpr that turns "\n" in a label into lines. Internal. */
export const LINES_EXPR = "split(datum.label, '\\n')";

/** The y axis of option labels. Internal. */
export function labelAxis(): Json {
  return {
    title: null,
    labelExpr: LINES_EXPR,
    labelLimit: LABEL_WIDTH + 30,
    labelPadding: 8,
    labelFontSize: SIZE.label,
    ticks: false,
    domain: false,
    labelBaseline: 'middle',
    labelLineHeight: LINE,
  };
}

/** Estimated width of the longest wrapped label. Internal. */
export function labelsWidth(labels: readonly string[]): number {
  return Math.max(0, ...labels.flatMap((l) => l.split('\n').map((s) => textWidth(s, SIZE.label))));
}

/** One option as drawn. */
type ShareValue = ReturnType<typeof shareValues>[number];

/** The rows in the order drawn: by share, or by the question's scale order (else as given). */
function orderRows(rows: Row[], sort: 'question' | 'share', scaleOrder: string[] | null): Row[] {
  if (sort === 'share') {
    return [...rows].sort((a, b) => (num(b['estimate']) ?? -1) - (num(a['estimate']) ?? -1));
  }
  if (scaleOrder === null) return rows;
  const rank = (r: Row) => {
    const i = scaleOrder.indexOf(String(r['option']));
    return i === -1 ? scaleOrder.length : i;
  };
  return [...rows].sort((a, b) => rank(a) - rank(b));
}

/** The data of the view: one object per option. */
function shareValues(ordered: readonly Row[]) {
  return ordered.map((r) => {
    const lower = num(r['lower']);
    const upper = num(r['upper']);
    const estimate = num(r['estimate']);
    const hasInterval = lower !== null && upper !== null;
    return {
      option: String(r['option']),
      label: axisLabel(String(r['option'])),
      estimate,
      lower: hasInterval ? lower : null,
      upper: hasInterval ? upper : null,
      text_x: hasInterval ? upper : estimate,
      printed: printedPercent(r),
      interval: hasInterval ? `${formatPercent(lower)} to ${formatPercent(upper)}` : 'none',
      has_interval: hasInterval,
    };
  });
}

/** The caption lines: the survey, the group, the base, multiple response, intervals, qualifiers, nets, source, notes. */
function shareCaption(
  sel: Selected,
  survey: SurveyMeta,
  question: QuestionMeta,
  values: readonly ShareValue[],
  level: number,
  notes: readonly string[],
): string[] {
  const nUsed = num(sel.rows.find((r) => num(r['n_used']) !== null)?.['n_used']);
  const subset = question.base !== null && question.base.toLowerCase() !== 'all respondents';
  const subtitle: string[] = [surveyLine(survey, subset ? survey.n : (nUsed ?? survey.n))];
  if (sel.group !== null && (sel.group.dim !== 'total' || sel.group.value !== 'total')) {
    subtitle.push(chartText.group(sel.group.dim, sel.group.value));
  }
  if (subset && question.base !== null && nUsed === null)
    subtitle.push(chartText.subsetBase(question.base));
  if (subset && question.base !== null && nUsed !== null)
    subtitle.push(chartText.subsetN(question.base, nText(nUsed)));
  if (question.responseType === 'multiple') subtitle.push(chartText.multiple());
  if (values.some((v) => v.has_interval)) subtitle.push(chartText.intervals(level));
  if (values.some((v) => !v.has_interval) && !(subset && nUsed === null))
    subtitle.push(chartText.noInterval());
  if (sel.rows.some((r) => (str(r['qualifier']) ?? 'exact') !== 'exact'))
    subtitle.push(chartText.qualifiers());
  if (sel.netsLeftOut.length > 0) subtitle.push(chartText.nets(sel.netsLeftOut));
  if (sel.multipleSources && sel.sourceId !== null) subtitle.push(chartText.source(sel.sourceId));
  subtitle.push(...notes);
  return subtitle;
}

/**
 * The interval of each row that has one, from `lower` to `upper`: a blue
 * rule, or `mark` (share and comparison charts). Internal.
 */
export function intervalRule(encoding: Json = {}, mark?: Json): Json {
  return {
    transform: [{ filter: 'datum.has_interval' }],
    mark: mark ?? { type: 'rule', color: OKABE_ITO.blue, strokeWidth: 2.5, strokeCap: 'round' },
    encoding: { ...encoding, x: { field: 'lower', type: 'quantitative' }, x2: { field: 'upper' } },
  };
}

/** The figure's point: filled on its interval, hollow where it has none (share and comparison charts). Internal. */
export function hollowPoint(tooltip: Json[]): Json {
  return {
    mark: {
      type: 'point',
      filled: false,
      opacity: 1,
      size: 90,
      strokeWidth: 2,
      color: OKABE_ITO.blue,
    },
    encoding: {
      fill: { condition: { test: 'datum.has_interval', value: OKABE_ITO.blue }, value: 'white' },
      tooltip,
    },
  };
}

/** The layers: the intervals (rules, or error bars over bars), the points or bars, the printed shares. */
function shareLayers(mark: 'point' | 'bar', sort: readonly string[], level: number): Json[] {
  const tooltip = [
    { field: 'option', type: 'nominal', title: 'option' },
    { field: 'printed', type: 'nominal', title: 'reported' },
    { field: 'interval', type: 'nominal', title: `${level}% CI` },
  ];
  const intervalLayer = intervalRule(
    { y: { field: 'label', type: 'nominal', sort } },
    mark === 'bar'
      ? { type: 'errorbar', color: INK, thickness: 1.5, ticks: { size: 8, color: INK } }
      : undefined,
  );
  const pointLayer =
    mark === 'bar'
      ? {
          mark: { type: 'bar', color: OKABE_ITO.skyBlue, height: { band: 0.6 } },
          encoding: { tooltip },
        }
      : hollowPoint(tooltip);
  const textLayer = {
    mark: {
      type: 'text',
      align: 'left',
      baseline: 'middle',
      dx: 9,
      fontSize: SIZE.label,
      color: INK,
    },
    encoding: {
      x: { field: 'text_x', type: 'quantitative' },
      text: { field: 'printed', type: 'nominal' },
    },
  };
  return mark === 'bar'
    ? [pointLayer, intervalLayer, textLayer]
    : [intervalLayer, pointLayer, textLayer];
}

/** Builds the panel of a share chart (also used by smallMultiples). Internal. */
export function sharePanel(
  fn: string,
  rows: Row[],
  options: ShareChartOptions,
  meta: Meta,
): ChartParts & { domainMax: number; selected: Selected } {
  checkSelection(fn, options);
  const sort = enumOption(fn, 'sort', options.sort, ['question', 'share'] as const, 'question');
  const mark = enumOption(fn, 'mark', options.mark, ['point', 'bar'] as const, 'point');
  const level = levelPercent(levelOption(fn, options.level));
  const width = sizeOption(fn, 'width', options.width, 360);
  const sel = selectQuestion(fn, rows, options);
  const survey = meta.survey(sel.surveyId, sel.rows[0]);
  const question = meta.question(sel.surveyId, sel.questionId, sel.rows[0]);
  const values = shareValues(orderRows(sel.rows, sort, question.scaleOrder));
  const subtitle = shareCaption(sel, survey, question, values, level, options.notes ?? []);

  const top = Math.max(0, ...values.map((v) => v.upper ?? v.estimate ?? 0));
  const domainMax = Math.min(1, ceilTo(top + 0.12, 0.1));
  const domain = options.domain ?? [0, domainMax];
  const labels = values.map((v) => v.label);
  const y = { field: 'label', type: 'nominal', sort: labels, axis: labelAxis() };
  const x = {
    field: 'estimate',
    type: 'quantitative',
    scale: { domain, nice: false, zero: true },
    axis: {
      format: '.0%',
      title: chartText.shareAxis(question.responseType === 'multiple'),
      grid: true,
      tickCount: 5,
    },
  };
  const view = {
    data: { values },
    width,
    height: { step: bandStep(labels) },
    encoding: { y, x },
    layer: shareLayers(mark, labels, level),
  };
  const kind = mark === 'bar' ? 'Bar chart' : 'Dot plot';
  const description = [
    `${chartText.describeShare(kind, level)}. ${options.title ?? question.wording ?? sel.questionId}.`,
    `${subtitle[0]}.`,
    `${values
      .map((v) =>
        chartText.describeRow(
          v.option,
          v.printed,
          v.lower === null ? null : formatPercent(v.lower),
          v.upper === null ? null : formatPercent(v.upper),
        ),
      )
      .join('; ')}.`,
  ].join(' ');
  return {
    view,
    title: options.title ?? question.wording ?? chartText.shareTitle(sel.questionId),
    subtitle,
    description,
    textWidth: width + Math.min(LABEL_WIDTH, labelsWidth(labels)) + 50,
    domainMax,
    selected: sel,
  };
}

/** Reads and checks the rows of a share or comparison chart: results with the interval columns. Internal. */
export function intervalRows(fn: string, table: unknown): Row[] {
  return resultRows(fn, table, INTERVAL_COLUMNS);
}

/**
 * Share chart: the options of one question, each as a point on its
 * confidence interval (or a bar with an error bar), with the figure as
 * printed beside it. The caption names the survey, its fieldwork dates and
 * n; a multiple-response question says that respondents could choose several
 * (its shares can sum past 100%); an option whose n is unknown is a hollow
 * point without an interval, and the caption says why.
 *
 * The rows are the `results` layout with the interval columns of
 * `withIntervals` (@toplines/data): `estimate`, `lower`, `upper` (proportions
 * in [0, 1]); `percent`/`percent_text`, `qualifier`, `is_net`, `n_used` are
 * read when present. The input is never changed; nothing is rendered.
 *
 * @param table - rows or an arquero table of one question (or pick one with `question`)
 * @param options - which question, survey, group, source; `sort`, `mark`, `level`, `width`, `title`, `notes`
 * @returns a Vega-Lite spec (v5 and v6)
 * @throws {ChartError} `empty-table`, `missing-column` (e.g. no `lower`: run
 *   `withIntervals` first), `unknown-question`, `mixed-surveys`, `mixed-questions`, `no-rows`, `invalid-option`
 * @example
 * import { load, withIntervals } from '@toplines/data';
 * const { results, surveys, questions } = load();
 * const rows = withIntervals(results, { surveys, questions });
 * const spec = shareChart(rows, { question: 'us-impression', surveys, questions });
 * spec.title.text; // => ['Impression of the United States (favorable / unfavorable)']
 */
export function shareChart(table: ChartInput, options?: ShareChartOptions): TopLevelSpec {
  const fn = 'shareChart';
  const opts = checkOptions(fn, options);
  const rows = intervalRows(fn, table);
  return topLevel(sharePanel(fn, rows, opts, metaLookup(fn, opts)));
}
