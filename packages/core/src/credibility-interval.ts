import { ToplinesError } from './errors';
import { betaQuantile } from './special/beta-quantile';
import {
  checkFinite,
  checkOptions,
  checkProportion,
  checkSampleSize,
  deffOption,
  levelOption,
  show,
} from './validate';

/** The named priors of {@link credibilityInterval}: Jeffreys' Beta(½, ½) and the uniform Beta(1, 1). */
export const CREDIBILITY_PRIORS = ['jeffreys', 'uniform'] as const;

/** Options of {@link credibilityInterval}. */
export interface CredibilityIntervalOptions {
  /** Probability of the interval, strictly between 0 and 1. Default `0.95`. */
  level?: number;
  /**
   * Design effect, > 0: the likelihood is that of n / deff respondents, with p·n / deff of
   * them saying yes. Default `1`.
   */
  deff?: number;
  /**
   * The Beta prior of the share: `'jeffreys'` (Beta(½, ½)), `'uniform'` (Beta(1, 1)) or the
   * two shapes `[a, b]`, each in (0, 10⁶] (a prior worth at most a million respondents).
   * Default `'jeffreys'`.
   */
  prior?: (typeof CREDIBILITY_PRIORS)[number] | [number, number];
}

/** The result of {@link credibilityInterval}. */
export interface CredibilityInterval {
  /** What this result is: `'credibility'`. */
  kind: 'credibility';
  /** The reported share p. */
  estimate: number;
  /** The α/2 quantile of the posterior. */
  lower: number;
  /** The 1 − α/2 quantile of the posterior. */
  upper: number;
  /** The probability of the interval. */
  level: number;
  /** The shapes [a, b] of the Beta prior. */
  prior: [number, number];
  /** The shapes of the Beta posterior, [y + a, m − y + b] with m = n / deff and y = p·m. */
  posterior: [number, number];
  /** The sample size, as given. */
  n: number;
  /** The effective sample size n / deff. */
  nEffective: number;
  /** The design effect used. */
  deff: number;
  /** The model, in one sentence: what the interval assumes. */
  model: string;
}

/**
 * Bayesian credibility interval for a reported share.
 *
 * The interval AAPOR asks for in place of a margin of error when the sample is not a
 * probability sample (an opt-in online panel): a statement about the share given a model,
 * not a sampling distribution. The model is stated, not hidden: a Beta(a, b) prior for the
 * share and a binomial likelihood at the effective sample size m = n/deff with y = p·m
 * respondents saying yes, so the posterior is Beta(y + a, m − y + b) and the interval is its
 * equal-tailed quantiles. The binomial likelihood at n/deff assumes that after weighting the
 * sample behaves like a simple random sample of that size, which nothing in an opt-in panel
 * guarantees; the `model` sentence says so, for the reader. Under the Jeffreys prior the
 * bounds are those of the Jeffreys interval (without its boundary rule at p = 0 and 1).
 * Unlike a confidence interval it need not contain p: it is the posterior's, and at p = 0
 * (or under a prior strong against the data) its lower bound lies above p.
 *
 * Reference: AAPOR (2016), "AAPOR Guidance on Reporting Precision for Nonprobability
 * Samples", https://aapor.org/wp-content/uploads/2023/01/NPS-Precision-Guidance.pdf ;
 * Brown, Cai & DasGupta (2001), Statistical Science 16(2):101–133 (the Jeffreys interval);
 * Gelman et al. (2013), Bayesian Data Analysis, 3rd ed., §2.4.
 *
 * Cost: O(1): two beta quantiles.
 *
 * @param p - the reported share, in [0, 1]
 * @param n - the sample size (unweighted completes), a positive integer
 * @param options - `level` (default 0.95), `deff` (default 1), `prior` (default `'jeffreys'`)
 * @returns the estimate, the interval, the prior and posterior shapes, n, the effective n,
 *   the design effect and the model sentence
 * @throws {ToplinesError} for p outside [0, 1] (a percentage is named as such), n not a
 *   positive integer up to 2^53 − 1, level outside (0, 1), deff outside [0.001, 1000], or
 *   a prior that is neither a name nor two shapes in (0, 10⁶]
 * @example
 * // an opt-in panel of 1,000 weighted with a design effect of 1.6: 42% say yes
 * const ci = credibilityInterval(0.42, 1000, { deff: 1.6 });
 * [ci.lower, ci.upper]; // => [0.3817, 0.4590] (rounded)
 * ci.model;
 * // => 'Beta(0.5, 0.5) prior; binomial likelihood at the effective sample size n/deff = 1000/1.6 = 625, which assumes that after weighting the sample behaves like a simple random sample of that size'
 */
export function credibilityInterval(
  p: number,
  n: number,
  options?: CredibilityIntervalOptions,
): CredibilityInterval {
  const fn = 'credibilityInterval';
  checkProportion(fn, 'p', p);
  checkSampleSize(fn, 'n', n);
  const opts = checkOptions(fn, options);
  const level = levelOption(fn, opts['level']);
  const deff = deffOption(fn, 'deff', opts['deff']);
  const prior = priorOption(fn, opts['prior']);
  const [a, b] = prior;
  const m = n / deff;
  const y = p * m;
  const alpha = (1 - level) / 2;
  const posterior: [number, number] = [y + a, m - y + b];
  const size =
    deff === 1 ? `n = ${show(n)}` : `n/deff = ${show(n)}/${show(deff)} = ${show(round(m))}`;
  const model = `Beta(${show(a)}, ${show(b)}) prior; binomial likelihood at the effective sample size ${size}, which assumes that after weighting the sample behaves like a simple random sample of that size`;
  return {
    kind: 'credibility',
    estimate: p,
    lower: betaQuantile(alpha, posterior[0], posterior[1]),
    upper: betaQuantile(1 - alpha, posterior[0], posterior[1]),
    level,
    prior,
    posterior,
    n,
    nEffective: m,
    deff,
    model,
  };
}

/** m to one decimal, as the model sentence prints it. */
function round(m: number): number {
  return Math.round(m * 10) / 10;
}

function priorOption(fn: string, value: unknown): [number, number] {
  if (value === undefined || value === 'jeffreys') return [0.5, 0.5];
  if (value === 'uniform') return [1, 1];
  if (Array.isArray(value) && value.length === 2) {
    const a = checkFinite(fn, 'prior[0]', value[0]);
    const b = checkFinite(fn, 'prior[1]', value[1]);
    if (a > 0 && b > 0 && a <= 1e6 && b <= 1e6) return [a, b];
  }
  throw new ToplinesError(
    'invalid-option',
    fn,
    `requires prior to be "jeffreys", "uniform" or two Beta shapes [a, b] above 0 and at most 1000000, got ${Array.isArray(value) ? `[${value.map(show).join(', ')}]` : show(value)}`,
  );
}
