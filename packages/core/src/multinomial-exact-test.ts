import { binomialProbability, binomialTwoSidedPValue, RELATIVE_TOLERANCE } from './binomial-test';
import { checkGoodnessOfFit } from './chi-square-goodness-of-fit';
import { ToplinesError } from './errors';
import { logGamma } from './special/log-gamma';
import { show } from './validate';

/** The most outcomes {@link multinomialExactTest} enumerates, C(n + k − 1, k − 1). */
export const MULTINOMIAL_EXACT_LIMIT = 5_000_000;

/** The result of {@link multinomialExactTest}. */
export interface MultinomialExactTest {
  /** What this result is: `'multinomial-exact'`. */
  kind: 'multinomial-exact';
  /** The exact p-value: the probability of every outcome no more probable than the observed one. */
  pValue: number;
  /** The test statistic: the multinomial probability of the observed counts. */
  statistic: number;
  /** The number of possible outcomes, C(n + k − 1, k − 1), for n answers in k categories. */
  outcomes: number;
}

/**
 * Exact multinomial goodness-of-fit test.
 *
 * Tests whether counts over k categories fit hypothesised proportions without the
 * chi-square approximation, which fails when expected counts are small: every way of
 * spreading the n answers over the k categories is enumerated, and the p-value is the total
 * multinomial probability of the outcomes no more probable than the observed one (with R's
 * relative tolerance 1 + 1e-7, as `binom.test` and `fisher.test` use), the "probability"
 * statistic of R's EMT::multinomial.test and of XNomial's `xmulti`. Proportions are
 * rescaled to sum to exactly 1, as R's `dmultinom` does. With two categories this is the
 * two-sided exact binomial test, computed in O(log n) without enumeration. Above
 * {@link MULTINOMIAL_EXACT_LIMIT} outcomes (5 million: n = 3,160 for k = 3, 310 for k = 4,
 * 100 for k = 5) it refuses, and the chi-square test is the tool. Written here: no
 * JavaScript library offers it.
 *
 * Reference: Read & Cressie (1988), Goodness-of-Fit Statistics for Discrete Multivariate
 * Data, Springer, §2.1; Engels (2015), XNomial vignette, "Exact Goodness-of-Fit Tests for
 * Multinomial Data with Fixed Probabilities", https://cran.r-project.org/package=XNomial ;
 * Menzel (2013), EMT: Exact Multinomial Test, https://cran.r-project.org/package=EMT
 *
 * Cost: O(C(n + k − 1, k − 1)) for k ≥ 3, at most 5 million terms; O(log n) for k = 2.
 *
 * @param counts - k ≥ 2 whole counts ≥ 0, not all zero
 * @param proportions - k proportions, each > 0, summing to 1
 * @returns the exact p-value, the probability of the observed counts, and the number of outcomes
 * @throws {ToplinesError} for arrays of different lengths or fewer than 2 elements, counts
 *   that are not whole numbers ≥ 0, a zero total, proportions ≤ 0 or not summing to 1, or
 *   more than 5 million outcomes (code `out-of-range`; the message names chiSquareGoodnessOfFit)
 * @example
 * // 12 answers over three options, against 50% / 30% / 20%
 * const test = multinomialExactTest([2, 7, 3], [0.5, 0.3, 0.2]);
 * test.pValue; // => 0.04226896337499993
 * test.outcomes; // => 91
 * multinomialExactTest([200, 200, 200, 200], [0.25, 0.25, 0.25, 0.25]); // throws ToplinesError
 */
export function multinomialExactTest(
  counts: ArrayLike<number>,
  proportions: ArrayLike<number>,
): MultinomialExactTest {
  const fn = 'multinomialExactTest';
  const { observed, expected, total: n } = checkGoodnessOfFit(fn, counts, proportions);
  const k = observed.length;
  let sum = 0;
  for (let i = 0; i < k; i++) {
    const x = observed[i]!;
    if (!Number.isInteger(x)) {
      throw new ToplinesError(
        'not-integer',
        fn,
        `requires whole counts, got ${show(x)} at index ${i}`,
      );
    }
    sum += expected[i]!;
  }
  let outcomes = 1;
  for (let j = 1; j < k; j++) outcomes = (outcomes * (n + j)) / j;
  outcomes = Math.round(outcomes);
  if (k === 2) {
    const p = expected[0]! / sum;
    const x = observed[0]!;
    return {
      kind: 'multinomial-exact',
      pValue: binomialTwoSidedPValue(x, n, p),
      statistic: binomialProbability(x, n, p),
      outcomes,
    };
  }
  if (outcomes > MULTINOMIAL_EXACT_LIMIT) {
    throw new ToplinesError(
      'out-of-range',
      fn,
      `enumerates C(n + k − 1, k − 1) outcomes, ${show(outcomes)} for n = ${show(n)} answers in k = ${k} categories, above its limit of ${MULTINOMIAL_EXACT_LIMIT}: use chiSquareGoodnessOfFit`,
    );
  }
  // ln of each outcome's probability: ln n! + Σ (xᵢ ln πᵢ − ln xᵢ!), from a table per category.
  const logFactorial = new Float64Array(n + 1);
  for (let x = 2; x <= n; x++) logFactorial[x] = logGamma(x + 1);
  const terms: Float64Array[] = [];
  let logObserved = logFactorial[n]!;
  for (let i = 0; i < k; i++) {
    const logP = Math.log(expected[i]! / sum);
    const term = new Float64Array(n + 1);
    for (let x = 0; x <= n; x++) term[x] = x * logP - logFactorial[x]!;
    terms.push(term);
    logObserved += term[observed[i]!]!;
  }
  const threshold = logObserved + Math.log(RELATIVE_TOLERANCE) - logFactorial[n]!;
  const offset = logFactorial[n]!;
  const lastButOne = terms[k - 2]!;
  const last = terms[k - 1]!;
  // Neumaier's compensated sum over up to 5 million terms.
  let pValue = 0;
  let compensation = 0;
  const visit = (category: number, remaining: number, partial: number): void => {
    if (category === k - 2) {
      for (let x = 0; x <= remaining; x++) {
        const v = partial + lastButOne[x]! + last[remaining - x]!;
        if (v <= threshold && v + offset > -746) {
          const term = Math.exp(v + offset);
          const next = pValue + term;
          compensation += Math.abs(pValue) >= term ? pValue - next + term : term - next + pValue;
          pValue = next;
        }
      }
      return;
    }
    const term = terms[category]!;
    for (let x = 0; x <= remaining; x++) visit(category + 1, remaining - x, partial + term[x]!);
  };
  visit(0, n, 0);
  return {
    kind: 'multinomial-exact',
    pValue: Math.min(1, pValue + compensation),
    statistic: Math.exp(logObserved),
    outcomes,
  };
}
