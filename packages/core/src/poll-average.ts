import { criticalValue } from './critical-value';
import { ToplinesError } from './errors';
import { chiSquareSurvival } from './special/chi-square-survival';
import { studentTQuantile } from './special/student-t-quantile';
import {
  checkMethod,
  checkOptions,
  checkProportion,
  checkSampleSize,
  deffOption,
  levelOption,
  methodOption,
  show,
} from './validate';

/** The estimators of the between-poll variance τ² of {@link pollAverage}. */
export const POLL_AVERAGE_METHODS = ['reml', 'dl', 'pm', 'fixed'] as const;
/** One of {@link POLL_AVERAGE_METHODS}. */
export type PollAverageMethod = (typeof POLL_AVERAGE_METHODS)[number];
/** The scales {@link pollAverage} pools on. */
export const POLL_AVERAGE_SCALES = ['raw', 'logit'] as const;
/** One of {@link POLL_AVERAGE_SCALES}. */
export type PollAverageScale = (typeof POLL_AVERAGE_SCALES)[number];
/** The tests (and intervals) of {@link pollAverage}. */
export const POLL_AVERAGE_TESTS = ['z', 'knha'] as const;
/** One of {@link POLL_AVERAGE_TESTS}. */
export type PollAverageTest = (typeof POLL_AVERAGE_TESTS)[number];

/** One poll of {@link pollAverage}. */
export interface Poll {
  /** The share, strictly between 0 and 1. */
  p: number;
  /** The sample size, a positive integer. */
  n: number;
  /** The design effect, from 0.001 to 1000. Default `1`. */
  deff?: number;
}

/** Options of {@link pollAverage}. */
export interface PollAverageOptions {
  /**
   * Estimator of the between-poll variance τ²: `'reml'` (restricted maximum likelihood,
   * metafor's default), `'dl'` (DerSimonian–Laird), `'pm'` (Paule–Mandel) or `'fixed'`
   * (τ² = 0: a fixed/common-effect average, metafor's "FE"). Default `'reml'`.
   */
  method?: PollAverageMethod;
  /**
   * Scale of the pooling: `'raw'` (the shares, variance deff·p(1 − p)/n) or `'logit'`
   * (log(p/(1 − p)), variance deff/(n·p(1 − p)), back-transformed). Default `'raw'`.
   */
  scale?: PollAverageScale;
  /**
   * `'z'` (normal) or `'knha'` (Hartung–Knapp–Sidik–Jonkman: the standard error rescaled by
   * the weighted residual variance and t with k − 1 df). Default `'z'`.
   */
  test?: PollAverageTest;
  /** Confidence level, strictly between 0 and 1. Default `0.95`. */
  level?: number;
}

/** The result of {@link pollAverage}. */
export interface PollAverage {
  /** What this result is: `'poll-average'`. */
  kind: 'poll-average';
  /** The pooled share (back-transformed on the logit scale). */
  estimate: number;
  /** Lower bound of its confidence interval, in [0, 1]. */
  lower: number;
  /** Upper bound of its confidence interval, in [0, 1]. */
  upper: number;
  /** Standard error of the pooled value on the analysis scale (logits on the logit scale). */
  se: number;
  /** Between-poll variance τ² on the analysis scale; 0 for `'fixed'`. */
  tau2: number;
  /** I²: the share of the total variance due to differences between polls, in [0, 1). */
  i2: number;
  /** H²: total variance over within-poll variance (Q/(k − 1) for `'fixed'`). */
  h2: number;
  /** Cochran's Q: the inverse-variance weighted sum of squares about the fixed-effect average. */
  q: number;
  /** Degrees of freedom of Q, k − 1. */
  qDf: number;
  /** Upper-tail probability of Q under χ²(k − 1): the test of no heterogeneity. */
  qPValue: number;
  /** Lower bound of the prediction interval for a new poll's true share, in [0, 1]. */
  predictionLower: number;
  /** Upper bound of the prediction interval for a new poll's true share, in [0, 1]. */
  predictionUpper: number;
  /** The number of polls. */
  k: number;
  /** The τ² estimator used. */
  method: PollAverageMethod;
  /** The scale used. */
  scale: PollAverageScale;
  /** The test used. */
  test: PollAverageTest;
  /** The confidence level used. */
  level: number;
}

/**
 * The random-effects average of several polls of the same question.
 *
 * Pools k independent polls by inverse-variance weights 1/(vᵢ + τ²), where vᵢ is a poll's
 * sampling variance — deff·p(1 − p)/n on the raw scale; deff/(n·p(1 − p)) for
 * yᵢ = log(p/(1 − p)) on the logit scale — and τ² the variance of the true shares between
 * polls (house effects, timing), estimated by REML (Fisher scoring's equation, solved by a
 * safeguarded Newton iteration), DerSimonian–Laird, Paule–Mandel (Q(τ²) = k − 1, Newton),
 * or set to 0 (`'fixed'`). REML and PM are solved to a relative change below 1e-14
 * (`not-converged` otherwise); REML falls back to τ² = 0 when its likelihood is higher
 * there, as metafor's check does. The interval is estimate ± z·se, or with `'knha'`
 * ± t(k − 1)·se with se rescaled by the weighted residual variance (metafor computes it
 * for `'fixed'` too, with a warning; so does this). The prediction interval for a new
 * poll's true share is estimate ± crit·√(se² + τ²), metafor's `predict()`; for `'fixed'`
 * it is the confidence interval. Everything equals `metafor::rma(yi, vi, method, test,
 * level)` and `predict()` (method `'fixed'` = "FE"); I² is metafor's I2 / 100; se and τ²
 * stay on the analysis scale. On the logit scale the estimate and bounds are
 * back-transformed by the logistic function; on the raw scale the bounds are clipped to
 * [0, 1], as the package clips every Wald-type interval. A share of exactly 0 or 1 is
 * refused (no variance on the raw scale, no logit; no continuity correction is added), and
 * so is a share so close to 0 or 1 that its sampling variance falls outside [1e-100, 1e100],
 * where the weights' sums would overflow.
 *
 * Reference: W. Viechtbauer (2010), "Conducting Meta-Analyses in R with the metafor
 * Package", Journal of Statistical Software 36(3), https://doi.org/10.18637/jss.v036.i03 ;
 * W. Viechtbauer (2005), "Bias and efficiency of meta-analytic variance estimators in the
 * random-effects model", J. Educ. Behav. Stat. 30(3), 261–293 (REML, PM, DL); J. Hartung
 * and G. Knapp (2001), Statistics in Medicine 20, 3875–3889; J. P. T. Higgins and
 * S. G. Thompson (2002), "Quantifying heterogeneity in a meta-analysis", Statistics in
 * Medicine 21, 1539–1558 (I², H²).
 *
 * Cost: O(k) for `'fixed'` and `'dl'`; O(k) per iteration for `'reml'` and `'pm'`, a few
 * dozen iterations at most.
 *
 * @param polls - k ≥ 2 polls `{ p, n, deff? }`, p strictly between 0 and 1
 * @param options - `method` (default `'reml'`), `scale` (default `'raw'`), `test` (default
 *   `'z'`), `level` (default 0.95)
 * @returns the average with its interval, se, τ², I², H², Q and its p-value, and the
 *   prediction interval
 * @throws {ToplinesError} for fewer than 2 polls, a poll that is not an object, a share
 *   outside (0, 1) (a percentage such as 45 is named as one) or with a sampling variance
 *   outside [1e-100, 1e100], an n that is not a positive
 *   integer, a design effect outside [0.001, 1000], an unknown method, scale or test, a
 *   level outside (0, 1), or an iteration that does not converge (`not-converged`)
 * @example
 * const polls = [
 *   { p: 0.42, n: 1000 },
 *   { p: 0.45, n: 1200 },
 *   { p: 0.39, n: 800 },
 *   { p: 0.48, n: 1500 },
 *   { p: 0.44, n: 900 },
 * ];
 * const average = pollAverage(polls);
 * average.estimate; // => 0.4371 (rounded)
 * [average.lower, average.upper]; // => [0.4075, 0.4667] (rounded)
 * average.i2; // => 0.797 (rounded)
 * // fixed effect on the logit scale, with Hartung–Knapp
 * pollAverage(polls, { method: 'fixed', scale: 'logit', test: 'knha' }).estimate;
 * // => 0.4425 (rounded)
 */
export function pollAverage(polls: readonly Poll[], options?: PollAverageOptions): PollAverage {
  const fn = 'pollAverage';
  const opts = checkOptions(fn, options);
  const method = methodOption(fn, opts['method'], POLL_AVERAGE_METHODS);
  const scale =
    opts['scale'] === undefined
      ? 'raw'
      : checkMethod(fn, 'scale', opts['scale'], POLL_AVERAGE_SCALES);
  const test =
    opts['test'] === undefined ? 'z' : checkMethod(fn, 'test', opts['test'], POLL_AVERAGE_TESTS);
  const level = levelOption(fn, opts['level']);
  const { y, v } = readPolls(fn, polls, scale);
  const k = y.length;
  const df = k - 1;

  // The fixed-effect fit: Q, and the typical within-poll variance of I² and H².
  const fixedFit = weightedFit(y, v, 0);
  const q = Math.max(0, fixedFit.rss);
  const traceP = traceOfP(v, 0, fixedFit.sw);
  let tau2 = 0;
  if (method === 'dl') tau2 = Math.max(0, (q - df) / traceP);
  else if (method === 'pm') tau2 = pauleMandel(fn, y, v, q, df);
  else if (method === 'reml') tau2 = reml(fn, y, v);

  const fit = method === 'fixed' ? fixedFit : weightedFit(y, v, tau2);
  let se = Math.sqrt(1 / fit.sw);
  let crit = criticalValue(level);
  if (test === 'knha') {
    // metafor: s² = RSS/(k − 1), or 0 when RSS ≤ machine epsilon
    const s2 = fit.rss <= Number.EPSILON ? 0 : fit.rss / df;
    se = Math.sqrt(s2 / fit.sw);
    crit = studentTQuantile(level, df, crit);
  }
  const typical = df / traceP;
  const i2 = method === 'fixed' ? Math.max(0, (q - df) / q) : tau2 / (typical + tau2);
  const h2 = method === 'fixed' ? q / df : tau2 / typical + 1;
  const half = crit * se;
  const predictionHalf = crit * Math.sqrt(se * se + tau2);
  const back = scale === 'logit' ? logistic : clip;
  return {
    kind: 'poll-average',
    estimate: scale === 'logit' ? logistic(fit.mean) : fit.mean,
    lower: back(fit.mean - half),
    upper: back(fit.mean + half),
    se,
    tau2,
    i2,
    h2,
    q,
    qDf: df,
    qPValue: chiSquareSurvival(q, df),
    predictionLower: back(fit.mean - predictionHalf),
    predictionUpper: back(fit.mean + predictionHalf),
    k,
    method,
    scale,
    test,
    level,
  };
}

/** The analysis-scale values and sampling variances of the polls, checked. */
function readPolls(
  fn: string,
  polls: unknown,
  scale: PollAverageScale,
): { y: number[]; v: number[] } {
  if (!Array.isArray(polls)) {
    throw new ToplinesError(
      'invalid-type',
      fn,
      `requires polls to be an array of { p, n, deff? }, got ${show(polls)}`,
    );
  }
  if (polls.length < 2) {
    throw new ToplinesError('empty-input', fn, `requires at least 2 polls, got ${polls.length}`);
  }
  const y: number[] = [];
  const v: number[] = [];
  for (let i = 0; i < polls.length; i++) {
    const name = `polls[${i}]`;
    const poll = polls[i] as unknown;
    if (poll === undefined) {
      throw new ToplinesError(
        'invalid-type',
        fn,
        `requires ${name} to be an object, got undefined`,
      );
    }
    const fields = checkOptions(fn, poll, name);
    const p = checkProportion(fn, `${name}.p`, fields['p']);
    const n = checkSampleSize(fn, `${name}.n`, fields['n']);
    const deff = deffOption(fn, `${name}.deff`, fields['deff']);
    if (p === 0 || p === 1) {
      throw new ToplinesError(
        'out-of-range',
        fn,
        `requires ${name}.p to be strictly between 0 and 1, got ${show(p)}: a share of 0 or 1 has no sampling variance on the raw scale and no logit, and no continuity correction is added`,
      );
    }
    // The same order of operations as the R fixture (yi, vi), so the inputs agree exactly.
    if (scale === 'raw') {
      y.push(p);
      v.push((deff * p * (1 - p)) / n);
    } else {
      y.push(Math.log(p / (1 - p)));
      v.push(deff / (n * p * (1 - p)));
    }
    if (!(v[i]! >= 1e-100 && v[i]! <= 1e100)) {
      throw new ToplinesError(
        'out-of-range',
        fn,
        `requires ${name}.p far enough from 0 and 1 for its sampling variance to lie from 1e-100 to 1e100, got p = ${show(p)} (variance ${show(v[i])})`,
      );
    }
  }
  return { y, v };
}

/** The weighted fit at τ²: Σw, Σw², the weighted mean and Σw(y − mean)², w = 1/(v + τ²). */
interface Fit {
  sw: number;
  sw2: number;
  mean: number;
  rss: number;
}

function weightedFit(y: number[], v: number[], tau2: number): Fit {
  let sw = 0;
  let sw2 = 0;
  let swy = 0;
  for (let i = 0; i < y.length; i++) {
    const w = 1 / (v[i]! + tau2);
    sw += w;
    sw2 += w * w;
    swy += w * y[i]!;
  }
  const mean = swy / sw;
  let rss = 0;
  for (let i = 0; i < y.length; i++) {
    const r = y[i]! - mean;
    rss += (r * r) / (v[i]! + tau2);
  }
  return { sw, sw2, mean, rss };
}

/**
 * tr(P) = Σw − Σw²/Σw, computed as Σᵢ wᵢ·(Σ_{j≠i} wⱼ)/Σw with the sums over j ≠ i built from
 * prefix and suffix sums, so that one dominant weight does not cancel the others away.
 */
function traceOfP(v: number[], tau2: number, sw: number): number {
  const k = v.length;
  const suffix = new Array<number>(k + 1).fill(0);
  for (let i = k - 1; i >= 0; i--) suffix[i] = suffix[i + 1]! + 1 / (v[i]! + tau2);
  let prefix = 0;
  let trace = 0;
  for (let i = 0; i < k; i++) {
    const w = 1 / (v[i]! + tau2);
    trace += (w * (prefix + suffix[i + 1]!)) / sw;
    prefix += w;
  }
  return trace;
}

/** The largest number of iterations of the τ² solvers. */
const MAX_ITERATIONS = 500;
/** A step (or bracket) below this fraction of τ² ends the iteration. */
const STEP_TOLERANCE = 1e-14;

/**
 * The root of a function f of τ² ≥ 0 that is positive at 0 and negative far out, by Newton
 * steps kept inside a bracket (bisection when a step leaves it). `f` returns [f, f'].
 */
function solveTau2(
  fn: string,
  what: string,
  f: (t: number) => [number, number],
  start: number,
): number {
  let lo = 0;
  let hi = start;
  let expansions = 0;
  while (f(hi)[0] > 0) {
    lo = hi;
    hi *= 2;
    if (++expansions > 2000 || !Number.isFinite(hi)) {
      throw new ToplinesError(
        'not-converged',
        fn,
        `could not bracket the ${what} estimate of tau²`,
      );
    }
  }
  let t = (lo + hi) / 2;
  for (let i = 0; i < MAX_ITERATIONS; i++) {
    const [value, slope] = f(t);
    if (value === 0) return t;
    if (value > 0) lo = t;
    else hi = t;
    let next = t - value / slope;
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    const step = Math.abs(next - t);
    t = next;
    if (step <= STEP_TOLERANCE * t || hi - lo <= STEP_TOLERANCE * hi) return t;
  }
  throw new ToplinesError(
    'not-converged',
    fn,
    `could not solve the ${what} equation for tau² to 1e-14 in ${MAX_ITERATIONS} iterations`,
  );
}

/** A starting upper end for the τ² search: the spread of the values, or the mean variance. */
function startingTau2(y: number[], v: number[]): number {
  let mean = 0;
  for (const value of y) mean += value;
  mean /= y.length;
  let spread = 0;
  let meanV = 0;
  for (let i = 0; i < y.length; i++) {
    spread += (y[i]! - mean) ** 2;
    meanV += v[i]!;
  }
  return Math.max(spread / (y.length - 1), meanV / y.length, Number.MIN_VALUE);
}

/** Paule–Mandel: the τ² at which the generalized Q equals k − 1 (0 if Q(0) ≤ k − 1). */
function pauleMandel(fn: string, y: number[], v: number[], q: number, df: number): number {
  if (q <= df) return 0;
  return solveTau2(
    fn,
    'Paule–Mandel',
    (t) => {
      const { mean, rss } = weightedFit(y, v, t);
      let derivative = 0;
      for (let i = 0; i < y.length; i++) {
        const w = 1 / (v[i]! + t);
        derivative -= w * w * (y[i]! - mean) ** 2;
      }
      return [rss - df, derivative];
    },
    startingTau2(y, v),
  );
}

/**
 * REML: the root of the score Σw²r² − (Σw − Σw²/Σw) (metafor's Fisher-scoring equation),
 * or 0 when the score is not positive at 0 or the restricted likelihood is higher at 0.
 */
function reml(fn: string, y: number[], v: number[]): number {
  const score = (t: number): [number, number] => {
    const { sw, sw2, mean } = weightedFit(y, v, t);
    let a = 0;
    let b = 0;
    let c = 0;
    let sw3 = 0;
    for (let i = 0; i < y.length; i++) {
      const w = 1 / (v[i]! + t);
      const r = y[i]! - mean;
      a += w * w * r * r;
      b += w * w * w * r * r;
      c += w * w * r;
      sw3 += w * w * w;
    }
    const value = a - traceOfP(v, t, sw);
    // d/dτ² of Σw²r² is −2Σw³r² + 2(Σw²r)²/Σw; of the trace, −Σw² + 2Σw³/Σw − (Σw²/Σw)².
    const derivative = -2 * b + (2 * c * c) / sw - (-sw2 + (2 * sw3) / sw - (sw2 / sw) ** 2);
    return [value, derivative];
  };
  if (score(0)[0] <= 0) return 0;
  const tau2 = solveTau2(fn, 'REML', score, startingTau2(y, v));
  return restrictedLogLikelihood(y, v, 0) > restrictedLogLikelihood(y, v, tau2) ? 0 : tau2;
}

/** The restricted log-likelihood at τ², without its constant. */
function restrictedLogLikelihood(y: number[], v: number[], tau2: number): number {
  const { sw, rss } = weightedFit(y, v, tau2);
  let logDet = 0;
  for (const vi of v) logDet += Math.log(vi + tau2);
  return -0.5 * (logDet + Math.log(sw) + rss);
}

/** The logistic function, R's plogis. */
function logistic(x: number): number {
  if (x < 0) {
    const e = Math.exp(x);
    return e / (1 + e);
  }
  return 1 / (1 + Math.exp(-x));
}

/** A raw-scale bound clipped to [0, 1]. */
function clip(x: number): number {
  return Math.min(1, Math.max(0, x));
}
