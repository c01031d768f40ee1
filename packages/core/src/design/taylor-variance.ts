// The Taylor-linearised variance of weighted means, as R's svymean and svyrecvar compute
// it, for k indicator columns at once. Internal.
import { ToplinesError } from '../errors';
import { STRUCTURE, type Stage, type SurveyDesign, type TaylorStructure } from './types';

/** A stratum whose single PSU is certain (f below this) adds nothing, as in R's onestrat. */
const CERTAIN = 1e-7;

/**
 * Weighted sums of a domain, by cluster at every stage the variance uses. A respondent's
 * `code` is −1 outside the domain, 0…k−1 for the column it counts in, k for none (a 0 of
 * a binary variable).
 */
export interface TaylorTotals {
  k: number;
  /** Respondents in the domain. */
  n: number;
  /** Σw over the domain. */
  sumW: number;
  /** Σw of each column over the domain. */
  sumWx: Float64Array;
  /** Per stage: Σw of each cluster. */
  w: Float64Array[];
  /** Per stage: Σw of each column in each cluster (cluster-major, k per cluster). */
  wx: Float64Array[];
  /** Per stage: the domain's respondents in each cluster. */
  rows: Int32Array[];
}

/**
 * The domain's weighted sums by cluster: one pass over the respondents into Σw per
 * (cluster, code), the sums a SQL GROUP BY gives, then {@link totalsFromCodeSums}.
 */
export function taylorTotals(design: SurveyDesign, codes: Int32Array, k: number): TaylorTotals {
  const structure = design[STRUCTURE];
  const last = structure.stages[structure.stages.length - 1] as Stage;
  const weights = design.weights;
  const slots = k + 1;
  const byCode = new Float64Array(last.clusters * slots);
  const rows = new Int32Array(last.clusters);
  const cluster = last.cluster;
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i] as number;
    if (code < 0) continue;
    const c = cluster[i] as number;
    const j = c * slots + code;
    byCode[j] = (byCode[j] as number) + (weights[i] as number);
    rows[c] = (rows[c] as number) + 1;
  }
  return totalsFromCodeSums(structure, byCode, rows, k);
}

/**
 * The domain's totals from Σw per (cluster of the last stage, code 0…k), cluster-major,
 * and the domain's respondents per cluster: a cluster's Σw adds its codes in order, the
 * stages above add their clusters, and the domain's Σw and Σw of each column add the
 * first stage's clusters stratum by stratum. The respondent path (taylorTotals) and the
 * aggregate path (sums of a SQL query) both come here, so equal sums give equal results.
 */
export function totalsFromCodeSums(
  structure: TaylorStructure,
  byCode: Float64Array,
  lastRows: Int32Array,
  k: number,
): TaylorTotals {
  const { stages } = structure;
  const deepest = stages.length - 1;
  const last = stages[deepest] as Stage;
  const slots = k + 1;
  const w = new Float64Array(last.clusters);
  const wx = new Float64Array(last.clusters * k);
  for (let c = 0; c < last.clusters; c++) {
    let total = 0;
    for (let a = 0; a < slots; a++) {
      const v = byCode[c * slots + a] as number;
      total += v;
      if (a < k) wx[c * k + a] = v;
    }
    w[c] = total;
  }
  const ws: Float64Array[] = [];
  const wxs: Float64Array[] = [];
  const rowss: Int32Array[] = [];
  ws[deepest] = w;
  wxs[deepest] = wx;
  rowss[deepest] = lastRows;
  for (let s = deepest; s > 0; s--) {
    const stage = stages[s] as Stage;
    const up = stages[s - 1] as Stage;
    const pw = new Float64Array(up.clusters);
    const pwx = new Float64Array(up.clusters * k);
    const prows = new Int32Array(up.clusters);
    const cw = ws[s] as Float64Array;
    const cwx = wxs[s] as Float64Array;
    const crows = rowss[s] as Int32Array;
    for (let c = 0; c < stage.clusters; c++) {
      const p = stage.clusterParent[c] as number;
      pw[p] = (pw[p] as number) + (cw[c] as number);
      prows[p] = (prows[p] as number) + (crows[c] as number);
      for (let j = 0; j < k; j++) {
        pwx[p * k + j] = (pwx[p * k + j] as number) + (cwx[c * k + j] as number);
      }
    }
    ws[s - 1] = pw;
    wxs[s - 1] = pwx;
    rowss[s - 1] = prows;
  }
  const first = stages[0] as Stage;
  const fw = ws[0] as Float64Array;
  const fwx = wxs[0] as Float64Array;
  const frows = rowss[0] as Int32Array;
  const sumWx = new Float64Array(k);
  let sumW = 0;
  let n = 0;
  for (const c of first.stratumClusters) {
    sumW += fw[c] as number;
    n += frows[c] as number;
    for (let a = 0; a < k; a++) sumWx[a] = (sumWx[a] as number) + (fwx[c * k + a] as number);
  }
  return { k, n, sumW, sumWx, w: ws, wx: wxs, rows: rowss };
}

/**
 * The design degrees of freedom of a domain, as R's degf of subset(design, …): the
 * first-stage PSUs with a respondent in the domain less the strata with one.
 */
export function taylorDegf(structure: TaylorStructure, totals: TaylorTotals): number {
  const stage = structure.stages[0] as Stage;
  const rows = totals.rows[0] as Int32Array;
  const stratumSeen = new Uint8Array(stage.strata);
  let psus = 0;
  let strata = 0;
  for (let c = 0; c < stage.clusters; c++) {
    if ((rows[c] as number) === 0) continue;
    psus++;
    const h = stage.clusterStratum[c] as number;
    if (stratumSeen[h] === 0) {
      stratumSeen[h] = 1;
      strata++;
    }
  }
  return psus - strata;
}

/**
 * The k × k covariance matrix (row-major) of the domain's weighted means of the k columns,
 * with the linearised scores w·(x − center)/Σw: R's svyrecvar on svymean's scores, with
 * `centers` the means (svymean) or a fitted value (svyglm's estimating function).
 *
 * Per stage (from the last the variance uses to the first), per stratum with a respondent
 * in the domain: the clusters' score totals t_j (clusters with no respondent in the
 * domain count as totals of 0, as R's subset keeps the design's PSU counts), and
 * f·n/(n − 1)·Σ(t_j − t̄)(t_j − t̄)ᵀ; a stratum sampled whole adds 0; a single PSU adds 0
 * ('remove'), f·t tᵀ ('adjust'), or is left out and the sum of its stage (within the
 * cluster above) scaled by strata/strata with two or more ('average'). A later stage's
 * sum for each cluster is added times that cluster's sampling fraction n/N.
 */
export function taylorVariance(
  fn: string,
  structure: TaylorStructure,
  totals: TaylorTotals,
  centers: ArrayLike<number>,
): Float64Array {
  const { stages, lonelyPsu } = structure;
  const k = totals.k;
  const kk = k * k;
  const inverseW = 1 / totals.sumW;
  let below: Float64Array | undefined;
  for (let s = stages.length - 1; s >= 0; s--) {
    const stage = stages[s] as Stage;
    const parents = s === 0 ? 1 : (stages[s - 1] as Stage).clusters;
    const acc = new Float64Array(parents * kk);
    const strataIn = new Int32Array(parents);
    const strataOk = new Int32Array(parents);
    const w = totals.w[s] as Float64Array;
    const wx = totals.wx[s] as Float64Array;
    const rows = totals.rows[s] as Int32Array;
    const mean = new Float64Array(k);
    const dev = new Float64Array(k);
    for (let h = 0; h < stage.strata; h++) {
      const start = stage.stratumStart[h] as number;
      const end = stage.stratumStart[h + 1] as number;
      let present = false;
      for (let j = start; j < end; j++) {
        if ((rows[stage.stratumClusters[j] as number] as number) > 0) {
          present = true;
          break;
        }
      }
      if (!present) continue;
      const parent = stage.stratumParent[h] as number;
      strataIn[parent] = (strataIn[parent] as number) + 1;
      const f = stage.f[h] as number;
      if (f < CERTAIN) {
        strataOk[parent] = (strataOk[parent] as number) + 1;
        continue;
      }
      const size = end - start;
      const base = parent * kk;
      if (size === 1) {
        if (lonelyPsu === 'average') continue;
        strataOk[parent] = (strataOk[parent] as number) + 1;
        if (lonelyPsu !== 'adjust') continue;
        // 'adjust': the PSU's total about the grand mean (0), with scale f
        const c = stage.stratumClusters[start] as number;
        for (let a = 0; a < k; a++) {
          dev[a] =
            ((wx[c * k + a] as number) - (centers[a] as number) * (w[c] as number)) * inverseW;
        }
        addOuter(acc, base, dev, k, f);
        continue;
      }
      strataOk[parent] = (strataOk[parent] as number) + 1;
      mean.fill(0);
      for (let j = start; j < end; j++) {
        const c = stage.stratumClusters[j] as number;
        for (let a = 0; a < k; a++) {
          mean[a] =
            (mean[a] as number) +
            ((wx[c * k + a] as number) - (centers[a] as number) * (w[c] as number)) * inverseW;
        }
      }
      for (let a = 0; a < k; a++) mean[a] = (mean[a] as number) / size;
      const scale = (f * size) / (size - 1);
      for (let j = start; j < end; j++) {
        const c = stage.stratumClusters[j] as number;
        for (let a = 0; a < k; a++) {
          dev[a] =
            ((wx[c * k + a] as number) - (centers[a] as number) * (w[c] as number)) * inverseW -
            (mean[a] as number);
        }
        addOuter(acc, base, dev, k, scale);
      }
    }
    const result = new Float64Array(parents * kk);
    for (let p = 0; p < parents; p++) {
      const count = strataIn[p] as number;
      if (count === 0) continue;
      const ok = strataOk[p] as number;
      if (ok === 0) throw averageError(fn, s);
      const factor = count / ok;
      for (let j = 0; j < kk; j++) result[p * kk + j] = (acc[p * kk + j] as number) * factor;
    }
    if (below !== undefined) {
      for (let c = 0; c < stage.clusters; c++) {
        if ((rows[c] as number) === 0) continue;
        const fraction = stage.fraction[stage.clusterStratum[c] as number] as number;
        const p = stage.clusterParent[c] as number;
        for (let j = 0; j < kk; j++) {
          result[p * kk + j] =
            (result[p * kk + j] as number) + fraction * (below[c * kk + j] as number);
        }
      }
    }
    below = result;
  }
  return below as Float64Array;
}

/** The error of a domain whose every stratum at stage s + 1 is lonely, under 'average'. */
export function averageError(fn: string, s: number): ToplinesError {
  return new ToplinesError(
    'inconsistent-input',
    fn,
    `cannot estimate a variance in this domain with lonelyPsu 'average': every stratum it reaches at stage ${s + 1} has only one sampling unit, so there is no stratum to average over; choose 'remove' or 'adjust', or a larger domain`,
  );
}

/** acc[base …] += scale · v vᵀ (k × k, row-major). */
function addOuter(
  acc: Float64Array,
  base: number,
  v: Float64Array,
  k: number,
  scale: number,
): void {
  for (let a = 0; a < k; a++) {
    const va = (v[a] as number) * scale;
    if (va === 0) continue;
    for (let b = 0; b < k; b++) {
      const j = base + a * k + b;
      acc[j] = (acc[j] as number) + va * (v[b] as number);
    }
  }
}
