import { powerOf } from './comparison-power';
import { criticalValue } from './critical-value';
import { ToplinesError } from './errors';
import {
  checkFinite,
  checkOptions,
  checkProportion,
  checkSampleSize,
  deffOption,
  levelOption,
  show,
} from './validate';

/** Options of {@link minimumDetectableDifference}. */
export interface MinimumDetectableDifferenceOptions {
  /** The proportion in the first population, in [0, 1). Default `0.5` (the most demanding). */
  p?: number;
  /** The power wanted, strictly between 1 − level and 1. Default `0.8`. */
  power?: number;
  /** Confidence level of the test, in (0, 1). Default `0.95`. */
  level?: number;
  /** Design effect of both samples, > 0. Default `1`. */
  deff?: number;
}

/**
 * Minimum detectable difference between two independent polls.
 *
 * The smallest d > 0 such that the two-sided pooled z test at `level`
 * detects p versus p + d with probability `power` ({@link comparisonPower}),
 * found by bisection to full precision. A change smaller than this could not
 * reliably have been seen at all — the question to ask before reading
 * anything into "no significant change", and the reason subgroup comparisons
 * (small n1 and n2) so rarely find one. Returns null when even p versus 1
 * does not reach the power. With n1 = n2 it equals R's
 * `power.prop.test(n, p1 = p, power = power, strict = TRUE)$p2 − p`.
 *
 * Reference: Fleiss, Levin & Paik (2003), Statistical Methods for Rates and
 * Proportions, 3rd ed., §4.2.
 *
 * Cost: about 60 power evaluations.
 *
 * @param n1 - the first sample size, a positive integer
 * @param n2 - the second sample size, a positive integer
 * @param options - `p` (default 0.5), `power` (default 0.8), `level` (default 0.95), `deff`
 *   (default 1)
 * @returns the minimum detectable difference d, or null when no d up to 1 − p reaches the power
 * @throws {ToplinesError} for sizes that are not positive integers, p outside [0, 1), power
 *   outside (1 − level, 1), level outside (0, 1) or deff ≤ 0
 * @example
 * // two polls of 1,037 and 1,000 (about 6 points)
 * minimumDetectableDifference(1037, 1000); // => 0.061930625383836646
 * // two subgroups of 150 (about 16 points)
 * minimumDetectableDifference(150, 150); // => 0.15906338759246463
 */
export function minimumDetectableDifference(
  n1: number,
  n2: number,
  options?: MinimumDetectableDifferenceOptions,
): number | null {
  const fn = 'minimumDetectableDifference';
  checkSampleSize(fn, 'n1', n1);
  checkSampleSize(fn, 'n2', n2);
  const opts = checkOptions(fn, options);
  const p = opts['p'] === undefined ? 0.5 : checkProportion(fn, 'p', opts['p']);
  if (p === 1) {
    throw new ToplinesError(
      'out-of-range',
      fn,
      'requires p below 1, got 1: no larger proportion exists',
    );
  }
  const level = levelOption(fn, opts['level']);
  const power = opts['power'] === undefined ? 0.8 : checkFinite(fn, 'power', opts['power']);
  if (!(power > 1 - level && power < 1)) {
    throw new ToplinesError(
      'out-of-range',
      fn,
      `requires power between 1 − level = ${show(1 - level)} and 1, got ${show(power)}`,
    );
  }
  const deff = deffOption(fn, 'deff', opts['deff']);
  const m1 = n1 / deff;
  const m2 = n2 / deff;
  const z = criticalValue(level);
  const reaches = (d: number) => powerOf(p, p + d, m1, m2, z) >= power;
  let high = 1 - p;
  if (!reaches(high)) return null;
  let low = 0;
  while (high - low > 1e-16 * Math.max(1, high)) {
    const mid = low + (high - low) / 2;
    if (mid === low || mid === high) break;
    if (reaches(mid)) high = mid;
    else low = mid;
  }
  return high;
}
