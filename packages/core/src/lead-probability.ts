import { ToplinesError } from './errors';
import { regularizedBetaUpper } from './special/regularized-beta';
import {
  checkFinite,
  checkOptions,
  checkProportion,
  checkSampleSize,
  checkSingleChoiceSum,
  deffOption,
  show,
} from './validate';

/** Options of {@link leadProbability}. */
export interface LeadProbabilityOptions {
  /**
   * Dirichlet concentration added to every option's count, in (0, 10⁶]: 1 is
   * the uniform prior (the default), 0.5 Jeffreys'.
   */
  prior?: number;
  /** Design effect, from 0.001 to 1000: the counts are p·n/deff. Default `1`. */
  deff?: number;
}

/**
 * Probability that the leader is really ahead.
 *
 * Under a Dirichlet posterior for the shares of one single-choice question,
 * with concentration `prior` on every option and the observed counts p·n,
 * the first option's share among the two, θ1/(θ1 + θ2), is
 * Beta(p1·n + prior, p2·n + prior) whatever the other options do (the
 * aggregation property of the Dirichlet). The probability that the first
 * option's true share exceeds the second's is that Beta's mass above ½: one
 * incomplete-beta evaluation, exact, no simulation. It answers the reader's
 * question directly ("how sure can we be that favourable really leads?"),
 * where a p-value answers another.
 *
 * Reference: Gelman et al. (2013), Bayesian Data Analysis, 3rd ed., §3.4
 * (the multinomial model with a Dirichlet prior); Lindley (1964), "The
 * Bayesian analysis of contingency tables", Annals of Mathematical
 * Statistics 35:1622–1643.
 *
 * Cost: one regularized incomplete beta, O(1) up to its continued fraction.
 *
 * @param p1 - share of the first option, in [0, 1]
 * @param p2 - share of the second option, in [0, 1]; p1 + p2 ≤ 1.01
 * @param n - the sample size, a positive integer up to 2^53 − 1
 * @param options - `prior` (default 1), `deff` (default 1)
 * @returns P(θ1 > θ2 | data), in [0, 1]
 * @throws {ToplinesError} for shares outside [0, 1] or summing past 1.01, n not a positive
 *   integer up to 2^53 − 1, prior outside (0, 10⁶] or deff outside [0.001, 1000]
 * @example
 * // API/EAI/KEI Japan, n = 1,037: favourable 40.5% vs unfavourable 34.5% of the U.S.
 * leadProbability(0.405, 0.345, 1037); // => 0.9871451890621812
 * // Japan–South Korea relations in 3–5 years: deteriorate 28.8% vs improve 26.2%
 * leadProbability(0.288, 0.262, 1037); // => 0.8703449833032554
 */
export function leadProbability(
  p1: number,
  p2: number,
  n: number,
  options?: LeadProbabilityOptions,
): number {
  const fn = 'leadProbability';
  checkProportion(fn, 'p1', p1);
  checkProportion(fn, 'p2', p2);
  checkSampleSize(fn, 'n', n);
  checkSingleChoiceSum(fn, () => `p1 + p2 = ${show(p1)} + ${show(p2)}`, p1 + p2);
  const opts = checkOptions(fn, options);
  const prior = opts['prior'] === undefined ? 1 : checkPrior(fn, opts['prior']);
  const deff = deffOption(fn, 'deff', opts['deff']);
  const m = n / deff;
  // The incomplete beta can pass 1 by a rounding error (1e-13 at shapes near 0): cut it off.
  return Math.min(1, Math.max(0, regularizedBetaUpper(0.5, p1 * m + prior, p2 * m + prior)));
}

/**
 * The largest Dirichlet concentration accepted: a prior worth a million
 * respondents on every option. Far past it the incomplete beta (whose cost
 * grows with its shapes) would run for minutes, and no reader means it.
 */
export const MAX_PRIOR = 1e6;

/** Throws unless `value` is a Dirichlet concentration: above 0 and at most {@link MAX_PRIOR}. */
export function checkPrior(fn: string, value: unknown): number {
  const prior = checkFinite(fn, 'prior', value);
  if (!(prior > 0 && prior <= MAX_PRIOR)) {
    throw new ToplinesError(
      'out-of-range',
      fn,
      `requires prior to be greater than 0${prior > 0 ? " and at most 1000000 (a million respondents' worth on every option)" : ''}, got ${show(prior)}`,
    );
  }
  return prior;
}
