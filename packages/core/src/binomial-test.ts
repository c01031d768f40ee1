import { type Alternative, alternativeOption, checkCount } from './exact-options';
import { betaPowerTerm } from './special/beta-power-term';
import { betaQuantile } from './special/beta-quantile';
import { regularizedBeta, regularizedBetaUpper } from './special/regularized-beta';
import { checkOptions, checkProportion, checkSampleSize, levelOption } from './validate';

/** Options of {@link binomialTest}. */
export interface BinomialTestOptions {
  /** The alternative hypothesis: `'two-sided'`, `'greater'` (p > p0) or `'less'`. Default `'two-sided'`. */
  alternative?: Alternative;
  /** Confidence level of the Clopper–Pearson interval, strictly between 0 and 1. Default `0.95`. */
  level?: number;
}

/** The result of {@link binomialTest}. */
export interface BinomialTest {
  /** What this result is: `'binomial'`. */
  kind: 'binomial';
  /** The exact p-value (R `binom.test(x, n, p0)$p.value`). */
  pValue: number;
  /** The observed proportion x / n. */
  estimate: number;
  /** Lower Clopper–Pearson bound (0 for `'less'`). */
  lower: number;
  /** Upper Clopper–Pearson bound (1 for `'greater'`). */
  upper: number;
  /** The count, as given. */
  x: number;
  /** The number of trials, as given. */
  n: number;
  /** The hypothesised proportion, as given (default 0.5). */
  p0: number;
  /** The confidence level used. */
  level: number;
  /** The alternative used. */
  alternative: Alternative;
}

/** R's relative tolerance for "as probable as the observed" (binom.test, fisher.test). */
export const RELATIVE_TOLERANCE = 1 + 1e-7;

/**
 * Exact binomial test.
 *
 * Tests whether x successes out of n trials fit a success probability p0.
 * The one-sided p-values are binomial tails, P(X ≥ x) for `'greater'` and
 * P(X ≤ x) for `'less'`; the two-sided p-value is the probability of every
 * outcome no more probable than the observed one (Pr(X = i) ≤ Pr(X = x) with
 * R's relative tolerance 1 + 1e-7), the "minimum likelihood" rule of R's
 * `binom.test`. The interval is Clopper–Pearson's, from beta quantiles
 * (one-sided for a one-sided alternative; a one-sided bound that would miss
 * x/n, at a level near 0, is moved to x/n). Tails come from the regularized
 * incomplete beta function, so tiny p-values keep their relative precision.
 *
 * Reference: R Core Team, `binom.test` documentation,
 * https://stat.ethz.ch/R-manual/R-devel/library/stats/html/binom.test.html ;
 * Clopper & Pearson (1934), Biometrika 26(4):404–413; Fay (2010), "Two-sided
 * Exact Tests and Matching Confidence Intervals for Discrete Data", The R
 * Journal 2(1):53–58, https://journal.r-project.org/archive/2010-1/RJournal_2010-1_Fay.pdf
 *
 * Cost: O(log n) binomial probabilities, two incomplete beta functions and two beta quantiles.
 *
 * @param x - the number of successes, a whole count from 0 to n
 * @param n - the number of trials, a positive integer
 * @param p0 - the hypothesised probability, in [0, 1]; default 0.5
 * @param options - `alternative` (default `'two-sided'`), `level` (default 0.95)
 * @returns the p-value, the estimate x/n, the Clopper–Pearson interval and the inputs
 * @throws {ToplinesError} for x not a whole count from 0 to n, n not a positive integer,
 *   p0 outside [0, 1] (a percentage is named as such), level outside (0, 1) or an unknown
 *   alternative
 * @example
 * // 7 of 20 respondents, against an even split
 * const test = binomialTest(7, 20);
 * test.pValue; // => 0.26317596435546875
 * test.lower; // => 0.15390920478454118
 * test.upper; // => 0.5921885345328282
 * binomialTest(7, 20, 0.5, { alternative: 'less' }).pValue; // => 0.13158798217773438
 */
export function binomialTest(
  x: number,
  n: number,
  p0 = 0.5,
  options?: BinomialTestOptions,
): BinomialTest {
  const fn = 'binomialTest';
  checkSampleSize(fn, 'n', n);
  checkCount(fn, 'x', x, n, 'n');
  checkProportion(fn, 'p0', p0);
  const opts = checkOptions(fn, options);
  const alternative = alternativeOption(fn, opts['alternative']);
  const level = levelOption(fn, opts['level']);
  let pValue: number;
  let lower = 0;
  let upper = 1;
  if (alternative === 'less') {
    pValue = binomialLowerTail(x, n, p0);
    upper = x === n ? 1 : betaQuantile(level, x + 1, n - x);
  } else if (alternative === 'greater') {
    pValue = binomialUpperTail(x, n, p0);
    lower = x === 0 ? 0 : betaQuantile(1 - level, x, n - x + 1);
  } else {
    pValue = binomialTwoSidedPValue(x, n, p0);
    const alpha = (1 - level) / 2;
    lower = x === 0 ? 0 : betaQuantile(alpha, x, n - x + 1);
    upper = x === n ? 1 : betaQuantile(1 - alpha, x + 1, n - x);
  }
  return {
    kind: 'binomial',
    pValue,
    estimate: x / n,
    // A one-sided bound at a level near 0 can fall short of x/n: it is moved to x/n.
    lower: Math.min(lower, x / n),
    upper: Math.max(upper, x / n),
    x,
    n,
    p0,
    level,
    alternative,
  };
}

/** P(X ≤ x) for X ~ Binomial(n, p) (R `pbinom(x, n, p)`). Internal: n ≥ 1, p in [0, 1]. */
export function binomialLowerTail(x: number, n: number, p: number): number {
  if (x < 0) return 0;
  if (x >= n) return 1;
  return regularizedBetaUpper(p, x + 1, n - x);
}

/** P(X ≥ x) for X ~ Binomial(n, p) (R `pbinom(x - 1, n, p, lower.tail = FALSE)`). Internal. */
export function binomialUpperTail(x: number, n: number, p: number): number {
  if (x <= 0) return 1;
  if (x > n) return 0;
  return regularizedBeta(p, x, n - x + 1);
}

/**
 * Pr(X = i) for X ~ Binomial(n, p), to a few units in the last place: C(n, i) p^i q^(n−i)
 * as n / (i (n − i)) times the beta power term p^i q^(n−i) / B(i, n − i), which cancels the
 * large logarithms analytically. Internal: i a whole number in [0, n], p in [0, 1].
 */
export function binomialProbability(i: number, n: number, p: number): number {
  if (p === 0) return i === 0 ? 1 : 0;
  if (p === 1) return i === n ? 1 : 0;
  const q = 1 - p;
  if (i === 0) return Math.exp(n * (p <= 0.5 ? Math.log1p(-p) : Math.log(q)));
  if (i === n) return Math.exp(n * (p <= 0.5 ? Math.log(p) : Math.log1p(-q)));
  return (betaPowerTerm(p, q, i, n - i) * n) / (i * (n - i));
}

/**
 * The two-sided p-value of R's `binom.test`: the probability of every outcome i with
 * Pr(X = i) ≤ Pr(X = x)·(1 + 1e-7). The outcomes on the far side of the mean n·p that
 * qualify are a tail, found by bisection where the probabilities fall monotonically.
 * Internal: x a whole number in [0, n], p in [0, 1].
 */
export function binomialTwoSidedPValue(x: number, n: number, p: number): number {
  if (p === 0) return x === 0 ? 1 : 0;
  if (p === 1) return x === n ? 1 : 0;
  const m = n * p;
  if (x === m) return 1;
  const threshold = binomialProbability(x, n, p) * RELATIVE_TOLERANCE;
  let pValue: number;
  if (x < m) {
    // The first i ≥ ⌈m⌉ with Pr(X = i) ≤ threshold (probabilities fall from ⌈m⌉ on).
    let lo = Math.ceil(m);
    let hi = n + 1;
    while (lo < hi) {
      // lo + ⌊(hi − lo)/2⌋, not ⌊(lo + hi)/2⌋: the sum can pass 2^53 and round.
      const mid = lo + Math.floor((hi - lo) / 2);
      if (binomialProbability(mid, n, p) <= threshold) hi = mid;
      else lo = mid + 1;
    }
    pValue = binomialLowerTail(x, n, p) + binomialUpperTail(lo, n, p);
  } else {
    // The last i ≤ ⌊m⌋ with Pr(X = i) ≤ threshold (probabilities rise up to ⌊m⌋).
    let lo = -1;
    let hi = Math.floor(m);
    while (lo < hi) {
      const mid = lo + Math.ceil((hi - lo) / 2);
      if (binomialProbability(mid, n, p) <= threshold) lo = mid;
      else hi = mid - 1;
    }
    pValue = binomialLowerTail(lo, n, p) + binomialUpperTail(x, n, p);
  }
  return Math.min(1, pValue);
}
