import { criticalValue } from './critical-value';
import { ToplinesError } from './errors';
import { checkPollSeries } from './internal/poll-series';
import { chiSquareSurvival } from './special/chi-square-survival';
import { checkNumberArray, checkOptions, levelOption } from './validate';

/** Options of {@link trendTest}. */
export interface TrendTestOptions {
  /**
   * The score (time) of each wave, k finite numbers not all equal: dates as years, or
   * months since the first wave. Default `[1, 2, …, k]` (R's `seq_along(x)`).
   */
  scores?: ArrayLike<number>;
  /** Confidence level of the slope's interval, strictly between 0 and 1. Default `0.95`. */
  level?: number;
}

/** The result of {@link trendTest}. */
export interface TrendTest {
  /** What this result is: `'trend'` (a linear trend over waves). */
  kind: 'trend';
  /** The chi-square statistic for a linear trend (R `prop.trend.test`'s X-squared). */
  statistic: number;
  /** Degrees of freedom: always 1. */
  df: 1;
  /** Upper-tail probability of the statistic under χ²(1): the two-sided p-value. */
  pValue: number;
  /** Change in the share per score unit: the weighted least-squares slope. */
  slope: number;
  /** Standard error of the slope under the binomial variance of no trend. */
  slopeSe: number;
  /** Lower bound of the slope's interval, slope − z·slopeSe. */
  slopeLower: number;
  /** Upper bound of the slope's interval, slope + z·slopeSe. */
  slopeUpper: number;
  /** The confidence level used. */
  level: number;
}

/**
 * The chi-square test for a linear trend in proportions (Cochran–Armitage).
 *
 * For one share measured in k independent waves (polls of the same question over time),
 * tests whether it moves linearly with the wave's score. The shares are regressed on the
 * scores by weighted least squares, weights nᵢ / (p̄(1 − p̄)) with p̄ = Σ pᵢnᵢ / Σ nᵢ the
 * pooled share; the statistic is the regression's sum of squares, slope² · Σ nᵢ(sᵢ − s̄)² /
 * (p̄(1 − p̄)), referred to χ²(1) — exactly R's `prop.trend.test(x, n, score)`, whose source
 * is that `lm`. The counts are x = p·n, not rounded, so reported shares are used as given
 * (R accepts non-integer x too). The slope's standard error is that weighted fit's with the
 * residual scale fixed at 1, √(p̄(1 − p̄) / Σ nᵢ(sᵢ − s̄)²): the binomial variance of each wave
 * when there is no trend, the variance the test itself assumes (R:
 * `sqrt(summary(fit)$cov.unscaled[2, 2])`). So (slope / slopeSe)² is the statistic and the
 * Wald interval slope ± z·slopeSe excludes 0 exactly when pValue < 1 − level. With two
 * waves the statistic equals {@link homogeneityTest}'s. Sample sizes are taken as simple
 * random samples: divide each n by its design effect (and round) for a weighted poll.
 *
 * Reference: A. Agresti (2013), Categorical Data Analysis, 3rd ed., §5.3.5 (the
 * Cochran–Armitage trend test); P. Armitage (1955), "Tests for linear trends in proportions
 * and frequencies", Biometrics 11(3), 375–386; R's `prop.trend.test`,
 * https://stat.ethz.ch/R-manual/R-devel/library/stats/html/prop.trend.test.html
 *
 * Cost: O(k).
 *
 * @param shares - the k ≥ 2 shares, each in [0, 1], their pooled share strictly inside (0, 1)
 * @param ns - the k sample sizes, positive integers
 * @param options - `scores` (default 1, 2, …, k), `level` (default 0.95)
 * @returns the statistic, df = 1, its p-value, and the slope per score unit with its interval
 * @throws {ToplinesError} for fewer than 2 polls, shares and ns (or scores) of different
 *   lengths, a share outside [0, 1] (a percentage such as 45 is named as one), an n that is
 *   not a positive integer, shares all 0 or all 1, scores all equal, or level outside (0, 1)
 * @example
 * // one question in five waves: 45%, 41%, 36%, 30%, 18%
 * const trend = trendTest([0.45, 0.41, 0.36, 0.3, 0.18], [1000, 1200, 1037, 1500, 1000]);
 * trend.statistic; // => 195.2 (rounded)
 * trend.pValue < 1e-30; // => true
 * trend.slope; // => -0.064 (rounded)
 * [trend.slopeLower, trend.slopeUpper]; // => [-0.073, -0.055] (rounded)
 * // scores as years: the slope is per year
 * trendTest([0.12, 0.15, 0.11, 0.19], [300, 250, 400, 150], { scores: [2019, 2021, 2022, 2025] })
 *   .slope; // => 0.0085 (rounded)
 */
export function trendTest(
  shares: ArrayLike<number>,
  ns: ArrayLike<number>,
  options?: TrendTestOptions,
): TrendTest {
  const fn = 'trendTest';
  const { shares: p, ns: n, pooled, total } = checkPollSeries(fn, shares, ns);
  const opts = checkOptions(fn, options);
  const level = levelOption(fn, opts['level']);
  const k = p.length;
  let scores: ArrayLike<number>;
  if (opts['scores'] === undefined) {
    scores = Array.from({ length: k }, (_, i) => i + 1);
  } else {
    scores = checkNumberArray(fn, 'scores', opts['scores']);
    if (scores.length !== k) {
      throw new ToplinesError(
        'length-mismatch',
        fn,
        `requires one score per poll, got ${scores.length} scores for ${k} polls`,
      );
    }
  }
  let meanScore = 0;
  for (let i = 0; i < k; i++) meanScore += n[i]! * scores[i]!;
  meanScore /= total;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < k; i++) {
    const d = scores[i]! - meanScore;
    sxx += n[i]! * d * d;
    sxy += n[i]! * d * (p[i]! - pooled);
  }
  if (!(sxx > 0)) {
    throw new ToplinesError(
      'inconsistent-input',
      fn,
      'requires scores that are not all equal, got the same score for every poll: a trend needs waves at different times',
    );
  }
  const slope = sxy / sxx;
  // √ of each factor apart, so that a tiny pooled share does not underflow to a zero se
  const slopeSe = (Math.sqrt(pooled) * Math.sqrt(1 - pooled)) / Math.sqrt(sxx);
  const z = slope / slopeSe;
  const statistic = z * z;
  const half = criticalValue(level) * slopeSe;
  return {
    kind: 'trend',
    statistic,
    df: 1,
    pValue: chiSquareSurvival(statistic, 1),
    slope,
    slopeSe,
    slopeLower: slope - half,
    slopeUpper: slope + half,
    level,
  };
}
