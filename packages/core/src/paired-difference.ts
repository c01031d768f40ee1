import { criticalValue } from './critical-value';
import { ToplinesError } from './errors';
import { zTest } from './lead-test';
import {
  checkOptions,
  checkProportion,
  checkSampleSize,
  deffOption,
  levelOption,
  show,
} from './validate';

/** Options of {@link pairedDifference}. */
export interface PairedDifferenceOptions {
  /**
   * The share who chose both options, in [max(0, p1 + p2 − 1), min(p1, p2)].
   * Default: unknown — the result then spans every overlap the two shares allow.
   */
  overlap?: number;
  /** Confidence level, strictly between 0 and 1. Default `0.95`. */
  level?: number;
  /** Design effect, > 0: the variance is multiplied by it. Default `1`. */
  deff?: number;
}

/** The comparison at one value of the overlap. */
export interface PairedComparison {
  /** The share who chose both options. */
  overlap: number;
  /** Standard error of the difference at this overlap. */
  se: number;
  /** Lower bound of the interval for the difference, in [−1, 1]. */
  lower: number;
  /** Upper bound of the interval for the difference, in [−1, 1]. */
  upper: number;
  /** The z statistic, difference / se. */
  z: number;
  /** Two-sided p-value of the hypothesis that the two shares are equal. */
  pValue: number;
}

/** The result of {@link pairedDifference}. */
export interface PairedDifference extends PairedComparison {
  /**
   * What this result is, for {@link explain} and code that handles several
   * kinds: `'paired'` (two options of one check-all question).
   */
  kind: 'paired';
  /** p1 − p2. */
  difference: number;
  /** The confidence level used. */
  level: number;
  /** Whether the overlap was given; when not, the top-level fields are the conservative end. */
  overlapKnown: boolean;
  /** The overlaps the two shares allow (the Fréchet bounds): [max(0, p1 + p2 − 1), min(p1, p2)]. */
  overlapRange: [number, number];
  /**
   * The comparison at the smallest overlap allowed: the largest variance, so
   * the widest interval and the largest p-value. This end is conservative: a
   * difference significant here is significant at every overlap.
   */
  conservative: PairedComparison;
  /**
   * The comparison at the largest overlap allowed: the smallest variance.
   * This end is liberal: a difference not significant here is significant at
   * no overlap.
   */
  liberal: PairedComparison;
  /** The first share, as given. */
  p1: number;
  /** The second share, as given. */
  p2: number;
  /** The sample size, as given. */
  n: number;
}

/**
 * Difference between two options of one check-all question.
 *
 * In a multiple-response ("choose all that apply") question the same
 * respondents answer both options and may choose both, so the two shares are
 * neither exclusive (as in {@link leadTest}) nor independent (as in
 * {@link twoProportionTest}). With o the share who chose both, the
 * difference p1 − p2 is the share who chose only the first minus the share who
 * chose only the second, and
 * Var(p̂1 − p̂2) = deff·(p1 + p2 − 2o − (p1 − p2)²)/n,
 * the variance of McNemar's paired comparison; the interval, difference ±
 * z·se, is clipped to [−1, 1] (it reaches past only in samples of a few). The overlap is rarely
 * published: without it, the result spans every overlap the two shares allow
 * (the Fréchet bounds max(0, p1 + p2 − 1) ≤ o ≤ min(p1, p2)). The variance
 * falls as the overlap grows, so the smallest overlap is the conservative end
 * (its fields are the top-level ones) and the largest the liberal end.
 *
 * Reference: Agresti (2013), Categorical Data Analysis, 3rd ed., §11.1
 * (comparing dependent proportions); Fréchet (1951) bounds.
 *
 * Cost: O(1).
 *
 * @param p1 - share choosing the first option, in [0, 1]
 * @param p2 - share choosing the second option, in [0, 1]
 * @param n - the sample size (respondents asked), a positive integer
 * @param options - `overlap` (default unknown), `level` (default 0.95), `deff` (default 1)
 * @returns the difference and its interval at the overlap given, or at the conservative end,
 *   with both ends of the overlap range
 * @throws {ToplinesError} for shares outside [0, 1], n not a positive integer, level outside
 *   (0, 1), deff ≤ 0, or an overlap outside what the two shares allow
 * @example
 * // API/EAI/KEI Japan: reasons for supporting trilateral security cooperation (check-all),
 * // "curbing China's military rise" 56.5% vs "North Korea's nuclear and missile threats"
 * // 53.2%, asked of the 51.7% in favour (about 536 of 1,037)
 * const paired = pairedDifference(0.565, 0.532, 536);
 * paired.difference; // => 0.03299999999999992
 * paired.overlapRange; // => [0.09699999999999998, 0.532]
 * paired.conservative.upper > 0 && paired.conservative.lower < 0; // => true
 * paired.liberal.lower > 0; // => true
 */
export function pairedDifference(
  p1: number,
  p2: number,
  n: number,
  options?: PairedDifferenceOptions,
): PairedDifference {
  const fn = 'pairedDifference';
  checkProportion(fn, 'p1', p1);
  checkProportion(fn, 'p2', p2);
  checkSampleSize(fn, 'n', n);
  const opts = checkOptions(fn, options);
  const level = levelOption(fn, opts['level']);
  const deff = deffOption(fn, 'deff', opts['deff']);
  const low = Math.max(0, p1 + p2 - 1);
  const high = Math.min(p1, p2);
  const difference = p1 - p2;
  const zCrit = criticalValue(level);
  const nEffective = n / deff;
  const at = (overlap: number): PairedComparison => {
    const se = Math.sqrt(Math.max(0, p1 + p2 - 2 * overlap - difference * difference) / nEffective);
    return {
      overlap,
      se,
      lower: Math.max(-1, difference - zCrit * se),
      upper: Math.min(1, difference + zCrit * se),
      ...zTest(difference, se),
    };
  };
  const conservative = at(low);
  const liberal = at(high);
  const base = {
    difference,
    level,
    overlapRange: [low, high] as [number, number],
    conservative,
    liberal,
    p1,
    p2,
    n,
  };
  if (opts['overlap'] === undefined) {
    return { kind: 'paired', ...conservative, ...base, overlapKnown: false };
  }
  const overlap = checkProportion(fn, 'overlap', opts['overlap']);
  if (overlap < low - 1e-12 || overlap > high + 1e-12) {
    throw new ToplinesError(
      'inconsistent-input',
      fn,
      `requires overlap to lie between max(0, p1 + p2 − 1) = ${show(low)} and min(p1, p2) = ${show(high)}, got ${show(overlap)}`,
    );
  }
  return {
    kind: 'paired',
    ...at(Math.min(high, Math.max(low, overlap))),
    ...base,
    overlapKnown: true,
  };
}
