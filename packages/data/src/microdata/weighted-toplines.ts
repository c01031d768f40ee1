import {
  type Category,
  DESIGN_PROPORTION_METHODS,
  type Design,
  type DesignProportionMethod,
  type DesignShares,
  designShares,
  LONELY_PSU_CHOICES,
  type LonelyPsu,
  REPLICATE_TYPES,
  type ReplicateDesignOptions,
  type ReplicateType,
  replicateDesign,
  surveyDesign,
} from '@toplines/core/design';
import { readChoice, readOptions } from '@toplines/core/internal';
import { type ColumnTable, table as makeTable } from 'arquero';
import { DataError, dataError } from '../errors';
import { errorText, microdataText } from '../messages';
import { isTable, levelOption } from '../util/table-input';
import type { VariableLabels } from './types';

/**
 * Options of {@link weightedToplines}: the columns that hold the questions and the design,
 * and how to estimate. Columns are named as in the table.
 *
 * @example
 * // not run: illustrates the options (apistrat of R's survey package)
 * const options: WeightedToplinesOptions = {
 *   questions: ['awards', 'sch_wide'],
 *   weights: 'pw',
 *   strata: 'stype',
 *   fpc: 'fpc',
 *   by: ['stype'],
 * };
 */
export interface WeightedToplinesOptions {
  /** The columns of the questions: each a single-choice answer per respondent. Required. */
  questions: readonly string[];
  /** The column of the sampling weights (each a number above 0). Required. */
  weights: string;
  /** The column of the strata, or one column per stage (R: `strata = ~s1 + s2`). Default: none. */
  strata?: string | readonly string[];
  /**
   * The column of the primary sampling units (clusters), or one column per stage
   * (R: `id = ~psu + ssu`). Default: every respondent is its own PSU.
   */
  psu?: string | readonly string[];
  /**
   * The column of the finite population correction (population sizes or sampling
   * fractions, as R's `fpc =`), or one per stage. Default: none.
   */
  fpc?: string | readonly string[];
  /** Whether PSU identifiers restart in each stratum (R: `nest = TRUE`). Default `false`. */
  nest?: boolean;
  /** A stratum with one PSU: `'fail'`, `'remove'`, `'adjust'` or `'average'` (R's `survey.lonely.psu`). Default `'fail'`. */
  lonelyPsu?: LonelyPsu;
  /** The columns of replicate weights (whole weights, one column per replicate), instead of strata and PSUs. */
  replicates?: readonly string[];
  /** The replication method of `replicates`: `'JK1'`, `'JKn'`, `'BRR'`, `'Fay'` or `'bootstrap'`. Required with replicates. */
  replicateType?: ReplicateType;
  /** More about the replicates, as core's `replicateDesign` takes it: `scale`, `rscales`, `mse`, `rho`, `combined`, `degf`. Default: R's defaults. */
  replicateOptions?: Omit<ReplicateDesignOptions, 'weights' | 'replicates' | 'type'>;
  /**
   * Columns to cross every question by: each value of each is a group (`group_dim` the
   * column, `group_value` the value), estimated as a domain of the whole design (R's
   * `svyby`, `subset`), never as a smaller design. A question is not crossed by itself.
   * Default: none (the whole sample only).
   */
  by?: string | readonly string[];
  /** Confidence level, in (0, 1). Default `0.95`. */
  level?: number;
  /** Interval method, as core's `designProportion`: `'logit'`, `'likelihood'`, `'beta'` or `'mean'`. Default `'logit'`. */
  method?: DesignProportionMethod;
  /** The survey's id in the tables. Default `'microdata'`. */
  surveyId?: string;
  /**
   * The columns' labels, as the readers give them: value labels become the options and
   * groups (a code without a label stays as it is), variable labels the questions'
   * wording, and user-missing codes count as missing. Default: none.
   */
  labels?: Record<string, VariableLabels>;
}

/**
 * What {@link weightedToplines} returns: the tables of a reanalysis, and the design.
 *
 * @example
 * // not run: illustrates the type
 * const w: WeightedToplines = weightedToplines(table, { questions: ['q1'], weights: 'w' });
 * reanalyze(w).surveys[0]?.weighting; // 'weighted'
 */
export interface WeightedToplines {
  /**
   * The results layout, one row per question × group × option: `survey_id`,
   * `question_id`, `group_dim`, `group_value`, `option`, `percent` (the weighted share,
   * percent units, unrounded), `percent_text` (to one decimal), `qualifier` (`exact`),
   * `is_net` (false), `base_n` (respondents in the group who answered), `source_id` and
   * `quote` (null); and the design's: `se` (standard error, proportion units), `lower`,
   * `upper` (the interval of `method`, proportions), `deff` (R's svymean design effect;
   * null at a share of 0 or 1), `n_effective` (base_n / deff), `method`, `level`, `df`
   * (the degrees of freedom of the interval's t: the design's, or the group's domain's), and
   * `covariance` (the covariances of the row's share with each option's of its question
   * and group, by option: what a lead between two options needs). A share the design fixes
   * (a sample stratified on the very question, or every PSU certain) has a variance within
   * rounding of 0 — at most 10⁻¹⁵·p(1 − p), core's tolerance — taken as exactly 0: `se` 0,
   * `lower` = `upper` = the share, `deff` 0 and `n_effective` null (never Infinity).
   */
  results: ColumnTable;
  /** One row: `survey_id`, `n` (respondents), `weighting` (`weighted`), `sample_type` (`unknown`), `notes` (the design); the rest null. */
  surveys: ColumnTable;
  /** One row per question: `survey_id`, `question_id`, `wording` (the variable label, or null), `response_type` (`single`). */
  questions: ColumnTable;
  /** The design the estimates come from (core's design object). */
  design: Design;
}

/** The columns of {@link WeightedToplines.results}, in order. */
export const WEIGHTED_TOPLINES_COLUMNS = [
  'survey_id',
  'question_id',
  'group_dim',
  'group_value',
  'option',
  'percent',
  'percent_text',
  'qualifier',
  'is_net',
  'base_n',
  'source_id',
  'quote',
  'se',
  'lower',
  'upper',
  'deff',
  'n_effective',
  'method',
  'level',
  'df',
  'covariance',
] as const;

/** The group of a whole-sample row. */
const TOTAL = 'total';

/**
 * Weighted toplines from respondent-level data, design-based.
 *
 * For every question (a single-choice answer per respondent), the weighted share of each
 * answer in the whole sample and within each group of the `by` columns, with the standard
 * error, interval and design effect of a complex sample — weights, strata, clusters at one
 * or more stages, finite population corrections, or replicate weights — as R's survey
 * package gives them (`svymean`, `svyby`, `svyciprop`: core's `designShares`). The output
 * is the results layout, so that {@link reanalyze}, {@link withIntervals}, {@link leads}
 * and the charts work on it unchanged: each row's `se` gives the reanalysis its design-based
 * variance (its effective n p(1 − p)/se²), and `covariance` the leads'.
 *
 * Missing answers (null, NaN, an empty or blank string, a user-missing code of `labels`)
 * are left out question by question: each question's shares are of those who answered it,
 * a domain of the whole design (R's `subset(design, !is.na(q))`), and `base_n` counts them.
 * A group's rows are left out when no one in it answered; a category nobody in a group
 * chose gets a share of 0. Options are the answers in ascending order (numbers, then
 * strings), shown by their value labels when `labels` has them.
 *
 * The `surveys` table says only what the data say: n, weighted, the design in `notes`;
 * title, organisation, mode and dates stay null.
 *
 * Reference: Lumley (2010), Complex Surveys: A Guide to Analysis Using R, Wiley, ch. 2–3.
 *
 * Cost: O(n·k) per question and group for k options (O(n·k·R) with R replicates).
 *
 * @param table - one row per respondent (an arquero table)
 * @param options - `questions` and `weights` (required), the design's columns, `by`,
 *   `level`, `method`, `surveyId`, `labels`
 * @returns the results, surveys and questions tables, and the design
 * @throws {DataError} `missing-column` naming the columns not found and listing the
 *   table's; `invalid-value` for a weight that is not a number above 0 (or a replicate
 *   weight below 0), an empty stratum or PSU, an fpc that is not a number, or a question
 *   nobody answered; `invalid-option` for a bad option; core's ToplinesError for a design
 *   R's survey refuses (a lonely PSU under `'fail'`, a PSU in two strata without `nest`)
 * @example
 * import { table } from 'arquero';
 * const people = table({
 *   vote: ['yes', 'no', 'yes', 'yes', 'no', 'no', 'yes', null],
 *   w: [1, 2, 1, 2, 1, 2, 1, 1],
 *   region: ['n', 'n', 'n', 'n', 's', 's', 's', 's'],
 *   psu: [1, 1, 2, 2, 3, 3, 4, 4],
 * });
 * const w = weightedToplines(people, { questions: ['vote'], weights: 'w', strata: 'region', psu: 'psu', by: 'region' });
 * w.results.select('group_value', 'option', 'percent', 'base_n').objects().slice(0, 2);
 * // => [{ group_value: 'total', option: 'no', percent: 50, base_n: 7 },
 * //     { group_value: 'total', option: 'yes', percent: 50, base_n: 7 }]
 * // R: svymean(~vote, svydesign(id = ~psu, strata = ~region, weights = ~w), na.rm = TRUE)
 * w.results.array('se')[0]; // => 0.2828427124746 (rounded)
 * w.surveys.get('weighting', 0); // => 'weighted'
 * reanalyze(w).surveys[0]?.questions.length; // => 3
 */
export function weightedToplines(
  table: ColumnTable,
  options: WeightedToplinesOptions,
): WeightedToplines {
  const fn = 'weightedToplines';
  if (!isTable(table)) throw new DataError('invalid-type', errorText.notATable(fn, table));
  const opts = readOptions(fn, dataError, options);
  const input = table.reify();
  const n = input.numRows();
  if (n < 2) throw new DataError('invalid-value', microdataText.noRespondents(fn));
  const questions = columnList(fn, 'questions', opts['questions'], true);
  const weightsColumn = columnList(fn, 'weights', opts['weights'], true);
  const strata = columnList(fn, 'strata', opts['strata'], false);
  const psu = columnList(fn, 'psu', opts['psu'], false);
  const fpc = columnList(fn, 'fpc', opts['fpc'], false);
  const replicates = columnList(fn, 'replicates', opts['replicates'], false);
  const by = columnList(fn, 'by', opts['by'], false);
  if (weightsColumn.length !== 1) {
    throw new DataError(
      'invalid-option',
      errorText.option(fn, 'weights', 'one column name', opts['weights']),
    );
  }
  const names = input.columnNames();
  const wanted = [...questions, ...weightsColumn, ...strata, ...psu, ...fpc, ...replicates, ...by];
  const unknown = [...new Set(wanted.filter((c) => !names.includes(c)))];
  if (unknown.length > 0) {
    throw new DataError('missing-column', microdataText.unknownColumns(fn, unknown, names));
  }
  const { level, method, surveyId } = microdataOptions(fn, opts);
  const labels = labelsOption(fn, opts['labels']);
  const column = (name: string) => Array.from(input.array(name) as ArrayLike<unknown>);

  const weightName = weightsColumn[0] as string;
  const weights = numbers(
    fn,
    weightName,
    column(weightName),
    (v) => v > 0,
    microdataText.badWeight,
  );
  let design: Design;
  const described = [`weights ${weightName}`];
  if (replicates.length > 0) {
    if (strata.length + psu.length + fpc.length > 0) {
      throw new DataError('invalid-option', microdataText.replicatesAndPsu(fn));
    }
    if (opts['replicateType'] === undefined)
      throw new DataError('invalid-option', microdataText.noReplicateType(fn));
    const type = readChoice(fn, dataError, 'replicateType', opts['replicateType'], REPLICATE_TYPES);
    const more = readOptions(fn, dataError, opts['replicateOptions'], 'replicateOptions');
    design = replicateDesign({
      ...more,
      weights,
      replicates: replicates.map((r) =>
        numbers(fn, r, column(r), (v) => v >= 0, microdataText.badReplicate),
      ),
      type,
    });
    described.push(`${replicates.length} ${type} replicate weights (${replicates[0]}…)`);
  } else {
    const lonelyPsu = readChoice(fn, dataError, 'lonelyPsu', opts['lonelyPsu'], LONELY_PSU_CHOICES);
    const ids = (cols: string[], what: string) =>
      cols.map((c) => identifiers(fn, what, c, column(c)));
    design = surveyDesign({
      weights,
      ...(strata.length === 0 ? {} : { strata: ids(strata, 'stratum') }),
      ...(psu.length === 0 ? {} : { psu: ids(psu, 'PSU') }),
      ...(fpc.length === 0
        ? {}
        : { fpc: fpc.map((c) => numbers(fn, c, column(c), () => true, microdataText.badFpc)) }),
      ...(opts['nest'] === undefined ? {} : { nest: opts['nest'] as boolean }),
      lonelyPsu,
    });
    if (strata.length > 0) described.push(`strata ${strata.join(' + ')}`);
    if (psu.length > 0) described.push(`PSUs ${psu.join(' + ')}`);
    if (fpc.length > 0) described.push(`fpc ${fpc.join(' + ')}`);
  }

  const out = Object.fromEntries(
    WEIGHTED_TOPLINES_COLUMNS.map((name) => [name, [] as unknown[]]),
  ) as Record<(typeof WEIGHTED_TOPLINES_COLUMNS)[number], unknown[]>;
  const groupings = by.map((g) => ({ name: g, ...categorical(column(g), labels[g]) }));
  const wording: (string | null)[] = [];
  for (const q of questions) {
    const answers = categorical(column(q), labels[q]);
    wording.push(labels[q]?.label ?? null);
    if (answers.levels.length === 0)
      throw new DataError('invalid-value', microdataText.noAnswers(fn, q));
    const answered = answers.codes.map((c) => c >= 0);
    const everyone = answered.every(Boolean);
    const groups: { dim: string; value: string; domain: boolean[] | undefined }[] = [
      { dim: TOTAL, value: TOTAL, domain: everyone ? undefined : answered },
    ];
    for (const g of groupings) {
      if (g.name === q) continue;
      g.levels.forEach((_, k) => {
        groups.push({
          dim: g.name,
          value: g.shown[k] as string,
          domain: g.codes.map((c, i) => c === k && (answered[i] as boolean)),
        });
      });
    }
    for (const group of groups) {
      if (group.domain !== undefined && !group.domain.includes(true)) continue;
      // Missing answers (null) lie outside every domain, where designShares does not read them.
      const shares = designShares(answers.values as Category[], design, {
        level,
        method,
        levels: answers.levels,
        ...(group.domain === undefined ? {} : { domain: group.domain }),
      });
      appendShares(out, shares, {
        surveyId,
        question: q,
        dim: group.dim,
        value: group.value,
        shown: answers.shown,
      });
    }
  }

  return { ...microdataTables(out, { surveyId, n, described, questions, wording }), design };
}

/**
 * The results, surveys and questions tables of weighted toplines (in memory
 * and from sums alike): the survey is described only by what the respondent
 * file gives — its n, that it is weighted, and the design.
 */
export function microdataTables(
  out: Record<(typeof WEIGHTED_TOPLINES_COLUMNS)[number], unknown[]>,
  at: {
    surveyId: string;
    n: number;
    described: readonly string[];
    questions: readonly string[];
    wording: (string | null)[];
  },
): { results: ColumnTable; surveys: ColumnTable; questions: ColumnTable } {
  const { surveyId, n, described, questions, wording } = at;
  return {
    results: makeTable(out, [...WEIGHTED_TOPLINES_COLUMNS]),
    surveys: makeTable({
      survey_id: [surveyId],
      title: [null],
      organization: [null],
      sponsor: [null],
      population: [null],
      country: [null],
      sample_type: ['unknown'],
      mode: [null],
      field_start: [null],
      field_end: [null],
      n: [n],
      moe_reported: [null],
      weighting: ['weighted'],
      source_id: [null],
      notes: [microdataText.designNote(described, n)],
    }),
    questions: makeTable({
      survey_id: questions.map(() => surveyId),
      question_id: [...questions],
      wording,
      response_type: questions.map(() => 'single'),
      topic: questions.map(() => null),
      base: questions.map(() => null),
    }),
  };
}

/** One group's shares as rows of the results layout (in memory and from sums alike). */
export function appendShares(
  out: Record<(typeof WEIGHTED_TOPLINES_COLUMNS)[number], unknown[]>,
  shares: DesignShares,
  at: { surveyId: string; question: string; dim: string; value: string; shown: string[] },
): void {
  shares.shares.forEach((s, a) => {
    const option = at.shown[a] as string;
    const covariance: Record<string, number> = {};
    at.shown.forEach((other, b) => {
      covariance[other] = (shares.covariance[a] as number[])[b] as number;
    });
    out.survey_id.push(at.surveyId);
    out.question_id.push(at.question);
    out.group_dim.push(at.dim);
    out.group_value.push(at.value);
    out.option.push(option);
    out.percent.push(100 * s.estimate);
    out.percent_text.push((100 * s.estimate).toFixed(1));
    out.qualifier.push('exact');
    out.is_net.push(false);
    out.base_n.push(shares.n);
    out.source_id.push(null);
    out.quote.push(null);
    out.se.push(s.se);
    out.lower.push(s.lower);
    out.upper.push(s.upper);
    out.deff.push(s.deff);
    out.n_effective.push(s.nEffective);
    out.method.push(shares.method);
    out.level.push(shares.level);
    out.df.push(shares.df);
    out.covariance.push(covariance);
  });
}

/**
 * A categorical column: each respondent's code (its level's index, −1 when missing), the
 * levels in ascending order (numbers, then strings, then booleans), their values as
 * designShares takes them (missing answers as null), and how each level is shown (its
 * value label, or the value as text).
 */
function categorical(
  values: unknown[],
  labels: VariableLabels | undefined,
): { codes: number[]; levels: Category[]; values: (Category | null)[]; shown: string[] } {
  const missing = new Set<unknown>(labels?.missing ?? []);
  const clean = values.map((v): Category | null => {
    if (v === null || v === undefined) return null;
    if (typeof v === 'bigint') return Number(v);
    if (typeof v === 'number') return Number.isFinite(v) && !missing.has(v) ? v : null;
    if (typeof v === 'string') return v.trim() === '' || missing.has(v) ? null : v;
    if (typeof v === 'boolean') return v;
    return String(v);
  });
  const levels = [...new Set(clean.filter((v): v is Category => v !== null))].sort(compare);
  const index = new Map(levels.map((l, k) => [l, k]));
  const named = new Map<unknown, string>((labels?.values ?? []).map((e) => [e.value, e.label]));
  return {
    codes: clean.map((v) => (v === null ? -1 : (index.get(v) as number))),
    levels,
    values: clean,
    shown: levels.map((l) => named.get(l) ?? String(l)),
  };
}

/** Numbers, then strings (by code unit), then booleans (false first): core's order. */
function compare(a: Category, b: Category): number {
  const rank = (v: Category): number => (typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : 2);
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A column of numbers that each pass `ok`; the first that does not is an error naming its row. */
function numbers(
  fn: string,
  name: string,
  values: unknown[],
  ok: (v: number) => boolean,
  message: (fn: string, column: string, value: unknown, row: number) => string,
): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const raw = values[i];
    const v = typeof raw === 'bigint' ? Number(raw) : raw;
    if (typeof v !== 'number' || !Number.isFinite(v) || !ok(v)) {
      throw new DataError('invalid-value', message(fn, name, raw, i + 1));
    }
    out[i] = v;
  }
  return out;
}

/** A column of identifiers (strata, PSUs): none may be missing. */
function identifiers(
  fn: string,
  what: string,
  name: string,
  values: unknown[],
): (string | number)[] {
  return values.map((v, i) => {
    if (typeof v === 'number' && Number.isFinite(v)) return v;
    if (typeof v === 'bigint') return Number(v);
    if (typeof v === 'string' && v.trim() !== '') return v;
    if (typeof v === 'boolean') return String(v);
    throw new DataError('invalid-value', microdataText.missingId(fn, what, name, i + 1));
  });
}

/** A column option: one name or a list of names (required ones non-empty). */
function columnList(fn: string, name: string, value: unknown, required: boolean): string[] {
  if (value === undefined && !required) return [];
  const list = typeof value === 'string' ? [value] : value;
  if (
    !Array.isArray(list) ||
    (required && list.length === 0) ||
    list.some((c) => typeof c !== 'string' || c === '')
  ) {
    if (name === 'questions' && (value === undefined || (Array.isArray(list) && list.length === 0)))
      throw new DataError('invalid-option', microdataText.noQuestions(fn));
    throw new DataError(
      'invalid-option',
      errorText.option(fn, name, 'a column name or an array of column names', value),
    );
  }
  return [...new Set(list as string[])];
}

/** The labels option: an object of VariableLabels by column (default none). */
/**
 * The options {@link weightedToplines} and `weightedToplinesFromSums` read
 * alike: the level, the interval method and the survey id (default
 * "microdata", else a non-empty string).
 */
export function microdataOptions(
  fn: string,
  opts: Record<string, unknown>,
): { level: number; method: (typeof DESIGN_PROPORTION_METHODS)[number]; surveyId: string } {
  const level = levelOption(fn, opts['level']);
  const method = readChoice(fn, dataError, 'method', opts['method'], DESIGN_PROPORTION_METHODS);
  const surveyId = opts['surveyId'] === undefined ? 'microdata' : opts['surveyId'];
  if (typeof surveyId !== 'string' || surveyId.trim() === '') {
    throw new DataError(
      'invalid-option',
      errorText.option(fn, 'surveyId', 'a non-empty string', surveyId),
    );
  }
  return { level, method, surveyId };
}

function labelsOption(fn: string, value: unknown): Record<string, VariableLabels> {
  const out: Record<string, VariableLabels> = Object.create(null);
  if (value === undefined) return out;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new DataError(
      'invalid-option',
      errorText.option(fn, 'labels', 'an object of labels by column', value),
    );
  }
  for (const [k, v] of Object.entries(value)) out[k] = v as VariableLabels;
  return out;
}
