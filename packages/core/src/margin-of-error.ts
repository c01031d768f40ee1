import { criticalValue } from './critical-value';
import {
  checkOptions,
  checkPopulationSize,
  checkProportion,
  checkSampleSize,
  deffOption,
  levelOption,
} from './validate';

/** Options of {@link marginOfError}. */
export interface MarginOfErrorOptions {
  /** Confidence level, strictly between 0 and 1. Default `0.95`. */
  level?: number;
  /** Design effect, from 0.001 to 1000: the variance is multiplied by it. Default `1`. */
  deff?: number;
  /**
   * Size of the population sampled (an integer ≥ n). When given, the finite
   * population correction √((N − n)/(N − 1)) is applied. Default: none (an
   * infinite population).
   */
  populationSize?: number;
}

/**
 * Margin of error of a reported proportion.
 *
 * The half-width a pollster reports: z·√(deff·p(1 − p)/n), times the finite
 * population correction √((N − n)/(N − 1)) when the population size N is
 * given. At p = 0.5 it is the largest, and that is the "headline" margin a
 * poll states for all its figures. It is the half-width of the Wald interval,
 * and it describes one share: the margin of a lead between two shares of the
 * same sample is larger (see {@link leadTest}). It is capped at 1, the
 * largest half-width that means anything (p ± 1 covers all of [0, 1] for
 * every p): the formula passes 1 only when n/deff is below about one
 * respondent. It is 0 at p = 0 or 1, when the whole population was sampled,
 * and where it underflows: a level below about 1e-16 (z rounds to 0) or a
 * share within some 300 orders of magnitude of 0.
 *
 * Reference: AAPOR, "Margin of Sampling Error/Credibility Interval" (statement);
 * Kish (1965), Survey Sampling (finite population correction; design effect).
 *
 * Cost: O(1).
 *
 * @param p - the proportion, in [0, 1]; 0.5 gives the headline figure
 * @param n - the sample size, a positive integer up to 2^53 − 1
 * @param options - `level` (default 0.95), `deff` (default 1), `populationSize` (default none)
 * @returns the margin of error as a proportion in [0, 1] (0.0304 is ±3.04 points)
 * @throws {ToplinesError} for p outside [0, 1], n not a positive integer up to 2^53 − 1,
 *   level outside (0, 1), deff outside [0.001, 1000], or populationSize smaller than n
 * @example
 * // the headline margin of the API/EAI/KEI Japan sample, n = 1,037
 * marginOfError(0.5, 1037); // => 0.03043187540505491
 */
export function marginOfError(p: number, n: number, options?: MarginOfErrorOptions): number {
  const fn = 'marginOfError';
  checkProportion(fn, 'p', p);
  checkSampleSize(fn, 'n', n);
  const opts = checkOptions(fn, options);
  const level = levelOption(fn, opts['level']);
  const deff = deffOption(fn, 'deff', opts['deff']);
  const fpc =
    opts['populationSize'] === undefined
      ? 1
      : finitePopulationCorrection(n, checkPopulationSize(fn, opts['populationSize'], n));
  // At most 1: a wider half-width says no more, since p ± 1 already covers [0, 1].
  return Math.min(1, criticalValue(level) * Math.sqrt((deff * p * (1 - p)) / n) * fpc);
}

/**
 * √((N − n)/(N − 1)), and 0 when the whole population was sampled.
 * Internal: callers validate N ≥ n ≥ 1.
 */
export function finitePopulationCorrection(n: number, populationSize: number): number {
  if (populationSize === n) return 0;
  return Math.sqrt((populationSize - n) / (populationSize - 1));
}
