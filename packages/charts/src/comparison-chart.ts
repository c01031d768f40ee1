import { twoProportionTest } from '@toplines/core';
import type { TopLevelSpec } from 'vega-lite';
import { ChartError } from './errors';
import { chartText, errorText, show } from './messages';
import { CATEGORY_COLORS, INK } from './palette';
import {
  axisLabel,
  bandStep,
  hollowPoint,
  intervalRows,
  intervalRule,
  labelAxis,
  labelsWidth,
} from './share-chart';
import {
  type ChartInput,
  checkOptions,
  distinct,
  enumOption,
  levelOption,
  num,
  type Row,
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
import { TOTAL } from './util/select';
import {
  type ChartParts,
  ceilTo,
  type Json,
  levelPercent,
  SIZE,
  surveyLine,
  topLevel,
} from './util/spec';
import { formatPercent, formatPoints, printedPercent } from './util/text';

/**
 * One figure to compare: a row of the table, named by its survey, question
 * and (when the question reports several) option.
 *
 * @example
 * // not run: illustrates the type
 * const item: ComparisonItem = { survey: 'api-2025-jp', question: 'us-relations-current', option: 'good' };
 */
export interface ComparisonItem {
  /** The survey id. */
  survey: string;
  /** The question id. */
  question: string;
  /** The option. Default: the question's only option (an error when it has several). */
  option?: string;
  /** The group. Default `{ dim: 'total', value: 'total' }`. */
  group?: { dim: string; value: string };
  /** The source, when several report the figure. Default: the first row's. */
  source?: string;
  /** The label on the chart. Default: as the `label` option says. */
  label?: string;
}

/**
 * Options of {@link comparisonChart}.
 *
 * @example
 * // not run: a fragment (the items are left out)
 * comparisonChart(rows, { items: [...], layout: 'dumbbell', title: 'Relations are good' });
 */
export interface ComparisonChartOptions extends MetaOptions {
  /** The figures to compare, in the order drawn. Default: every row of the table, in order. */
  items?: readonly ComparisonItem[];
  /**
   * How each figure is labelled: `"survey"` (the survey's name and the
   * option), `"group"` (the group), `"option"`. Default: `"survey"` when the
   * figures come from several surveys, else `"group"` when from several
   * groups, else `"option"`.
   */
  label?: 'survey' | 'group' | 'option';
  /**
   * `"dots"` (default): one line per figure, a point on its interval.
   * `"dumbbell"`: all figures on one line, joined, each in its own colour.
   */
  layout?: 'dots' | 'dumbbell';
  /** The confidence level of the interval columns (for labels) and of the difference of two polls. Default `0.95`. */
  level?: number;
  /** Width of the plot area in pixels. Default `360`. */
  width?: number;
  /** The title. Default: the question's wording when all figures share it, else "One figure across surveys". */
  title?: string;
  /** Lines added under the caption. Default none. */
  notes?: string[];
  /** The share axis' domain, as proportions. Default `[0, m]`, m just past the largest value. */
  domain?: [number, number];
}

const describeItem = (item: ComparisonItem) =>
  `survey ${show(item.survey)}, question ${show(item.question)}${item.option === undefined ? '' : `, option ${show(item.option)}`}`;

/** Picks the row of each item. Internal. */
function itemRows(fn: string, rows: Row[], items: readonly ComparisonItem[]): Row[] {
  return items.map((item) => {
    if (
      item === null ||
      typeof item !== 'object' ||
      typeof item.survey !== 'string' ||
      typeof item.question !== 'string'
    ) {
      throw new ChartError(
        'invalid-option',
        fn,
        errorText.option('items', 'a list of { survey, question, option? }', item),
      );
    }
    const bySurvey = rows.filter((r) => r['survey_id'] === item.survey);
    if (bySurvey.length === 0) {
      throw new ChartError(
        'unknown-survey',
        fn,
        errorText.unknownSurvey(item.survey, distinct(rows, 'survey_id')),
      );
    }
    const byQuestion = bySurvey.filter((r) => r['question_id'] === item.question);
    if (byQuestion.length === 0) {
      throw new ChartError(
        'unknown-question',
        fn,
        errorText.unknownQuestion(item.question, distinct(bySurvey, 'question_id')),
      );
    }
    const group = item.group ?? TOTAL;
    let matches = byQuestion.filter(
      (r) =>
        (r['group_dim'] ?? 'total') === group.dim && (r['group_value'] ?? 'total') === group.value,
    );
    if (item.option !== undefined) matches = matches.filter((r) => r['option'] === item.option);
    if (item.source !== undefined) matches = matches.filter((r) => r['source_id'] === item.source);
    if (matches.length === 0)
      throw new ChartError('no-rows', fn, errorText.noItem(describeItem(item)));
    const options = distinct(matches, 'option');
    if (options.length > 1) {
      throw new ChartError(
        'invalid-option',
        fn,
        errorText.ambiguousItem(describeItem(item), options),
      );
    }
    const row = matches[0] as Row;
    return item.label === undefined ? row : { ...row, __label: item.label };
  });
}

/** One figure chosen: its row, survey, question, option and the name it is drawn under. */
interface Item {
  row: Row;
  survey: SurveyMeta;
  question: QuestionMeta;
  option: string;
  name: string;
}

/** One figure as drawn. */
type Value = ReturnType<typeof comparisonValues>[number];

/** The rows chosen by `items` (or every row), checked. */
function chosenRows(fn: string, rows: Row[], items: unknown): Row[] {
  if (items !== undefined && !Array.isArray(items)) {
    throw new ChartError(
      'invalid-option',
      fn,
      errorText.option('items', 'a list of { survey, question, option? }', items),
    );
  }
  const chosen = items === undefined ? rows : itemRows(fn, rows, items as ComparisonItem[]);
  if (chosen.length === 0) throw new ChartError('no-rows', fn, errorText.noRows('the items'));
  return chosen;
}

/** The figures, each named by its survey, group or option (`label`; default: what differs). */
function comparisonItems(
  fn: string,
  chosen: Row[],
  surveyIds: readonly string[],
  label: unknown,
  meta: Meta,
): Item[] {
  const groupKeys = distinct(
    chosen.map((r) => ({
      k: `${String(r['group_dim'] ?? 'total')}/${String(r['group_value'] ?? 'total')}`,
    })),
    'k',
  );
  const labelBy = enumOption(
    fn,
    'label',
    label,
    ['survey', 'group', 'option'] as const,
    surveyIds.length > 1 ? 'survey' : groupKeys.length > 1 ? 'group' : 'option',
  );
  return chosen.map((r) => {
    const surveyId = String(r['survey_id']);
    const survey = meta.survey(surveyId, r);
    const question = meta.question(surveyId, String(r['question_id']), r);
    const option = String(r['option']);
    const group = `${String(r['group_dim'] ?? 'total')} ${String(r['group_value'] ?? 'total')}`;
    const name =
      str(r['__label']) ??
      (labelBy === 'survey'
        ? `${survey.title}: “${option}”`
        : labelBy === 'group'
          ? group === 'total total'
            ? chartText.allRespondents()
            : group
          : option);
    return { row: r, survey, question, option, name };
  });
}

/** The data of the view: one object per figure. */
function comparisonValues(items: readonly Item[], layout: 'dots' | 'dumbbell') {
  return items.map(({ row, name, option, survey }) => {
    const lower = num(row['lower']);
    const upper = num(row['upper']);
    const estimate = num(row['estimate']);
    const has = lower !== null && upper !== null;
    return {
      name,
      label: axisLabel(name, layout === 'dumbbell' ? 400 : 210),
      survey: survey.title,
      option,
      estimate,
      lower: has ? lower : null,
      upper: has ? upper : null,
      has_interval: has,
      text_x: has ? upper : estimate,
      printed: printedPercent(row),
      interval: has
        ? `${formatPercent(lower)} to ${formatPercent(upper)}`
        : 'none (n not reported)',
      row: '',
    };
  });
}

/** The caption lines of the surveys: every survey's name, dates and n (with each wording when they differ). */
function surveyLines(
  items: readonly Item[],
  wordings: readonly unknown[],
  surveyIds: readonly string[],
): string[] {
  const lines: string[] = [];
  if (wordings.length > 1) {
    lines.push(chartText.wordingsDiffer());
    for (const it of items) {
      const wording = it.question.wording ?? String(it.row['question_id']);
      lines.push(chartText.wordingItem(surveyLine(it.survey), wording, it.option));
    }
    return lines;
  }
  const seen = new Set<string>();
  for (const it of items) {
    if (seen.has(it.survey.id)) continue;
    seen.add(it.survey.id);
    lines.push(
      surveyIds.length > 1 ? chartText.surveyItem(surveyLine(it.survey)) : surveyLine(it.survey),
    );
  }
  return lines;
}

/** Two figures from two surveys: their difference, by core's twoProportionTest (null without both n). */
function differenceLine(items: readonly Item[], levelP: number): string | null {
  const [a, b] = items as [Item, Item];
  const pa = num(a.row['estimate']);
  const pb = num(b.row['estimate']);
  const na = num(a.row['n_used']);
  const nb = num(b.row['n_used']);
  if (pa === null || pb === null || na === null || nb === null) return null;
  const t = twoProportionTest(pa, na, pb, nb, { level: levelP });
  return chartText.difference(
    a.name,
    b.name,
    formatPoints(t.difference),
    formatPoints(t.lower),
    formatPoints(t.upper),
    levelPercent(levelP),
  );
}

/** The view of the `dots` layout: one row per figure, with its interval and printed share. */
function dotsView(values: readonly Value[], x: Json, tooltip: Json[], width: number): Json {
  const sort = values.map((v) => v.label);
  return {
    data: { values },
    width,
    height: { step: bandStep(sort) },
    encoding: { y: { field: 'label', type: 'nominal', sort, axis: labelAxis() }, x },
    layer: [
      intervalRule(),
      hollowPoint(tooltip),
      {
        mark: { type: 'text', align: 'left', baseline: 'middle', dx: 9, color: INK },
        encoding: {
          x: { field: 'text_x', type: 'quantitative' },
          text: { field: 'printed', type: 'nominal' },
        },
      },
    ],
  };
}

/** The view of the `dumbbell` layout: the figures on one line, coloured, printed above and below in turn. */
function dumbbellView(values: readonly Value[], x: Json, tooltip: Json[], width: number): Json {
  const names = values.map((v) => v.name);
  const color = {
    field: 'name',
    type: 'nominal',
    sort: names,
    scale: {
      domain: names,
      range: names.map((_, i) => CATEGORY_COLORS[i % CATEGORY_COLORS.length]),
    },
    legend: { title: null, orient: 'bottom', direction: 'vertical', labelLimit: 600 },
  };
  const estimates = values.map((v) => v.estimate ?? 0);
  return {
    data: { values: values.map((v, i) => ({ ...v, dy: i % 2 === 0 ? -16 : 18 })) },
    width,
    height: 70,
    encoding: { y: { field: 'row', type: 'nominal', axis: null }, x },
    layer: [
      {
        data: { values: [{ from: Math.min(...estimates), to: Math.max(...estimates), row: '' }] },
        mark: { type: 'rule', color: '#cccccc', strokeWidth: 3 },
        encoding: {
          x: { field: 'from', type: 'quantitative' },
          x2: { field: 'to' },
          y: { field: 'row', type: 'nominal', axis: null },
        },
      },
      {
        transform: [{ filter: 'datum.has_interval' }],
        mark: { type: 'rule', strokeWidth: 3, strokeCap: 'round', opacity: 1 },
        encoding: { x: { field: 'lower', type: 'quantitative' }, x2: { field: 'upper' }, color },
      },
      {
        mark: {
          type: 'point',
          filled: true,
          opacity: 1,
          size: 140,
          stroke: 'white',
          strokeWidth: 1.5,
        },
        encoding: { color, tooltip },
      },
      ...[0, 1].map((parity) => ({
        transform: [{ filter: `datum.dy ${parity === 0 ? '<' : '>'} 0` }],
        mark: {
          type: 'text',
          align: 'center',
          baseline: 'middle',
          dy: parity === 0 ? -16 : 18,
          color: INK,
        },
        encoding: { text: { field: 'printed', type: 'nominal' } },
      })),
    ],
  };
}

/** Builds the panel of a comparison chart (also used by smallMultiples). Internal. */
export function comparisonPanel(
  fn: string,
  rows: Row[],
  options: ComparisonChartOptions,
  meta: Meta,
): ChartParts & { domainMax: number } {
  const levelP = levelOption(fn, options.level);
  const level = levelPercent(levelP);
  const width = sizeOption(fn, 'width', options.width, 360);
  const layout = enumOption(fn, 'layout', options.layout, ['dots', 'dumbbell'] as const, 'dots');
  const chosen = chosenRows(fn, rows, options.items);
  const surveyIds = distinct(chosen, 'survey_id').map(String);
  const items = comparisonItems(fn, chosen, surveyIds, options.label, meta);
  const values = comparisonValues(items, layout);

  const wordings = distinct(
    items.map((it) => ({ w: it.question.wording ?? String(it.row['question_id']) })),
    'w',
  );
  const subtitle = surveyLines(items, wordings, surveyIds);
  if (values.some((v) => v.has_interval)) subtitle.push(chartText.intervals(level));
  const missing = items.filter((_, i) => !values[i]?.has_interval).map((it) => it.name);
  if (missing.length > 0) subtitle.push(chartText.noIntervalFor(missing));
  if (chosen.some((r) => (str(r['qualifier']) ?? 'exact') !== 'exact'))
    subtitle.push(chartText.qualifiers());
  const difference =
    items.length === 2 && surveyIds.length === 2 ? differenceLine(items, levelP) : null;
  if (difference !== null) subtitle.push(difference);
  subtitle.push(...(options.notes ?? []));

  const top = Math.max(0, ...values.map((v) => v.upper ?? v.estimate ?? 0));
  const domainMax = Math.min(1, ceilTo(top + 0.12, 0.1));
  const domain = options.domain ?? [0, domainMax];
  const x = {
    field: 'estimate',
    type: 'quantitative',
    scale: { domain, nice: false, zero: true },
    axis: { format: '.0%', title: chartText.shareAxis(false), grid: true, tickCount: 5 },
  };
  const tooltip = [
    { field: 'name', type: 'nominal', title: 'figure' },
    { field: 'printed', type: 'nominal', title: 'reported' },
    { field: 'interval', type: 'nominal', title: `${level}% CI` },
  ];
  const view =
    layout === 'dots'
      ? dotsView(values, x, tooltip, width)
      : dumbbellView(values, x, tooltip, width);
  const same = wordings.length === 1 ? (items[0]?.question.wording ?? null) : null;
  const title = options.title ?? same ?? chartText.comparisonTitle();
  const description = [
    `${layout === 'dots' ? chartText.describeComparison(level) : chartText.describeDumbbell()}. ${title}.`,
    `${values.map((v) => chartText.describeRow(v.name, v.printed, v.lower === null ? null : formatPercent(v.lower), v.upper === null ? null : formatPercent(v.upper))).join('; ')}.`,
  ].join(' ');
  const labelW = layout === 'dots' ? Math.min(240, labelsWidth(values.map((v) => v.label))) : 0;
  return {
    view,
    title,
    subtitle,
    description,
    textWidth: Math.max(width + labelW + 50, SIZE.label * 40),
    domainMax,
  };
}

/**
 * Comparison chart: one figure across surveys, groups or countries — a
 * point on its interval per figure (`layout: 'dots'`), or all on one line,
 * joined (`layout: 'dumbbell'`). The caption names each survey with its
 * fieldwork dates and n; when the questions' wordings differ it says so and
 * quotes each; a figure whose n is unknown is drawn as a point without an
 * interval, and the caption says which and why. For two figures from two
 * surveys with known n, it adds their difference with a Newcombe interval
 * (core's `twoProportionTest`, independent samples).
 *
 * The rows are the `results` layout with the columns of `withIntervals`.
 *
 * @param table - rows or an arquero table holding the figures (pick them with `items`)
 * @param options - `items`, `label`, `layout`, `level`, `width`, `title`, `notes`
 * @returns a Vega-Lite spec (v5 and v6)
 * @throws {ChartError} `unknown-survey`, `unknown-question`, `no-rows`, `invalid-option` (an item matching several options), `missing-column`, `empty-table`
 * @example
 * // "relations are good": 85.5% (Cabinet Secretariat, late 2024) vs 42.4% (API, Aug 2025)
 * const spec = comparisonChart(withIntervals(results, { surveys, questions }), {
 *   items: [
 *     { survey: 'cabinet-secretariat-2024-10', question: 'relations-assessment' },
 *     { survey: 'api-2025-jp', question: 'us-relations-current', option: 'good' },
 *   ],
 *   surveys,
 *   questions,
 * });
 * spec.title.text; // => ['One figure across surveys']
 */
export function comparisonChart(table: ChartInput, options?: ComparisonChartOptions): TopLevelSpec {
  const fn = 'comparisonChart';
  const opts = checkOptions(fn, options);
  const rows = intervalRows(fn, table);
  return topLevel(comparisonPanel(fn, rows, opts, metaLookup(fn, opts)));
}
