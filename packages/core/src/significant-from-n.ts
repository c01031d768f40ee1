import { consistentCounts } from './consistent-counts';
import { ToplinesError } from './errors';
import { fisherExactTest } from './fisher-exact-test';
import {
  TWO_PROPORTION_METHODS,
  type TwoProportionMethod,
  twoProportionTest,
} from './two-proportion-test';
import { checkLevel, checkMethod, checkOptions, show } from './validate';

/** A printed figure of {@link significantFromN}: the percentage as printed, and its n when known. */
export interface PrintedFigure {
  /** The percentage as printed, in percent units (45 for "45%"). */
  percent: number;
  /** The decimals it was printed with (0 for "45%", 1 for "45.0%"). */
  decimals: number;
  /** Its sample size, when the source gives it; otherwise every n is tried. */
  n?: number | null;
}

/** Options of {@link significantFromN}. */
export interface SignificantFromNOptions {
  /** Confidence level, strictly between 0 and 1. Default `0.95`. */
  level?: number;
  /** The interval of the large-sample comparison, as in {@link twoProportionTest}. Default `'newcombe'`. */
  method?: TwoProportionMethod;
  /** The largest n tried. Default `5000` (at most 100,000). */
  limit?: number;
}

/** Below this expected count of the 2×2 table, {@link significantFromN} uses Fisher's exact test. */
const MIN_EXPECTED = 10;

/**
 * The smallest sample size from which two printed figures of independent
 * polls differ by more than their margin, when the polls' n is not given.
 *
 * For each n from 2 to `limit` (one n for both polls when neither is given;
 * the unknown one's when the other is), the two figures are taken as the
 * whole counts out of n nearest to them that print as them (an n at which a
 * figure is no count's share is skipped: "45%" is not a possible figure of
 * 25), and tested as two real polls would be: Fisher's exact test when an
 * expected count of the 2×2 table is below 10 (the success–failure
 * condition), otherwise the interval of `method` (Newcombe by default). The
 * result is the smallest n from which the difference is significant at every
 * possible n up to `limit`, so that a single lucky n is not reported — or
 * null when that never happens.
 *
 * Reference: Brown and Heathers (2017), "The GRIM test" (possible counts);
 * Agresti (2013), *Categorical Data Analysis*, 3rd ed. (Fisher's exact test);
 * Newcombe (1998), *Statistics in Medicine* 17, 873–890.
 *
 * Cost: O(limit) tests, each O(n) at small counts (Fisher) or O(1).
 *
 * @param a - the first figure, as printed, with its n when known
 * @param b - the second figure
 * @param options - `level` (default 0.95), `method` (default `'newcombe'`), `limit` (default 5000)
 * @returns the smallest such n, or null
 * @throws {ToplinesError} for a percentage outside [0, 100], decimals that are not 0 to 10,
 *   an n that is not a positive whole number, a bad level, method or limit
 * @example
 * // The University of Tokyo's 45% (Aug 2024) and 18% (Aug 2025), n not published:
 * // larger than its margin at every possible n of 33 or more per wave (15 vs 6 of 33)
 * significantFromN({ percent: 45, decimals: 0 }, { percent: 18, decimals: 0 }); // => 33
 * // with the first poll's n known
 * significantFromN({ percent: 42.4, decimals: 1, n: 1037 }, { percent: 85.5, decimals: 1 }); // => 55
 */
export function significantFromN(
  a: PrintedFigure,
  b: PrintedFigure,
  options?: SignificantFromNOptions,
): number | null {
  const fn = 'significantFromN';
  const opts = checkOptions(fn, options);
  const level = opts['level'] === undefined ? 0.95 : checkLevel(fn, opts['level']);
  const method =
    opts['method'] === undefined
      ? 'newcombe'
      : checkMethod(fn, 'method', opts['method'], TWO_PROPORTION_METHODS);
  const limit = opts['limit'] === undefined ? 5000 : opts['limit'];
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 2 || limit > 100_000) {
    throw new ToplinesError(
      'invalid-option',
      fn,
      `requires limit to be a whole number from 2 to 100,000, got ${show(limit)}`,
    );
  }
  const [fa, fb] = [checkFigure(fn, 'a', a), checkFigure(fn, 'b', b)];
  if (fa.percent === fb.percent) return null;
  let from: number | null = null;
  for (let n = 2; n <= limit; n++) {
    const na = fa.n ?? n;
    const nb = fb.n ?? n;
    const xa = countAt(fa, na);
    const xb = countAt(fb, nb);
    if (xa === null || xb === null) continue;
    const pooled = (xa + xb) / (na + nb);
    const expected = Math.min(na, nb) * Math.min(pooled, 1 - pooled);
    let significant: boolean;
    if (expected < MIN_EXPECTED) {
      significant = fisherExactTest(xa, na, xb, nb).pValue < 1 - level;
    } else {
      const t = twoProportionTest(xa / na, na, xb / nb, nb, { level, method });
      significant = t.lower > 0 || t.upper < 0;
    }
    if (!significant) from = null;
    else if (from === null) from = n;
    if (fa.n !== null && fb.n !== null) break; // both known: one test says it all
  }
  return from;
}

interface Figure {
  percent: number;
  decimals: number;
  n: number | null;
}

function checkFigure(fn: string, name: string, value: unknown): Figure {
  const f = value as Record<string, unknown> | null;
  if (f === null || typeof f !== 'object') {
    throw new ToplinesError(
      'invalid-type',
      fn,
      `requires ${name} to be a figure { percent, decimals, n? }, got ${show(value)}`,
    );
  }
  const { percent, decimals, n } = f;
  if (typeof percent !== 'number' || !(percent >= 0 && percent <= 100)) {
    throw new ToplinesError(
      'out-of-range',
      fn,
      `requires ${name}.percent to be a percentage from 0 to 100, got ${show(percent)}`,
    );
  }
  if (
    typeof decimals !== 'number' ||
    !Number.isInteger(decimals) ||
    decimals < 0 ||
    decimals > 10
  ) {
    throw new ToplinesError(
      'invalid-option',
      fn,
      `requires ${name}.decimals to be a whole number from 0 to 10, got ${show(decimals)}`,
    );
  }
  if (
    n !== undefined &&
    n !== null &&
    (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1)
  ) {
    throw new ToplinesError(
      'not-integer',
      fn,
      `requires ${name}.n to be a positive whole number, got ${show(n)}`,
    );
  }
  return { percent, decimals, n: (n as number | null | undefined) ?? null };
}

/**
 * The count out of n nearest to the figure that prints as it; for a figure
 * whose n is given, its nearest count even when none prints as it (the
 * figure is then tested as `compare` tests it), otherwise null.
 */
function countAt(f: Figure, n: number): number | null {
  const range = consistentCounts(f.percent, n, { decimals: f.decimals });
  const nearest = Math.round((f.percent / 100) * n);
  if (range === null) return f.n === null ? null : nearest;
  return Math.min(range.max, Math.max(range.min, nearest));
}
