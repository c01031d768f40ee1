import { leadTest } from '@toplines/core';
import { type ColumnTable, table as makeTable } from 'arquero';
import { noteText } from '../messages';
import { questionKey, sampleLookup } from '../util/sample-size';
import {
  checkVerbOptions,
  deffOption,
  levelOption,
  percentOf,
  qualifierOf,
  rowNs,
  type SampleOptions,
  tableInput,
} from '../util/table-input';

/**
 * Options of {@link leads}.
 *
 * @example
 * leads(results, { level: 0.9, surveys, questions });
 */
export interface LeadsOptions extends SampleOptions {
  /** Confidence level, in (0, 1). Default `0.95`. */
  level?: number;
  /** Design effect, > 0. Default `1`. */
  deff?: number;
}

/**
 * The columns of the table {@link leads} returns, in order.
 *
 * @example
 * LEAD_COLUMNS.includes('p_value'); // => true
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
  'difference',
  'lower',
  'upper',
  'z',
  'p_value',
  'significant',
  'note',
] as const;

/** Response types whose options exclude each other. */
const EXCLUSIVE = new Set(['single', 'scale']);

/**
 * Every lead between two options of one single-choice (or scale) question,
 * tested with core's `leadTest`, which accounts for the two shares coming
 * from one sample (their difference varies more than either share).
 *
 * For each survey, question, group and source, every pair of non-net rows
 * gives one output row, ordered so that `option_a` has the larger share.
 * Columns: `survey_id`, `question_id`, `group_dim`, `group_value`,
 * `source_id`, `option_a`, `option_b`, `percent_a`, `percent_b`, `n_used`
 * (the rule of {@link withIntervals}, or the table's own `n_used` column),
 * `difference`, `lower`, `upper` (in proportion units: 0.06 is 6 points),
 * `z`, `p_value`, `significant` (the interval excludes 0) and `note` (null,
 * or why the test is missing or qualified: n unknown, an approximate
 * figure, two rows with different n). Rows without n have null statistics.
 *
 * Only questions known to be `single` or `scale` are paired — from a
 * `response_type` column of the table, else `options.questions`; questions
 * of unknown type are left out rather than guessed. Check-all (`multiple`)
 * questions are left out too: their options overlap, and the paired
 * difference they need (`pairedDifference`) comes with part two of
 * @toplines/core.
 *
 * Cost: O(k²) per question with k options.
 *
 * @param table - a results table: needs `survey_id`, `question_id`, `option`, `percent`
 * @param options - `level`, `deff`, and `surveys` / `questions` (types and n)
 * @returns a new table, one row per pair
 * @throws {DataError} `missing-column` when a needed column is absent; `invalid-option`
 * @example
 * const { results, surveys, questions } = load();
 * const lead = leads(results.filter((d) => d.question_id === 'us-impression'), { surveys, questions });
 * lead.select('option_a', 'option_b', 'difference', 'lower', 'upper', 'significant').objects();
 * // => [{ option_a: 'favorable impression', option_b: 'unfavorable impression',
 * //       difference: 0.06, lower: 0.0074, upper: 0.1126, significant: true }] (rounded)
 */
export function leads(table: ColumnTable, options?: LeadsOptions): ColumnTable {
  const fn = 'leads';
  const opts = checkVerbOptions(fn, options);
  const level = levelOption(fn, opts['level']);
  const deff = deffOption(fn, opts['deff']);
  const input = tableInput(fn, table, ['survey_id', 'question_id', 'option', 'percent']);
  const sample = opts as SampleOptions;
  const lookup = sampleLookup(undefined, sample.questions);
  const ns = rowNs(input, sample, true);
  const c = {
    survey: input.column('survey_id'),
    question: input.column('question_id'),
    groupDim: input.has('group_dim')
      ? input.column('group_dim')
      : new Array(input.numRows).fill('total'),
    groupValue: input.has('group_value')
      ? input.column('group_value')
      : new Array(input.numRows).fill('total'),
    source: input.column('source_id'),
    option: input.column('option'),
    percent: input.column('percent'),
    qualifier: input.column('qualifier'),
    isNet: input.column('is_net'),
    type: input.column('response_type'),
  };

  const groups = new Map<string, number[]>();
  for (let i = 0; i < input.numRows; i++) {
    if (c.isNet[i] === true) continue;
    const type = input.has('response_type')
      ? c.type[i]
      : lookup.questionType.get(questionKey(c.survey[i], c.question[i]));
    if (typeof type !== 'string' || !EXCLUSIVE.has(type)) continue;
    const key = JSON.stringify([
      c.survey[i],
      c.question[i],
      c.groupDim[i],
      c.groupValue[i],
      c.source[i],
    ]);
    const members = groups.get(key);
    if (members === undefined) groups.set(key, [i]);
    else members.push(i);
  }

  const out: Record<(typeof LEAD_COLUMNS)[number], unknown[]> = Object.fromEntries(
    LEAD_COLUMNS.map((name) => [name, [] as unknown[]]),
  ) as Record<(typeof LEAD_COLUMNS)[number], unknown[]>;
  for (const members of groups.values()) {
    for (let x = 0; x < members.length; x++) {
      for (let y = x + 1; y < members.length; y++) {
        let a = members[x] as number;
        let b = members[y] as number;
        const pa = percentOf(c.percent[a]);
        const pb = percentOf(c.percent[b]);
        if (pa !== null && pb !== null && pb > pa) [a, b] = [b, a];
        pushLead(out, c, a, b, ns, level, deff);
      }
    }
  }
  return makeTable(out, [...LEAD_COLUMNS]);
}

function pushLead(
  out: Record<(typeof LEAD_COLUMNS)[number], unknown[]>,
  c: Record<string, unknown[]>,
  a: number,
  b: number,
  ns: (number | null)[],
  level: number,
  deff: number,
): void {
  const at = (name: string, i: number) => c[name]?.[i] ?? null;
  const pa = percentOf(at('percent', a));
  const pb = percentOf(at('percent', b));
  const na = ns[a] ?? null;
  const nb = ns[b] ?? null;
  const notes: (string | null)[] = [];
  let n: number | null = null;
  if (na !== null && nb !== null && na !== nb) notes.push(noteText.differentN(na, nb));
  else if (na === null || nb === null) notes.push(noteText.nUnknown());
  else n = na;
  if (pa === null || pb === null) notes.push(noteText.percentMissing());
  for (const i of [a, b]) {
    const qualifier = qualifierOf(at('qualifier', i));
    if (qualifier !== 'exact') notes.push(noteText.qualified(qualifier));
  }
  let test: ReturnType<typeof leadTest> | null = null;
  if (n !== null && pa !== null && pb !== null) {
    try {
      test = leadTest(pa / 100, pb / 100, n, { level, deff });
    } catch (e) {
      notes.push(noteText.notComputed((e as Error).message));
    }
  }
  out.survey_id.push(at('survey', a));
  out.question_id.push(at('question', a));
  out.group_dim.push(at('groupDim', a));
  out.group_value.push(at('groupValue', a));
  out.source_id.push(at('source', a));
  out.option_a.push(at('option', a));
  out.option_b.push(at('option', b));
  out.percent_a.push(pa);
  out.percent_b.push(pb);
  out.n_used.push(n);
  out.difference.push(test?.difference ?? null);
  out.lower.push(test?.lower ?? null);
  out.upper.push(test?.upper ?? null);
  out.z.push(test === null || !Number.isFinite(test.z) ? null : test.z);
  out.p_value.push(test?.pValue ?? null);
  out.significant.push(test === null ? null : test.lower > 0 || test.upper < 0);
  out.note.push(noteText.join(notes));
}
