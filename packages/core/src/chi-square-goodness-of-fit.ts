import { ToplinesError } from './errors';
import { chiSquareSurvival } from './special/chi-square-survival';
import { checkNumberArray, show } from './validate';

/** The result of {@link chiSquareGoodnessOfFit}. */
export interface ChiSquareGoodnessOfFit {
  /** Pearson's statistic Σ (O − E)² / E. */
  statistic: number;
  /** Degrees of freedom, k − 1. */
  df: number;
  /** Upper-tail probability of the statistic under χ²(df). */
  pValue: number;
  /**
   * Whether any expected count N·πᵢ is below 5, where the chi-square approximation may be
   * poor: R's `chisq.test` warns "Chi-squared approximation may be incorrect" then. Use
   * {@link multinomialExactTest} for an exact p-value.
   */
  smallExpected: boolean;
  /** The smallest expected count N·πᵢ. */
  minExpected: number;
}

/** How far expected proportions may sum from 1 (R's chisq.test uses √ε too). */
const SUM_TOLERANCE = Math.sqrt(Number.EPSILON);

/**
 * Pearson's chi-square goodness-of-fit test.
 *
 * Tests whether observed counts over k categories fit the expected
 * proportions: the statistic Σ (Oᵢ − Eᵢ)²/Eᵢ with Eᵢ = N·πᵢ is referred to a
 * chi-square distribution with k − 1 degrees of freedom. Counts may be
 * non-integer (shares times n, or effective counts under a design effect).
 * The approximation wants every expected count of about 5 or more: the
 * result says whether one is smaller (`smallExpected`, when R's `chisq.test`
 * warns) and gives the smallest (`minExpected`); {@link multinomialExactTest}
 * gives the exact p-value then.
 *
 * Reference: NIST/SEMATECH e-Handbook of Statistical Methods, §1.3.5.15
 * "Chi-Square Goodness-of-Fit Test",
 * https://www.itl.nist.gov/div898/handbook/eda/section3/eda35f.htm
 *
 * Cost: O(k).
 *
 * @param observedCounts - k ≥ 2 non-negative counts, not all zero
 * @param expectedProportions - k proportions, each > 0, summing to 1
 * @returns the statistic, degrees of freedom and p-value (= R `chisq.test(x, p = p)`), and
 *   whether an expected count is below 5, with the smallest
 * @throws {ToplinesError} for arrays of different lengths or fewer than 2 elements,
 *   negative counts, a zero total, proportions ≤ 0, or proportions that do not sum
 *   to 1 (percentages summing to 100 are named as such)
 * @example
 * // 1,037 answers split 420/358/259 against an even three-way split
 * const test = chiSquareGoodnessOfFit([420, 358, 259], [1 / 3, 1 / 3, 1 / 3]);
 * test.statistic; // => 38.1542912246866
 * test.df; // => 2
 * test.smallExpected; // => false
 * // 4 answers out of 20 against 10% / 90%: an expected count of 2
 * chiSquareGoodnessOfFit([4, 16], [0.1, 0.9]).minExpected; // => 2
 */
export function chiSquareGoodnessOfFit(
  observedCounts: ArrayLike<number>,
  expectedProportions: ArrayLike<number>,
): ChiSquareGoodnessOfFit {
  const fn = 'chiSquareGoodnessOfFit';
  const { observed, expected, total } = checkGoodnessOfFit(fn, observedCounts, expectedProportions);
  const k = observed.length;
  let statistic = 0;
  let minExpected = Number.POSITIVE_INFINITY;
  for (let i = 0; i < k; i++) {
    const e = total * expected[i]!;
    const d = observed[i]! - e;
    statistic += (d * d) / e;
    if (e < minExpected) minExpected = e;
  }
  const df = k - 1;
  if (!Number.isFinite(statistic)) {
    throw new ToplinesError(
      'out-of-range',
      fn,
      `finds a statistic too large for a double (an expected count of ${show(minExpected)}): an expected proportion is too close to 0 for the counts observed`,
    );
  }
  return {
    statistic,
    df,
    pValue: chiSquareSurvival(statistic, df),
    smallExpected: minExpected < 5,
    minExpected,
  };
}

/**
 * The checks of a goodness-of-fit test, shared with {@link multinomialExactTest}: k ≥ 2
 * non-negative counts, not all zero, and k proportions above 0 summing to 1 (within √ε, as
 * R's chisq.test). Returns the arrays and the total count. Internal.
 */
export function checkGoodnessOfFit(
  fn: string,
  observedCounts: unknown,
  expectedProportions: unknown,
): { observed: ArrayLike<number>; expected: ArrayLike<number>; total: number } {
  const observed = checkNumberArray(fn, 'observedCounts', observedCounts);
  const expected = checkNumberArray(fn, 'expectedProportions', expectedProportions);
  const k = observed.length;
  if (expected.length !== k) {
    throw new ToplinesError(
      'length-mismatch',
      fn,
      `requires observedCounts and expectedProportions of the same length, got ${k} and ${expected.length}`,
    );
  }
  if (k < 2) {
    throw new ToplinesError('empty-input', fn, `requires at least 2 categories, got ${k}`);
  }
  let total = 0;
  let sum = 0;
  for (let i = 0; i < k; i++) {
    const o = observed[i]!;
    const e = expected[i]!;
    if (o < 0) {
      throw new ToplinesError(
        'out-of-range',
        fn,
        `requires non-negative counts, got ${show(o)} at index ${i}`,
      );
    }
    if (!(e > 0)) {
      throw new ToplinesError(
        'out-of-range',
        fn,
        `requires every expected proportion to be greater than 0, got ${show(e)} at index ${i}`,
      );
    }
    total += o;
    sum += e;
  }
  if (Math.abs(sum - 1) > SUM_TOLERANCE) {
    const hint =
      Math.abs(sum - 100) < 0.5 ? ': these look like percentages, divide them by 100' : '';
    throw new ToplinesError(
      'out-of-range',
      fn,
      `requires expectedProportions to sum to 1, got ${show(sum)}${hint}`,
    );
  }
  if (total === 0) {
    throw new ToplinesError(
      'out-of-range',
      fn,
      'requires at least one observed count above 0, got all zeros',
    );
  }
  return { observed, expected, total };
}
