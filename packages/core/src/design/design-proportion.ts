import { ToplinesError } from '../errors';
import { checkOptions, show } from '../validate';
import { isArrayLike } from './codes';
import { checkDesign, checkDomain } from './domain';
import {
  type DeffReference,
  type DesignProportionMethod,
  type Estimates,
  estimateColumns,
  estimateOptions,
} from './estimate';
import type { Design } from './types';

/** Options of {@link designProportion}. */
export interface DesignProportionOptions {
  /** Confidence level, strictly between 0 and 1. Default `0.95`. */
  level?: number;
  /**
   * Interval method, as R's `svyciprop(method =)`: `'logit'` (the default: a Wald
   * interval for the logit of the share, from R's quasibinomial fit), `'likelihood'` (a
   * profile-likelihood interval scaled by the design effect, Taylor designs only),
   * `'beta'` (Korn and Graubard's Clopper–Pearson interval at the effective sample size)
   * or `'mean'` (the Wald interval p ± t·se, clipped to [0, 1]). Every method uses
   * Student's t with the design's degrees of freedom.
   */
  method?: DesignProportionMethod;
  /**
   * A subpopulation (one boolean per respondent): estimated as R's
   * `subset(design, domain)`, keeping the whole design's strata and PSUs, not as a smaller
   * design. Default: everyone.
   */
  domain?: ArrayLike<boolean | number>;
  /**
   * What the design effect compares with: simple random sampling without replacement of
   * n from a population of Σw (R's `svymean(deff = TRUE)`), or with replacement
   * (`deff = "replace"`). Default: without replacement when the weights sum to more than
   * n (R's default), else with replacement (weights scaled to the sample, where R's
   * default gives NA).
   */
  deffReference?: DeffReference;
}

/** The result of {@link designProportion}. */
export interface DesignProportion {
  /** What this result is: `'design-proportion'`. */
  kind: 'design-proportion';
  /** The weighted share of 1s (R's `svymean`). */
  estimate: number;
  /** Its Taylor-linearised or replicate standard error. */
  se: number;
  /** Lower bound of the interval, in [0, 1]. */
  lower: number;
  /** Upper bound of the interval, in [0, 1]. */
  upper: number;
  /** The confidence level used. */
  level: number;
  /** The method used. */
  method: DesignProportionMethod;
  /**
   * The design effect: the variance over that of simple random sampling of n (see
   * `deffReference`). Null when the estimate is 0 or 1 (the ratio is 0/0); 0 when the
   * design fixes the share (see designProportion: a variance within rounding of 0).
   */
  deff: number | null;
  /**
   * n / deff, the sample size that simple random sampling would need. Null with deff, and
   * null when deff is 0 (a share the design fixes: no sample size matches it).
   */
  nEffective: number | null;
  /** Respondents (in the domain). */
  n: number;
  /** Σ of their weights: the estimated population size. */
  sumWeights: number;
  /** The design degrees of freedom used for the t quantile (of the domain). */
  df: number;
  /** What `deff` compares with. */
  deffReference: DeffReference;
}

/**
 * Design-based estimate of a proportion from respondent-level data.
 *
 * The weighted share p̂ = Σw·y/Σw of a binary answer `y` (booleans, or 0 and 1), with the
 * variance of a complex sample: Taylor linearisation (R's `svymean`: the scores
 * w(y − p̂)/Σw totalled by PSU and compared within strata, see {@link surveyDesign}), or
 * the replicate variance of a {@link replicateDesign}. The interval is R's `svyciprop`:
 * `'logit'` is expit(β̂ ± t·se(β̂)) from svyglm's quasibinomial fit (its intercept β̂ is
 * found by glm's iterations, as R finds it), `'likelihood'` inverts the fit's profile
 * deviance at a cut-off scaled by the design effect, `'beta'` is Clopper–Pearson at the
 * effective size p(1 − p)/Var·(t_{n−1}/t_df)² (Korn and Graubard 1998), `'mean'` is
 * p̂ ± t·se; t has the design's degrees of freedom (PSUs − strata, or the rank of the
 * replicate weights − 1). A domain is estimated within the whole design (R's `subset`):
 * the other respondents count as zeros in their PSUs, and the degrees of freedom are the
 * domain's. The design effect is svymean's (`deff = TRUE`).
 *
 * Departures from R, where R has no answer: a share of exactly 0 or 1 gets the interval
 * [p̂, p̂] from 'logit', 'likelihood' and 'mean' (R's fit does not converge), and
 * Clopper–Pearson at n·(t_{n−1}/t_df)² from 'beta' (R: NaN); where R's likelihood
 * profile fails (no variance) the logit interval is given; 'mean' is clipped to [0, 1].
 * 'likelihood' is refused for replicate designs, for which R's survey 4.1 returns NA.
 * A share the design fixes — the sample stratified on the very variable, or every PSU
 * taken with certainty — has a variance of 0 that R reports as rounding noise (an se of
 * 10⁻¹⁷, a deff of 10⁻³⁰): here a variance of at most 10⁻¹⁵·p(1 − p) (the variance of
 * simple random sampling at an effective n of 10¹⁵, which no sample reaches) is taken as
 * exactly 0, so se 0, the interval [p̂, p̂], deff 0 and nEffective null (never Infinity).
 *
 * Reference: Lumley (2010), Complex Surveys: A Guide to Analysis Using R, Wiley, §2.2,
 * §2.3.1 (svyciprop); Korn and Graubard (1998), "Confidence intervals for proportions with
 * small expected number of positive counts estimated from survey data", Survey
 * Methodology 24(2):193–201; Wolter (2007), Introduction to Variance Estimation, 2nd ed.,
 * Springer (replicates).
 *
 * Cost: O(n) for a Taylor design (O(n·R) with R replicates); 'logit' and 'likelihood' add
 * one pass with a logarithm per respondent.
 *
 * @param y - the binary answer of each respondent: true/false or 1/0
 * @param design - from {@link surveyDesign} or {@link replicateDesign}
 * @param options - `level` (default 0.95), `method` (default `'logit'`), `domain`,
 *   `deffReference`
 * @returns the estimate, standard error, interval, design effect, effective n, n, Σw and df
 * @throws {ToplinesError} when y or domain has another length than the design, y holds a
 *   value that is not true/false/0/1 (a missing answer included: leave it out with
 *   `domain`), the domain has no respondent, the degrees of freedom are below 1, level
 *   is outside (0, 1), the method is unknown, or 'likelihood' is asked of a replicate design
 * @example
 * // 12 respondents, 2 strata of 3 PSUs with 2 respondents each
 * const design = surveyDesign({
 *   weights: [10, 10, 12, 12, 14, 14, 20, 20, 25, 25, 22, 22],
 *   strata: ['north', 'north', 'north', 'north', 'north', 'north', 'south', 'south', 'south', 'south', 'south', 'south'],
 *   psu: [1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6],
 * });
 * const y = [1, 0, 1, 1, 0, 1, 0, 0, 1, 0, 1, 1];
 * const r = designProportion(y, design); // R: svyciprop(~y, design), svymean(~y, design, deff = TRUE)
 * r.estimate; // => 0.567961165049 (rounded)
 * r.se; // => 0.185010303708 (rounded)
 * [r.lower, r.upper]; // => [0.139455378432, 0.914267868630] (rounded)
 * r.deff; // => 1.629328221963 (rounded)
 * // in the north only: a domain of the whole design (R: subset(design, s == "north"))
 * const north = y.map((_, i) => i < 6);
 * designProportion(y, design, { domain: north, method: 'beta' }).upper;
 * // => 0.993124214231 (rounded)
 */
export function designProportion(
  y: ArrayLike<boolean | number>,
  design: Design,
  options?: DesignProportionOptions,
): DesignProportion {
  const fn = 'designProportion';
  const d = checkDesign(fn, design);
  const opts = checkOptions(fn, options);
  const { level, method, deffReference } = estimateOptions(fn, opts);
  const domain = checkDomain(fn, opts['domain'], d.n);
  const codes = binaryCodes(fn, y, d.n, domain);
  const e = estimateColumns(fn, d, codes, 1, {
    level,
    method,
    deffReference,
    domain: domain !== undefined,
  });
  return proportionResult(e, level, method);
}

/** The DesignProportion of the estimates of one column (designProportion's and designProportionFromSums'). */
export function proportionResult(
  e: Estimates,
  level: number,
  method: DesignProportionMethod,
): DesignProportion {
  const c = e.columns[0] as (typeof e.columns)[number];
  return {
    kind: 'design-proportion',
    estimate: c.estimate,
    se: c.se,
    lower: c.lower,
    upper: c.upper,
    level,
    method,
    deff: c.deff,
    nEffective: c.nEffective,
    n: e.n,
    sumWeights: e.sumWeights,
    df: e.df,
    deffReference: e.deffReference,
  };
}

/** Codes of a binary y: 0 for a 1, 1 for a 0, −1 outside the domain. */
function binaryCodes(
  fn: string,
  y: unknown,
  n: number,
  domain: Uint8Array | undefined,
): Int32Array {
  if (!isArrayLike(y)) {
    throw new ToplinesError(
      'invalid-type',
      fn,
      `requires y to be an array of booleans or 0/1 (one per respondent), got ${show(y)}`,
    );
  }
  if (y.length !== n) {
    throw new ToplinesError(
      'length-mismatch',
      fn,
      `requires y to have one value per respondent (${n}, the design's), got ${y.length}`,
    );
  }
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (domain !== undefined && domain[i] === 0) {
      codes[i] = -1;
      continue;
    }
    const v = y[i];
    if (v === true || v === 1) codes[i] = 0;
    else if (v === false || v === 0) codes[i] = 1;
    else {
      const missing = v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v));
      throw new ToplinesError(
        missing ? 'not-finite' : typeof v === 'number' ? 'out-of-range' : 'invalid-type',
        fn,
        missing
          ? `requires y to be answered by every respondent in the domain, got ${show(v)} at index ${i}: leave the missing answers out with domain`
          : `requires y to be binary (true/false or 1/0), got ${show(v)} at index ${i}`,
      );
    }
  }
  return codes;
}
