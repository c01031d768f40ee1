import { marginOfError, type ProportionCIMethod, proportionCI } from '@toplines/core';
import type { ColumnTable } from 'arquero';
import { noteText } from '../messages';
import {
  checkVerbOptions,
  deffOption,
  levelOption,
  methodOption,
  percentOf,
  qualifierOf,
  rowNs,
  type SampleOptions,
  tableInput,
} from '../util/table-input';

/**
 * Options of {@link withIntervals}.
 *
 * @example
 * withIntervals(results, { method: 'clopper-pearson', level: 0.9, deff: 1.5, surveys, questions });
 */
export interface WithIntervalsOptions extends SampleOptions {
  /**
   * Interval method, as in core's `proportionCI`: `"wilson"` (default),
   * `"wilson-cc"`, `"wald"`, `"agresti-coull"`, `"clopper-pearson"`, `"jeffreys"`.
   */
  method?: ProportionCIMethod;
  /** Confidence level, in (0, 1). Default `0.95`. */
  level?: number;
  /** Design effect, > 0: the effective n is n / deff. Default `1`. */
  deff?: number;
}

/**
 * Adds a confidence interval and margin of error to each row of a results
 * table. Returns a new table; the input is not changed.
 *
 * Columns added (proportions in [0, 1], like core):
 * - `n_used`: the n the percentage is out of — the row's `base_n` when known;
 *   otherwise, for a whole-sample row (`group_dim` = `group_value` =
 *   `"total"`) of a question whose base is "all respondents", the survey's n;
 *   otherwise null. The survey's n comes from an `n` column of the table when
 *   it has one (e.g. after joining surveys), else from `options.surveys`; the
 *   question's base from a `base` column, else from `options.questions`.
 *   A subgroup or a follow-up asked of a subset never borrows the survey's n.
 * - `estimate`: percent / 100.
 * - `lower`, `upper`: the interval of core's `proportionCI(estimate, n_used, { method, level, deff })`.
 * - `moe`: the half-width z·√(deff·p(1−p)/n) at that share (core's `marginOfError`).
 * - `interval_note`: null when the interval was computed from an exact
 *   figure; otherwise why not, or what to bear in mind — `"n unknown"`,
 *   `"percent missing"`, `"percent is approximate (qualifier approx)"`, a
 *   lower or upper bound for `more-than` / `less-than` (those rows still get
 *   an interval when n is known, computed at the printed figure).
 *
 * A row without a known n gets null `lower`, `upper` and `moe` — never NaN,
 * never an exception.
 *
 * Cost: O(rows).
 *
 * @param table - a results table: needs `percent`; reads `base_n`, `qualifier`,
 *   `survey_id`, `question_id`, `group_dim`, `group_value`, `n`, `base` when present
 * @param options - `method`, `level`, `deff`, and `surveys` / `questions` to find n
 * @returns a new table with the six columns added (replaced if present)
 * @throws {DataError} `missing-column` without `percent`; `invalid-option` for a bad option
 * @example
 * const { results, surveys, questions } = load();
 * const us = withIntervals(
 *   results.filter((d) => d.question_id === 'us-impression'),
 *   { surveys, questions },
 * );
 * us.array('n_used'); // => [1037, 1037]
 * us.array('lower'); // => [0.37552621249703577, 0.31668714111749047] (Wilson)
 * us.array('moe'); // => [0.029877531111198639, 0.02893269643259189]
 * us.array('interval_note'); // => [null, null]
 */
export function withIntervals(table: ColumnTable, options?: WithIntervalsOptions): ColumnTable {
  const fn = 'withIntervals';
  const opts = checkVerbOptions(fn, options);
  const method = methodOption(fn, opts['method']);
  const level = levelOption(fn, opts['level']);
  const deff = deffOption(fn, opts['deff']);
  const input = tableInput(fn, table, ['percent']);
  const percents = input.column('percent');
  const qualifiers = input.column('qualifier');
  const ns = rowNs(input, opts as SampleOptions, false);

  const estimate: (number | null)[] = [];
  const lower: (number | null)[] = [];
  const upper: (number | null)[] = [];
  const moe: (number | null)[] = [];
  const note: (string | null)[] = [];
  for (let i = 0; i < input.numRows; i++) {
    const percent = percentOf(percents[i]);
    const n = ns[i] ?? null;
    const qualifier = qualifierOf(qualifiers[i]);
    const qualified = qualifier === 'exact' ? null : noteText.qualified(qualifier);
    estimate.push(percent === null ? null : percent / 100);
    let interval: { lower: number; upper: number; moe: number } | null = null;
    let problem: string | null = null;
    if (percent === null) problem = noteText.percentMissing();
    else if (n === null) problem = noteText.nUnknown();
    else {
      try {
        const p = percent / 100;
        const ci = proportionCI(p, n, { method, level, deff });
        interval = { lower: ci.lower, upper: ci.upper, moe: marginOfError(p, n, { level, deff }) };
      } catch (e) {
        problem = noteText.notComputed((e as Error).message);
      }
    }
    lower.push(interval?.lower ?? null);
    upper.push(interval?.upper ?? null);
    moe.push(interval?.moe ?? null);
    note.push(noteText.join([problem, qualified]));
  }
  return input.table.assign({
    n_used: ns,
    estimate,
    lower,
    upper,
    moe,
    interval_note: note,
  });
}
