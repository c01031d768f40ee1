import { RELATIVE_TOLERANCE } from './binomial-test';
import { ToplinesError } from './errors';
import { type Alternative, alternativeOption, checkCount } from './exact-options';
import { checkOptions, checkSampleSize, levelOption, show } from './validate';

/** Options of {@link fisherExactTest}. */
export interface FisherExactTestOptions {
  /**
   * The alternative hypothesis about the odds ratio: `'two-sided'` (≠ 1), `'greater'` (> 1:
   * the first group more likely to say yes) or `'less'`. Default `'two-sided'`.
   */
  alternative?: Alternative;
  /** Confidence level of the interval for the odds ratio, strictly between 0 and 1. Default `0.95`. */
  level?: number;
}

/** The result of {@link fisherExactTest}. */
export interface FisherExactTest {
  /** What this result is: `'fisher'`. */
  kind: 'fisher';
  /** The exact p-value (R `fisher.test(matrix(c(x1, n1 - x1, x2, n2 - x2), 2))$p.value`). */
  pValue: number;
  /**
   * The conditional maximum-likelihood odds ratio (R's `estimate`): 0 when x1 is the smallest
   * count the margins allow, Infinity when it is the largest.
   */
  oddsRatio: number;
  /** Lower bound of the conditional interval for the odds ratio (0 for `'less'`). */
  lower: number;
  /** Upper bound of the conditional interval for the odds ratio (Infinity for `'greater'`). */
  upper: number;
  /** The count of the first group, as given. */
  x1: number;
  /** The size of the first group, as given. */
  n1: number;
  /** The count of the second group, as given. */
  x2: number;
  /** The size of the second group, as given. */
  n2: number;
  /** The confidence level used. */
  level: number;
  /** The alternative used. */
  alternative: Alternative;
}

/**
 * The most values the first cell may take given the margins (its support): the
 * distribution is built over all of them, so this bounds the work and memory
 * (16 MB) of one call to a fraction of a second.
 */
const FISHER_SUPPORT_LIMIT = 2_000_000;

/** Below this many units of ln, relative to the largest, a term of a sum is left out (e^−46 ≈ 1e-20). */
const NEGLIGIBLE = 46;

/**
 * The hypergeometric distribution of the first cell given the margins, as logarithms of
 * its probabilities up to a constant, at the counts lo, lo + 1, …, hi. Built outward from
 * the mode with the ratio of successive probabilities, so no factorial is formed and the
 * logarithms stay small where the probability is.
 */
function logWeights(n1: number, n2: number, k: number, lo: number, hi: number): Float64Array {
  const size = hi - lo + 1;
  const w = new Float64Array(size);
  // Pr(i + 1) / Pr(i) = (n1 − i)(k − i) / ((i + 1)(n2 − k + i + 1))
  const ratio = (i: number) => ((n1 - i) * (k - i)) / ((i + 1) * (n2 - k + i + 1));
  const mode = Math.min(hi, Math.max(lo, Math.floor(((k + 1) * (n1 + 1)) / (n1 + n2 + 2))));
  for (let i = mode + 1; i <= hi; i++) w[i - lo] = w[i - lo - 1]! + Math.log(ratio(i - 1));
  for (let i = mode - 1; i >= lo; i--) w[i - lo] = w[i - lo + 1]! - Math.log(ratio(i));
  return w;
}

/** The tails and moments of the noncentral distribution at ln ψ = t (in index units). */
interface Noncentral {
  lowerTail: number;
  upperTail: number;
  mean: number;
  variance: number;
  lowerMean: number;
  upperMean: number;
}

/**
 * Fisher's noncentral hypergeometric distribution with weights e^(w[j] + t·j), summed over its
 * bulk: from its mode (found by bisection, the weights being log-concave) outward until the
 * terms fall below e^−46 of the larger of the mode's and the observed count's, so the cost is
 * about 20 standard deviations, not the whole support.
 */
function noncentral(w: Float64Array, t: number, xj: number): Noncentral {
  const last = w.length - 1;
  let a = 0;
  let b = last;
  while (a < b) {
    const mid = (a + b) >> 1;
    if (w[mid + 1]! - w[mid]! + t < 0) b = mid;
    else a = mid + 1;
  }
  const mode = a;
  const top = w[mode]!;
  const at = (j: number) => w[j]! - top + t * (j - mode);
  const floor = Math.min(0, at(xj)) - NEGLIGIBLE;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let l0 = 0;
  let l1 = 0;
  let u0 = 0;
  let u1 = 0;
  const add = (j: number, e: number) => {
    const d = j - mode;
    s0 += e;
    s1 += e * d;
    s2 += e * d * d;
    if (j <= xj) {
      l0 += e;
      l1 += e * d;
    }
    if (j >= xj) {
      u0 += e;
      u1 += e * d;
    }
  };
  for (let j = mode; j <= last; j++) {
    const v = at(j);
    if (v < floor) break;
    add(j, Math.exp(v));
  }
  for (let j = mode - 1; j >= 0; j--) {
    const v = at(j);
    if (v < floor) break;
    add(j, Math.exp(v));
  }
  const m = s1 / s0;
  return {
    lowerTail: l0 / s0,
    upperTail: u0 / s0,
    mean: mode + m,
    variance: s2 / s0 - m * m,
    lowerMean: mode + l1 / l0,
    upperMean: mode + u1 / u0,
  };
}

/**
 * The root of an increasing function: Newton steps, kept inside the bracket found so far
 * and replaced by bisection (or by doubling steps while one side is unbounded) when they
 * leave it or cannot be taken.
 */
function solveIncreasing(f: (t: number) => [number, number], start: number): number {
  let lo = Number.NEGATIVE_INFINITY;
  let hi = Number.POSITIVE_INFINITY;
  let t = start;
  let stride = 1;
  for (let iteration = 0; iteration < 400; iteration++) {
    const [value, slope] = f(t);
    if (value === 0) return t;
    if (value < 0) lo = t;
    else hi = t;
    let next = t - value / slope;
    const newton = next > lo && next < hi;
    if (newton && Math.abs(next - t) <= 1e-12 * Math.max(1, Math.abs(t))) return next;
    if (!newton) {
      if (Number.isFinite(lo) && Number.isFinite(hi)) next = 0.5 * (lo + hi);
      else {
        next = value < 0 ? t + stride : t - stride;
        stride *= 2;
      }
      if (hi - lo <= 1e-15 * Math.max(1, Math.abs(next))) return next;
    }
    t = next;
  }
  return t;
}

/**
 * Fisher's exact test for a 2×2 table (two groups, yes/no).
 *
 * Given the margins of the table [[x1, x2], [n1 − x1, n2 − x2]], the count x1 follows a
 * hypergeometric distribution when the two groups share one proportion, and Fisher's
 * noncentral hypergeometric distribution with parameter ψ, the odds ratio, otherwise. The
 * p-value is a tail of that distribution at ψ = 1 for a one-sided alternative and, two-sided,
 * the probability of every table no more probable than the observed one (with R's relative
 * tolerance 1 + 1e-7). The estimate is the conditional maximum-likelihood odds ratio (the ψ
 * whose mean is x1) and the interval inverts the two one-sided tests (each tail at α/2), as
 * R's `fisher.test` computes them. Written here rather than taken from a library: the
 * probabilities are built in log space from ratios of successive terms, so groups of 10^6
 * cost no factorials, and ψ is solved by safeguarded Newton steps in ln ψ to full precision
 * (R's `uniroot` stops at 1.2e-4).
 *
 * Reference: R Core Team, `fisher.test` documentation,
 * https://stat.ethz.ch/R-manual/R-devel/library/stats/html/fisher.test.html ; Agresti (2002),
 * Categorical Data Analysis, 2nd ed., §3.5–3.6; Fay (2010), "Confidence intervals that
 * match Fisher's exact or Blaker's exact tests", Biostatistics 11(2):373–374.
 *
 * Cost: O(min(n1, n2, x1 + x2)) for the distribution, plus about 10 to 30 sums over its
 * bulk (some 20 standard deviations) for the estimate and the interval; margins allowing
 * more than 2,000,000 values of the first cell are refused.
 *
 * @param x1 - the count that said yes in the first group, a whole count from 0 to n1
 * @param n1 - the size of the first group, a positive integer
 * @param x2 - the count that said yes in the second group, a whole count from 0 to n2
 * @param n2 - the size of the second group, a positive integer
 * @param options - `alternative` (default `'two-sided'`), `level` (default 0.95)
 * @returns the p-value, the conditional odds ratio and its interval, and the inputs
 * @throws {ToplinesError} for sizes that are not positive integers, counts that are not
 *   whole counts from 0 to their size, level outside (0, 1), an unknown alternative, or
 *   margins allowing more than 2,000,000 tables
 * @example
 * // 3 of 12 in one subgroup against 11 of 14 in another
 * const test = fisherExactTest(3, 12, 11, 14);
 * test.pValue; // => 0.016233678826221575
 * // the conditional odds ratio, about 0.1, and its interval
 * test.oddsRatio; // => 0.10213678837483817
 * [test.lower, test.upper]; // => [0.0099, 0.7311] (rounded)
 * fisherExactTest(3, 12, 11, 14, { alternative: 'less' }).pValue; // => 0.00893121550679769
 */
export function fisherExactTest(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
  options?: FisherExactTestOptions,
): FisherExactTest {
  const fn = 'fisherExactTest';
  checkSampleSize(fn, 'n1', n1);
  checkCount(fn, 'x1', x1, n1, 'n1');
  checkSampleSize(fn, 'n2', n2);
  checkCount(fn, 'x2', x2, n2, 'n2');
  const opts = checkOptions(fn, options);
  const alternative = alternativeOption(fn, opts['alternative']);
  const level = levelOption(fn, opts['level']);

  const k = x1 + x2;
  const lo = Math.max(0, k - n2);
  const hi = Math.min(k, n1);
  if (hi - lo + 1 > FISHER_SUPPORT_LIMIT) {
    throw new ToplinesError(
      'out-of-range',
      fn,
      `requires at most ${FISHER_SUPPORT_LIMIT} tables with the margins given (min(n1, n2, x1 + x2, …) + 1), got ${show(hi - lo + 1)}: at such counts use twoProportionTest, whose large-sample test is as good`,
    );
  }
  const w = logWeights(n1, n2, k, lo, hi);
  const xj = x1 - lo;
  const last = hi - lo;

  // The null distribution (ψ = 1), normalised in log space.
  let total = 0;
  for (let j = 0; j <= last; j++) total += Math.exp(w[j]!);
  const logTotal = Math.log(total);
  let pValue = 0;
  if (alternative === 'two-sided') {
    const threshold = w[xj]! + Math.log(RELATIVE_TOLERANCE);
    for (let j = 0; j <= last; j++) if (w[j]! <= threshold) pValue += Math.exp(w[j]! - logTotal);
  } else {
    const from = alternative === 'less' ? 0 : xj;
    const to = alternative === 'less' ? xj : last;
    for (let j = from; j <= to; j++) pValue += Math.exp(w[j]! - logTotal);
  }
  pValue = Math.min(1, pValue);

  // ln ψ is solved in the index units of `w` (the count minus lo), where it is the same.
  const haldane = Math.log(((x1 + 0.5) * (n2 - x2 + 0.5)) / ((n1 - x1 + 0.5) * (x2 + 0.5)));
  const spread = Math.sqrt(
    1 / (x1 + 0.5) + 1 / (n1 - x1 + 0.5) + 1 / (x2 + 0.5) + 1 / (n2 - x2 + 0.5),
  );
  let oddsRatio: number;
  if (xj === 0) oddsRatio = 0;
  else if (xj === last) oddsRatio = Number.POSITIVE_INFINITY;
  else {
    const t = solveIncreasing((s) => {
      const d = noncentral(w, s, xj);
      return [d.mean - xj, d.variance];
    }, haldane);
    oddsRatio = Math.exp(t);
  }
  // Upper bound: Pr_ψ(X ≤ x1) = α; lower bound: Pr_ψ(X ≥ x1) = α.
  const upperBound = (alpha: number) => {
    if (xj === last) return Number.POSITIVE_INFINITY;
    const logAlpha = Math.log(alpha);
    const t = solveIncreasing((s) => {
      const d = noncentral(w, s, xj);
      return [logAlpha - Math.log(d.lowerTail), d.mean - d.lowerMean];
    }, haldane + spread);
    return Math.exp(t);
  };
  const lowerBound = (alpha: number) => {
    if (xj === 0) return 0;
    const logAlpha = Math.log(alpha);
    const t = solveIncreasing((s) => {
      const d = noncentral(w, s, xj);
      return [Math.log(d.upperTail) - logAlpha, d.upperMean - d.mean];
    }, haldane - spread);
    return Math.exp(t);
  };
  let lower = 0;
  let upper = Number.POSITIVE_INFINITY;
  if (alternative === 'less') upper = upperBound(1 - level);
  else if (alternative === 'greater') lower = lowerBound(1 - level);
  else {
    const alpha = (1 - level) / 2;
    lower = lowerBound(alpha);
    upper = upperBound(alpha);
  }
  // A one-sided bound at a level near 0 can fall short of the estimate: it is moved to it.
  lower = Math.min(lower, oddsRatio);
  upper = Math.max(upper, oddsRatio);
  return { kind: 'fisher', pValue, oddsRatio, lower, upper, x1, n1, x2, n2, level, alternative };
}
