// The estimation engine behind designProportion and designShares: weighted means of k
// indicator columns over a domain, their covariance (Taylor or replicates), design
// effects, and each column's interval as R's svyciprop gives it. Internal.
import { ToplinesError } from '../errors';
import { betaQuantile } from '../special/beta-quantile';
import { normalCdf } from '../special/normal-cdf';
import { checkMethod, levelOption, methodOption } from '../validate';
import {
  type FirstStep,
  firstStepTerms,
  type LogisticFit,
  logisticFit,
  muEta,
} from './logistic-fit';
import { profileInterval } from './profile-interval';
import {
  type ReplicateParameters,
  type ReplicateTotals,
  replicateRank,
  replicateTotals,
  replicateVariance,
} from './replicate-variance';
import { tQuantile } from './t-quantile';
import { type TaylorTotals, taylorDegf, taylorTotals, taylorVariance } from './taylor-variance';
import {
  type Design,
  type ReplicateDesign,
  STRUCTURE,
  type SurveyDesign,
  type TaylorStructure,
} from './types';

/** The interval methods of {@link designProportion}, as R's `svyciprop(method =)`. */
export const DESIGN_PROPORTION_METHODS = ['logit', 'likelihood', 'beta', 'mean'] as const;

/** One of {@link DESIGN_PROPORTION_METHODS}. */
export type DesignProportionMethod = (typeof DESIGN_PROPORTION_METHODS)[number];

/** What a design effect compares with, as R's `svymean(deff = TRUE)` or `deff = "replace"`. */
export const DEFF_REFERENCES = ['without-replacement', 'with-replacement'] as const;

/** One of {@link DEFF_REFERENCES}. */
export type DeffReference = (typeof DEFF_REFERENCES)[number];

/**
 * The options every design estimator reads alike: `level` (default 0.95),
 * `method` (default 'logit') and `deffReference` (default: by the design).
 */
export function estimateOptions(
  fn: string,
  opts: Record<string, unknown>,
): { level: number; method: DesignProportionMethod; deffReference: DeffReference | undefined } {
  return {
    level: levelOption(fn, opts['level']),
    method: methodOption(fn, opts['method'], DESIGN_PROPORTION_METHODS),
    deffReference:
      opts['deffReference'] === undefined
        ? undefined
        : checkMethod(fn, 'deffReference', opts['deffReference'], DEFF_REFERENCES),
  };
}

/** The interval and design effect of one column. */
export interface ColumnEstimate {
  estimate: number;
  se: number;
  lower: number;
  upper: number;
  deff: number | null;
  nEffective: number | null;
}

/** Everything estimated for a domain. */
export interface Estimates {
  n: number;
  sumWeights: number;
  df: number;
  deffReference: DeffReference;
  /** k × k, row-major. */
  covariance: Float64Array;
  columns: ColumnEstimate[];
}

/** What estimateColumns is asked for. */
export interface EstimateSettings {
  level: number;
  method: DesignProportionMethod;
  /** undefined: R's default (without replacement) where Σw > n, else with replacement. */
  deffReference: DeffReference | undefined;
  /** Whether a domain was given (a replicate design's degf is then recomputed). */
  domain: boolean;
}

/**
 * A domain's totals, summed from respondents or given as sums (of a SQL query): for a
 * Taylor design, n, Σw, Σw of each column, the covariance of the means about some
 * centers (svymean's at the means, svyglm's at a fitted value) and the degrees of freedom.
 */
export type DomainTotals =
  | {
      kind: 'taylor';
      n: number;
      sumW: number;
      sumWx: Float64Array;
      variance: (centers: ArrayLike<number>) => Float64Array;
      df: number;
    }
  | {
      kind: 'replicate';
      parameters: ReplicateParameters;
      totals: ReplicateTotals;
      /** The domain's degrees of freedom (computed when needed: a rank). */
      degf: () => number;
    };

/** A Taylor design's DomainTotals from its TaylorTotals (by cluster, at every stage). */
export function taylorDomain(
  fn: string,
  structure: TaylorStructure,
  totals: TaylorTotals,
): DomainTotals {
  return {
    kind: 'taylor',
    n: totals.n,
    sumW: totals.sumW,
    sumWx: totals.sumWx,
    variance: (centers) => taylorVariance(fn, structure, totals, centers),
    df: taylorDegf(structure, totals),
  };
}

/**
 * glm.fit's first iteration summed over the domain per code 0…k (k: none), with prior
 * weights w̃ = w/mean(w) over the domain: Σ of the deviance term, of the working weight,
 * of the working weight times z for a 1 (firstStepTerms), and Σ w̃.
 */
export interface FirstSums {
  deviance: Float64Array;
  weight: Float64Array;
  z: Float64Array;
  scaled: Float64Array;
}

/**
 * Estimates of the domain's weighted means of k indicator columns. `codes`: −1 outside
 * the domain, 0…k−1 the column a respondent counts in, k none.
 */
export function estimateColumns(
  fn: string,
  design: Design,
  codes: Int32Array,
  k: number,
  settings: EstimateSettings,
): Estimates {
  const totals: DomainTotals =
    design.kind === 'survey-design'
      ? taylorDomain(fn, design[STRUCTURE], taylorTotals(design, codes, k))
      : {
          kind: 'replicate',
          parameters: design,
          totals: replicateTotals(design, codes, k),
          degf: () => replicateDegf(design, codes, settings.domain),
        };
  return estimateTotals(fn, totals, k, settings, (sumW, n) =>
    firstSums(design.weights, codes, k, sumW, n),
  );
}

/**
 * Estimates from a domain's totals: the path of the respondents (estimateColumns) and of
 * sums (designSharesFromSums) alike. `first` gives glm's first-iteration sums, asked for
 * only by 'logit' and 'likelihood'.
 */
export function estimateTotals(
  fn: string,
  domain: DomainTotals,
  k: number,
  settings: EstimateSettings,
  first: (sumW: number, n: number) => FirstSums,
): Estimates {
  const taylor = domain.kind === 'taylor';
  let n: number;
  let sumW: number;
  let sumWx: Float64Array;
  let covariance: Float64Array;
  let df: number;
  let logitVariance: (fit: LogisticFit, column: number) => number;
  const estimates = new Float64Array(k);
  if (domain.kind === 'taylor') {
    ({ n, sumW, sumWx, df } = domain);
    for (let a = 0; a < k; a++) estimates[a] = (sumWx[a] as number) / sumW;
    covariance = domain.variance(estimates);
    // svyglm's sandwich: the variance of the scores w·(y − μ̂)/Σw, over μ'(β̂)²
    logitVariance = (fit, column) => {
      const v = domain.variance(centersFor(estimates, column, fit.mu));
      const me = muEta(fit.beta);
      return (v[column * k + column] as number) / (me * me);
    };
  } else {
    const { parameters, totals } = domain;
    ({ n, sumW, sumWx } = totals);
    for (let a = 0; a < k; a++) estimates[a] = (sumWx[a] as number) / sumW;
    const R = totals.repW.length;
    const thetas = new Float64Array(R * k);
    for (let r = 0; r < R; r++) {
      for (let a = 0; a < k; a++) {
        thetas[r * k + a] = (totals.repWx[r * k + a] as number) / (totals.repW[r] as number);
      }
    }
    covariance = replicateVariance(parameters, thetas, estimates, k);
    df = n === 0 ? 0 : domain.degf();
    // svyglm on replicates: glm.fit from β̂ with each replicate's weights (normalised)
    logitVariance = (fit, column) => {
      const betas = new Float64Array(R);
      for (let r = 0; r < R; r++) {
        const p = thetas[r * k + column] as number;
        betas[r] = Number.isNaN(p) ? Number.NaN : logisticFit(p, 1 - p, undefined, fit.beta).beta;
      }
      return replicateVariance(parameters, betas, [fit.beta], 1)[0] as number;
    };
  }
  if (n === 0) {
    throw new ToplinesError(
      'empty-input',
      fn,
      'requires a domain with at least one respondent, got none',
    );
  }
  if (!(df > 0)) {
    throw new ToplinesError(
      'inconsistent-input',
      fn,
      taylor
        ? `cannot form an interval: the ${settings.domain ? "domain's" : "design's"} degrees of freedom (PSUs less strata) are ${df}, and an interval needs at least 1`
        : `cannot form an interval: the ${settings.domain ? "domain's" : "design's"} degrees of freedom (the rank of the replicate weights less 1) are ${df}, and an interval needs at least 1`,
    );
  }
  const reference =
    settings.deffReference ?? (sumW > n ? 'without-replacement' : 'with-replacement');
  if (reference === 'without-replacement' && !(sumW > n)) {
    throw new ToplinesError(
      'inconsistent-input',
      fn,
      `cannot compare with simple random sampling without replacement: the weights sum to ${sumW}, no more than the ${n} respondents (R: "Sample size greater than population size: are weights correctly scaled?"); use deffReference 'with-replacement'`,
    );
  }
  const { level, method } = settings;
  if (method === 'likelihood' && !taylor) {
    throw new ToplinesError(
      'invalid-option',
      fn,
      "cannot give method 'likelihood' for a replicate-weight design: R's survey 4.1 returns NA for it (its profile uses a dispersion n times too large); use 'logit', 'beta' or 'mean'",
    );
  }
  const t = tQuantile(1 - level, df);
  // the first iteration of glm.fit, for every column at once (rows differ in μ⁰)
  const firstStep =
    method === 'logit' || method === 'likelihood' ? firstSteps(first(sumW, n), k) : undefined;
  const columns: ColumnEstimate[] = [];
  // A share the design fixes (stratified on the very variable, or every PSU certain) has a
  // variance of 0 that sums leave as rounding noise: made exactly 0, with its covariances
  // (|V12| ≤ √(V11·V22) = 0), before anything is derived from it.
  const fixed: boolean[] = [];
  for (let a = 0; a < k; a++) {
    const p = estimates[a] as number;
    fixed.push(isFixedShare(covariance[a * k + a] as number, p));
  }
  for (let a = 0; a < k; a++) {
    if (!fixed[a]) continue;
    for (let b = 0; b < k; b++) {
      covariance[a * k + b] = 0;
      covariance[b * k + a] = 0;
    }
  }
  for (let a = 0; a < k; a++) {
    const p = estimates[a] as number;
    const variance = Math.max(0, covariance[a * k + a] as number);
    const se = Math.sqrt(variance);
    let lower = p;
    let upper = p;
    if (fixed[a]) {
      // no sampling variance: the interval is the point (R: a logit interval of width
      // rounding noise, an effective n of 10^32 or Inf)
    } else if (method === 'mean') {
      lower = Math.max(0, p - t * se);
      upper = Math.min(1, p + t * se);
    } else if (method === 'beta') {
      [lower, upper] = betaInterval(p, variance, n, df, level);
    } else if (p > 0 && p < 1 && firstStep !== undefined) {
      const s1 = firstStep.s1s[a] as number;
      const s0 = firstStep.total - s1;
      const fit = logisticFit(s1, s0, firstStep.firstSteps[a]);
      const varianceBeta = logitVariance(fit, a);
      const seBeta = Math.sqrt(Math.max(0, varianceBeta));
      let interval: [number, number] | undefined;
      if (method === 'likelihood' && seBeta > 0) {
        const lambda = varianceBeta * fit.workingWeight;
        const alpha = normalCdf(-t * Math.sqrt(lambda)) / 2;
        interval = profileInterval({
          beta: fit.beta,
          se: seBeta,
          s1,
          s0,
          deviance0: fit.deviance,
          dispersion: ((n / (n - 1)) * p * (1 - p)) / (fit.mu * (1 - fit.mu)),
          zmax: tQuantile(alpha, n - 1),
          cutoff: t * Math.sqrt(lambda),
        });
      }
      // logit (and the likelihood's fallback where R's profile fails): expit(β̂ ∓ t·se)
      interval ??= [fit.beta - t * seBeta, fit.beta + t * seBeta];
      lower = expit(interval[0]);
      upper = expit(interval[1]);
    }
    const deff = designEffect(variance, p, n, sumW, reference);
    columns.push({
      estimate: p,
      se,
      lower,
      upper,
      deff,
      // a fixed share's deff is 0 and it has no effective n (n/0): null, never Infinity
      nEffective: deff === null || deff === 0 ? null : n / deff,
    });
  }
  return { n, sumWeights: sumW, df, deffReference: reference, covariance, columns };
}

/**
 * The tolerance below which a share's variance is rounding noise of 0, relative to
 * p(1 − p): a variance of at most 10⁻¹⁵·p(1 − p) is taken as exactly 0. It is the variance
 * of simple random sampling at an effective n of 10¹⁵ (10⁵ times the world's population),
 * which no sample reaches, and it lies far above the rounding that the sums of a share
 * the design fixes leave (about 10⁻³⁰·p(1 − p) on R's apistrat stratified by stype).
 */
export const FIXED_SHARE_TOLERANCE = 1e-15;

/**
 * Whether a share's variance is 0 to rounding ({@link FIXED_SHARE_TOLERANCE}): the design
 * fixes the share (the sample was stratified on it, or every PSU was taken with
 * certainty). Only for p strictly inside (0, 1): a share of 0 or 1 has no variance
 * because nobody (or everybody) chose it, not because of the design.
 */
export function isFixedShare(variance: number, p: number): boolean {
  return p > 0 && p < 1 && variance <= FIXED_SHARE_TOLERANCE * p * (1 - p);
}

/** survey's expit: exp(η)/(1 + exp(η)). */
function expit(eta: number): number {
  const e = Math.exp(eta);
  return e === Number.POSITIVE_INFINITY ? 1 : e / (1 + e);
}

/** The estimates with column `column` replaced by `mu` (svyglm's fitted value). */
function centersFor(estimates: Float64Array, column: number, mu: number): Float64Array {
  const centers = estimates.slice();
  centers[column] = mu;
  return centers;
}

/**
 * glm.fit's first iteration from binomial's starting values, which differ by respondent
 * (prior weights w̃ = w/mean(w) over the domain), summed per code: the deviance and the
 * working weights are the same for a 1 and a 0 (firstStepTerms). Two logarithms per
 * respondent.
 */
function firstSums(
  weights: Float64Array,
  codes: Int32Array,
  k: number,
  sumW: number,
  n: number,
): FirstSums {
  const mean = sumW / n;
  const terms = new Float64Array(3);
  const sums: FirstSums = {
    deviance: new Float64Array(k + 1),
    weight: new Float64Array(k + 1),
    z: new Float64Array(k + 1),
    scaled: new Float64Array(k + 1),
  };
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i] as number;
    if (code < 0) continue;
    const w = (weights[i] as number) / mean;
    firstStepTerms(w, terms);
    sums.deviance[code] = (sums.deviance[code] as number) + (terms[0] as number);
    sums.weight[code] = (sums.weight[code] as number) + (terms[1] as number);
    sums.z[code] = (sums.z[code] as number) + (terms[2] as number);
    sums.scaled[code] = (sums.scaled[code] as number) + w;
  }
  return sums;
}

/**
 * Each column's first step from the sums per code: ww·z changes sign between a 1 and a 0,
 * so a column's Σ ww·z is twice the sum over its respondents less the sum over all. Also
 * Σ w̃ of each column (the fit's s1) and over the domain.
 */
function firstSteps(
  sums: FirstSums,
  k: number,
): { firstSteps: FirstStep[]; s1s: Float64Array; total: number } {
  let deviance = 0;
  let weight = 0;
  let allZ = 0;
  let total = 0;
  for (let a = 0; a <= k; a++) {
    deviance += sums.deviance[a] as number;
    weight += sums.weight[a] as number;
    allZ += sums.z[a] as number;
    total += sums.scaled[a] as number;
  }
  const firstSteps = Array.from(sums.z.subarray(0, k), (z) => ({
    deviance,
    weightedZ: 2 * z - allZ,
    weight,
  }));
  return { firstSteps, s1s: sums.scaled.slice(0, k), total };
}

/**
 * svyciprop(method = "beta"), Korn and Graubard (1998): the Clopper–Pearson interval at
 * the effective size n* = p(1 − p)/Var·(t_{n−1}/t_df)², with the non-integer count n*·p.
 * A variance of 0 at p = 0 or 1 (where R's n* is 0/0) takes n* = n·(t_{n−1}/t_df)², the
 * design effect 1; at p inside (0, 1) the interval is the point p, as it is for a
 * standard error below ε·p (0 to rounding).
 */
function betaInterval(
  p: number,
  variance: number,
  n: number,
  df: number,
  level: number,
): [number, number] {
  const alpha = 1 - level;
  const ratio = n > 1 ? tQuantile(alpha, n - 1) / tQuantile(alpha, df) : 1;
  let nEff: number;
  // a standard error below the rounding of p is a variance of 0 (a share the design
  // fixes): the beta quantiles at the effective sizes it gives (10^32 and more) are not
  // reliable
  if (variance > (Number.EPSILON * p) ** 2) nEff = ((p * (1 - p)) / variance) * ratio * ratio;
  else if (p === 0 || p === 1) nEff = n * ratio * ratio;
  else return [p, p];
  const x = nEff * p;
  const y = nEff * (1 - p);
  return [
    p === 0 ? 0 : betaQuantile(alpha / 2, x, y + 1),
    p === 1 ? 1 : betaQuantile(1 - alpha / 2, x + 1, y),
  ];
}

/**
 * svymean's design effect: Var / (s²/n·(N − n)/N) without replacement (R's deff = TRUE),
 * Var / (s²/n) with (deff = "replace"), s² = n/(n − 1)·p(1 − p) the weighted variance of a
 * 0/1 column (svyvar), N = Σw. Null at p = 0 or 1, where it is 0/0.
 */
function designEffect(
  variance: number,
  p: number,
  n: number,
  sumW: number,
  reference: DeffReference,
): number | null {
  if (!(p > 0 && p < 1) || n < 2) return null;
  const s2 = ((n / (n - 1)) * p * (1 - p)) / n;
  const srs = reference === 'with-replacement' ? s2 : (s2 * (sumW - n)) / sumW;
  return variance / srs;
}

/** A replicate design's degrees of freedom: given, the design's, or the domain's rank − 1. */
function replicateDegf(design: ReplicateDesign, codes: Int32Array, domain: boolean): number {
  const structure = design[STRUCTURE];
  if (structure.degfGiven || !domain) return design.degf;
  return replicateRank(design, codes) - 1;
}

/** Whether `value` is a design made by surveyDesign or replicateDesign. */
export function isDesign(value: unknown): value is Design {
  return (
    typeof value === 'object' &&
    value !== null &&
    STRUCTURE in value &&
    ((value as SurveyDesign).kind === 'survey-design' ||
      (value as ReplicateDesign).kind === 'replicate-design')
  );
}
