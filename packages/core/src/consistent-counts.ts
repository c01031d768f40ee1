import { ToplinesError } from './errors';
import { checkFinite, checkOptions, checkSampleSize, show } from './validate';

/** Options of {@link consistentCounts}. */
export interface ConsistentCountsOptions {
  /**
   * Decimals the percentage was printed with (0 for "41%", 1 for "40.5%").
   * Default: the decimals of `percent` as printed when it is a string
   * ("51.0%": 1), else as a JavaScript number writes it (51.0 is 51: 0), so
   * pass the figure as a string, or this option, when it had trailing zeros.
   */
  decimals?: number;
}

/** The result of {@link consistentCounts}: the smallest and largest fitting count. */
export interface CountRange {
  /** The smallest count x with 100·x/n rounding to the percentage. */
  min: number;
  /** The largest such count. */
  max: number;
}

/** Counts tried at each end of the closed-form range: a bound on the work, O(1). */
const STEPS = 4;

/** Slack on the rounding boundary, so that a half-way value counts either way. */
const BOUNDARY_SLACK = 1e-9;

/**
 * Counts consistent with a printed percentage.
 *
 * A percentage printed with d decimals, out of n respondents, must come from
 * a whole number of respondents x: the counts that fit are those with
 * |100·x/n − percent| ≤ ½·10^−d (the boundary itself included, since either
 * rounding rule may have produced it). They form one run of integers, so the
 * answer is its smallest and largest member, or `null` when no count out of n
 * rounds to the printed figure — a sign of a typo, a weighted figure or a
 * different base. This is the GRIM test of Brown & Heathers applied to
 * proportions. Unlike the rest of the package, `percent` is in percent units,
 * as printed.
 *
 * Reference: Brown & Heathers (2017), "The GRIM Test: A Simple Technique
 * Detects Numerous Anomalies in the Reporting of Results in Psychology",
 * Social Psychological and Personality Science 8(4):363–369,
 * https://doi.org/10.1177/1948550616673876
 *
 * Cost: O(1).
 *
 * @param printed - the printed percentage, in [0, 100]: a number (40.5) or the figure as
 *   printed ("40.5%", "51.0"), whose decimals then count
 * @param n - the base it is a percentage of, a positive integer up to 2^53 − 1
 * @param options - `decimals` (default: as many as `percent` has)
 * @returns `{ min, max }` of the counts that fit, or `null` when none does
 * @throws {ToplinesError} for a percent outside [0, 100], n not a positive integer, or
 *   decimals that are not an integer from 0 to 10
 * @example
 * consistentCounts(40.5, 1037); // => { min: 420, max: 420 }
 * consistentCounts('51.0%', 1037); // => { min: 529, max: 529 }
 * consistentCounts(51, 1037); // => { min: 524, max: 534 }
 * consistentCounts(50.5, 10); // => null
 */
export function consistentCounts(
  printed: number | string,
  n: number,
  options?: ConsistentCountsOptions,
): CountRange | null {
  const fn = 'consistentCounts';
  const { percent, printedDecimals } = parsePercent(fn, printed);
  if (percent < 0 || percent > 100) {
    throw new ToplinesError(
      'out-of-range',
      fn,
      `requires percent in percent units, from 0 to 100, got ${show(percent)}`,
    );
  }
  checkSampleSize(fn, 'n', n);
  const opts = checkOptions(fn, options);
  const decimals =
    opts['decimals'] === undefined ? printedDecimals : checkDecimals(fn, opts['decimals']);
  const half = 0.5 * 10 ** -decimals;
  const fits = (x: number) => Math.abs((100 * x) / n - percent) <= half + BOUNDARY_SLACK;
  // Start just outside the closed-form range and step inward: the rounding of
  // the two products (and of 100·x/n in fits) moves an end by at most one, so
  // a few steps find it, and an end not found in them means no count fits.
  const from = Math.max(0, Math.floor(((percent - half) * n) / 100) - 1);
  const to = Math.min(n, Math.ceil(((percent + half) * n) / 100) + 1);
  let min = from;
  while (min <= to && min < from + STEPS && !fits(min)) min++;
  let max = to;
  while (max >= from && max > to - STEPS && !fits(max)) max--;
  if (min > max || !fits(min) || !fits(max)) return null;
  return { min, max };
}

/** A percentage as a number, or as printed ("40.5%", "51.0"), with its decimals. */
function parsePercent(fn: string, printed: unknown): { percent: number; printedDecimals: number } {
  if (typeof printed === 'string') {
    const match = /^\s*(\d+)(?:\.(\d+))?\s*%?\s*$/.exec(printed);
    if (match === null) {
      throw new ToplinesError(
        'invalid-type',
        fn,
        `requires percent to be a number or a printed percentage such as "40.5%", got ${show(printed)}`,
      );
    }
    return { percent: Number(printed.replace('%', '')), printedDecimals: match[2]?.length ?? 0 };
  }
  const percent = checkFinite(fn, 'percent', printed);
  return { percent, printedDecimals: decimalsOf(percent) };
}

/** The number of decimals JavaScript prints for `value` (40.5 → 1, 1e-7 → 7). */
export function decimalsOf(value: number): number {
  const text = String(value);
  const match = /^-?\d*(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(text);
  if (match === null) return 0;
  const fraction = match[1]?.length ?? 0;
  const exponent = match[2] === undefined ? 0 : Number(match[2]);
  return Math.max(0, fraction - exponent);
}

function checkDecimals(fn: string, value: unknown): number {
  const decimals = checkFinite(fn, 'decimals', value);
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 10) {
    throw new ToplinesError(
      'out-of-range',
      fn,
      `requires decimals to be an integer from 0 to 10, got ${show(decimals)}`,
    );
  }
  return decimals;
}
