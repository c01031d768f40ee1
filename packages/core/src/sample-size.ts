import { checkMoe } from './check-moe';
import { criticalValue } from './critical-value';
import { ToplinesError } from './errors';
import {
  checkFinite,
  checkOptions,
  checkProportion,
  deffOption,
  levelOption,
  MAX_SAMPLE_SIZE,
  show,
} from './validate';

/** Options of {@link sampleSize}. */
export interface SampleSizeOptions {
  /** The proportion expected; 0.5 (the default) is the most demanding. */
  p?: number;
  /** Confidence level, strictly between 0 and 1. Default `0.95`. */
  level?: number;
  /** Design effect, from 0.001 to 1000: the sample needed is multiplied by it. Default `1`. */
  deff?: number;
  /** Size of the population (an integer ≥ 1), for the finite population correction. Default: none. */
  populationSize?: number;
}

/**
 * Sample size for a target margin of error.
 *
 * The smallest n whose margin of error z·√(deff·p(1 − p)/n) is at most `moe`:
 * n₀ = z²·deff·p(1 − p)/moe², rounded up; with a finite population of N, the
 * corrected n₀·N/(n₀ + N − 1), rounded up, which inverts the correction that
 * {@link marginOfError} applies. At least 1.
 *
 * Reference: Cochran (1977), Sampling Techniques, 3rd ed., §4.4 (sample size
 * for proportions).
 *
 * Cost: O(1).
 *
 * @param moe - the margin of error wanted, as a proportion in (0, 1): 0.03 for ±3 points
 * @param options - `p` (default 0.5), `level` (default 0.95), `deff` (default 1), `populationSize`
 * @returns the sample size, an integer from 1 to 2^53 − 1
 * @throws {ToplinesError} for moe outside (0, 1) (3 for "±3 points" is named as such), p
 *   outside [0, 1], level outside (0, 1), deff outside [0.001, 1000], populationSize not an
 *   integer from 1 to 2^53 − 1, or a margin so small that the sample needed passes 2^53 − 1
 * @example
 * sampleSize(0.03); // => 1068
 * sampleSize(0.03, { deff: 1.5 }); // => 1601
 */
export function sampleSize(moe: number, options?: SampleSizeOptions): number {
  const fn = 'sampleSize';
  checkMoe(fn, moe);
  const opts = checkOptions(fn, options);
  const p = opts['p'] === undefined ? 0.5 : checkProportion(fn, 'p', opts['p']);
  const level = levelOption(fn, opts['level']);
  const deff = deffOption(fn, 'deff', opts['deff']);
  const z = criticalValue(level);
  let n = (z * z * deff * p * (1 - p)) / (moe * moe);
  if (opts['populationSize'] !== undefined) {
    const size = checkFinite(fn, 'populationSize', opts['populationSize']);
    if (!Number.isInteger(size) || size < 1 || size > MAX_SAMPLE_SIZE) {
      throw new ToplinesError(
        'out-of-range',
        fn,
        `requires populationSize to be a positive integer up to 9007199254740991, got ${show(size)}`,
      );
    }
    // n₀·N/(n₀ + N − 1) written so that a huge (even infinite) n₀ gives N, never NaN.
    if (n > 0) n = size / (1 + (size - 1) / n);
  }
  const needed = Math.max(1, ceilGuarded(n));
  if (!(needed <= MAX_SAMPLE_SIZE)) {
    throw new ToplinesError(
      'out-of-range',
      fn,
      `finds that a margin of ${show(moe)} needs more than 9007199254740991 respondents (Number.MAX_SAFE_INTEGER), the largest sample size the package handles: ask for a wider margin`,
    );
  }
  return needed;
}

/** Ceiling that treats a value within 1e-9 (relative) of an integer as that integer. */
function ceilGuarded(value: number): number {
  const nearest = Math.round(value);
  if (Math.abs(value - nearest) <= 1e-9 * Math.max(1, Math.abs(value))) return nearest;
  return Math.ceil(value);
}
