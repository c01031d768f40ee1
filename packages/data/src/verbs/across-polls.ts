import type { ProportionCIMethod } from '@toplines/core';
import { type ColumnTable, table as makeTable } from 'arquero';
import { DataError } from '../errors';
import { PERCENT_TEXT } from '../io/read-resource';
import { errorText } from '../messages';
import { questionKey, rowDecimals, TOTAL } from '../util/sample-size';
import {
  checkVerbOptions,
  isTable,
  levelOption,
  methodOption,
  percentOf,
  qualifierOf,
  tableInput,
} from '../util/table-input';
import { withIntervals } from './with-intervals';

/**
 * Options of {@link acrossPolls}.
 *
 * @example
 * // not run: a fragment (results, surveys and questions as from load())
 * acrossPolls(results, { construct: 'japan-us-relations-current', surveys, questions, level: 0.9 });
 */
export interface AcrossPollsOptions {
  /**
   * The construct: a `construct` key of the questions table
   * (`"japan-us-relations-current"`). Required.
   */
  construct: string;
  /**
   * The surveys table (e.g. `load().surveys`): each poll's `organization`,
   * `field_start`, `field_end` and `n`. Required.
   */
  surveys: ColumnTable;
  /**
   * The questions table (e.g. `load().questions`): which questions share the
   * construct (`construct`), which option measures it (`construct_option`),
   * their `wording`, `construct_note`, `base` and `restates`. Required.
   */
  questions: ColumnTable;
  /** Confidence level of `lower` and `upper`, in (0, 1). Default `0.95`. */
  level?: number;
  /**
   * Interval method, as in core's `proportionCI`: `"wilson"` (default),
   * `"wilson-cc"`, `"wald"`, `"agresti-coull"`, `"clopper-pearson"`, `"jeffreys"`.
   */
  method?: ProportionCIMethod;
}

/**
 * The columns of the table {@link acrossPolls} returns, in order.
 *
 * @example
 * ACROSS_POLLS_COLUMNS.includes('construct_note'); // => true
 */
export const ACROSS_POLLS_COLUMNS = [
  'construct',
  'survey_id',
  'question_id',
  'organization',
  'field_start',
  'field_end',
  'option',
  'percent',
  'qualifier',
  'estimate',
  'n_used',
  'lower',
  'upper',
  'interval_note',
  'source_id',
  'wording',
  'construct_note',
] as const;

/** A question of the construct: its keys, the option that measures it, its wording and note. */
interface Linked {
  surveyId: string;
  questionId: string;
  option: string | null;
  wording: unknown;
  note: unknown;
}

/**
 * One construct across polls: the share that measures it in each poll, with
 * its interval, ready for a poll average (core's `pollAverage`) or a test of
 * a trend (core's `trendTest`).
 *
 * The questions that share the `construct` key of the questions table are
 * the construct's polls; a question that restates another (`restates`) is
 * left out, since it is not a second measurement. Of each question, the
 * whole-sample row (group `total`/`total`) of its `construct_option` is
 * taken — every whole-sample option when the question has no
 * `construct_option`. When several sources print the figure, the most
 * precise is kept: an exact figure before a qualified one, then the one with
 * more decimals ("41.7" before "42"), then the first in table order.
 *
 * One row per poll (and option), sorted by fieldwork: by `field_end`, then
 * `field_start`, then `survey_id`; polls whose fieldwork days the sources do
 * not give (null dates) come last, in `survey_id` order. Columns:
 * - `construct`, `survey_id`, `question_id`;
 * - `organization`, `field_start`, `field_end` (YYYY-MM-DD strings, null
 *   when the source gives no days) from the surveys table;
 * - `option` (as this poll words it), `percent` (as printed), `qualifier`;
 * - `estimate` (percent / 100), `n_used`, `lower`, `upper`, `interval_note`:
 *   the columns of {@link withIntervals}, at `level` and `method` — a poll
 *   without a known n keeps null `n_used`, `lower` and `upper` (never an
 *   invented n), and `interval_note` says why;
 * - `source_id` of the figure kept;
 * - `wording` and `construct_note` of the question: what differs between
 *   the polls (wording, response scale, population, mode), to read before
 *   averaging them.
 *
 * The rows map to core's `pollAverage` as `{ p: estimate, n: n_used }`
 * (polls with a known n only) and to its `trendTest` as shares and ns.
 *
 * Cost: O(results + questions + surveys).
 *
 * @param results - a results table: needs `survey_id`, `question_id`, `option`,
 *   `percent`; reads `group_dim`, `group_value`, `qualifier`, `base_n`,
 *   `source_id` and `percent_text` when present
 * @param options - `construct`, `surveys`, `questions`, `level`, `method`
 * @returns a new table with the columns of {@link ACROSS_POLLS_COLUMNS}; the input is not changed
 * @throws {DataError} `missing-column` when results or questions lack a column it needs;
 *   `invalid-option` for an unknown construct, a missing table or a bad level or method
 * @example
 * const { results, surveys, questions } = load();
 * const polls = acrossPolls(results, { construct: 'japan-us-relations-current', surveys, questions });
 * polls.array('survey_id');
 * // => ['api-2025-jp', 'cabinet-secretariat-2024-10', 'utokyo-2024-08', 'utokyo-2025-08']
 * polls.array('option'); // => ['good', 'going well', 'positive', 'positive']
 * polls.array('percent'); // => [42.4, 85.5, 45, 18]
 * polls.array('n_used'); // => [1037, null, null, null]
 * polls.array('lower'); // => [0.39425646935366226, null, null, null]
 * polls.array('interval_note'); // => [null, 'n unknown', 'n unknown', 'n unknown']
 */
export function acrossPolls(results: ColumnTable, options: AcrossPollsOptions): ColumnTable {
  const fn = 'acrossPolls';
  const opts = checkVerbOptions(fn, options);
  const construct = opts['construct'];
  if (typeof construct !== 'string' || construct.trim() === '') {
    throw new DataError(
      'invalid-option',
      errorText.option(fn, 'construct', 'a construct key of the questions table', construct),
    );
  }
  for (const name of ['surveys', 'questions'] as const) {
    if (!isTable(opts[name])) {
      throw new DataError(
        'invalid-option',
        errorText.option(fn, name, 'an arquero table', opts[name]),
      );
    }
  }
  const level = levelOption(fn, opts['level']);
  const method = methodOption(fn, opts['method']);
  const surveys = tableInput(fn, opts['surveys'], ['survey_id']);
  const questions = tableInput(fn, opts['questions'], ['survey_id', 'question_id', 'construct']);
  const input = tableInput(fn, results, ['survey_id', 'question_id', 'option', 'percent']);

  const linked = linkedQuestions(questions, construct);
  if (linked.length === 0) {
    const known = [
      ...new Set(questions.column('construct').filter((c) => typeof c === 'string' && c !== '')),
    ];
    throw new DataError(
      'invalid-option',
      errorText.option(
        fn,
        'construct',
        known.length === 0
          ? 'a construct key of the questions table, which has none'
          : `a construct key of the questions table (${known.map((k) => JSON.stringify(k)).join(', ')})`,
        construct,
      ),
    );
  }

  const chosen = chosenRows(input, linked);
  const names = input.table.columnNames();
  const picked = makeTable(
    Object.fromEntries(names.map((name) => [name, chosen.map((i) => input.column(name)[i])])),
  );
  const withCi = withIntervals(picked, {
    surveys: surveys.table,
    questions: questions.table,
    level,
    method,
  });

  const survey = new Map<string, Record<string, unknown>>();
  const sIds = surveys.column('survey_id');
  const sOrg = surveys.column('organization');
  const sStart = surveys.column('field_start');
  const sEnd = surveys.column('field_end');
  sIds.forEach((id, i) => {
    if (typeof id === 'string' && !survey.has(id))
      survey.set(id, { organization: sOrg[i], field_start: sStart[i], field_end: sEnd[i] });
  });
  const byKey = new Map(linked.map((q) => [questionKey(q.surveyId, q.questionId), q]));

  const rows = (withCi.objects() as Record<string, unknown>[]).map((r) => {
    const s = survey.get(String(r['survey_id'])) ?? {};
    const q = byKey.get(questionKey(r['survey_id'], r['question_id']));
    return {
      construct,
      survey_id: r['survey_id'],
      question_id: r['question_id'],
      organization: text(s['organization']),
      field_start: text(s['field_start']),
      field_end: text(s['field_end']),
      option: r['option'],
      percent: r['percent'],
      qualifier: qualifierOf(r['qualifier']),
      estimate: r['estimate'],
      n_used: r['n_used'],
      lower: r['lower'],
      upper: r['upper'],
      interval_note: r['interval_note'],
      source_id: r['source_id'] ?? null,
      wording: text(q?.wording),
      construct_note: text(q?.note),
    };
  });
  rows.sort(byFieldwork);
  return makeTable(Object.fromEntries(ACROSS_POLLS_COLUMNS.map((c) => [c, rows.map((r) => r[c])])));
}

/** The questions of one construct, in table order, restatements left out. */
function linkedQuestions(questions: ReturnType<typeof tableInput>, construct: string): Linked[] {
  const keys = questions.column('construct');
  const sIds = questions.column('survey_id');
  const qIds = questions.column('question_id');
  const opts = questions.column('construct_option');
  const restates = questions.column('restates');
  const wordings = questions.column('wording');
  const notes = questions.column('construct_note');
  const linked: Linked[] = [];
  for (let i = 0; i < questions.numRows; i++) {
    if (keys[i] !== construct || text(restates[i]) !== null) continue;
    const surveyId = sIds[i];
    const questionId = qIds[i];
    if (typeof surveyId !== 'string' || typeof questionId !== 'string') continue;
    linked.push({
      surveyId,
      questionId,
      option: text(opts[i]),
      wording: wordings[i],
      note: notes[i],
    });
  }
  return linked;
}

/**
 * The row index of each poll's figure: the whole-sample rows of each linked
 * question's option (every option without one), one per option, the most
 * precise when several sources print it.
 */
function chosenRows(input: ReturnType<typeof tableInput>, linked: readonly Linked[]): number[] {
  const wanted = new Map(linked.map((q) => [questionKey(q.surveyId, q.questionId), q]));
  const dims = input.column('group_dim');
  const values = input.column('group_value');
  const sIds = input.column('survey_id');
  const qIds = input.column('question_id');
  const options = input.column('option');
  const percents = input.column('percent');
  const qualifiers = input.column('qualifier');
  const texts = input.column(PERCENT_TEXT);
  const best = new Map<string, number>();
  const order: string[] = [];
  const rank = (i: number): [number, number] => {
    const percent = percentOf(percents[i]);
    const exact = qualifierOf(qualifiers[i]) === 'exact' ? 1 : 0;
    return [exact, percent === null ? -1 : rowDecimals(undefined, texts[i], percent)];
  };
  for (let i = 0; i < input.numRows; i++) {
    const q = wanted.get(questionKey(sIds[i], qIds[i]));
    if (q === undefined) continue;
    if ((dims[i] ?? TOTAL) !== TOTAL || (values[i] ?? TOTAL) !== TOTAL) continue;
    if (q.option !== null && options[i] !== q.option) continue;
    if (percentOf(percents[i]) === null) continue;
    const key = `${questionKey(sIds[i], qIds[i])}|${String(options[i])}`;
    const current = best.get(key);
    if (current === undefined) {
      best.set(key, i);
      order.push(key);
      continue;
    }
    const [e1, d1] = rank(i);
    const [e0, d0] = rank(current);
    if (e1 > e0 || (e1 === e0 && d1 > d0)) best.set(key, i);
  }
  return order.map((key) => best.get(key) as number);
}

/** Fieldwork order: field_end, then field_start, then survey_id; undated polls last. */
function byFieldwork(a: Record<string, unknown>, b: Record<string, unknown>): number {
  for (const column of ['field_end', 'field_start'] as const) {
    const x = a[column] as string | null;
    const y = b[column] as string | null;
    if (x !== y) {
      if (x === null) return 1;
      if (y === null) return -1;
      return x < y ? -1 : 1;
    }
  }
  const sx = String(a['survey_id']);
  const sy = String(b['survey_id']);
  return sx < sy ? -1 : sx > sy ? 1 : 0;
}

/** A non-empty string cell, else null. */
function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}
