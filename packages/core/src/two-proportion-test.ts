import { criticalValue } from './critical-value';
import { zTest } from './lead-test';
import {
  candidatePairs,
  checkReportedDecimalsPair,
  checkRunLength,
  countsOf,
  reportedRange,
} from './rounding';
import {
  checkOptions,
  checkProportion,
  checkSampleSize,
  deffOption,
  levelOption,
  methodOption,
} from './validate';
import { wilsonLower, wilsonUpper } from './wilson';

/** The interval methods of {@link twoProportionTest}. */
export const TWO_PROPORTION_METHODS = ['newcombe', 'wald', 'agresti-caffo'] as const;

/** One of {@link TWO_PROPORTION_METHODS}. */
export type TwoProportionMethod = (typeof TWO_PROPORTION_METHODS)[number];

/** Options of {@link twoProportionTest}. */
export interface TwoProportionTestOptions {
  /** Confidence level, strictly between 0 and 1. Default `0.95`. */
  level?: number;
  /** Interval method for the difference. Default `'newcombe'` (hybrid score). */
  method?: TwoProportionMethod;
  /** Design effect of the first sample, > 0: its effective size is n1 / deff1. Default `1`. */
  deff1?: number;
  /** Design effect of the second sample, > 0: its effective size is n2 / deff2. Default `1`. */
  deff2?: number;
  /**
   * Decimals the two percentages were printed with: one number for both, or
   * `[d1, d2]` when they differ. When given, the
   * interval covers every pair of shares that print as the two figures, and
   * `counts` says how many counts out of each n fit. Default: none.
   */
  reportedDecimals?: number | [number, number];
}

/** The result of {@link twoProportionTest}. */
export interface TwoProportionTest {
  /**
   * What this result is, for {@link explain} and code that handles several
   * kinds: `'two-sample'` (two independent samples).
   */
  kind: 'two-sample';
  /** p1 − p2. */
  difference: number;
  /** Lower bound of the interval for the difference, in [−1, 1]. */
  lower: number;
  /** Upper bound of the interval for the difference, in [−1, 1]. */
  upper: number;
  /** The pooled z statistic. */
  z: number;
  /** Two-sided p-value of the pooled z test (R `prop.test(correct = FALSE)`). */
  pValue: number;
  /** The confidence level used. */
  level: number;
  /** The interval method used. */
  method: TwoProportionMethod;
  /** The first proportion, as given. */
  p1: number;
  /** The first sample size, as given. */
  n1: number;
  /** The second proportion, as given. */
  p2: number;
  /** The second sample size, as given. */
  n2: number;
  /**
   * With `reportedDecimals`: how many whole counts print as each figure
   * (null for a weighted figure, where counts do not apply).
   */
  counts?: [number | null, number | null];
}

/**
 * Comparison of two proportions from independent samples.
 *
 * For two polls, two countries or two disjoint subgroups: the difference
 * p1 − p2 with an interval and a test of equality. The z statistic and
 * p-value are those of the pooled two-sample z test (the square root of the
 * Pearson chi-square without continuity correction, as R's
 * `prop.test(correct = FALSE)` reports). The interval is Newcombe's hybrid
 * score interval (method 10: Wilson bounds of each proportion combined), the
 * Wald interval, or Agresti–Caffo's (Wald after adding one success and one
 * failure to each sample); intervals are clipped to [−1, 1]. Newcombe's and Wald's contain
 * p1 − p2; Agresti–Caffo's is centred on the shrunk difference and can miss it (1 of 1
 * against 0 of 1 at level 0.8: upper 0.83), as in statsmodels and the paper. Design effects
 * shrink each sample to its effective size n/deff. Two shares of the SAME
 * sample are not independent: use {@link leadTest} for them.
 *
 * Reference: Newcombe (1998), "Interval estimation for the difference between
 * independent proportions: comparison of eleven methods", Statistics in
 * Medicine 17:873–890; Agresti & Caffo (2000), "Simple and Effective
 * Confidence Intervals for Proportions and Differences of Proportions Result
 * from Adding Two Successes and Two Failures", The American Statistician
 * 54(4):280–288.
 *
 * Cost: O(1).
 *
 * @param p1 - proportion in the first sample, in [0, 1]
 * @param n1 - size of the first sample, a positive integer
 * @param p2 - proportion in the second sample, in [0, 1]
 * @param n2 - size of the second sample, a positive integer
 * @param options - `level` (default 0.95), `method` (default `'newcombe'`), `deff1`, `deff2`
 *   (default 1), `reportedDecimals` (default none)
 * @returns the difference, its interval, z and the two-sided p-value
 * @throws {ToplinesError} for proportions outside [0, 1], sizes that are not positive
 *   integers, level outside (0, 1), a design effect ≤ 0 or an unknown method
 * @example
 * // University of Tokyo survey: 45% in Aug 2024 vs 18% in Aug 2025, if each had n = 1,000
 * const change = twoProportionTest(0.45, 1000, 0.18, 1000);
 * change.difference; // => 0.27
 * change.lower; // => 0.23048378977273615
 * change.pValue < 1e-30; // => true
 * // printed as whole percents, 45% could be 445 to 455 of 1,000 (ends included)
 * twoProportionTest(0.45, 1000, 0.18, 1000, { reportedDecimals: 0 }).counts; // => [11, 11]
 */
export function twoProportionTest(
  p1: number,
  n1: number,
  p2: number,
  n2: number,
  options?: TwoProportionTestOptions,
): TwoProportionTest {
  const fn = 'twoProportionTest';
  checkProportion(fn, 'p1', p1);
  checkSampleSize(fn, 'n1', n1);
  checkProportion(fn, 'p2', p2);
  checkSampleSize(fn, 'n2', n2);
  const opts = checkOptions(fn, options);
  const level = levelOption(fn, opts['level']);
  const method = methodOption(fn, opts['method'], TWO_PROPORTION_METHODS);
  const deff1 = deffOption(fn, 'deff1', opts['deff1']);
  const deff2 = deffOption(fn, 'deff2', opts['deff2']);
  const m1 = n1 / deff1;
  const m2 = n2 / deff2;

  const difference = p1 - p2;
  const pooled = (p1 * m1 + p2 * m2) / (m1 + m2);
  const se0 = Math.sqrt(pooled * (1 - pooled) * (1 / m1 + 1 / m2));
  const { z, pValue } = zTest(difference, se0);
  const zCrit = criticalValue(level);
  const result = {
    kind: 'two-sample' as const,
    difference,
    z,
    pValue,
    level,
    method,
    p1,
    n1,
    p2,
    n2,
  };
  if (opts['reportedDecimals'] === undefined) {
    const [lower, upper] = differenceBounds(method, p1, m1, p2, m2, zCrit);
    return { ...result, lower, upper };
  }
  const [decimals1, decimals2] = checkReportedDecimalsPair(fn, opts['reportedDecimals']);
  const range1 = reportedRange(fn, 'p1', p1, n1, decimals1, deff1 === 1);
  const range2 = reportedRange(fn, 'p2', p2, n2, decimals2, deff2 === 1);
  checkRunLength(fn, 'p1', range1);
  checkRunLength(fn, 'p2', range2);
  let lower = Infinity;
  let upper = -Infinity;
  for (const [a, b] of candidatePairs(range1, range2, n1, n2)) {
    const [low, high] = differenceBounds(method, a, m1, b, m2, zCrit);
    lower = Math.min(lower, low);
    upper = Math.max(upper, high);
  }
  // Newcombe's and Wald's envelope contains p1 − p2 but for rounding (a subnormal share).
  const contain = method !== 'agresti-caffo';
  return {
    ...result,
    lower: contain ? Math.min(lower, difference) : lower,
    upper: contain ? Math.max(upper, difference) : upper,
    counts: [countsOf(range1), countsOf(range2)],
  };
}

/** Interval for p1 − p2 from independent samples of effective sizes m1, m2. Internal. */
export function differenceBounds(
  method: TwoProportionMethod,
  p1: number,
  m1: number,
  p2: number,
  m2: number,
  zCrit: number,
): [number, number] {
  const difference = p1 - p2;
  let lower: number;
  let upper: number;
  switch (method) {
    case 'newcombe': {
      const l1 = wilsonLower(p1, m1, zCrit);
      const u1 = wilsonUpper(p1, m1, zCrit);
      const l2 = wilsonLower(p2, m2, zCrit);
      const u2 = wilsonUpper(p2, m2, zCrit);
      lower = difference - Math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2);
      upper = difference + Math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2);
      break;
    }
    case 'wald': {
      const half = zCrit * Math.sqrt((p1 * (1 - p1)) / m1 + (p2 * (1 - p2)) / m2);
      lower = difference - half;
      upper = difference + half;
      break;
    }
    case 'agresti-caffo': {
      const a1 = (p1 * m1 + 1) / (m1 + 2);
      const a2 = (p2 * m2 + 1) / (m2 + 2);
      const half = zCrit * Math.sqrt((a1 * (1 - a1)) / (m1 + 2) + (a2 * (1 - a2)) / (m2 + 2));
      lower = a1 - a2 - half;
      upper = a1 - a2 + half;
      break;
    }
  }
  return [Math.max(-1, lower), Math.min(1, upper)];
}
