import { checkPollSeries } from './internal/poll-series';
import { chiSquareSurvival } from './special/chi-square-survival';

/** The result of {@link homogeneityTest}. */
export interface HomogeneityTest {
  /** What this result is: `'homogeneity'` (one share equal across k polls). */
  kind: 'homogeneity';
  /** Pearson's chi-square statistic of the k × 2 table, without continuity correction. */
  statistic: number;
  /** Degrees of freedom, k − 1. */
  df: number;
  /** Upper-tail probability of the statistic under χ²(k − 1). */
  pValue: number;
  /**
   * Whether an expected count (of answers or non-answers) is below 5, where the chi-square
   * approximation may be poor: R's `prop.test` warns "Chi-squared approximation may be
   * incorrect" then. {@link fisherExactTest} gives an exact p-value for two polls.
   */
  smallExpected: boolean;
  /** The smallest expected count, nᵢ·min(p̄, 1 − p̄). */
  minExpected: number;
}

/**
 * The chi-square test of equal proportions across k independent polls.
 *
 * Tests whether k polls (of different samples: pollsters, waves, countries) estimate the
 * same share: Pearson's statistic of the k × 2 table of counts xᵢ = pᵢnᵢ and nᵢ − xᵢ,
 * Σ nᵢ(pᵢ − p̄)² / (p̄(1 − p̄)) with p̄ = Σ xᵢ / Σ nᵢ, referred to χ²(k − 1) — R's
 * `prop.test(x, n, correct = FALSE)`. Without continuity correction for every k: R applies
 * none for k > 2 either, and for k = 2 this is the pooled z test of
 * {@link twoProportionTest} squared. The counts are not rounded, so reported shares are
 * used as given. Sample sizes are taken as simple random samples: divide each n by its
 * design effect for a weighted poll. `smallExpected` says when an expected count is below 5.
 *
 * Reference: A. Agresti (2013), Categorical Data Analysis, 3rd ed., §3.2 (Pearson's
 * chi-square test of independence); R's `prop.test`,
 * https://stat.ethz.ch/R-manual/R-devel/library/stats/html/prop.test.html
 *
 * Cost: O(k).
 *
 * @param shares - the k ≥ 2 shares, each in [0, 1], their pooled share strictly inside (0, 1)
 * @param ns - the k sample sizes, positive integers
 * @returns the statistic, df = k − 1, the p-value, and whether an expected count is below 5
 * @throws {ToplinesError} for fewer than 2 polls, shares and ns of different lengths, a
 *   share outside [0, 1] (a percentage such as 45 is named as one), an n that is not a
 *   positive integer, or shares all 0 or all 1
 * @example
 * // University of Tokyo survey: 45% in 2024, 18% in 2025, if each had n = 1,000
 * const test = homogeneityTest([0.45, 0.18], [1000, 1000]);
 * test.statistic; // => 168.9 (rounded)
 * test.df; // => 1
 * // three small polls at 5%, 10%, 2%: expected counts below 5
 * homogeneityTest([0.05, 0.1, 0.02], [40, 30, 50]).smallExpected; // => true
 */
export function homogeneityTest(shares: ArrayLike<number>, ns: ArrayLike<number>): HomogeneityTest {
  const fn = 'homogeneityTest';
  const { shares: p, ns: n, pooled } = checkPollSeries(fn, shares, ns);
  const k = p.length;
  // Each difference divided by √(p̄(1 − p̄)) before squaring, so that a tiny pooled share
  // (down to the subnormal numbers) neither overflows nor gives 0/0.
  const sd = Math.sqrt(pooled) * Math.sqrt(1 - pooled);
  let statistic = 0;
  let minN = Number.POSITIVE_INFINITY;
  for (let i = 0; i < k; i++) {
    const d = (p[i]! - pooled) / sd;
    statistic += n[i]! * d * d;
    if (n[i]! < minN) minN = n[i]!;
  }
  const df = k - 1;
  const minExpected = minN * Math.min(pooled, 1 - pooled);
  return {
    kind: 'homogeneity',
    statistic,
    df,
    pValue: chiSquareSurvival(statistic, df),
    smallExpected: minExpected < 5,
    minExpected,
  };
}
