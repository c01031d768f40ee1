// Whom a question was asked of, and so its n, when the source does not
// print it: a follow-up asked of those who gave certain answers to another
// question has a base of their share times that question's n. Internal.
import { consistentCounts } from '@toplines/core';
import { groupKey, isLibraryError } from '@toplines/core/internal';
import type { InferredBase } from './model';
import { num, positiveInteger, printedDecimals, type Row, str } from './values';

/** The options of `base_options`, split on ` | `. */
export function baseOptions(question: Row): string[] {
  return (str(question['base_options']) ?? '')
    .split('|')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/**
 * The base of a follow-up from the question whose answers select it: the
 * filter's share (the sum of the shares of `base_options`) times that
 * question's n, and the range of whole counts the printed shares allow.
 * Null when the question names no filter, or the filter's rows are missing,
 * qualified ("about 30%") or have no n.
 *
 * @param question - the follow-up's row of the questions table
 * @param rows - the survey's rows after `withIntervals` (with `n_used`)
 */
export function inferredBase(question: Row, rows: Row[]): InferredBase | null {
  const parent = str(question['base_question_id']);
  const options = baseOptions(question);
  if (parent === null || options.length === 0) return null;
  const survey = question['survey_id'];
  const byOption = new Map<string, Row>();
  for (const r of rows) {
    const total =
      (r['group_dim'] ?? 'total') === 'total' && (r['group_value'] ?? 'total') === 'total';
    if (total && groupKey(r['survey_id'], r['question_id']) === groupKey(survey, parent)) {
      const option = String(r['option']);
      if (!byOption.has(option)) byOption.set(option, r);
    }
  }
  const chosen = options.map((o) => byOption.get(o));
  if (chosen.some((r) => r === undefined)) return null;
  const filter = chosen as Row[];
  const ns = filter.map((r) => positiveInteger(r['n_used']));
  const n = ns[0] ?? null;
  if (n === null || ns.some((x) => x !== n)) return null;
  if (filter.some((r) => (str(r['qualifier']) ?? 'exact') !== 'exact')) return null;
  let min = 0;
  let max = 0;
  let percent = 0;
  for (const r of filter) {
    const p = num(r['percent']);
    if (p === null) return null;
    percent += p;
    const range = counts(p, n, printedDecimals(r));
    if (range === null) return null;
    min += range.min;
    max += range.max;
  }
  const point = Math.min(max, Math.max(min, Math.round((percent / 100) * n)));
  if (point < 1) return null;
  return {
    n: point,
    min: Math.max(1, min),
    max,
    questionId: parent,
    options,
    percent,
    of: n,
  };
}

/** The whole counts out of n that print as the figure, or null (none, or core cannot say). */
function counts(percent: number, n: number, decimals: number): { min: number; max: number } | null {
  try {
    return consistentCounts(percent, n, { decimals });
  } catch (e) {
    if (!isLibraryError(e)) throw e;
    return null;
  }
}
