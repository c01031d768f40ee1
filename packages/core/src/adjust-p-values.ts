import { ToplinesError } from './errors';
import { checkMethod, checkNumberArray, show } from './validate';

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
 * in the input's order.
 *
 * Reference: R Core Team, `p.adjust` documentation,
 * https://stat.ethz.ch/R-manual/R-devel/library/stats/html/p.adjust.html;
 * Benjamini & Hochberg (1995), JRSS B 57:289–300; Holm (1979), Scandinavian
 * Journal of Statistics 6:65–70.
 *
 * Cost: O(m log m) for m p-values (one sort).
 *
 * @param pValues - p-values, each in [0, 1]
 * @param method - `'bonferroni'`, `'holm'`, `'hochberg'`, `'bh'` or `'by'`
 * @returns the adjusted p-values, in the order given
 * @throws {ToplinesError} for an empty array, a value outside [0, 1], or an unknown method
 * @example
 * adjustPValues([0.01, 0.04, 0.03], 'holm'); // => [0.03, 0.06, 0.06]
 * adjustPValues([0.01, 0.04, 0.03], 'bh'); // => [0.03, 0.04, 0.04]
 */
export function adjustPValues(pValues: ArrayLike<number>, method: PAdjustMethod): number[] {
  const fn = 'adjustPValues';
  const p = checkNumberArray(fn, 'pValues', pValues);
  const m = checkMethod(fn, 'method', method, P_ADJUST_METHODS);
  const count = p.length;
  for (let i = 0; i < count; i++) {
    const v = p[i]!;
    if (v < 0 || v > 1) {
      throw new ToplinesError(
        'out-of-range',
        fn,
        `requires p-values in [0, 1], got ${show(v)} at index ${i}`,
      );
    }
  }
  const out = new Array<number>(count);
  if (m === 'bonferroni') {
    for (let i = 0; i < count; i++) out[i] = Math.min(1, count * p[i]!);
    return out;
  }
  // Indices sorted by p (stable), ascending for the step-down method and
  // descending for the step-up ones, as R orders them.
  const order = Array.from({ length: count }, (_, i) => i);
  if (m === 'holm') {
    order.sort((a, b) => p[a]! - p[b]!);
    let running = 0;
    for (let rank = 0; rank < count; rank++) {
      const i = order[rank]!;
      running = Math.max(running, (count - rank) * p[i]!);
      out[i] = Math.min(1, running);
    }
    return out;
  }
  order.sort((a, b) => p[b]! - p[a]!);
  const q = m === 'by' ? harmonic(count) : 1;
  let running = Infinity;
  for (let rank = 0; rank < count; rank++) {
    const i = order[rank]!;
    const k = count - rank; // the 1-based rank of p[i] from the smallest
    const scaled = m === 'hochberg' ? (count - k + 1) * p[i]! : ((q * count) / k) * p[i]!;
    running = Math.min(running, scaled);
    out[i] = Math.min(1, running);
  }
  return out;
}

function harmonic(count: number): number {
  let sum = 0;
  for (let i = 1; i <= count; i++) sum += 1 / i;
  return sum;
}
