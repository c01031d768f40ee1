import { criticalValue } from './critical-value';
import { normalCdf } from './special/normal-cdf';
import {
  checkOptions,
  checkProportion,
  checkSampleSize,
  deffOption,
  levelOption,
} from './validate';

/** Options of {@link comparisonPower}. */
export interface ComparisonPowerOptions {
  /** Confidence level of the test (1 − its significance level), in (0, 1). Default `0.95`. */
  level?: number;
  /** Design effect of both samples, > 0: each effective size is n/deff. Default `1`. */
  deff?: number;
}

/**
 * Power of a comparison between two independent polls.
 *
 * The probability that the two-sided pooled z test of
 * {@link twoProportionTest} at the given level finds a difference when the
 * true proportions are p1 and p2 with samples of n1 and n2: with the pooled
 * p̄ = (n1·p1 + n2·p2)/(n1 + n2), σ0 = √(p̄(1 − p̄)(1/n1 + 1/n2)) under the null
 * and σ1 = √(p1(1 − p1)/n1 + p2(1 − p2)/n2) under the alternative,
 * power = Φ((|p1 − p2| − z·σ0)/σ1) + Φ((−|p1 − p2| − z·σ0)/σ1). With n1 = n2 it
 * is R's `power.prop.test(strict = TRUE)`. A comparison with low power could
 * not have detected a difference of that size, so "no significant change"
 * from it says little.
 *
 * Reference: Fleiss, Levin & Paik (2003), Statistical Methods for Rates and
 * Proportions, 3rd ed., §4.2; R Core Team, `power.prop.test`.
 *
 * Cost: O(1).
 *
 * @param p1 - the true proportion in the first population, in [0, 1]
 * @param p2 - the true proportion in the second population, in [0, 1]
 * @param n1 - the first sample size, a positive integer
 * @param n2 - the second sample size, a positive integer
 * @param options - `level` (default 0.95), `deff` (default 1)
 * @returns the power, in [0, 1]
 * @throws {ToplinesError} for proportions outside [0, 1], sizes that are not positive integers,
 *   level outside (0, 1) or deff ≤ 0
 * @example
 * // two polls of 1,000 each: could they tell 42% from 45%?
 * comparisonPower(0.42, 0.45, 1000, 1000); // => 0.2723449845125669
 */
export function comparisonPower(
  p1: number,
  p2: number,
  n1: number,
  n2: number,
  options?: ComparisonPowerOptions,
): number {
  const fn = 'comparisonPower';
  checkProportion(fn, 'p1', p1);
  checkProportion(fn, 'p2', p2);
  checkSampleSize(fn, 'n1', n1);
  checkSampleSize(fn, 'n2', n2);
  const opts = checkOptions(fn, options);
  const level = levelOption(fn, opts['level']);
  const deff = deffOption(fn, 'deff', opts['deff']);
  return powerOf(p1, p2, n1 / deff, n2 / deff, criticalValue(level));
}

/** The power formula for effective sizes m1, m2 and critical value z. Internal. */
export function powerOf(p1: number, p2: number, m1: number, m2: number, z: number): number {
  const pooled = (m1 * p1 + m2 * p2) / (m1 + m2);
  const sigma0 = Math.sqrt(pooled * (1 - pooled) * (1 / m1 + 1 / m2));
  const sigma1 = Math.sqrt((p1 * (1 - p1)) / m1 + (p2 * (1 - p2)) / m2);
  const d = Math.abs(p1 - p2);
  if (sigma1 === 0) return d > z * sigma0 ? 1 : 0;
  return normalCdf((d - z * sigma0) / sigma1) + normalCdf((-d - z * sigma0) / sigma1);
}
