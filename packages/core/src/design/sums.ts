// Estimates from aggregated sums (a SQL GROUP BY over a file too large to load): the
// types of a domain's sums, and their way into the engine of designProportion and
// designShares (estimateTotals), through the same totals the respondents give. Internal,
// but for the types.
import { ToplinesError } from '../errors';
import { show } from '../validate';
import { isArrayLike } from './codes';
import type { Category } from './design-shares';
import {
  type DomainTotals,
  type EstimateSettings,
  type Estimates,
  estimateTotals,
  type FirstSums,
  taylorDomain,
} from './estimate';
import type { AggregateReplicateDesign } from './replicate-design-from-sums';
import { gramRank, replicateTotalsFromCodeSums } from './replicate-variance';
import { CERTAIN } from './survey-design';
import type { AggregateStructure, AggregateSurveyDesign } from './survey-design-from-sums';
import { averageError, totalsFromCodeSums } from './taylor-variance';
import { STRUCTURE, type TaylorStructure } from './types';

/** A design that {@link designSharesFromSums} and {@link designProportionFromSums} accept. */
export type AggregateDesign = AggregateSurveyDesign | AggregateReplicateDesign;

/**
 * A domain's sums in one PSU (a design with clusters) or one stratum (a design whose
 * respondents are each their own PSU), one number per category of {@link DomainSums}.
 */
export interface SumsCell {
  /** The stratum, as the design's strata name it. */
  stratum: string | number;
  /**
   * The PSU. Omitted in a design without clusters: the cell is then the stratum's
   * respondents, and `squaredDeviations` is needed.
   */
  psu?: string | number;
  /** The domain's respondents in the cell who gave each answer (SQL: `COUNT(*)`). */
  counts: ArrayLike<number>;
  /** Σw of those respondents (SQL: `SUM(w)`). */
  sumWeights: ArrayLike<number>;
  /**
   * Σ(w − w̄)² of those respondents, w̄ their mean weight (SQL: `COUNT(*) * VAR_POP(w)`):
   * only in a design without clusters, where the variance needs the spread of the
   * weights within the stratum (as deviations, not Σw², which would lose a variance of
   * about 0 to rounding).
   */
  squaredDeviations?: ArrayLike<number>;
}

/**
 * glm's first iteration summed over the domain, one number per category: what the
 * `'logit'` and `'likelihood'` intervals need to replay R's fit exactly (its start
 * differs by respondent). With w̃ = w/(Σw/n) the weight over the domain's mean weight and
 * u = 2w̃ + 1: Σ w̃, Σ 2w̃·ln(1 + 1/u), Σ w̃·u/(u + 1)² and Σ w̃·u/(u + 1)²·(ln u + (u + 1)/u).
 */
export interface FirstStepSums {
  /** Σ w̃. */
  scaledWeights: ArrayLike<number>;
  /** Σ 2w̃·ln(1 + 1/u): the deviance at binomial's start. */
  deviance: ArrayLike<number>;
  /** Σ w̃·u/(u + 1)²: the working weights. */
  workingWeights: ArrayLike<number>;
  /** Σ w̃·u/(u + 1)²·(ln u + (u + 1)/u): the working weights times the working response of a 1. */
  workingResponses: ArrayLike<number>;
}

/**
 * The sums of one domain (a group of respondents, those who answered a question) that
 * {@link designSharesFromSums} and {@link designProportionFromSums} finish: per category
 * of the answer, weighted sums by PSU (Taylor designs) or under each replicate's weights
 * (replicate designs). A domain is R's `subset(design, …)`: the sums are over its
 * respondents, and the design keeps every stratum and PSU.
 */
export interface DomainSums {
  /** The answers, in the order of every per-category array below. */
  categories: readonly Category[];
  /** Survey designs: the domain's sums by PSU (or by stratum, without clusters). */
  cells?: readonly SumsCell[];
  /** Replicate designs: the domain's respondents per category. */
  counts?: ArrayLike<number>;
  /** Replicate designs: Σw per category (full-sample weights). */
  sumWeights?: ArrayLike<number>;
  /** Replicate designs: per category, Σ of each replicate's weights (R numbers). */
  replicateSums?: readonly ArrayLike<number>[];
  /**
   * Replicate designs without a stated `degf`: Σ w_r·w_s over the domain's respondents,
   * R × R row-major (the upper triangle is read), whose rank less 1 is R's degf.
   */
  replicateCrossProducts?: ArrayLike<number>;
  /** glm's first iteration, for the `'logit'` and `'likelihood'` intervals. */
  firstStep?: FirstStepSums;
}

/**
 * The estimates of k columns from a domain's sums: `code(i)` is the column (0…k−1) of
 * sums category i, or k for none (the 0s of a binary question).
 */
export function estimateFromSums(
  fn: string,
  sums: DomainSums,
  design: AggregateDesign,
  code: (category: Category, i: number) => number,
  k: number,
  settings: EstimateSettings,
): Estimates {
  const categories = sums.categories;
  const m = categories.length;
  const slots = k + 1;
  const codes = Array.from(categories, code);
  /** Adds the m numbers of `values` (checked) into `into` at base + code. */
  const add = (name: string, values: unknown, into: Float64Array, base: number): number => {
    if (!isArrayLike(values) || values.length !== m) {
      throw new ToplinesError(
        isArrayLike(values) ? 'length-mismatch' : 'invalid-type',
        fn,
        `requires ${name} to hold one number per category (${m}), got ${show(values)}`,
      );
    }
    let total = 0;
    for (let i = 0; i < m; i++) {
      const v = values[i];
      if (!(typeof v === 'number' && v >= 0 && v < Number.POSITIVE_INFINITY)) {
        throw new ToplinesError(
          'out-of-range',
          fn,
          `requires ${name} to hold finite numbers ≥ 0, got ${show(v)} at index ${i}`,
        );
      }
      const j = base + (codes[i] as number);
      into[j] = (into[j] as number) + v;
      total += v;
    }
    return total;
  };
  let domain: DomainTotals;
  if (design.kind === 'aggregate-replicate-design') {
    const R = design.replicates;
    const full = new Float64Array(slots);
    const counts = new Float64Array(slots);
    const n = add('counts', sums.counts, counts, 0);
    add('sumWeights', sums.sumWeights, full, 0);
    const given = sums.replicateSums;
    if (!isArrayLike(given) || given.length !== m) {
      throw new ToplinesError(
        'invalid-type',
        fn,
        `requires replicateSums for a replicate design: per category, the sums of its ${R} replicate weights, got ${show(given)}`,
      );
    }
    const byCode = new Float64Array(R * slots);
    const column = new Float64Array(m);
    for (let r = 0; r < R; r++) {
      for (let i = 0; i < m; i++) {
        const sumsOfCategory = given[i] as ArrayLike<number>;
        if (!isArrayLike(sumsOfCategory) || sumsOfCategory.length !== R) {
          throw new ToplinesError(
            'length-mismatch',
            fn,
            `requires replicateSums[${i}] to hold one sum per replicate (${R}), got ${show(sumsOfCategory)}`,
          );
        }
        column[i] = sumsOfCategory[r] as number;
      }
      add(`replicateSums (replicate ${r + 1})`, column, byCode, r * slots);
    }
    const cross = sums.replicateCrossProducts;
    domain = {
      kind: 'replicate',
      parameters: design,
      totals: replicateTotalsFromCodeSums(n, full, byCode, k),
      degf: () => {
        if (design.degf !== null) return design.degf;
        if (!isArrayLike(cross) || cross.length !== R * R) {
          throw new ToplinesError(
            'invalid-option',
            fn,
            `requires replicateCrossProducts (${R} × ${R}) when the design's degf is not given: the degrees of freedom are the rank of the replicate weights less 1; give degf to replicateDesignFromSums, got ${show(cross)}`,
          );
        }
        return gramRank(cross as ArrayLike<number>, R, n) - 1;
      },
    };
  } else {
    domain = surveyDomain(fn, sums, design, add, codes, k);
  }
  if (domain.kind === 'taylor' ? domain.n === 0 : domain.totals.n === 0) {
    throw new ToplinesError(
      'empty-input',
      fn,
      'requires a domain with at least one respondent, got none (the counts sum to 0)',
    );
  }
  return estimateTotals(fn, domain, k, settings, () => {
    const f = sums.firstStep;
    if (f === undefined) {
      throw new ToplinesError(
        'invalid-option',
        fn,
        `requires firstStep sums for method ${show(settings.method)} (glm's first iteration, see FirstStepSums), got none: give them, or use method 'beta' or 'mean'`,
      );
    }
    const first: FirstSums = {
      deviance: new Float64Array(slots),
      weight: new Float64Array(slots),
      z: new Float64Array(slots),
      scaled: new Float64Array(slots),
    };
    add('firstStep.deviance', f.deviance, first.deviance, 0);
    add('firstStep.workingWeights', f.workingWeights, first.weight, 0);
    add('firstStep.workingResponses', f.workingResponses, first.z, 0);
    add('firstStep.scaledWeights', f.scaledWeights, first.scaled, 0);
    return first;
  });
}

/** The totals of a Taylor domain from its cells: by PSU, or by stratum without clusters. */
function surveyDomain(
  fn: string,
  sums: DomainSums,
  design: AggregateSurveyDesign,
  add: (name: string, values: unknown, into: Float64Array, base: number) => number,
  codes: number[],
  k: number,
): DomainTotals {
  const slots = k + 1;
  const structure = design[STRUCTURE];
  const { stage, index } = structure;
  const cells = sums.cells;
  if (!isArrayLike(cells) || cells.length === 0) {
    throw new ToplinesError(
      isArrayLike(cells) ? 'empty-input' : 'invalid-type',
      fn,
      `requires cells for a survey design: the domain's sums by PSU (or by stratum), got ${show(cells)}`,
    );
  }
  const clustered = (cells[0] as SumsCell).psu !== undefined;
  const H = stage.strata;
  const size = (h: number): number =>
    (stage.stratumStart[h + 1] as number) - (stage.stratumStart[h] as number);
  const stratumOf = (cell: SumsCell, c: number): number => {
    const h = index.get(cell.stratum);
    if (h === undefined) {
      throw new ToplinesError(
        'inconsistent-input',
        fn,
        `requires every cell's stratum to be one of the design's, got ${show(cell.stratum)} at cells[${c}]`,
      );
    }
    if ((cell.psu !== undefined) !== clustered) {
      throw new ToplinesError(
        'inconsistent-input',
        fn,
        `requires every cell to name its psu or none to, got ${show(cell.psu)} at cells[${c}] and ${show((cells[0] as SumsCell).psu)} at cells[0]`,
      );
    }
    return h;
  };
  if (clustered) {
    const taylor = clusterStructure(structure);
    const slotOf = new Map<string, number>();
    const psuStratum = new Map<string, number>();
    const used = new Int32Array(H);
    const byCode = new Float64Array(stage.clusters * slots);
    const rows = new Int32Array(stage.clusters);
    const counts = new Float64Array(slots);
    for (let c = 0; c < cells.length; c++) {
      const cell = cells[c] as SumsCell;
      const h = stratumOf(cell, c);
      const psu = `${typeof cell.psu}:${cell.psu}`;
      const known = psuStratum.get(psu);
      if (!design.nest && known !== undefined && known !== h) {
        throw new ToplinesError(
          'inconsistent-input',
          fn,
          `requires each PSU to lie in one stratum, got psu ${show(cell.psu)} in strata ${show(stage.stratumLabel(known))} and ${show(cell.stratum)}: make the design with nest: true if PSU identifiers restart in each stratum`,
        );
      }
      psuStratum.set(psu, h);
      const key = `${h}/${psu}`;
      let slot = slotOf.get(key);
      if (slot === undefined) {
        if ((used[h] as number) === size(h)) {
          throw new ToplinesError(
            'inconsistent-input',
            fn,
            `requires no more PSUs in stratum ${show(cell.stratum)} than the design's ${size(h)}, got another, ${show(cell.psu)}, at cells[${c}]`,
          );
        }
        slot = (stage.stratumStart[h] as number) + (used[h] as number);
        used[h] = (used[h] as number) + 1;
        slotOf.set(key, slot);
      }
      counts.fill(0);
      rows[slot] = (rows[slot] as number) + add(`cells[${c}].counts`, cell.counts, counts, 0);
      add(`cells[${c}].sumWeights`, cell.sumWeights, byCode, slot * slots);
    }
    return taylorDomain(fn, taylor, totalsFromCodeSums(taylor, byCode, rows, k));
  }
  // without clusters: each cell's answers are groups of respondents whose scores differ
  // only by their weights (n, Σw and Σ(w − w̄)² of each), and Σw by stratum and code
  const w = new Float64Array(H * slots);
  const rows = new Float64Array(H);
  const groups: number[] = []; // stratum, code, n, Σw, Σ(w − w̄)² of each group
  const scratch = new Float64Array(slots);
  for (let c = 0; c < cells.length; c++) {
    const cell = cells[c] as SumsCell;
    const h = stratumOf(cell, c);
    scratch.fill(0);
    rows[h] = (rows[h] as number) + add(`cells[${c}].counts`, cell.counts, scratch, 0);
    if ((rows[h] as number) > size(h)) {
      throw new ToplinesError(
        'inconsistent-input',
        fn,
        `requires no more respondents in stratum ${show(cell.stratum)} than the design's ${size(h)}, got ${rows[h]}`,
      );
    }
    add(`cells[${c}].sumWeights`, cell.sumWeights, w, h * slots);
    const deviations = cell.squaredDeviations;
    add(`cells[${c}].squaredDeviations`, deviations, new Float64Array(slots), 0);
    for (let i = 0; i < codes.length; i++) {
      const count = (cell.counts as ArrayLike<number>)[i] as number;
      if (count === 0) continue;
      groups.push(
        h,
        codes[i] as number,
        count,
        (cell.sumWeights as ArrayLike<number>)[i] as number,
        (deviations as ArrayLike<number>)[i] as number,
      );
    }
  }
  let n = 0;
  let sumW = 0;
  let present = 0;
  const sumWx = new Float64Array(k);
  for (let h = 0; h < H; h++) {
    if ((rows[h] as number) === 0) continue;
    present++;
    n += rows[h] as number;
    for (let a = 0; a < slots; a++) {
      const v = w[h * slots + a] as number;
      sumW += v;
      if (a < k) sumWx[a] = (sumWx[a] as number) + v;
    }
  }
  return {
    kind: 'taylor',
    n,
    sumW,
    sumWx,
    df: n - present,
    variance: (centers) => momentVariance(fn, structure, w, groups, rows, sumW, k, centers),
  };
}

/** The design's first stage with its clusters, stratum by stratum (built once). */
function clusterStructure(structure: AggregateStructure): TaylorStructure {
  if (structure.clustered === undefined) {
    const { stage } = structure;
    const clusterStratum = new Int32Array(stage.clusters);
    for (let h = 0; h < stage.strata; h++) {
      clusterStratum.fill(h, stage.stratumStart[h], stage.stratumStart[h + 1]);
    }
    structure.clustered = {
      stages: [
        {
          ...stage,
          clusterStratum,
          clusterParent: new Int32Array(stage.clusters),
          stratumClusters: Int32Array.from({ length: stage.clusters }, (_, c) => c),
        },
      ],
      lonelyPsu: structure.lonelyPsu,
    };
  }
  return structure.clustered;
}

/**
 * taylorVariance for a design whose respondents are each their own PSU, from groups of
 * a stratum's respondents with one code (whose scores t = w·g, g = (e_code − c)/Σw,
 * differ only by the weight): in stratum h of N_h respondents, with t̄ = Σt/N_h (the
 * domain's other respondents score 0), Σ(t − t̄)(t − t̄)ᵀ = Σ_groups [M·g gᵀ +
 * n·(w̄g − t̄)(w̄g − t̄)ᵀ] + (N_h − n_h)·t̄ t̄ᵀ, with n, w̄ and M = Σ(w − w̄)² of each group:
 * no difference of large sums, so a share the design fixes keeps a variance of about 0.
 * Strata, lonely PSUs and the 'average' scaling as taylorVariance.
 */
function momentVariance(
  fn: string,
  structure: AggregateStructure,
  w: Float64Array,
  groups: number[],
  rows: Float64Array,
  sumW: number,
  k: number,
  centers: ArrayLike<number>,
): Float64Array {
  const { stage, lonelyPsu } = structure;
  const slots = k + 1;
  const kk = k * k;
  const H = stage.strata;
  const size = (h: number): number =>
    (stage.stratumStart[h + 1] as number) - (stage.stratumStart[h] as number);
  // each stratum's mean score t̄ (its total, for a lonely PSU under 'adjust')
  const mean = new Float64Array(H * k);
  for (let h = 0; h < H; h++) {
    if ((rows[h] as number) === 0) continue;
    let wh = 0;
    for (let a = 0; a < slots; a++) wh += w[h * slots + a] as number;
    for (let a = 0; a < k; a++) {
      mean[h * k + a] =
        ((w[h * slots + a] as number) - (centers[a] as number) * wh) / sumW / size(h);
    }
  }
  const within = new Float64Array(H * kk);
  const g = new Float64Array(k);
  const d = new Float64Array(k);
  for (let j = 0; j < groups.length; j += 5) {
    const h = groups[j] as number;
    const code = groups[j + 1] as number;
    const count = groups[j + 2] as number;
    const wbar = (groups[j + 3] as number) / count;
    const squares = groups[j + 4] as number;
    for (let a = 0; a < k; a++) {
      g[a] = ((a === code ? 1 : 0) - (centers[a] as number)) / sumW;
      d[a] = wbar * (g[a] as number) - (mean[h * k + a] as number);
    }
    for (let a = 0; a < k; a++) {
      for (let b = 0; b < k; b++) {
        const i = h * kk + a * k + b;
        within[i] =
          (within[i] as number) +
          squares * (g[a] as number) * (g[b] as number) +
          count * (d[a] as number) * (d[b] as number);
      }
    }
  }
  const acc = new Float64Array(kk);
  let strataIn = 0;
  let strataOk = 0;
  for (let h = 0; h < H; h++) {
    if ((rows[h] as number) === 0) continue;
    strataIn++;
    const f = stage.f[h] as number;
    const sh = size(h);
    if (f < CERTAIN || (sh === 1 && lonelyPsu === 'average')) {
      if (f < CERTAIN) strataOk++;
      continue;
    }
    strataOk++;
    if (sh === 1 && lonelyPsu !== 'adjust') continue;
    // 'adjust' (one respondent): f·t tᵀ about the grand mean 0; else f·N/(N − 1)·Σ(…)
    const scale = sh === 1 ? f : (f * sh) / (sh - 1);
    const outside = sh - (rows[h] as number);
    for (let a = 0; a < k; a++) {
      const ma = mean[h * k + a] as number;
      for (let b = 0; b < k; b++) {
        const mb = mean[h * k + b] as number;
        const v = sh === 1 ? ma * mb : (within[h * kk + a * k + b] as number) + outside * ma * mb;
        acc[a * k + b] = (acc[a * k + b] as number) + scale * v;
      }
    }
  }
  if (strataIn > 0 && strataOk === 0) throw averageError(fn, 0);
  const factor = strataIn === 0 ? 0 : strataIn / strataOk;
  for (let j = 0; j < kk; j++) acc[j] = (acc[j] as number) * factor;
  return acc;
}
