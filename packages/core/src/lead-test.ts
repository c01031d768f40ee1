import { criticalValue } from './critical-value';
import {
  candidatePairs,
  checkReportedDecimalsPair,
  checkRunLength,
  countsOf,
  reportedRange,
} from './rounding';
import { normalSurvival } from './special/normal-survival';
import {
  checkOptions,
  checkProportion,
  checkSampleSize,
  checkSingleChoiceSum,
  deffOption,
  levelOption,
  show,
} from './validate';

/** Options of {@link leadTest}. */
export interface LeadTestOptions {
  /** Confidence level, strictly between 0 and 1. Default `0.95`. */
  level?: number;
  /** Design effect, > 0: the variance is multiplied by it. Default `1`. */
  deff?: number;
  /**
   * Decimals the two percentages were printed with: one number for both, or
   * `[d1, d2]` when they differ ("42%" beside "33.7%"). When given, the
   * interval covers every pair of shares that print as the two figures (and
   * fit in one sample: x1 + x2 ≤ n), and `counts` says how many counts fit
   * each. Default: none (the shares taken as exact).
   */
  reportedDecimals?: number | [number, number];
}

/** The result of {@link leadTest}. */
export interface LeadTest {
  /** What this result is, for {@link explain} and code that handles several kinds: `'lead'`. */
  kind: 'lead';
  /** p1 − p2, the lead of the first option over the second. */
  difference: number;
  /** Standard error of the difference. */
  se: number;
  /** Lower bound of the interval for the difference, in [−1, 1]. */
  lower: number;
  /** Upper bound of the interval for the difference, in [−1, 1]. */
  upper: number;
  /** The z statistic, difference / se. */
  z: number;
  /** Two-sided p-value of the hypothesis that the two shares are equal. */
  pValue: number;
  /** The confidence level used. */
  level: number;
  /** The first share, as given. */
  p1: number;
  /** The second share, as given. */
  p2: number;
  /** The sample size, as given. */
  n: number;
  /** The effective sample size n / deff. */
  nEffective: number;
  /**
   * With `reportedDecimals`: how many whole counts out of n print as each
   * figure (null for weighted figures, where counts do not apply).
   */
  counts?: [number | null, number | null];
}

/**
 * Test of a lead between two options of one single-choice question.
 *
 * Two shares of the same single-choice question in the same sample are
 * negatively correlated (a respondent who picks one cannot pick the other),
 * so the variance of their difference is not the sum of their variances: it
 * is Var(p̂1 − p̂2) = deff·(p1 + p2 − (p1 − p2)²)/n, from the multinomial
 * covariance −p1·p2/n. The interval is difference ± z·se, clipped to
 * [−1, 1] (as twoProportionTest's; it reaches past only in samples of a few),
 * and the p-value is that of the Wald z test. This is why a lead's margin of error is larger
 * than the poll's headline margin — nearly twice it when the two options
 * share most of the sample. Options of a check-all question are not
 * exclusive and need a paired comparison instead.
 *
 * Reference: Franklin (2007), "The 'Margin of Error' for Differences in
 * Polls", ABC News Polling Unit; Scott &
 * Seber (1983), "Difference of Proportions From the Same Survey", The
 * American Statistician 37(4):319–320.
 *
 * Cost: O(1).
 *
 * @param p1 - share of the first option, in [0, 1]
 * @param p2 - share of the second option, in [0, 1]; p1 + p2 may exceed 1 only by rounding (0.01)
 * @param n - the sample size, a positive integer
 * @param options - `level` (default 0.95), `deff` (default 1), `reportedDecimals` (default none)
 * @returns the difference, its standard error, interval, z and two-sided p-value, and the
 *   inputs
 * @throws {ToplinesError} for shares outside [0, 1] or summing past 1.01, n not a positive
 *   integer, level outside (0, 1) or deff ≤ 0
 * @example
 * // API/EAI/KEI Japan, n = 1,037: favourable 40.5% vs unfavourable 34.5% of the U.S.
 * const lead = leadTest(0.405, 0.345, 1037);
 * lead.difference; // => 0.06000000000000005
 * // the lead's margin: ±5.3 points, where the poll's headline margin is ±3.0
 * lead.upper - lead.difference; // => 0.05258289927172832
 * lead.pValue; // => 0.02532378504167674
 * // allowing for the rounding of both printed figures
 * leadTest(0.405, 0.345, 1037, { reportedDecimals: 1 }).counts; // => [1, 1]
 * leadTest(0.41, 0.35, 1037, { reportedDecimals: 0 }).lower; // => -0.002823245700275881
 * leadTest(0.42, 0.337, 1037, { reportedDecimals: [0, 1] }).counts; // => [10, 1]
 */
export function leadTest(p1: number, p2: number, n: number, options?: LeadTestOptions): LeadTest {
  const fn = 'leadTest';
  checkProportion(fn, 'p1', p1);
  checkProportion(fn, 'p2', p2);
  checkSampleSize(fn, 'n', n);
  checkSingleChoiceSum(fn, () => `p1 + p2 = ${show(p1)} + ${show(p2)}`, p1 + p2);
  const opts = checkOptions(fn, options);
  const level = levelOption(fn, opts['level']);
  const deff = deffOption(fn, 'deff', opts['deff']);
  const nEffective = n / deff;
  const difference = p1 - p2;
  const se = leadStandardError(p1, p2, nEffective);
  const zCrit = criticalValue(level);
  const { z, pValue } = zTest(difference, se);
  const result = {
    kind: 'lead' as const,
    difference,
    se,
    lower: 0,
    upper: 0,
    z,
    pValue,
    level,
    p1,
    p2,
    n,
    nEffective,
  };
  if (opts['reportedDecimals'] === undefined) {
    return {
      ...result,
      lower: Math.max(-1, difference - zCrit * se),
      upper: Math.min(1, difference + zCrit * se),
    };
  }
  const [decimals1, decimals2] = checkReportedDecimalsPair(fn, opts['reportedDecimals']);
  const range1 = reportedRange(fn, 'p1', p1, n, decimals1, deff === 1);
  const range2 = reportedRange(fn, 'p2', p2, n, decimals2, deff === 1);
  checkRunLength(fn, 'p1', range1);
  checkRunLength(fn, 'p2', range2);
  let lower = Infinity;
  let upper = -Infinity;
  const total = range1.low + range2.low <= 1 ? 1 : undefined;
  for (const [a, b] of candidatePairs(range1, range2, n, n, total)) {
    const half = zCrit * leadStandardError(a, b, nEffective);
    lower = Math.min(lower, a - b - half);
    upper = Math.max(upper, a - b + half);
  }
  return {
    ...result,
    lower: Math.max(-1, Math.min(lower, difference)),
    upper: Math.min(1, Math.max(upper, difference)),
    counts: [countsOf(range1), countsOf(range2)],
  };
}

/** √((p1 + p2 − (p1 − p2)²)/m): the standard error of a lead in a sample of effective size m. */
export function leadStandardError(p1: number, p2: number, m: number): number {
  const d = p1 - p2;
  return Math.sqrt(Math.max(0, p1 + p2 - d * d) / m);
}

/**
 * The z statistic and two-sided p-value of `difference / se`. A zero
 * standard error (both shares 0, or one of them 1) gives z = 0 and p = 1 when
 * the difference is 0, and z = ±Infinity and p = 0 otherwise — never NaN.
 * Internal.
 */
export function zTest(difference: number, se: number): { z: number; pValue: number } {
  if (se === 0) {
    if (difference === 0) return { z: 0, pValue: 1 };
    return { z: difference > 0 ? Infinity : -Infinity, pValue: 0 };
  }
  const z = difference / se;
  return { z, pValue: Math.min(1, 2 * normalSurvival(Math.abs(z))) };
}
