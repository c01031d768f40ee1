import { checkMoe } from './check-moe';
import { criticalValue } from './critical-value';
import { ToplinesError } from './errors';
import {
  checkOptions,
  checkProportion,
  checkSampleSize,
  DEFF_RANGE,
  levelOption,
  show,
} from './validate';

/** Options of {@link impliedDesignEffect}. */
export interface ImpliedDesignEffectOptions {
  /** The share the margin was computed at, in (0, 1). Default `0.5` (the headline margin). */
  p?: number;
  /** The confidence level of the margin, strictly between 0 and 1. Default `0.95`. */
  level?: number;
}

/**
 * The design effect a published margin of error implies.
 *
 * Pollsters who weight their samples often publish a margin of error larger
 * than simple random sampling gives for their n: the ratio of the squares is
 * the design effect they allowed for, deff = n·moe²/(z²·p(1 − p)). A value
 * near 1 means the margin is the textbook one; 1.5 to 2 is common for
 * weighted online and telephone polls; below 1 means the published margin is
 * smaller than even simple random sampling supports (often just rounding of
 * the published figure). Pass the result as `deff` to the other functions.
 *
 * Reference: Kish (1965), Survey Sampling (the design effect as a ratio of
 * variances); AAPOR, "Margin of Sampling Error/Credibility Interval".
 *
 * Cost: O(1).
 *
 * @param moe - the published margin, as a proportion in (0, 1): 0.031 for ±3.1 points
 * @param n - the sample size, a positive integer
 * @param options - `p` (default 0.5), `level` (default 0.95)
 * @returns the implied design effect, from 0.001 to 1000 (the range the other functions accept)
 * @throws {ToplinesError} for moe outside (0, 1) (3.1 is named as percentage points), n not a
 *   positive integer up to 2^53 − 1, p outside (0, 1), level outside (0, 1), or an implied
 *   design effect outside [0.001, 1000] (a margin far too small or too large for its n)
 * @example
 * // a poll of 1,037 that publishes ±4.0 points instead of ±3.0
 * impliedDesignEffect(0.04, 1037); // => 1.7276769867341126
 */
export function impliedDesignEffect(
  moe: number,
  n: number,
  options?: ImpliedDesignEffectOptions,
): number {
  const fn = 'impliedDesignEffect';
  checkMoe(fn, moe);
  checkSampleSize(fn, 'n', n);
  const opts = checkOptions(fn, options);
  const p = opts['p'] === undefined ? 0.5 : checkProportion(fn, 'p', opts['p']);
  if (p === 0 || p === 1) {
    throw new ToplinesError(
      'out-of-range',
      fn,
      `requires p strictly between 0 and 1, got ${show(p)}`,
    );
  }
  const level = levelOption(fn, opts['level']);
  const z = criticalValue(level);
  const deff = (n * moe * moe) / (z * z * p * (1 - p));
  if (!(deff >= DEFF_RANGE[0] && deff <= DEFF_RANGE[1])) {
    throw new ToplinesError(
      'out-of-range',
      fn,
      `finds that a margin of ${show(moe)} at n = ${show(n)} implies a design effect of ${show(Number(deff.toPrecision(4)))}, outside the 0.001 to 1000 the package accepts: check the margin and its n`,
    );
  }
  return deff;
}
