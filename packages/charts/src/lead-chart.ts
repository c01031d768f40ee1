import type { TopLevelSpec } from 'vega-lite';
import { ChartError } from './errors';
import { chartText, errorText } from './messages';
import { INK, OKABE_ITO } from './palette';
import { axisLabel, bandStep, labelAxis, labelsWidth } from './share-chart';
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
import { type Meta, type MetaOptions, metaLookup } from './util/meta';
import { checkSelection, type QuestionSelection, selectQuestion } from './util/select';
import {
  type ChartParts,
  ceilTo,
  floorTo,
  type Json,
  levelPercent,
  surveyLine,
  topLevel,
} from './util/spec';
import { formatP, formatPoints } from './util/text';

/**
 * One row a lead chart draws: a row of `leads()` (@toplines/data), whose
 * columns are its `LEAD_COLUMNS`, or a plain object with at least
 * `option_a`, `option_b`, `difference`, `lower` and `upper`. Differences and
 * bounds are proportions (0.06 is 6 points). Every other column is optional
 * and drawn when present.
 *
 * @example
 * const row: LeadChartRow = {
 *   option_a: 'favorable impression', option_b: 'unfavorable impression',
 *   difference: 0.06, lower: 0.0074, upper: 0.1126, significant: true,
 * };
 * leadChart([row]).data.values[0].status;
 * // => 'larger than its margin: interval excludes 0'
 */
export interface LeadChartRow {
  /** The option the difference is of (a in a − b). */
  option_a: string;
  /** The option it is taken from (b in a − b). */
  option_b: string;
  /** a − b as proportions; null draws nothing but the label. */
  difference: number | null;
  /** The interval's bounds; null for no interval (drawn as a grey point). */
  lower: number | null;
  upper: number | null;
  /** The interval excludes 0. Default: read from `lower` and `upper`. */
  significant?: boolean | null;
  /** `"lead"` (single-choice, scale) or `"paired"` (check-all). Default `"lead"`. */
  method?: string | null;
  /** For a paired row: the interval at the largest overlap (drawn as a pale band). */
  lower_liberal?: number | null;
  upper_liberal?: number | null;
  /** The sample size of the comparison; null when unknown. */
  n_used?: number | null;
  /** The shares in percent, for the default order (larger first). */
  percent_a?: number | null;
  percent_b?: number | null;
  /** The p-value, and one adjusted for multiple comparisons (shown in the tooltip). */
  p_value?: number | null;
  p_value_adjusted?: number | null;
  /**
   * A verdict from a reanalysis (`"beyond-margin"`, `"within-margin"`,
   * `"depends-on-overlap"`, `"n-unknown"`, `"not-computed"`, or any text):
   * it colours the point in place of the interval's own reading.
   */
  verdict?: string | null;
  /** What to bear in mind (shown in the tooltip). */
  note?: string | null;
  /** Which survey, question, group and source the row is of, for `question`, `survey`, `group`, `source`. */
  survey_id?: string;
  question_id?: string;
  group_dim?: string;
  group_value?: string;
  source_id?: string | null;
}

/**
 * Options of {@link leadChart}.
 *
 * @example
 * import { leads, load } from '@toplines/data';
 * const { results, surveys, questions } = load();
 * const table = leads(results, { surveys, questions }); // level 0.95, the default of both
 * const pairs = [['unfavorable impression', 'favorable impression']];
 * leadChart(table, { question: 'us-impression', pairs, surveys, questions }).data.values[0].text;
 * // => '−6.0 pts (±5.3)'
 */
export interface LeadChartOptions extends Omit<QuestionSelection, 'nets'>, MetaOptions {
  /**
   * Which differences to draw: `"all"` (default) every row, in order of the
   * larger share then the smaller (as given when the rows have no
   * `percent_a`/`percent_b`); or a list of `[a, b]` pairs of option labels,
   * each drawn as a − b (a row of b − a is turned round).
   */
  pairs?: 'all' | ReadonlyArray<readonly [string, string]>;
  /**
   * The confidence level the rows' intervals were computed at (that given to
   * `leads()`), in (0, 1), for the axis title. Default: the rows' `level`
   * column if they have one, else `0.95`.
   */
  level?: number;
  /** Width of the plot area in pixels. Default `360`. */
  width?: number;
  /** The title. Default: the question's wording. */
  title?: string;
  /** Lines added under the caption. Default none. */
  notes?: string[];
  /** The lead axis' domain, as differences of proportions. Default: from the intervals. */
  domain?: [number, number];
}

/** The columns every lead row needs. */
const LEAD_ROW_COLUMNS = ['option_a', 'option_b', 'difference', 'lower', 'upper'] as const;

type Status = 'excludes' | 'includes' | 'depends' | 'unknown' | 'notComputed';

const STATUS_COLOR: Record<Status, string> = {
  excludes: OKABE_ITO.blue,
  includes: OKABE_ITO.orange,
  depends: OKABE_ITO.skyBlue,
  unknown: '#888888',
  notComputed: '#b0b0b0',
};

const STATUS_LABEL: Record<Status, () => string> = {
  excludes: chartText.leadExcludes,
  includes: chartText.leadIncludes,
  depends: chartText.leadDepends,
  unknown: chartText.leadUnknown,
  notComputed: chartText.leadNotComputed,
};

/** The verdicts of a reanalysis, by their status. */
const VERDICT_STATUS: ReadonlyMap<string, Status> = new Map([
  ['beyond-margin', 'excludes'],
  ['within-margin', 'includes'],
  ['depends-on-overlap', 'depends'],
  ['n-unknown', 'unknown'],
  ['not-computed', 'notComputed'],
]);

/** One difference as drawn: a − b, its intervals, and the words of its status. */
interface Lead {
  a: string;
  b: string;
  difference: number | null;
  lower: number | null;
  upper: number | null;
  lowerLiberal: number | null;
  upperLiberal: number | null;
  paired: boolean;
  p: number | null;
  pAdjusted: number | null;
  note: string | null;
  /** The legend label of its status (a verdict's own text when it is not a known one). */
  status: string;
  color: string;
}

/** Where the leads' rows come from. */
interface LeadSelection {
  rows: Row[];
  surveyId: string | null;
  questionId: string | null;
  group: { dim: string; value: string } | null;
  sourceId: string | null;
  multipleSources: boolean;
}

/** Reads and checks the rows of a lead chart: rows of `leads()`. Internal. */
export function leadRows(fn: string, table: unknown): Row[] {
  const rows = toRows(fn, table);
  requireColumns(fn, rows, LEAD_ROW_COLUMNS, errorText.leadsHint());
  return rows;
}

/**
 * Chooses the rows of one question (in one survey, group and source) when
 * the rows say which they are of; plain rows without `survey_id` and
 * `question_id` are drawn together.
 */
function selectLeads(fn: string, rows: Row[], options: LeadChartOptions): LeadSelection {
  if (rows.every((r) => str(r['survey_id']) !== null && str(r['question_id']) !== null)) {
    // leads() leaves nets out itself: every row is a pair to draw.
    return selectQuestion(fn, rows, { ...options, nets: true });
  }
  const asked = (['question', 'survey'] as const).filter((o) => options[o] !== undefined);
  requireColumns(
    fn,
    rows,
    asked.map((o) => `${o}_id`),
    errorText.leadsHint(),
  );
  return {
    rows,
    surveyId: null,
    questionId: null,
    group: null,
    sourceId: null,
    multipleSources: false,
  };
}

/** The status of a row: its verdict when it has one, else from its intervals. */
function statusOf(row: Row, lower: number | null, upper: number | null): Status | string {
  const verdict = str(row['verdict']);
  if (verdict !== null) {
    return VERDICT_STATUS.get(verdict.toLowerCase().replace(/[_\s]+/g, '-')) ?? verdict;
  }
  if (lower === null || upper === null) {
    return num(row['n_used']) === null ? 'unknown' : 'notComputed';
  }
  const significant =
    typeof row['significant'] === 'boolean' ? row['significant'] : lower > 0 || upper < 0;
  if (significant) return 'excludes';
  const ll = num(row['lower_liberal']);
  const ul = num(row['upper_liberal']);
  if (ll !== null && ul !== null && (ll > 0 || ul < 0)) return 'depends';
  return 'includes';
}

/** A row as a lead, turned round (b − a) when `flip`. */
function toLead(row: Row, flip: boolean): Lead {
  const sign = (x: number | null) => (x === null ? null : flip ? -x : x);
  const [lo, hi] = flip ? ['upper', 'lower'] : ['lower', 'upper'];
  const lower = sign(num(row[lo]));
  const upper = sign(num(row[hi]));
  const status = statusOf(row, lower, upper);
  const known = status in STATUS_LABEL;
  return {
    a: String(row[flip ? 'option_b' : 'option_a']),
    b: String(row[flip ? 'option_a' : 'option_b']),
    difference: sign(num(row['difference'])),
    lower,
    upper,
    lowerLiberal: sign(num(row[`${lo}_liberal`])),
    upperLiberal: sign(num(row[`${hi}_liberal`])),
    paired: row['method'] === 'paired',
    p: num(row['p_value']),
    pAdjusted: num(row['p_value_adjusted']),
    note: str(row['note']),
    status: known ? STATUS_LABEL[status as Status]() : status,
    color: known ? STATUS_COLOR[status as Status] : STATUS_COLOR.unknown,
  };
}

/** Sorts rows by the larger share, then the smaller (rows without shares keep their order). */
function bySize(rows: readonly Row[]): Row[] {
  const key = (r: Row, c: string) => num(r[c]) ?? Number.NEGATIVE_INFINITY;
  return [...rows].sort(
    (x, y) =>
      key(y, 'percent_a') - key(x, 'percent_a') || key(y, 'percent_b') - key(x, 'percent_b'),
  );
}

/** The leads asked for by `pairs`: every row, or the listed pairs as a − b. */
function pickLeads(fn: string, rows: Row[], pairs: LeadChartOptions['pairs']): Lead[] {
  const badPairs = (value: unknown) =>
    new ChartError(
      'invalid-option',
      fn,
      errorText.option('pairs', '"all" or a list of [a, b] option pairs', value),
    );
  if (pairs === undefined || pairs === 'all') return bySize(rows).map((r) => toLead(r, false));
  if (!Array.isArray(pairs)) throw badPairs(pairs);
  const options = [...new Set(rows.flatMap((r) => [String(r['option_a']), String(r['option_b'])]))];
  return pairs.map((pair: unknown) => {
    if (!Array.isArray(pair) || pair.length !== 2) throw badPairs(pair);
    const [a, b] = pair.map(String) as [string, string];
    for (const o of [a, b]) {
      if (!options.includes(o))
        throw new ChartError('no-rows', fn, errorText.unknownOption(o, options));
    }
    const same = rows.find((r) => r['option_a'] === a && r['option_b'] === b);
    if (same !== undefined) return toLead(same, false);
    const turned = rows.find((r) => r['option_a'] === b && r['option_b'] === a);
    if (turned !== undefined) return toLead(turned, true);
    throw new ChartError('no-rows', fn, errorText.noRows(chartText.leadLabel(a, b)));
  });
}

/** The data of the view: one object per lead, with the optional fields only when some lead has them. */
function leadValues(leads: readonly Lead[]): Json[] {
  const liberal = leads.some((l) => l.lowerLiberal !== null && l.upperLiberal !== null);
  const p = leads.some((l) => l.p !== null);
  const pAdjusted = leads.some((l) => l.pAdjusted !== null);
  const note = leads.some((l) => l.note !== null);
  return leads.map((l) => {
    const half = l.lower !== null && l.upper !== null ? (l.upper - l.lower) / 2 : null;
    return {
      pair: chartText.leadLabel(l.a, l.b),
      label: axisLabel(chartText.leadLabel(l.a, l.b)),
      difference: l.difference,
      lower: l.lower,
      upper: l.upper,
      has_interval: l.lower !== null,
      text_x: l.upper ?? l.difference,
      text:
        l.difference === null
          ? ''
          : chartText.leadText(
              formatPoints(l.difference),
              half === null ? null : (half * 100).toFixed(1),
            ),
      status: l.status,
      ...(liberal
        ? {
            lower_liberal: l.lowerLiberal,
            upper_liberal: l.upperLiberal,
            has_liberal: l.lowerLiberal !== null && l.upperLiberal !== null,
          }
        : {}),
      ...(p ? { p: l.p === null ? '' : formatP(l.p) } : {}),
      ...(pAdjusted ? { p_adjusted: l.pAdjusted === null ? '' : formatP(l.pAdjusted) } : {}),
      ...(note ? { note: l.note ?? '' } : {}),
    };
  });
}

/** The lead axis' domain: from 0 or below to past the text of the widest interval. */
function leadDomain(leads: readonly Lead[]): [number, number] {
  const lows = leads.map((l) => l.lower ?? l.difference ?? 0);
  const highs = leads.map((l) => l.upper ?? l.difference ?? 0);
  return [
    Math.min(0, floorTo(Math.min(...lows) - 0.02, 0.05)),
    Math.max(0.05, ceilTo(Math.max(...highs) + 0.12, 0.05)),
  ];
}

/** The tooltip: the pair, its difference, its status, and what the rows add. */
function leadTooltip(values: readonly Json[]): Json[] {
  const first = values[0] ?? {};
  return [
    { field: 'pair', type: 'nominal', title: 'lead' },
    { field: 'text', type: 'nominal', title: 'difference' },
    { field: 'status', type: 'nominal', title: 'verdict' },
    ...(['p', 'p_adjusted', 'note'] as const)
      .filter((f) => f in first)
      .map((f) => ({ field: f, type: 'nominal', title: chartText.leadTooltip[f] })),
  ];
}

/** The layers: the zero line, the liberal bands, the intervals, the points and their text. */
function leadLayers(
  values: readonly Json[],
  leads: readonly Lead[],
  domain: [number, number],
  level: number,
): Json[] {
  const sort = values.map((v) => v['label']);
  const y = { field: 'label', type: 'nominal', sort, axis: labelAxis() };
  const statuses = [...new Set(leads.map((l) => l.status))];
  const order = Object.values(STATUS_LABEL).map((f) => f());
  statuses.sort((s, t) => (order.indexOf(s) + 1 || 99) - (order.indexOf(t) + 1 || 99));
  const color = {
    field: 'status',
    type: 'nominal',
    scale: {
      domain: statuses,
      range: statuses.map((s) => leads.find((l) => l.status === s)?.color),
    },
    legend: { title: null, orient: 'bottom', direction: 'vertical' },
  };
  const liberal =
    'has_liberal' in (values[0] ?? {})
      ? [
          {
            transform: [{ filter: 'datum.has_liberal' }],
            mark: { type: 'rule', strokeWidth: 9, opacity: 0.35 },
            encoding: {
              y,
              x: { field: 'lower_liberal', type: 'quantitative' },
              x2: { field: 'upper_liberal' },
              color,
            },
          },
        ]
      : [];
  return [
    {
      mark: { type: 'rule', color: INK, strokeWidth: 1 },
      encoding: { x: { datum: 0, type: 'quantitative' } },
    },
    ...liberal,
    {
      transform: [{ filter: 'datum.has_interval' }],
      mark: { type: 'rule', strokeWidth: 2.5, strokeCap: 'round' },
      encoding: {
        y,
        x: { field: 'lower', type: 'quantitative' },
        x2: { field: 'upper' },
        color,
      },
    },
    {
      mark: { type: 'point', filled: true, opacity: 1, size: 90 },
      encoding: {
        y,
        x: {
          field: 'difference',
          type: 'quantitative',
          scale: { domain, nice: false, zero: false },
          axis: {
            title: chartText.leadAxis(level),
            labelExpr: "(datum.value > 0 ? '+' : '') + format(datum.value * 100, '.0f')",
            grid: true,
            tickCount: 6,
          },
        },
        color,
        tooltip: leadTooltip(values),
      },
    },
    {
      mark: { type: 'text', align: 'left', baseline: 'middle', dx: 7, color: INK },
      encoding: {
        y,
        x: { field: 'text_x', type: 'quantitative' },
        text: { field: 'text', type: 'nominal' },
      },
    },
  ];
}

/** The caption lines: the survey, the group, how the leads were tested, the source, the notes. */
function leadCaption(
  sel: LeadSelection,
  leads: readonly Lead[],
  meta: Meta,
  notes: readonly string[],
): string[] {
  const subtitle: string[] = [];
  if (sel.surveyId !== null) {
    const survey = meta.survey(sel.surveyId, sel.rows[0]);
    subtitle.push(surveyLine(survey, num(sel.rows[0]?.['n_used']) ?? survey.n));
  }
  if (sel.group !== null && (sel.group.dim !== 'total' || sel.group.value !== 'total')) {
    subtitle.push(chartText.group(sel.group.dim, sel.group.value));
  }
  if (leads.some((l) => !l.paired)) subtitle.push(chartText.leadNote());
  if (leads.some((l) => l.paired)) subtitle.push(chartText.pairedNote());
  if (sel.multipleSources && sel.sourceId !== null) subtitle.push(chartText.source(sel.sourceId));
  subtitle.push(...notes);
  return subtitle;
}

/** The level of the intervals: the option, else the rows' one `level`, else 0.95. */
function rowsLevel(fn: string, rows: readonly Row[], option: unknown): number {
  if (option !== undefined) return levelOption(fn, option);
  const levels = [...new Set(rows.map((r) => num(r['level'])))];
  return levels.length === 1 && levels[0] !== null ? levelOption(fn, levels[0]) : 0.95;
}

/** Builds the panel of a lead chart (also used by smallMultiples). Internal. */
export function leadPanel(
  fn: string,
  rows: Row[],
  options: LeadChartOptions,
  meta: Meta,
): ChartParts & { domain: [number, number] } {
  checkSelection(fn, options);
  const width = sizeOption(fn, 'width', options.width, 360);
  const sel = selectLeads(fn, rows, options);
  const level = levelPercent(rowsLevel(fn, sel.rows, options.level));
  const leads = pickLeads(fn, sel.rows, options.pairs);
  if (leads.length === 0) {
    throw new ChartError(
      'no-rows',
      fn,
      errorText.noRows('two options to compare (the question has one)'),
    );
  }
  const values = leadValues(leads);
  const domain = options.domain ?? leadDomain(leads);
  const sort = values.map((v) => v['label'] as string);
  const view: Json = {
    data: { values },
    width,
    height: { step: bandStep(sort) },
    // y is set per layer: the zero line spans the whole height.
    layer: leadLayers(values, leads, domain, level),
  };
  const subtitle = leadCaption(sel, leads, meta, options.notes ?? []);
  const question =
    sel.surveyId === null || sel.questionId === null
      ? null
      : meta.question(sel.surveyId, sel.questionId, sel.rows[0]);
  const title = options.title ?? question?.wording ?? sel.questionId ?? chartText.leadTitle();
  const description = [
    `${chartText.describeLead(level)}. ${title}.`,
    ...(subtitle.length > 0 ? [`${subtitle[0]}.`] : []),
    `${values.map((v) => `${v['pair']}: ${v['text']}, ${v['status']}`).join('; ')}.`,
  ].join(' ');
  return {
    view,
    title,
    subtitle,
    description,
    textWidth: width + Math.min(240, labelsWidth(sort)) + 50,
    domain,
  };
}

/**
 * Lead chart: the differences between options of one question, in
 * percentage points, each with its confidence interval and a line at zero —
 * the rows of `leads()` (@toplines/data), drawn as they are: this builder
 * computes nothing. A lead (single-choice or scale question: `leadTest`
 * allows for the two shares coming from one sample, so a lead's margin is
 * larger than either share's) is coloured by whether its interval excludes
 * zero (larger than its margin at that level) or includes it (within the margin). A
 * paired difference (check-all question, overlap unknown) is drawn with its
 * conservative interval as the line and its liberal one as a pale band; one
 * whose liberal interval alone excludes zero "depends on the overlap". A
 * `verdict` column (from a reanalysis) colours the points in place of the
 * intervals' reading. A row without an interval (n unknown) is a grey point.
 * `p_value`, `p_value_adjusted` and `note` are shown in the tooltip.
 *
 * @param table - the rows of `leads()`, or its arquero table, or plain rows (see {@link LeadChartRow})
 * @param options - which question, survey, group, source; `pairs`, `level`, `width`, `title`, `notes`, `domain`
 * @returns a Vega-Lite spec (v5 and v6)
 * @throws {ChartError} `missing-column` when rows lack `option_a`, `option_b`, `difference`, `lower`
 *   or `upper` (e.g. `withIntervals` rows), `no-rows` for a pair of unknown options, and those of
 *   {@link shareChart} for the selection
 * @example
 * import { leads, load } from '@toplines/data';
 * const { results, surveys, questions } = load();
 * const table = leads(results, { surveys, questions });
 * const spec = leadChart(table, { question: 'us-impression', surveys, questions });
 * // one lead: favorable 40.5% vs unfavorable 34.5%, larger than its margin at 95%
 * spec.data.values.map((v) => [v.text, v.status]);
 * // => [['+6.0 pts (±5.3)', 'larger than its margin: interval excludes 0']]
 *
 * // plain rows: a check-all question's paired difference, significant at no overlap
 * const paired = { option_a: 'A', option_b: 'B', method: 'paired', difference: 0.04,
 *   lower: -0.03, upper: 0.11, lower_liberal: -0.01, upper_liberal: 0.09 };
 * leadChart([paired]).data.values[0].status;
 * // => 'within the margin: interval includes 0'
 */
export function leadChart(table: ChartInput, options?: LeadChartOptions): TopLevelSpec {
  const fn = 'leadChart';
  const opts = checkOptions(fn, options);
  const rows = leadRows(fn, table);
  return topLevel(leadPanel(fn, rows, opts, metaLookup(fn, opts)));
}
