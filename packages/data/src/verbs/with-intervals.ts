import {
  consistentCounts,
  marginOfError,
  type ProportionCIMethod,
  proportionCI,
} from '@toplines/core';
import type { ColumnTable } from 'arquero';
import { PERCENT_TEXT } from '../io/read-resource';
import { noteText } from '../messages';
import { noVariance, rowDesignEffect } from '../util/row-design-effect';
import { rowDecimals } from '../util/sample-size';
import {
  booleanOption,
  checkVerbOptions,
  decimalsOption,
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
 * // not run: a fragment (results, surveys and questions as from load())
 * withIntervals(results, { method: 'clopper-pearson', level: 0.9, deff: 1.5, surveys, questions });
 * withIntervals(results, { rounding: true, surveys, questions }); // allow for the rounding of each figure
 */
export interface WithIntervalsOptions extends SampleOptions {
  /**
   * Interval method, as in core's `proportionCI`: `"wilson"` (default),
   * `"wilson-cc"`, `"wald"`, `"agresti-coull"`, `"clopper-pearson"`, `"jeffreys"`.
   */
  method?: ProportionCIMethod;
  /** Confidence level, in (0, 1). Default `0.95`. */
  level?: number;
  /**
   * Design effect, > 0: the effective n is n / deff. Default `1`. A row with
   * its own standard error (an `se` column, as weightedToplines gives) uses
   * its own: the effective n p(1 − p)/se², so that its variance is the
   * design-based one; a row whose `se` is 0 gets the interval [p, p] and a
   * note that the design fixes the share.
   */
  deff?: number;
  /**
   * Allow for the rounding of each printed figure. When true, `lower` and
   * `upper` are core's rounding-aware interval,
   * `proportionCI(estimate, n_used, { reportedDecimals })`: from the lower
   * bound of the smallest count out of n that prints as the figure to the
   * upper bound of the largest ("51%" of 1,037 could be 524 to 534 people),
   * and a `counts` column says how many counts fit. The decimals are read
   * from each row's `percent_text` ("31.0" has 1), or given by `decimals`.
   * Default `false` (each figure taken as exact).
   */
  rounding?: boolean;
  /**
   * With `rounding`: the decimals every percentage was printed with, for a
   * table without a `percent_text` column. Default: read from
   * `percent_text`; without it, the decimals of the number as JavaScript
   * writes it, which loses trailing zeros (31.0 → 0: a wider, conservative
   * interval). Read only when `rounding` is true.
   */
  decimals?: number;
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
 * - `lower`, `upper`: the interval of core's `proportionCI(estimate, n_used, { method, level, deff })`;
 *   with `rounding: true`, the rounding-aware one (`reportedDecimals`).
 * - `moe`: the half-width z·√(deff·p(1−p)/n) at that share (core's
 *   `marginOfError`); it does not allow for rounding, even with `rounding`.
 * - `counts` (only with `rounding: true`): how many whole counts out of
 *   `n_used` print as the figure — 1 for "51.0%" of 1,037, 11 for "51%";
 *   0 when none does; null when n is unknown, the figure is qualified, or
 *   `deff` is not 1 (core then takes the figure as weighted, and the
 *   interval covers every share within half a unit of its last digit).
 * - `interval_note`: null when the interval was computed from an exact
 *   figure; otherwise why not, or what to bear in mind — `"n unknown"`,
 *   `"percent missing"`, `"percent is approximate (qualifier approx)"`, a
 *   lower or upper bound for `more-than` / `less-than` (those rows still get
 *   an interval when n is known, computed at the printed figure; with
 *   `rounding` a second note says it does not allow for rounding), or with
 *   `rounding` a figure that no count out of n prints as
 *   (`"no count out of n = 10 rounds to 50.5% (1 decimal)"`).
 *
 * A row without a known n, or whose figure no count out of n can produce,
 * gets null `lower`, `upper` and `moe` — never NaN, never an exception.
 *
 * Cost: O(rows); with `rounding`, O(rows · counts).
 *
 * @param table - a results table: needs `percent`; reads `base_n`, `qualifier`,
 *   `survey_id`, `question_id`, `group_dim`, `group_value`, `n`, `base`, `se`
 *   and, with `rounding`, `percent_text` when present
 * @param options - `method`, `level`, `deff`, `rounding`, `decimals`, and
 *   `surveys` / `questions` to find n
 * @returns a new table with the six columns added (seven with `rounding`; replaced if present)
 * @throws {DataError} `missing-column` without `percent`; `invalid-option` for a bad option
 * @example
 * const { results, surveys, questions } = load();
 * const us = withIntervals(
 *   results.filter((d) => d.question_id === 'us-impression'),
 *   { surveys, questions },
 * );
 * us.array('n_used'); // => [1037, 1037]
 * // Wilson
 * us.array('lower'); // => [0.37552621249703577, 0.3166871411174904]
 * us.array('moe'); // => [0.02987753111119864, 0.02893269643259189]
 * us.array('interval_note'); // => [null, null]
 *
 * // "51.0%" unfavourable toward South Korea: 1 decimal, so one count (529 of 1,037) fits
 * const korea = withIntervals(
 *   results.filter((d) => d.question_id === 'korea-impression' && d.percent_text === '51.0'),
 *   { surveys, questions, rounding: true },
 * );
 * korea.array('counts'); // => [1]
 */
export function withIntervals(table: ColumnTable, options?: WithIntervalsOptions): ColumnTable {
  const fn = 'withIntervals';
  const opts = checkVerbOptions(fn, options);
  const method = methodOption(fn, opts['method']);
  const level = levelOption(fn, opts['level']);
  const surveyDeff = deffOption(fn, opts['deff']);
  const rounding = booleanOption(fn, 'rounding', opts['rounding']);
  const fixedDecimals = decimalsOption(fn, opts['decimals']);
  const input = tableInput(fn, table, ['percent']);
  const percents = input.column('percent');
  const texts = input.column(PERCENT_TEXT);
  const qualifiers = input.column('qualifier');
  const ses = input.column('se');
  const ns = rowNs(input, opts as SampleOptions, false);

  const estimate: (number | null)[] = [];
  const lower: (number | null)[] = [];
  const upper: (number | null)[] = [];
  const moe: (number | null)[] = [];
  const counts: (number | null)[] = [];
  const note: (string | null)[] = [];
  for (let i = 0; i < input.numRows; i++) {
    const percent = percentOf(percents[i]);
    const n = ns[i] ?? null;
    const qualifier = qualifierOf(qualifiers[i]);
    const qualified = qualifier === 'exact' ? null : noteText.qualified(qualifier);
    estimate.push(percent === null ? null : percent / 100);
    let interval: { lower: number; upper: number; moe: number } | null = null;
    let fitting: number | null = null;
    let problem: string | null = null;
    if (percent === null) problem = noteText.percentMissing();
    else if (n === null) problem = noteText.nUnknown();
    else if (noVariance(ses[i])) {
      interval = { lower: percent / 100, upper: percent / 100, moe: 0 };
      problem = noteText.noVariance();
    } else {
      const p = percent / 100;
      const deff = rowDesignEffect(ses[i], p, n) ?? surveyDeff;
      const decimals =
        rounding && qualifier === 'exact' ? rowDecimals(fixedDecimals, texts[i], percent) : null;
      try {
        const ci = proportionCI(p, n, {
          method,
          level,
          deff,
          ...(decimals === null ? {} : { reportedDecimals: decimals }),
        });
        interval = { lower: ci.lower, upper: ci.upper, moe: marginOfError(p, n, { level, deff }) };
        fitting = ci.counts ?? null;
      } catch (e) {
        if (decimals !== null && deff === 1 && noCountFits(percent, n, decimals)) {
          fitting = 0;
          const text = texts[i];
          problem = noteText.noCount(
            typeof text === 'string' ? text : String(percent),
            n,
            decimals,
          );
        } else {
          problem = noteText.notComputed((e as Error).message);
        }
      }
    }
    lower.push(interval?.lower ?? null);
    upper.push(interval?.upper ?? null);
    moe.push(interval?.moe ?? null);
    counts.push(fitting);
    const unrounded = rounding && qualified !== null && interval !== null;
    note.push(noteText.join([problem, qualified, unrounded ? noteText.roundingQualified() : null]));
  }
  return input.table.assign({
    n_used: ns,
    estimate,
    lower,
    upper,
    moe,
    ...(rounding ? { counts } : {}),
    interval_note: note,
  });
}

/** True when no whole count out of n prints as the figure (false when that cannot be told). */
function noCountFits(percent: number, n: number, decimals: number): boolean {
  try {
    return consistentCounts(percent, n, { decimals }) === null;
  } catch {
    return false;
  }
}
