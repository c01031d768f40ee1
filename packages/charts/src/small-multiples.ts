import type { TopLevelSpec } from 'vega-lite';
import { type ComparisonChartOptions, comparisonPanel } from './comparison-chart';
import { type DivergingChartOptions, divergingParts } from './diverging-chart';
import { ChartError } from './errors';
import { type LeadChartOptions, leadPanel, leadRows } from './lead-chart';
import { chartText, errorText } from './messages';
import { intervalRows, type ShareChartOptions, sharePanel } from './share-chart';
import {
  type ChartInput,
  checkOptions,
  distinct,
  enumOption,
  type Row,
  sizeOption,
  toRows,
} from './util/input';
import { type Meta, type MetaOptions, metaLookup } from './util/meta';
import { type ChartParts, type Json, SIZE, topLevel } from './util/spec';
import { wrap } from './util/text';

/**
 * Options of {@link smallMultiples}.
 *
 * @example
 * smallMultiples(rows, { chart: 'share', by: 'question', values: ['trump-tariffs', 'us-china-restrictions'] })
 *   .concat.length; // => 2
 * smallMultiples(rows, { chart: 'comparison', by: 'group', panel: { label: 'option' } }).concat.length;
 * // => 3
 */
export interface SmallMultiplesOptions extends MetaOptions {
  /** Which chart each panel is: `"share"` (default), `"lead"`, `"comparison"`, `"diverging"`. */
  chart?: 'share' | 'lead' | 'comparison' | 'diverging';
  /** What the panels split by: `"group"` (default; `group_dim`/`group_value`), `"question"` or `"survey"`. */
  by?: 'group' | 'question' | 'survey';
  /**
   * The panels, in order: group keys as `"dim/value"` (e.g. `"age/70s"`),
   * question ids or survey ids. Default: every value in the rows, in order.
   */
  values?: readonly string[];
  /** Options of the chart drawn in each panel (its `question`, `sort`, `level`…). Default none. */
  panel?: ShareChartOptions | LeadChartOptions | ComparisonChartOptions | DivergingChartOptions;
  /** Panels per row. Default `2`. */
  columns?: number;
  /** Width of each panel's plot area in pixels. Default `260`. */
  width?: number;
  /** The title. Default: the first panel's title, ", by …". */
  title?: string;
  /** Lines added under the caption. Default none. */
  notes?: string[];
}

const keyOf: Record<'group' | 'question' | 'survey', (r: Row) => string> = {
  group: (r) => `${String(r['group_dim'] ?? 'total')}/${String(r['group_value'] ?? 'total')}`,
  question: (r) => String(r['question_id']),
  survey: (r) => String(r['survey_id']),
};

type By = 'group' | 'question' | 'survey';
type PanelChart = 'share' | 'lead' | 'comparison' | 'diverging';

/** The rows of the chart drawn in the panels, read and checked by its builder's reader. */
function panelRows(fn: string, table: unknown, chart: PanelChart): Row[] {
  if (chart === 'lead') return leadRows(fn, table);
  if (chart === 'diverging') return toRows(fn, table);
  return intervalRows(fn, table);
}

/** The panels' keys: `values`, each checked against the rows, or every key in the rows. */
function panelKeys(
  fn: string,
  rows: readonly Row[],
  by: By,
  values: readonly string[] | undefined,
) {
  const allKeys = distinct(
    rows.map((r) => ({ k: keyOf[by](r) })),
    'k',
  ).map(String);
  const keys = values === undefined ? allKeys : [...values];
  for (const k of keys) {
    if (!allKeys.includes(k)) {
      const code =
        by === 'question' ? 'unknown-question' : by === 'survey' ? 'unknown-survey' : 'no-rows';
      const message =
        by === 'question'
          ? errorText.unknownQuestion(k, allKeys)
          : by === 'survey'
            ? errorText.unknownSurvey(k, allKeys)
            : errorText.noGroup(k.split('/')[0] ?? k, k.split('/').slice(1).join('/'), allKeys);
      throw new ChartError(code, fn, message);
    }
  }
  return keys;
}

/** The options that choose one panel's rows. */
function selection(by: By, key: string): Record<string, unknown> {
  if (by === 'question') return { question: key };
  if (by === 'survey') return { survey: key };
  const [dim, ...rest] = key.split('/');
  return { group: { dim, value: rest.join('/') } };
}

/** One panel: the chart's panel builder on the rows of one key, with a shared domain when given. */
function buildPanel(
  fn: string,
  chart: Exclude<PanelChart, 'diverging'>,
  rows: readonly Row[],
  by: By,
  key: string,
  options: Record<string, unknown>,
  meta: Meta,
  domain?: [number, number],
): ChartParts & { domain: [number, number] } {
  const panelRows = rows.filter((r) => keyOf[by](r) === key);
  const o: Record<string, unknown> = {
    ...options,
    ...selection(by, key),
    ...(domain === undefined ? {} : { domain }),
  };
  if (chart === 'lead') return leadPanel(fn, panelRows, o as LeadChartOptions, meta);
  if (chart === 'comparison') {
    const { group: _group, question: _question, survey: _survey, ...rest } = o;
    const p = comparisonPanel(fn, panelRows, rest as ComparisonChartOptions, meta);
    return { ...p, domain: [0, p.domainMax] };
  }
  const p = sharePanel(fn, panelRows, o as ShareChartOptions, meta);
  return { ...p, domain: [0, p.domainMax] };
}

/** Caption lines common to the panels, once; a panel's own group line is its title. */
function commonLines(panels: readonly ChartParts[], by: By, keys: readonly string[]): string[] {
  const groupLines = new Set(
    by === 'group'
      ? keys.map((k) => chartText.group(k.split('/')[0] ?? k, k.split('/').slice(1).join('/')))
      : [],
  );
  const common: string[] = [];
  for (const p of panels) {
    for (const line of p.subtitle)
      if (!common.includes(line) && !groupLines.has(line)) common.push(line);
  }
  return common;
}

/**
 * Small multiples: one of the charts above — share, lead, comparison — drawn
 * once per group, question or survey, side by side on a common scale (the
 * axis domains are shared so that panels compare at a glance). Caption lines
 * common to the panels (the survey, multiple response, missing intervals…)
 * are given once, on top. With `chart: 'diverging'` the panels are the bars
 * of one diverging chart (one per group or question), which keeps the scale
 * and its middle aligned.
 *
 * @param table - rows or an arquero table (the `results` layout with the columns of `withIntervals`)
 * @param options - `chart`, `by`, `values`, `panel` (the chart's options), `columns`, `width`, `title`, `notes`
 * @returns a Vega-Lite spec (v5 and v6): a `concat` of the panels
 * @throws {ChartError} what the panel's builder throws; `no-rows` for a value in `values` that no row has;
 *   `invalid-option` for `by: 'survey'` with `chart: 'diverging'`
 * @example
 * const rows = withIntervals(results, { surveys, questions });
 * smallMultiples(rows, {
 *   chart: 'share',
 *   by: 'question',
 *   values: ['trilateral-security-cooperation', 'us-china-restrictions', 'foreign-tourists-increase', 'foreign-residents-increase'],
 *   surveys,
 *   questions,
 * }).concat.length; // => 4
 */
export function smallMultiples(table: ChartInput, options?: SmallMultiplesOptions): TopLevelSpec {
  const fn = 'smallMultiples';
  const opts = checkOptions(fn, options);
  const chart = opts.chart ?? 'share';
  if (!['share', 'lead', 'comparison', 'diverging'].includes(chart)) {
    throw new ChartError('invalid-option', fn, errorText.unsupportedChart(chart));
  }
  const by = enumOption(fn, 'by', opts.by, ['group', 'question', 'survey'] as const, 'group');
  const columns = opts.columns ?? 2;
  if (typeof columns !== 'number' || !Number.isInteger(columns) || columns < 1) {
    throw new ChartError(
      'invalid-option',
      fn,
      errorText.option('columns', 'a positive integer', columns),
    );
  }
  const width = sizeOption(fn, 'width', opts.width, 260);
  const panelOptions = checkOptions(fn, opts.panel) as Record<string, unknown>;
  const metaOptions: MetaOptions = {
    ...(opts.surveys === undefined ? {} : { surveys: opts.surveys }),
    ...(opts.questions === undefined ? {} : { questions: opts.questions }),
  };
  const meta = metaLookup(fn, metaOptions);
  const rows = panelRows(fn, table, chart);
  const keys = panelKeys(fn, rows, by, opts.values);

  if (chart === 'diverging') {
    if (by === 'survey') {
      throw new ChartError(
        'invalid-option',
        fn,
        errorText.option('by', '"group" or "question" for a diverging chart', by),
      );
    }
    const d = panelOptions as DivergingChartOptions;
    const parts = divergingParts(
      fn,
      rows,
      by === 'group' ? { ...d, by: 'group' } : { ...d, question: keys, by: 'question' },
      meta,
    );
    return topLevel({
      ...parts,
      title: opts.title ?? parts.title,
      subtitle: [...parts.subtitle, ...(opts.notes ?? [])],
    });
  }

  const shared = { ...panelOptions, ...metaOptions, width };
  const build = (key: string, domain?: [number, number]) =>
    buildPanel(fn, chart, rows, by, key, shared, meta, domain);
  const first = keys.map((k) => build(k));
  const domain: [number, number] = [
    Math.min(...first.map((p) => p.domain[0])),
    Math.max(...first.map((p) => p.domain[1])),
  ];
  const panels = keys.map((k) => build(k, domain));
  const label = (key: string, p: ChartParts): string => {
    if (by === 'question') return p.title;
    if (by === 'survey')
      return meta.survey(
        key,
        rows.find((r) => r['survey_id'] === key),
      ).title;
    return key === 'total/total' ? chartText.allRespondents() : key.replace('/', ' ');
  };
  const concat: Json[] = panels.map((p, i) => ({
    title: {
      text: wrap(label(keys[i] as string, p), width + 120, SIZE.panelTitle, true),
      fontSize: SIZE.panelTitle,
      anchor: 'start',
      offset: 8,
    },
    ...p.view,
  }));
  const firstTitle = panels[0]?.title ?? '';
  const title =
    opts.title ??
    (by === 'question'
      ? meta.survey(String(rows[0]?.['survey_id']), rows[0]).title
      : chartText.byTitle(firstTitle, chartText.by[by] ?? by));
  const description = [
    `${chartText.describeSmall(panels.length, chartText.by[by] ?? by)}. ${title}.`,
    ...panels.map((p, i) => `${label(keys[i] as string, p)}: ${p.description}`),
  ].join(' ');
  const panelWidth = Math.max(...panels.map((p) => p.textWidth));
  return topLevel({
    view: { concat, columns: Math.min(columns, panels.length) },
    title,
    subtitle: [...commonLines(panels, by, keys), ...(opts.notes ?? [])],
    description,
    textWidth: panelWidth * Math.min(columns, panels.length),
  });
}
