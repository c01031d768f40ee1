// The input checks shared by the across-polls tests (trendTest, homogeneityTest): k ≥ 2
// shares in [0, 1] with k sample sizes, and their pooled share strictly inside (0, 1).
import { ToplinesError } from '../errors';
import { checkNumberArray, checkProportion, checkSampleSize, show } from '../validate';

/** Shares and sample sizes of k polls, checked, with the pooled share. */
export interface PollSeries {
  shares: number[];
  ns: number[];
  /** Σ pᵢnᵢ / Σ nᵢ, strictly between 0 and 1. */
  pooled: number;
  /** Σ nᵢ. */
  total: number;
}

/**
 * Throws unless `shares` and `ns` are arrays of the same length k ≥ 2, every share a
 * proportion (a percentage such as 45 is named as one) and every n a positive integer, and
 * the pooled share Σ pᵢnᵢ / Σ nᵢ is strictly between 0 and 1 (all 0 or all 1 leave nothing
 * to test). Internal.
 */
export function checkPollSeries(fn: string, shares: unknown, ns: unknown): PollSeries {
  const p = checkNumberArray(fn, 'shares', shares);
  const n = checkNumberArray(fn, 'ns', ns);
  if (p.length !== n.length) {
    throw new ToplinesError(
      'length-mismatch',
      fn,
      `requires shares and ns of the same length, got ${p.length} and ${n.length}`,
    );
  }
  if (p.length < 2) {
    throw new ToplinesError('empty-input', fn, `requires at least 2 polls, got ${p.length}`);
  }
  const out: PollSeries = { shares: [], ns: [], pooled: 0, total: 0 };
  let count = 0;
  for (let i = 0; i < p.length; i++) {
    out.shares.push(checkProportion(fn, `shares[${i}]`, p[i]));
    out.ns.push(checkSampleSize(fn, `ns[${i}]`, n[i]));
    count += p[i]! * n[i]!;
    out.total += n[i]!;
  }
  out.pooled = count / out.total;
  if (!(out.pooled > 0 && out.pooled < 1)) {
    throw new ToplinesError(
      'out-of-range',
      fn,
      `requires the pooled share Σ p·n / Σ n to be strictly between 0 and 1, got ${show(out.pooled)}: every share is ${show(out.pooled)}, so there is no variation to test`,
    );
  }
  return out;
}
