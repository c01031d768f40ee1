import { ToplinesError } from './errors';
import { checkPrior } from './lead-probability';
import { gammaVariate, seededUniform } from './random';
import {
  checkFinite,
  checkNumberArray,
  checkOptions,
  checkProportion,
  checkSampleSize,
  checkSingleChoiceSum,
  deffOption,
  show,
} from './validate';

/** Options of {@link probabilityOfFirst}. */
export interface ProbabilityOfFirstOptions {
  /**
   * Posterior draws, an integer from 100 to 10,000,000, with draws × options at
   * most {@link DRAW_BUDGET} (2,000,000). Default `100000`, or fewer when there
   * are more than 20 options: the budget divided by their number.
   */
  draws?: number;
  /** Seed of the random generator, an integer; the same seed gives the same answer. Default `1`. */
  seed?: number;
  /** Dirichlet concentration added to every option's count, > 0. Default `1`. */
  prior?: number;
  /** Design effect, > 0: the counts are p·n/deff. Default `1`. */
  deff?: number;
}

/**
 * The most Gamma variates (draws × options) one call of {@link probabilityOfFirst}
 * draws: a few tenths of a second.
 */
export const DRAW_BUDGET = 2_000_000;

/** The result of {@link probabilityOfFirst}. */
export interface ProbabilityOfFirst {
  /** For each option, in order, the posterior probability that its true share is the largest. */
  probabilities: number[];
  /** The Monte Carlo standard error of each probability, √(P(1 − P)/draws). */
  monteCarloError: number[];
  /** The number of posterior draws. */
  draws: number;
  /** The seed used. */
  seed: number;
}

/**
 * Probability that each option is really on top.
 *
 * Under the Dirichlet posterior of {@link leadProbability} — concentration
 * `prior` on every option plus its count p·n — the probability that each
 * option's true share is the largest of the options given (the share not
 * reported, "don't know" and the like, is not an option), estimated from `draws` seeded
 * posterior draws (each a normalised vector of Gamma variates). With two
 * options it estimates leadProbability, which is exact. Each probability comes
 * with its Monte Carlo standard error, so a reader can tell simulation noise
 * from substance.
 *
 * Reference: Gelman et al. (2013), Bayesian Data Analysis, 3rd ed., §3.4 and
 * Appendix A (drawing from a Dirichlet through Gamma variates); Marsaglia & Tsang
 * (2000), ACM TOMS 26(3):363–372 (the Gamma sampler).
 *
 * Cost: O(draws · k) Gamma variates for k options, at most 2,000,000 (a few tenths of a second).
 *
 * @param shares - the options' shares of one single-choice question, each in [0, 1], summing
 *   to at most 1.01
 * @param n - the sample size, a positive integer
 * @param options - `draws` (default 100,000), `seed` (default 1), `prior` (default 1), `deff`
 *   (default 1)
 * @returns each option's probability of being on top, with its Monte Carlo error
 * @throws {ToplinesError} for fewer than 2 shares, a share outside [0, 1], shares summing past
 *   1.01, n not a positive integer up to 2^53 − 1, draws outside 100 to 10⁷ or draws × shares
 *   above 2,000,000 (more than 20,000 shares), a seed that is not an integer, prior outside
 *   (0, 10⁶] or deff outside [0.001, 1000]
 * @example
 * // API/EAI/KEI Japan, n = 1,037, Japan's role in a Taiwan contingency: logistical and
 * // humanitarian support only 27.5%, avoid military involvement 26.0%, SDF 10.3%
 * const top = probabilityOfFirst([0.275, 0.26, 0.103], 1037, { draws: 20000, seed: 7 });
 * top.probabilities; // => [0.745, 0.255, 0]
 * top.monteCarloError[0]; // => 0.003082004218037347
 */
export function probabilityOfFirst(
  shares: ArrayLike<number>,
  n: number,
  options?: ProbabilityOfFirstOptions,
): ProbabilityOfFirst {
  const fn = 'probabilityOfFirst';
  const values = checkNumberArray(fn, 'shares', shares);
  if (values.length < 2) {
    throw new ToplinesError('empty-input', fn, `requires at least 2 shares, got ${values.length}`);
  }
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    sum += checkProportion(fn, `shares[${i}]`, values[i]);
  }
  checkSingleChoiceSum(fn, 'a sum', sum, 'the shares');
  checkSampleSize(fn, 'n', n);
  const opts = checkOptions(fn, options);
  const draws =
    opts['draws'] === undefined
      ? Math.min(100_000, Math.floor(DRAW_BUDGET / values.length))
      : checkDraws(fn, opts['draws']);
  if (draws < 100 || draws * values.length > DRAW_BUDGET) {
    throw new ToplinesError(
      'out-of-range',
      fn,
      `requires draws × shares to be at most ${DRAW_BUDGET} (with at least 100 draws), got ${show(draws)} × ${values.length}: pass fewer draws or fewer shares`,
    );
  }
  const seed = opts['seed'] === undefined ? 1 : checkSeed(fn, opts['seed']);
  const prior = opts['prior'] === undefined ? 1 : checkPrior(fn, opts['prior']);
  const deff = deffOption(fn, 'deff', opts['deff']);
  const m = n / deff;
  const k = values.length;
  const shapes = Array.from(values, (p) => p * m + prior);
  // Comparing the unnormalised Gamma variates ranks the Dirichlet shares: the
  // share not reported (and the normalisation) does not change which of the
  // reported options is largest, so it need not be drawn.
  const uniform = seededUniform(seed);
  const wins = new Array<number>(k).fill(0);
  for (let draw = 0; draw < draws; draw++) {
    let best = -1;
    let winner = -1;
    for (let i = 0; i < k; i++) {
      const g = gammaVariate(shapes[i]!, uniform);
      if (g > best) {
        best = g;
        winner = i;
      }
    }
    wins[winner]!++;
  }
  const probabilities = wins.map((w) => w / draws);
  return {
    probabilities,
    monteCarloError: probabilities.map((p) => Math.sqrt((p * (1 - p)) / draws)),
    draws,
    seed,
  };
}

function checkDraws(fn: string, value: unknown): number {
  const draws = checkFinite(fn, 'draws', value);
  if (!Number.isInteger(draws) || draws < 100 || draws > 10_000_000) {
    throw new ToplinesError(
      'out-of-range',
      fn,
      `requires draws to be an integer from 100 to 10000000, got ${show(draws)}`,
    );
  }
  return draws;
}

function checkSeed(fn: string, value: unknown): number {
  const seed = checkFinite(fn, 'seed', value);
  if (!Number.isInteger(seed)) {
    throw new ToplinesError('not-integer', fn, `requires seed to be an integer, got ${show(seed)}`);
  }
  return seed;
}
