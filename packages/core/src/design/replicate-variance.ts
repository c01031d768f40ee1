// Replicate-weight variances, as R's svymean.svyrep.design and svrVar compute them, and the
// rank-based degrees of freedom of R's degf.svyrep.design. Internal.
import { type ReplicateDesign, STRUCTURE } from './types';

/** What a replicate variance needs of its design (a ReplicateDesign or an aggregate one). */
export type ReplicateParameters = Pick<ReplicateDesign, 'scale' | 'rscales' | 'mse'>;

/**
 * Weighted sums of a domain under the full-sample weights and under each replicate's.
 * Codes as in TaylorTotals: −1 outside the domain, 0…k−1 a column, k none.
 */
export interface ReplicateTotals {
  k: number;
  n: number;
  sumW: number;
  sumWx: Float64Array;
  /** Σ of each replicate's weights over the domain. */
  repW: Float64Array;
  /** Σ of each replicate's weights of each column (replicate-major, k per replicate). */
  repWx: Float64Array;
}

/**
 * The domain's sums under the full-sample and every replicate's weights: O(n·R), into Σ
 * per code (the sums a SQL GROUP BY gives), then {@link replicateTotalsFromCodeSums}.
 */
export function replicateTotals(
  design: ReplicateDesign,
  codes: Int32Array,
  k: number,
): ReplicateTotals {
  const { replicates } = design[STRUCTURE];
  const weights = design.weights;
  const slots = k + 1;
  const full = new Float64Array(slots);
  let n = 0;
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i] as number;
    if (code < 0) continue;
    n++;
    full[code] = (full[code] as number) + (weights[i] as number);
  }
  const count = replicates.length;
  const byCode = new Float64Array(count * slots);
  for (let r = 0; r < count; r++) {
    const wr = replicates[r] as Float64Array;
    const base = r * slots;
    for (let i = 0; i < codes.length; i++) {
      const code = codes[i] as number;
      if (code < 0) continue;
      byCode[base + code] = (byCode[base + code] as number) + (wr[i] as number);
    }
  }
  return replicateTotalsFromCodeSums(n, full, byCode, k);
}

/**
 * The domain's replicate totals from Σ per code 0…k of the full-sample weights (`full`)
 * and of each replicate's (`byCode`, replicate-major): a total adds its codes in order.
 * The respondent path and the aggregate path both come here.
 */
export function replicateTotalsFromCodeSums(
  n: number,
  full: Float64Array,
  byCode: Float64Array,
  k: number,
): ReplicateTotals {
  const slots = k + 1;
  const count = byCode.length / slots;
  const sumWx = full.slice(0, k);
  let sumW = 0;
  for (let a = 0; a < slots; a++) sumW += full[a] as number;
  const repW = new Float64Array(count);
  const repWx = new Float64Array(count * k);
  for (let r = 0; r < count; r++) {
    let total = 0;
    for (let a = 0; a < slots; a++) {
      const v = byCode[r * slots + a] as number;
      total += v;
      if (a < k) repWx[r * k + a] = v;
    }
    repW[r] = total;
  }
  return { k, n, sumW, sumWx, repW, repWx };
}

/**
 * R's svrVar: scale·Σ_r rscales_r (θ_r − θ̄)(θ_r − θ̄)ᵀ over the replicates, θ̄ the mean of
 * the replicates with rscales > 0 (or the full-sample estimate with mse). A replicate
 * whose estimate is not a number (no weight in the domain) is dropped, as R's na.omit
 * does. `thetas` is replicate-major (k per replicate); returns k × k, row-major.
 */
export function replicateVariance(
  design: ReplicateParameters,
  thetas: Float64Array,
  full: ArrayLike<number>,
  k: number,
): Float64Array {
  const count = thetas.length / k;
  const keep: number[] = [];
  for (let r = 0; r < count; r++) {
    let ok = true;
    for (let a = 0; a < k; a++) if (Number.isNaN(thetas[r * k + a] as number)) ok = false;
    if (ok) keep.push(r);
  }
  const center = new Float64Array(k);
  if (design.mse) {
    for (let a = 0; a < k; a++) center[a] = full[a] as number;
  } else {
    let used = 0;
    for (const r of keep) {
      if (!((design.rscales[r] as number) > 0)) continue;
      used++;
      for (let a = 0; a < k; a++) center[a] = (center[a] as number) + (thetas[r * k + a] as number);
    }
    for (let a = 0; a < k; a++) center[a] = (center[a] as number) / used;
  }
  const v = new Float64Array(k * k);
  const dev = new Float64Array(k);
  for (const r of keep) {
    const rs = design.rscales[r] as number;
    for (let a = 0; a < k; a++) dev[a] = (thetas[r * k + a] as number) - (center[a] as number);
    for (let a = 0; a < k; a++) {
      for (let b = 0; b < k; b++) {
        v[a * k + b] = (v[a * k + b] as number) + rs * (dev[a] as number) * (dev[b] as number);
      }
    }
  }
  for (let j = 0; j < k * k; j++) v[j] = (v[j] as number) * design.scale;
  return v;
}

/** R's tolerance in degf.svyrep.design: qr(…, tol = 1e-5). */
const RANK_TOLERANCE = 1e-5;

/**
 * The numerical rank of the replicate weights of the domain's respondents (`codes` ≥ 0;
 * all of them when `codes` is undefined), as LINPACK's dqrdc2 finds it in R's
 * qr(weights(design, "analysis"), tol = 1e-5): {@link gramRank} of their cross products.
 *
 * Cost: n·R(R+1)/2 multiply-adds for the cross products, R³/6 for the factorisation.
 */
export function replicateRank(design: ReplicateDesign, codes: Int32Array | undefined): number {
  const { gram, rows } = replicateGram(design, codes);
  return gramRank(gram, design[STRUCTURE].replicates.length, rows);
}

/**
 * The R × R cross products Σ w_ri·w_si of the replicate weights over the domain's
 * respondents (the upper triangle, row-major), and their count.
 */
export function replicateGram(
  design: ReplicateDesign,
  codes: Int32Array | undefined,
): { gram: Float64Array; rows: number } {
  const { replicates } = design[STRUCTURE];
  const R = replicates.length;
  const n = design.n;
  // the cross products, over blocks of the domain's respondents copied column by column
  // into one buffer (it stays in cache while the R(R + 1)/2 dot products run over it)
  const gram = new Float64Array(R * R);
  const BLOCK = 1024;
  const block = new Float64Array(BLOCK * R);
  const rows = new Int32Array(BLOCK);
  let rowsUsed = 0;
  for (let start = 0; start < n; ) {
    let m = 0;
    for (; start < n && m < BLOCK; start++) {
      if (codes === undefined || (codes[start] as number) >= 0) rows[m++] = start;
    }
    rowsUsed += m;
    for (let r = 0; r < R; r++) {
      const column = replicates[r] as Float64Array;
      const base = r * BLOCK;
      for (let i = 0; i < m; i++) block[base + i] = column[rows[i] as number] as number;
    }
    for (let a = 0; a < R; a++) {
      const ba = a * BLOCK;
      for (let b = a; b < R; b++) {
        const bb = b * BLOCK;
        let s0 = 0;
        let s1 = 0;
        let i = 0;
        for (; i + 1 < m; i += 2) {
          s0 += (block[ba + i] as number) * (block[bb + i] as number);
          s1 += (block[ba + i + 1] as number) * (block[bb + i + 1] as number);
        }
        if (i < m) s0 += (block[ba + i] as number) * (block[bb + i] as number);
        gram[a * R + b] = (gram[a * R + b] as number) + s0 + s1;
      }
    }
  }
  return { gram, rows: rowsUsed };
}

/**
 * The numerical rank of R replicate-weight columns over `rows` respondents from their
 * cross products (`gram`, R × R, the upper triangle read), as LINPACK's dqrdc2 finds it
 * in R's qr(…, tol = 1e-5): the columns in order, each kept when its part orthogonal to
 * the columns kept before it has a norm of at least 1e-5 of its own, and at most one per
 * respondent. A Cholesky factorisation with that rule, which decides the same as the QR
 * of R except for a column within rounding of the tolerance.
 *
 * Cost: R³/6.
 */
export function gramRank(gram: ArrayLike<number>, R: number, rows: number): number {
  // Cholesky in column order, skipping the negligible columns (dqrdc2's limited pivoting)
  const factor = new Float64Array(R * R); // factor[c * R + j]: column c's coordinate on kept j
  const kept: number[] = [];
  for (let c = 0; c < R && kept.length < rows; c++) {
    const norm2 = gram[c * R + c] as number;
    let residual = norm2;
    for (const j of kept) residual -= (factor[c * R + j] as number) ** 2;
    const original = norm2 > 0 ? Math.sqrt(norm2) : 1;
    const length = Math.sqrt(Math.max(residual, 0));
    if (length < RANK_TOLERANCE * original) continue;
    for (let d = c + 1; d < R; d++) {
      let dot = gram[c * R + d] as number;
      for (const j of kept) dot -= (factor[d * R + j] as number) * (factor[c * R + j] as number);
      factor[d * R + c] = dot / length;
    }
    kept.push(c);
  }
  return kept.length;
}
