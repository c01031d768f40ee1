import { type LeadTest, leadTest, type PairedDifference, pairedDifference } from '@toplines/core';
import { groupKey, isLibraryError, readChoice } from '@toplines/core/internal';
import { type ColumnTable, table as makeTable } from 'arquero';
import { dataError } from '../errors';
import { PERCENT_TEXT } from '../io/read-resource';
import { noteText } from '../messages';
import { noVariance } from '../util/row-design-effect';
import { questionKey, rowDecimals, sampleLookup } from '../util/sample-size';
import {
  booleanOption,
  checkVerbOptions,
  decimalsOption,
  deffOption,
  levelOption,
  percentOf,
  qualifierOf,
  rowNs,
  type SampleOptions,
  type TableInput,
  tableInput,
} from '../util/table-input';

/**
 * Options of {@link leads}.
 *
 * @example
 * const { results, surveys, questions } = load();
 * leads(results, { level: 0.9, surveys, questions }).numRows() > 0; // => true
 * // allow for the rounding of both figures; compare scale questions by their sides
 * leads(results, { rounding: true, pairs: 'meaningful', surveys, questions }).numRows() > 0; // => true
 */
export interface LeadsOptions extends SampleOptions {
  /** Confidence level, in (0, 1). Default `0.95`. */
  level?: number;
  /**
   * Design effect, > 0. Default `1`. Two rows with their own standard
   * errors and covariances (`se` and `covariance` columns, as
   * weightedToplines gives) use the design-based variance of their
   * difference instead, V_aa + V_bb − 2·V_ab; two shares the design fixes
   * (both `se` 0) are not tested, and a note says why.
   */
  deff?: number;
  /**
   * Allow for the rounding of the two printed figures of a lead (single-choice
   * and scale questions): `lower` and `upper` become core's rounding-aware
   * interval, `leadTest(…, { reportedDecimals })`, which covers every pair of
   * counts out of n that print as the two figures. The decimals are read
   * from each row's `percent_text` ("31.0" has 1), or given by `decimals`.
   * leadTest takes one number of decimals for both figures: when the two
   * differ, the smaller is used (a wider, conservative range for the more
   * precise figure), which needs the more precise figure to be writable with
   * fewer decimals ("51.0" as "51"); when it is not ("33.7" beside "42"),
   * the interval does not allow for rounding, and the note says so. `z`,
   * `p_value` and `difference` stay at the printed figures, so `significant`
   * (from the interval) can be false where `p_value` is below 1 − level.
   * Paired rows (check-all questions) and qualified figures do not allow for
   * rounding; their note says so. Default `false`.
   */
  rounding?: boolean;
  /**
   * With `rounding`: the decimals every percentage was printed with, for a
   * table without a `percent_text` column. Default: read from
   * `percent_text`; without it, the decimals of the number as JavaScript
   * writes it (31.0 → 0). Read only when `rounding` is true.
   */
  decimals?: number;
  /**
   * Which pairs are compared. `"all"`: every pair of non-net options.
   * `"meaningful"`: what a methodologist would compare — every pair of a
   * single-choice question's options and of a check-all question's; for a
   * scale question, its two sides: its nets against each other when it has
   * two or more ("opposed (net)" vs "in favour (net)"); else, with one net,
   * the net against the options its `scale_order` names (the poles the
   * source reports, e.g. "support | opposed"); else the two ends of its
   * `scale_order` ("improvement" vs "deterioration"); else its two largest answers —
   * never two points of one side of a scale, never a component against its
   * net. Reads a `scale_order` column when the table has one. Default `"all"`.
   */
  pairs?: 'all' | 'meaningful';
}

/**
 * The columns of the table {@link leads} returns, in order.
 *
 * @example
 * LEAD_COLUMNS.includes('p_value'); // => true
 * LEAD_COLUMNS.includes('lower_liberal'); // => true
 */
export const LEAD_COLUMNS = [
  'survey_id',
  'question_id',
  'group_dim',
  'group_value',
  'source_id',
  'option_a',
  'option_b',
  'percent_a',
  'percent_b',
  'n_used',
  'method',
  'difference',
  'lower',
  'upper',
  'z',
  'p_value',
  'significant',
  'lower_liberal',
  'upper_liberal',
  'overlap_min',
  'overlap_max',
  'note',
] as const;

/** How a pair of options is compared: the `method` column of {@link leads}. */
const METHOD_OF_TYPE: ReadonlyMap<string, 'lead' | 'paired'> = new Map([
  ['single', 'lead'],
  ['scale', 'lead'],
  ['multiple', 'paired'],
]);

/** Everything a pair's test needs besides the two rows. Internal. */
export interface Settings {
  level: number;
  deff: number;
  rounding: boolean;
  decimals: number | undefined;
}

type LeadColumns = Record<(typeof LEAD_COLUMNS)[number], unknown[]>;

/**
 * Every difference between two options of one question: leads of
 * single-choice and scale questions, and paired differences of check-all
 * questions.
 *
 * For each survey, question, group and source, every pair of non-net rows
 * gives one output row, ordered so that `option_a` has the larger share.
 * Columns (differences and bounds in proportion units: 0.06 is 6 points):
 * - `survey_id`, `question_id`, `group_dim`, `group_value`, `source_id`,
 *   `option_a`, `option_b`, `percent_a`, `percent_b`;
 * - `n_used`: the rule of {@link withIntervals}, or the table's own `n_used` column;
 * - `method`: `"lead"` for a single-choice or scale question, tested with
 *   core's `leadTest`, which accounts for the two shares coming from one
 *   sample and excluding each other; `"paired"` for a check-all
 *   (`multiple`) question, compared with core's `pairedDifference`, since
 *   the same respondents may have chosen both options;
 * - `difference`, `lower`, `upper`, `z`, `p_value`; `significant` (the
 *   interval excludes 0). For a paired row these are the conservative end:
 *   the overlap (the share who chose both) is not reported, and the smallest
 *   overlap the two shares allow gives the widest interval, so a difference
 *   significant here is significant at every overlap;
 * - `lower_liberal`, `upper_liberal`: a paired row's interval at the largest
 *   overlap allowed (a difference whose liberal interval holds 0 is
 *   significant at no overlap); null for a lead;
 * - `overlap_min`, `overlap_max`: the overlaps the two shares allow (the
 *   Fréchet bounds max(0, p_a + p_b − 1) and min(p_a, p_b)); null for a lead;
 * - `note`: null, or what to bear in mind — which end a paired row's
 *   figures are, n unknown, an approximate figure, two rows with different n,
 *   how rounding was allowed for.
 *
 * Rows without n (a subgroup, or a follow-up asked of a subset whose base_n
 * is not reported) have null statistics and the note "n unknown".
 *
 * Only questions of known type are paired — from a `response_type` column
 * of the table, else `options.questions`; questions of unknown type are left
 * out rather than guessed.
 *
 * Cost: O(k²) per question with k options (with `rounding`, times the counts
 * that fit each figure).
 *
 * @param table - a results table: needs `survey_id`, `question_id`, `option`, `percent`
 * @param options - `level`, `deff`, `rounding`, `decimals`, and `surveys` / `questions`
 *   (types and n)
 * @returns a new table, one row per pair, with the columns of {@link LEAD_COLUMNS}
 * @throws {DataError} `missing-column` when a needed column is absent; `invalid-option`
 * @example
 * const { results, surveys, questions } = load();
 * const lead = leads(results.filter((d) => d.question_id === 'us-impression'), { surveys, questions });
 * lead.select('option_a', 'option_b', 'method', 'difference', 'lower', 'upper', 'significant').objects();
 * // => [{ option_a: 'favorable impression', option_b: 'unfavorable impression', method: 'lead',
 * //       difference: 0.06, lower: 0.0074, upper: 0.1126, significant: true }] (rounded)
 *
 * // a check-all question: economic partners, n = 1,037
 * const partners = leads(results.filter((d) => d.question_id === 'economic-partners'), { surveys, questions });
 * partners.get('method', 0); // => 'paired'
 */
export function leads(table: ColumnTable, options?: LeadsOptions): ColumnTable {
  const pairs = leadPairs('leads', table, options);
  const out = Object.fromEntries(
    LEAD_COLUMNS.map((name) => [name, [] as unknown[]]),
  ) as LeadColumns;
  for (const pair of pairs) appendPair(out, pair);
  return makeTable(out, [...LEAD_COLUMNS]);
}

/**
 * One pair of options of one question, tested: what a row of {@link leads}
 * holds, with core's result object kept (for `explain`). Internal: the
 * reanalysis engine reads these.
 */
export interface LeadPair {
  /** Row indices of the two options in the (reified) input; `a` has the larger share. */
  a: number;
  b: number;
  surveyId: unknown;
  questionId: unknown;
  groupDim: unknown;
  groupValue: unknown;
  sourceId: unknown;
  optionA: unknown;
  optionB: unknown;
  /** Percent units, as reported. */
  percentA: number | null;
  percentB: number | null;
  method: 'lead' | 'paired';
  n: number | null;
  /** The design effect of the test: the pair's design-based one (rows with `se` and `covariance`), else the option's. */
  deff: number;
  /** core's result, or null when n is unknown or the test could not be computed. */
  test: LeadTest | PairedDifference | null;
  /** Why the test could not be computed (core's message), or null. */
  error: string | null;
  notes: string[];
}

/**
 * The test of one pair at n: core's `leadTest` for a single-choice or scale
 * question, `pairedDifference` (overlap unknown) for a check-all one. Internal.
 *
 * @param method - how the pair is compared
 * @param pa - the larger share, a proportion
 * @param pb - the smaller share
 * @param n - the sample size both are out of
 * @param settings - level, deff; `reportedDecimals` for a lead that allows for rounding
 */
export function pairTest(
  method: 'lead' | 'paired',
  pa: number,
  pb: number,
  n: number,
  settings: { level: number; deff: number; reportedDecimals?: number | undefined },
): LeadTest | PairedDifference {
  const { level, deff, reportedDecimals } = settings;
  return method === 'paired'
    ? pairedDifference(pa, pb, n, { level, deff })
    : leadTest(
        pa,
        pb,
        n,
        reportedDecimals === undefined ? { level, deff } : { level, deff, reportedDecimals },
      );
}

/**
 * Every pair of {@link leads}, tested, in the order of the output rows. Internal.
 *
 * @param fn - the caller's name, for messages
 * @param table - a results table (see {@link leads})
 * @param options - the options of {@link leads}
 */
export function leadPairs(fn: string, table: ColumnTable, options?: LeadsOptions): LeadPair[] {
  const opts = checkVerbOptions(fn, options);
  const settings: Settings = {
    level: levelOption(fn, opts['level']),
    deff: deffOption(fn, opts['deff']),
    rounding: booleanOption(fn, 'rounding', opts['rounding']),
    decimals: decimalsOption(fn, opts['decimals']),
  };
  const mode = readChoice(fn, dataError, 'pairs', opts['pairs'], PAIR_MODES);
  const input = tableInput(fn, table, ['survey_id', 'question_id', 'option', 'percent']);
  const sample = opts as SampleOptions;
  const ns = rowNs(input, sample, true);
  const c = pairColumns(input);
  const pairs: LeadPair[] = [];
  for (const group of pairGroups(input, c, sample)) {
    for (let [a, b] of chosenPairs(group, c, mode)) {
      const pa = percentOf(c.percent[a]);
      const pb = percentOf(c.percent[b]);
      if (pa !== null && pb !== null && pb > pa) [a, b] = [b, a];
      pairs.push(testPair(c, a, b, ns, group.method, settings));
    }
  }
  return pairs;
}

/** The values of the `pairs` option of {@link leads}, the default first. */
const PAIR_MODES = ['all', 'meaningful'] as const;

/** The rows of one question in one group from one source, and how its pairs are compared. */
interface PairGroup {
  method: 'lead' | 'paired';
  type: string;
  /** Its non-net rows, in table order. */
  members: number[];
  /** Its net rows, in table order. */
  nets: number[];
}

/** Every pair of a list, in order: (0, 1), (0, 2), …, (1, 2), … */
function allPairs(rows: number[]): [number, number][] {
  const out: [number, number][] = [];
  for (let x = 0; x < rows.length; x++) {
    for (let y = x + 1; y < rows.length; y++) out.push([rows[x] as number, rows[y] as number]);
  }
  return out;
}

/** The pairs a question's options are compared in (see the `pairs` option). */
function chosenPairs(group: PairGroup, c: Columns, mode: 'all' | 'meaningful'): [number, number][] {
  if (mode === 'all' || group.type !== 'scale') return allPairs(group.members);
  if (group.nets.length >= 2) return allPairs(group.nets);
  const first = group.members[0] ?? group.nets[0];
  const poles = new Set(
    String(first === undefined ? '' : (c.scaleOrder[first] ?? ''))
      .split('|')
      .map((o) => o.trim())
      .filter((o) => o !== ''),
  );
  if (group.nets.length === 1) {
    const sides = group.members.filter((i) => poles.has(String(c.option[i])));
    return sides.map((i) => [group.nets[0] as number, i].sort((x, y) => x - y) as [number, number]);
  }
  // No nets: the two ends of the scale, as its scale_order lists them.
  const order = [...poles];
  const rank = (i: number) => order.indexOf(String(c.option[i]));
  const ranked = group.members.filter((i) => rank(i) !== -1).sort((x, y) => rank(x) - rank(y));
  if (ranked.length >= 2) {
    return [
      [ranked[0] as number, ranked[ranked.length - 1] as number].sort((x, y) => x - y) as [
        number,
        number,
      ],
    ];
  }
  const largest = [...group.members]
    .filter((i) => percentOf(c.percent[i]) !== null)
    .sort((x, y) => (percentOf(c.percent[y]) as number) - (percentOf(c.percent[x]) as number))
    .slice(0, 2)
    .sort((x, y) => x - y);
  return allPairs(largest);
}

type Columns = Record<
  | 'survey'
  | 'question'
  | 'groupDim'
  | 'groupValue'
  | 'source'
  | 'option'
  | 'percent'
  | 'text'
  | 'qualifier'
  | 'isNet'
  | 'type'
  | 'scaleOrder'
  | 'se'
  | 'covariance',
  unknown[]
>;

/** The columns a pair reads, with `total` for a missing group. */
function pairColumns(input: TableInput): Columns {
  const totals = () => new Array(input.numRows).fill('total');
  return {
    survey: input.column('survey_id'),
    question: input.column('question_id'),
    groupDim: input.has('group_dim') ? input.column('group_dim') : totals(),
    groupValue: input.has('group_value') ? input.column('group_value') : totals(),
    source: input.column('source_id'),
    option: input.column('option'),
    percent: input.column('percent'),
    text: input.column(PERCENT_TEXT),
    qualifier: input.column('qualifier'),
    isNet: input.column('is_net'),
    type: input.column('response_type'),
    scaleOrder: input.column('scale_order'),
    se: input.column('se'),
    covariance: input.column('covariance'),
  };
}

/**
 * The non-net rows of each survey, question, group and source whose type
 * is known, with how they are compared; questions of unknown type are left out.
 */
function pairGroups(input: TableInput, c: Columns, sample: SampleOptions): PairGroup[] {
  const lookup = sampleLookup(undefined, sample.questions);
  const groups = new Map<string, PairGroup>();
  for (let i = 0; i < input.numRows; i++) {
    const type = input.has('response_type')
      ? c.type[i]
      : lookup.questionType.get(questionKey(c.survey[i], c.question[i]));
    const method = typeof type === 'string' ? METHOD_OF_TYPE.get(type) : undefined;
    if (method === undefined) continue;
    const key = groupKey(c.survey[i], c.question[i], c.groupDim[i], c.groupValue[i], c.source[i]);
    let group = groups.get(key);
    if (group === undefined) {
      group = { method, type: type as string, members: [], nets: [] };
      groups.set(key, group);
    }
    (c.isNet[i] === true ? group.nets : group.members).push(i);
  }
  return [...groups.values()];
}

/** Tests one pair: the lead test, or the paired comparison with its two ends. */
function testPair(
  c: Columns,
  a: number,
  b: number,
  ns: (number | null)[],
  method: 'lead' | 'paired',
  settings: Settings,
): LeadPair {
  const pa = percentOf(c.percent[a]);
  const pb = percentOf(c.percent[b]);
  const na = ns[a] ?? null;
  const nb = ns[b] ?? null;
  const notes: string[] = [];
  let n: number | null = null;
  if (na !== null && nb !== null && na !== nb) notes.push(noteText.differentN(na, nb));
  else if (na === null || nb === null) notes.push(noteText.nUnknown());
  else n = na;
  if (pa === null || pb === null) notes.push(noteText.percentMissing());
  const qa = qualifierOf(c.qualifier[a]);
  const qb = qualifierOf(c.qualifier[b]);
  if (qa !== 'exact') notes.push(noteText.qualified(qa));
  if (qb !== 'exact') notes.push(noteText.qualified(qb));
  let test: LeadTest | PairedDifference | null = null;
  let error: string | null = null;
  let deff = settings.deff;
  if (n !== null && pa !== null && pb !== null && noVariance(c.se[a]) && noVariance(c.se[b])) {
    // two shares the design fixes (weightedToplines' se 0): their difference is fixed too
    notes.push(noteText.noVarianceLead());
  } else if (n !== null && pa !== null && pb !== null) {
    try {
      const exact = qa === 'exact' && qb === 'exact';
      const reportedDecimals =
        method === 'lead' ? leadDecimals(c, a, b, exact, settings, notes) : undefined;
      deff = pairDesignEffect(c, a, b, n) ?? settings.deff;
      test = pairTest(method, pa / 100, pb / 100, n, {
        level: settings.level,
        deff,
        reportedDecimals,
      });
      if (method === 'paired') {
        notes.unshift(noteText.pairedOverlap());
        if (settings.rounding) notes.push(noteText.roundingPaired());
      }
    } catch (e) {
      if (!isLibraryError(e)) throw e;
      error = e.message;
      notes.push(noteText.notComputed(e.message));
    }
  }
  return {
    a,
    b,
    surveyId: c.survey[a] ?? null,
    questionId: c.question[a] ?? null,
    groupDim: c.groupDim[a] ?? null,
    groupValue: c.groupValue[a] ?? null,
    sourceId: c.source[a] ?? null,
    optionA: c.option[a] ?? null,
    optionB: c.option[b] ?? null,
    percentA: pa,
    percentB: pb,
    method,
    n,
    deff,
    test,
    error,
    notes,
  };
}

/**
 * The design effect of a lead between two rows that carry their standard
 * errors and covariances (weightedToplines' `se` and `covariance`): the one
 * at which leadTest's multinomial variance (p_a + p_b − (p_a − p_b)²)/n is the
 * design-based V_aa + V_bb − 2·V_ab. Null when either row lacks them.
 */
function pairDesignEffect(c: Columns, a: number, b: number, n: number): number | null {
  const sa = c.se[a];
  const sb = c.se[b];
  const covariance = c.covariance[a];
  if (typeof sa !== 'number' || typeof sb !== 'number') return null;
  if (covariance === null || typeof covariance !== 'object') return null;
  const vab = (covariance as Record<string, unknown>)[String(c.option[b])];
  const pa = (percentOf(c.percent[a]) as number) / 100;
  const pb = (percentOf(c.percent[b]) as number) / 100;
  if (typeof vab !== 'number' || !Number.isFinite(vab)) return null;
  const variance = sa * sa + sb * sb - 2 * vab;
  const multinomial = pa + pb - (pa - pb) ** 2;
  return variance > 0 && multinomial > 0 ? (n * variance) / multinomial : null;
}

/** With `rounding`, the decimals leadTest allows for (undefined: none), noting how. */
function leadDecimals(
  c: Columns,
  a: number,
  b: number,
  exact: boolean,
  settings: Settings,
  notes: string[],
): number | undefined {
  if (!settings.rounding) return undefined;
  if (!exact) {
    notes.push(noteText.roundingQualified());
    return undefined;
  }
  const pa = percentOf(c.percent[a]) as number;
  const pb = percentOf(c.percent[b]) as number;
  const da = rowDecimals(settings.decimals, c.text[a], pa);
  const db = rowDecimals(settings.decimals, c.text[b], pb);
  const fewer = Math.min(da, db);
  if (da === db) return da;
  if (writable(da > db ? pa : pb, fewer)) {
    notes.push(noteText.roundingFewerDecimals(da, db));
    return fewer;
  }
  notes.push(noteText.roundingMixedDecimals(da, db));
  return undefined;
}

/** Appends one pair as a row of {@link leads}' output. */
function appendPair(out: LeadColumns, pair: LeadPair): void {
  const t = pair.test;
  const paired = t !== null && pair.method === 'paired' ? (t as PairedDifference) : null;
  out.survey_id.push(pair.surveyId);
  out.question_id.push(pair.questionId);
  out.group_dim.push(pair.groupDim);
  out.group_value.push(pair.groupValue);
  out.source_id.push(pair.sourceId);
  out.option_a.push(pair.optionA);
  out.option_b.push(pair.optionB);
  out.percent_a.push(pair.percentA);
  out.percent_b.push(pair.percentB);
  out.n_used.push(pair.n);
  out.method.push(pair.method);
  out.difference.push(t?.difference ?? null);
  out.lower.push(t?.lower ?? null);
  out.upper.push(t?.upper ?? null);
  out.z.push(t === null || !Number.isFinite(t.z) ? null : t.z);
  out.p_value.push(t?.pValue ?? null);
  out.significant.push(t === null ? null : t.lower > 0 || t.upper < 0);
  out.lower_liberal.push(paired?.liberal.lower ?? null);
  out.upper_liberal.push(paired?.liberal.upper ?? null);
  out.overlap_min.push(paired?.overlapRange[0] ?? null);
  out.overlap_max.push(paired?.overlapRange[1] ?? null);
  out.note.push(noteText.join(pair.notes));
}

/** True when `percent` can be written with `decimals` decimals ("51.0" as "51"). */
function writable(percent: number, decimals: number): boolean {
  return Math.abs(percent - Number(percent.toFixed(decimals))) <= 1e-9 * Math.max(1, percent);
}
