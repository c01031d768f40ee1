import type { ProportionCIMethod } from '@toplines/core';
import { groupKey, readChoice } from '@toplines/core/internal';
import { type ColumnTable, table } from 'arquero';
import { DataError, dataError } from '../errors';
import { load } from '../io/bundled';
import { errorText } from '../messages';
import type { DataPackage, ValidationIssue } from '../types';
import { deffOption, isTable, levelOption, methodOption } from '../util/table-input';
import { consistency } from '../verbs/consistency';
import { type LeadPair, leadPairs } from '../verbs/leads';
import { withIntervals } from '../verbs/with-intervals';
import { acrossPollsResults } from './across';
import { inferredBase } from './bases';
import { keepDesignIntervals, SOURCE_ROW, sourceRowsOf } from './figure';
import type {
  AcrossPollsResult,
  Adjustment,
  InferredBase,
  Issue,
  Reanalysis,
  ReanalysisOptions,
  Summary,
  SurveyResult,
} from './model';
import { SCHEMA_VERSION } from './model';
import { noteText } from './notes';
import { assumedSizes, type Block, blockType, questionResult } from './question';
import { surveyResult } from './survey';
import { isTotal, positiveInteger, type Row, str } from './values';

/**
 * What {@link reanalyze} reads: a data package as {@link load} or the
 * readers give it, or the four tables of the toplines layout (only
 * `results` is required).
 *
 * @example
 * reanalyze(load()).input.kind; // => 'bundled'
 * const { results } = load();
 * reanalyze({ results }).input.kind; // => 'tables'
 */
export type ReanalyzeInput =
  | DataPackage
  | {
      results: ColumnTable;
      surveys?: ColumnTable;
      questions?: ColumnTable;
      sources?: ColumnTable;
    };

/**
 * Options of {@link reanalyze}.
 *
 * @example
 * const doc = reanalyze(load(), { method: 'clopper-pearson', level: 0.9, adjust: 'bh', surveys: ['api-2025-jp'] });
 * doc.options.adjust; // => 'bh'
 * doc.surveys.length; // => 1
 */
export interface ReanalyzeOptions {
  /** Interval method for one share, as core's `proportionCI`. Default `"wilson"`. */
  method?: ProportionCIMethod;
  /** Confidence level, in (0, 1). Default `0.95`. */
  level?: number;
  /**
   * Design effect for every survey (> 0), or `"implied"`: each survey's own,
   * from the margin it publishes at its n — never below 1, and 1 where it
   * publishes none. Default `"implied"`: a published margin is used unless
   * a number (e.g. `1`) is given.
   */
  deff?: number | 'implied';
  /**
   * How the p-values of the leads within one question are adjusted for their
   * number: `"holm"` (family-wise, the default), `"bh"` (Benjamini–Hochberg,
   * false discovery rate) or `"none"`. Raw and adjusted p-values are both reported.
   */
  adjust?: Adjustment;
  /** The sample sizes tried where a survey gives no n (whole numbers ≥ 1). Default `[500, 1000, 2000]`. */
  assumeN?: number[];
  /** Only these survey ids (each must exist). Default: every survey. */
  surveys?: string[];
  /** What was read, for the document's `input`. Default: the bundled data, or "data package". */
  input?: Reanalysis['input'];
  /** Validation issues found when the input was read, carried into `warnings`. Default none. */
  warnings?: readonly (ValidationIssue | Issue)[];
  /** Called after each question (for a progress indicator). Not part of the document. */
  onProgress?: (done: number, total: number) => void;
}

/** The adjustments of {@link ReanalyzeOptions.adjust}, the default first. */
const ADJUSTMENTS: readonly Adjustment[] = ['holm', 'bh', 'none'];

/** The sizes tried where a survey gives no n, unless `assumeN` says otherwise. */
export const DEFAULT_ASSUMED_N: readonly number[] = [500, 1000, 2000];

/**
 * Reanalyses a package of published toplines: the one engine behind
 * `toplines reanalyze` (terminal, `--json`, HTML report), for use in code
 * and notebooks.
 *
 * For every survey (in the order of the surveys table), every question in
 * each group and from each source: each figure's interval and margin of
 * error and whether a whole count out of n prints as it ({@link withIntervals},
 * {@link consistency}); every lead between two options ({@link leads}:
 * `leadTest` for single-choice and scale questions, the paired difference
 * for check-all ones) with its verdict; and, where n is unknown, the same
 * at assumed sizes (a quarter, half and all of the survey's n, never more;
 * `assumeN` where the survey gives none), with the smallest n at which a
 * lead would exceed its margin. Plain-language sentences come from core's
 * `explain`; the caveat on how the sample was drawn is said once per survey.
 *
 * The result is one JSON-serialisable {@link Reanalysis}: what the terminal,
 * JSON and HTML outputs show, and nothing about how they look.
 *
 * Cost: O(rows + Σ k²) over questions with k options; with unknown n, times
 * the assumed sizes.
 *
 * @param input - a data package (e.g. {@link load}()) or its tables; needs `results`
 * @param options - method, level, deff (or `"implied"`), assumed sizes, surveys to keep
 * @returns the reanalysis
 * @throws {DataError} `invalid-option` for a bad option or an unknown survey id;
 *   `missing-column` / `invalid-type` for a results table that is not one
 * @example
 * const doc = reanalyze(load());
 * doc.summary.surveys; // => 10
 * const us = doc.surveys[0]?.questions.find((q) => q.questionId === 'us-impression');
 * us?.leads[0]?.verdict; // => 'beyond-margin'
 */
export function reanalyze(input: ReanalyzeInput, options?: ReanalyzeOptions): Reanalysis {
  const stream = reanalyzeSurveys(input, options);
  const surveys = [...stream.surveys];
  const { summary, acrossPolls } = stream.finish();
  const { schemaVersion, input: read, options: used, warnings } = stream.head;
  return { schemaVersion, input: read, options: used, summary, warnings, surveys, acrossPolls };
}

/**
 * A reanalysis taken one survey at a time: what {@link reanalyzeSurveys}
 * returns. The document's fields come in three parts — `head` (known before
 * any survey is analysed), `surveys` (each analysed only when the iteration
 * asks for it, so that a caller writing each one out holds one survey at a
 * time), and `finish()` (the summary and the across-polls comparisons).
 *
 * @example
 * const stream = reanalyzeSurveys(load());
 * stream.planned.surveys; // => 10
 * for (const survey of stream.surveys) survey.surveyId; // one survey at a time
 * stream.finish().summary.surveys; // => 10
 */
export interface ReanalysisStream {
  /** The document's fields that do not depend on the surveys, in its order. */
  readonly head: Pick<Reanalysis, 'schemaVersion' | 'input' | 'options' | 'warnings'>;
  /**
   * What `summary` will count, known before any survey is analysed: the
   * surveys, the questions (one per block of survey, question, group and
   * source) and the figures (one per results row of the kept surveys).
   */
  readonly planned: Pick<Summary, 'surveys' | 'questions' | 'figures'>;
  /** The surveys in the document's order, each analysed when the iteration reaches it. Iterates once. */
  readonly surveys: Generator<SurveyResult, void, undefined>;
  /** The ids of the surveys `surveys` yields, in its order. */
  readonly surveyIds: readonly string[];
  /**
   * The summary of every survey and the across-polls comparisons; any survey
   * not yet taken from `surveys` is analysed (and dropped) first.
   */
  finish(): Pick<Reanalysis, 'summary' | 'acrossPolls'>;
  /**
   * The counts of the surveys taken from `surveys` so far (none is analysed
   * for it): with `finish()` never called, what one shard of an archive
   * analysed in a worker thread adds to the whole's summary.
   */
  summary(): Summary;
  /**
   * The across-polls comparisons alone, computed from the tables (no survey
   * is analysed for them): `finish().acrossPolls` for a caller that analyses
   * the surveys elsewhere, e.g. in worker threads, one shard each.
   */
  acrossPolls(): AcrossPollsResult[];
}

/**
 * The streaming form of {@link reanalyze}: the same document, one survey at
 * a time. Options and survey ids are checked, and the results split by
 * survey, when it is called; each survey is analysed when `surveys` yields
 * it. `reanalyze(input, options)` is exactly `head`, then `finish().summary`,
 * the collected `surveys` and `finish().acrossPolls`.
 *
 * Use it for archives too large to hold as one document (e.g. 200,000
 * results rows): memory is the input tables plus one survey's analysis.
 *
 * Cost: as {@link reanalyze}: O(rows + Σ k²), spread over the iteration.
 *
 * @param input - a data package (e.g. {@link load}()) or its tables; needs `results`
 * @param options - as {@link reanalyze}
 * @returns the head, the planned counts, the surveys' generator and `finish()`
 * @throws {DataError} as {@link reanalyze}, when called (not while iterating)
 * @example
 * const stream = reanalyzeSurveys(load(), { surveys: ['api-2025-jp'] });
 * stream.head.options.surveys; // => ['api-2025-jp']
 * [...stream.surveys].map((s) => s.surveyId); // => ['api-2025-jp']
 * stream.finish().summary.surveys; // => 1
 */
export function reanalyzeSurveys(
  input: ReanalyzeInput,
  options?: ReanalyzeOptions,
): ReanalysisStream {
  const fn = 'reanalyze';
  const opts = resolveOptions(fn, input, options);
  const tables = inputTables(fn, input);
  const surveyRows = (tables.surveys?.objects() ?? []) as Row[];
  const questionMeta = new Map<string, { row: Row; order: number }>();
  ((tables.questions?.objects() ?? []) as Row[]).forEach((q, order) => {
    const key = groupKey(q['survey_id'], q['question_id']);
    if (!questionMeta.has(key)) questionMeta.set(key, { row: q, order });
  });
  const columns = columnsOf(tables.results);
  const split = splitBySurvey(columns.columns, tables.results.numRows());
  const kept = keptSurveys(surveyRows, split.ids, opts.surveys);
  const planned = { surveys: kept.length, questions: 0, figures: 0 };
  for (const { id } of kept) {
    planned.questions += split.blocks.get(id) ?? 0;
    planned.figures += split.rows.get(id)?.length ?? 0;
  }
  const sample = {
    ...(tables.surveys === undefined ? {} : { surveys: tables.surveys }),
    ...(tables.questions === undefined ? {} : { questions: tables.questions }),
  };
  const summary = emptySummary(opts.adjust);
  let done = 0;
  function* surveys(): Generator<SurveyResult, void, undefined> {
    for (const { id, row } of kept) {
      const survey = analyseSurvey(
        surveyResult(id, row, opts),
        surveyTable(columns, split.rows.get(id) ?? []),
        sample,
        questionMeta,
        opts,
        () => {
          done++;
          options?.onProgress?.(done, planned.questions);
        },
      );
      addToSummary(summary, survey);
      yield survey;
    }
  }
  const generator = surveys();
  const acrossPolls = (): AcrossPollsResult[] => {
    if (tables.surveys === undefined || tables.questions === undefined) return [];
    const wanted = new Set(opts.surveys);
    return acrossPollsResults(tables.results, tables.surveys, tables.questions, opts).filter((c) =>
      c.polls.some((p) => wanted.size === 0 || wanted.has(p.surveyId)),
    );
  };
  return {
    head: {
      schemaVersion: SCHEMA_VERSION,
      input: opts.input,
      options: {
        method: opts.method,
        level: opts.level,
        deff: opts.deff,
        adjust: opts.adjust,
        assumeN: opts.assumeN,
        surveys: opts.surveys,
      },
      warnings: opts.warnings,
    },
    planned,
    surveys: generator,
    surveyIds: kept.map((k) => k.id),
    finish() {
      for (const _ of generator) {
        // analysed for the summary only
      }
      return { summary: { ...summary }, acrossPolls: acrossPolls() };
    },
    summary: () => ({ ...summary }),
    acrossPolls,
  };
}

/**
 * The results split by survey in one pass: each survey id's row indices (in
 * the table's order), the number of its blocks (the question count), and
 * the ids in order of first appearance. Rows are matched by `===` on the
 * survey_id cell, as a filter on it would.
 */
function splitBySurvey(
  columns: ReadonlyMap<string, ArrayLike<unknown>>,
  n: number,
): {
  ids: string[];
  rows: Map<string, number[]>;
  blocks: Map<string, number>;
} {
  const column = (name: string): ArrayLike<unknown> | null => columns.get(name) ?? null;
  const surveyIds = column('survey_id') ?? new Array(n).fill(undefined);
  const parts = ['question_id', 'group_dim', 'group_value', 'source_id'].map(column);
  const [questionIds, dims, values, sources] = parts;
  const ids: string[] = [];
  const seen = new Set<string>();
  const rows = new Map<string, number[]>();
  // Each survey's block keys while counting them; only the counts are kept.
  const keysOf = new Map<string, Set<string>>();
  for (let i = 0; i < n; i++) {
    const raw = surveyIds[i];
    const text = String(raw ?? '');
    if (!seen.has(text)) {
      seen.add(text);
      ids.push(text);
    }
    // Only a string id selects rows: a null or numeric survey_id matches no survey's id.
    if (typeof raw !== 'string') continue;
    let list = rows.get(raw);
    let keys = keysOf.get(raw);
    if (list === undefined || keys === undefined) {
      list = [];
      keys = new Set();
      rows.set(raw, list);
      keysOf.set(raw, keys);
    }
    list.push(i);
    keys.add(
      groupKey(
        raw,
        questionIds?.[i],
        dims?.[i] ?? 'total',
        values?.[i] ?? 'total',
        sources?.[i] ?? null,
      ),
    );
  }
  const blocks = new Map<string, number>();
  for (const [id, keys] of keysOf) blocks.set(id, keys.size);
  return { ids, rows, blocks };
}

/**
 * One survey's rows as a table of their own, with each row's place in the
 * input (the {@link SOURCE_ROW} column, carried over where the input has it):
 * built from the index list and the columns read once (arquero's `array()`
 * copies a column on every call), so that taking every survey costs
 * O(rows), not a scan of the whole table per survey.
 */
function surveyTable({ columns, places }: ResultsColumns, indices: readonly number[]): ColumnTable {
  const picked: Record<string, unknown[]> = {};
  for (const [name, values] of columns) picked[name] = indices.map((i) => values[i]);
  picked[SOURCE_ROW] = places === null ? [...indices] : indices.map((i) => places[i]);
  return table(picked, [...columns.keys(), SOURCE_ROW]);
}

/** The results table's columns, and each row's place where the table carries them. */
interface ResultsColumns {
  columns: Map<string, ArrayLike<unknown>>;
  places: ArrayLike<number> | null;
}

/**
 * The results table's columns, each read once, but {@link SOURCE_ROW} (whose
 * values, when they are all whole numbers ≥ 0, are the rows' places): a
 * table as the readers give it (neither filtered nor ordered) lends its own
 * arrays; any other is copied in its row order.
 */
function columnsOf(results: ColumnTable): ResultsColumns {
  const columns = new Map<string, ArrayLike<unknown>>();
  const plain = !results.isFiltered() && !results.isOrdered();
  const read = (name: string) => {
    const own = plain ? results.column(name) : undefined;
    return Array.isArray(own) ? own : (results.array(name) as ArrayLike<unknown>);
  };
  let places: ArrayLike<number> | null = null;
  for (const name of results.columnNames()) {
    if (name !== SOURCE_ROW) columns.set(name, read(name));
    else places = sourceRowsOf(read(name));
  }
  return { columns, places };
}

interface Resolved extends ReanalysisOptions {
  input: Reanalysis['input'];
  warnings: Issue[];
  /** Whether `method` was given (else rows of respondent-level data show their design's interval). */
  methodGiven: boolean;
}

/** What was read, when the caller does not say: the bundled data, or tables. */
function defaultInput(input: ReanalyzeInput): Reanalysis['input'] {
  return input === load()
    ? { kind: 'bundled', path: null, title: BUNDLED_TITLE }
    : { kind: 'tables', path: null, title: 'tables passed to reanalyze()' };
}

/** The title of the bundled data in a reanalysis. */
export const BUNDLED_TITLE = 'bundled data: 2025 Japanese surveys on Japan–U.S. relations';

function resolveOptions(
  fn: string,
  input: ReanalyzeInput,
  options: ReanalyzeOptions | undefined,
): Resolved {
  if (
    options !== undefined &&
    (options === null || typeof options !== 'object' || Array.isArray(options))
  ) {
    throw new DataError('invalid-option', errorText.option(fn, 'options', 'an object', options));
  }
  const opts = (options ?? {}) as Record<string, unknown>;
  const deff =
    opts['deff'] === undefined || opts['deff'] === 'implied'
      ? 'implied'
      : deffOption(fn, opts['deff']);
  const adjust = readChoice(fn, dataError, 'adjust', opts['adjust'], ADJUSTMENTS);
  const assumeN = opts['assumeN'] === undefined ? [...DEFAULT_ASSUMED_N] : opts['assumeN'];
  if (
    !Array.isArray(assumeN) ||
    assumeN.length === 0 ||
    assumeN.some((n) => positiveInteger(n) === null || n > Number.MAX_SAFE_INTEGER)
  ) {
    throw new DataError(
      'invalid-option',
      errorText.option(fn, 'assumeN', 'a non-empty array of whole numbers ≥ 1', assumeN),
    );
  }
  const surveys = opts['surveys'] === undefined ? [] : opts['surveys'];
  if (!Array.isArray(surveys) || surveys.some((s) => typeof s !== 'string' || s.trim() === '')) {
    throw new DataError(
      'invalid-option',
      errorText.option(fn, 'surveys', 'an array of survey ids', surveys),
    );
  }
  const warnings = ((opts['warnings'] ?? []) as (ValidationIssue | Issue)[]).map(issueOf);
  return {
    method: methodOption(fn, opts['method']) as ProportionCIMethod,
    level: levelOption(fn, opts['level']),
    deff,
    adjust,
    assumeN: [...new Set(assumeN as number[])].sort((a, b) => a - b),
    surveys: surveys as string[],
    input: (opts['input'] as Reanalysis['input'] | undefined) ?? defaultInput(input),
    warnings,
    methodGiven: opts['method'] !== undefined,
  };
}

function issueOf(w: ValidationIssue | Issue): Issue {
  return {
    severity: w.severity,
    code: w.code,
    file: w.file,
    row: w.row ?? null,
    column: w.column ?? null,
    message: w.message,
  };
}

function inputTables(
  fn: string,
  input: ReanalyzeInput,
): { results: ColumnTable; surveys?: ColumnTable; questions?: ColumnTable } {
  const given = input as Partial<Record<'results' | 'surveys' | 'questions', unknown>> | null;
  if (given === null || typeof given !== 'object' || !isTable(given.results)) {
    throw new DataError('invalid-type', errorText.notATable(fn, given?.results ?? input));
  }
  const optional = (name: 'surveys' | 'questions') =>
    isTable(given[name]) ? { [name]: given[name] as ColumnTable } : {};
  return { results: given.results, ...optional('surveys'), ...optional('questions') };
}

/** The surveys to analyse: the surveys table's order, then any only the results name; then the filter. */
function keptSurveys(
  surveyRows: Row[],
  resultIds: readonly string[],
  wanted: string[],
): { id: string; row: Row }[] {
  const meta = new Map<string, Row>();
  for (const s of surveyRows) {
    const id = str(s['survey_id']);
    if (id !== null && !meta.has(id)) meta.set(id, s);
  }
  const ids = [...meta.keys()];
  const seen = new Set(ids);
  for (const id of resultIds) {
    if (!seen.has(id)) {
      seen.add(id);
      ids.push(id);
    }
  }
  for (const id of wanted) {
    if (!seen.has(id)) throw new DataError('invalid-option', noteText.unknownSurvey(id, ids));
  }
  const keep = new Set(wanted);
  return (wanted.length === 0 ? ids : ids.filter((id) => keep.has(id))).map((id) => ({
    id,
    row: meta.get(id) ?? {},
  }));
}

function blockKey(r: Row): string {
  return groupKey(
    r['survey_id'],
    r['question_id'],
    r['group_dim'] ?? 'total',
    r['group_value'] ?? 'total',
    r['source_id'] ?? null,
  );
}

/**
 * One survey: the n of each row (stated, or a follow-up's inferred base),
 * its figures and checks, its blocks, their pairs (also at each assumed n),
 * its questions.
 */
function analyseSurvey(
  header: SurveyResult,
  results: ColumnTable,
  sample: { surveys?: ColumnTable; questions?: ColumnTable },
  questionMeta: Map<string, { row: Row; order: number }>,
  opts: Resolved,
  progress: () => void,
): SurveyResult {
  const intervals = { method: opts.method, level: opts.level, deff: header.deff };
  // Pass 1: the n the data states; then the bases of follow-ups it does not.
  // Rows with a design's interval (weightedToplines) keep it: withIntervals writes its own.
  const table = keepDesignIntervals(results);
  const atStated = withIntervals(table, { ...sample, ...intervals });
  const stated = atStated.objects() as Row[];
  // Each row's block key, made once (a JSON text per row: the pairs look theirs up).
  const keys = stated.map(blockKey);
  const blocks = surveyBlocks(stated, keys, questionMeta);
  const bases = inferBases(blocks, stated);
  const sized =
    bases.size === 0
      ? table
      : table.assign({
          base_n: stated.map((r, i) => positiveInteger(r['n_used']) ?? bases.get(i) ?? null),
        });
  // Pass 2: intervals and count checks at those n (pass 1's intervals when no base was inferred).
  const checked = consistency(
    bases.size === 0 ? atStated : withIntervals(sized, { ...sample, ...intervals }),
    sample,
  );
  const rows =
    bases.size === 0 ? withColumns(stated, checked, CHECK_COLUMNS) : (checked.objects() as Row[]);
  const typed = checked.assign({
    response_type: typesByRow(rows.length, blocks),
    scale_order: scaleOrders(rows.length, blocks),
  });
  const testOptions = { level: opts.level, deff: header.deff, pairs: 'meaningful' as const };
  const pairs = byBlock(leadPairs('reanalyze', typed, testOptions), keys);

  // Where some n is still unknown: the same rows and pairs at each assumed size.
  const known = rows.map((r) => positiveInteger(r['n_used']));
  const atSizes = new Map<string, { rows: Row[][]; pairs: Map<string, LeadPair[]>[] }>();
  const scenarios = (sizes: number[]) => {
    const key = sizes.join(',');
    let found = atSizes.get(key);
    if (found === undefined) {
      found = { rows: [], pairs: [] };
      for (const size of sizes) {
        const base = known.map((n) => n ?? size);
        const at = withIntervals(sized.assign({ base_n: base }), { ...sample, ...intervals });
        found.rows.push(at.objects() as Row[]);
        found.pairs.push(
          byBlock(leadPairs('reanalyze', typed.assign({ n_used: base }), testOptions), keys),
        );
      }
      atSizes.set(key, found);
    }
    return found;
  };

  for (const [key, block] of blocks) {
    const unknown = block.members.some((i) => known[i] === null);
    const assumed = unknown ? assumedSizes(block, rows, header, opts) : { sizes: [], caveat: null };
    const at = scenarios(assumed.sizes);
    const inputs = {
      rows,
      assumed,
      rowsAtSize: at.rows,
      pairs: pairs.get(key) ?? [],
      pairsAtSize: at.pairs.map((m) => m.get(key) ?? []),
    };
    header.questions.push(questionResult(block, inputs, header, opts));
    progress();
  }
  if (header.n === null && header.questions.some((q) => q.options.some((o) => o.n === null))) {
    header.caveats.push(noteText.surveyNUnknown(opts.assumeN));
  }
  const counted = header.questions.some((q) =>
    q.options.some((o) => o.countCheck !== 'not-checked'),
  );
  if (counted && header.weighting !== 'unweighted')
    header.caveats.push(noteText.unweightedAssumed());
  return header;
}

/**
 * The inferred base of each row of a follow-up whose n is not stated but
 * whose filter question and options are (see {@link inferredBase}); the
 * blocks get theirs. Row index → base.
 */
function inferBases(blocks: Map<string, Block>, rows: Row[]): Map<number, number> {
  const byRow = new Map<number, number>();
  for (const block of blocks.values()) {
    const first = rows[block.members[0] as number] as Row;
    const unknown = block.members.every((i) => positiveInteger(rows[i]?.['n_used']) === null);
    if (!unknown || !isTotal(first) || block.restates !== null) continue;
    const base: InferredBase | null = inferredBase(block.question, rows);
    if (base === null) continue;
    block.inferredBase = base;
    for (const i of block.members) byRow.set(i, base.n);
  }
  return byRow;
}

/** The columns `consistency` adds to a table. */
const CHECK_COLUMNS = ['count_min', 'count_max', 'consistent', 'consistency_note'] as const;

/**
 * `rows` (the objects of a table) with the given columns of `table`, whose
 * rows they are, set on them: the objects of `table` without making every
 * row's object again (arquero's objects() copies each cell; a survey's
 * rows were made twice, #18). Changes `rows`.
 */
function withColumns(rows: Row[], table: ColumnTable, names: readonly string[]): Row[] {
  for (const name of names) {
    const values = table.array(name) as ArrayLike<unknown>;
    for (let i = 0; i < rows.length; i++) (rows[i] as Record<string, unknown>)[name] = values[i];
  }
  return rows;
}

/** The blocks of a survey, in the questions table's order, whole sample before groups. */
function surveyBlocks(
  rows: Row[],
  keys: readonly string[],
  questionMeta: Map<string, { row: Row; order: number }>,
): Map<string, Block> {
  const members = new Map<string, number[]>();
  rows.forEach((_, i) => {
    const key = keys[i] as string;
    const list = members.get(key);
    if (list === undefined) members.set(key, [i]);
    else list.push(i);
  });
  // Each block's place, worked out once (not again at each comparison of the sort).
  const placed = [...members].map(([key, list]) => {
    const r = rows[list[0] as number] as Row;
    const meta = questionMeta.get(groupKey(r['survey_id'], r['question_id']));
    return {
      key,
      list,
      meta,
      q: meta?.order ?? Number.MAX_SAFE_INTEGER,
      id: r['question_id'],
      total: isTotal(r) ? 0 : 1,
      first: list[0] as number,
    };
  });
  const sorted = placed.sort((x, y) => {
    if (x.q !== y.q) return x.q - y.q;
    if (x.id !== y.id) return x.first - y.first;
    return x.total - y.total || x.first - y.first;
  });
  const blocks = new Map<string, Block>();
  for (const { key, list, meta } of sorted) {
    const question = meta?.row ?? {};
    blocks.set(key, {
      members: list,
      question,
      ...blockType(list, rows, question),
      restates: str(question['restates']),
      inferredBase: null,
    });
  }
  return blocks;
}

function typesByRow(count: number, blocks: Map<string, Block>): string[] {
  const types = new Array<string>(count).fill('single');
  for (const block of blocks.values()) {
    // A restatement is analysed under the question it restates: no pairs here.
    const type = block.restates === null ? block.responseType : 'restated';
    for (const i of block.members) types[i] = type;
  }
  return types;
}

function scaleOrders(count: number, blocks: Map<string, Block>): (string | null)[] {
  const orders = new Array<string | null>(count).fill(null);
  for (const block of blocks.values()) {
    const order = str(block.question['scale_order']);
    for (const i of block.members) orders[i] = order;
  }
  return orders;
}

/** Pairs grouped by their block (`keys`: each row's block key). */
function byBlock(pairs: LeadPair[], keys: readonly string[]): Map<string, LeadPair[]> {
  const out = new Map<string, LeadPair[]>();
  for (const pair of pairs) {
    const key = keys[pair.a] as string;
    const list = out.get(key);
    if (list === undefined) out.set(key, [pair]);
    else list.push(pair);
  }
  return out;
}

/** A summary with nothing counted yet. */
function emptySummary(adjustment: Adjustment): Summary {
  return {
    surveys: 0,
    questions: 0,
    figures: 0,
    leads: 0,
    beyondMargin: 0,
    withinMargin: 0,
    dependsOnOverlap: 0,
    nUnknownLeads: 0,
    inconsistent: 0,
    nUnknownFigures: 0,
    adjustment,
    beyondMarginAdjusted: 0,
    checkableFigures: 0,
    uncheckableFigures: 0,
  };
}

/** Counts one survey's questions, figures and leads into `summary`. */
function addToSummary(summary: Summary, survey: SurveyResult): void {
  summary.surveys++;
  for (const q of survey.questions) {
    summary.questions++;
    for (const o of q.options) {
      summary.figures++;
      if (o.consistent === false) summary.inconsistent++;
      if (o.n === null) summary.nUnknownFigures++;
      if (o.countCheck === 'checked') summary.checkableFigures++;
      else if (o.countCheck === 'cannot-fail') summary.uncheckableFigures++;
    }
    for (const l of q.leads) {
      summary.leads++;
      if (l.verdict === 'beyond-margin') summary.beyondMargin++;
      else if (l.verdict === 'within-margin') summary.withinMargin++;
      else if (l.verdict === 'depends-on-overlap') summary.dependsOnOverlap++;
      else if (l.verdict === 'n-unknown') summary.nUnknownLeads++;
      if (l.significantAdjusted === true) summary.beyondMarginAdjusted++;
    }
  }
}
