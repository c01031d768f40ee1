import { criticalValue } from './critical-value';
import { ToplinesError } from './errors';
import { intervalBounds, PROPORTION_CI_METHODS, type ProportionCIMethod } from './proportion-ci';
import { betaQuantile } from './special/beta-quantile';
import {
  checkDeff,
  checkLevel,
  checkMethod,
  checkOptions,
  checkProportion,
  checkSampleSize,
  show,
} from './validate';

/** Options of {@link proportionCIs}. */
export interface ProportionCIsOptions {
  /** Confidence level, strictly between 0 and 1. Default `0.95`. */
  level?: number;
  /** Interval method, one for every case. Default `'wilson'`. */
  method?: ProportionCIMethod;
  /** Design effect, > 0, one for every case: each n is taken as n / deff. Default `1`. */
  deff?: number;
}

/**
 * The result of {@link proportionCIs}: element i bounds the interval of case i. The two
 * arrays are the halves of one `ArrayBuffer`.
 */
export interface ProportionCIs {
  /** Lower bounds, in [0, 1]. */
  lower: Float64Array;
  /** Upper bounds, in [0, 1]. */
  upper: Float64Array;
}

/**
 * Confidence intervals for many reported proportions at once.
 *
 * The bulk form of {@link proportionCI}: interval i is the one `proportionCI(ps[i], ns[i],
 * options)` gives, bit for bit, but the options are
 * checked and the critical value computed once per call, each case is validated as it is
 * read, and the bounds are written into two `Float64Array`s instead of an object per case.
 * A whole table of toplines (a million rows) takes milliseconds with Wilson and well under
 * a second with Clopper–Pearson. An empty input gives empty arrays.
 *
 * Reference: as {@link proportionCI} — Brown, Cai & DasGupta (2001), Statistical Science
 * 16(2):101–133, https://projecteuclid.org/euclid.ss/1009213286
 *
 * Cost: O(k) for k cases; Clopper–Pearson and Jeffreys solve two beta quantiles a case.
 *
 * @param ps - the reported proportions, each in [0, 1]: an array or a typed array
 * @param ns - the sample sizes, positive integers, as long as `ps`; or one n for every case
 * @param options - `level` (default 0.95), `method` (default `'wilson'`), `deff` (default 1)
 * @returns `{ lower, upper }`, two Float64Arrays as long as `ps`
 * @throws {ToplinesError} when `ps` or `ns` is not an array, their lengths differ, an element
 *   of `ps` is outside [0, 1] (a percentage like 40.5 is named as such, with its index), an
 *   element of `ns` is not a positive integer, or an option is invalid
 * @example
 * const cis = proportionCIs([0.405, 0.345], 1037);
 * cis.lower[0]; // => 0.37552621249703577
 * cis.upper[1]; // => 0.37445698340245753
 */
export function proportionCIs(
  ps: ArrayLike<number>,
  ns: ArrayLike<number> | number,
  options?: ProportionCIsOptions,
): ProportionCIs {
  const fn = 'proportionCIs';
  const opts = checkOptions(fn, options);
  const level = opts['level'] === undefined ? 0.95 : checkLevel(fn, opts['level']);
  const method =
    opts['method'] === undefined
      ? 'wilson'
      : checkMethod(fn, 'method', opts['method'], PROPORTION_CI_METHODS);
  const deff = opts['deff'] === undefined ? 1 : checkDeff(fn, 'deff', opts['deff']);
  checkArray(fn, 'ps', ps);
  const k = ps.length;
  const single = typeof ns === 'number';
  if (single) checkSampleSize(fn, 'ns', ns);
  else {
    checkArray(fn, 'ns', ns);
    if (ns.length !== k) {
      throw new ToplinesError(
        'length-mismatch',
        fn,
        `requires ps and ns to have the same length, got ${k} and ${ns.length}`,
      );
    }
  }
  const z = criticalValue(level);
  // One allocation for both (fresh memory costs page faults): lower and upper are the two
  // halves of one buffer.
  const bounds = new Float64Array(2 * k);
  const lower = bounds.subarray(0, k);
  const upper = bounds.subarray(k);
  // One pass: each case is checked as it is read (a failing element goes to the shared check,
  // which names it and throws), then bounded. Clopper–Pearson and the others run the same
  // operations, in the same order, as proportionCI (n / deff, then the method), so their
  // results are identical bit for bit; Wilson has a loop of its own, below.
  // The throwing paths are kept out of line, so a check costs a compare or two in the loop.
  const bad = (name: string, i: number, v: unknown): never => {
    if (name === 'ps') checkProportion(fn, `ps[${i}]`, v);
    checkSampleSize(fn, `ns[${i}]`, v);
    throw new Error('unreachable');
  };
  const nAt = (i: number): number => {
    if (single) return (ns as number) / deff;
    const n = (ns as ArrayLike<number>)[i] as number;
    if (typeof n !== 'number' || !(n > 0 && n <= Number.MAX_SAFE_INTEGER && Math.floor(n) === n)) {
      bad('ns', i, n);
    }
    return n / deff;
  };
  const pAt = (i: number): number => {
    const p = ps[i];
    if (typeof p !== 'number' || !(p >= 0 && p <= 1)) bad('ps', i, p);
    return p as number;
  };
  if (method === 'wilson') {
    // The Wilson bounds are the roots of (1 + z²/n)θ² − (2p + z²/n)θ + p² = 0. With s the
    // nearer of p and 1 − p to 0 (exact when it is 1 − p), the far root is (s + z²/2n + r)/(1 +
    // z²/n) and the near one, from the product of the roots, s²/(s + z²/2n + r), so neither
    // cancels; for p > ½ the bounds are 1 minus those of 1 − p. The same operations, in the
    // same order, as wilsonBounds (so the same bits), inlined: one square root and three
    // divisions a case.
    const z2 = z * z;
    for (let i = 0; i < k; i++) {
      const p = pAt(i);
      const n = nAt(i);
      const z2n = z2 / n;
      const s = p < 0.5 ? p : 1 - p;
      const root = z * Math.sqrt((s * (1 - s)) / n + z2n / (4 * n));
      const far = s + z2n / 2 + root;
      const near = far === 0 ? 0 : Math.min(s, (s * s) / far);
      const farBound = far / (1 + z2n);
      lower[i] = p < 0.5 ? near : 1 - farBound;
      upper[i] = p < 0.5 ? farBound : 1 - near;
    }
  } else if (method === 'clopper-pearson') {
    const alpha = 1 - level;
    for (let i = 0; i < k; i++) {
      const p = pAt(i);
      const nEff = nAt(i);
      const x = p * nEff;
      const y = (1 - p) * nEff;
      lower[i] = p <= 0 ? 0 : Math.min(p, betaQuantile(alpha / 2, x, y + 1));
      upper[i] = p >= 1 ? 1 : Math.max(p, betaQuantile(1 - alpha / 2, x + 1, y));
    }
  } else {
    for (let i = 0; i < k; i++) {
      const [low, high] = intervalBounds(method, pAt(i), nAt(i), level, z);
      lower[i] = low;
      upper[i] = high;
    }
  }
  return { lower, upper };
}

/** Throws unless `value` is an array or a typed array (not a DataView). */
function checkArray(fn: string, name: string, value: unknown): void {
  if (!Array.isArray(value) && !(ArrayBuffer.isView(value) && !(value instanceof DataView))) {
    throw new ToplinesError(
      'invalid-type',
      fn,
      `requires ${name} to be an array of numbers, got ${show(value)}`,
    );
  }
}
