import { ToplinesError } from './errors';
import { checkMethod, show } from './validate';

/** The adjustment methods of {@link adjustPValues}. */
export const P_ADJUST_METHODS = ['bonferroni', 'holm', 'hochberg', 'bh', 'by'] as const;

/** One of {@link P_ADJUST_METHODS}. */
export type PAdjustMethod = (typeof P_ADJUST_METHODS)[number];

/**
 * Adjusted p-values for multiple comparisons.
 *
 * When a reader tests every lead in a poll, some will look significant by
 * chance. This adjusts a family of p-values: `bonferroni` and `holm` control
 * the family-wise error rate (Holm's step-down is uniformly more powerful),
 * `hochberg` is the step-up version valid under independence or positive
 * dependence, `bh` (Benjamini–Hochberg) controls the false discovery rate
 * under independence or positive dependence, and `by` (Benjamini–Yekutieli)
 * under any dependence. Results equal R's `p.adjust` (`"BH"`, `"BY"` there),
 * in the input's order. A NaN (a test that could not be run, R's `NA`) stays
 * NaN, and the others are adjusted as a family of the non-NaN values alone,
 * as `p.adjust` does with `NA` (n = sum(!is.na(p))); an empty array gives an
 * empty array.
 *
 * Reference: R Core Team, `p.adjust` documentation,
 * https://stat.ethz.ch/R-manual/R-devel/library/stats/html/p.adjust.html;
 * Benjamini & Hochberg (1995), JRSS B 57:289–300; Holm (1979), Scandinavian
 * Journal of Statistics 6:65–70.
 *
 * Cost: O(m log m) for m p-values (one sort).
 *
 * @param pValues - p-values, each in [0, 1] or NaN (not available)
 * @param method - `'bonferroni'`, `'holm'`, `'hochberg'`, `'bh'` or `'by'`
 * @returns the adjusted p-values, in the order given, NaN where the input is NaN
 * @throws {ToplinesError} for a value that is not an array of numbers, a value outside
 *   [0, 1] (±Infinity included), or an unknown method
 * @example
 * adjustPValues([0.01, 0.04, 0.03], 'holm'); // => [0.03, 0.06, 0.06]
 * adjustPValues([0.01, 0.04, 0.03], 'bh'); // => [0.03, 0.04, 0.04]
 * // a test that could not be run stays NaN; the other two are a family of two
 * adjustPValues([0.01, Number.NaN, 0.03], 'holm'); // => [0.02, Number.NaN, 0.03]
 * adjustPValues([], 'bh'); // => []
 */
export function adjustPValues(pValues: ArrayLike<number>, method: PAdjustMethod): number[] {
  const fn = 'adjustPValues';
  const all = checkPValues(fn, pValues);
  const m = checkMethod(fn, 'method', method, P_ADJUST_METHODS);
  const out = new Array<number>(all.length).fill(Number.NaN);
  // The positions of the values that are not NaN: the family adjusted.
  const kept: number[] = [];
  for (let i = 0; i < all.length; i++) if (!Number.isNaN(all[i])) kept.push(i);
  const count = kept.length;
  const p = (rank: number) => all[kept[rank]!]!;
  if (m === 'bonferroni') {
    for (let r = 0; r < count; r++) out[kept[r]!] = Math.min(1, count * p(r));
    return out;
  }
  // Ranks sorted by p (stable), ascending for the step-down method and
  // descending for the step-up ones, as R orders them.
  const order = Array.from({ length: count }, (_, r) => r);
  if (m === 'holm') {
    order.sort((a, b) => p(a) - p(b));
    let running = 0;
    for (let rank = 0; rank < count; rank++) {
      const r = order[rank]!;
      running = Math.max(running, (count - rank) * p(r));
      out[kept[r]!] = Math.min(1, running);
    }
    return out;
  }
  order.sort((a, b) => p(b) - p(a));
  const q = m === 'by' ? harmonic(count) : 1;
  let running = Infinity;
  for (let rank = 0; rank < count; rank++) {
    const r = order[rank]!;
    const k = count - rank; // the 1-based rank of p(r) from the smallest
    const scaled = m === 'hochberg' ? (count - k + 1) * p(r) : ((q * count) / k) * p(r);
    running = Math.min(running, scaled);
    out[kept[r]!] = Math.min(1, running);
  }
  return out;
}

/** Throws unless `value` is an array (or typed array) of p-values in [0, 1] or NaN. */
function checkPValues(fn: string, value: unknown): ArrayLike<number> {
  const isArrayLike =
    Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
  if (!isArrayLike) {
    throw new ToplinesError(
      'invalid-type',
      fn,
      `requires pValues to be an array of numbers, got ${show(value)}`,
    );
  }
  const array = value as ArrayLike<unknown>;
  for (let i = 0; i < array.length; i++) {
    const v = array[i];
    if (typeof v !== 'number') {
      throw new ToplinesError(
        'invalid-type',
        fn,
        `requires pValues to hold numbers, got ${show(v)} at index ${i}`,
      );
    }
    if (v < 0 || v > 1) {
      throw new ToplinesError(
        'out-of-range',
        fn,
        `requires p-values in [0, 1] (or NaN for one not available), got ${show(v)} at index ${i}`,
      );
    }
  }
  return array as ArrayLike<number>;
}

function harmonic(count: number): number {
  let sum = 0;
  for (let i = 1; i <= count; i++) sum += 1 / i;
  return sum;
}
