import { betaQuantile } from './beta-quantile';

/**
 * The two-sided critical value of Student's t distribution.
 *
 * Returns t such that P(−t < T < t) = 1 − alpha for T with `df` degrees of
 * freedom, i.e. R's `qt(alpha / 2, df, lower.tail = FALSE)`. With
 * x = df / (df + t²), P(|T| > t) = I_x(df/2, ½), so t² = df (1 − x) / x for
 * the beta quantile x; when x is above ½ the complement 1 − x, a
 * Beta(½, df/2) quantile, is found directly, so large df keep full precision.
 * Internal: the caller checks alpha in (0, 1) and df > 0.
 *
 * Reference: M. Abramowitz and I. A. Stegun (1964), Handbook of Mathematical
 * Functions, eq. 26.7.1 and 26.5.27,
 * https://personal.math.ubc.ca/~cbm/aands/page_948.htm
 *
 * Cost: that of {@link betaQuantile}, one or two inversions.
 *
 * @param alpha - the two-sided tail probability, in (0, 1)
 * @param df - degrees of freedom, > 0
 * @returns the critical value t > 0
 * @example
 * studentTQuantile(0.05, 4); // qt(0.975, 4)
 * // => 2.7764451051977943
 */
export function studentTQuantile(alpha: number, df: number): number {
  const x = betaQuantile(alpha, df / 2, 0.5);
  if (x <= 0.5) return Math.sqrt((df * (1 - x)) / x);
  const y = betaQuantile(1 - alpha, 0.5, df / 2);
  return Math.sqrt((df * y) / (1 - y));
}
