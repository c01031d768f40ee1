import { criticalValue } from './critical-value';
import { checkReportedDecimals, countsOf, reportedRange } from './rounding';
import { betaQuantile } from './special/beta-quantile';
import {
  checkOptions,
  checkProportion,
  checkSampleSize,
  deffOption,
  levelOption,
  methodOption,
} from './validate';
import { wilsonBounds, wilsonLower, wilsonUpper } from './wilson';

/** The interval methods of {@link proportionCI}. */
export const PROPORTION_CI_METHODS = [
  'wilson',
  'wilson-cc',
  'wald',
  'agresti-coull',
  'clopper-pearson',
  'jeffreys',
] as const;

/** One of {@link PROPORTION_CI_METHODS}. */
export type ProportionCIMethod = (typeof PROPORTION_CI_METHODS)[number];

/** Options of {@link proportionCI}. */
export interface ProportionCIOptions {
  /** Confidence level, strictly between 0 and 1. Default `0.95`. */
  level?: number;
  /** Interval method. Default `'wilson'` (Wilson score, no continuity correction). */
  method?: ProportionCIMethod;
  /**
   * Design effect (variance inflation from weighting and clustering), from
   * 0.001 to 1000 (real ones lie between about 0.5 and 10).
   * Every formula uses the effective sample size n / deff and the effective
   * count p · n / deff, which need not be whole. Default `1`.
   */
  deff?: number;
  /**
   * Decimals the percentage was printed with (1 for "40.5%"). When given,
   * the interval covers every share that prints as the figure: from the
   * lower bound of the smallest count x out of n that rounds to it to the
   * upper bound of the largest, and `counts` says how many counts fit. With
   * a design effect the figure is taken to be weighted, so every share within
   * half a unit of its last digit counts. Default: none (p taken as exact).
   */
  reportedDecimals?: number;
}

/** The result of {@link proportionCI}. */
export interface ProportionCI {
  /** What this result is, for {@link explain} and code that handles several kinds: `'proportion'`. */
  kind: 'proportion';
  /** The reported proportion p. */
  estimate: number;
  /** Lower bound, in [0, 1]. */
  lower: number;
  /** Upper bound, in [0, 1]. */
  upper: number;
  /** The confidence level used. */
  level: number;
  /** The method used. */
  method: ProportionCIMethod;
  /** The sample size as given. */
  n: number;
  /** The effective sample size n / deff. */
  nEffective: number;
  /**
   * With `reportedDecimals`: how many whole counts out of n print as the
   * figure (null for a weighted figure, where counts do not apply).
   */
  counts?: number | null;
  /** With `reportedDecimals`: the smallest and largest share that print as the figure. */
  reportedRange?: [number, number];
}

/**
 * Bounds of a one-sample interval for proportion `p` with effective size
 * `nEff`, critical value `z` and level `level`. Internal: no validation.
 * Returns `[lower, upper]`.
 */
export function intervalBounds(
  method: ProportionCIMethod,
  p: number,
  nEff: number,
  level: number,
  z: number,
): [number, number] {
  switch (method) {
    case 'wilson':
      return wilsonBounds(p, nEff, z);
    case 'wilson-cc': {
      // Newcombe (1998) method 4: the Wilson bounds at p ∓ 1/(2n).
      const half = 0.5 / nEff;
      const low = p - half;
      const high = p + half;
      return [low <= 0 ? 0 : wilsonLower(low, nEff, z), high >= 1 ? 1 : wilsonUpper(high, nEff, z)];
    }
    case 'wald': {
      const half = z * Math.sqrt((p * (1 - p)) / nEff);
      return [Math.min(p, clip01(p - half)), Math.max(p, clip01(p + half))];
    }
    case 'agresti-coull': {
      const z2 = z * z;
      const nTilde = nEff + z2;
      const pTilde = (p * nEff + z2 / 2) / nTilde;
      const half = z * Math.sqrt((pTilde * (1 - pTilde)) / nTilde);
      // It contains the Wilson interval, so p, but for rounding at a level near 0: min/max.
      return [Math.min(p, clip01(pTilde - half)), Math.max(p, clip01(pTilde + half))];
    }
    case 'clopper-pearson': {
      const alpha = 1 - level;
      const x = p * nEff;
      const y = (1 - p) * nEff;
      // The bounds contain p (up to the quantiles' rounding, which min/max undo).
      return [
        p <= 0 ? 0 : Math.min(p, betaQuantile(alpha / 2, x, y + 1)),
        p >= 1 ? 1 : Math.max(p, betaQuantile(1 - alpha / 2, x + 1, y)),
      ];
    }
    case 'jeffreys': {
      // Brown, Cai & DasGupta (2001): lower 0 at x = 0, upper 1 at x = n. The
      // equal-tailed posterior interval can miss p itself when x is small and
      // the level low (x = 0.003 of 3 at level 0.5): the bound is then moved to p.
      const alpha = 1 - level;
      const x = p * nEff + 0.5;
      const y = (1 - p) * nEff + 0.5;
      return [
        p <= 0 ? 0 : Math.min(p, betaQuantile(alpha / 2, x, y)),
        p >= 1 ? 1 : Math.max(p, betaQuantile(1 - alpha / 2, x, y)),
      ];
    }
  }
}

function clip01(value: number): number {
  return Math.min(1, Math.max(0, value));
}

/**
 * Confidence interval for a reported proportion.
 *
 * An interval for the population share behind a reported proportion `p` of a
 * sample of `n`, by one of six methods: the Wilson score interval (the
 * default, good coverage at every n), Wilson with Newcombe's continuity
 * correction, the Wald interval (the textbook p ± z·se, poor near 0 and 1),
 * Agresti–Coull, Clopper–Pearson ("exact", conservative) and Jeffreys (the
 * equal-tailed Bayesian interval under a Beta(½, ½) prior). Wald and
 * Agresti–Coull are clipped to [0, 1]. Every interval contains p: where
 * Jeffreys' equal-tailed interval would miss it (a tiny share of a tiny
 * sample at a low level), the near bound is moved to p. With a design effect, the effective
 * sample size n/deff and the effective count p·n/deff are used throughout,
 * including in the beta quantiles of Clopper–Pearson and Jeffreys.
 *
 * Reference: Brown, Cai & DasGupta (2001), "Interval Estimation for a
 * Binomial Proportion", Statistical Science 16(2):101–133,
 * https://projecteuclid.org/euclid.ss/1009213286; Newcombe (1998),
 * "Two-sided confidence intervals for the single proportion", Statistics in
 * Medicine 17:857–872.
 *
 * Cost: O(1); Clopper–Pearson and Jeffreys solve two beta quantiles.
 *
 * @param p - the reported proportion, in [0, 1] (0.405 for 40.5%)
 * @param n - the sample size (unweighted completes), a positive integer up to 2^53 − 1
 * @param options - `level` (default 0.95), `method` (default `'wilson'`), `deff` (default 1),
 *   `reportedDecimals` (default none)
 * @returns the estimate, the bounds, and the level, method, n and effective n used
 * @throws {ToplinesError} when p is outside [0, 1] (a percentage like 40.5 is named
 *   as such), n is not a positive integer up to 2^53 − 1, level is outside (0, 1), deff is
 *   outside [0.001, 1000], or
 *   the method is unknown; with `reportedDecimals`, when no count out of n prints as the
 *   figure (code `inconsistent-input`)
 * @example
 * // API/EAI/KEI survey, Japan, n = 1,037: 40.5% favourable toward the U.S.
 * const ci = proportionCI(0.405, 1037);
 * ci.lower; // => 0.37552621249703577
 * ci.upper; // => 0.43517502511196476
 *
 * // "51.0%" of 1,037 is 529 people, but "51%" could be 524 to 534 of them
 * proportionCI(0.51, 1037, { reportedDecimals: 0 }).counts; // => 11
 * proportionCI(0.51, 1037, { reportedDecimals: 0 }).lower; // => 0.4749102231348644
 */
export function proportionCI(p: number, n: number, options?: ProportionCIOptions): ProportionCI {
  const fn = 'proportionCI';
  checkProportion(fn, 'p', p);
  checkSampleSize(fn, 'n', n);
  const opts = checkOptions(fn, options);
  const level = levelOption(fn, opts['level']);
  const method = methodOption(fn, opts['method'], PROPORTION_CI_METHODS);
  const deff = deffOption(fn, 'deff', opts['deff']);
  const nEffective = n / deff;
  const z = criticalValue(level);
  if (opts['reportedDecimals'] === undefined) {
    const [lower, upper] = intervalBounds(method, p, nEffective, level, z);
    return { kind: 'proportion', estimate: p, lower, upper, level, method, n, nEffective };
  }
  const decimals = checkReportedDecimals(fn, opts['reportedDecimals']);
  const range = reportedRange(fn, 'p', p, n, decimals, deff === 1);
  const [lower] = intervalBounds(method, range.low, nEffective, level, z);
  const [, upper] = intervalBounds(method, range.high, nEffective, level, z);
  return {
    kind: 'proportion',
    estimate: p,
    lower: Math.min(lower, p),
    upper: Math.max(upper, p),
    level,
    method,
    n,
    nEffective,
    counts: countsOf(range),
    reportedRange: [range.low, range.high],
  };
}
