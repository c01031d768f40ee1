import { betaQuantile } from '../special/beta-quantile';

/**
 * The two-sided critical value of Student's t distribution for any degrees of freedom:
 * t with P(|T| > t) = alpha, R's `qt(alpha/2, df, lower.tail = FALSE)` (alpha = 1 − level
 * for an interval).
 *
 * From the beta quantile: U = T²/(df + T²) is Beta(½, df/2), so t = √(df·u/(1 − u)) where
 * P(U ≤ u) = 1 − alpha; alpha is passed on as the upper tail, so a tail of 1e-12 keeps its
 * digits, and the smaller of u and 1 − u is the one solved for. The design-based intervals
 * need df up to the number of respondents, where studentTQuantile's finite sum would take
 * O(df) terms. Internal: the caller checks alpha in (0, 1) and df > 0.
 *
 * Cost: one or two beta quantiles.
 *
 * @param alpha - the two-sided tail probability, in (0, 1)
 * @param df - degrees of freedom, > 0
 * @returns the critical value t > 0
 * @example
 * tQuantile(0.05, 14); // R: qt(0.975, 14) = 2.1447866879178044
 * // => 2.144786687917804
 */
export function tQuantile(alpha: number, df: number): number {
  const a = 0.5;
  const b = df / 2;
  const u = betaQuantile(1 - alpha, a, b, alpha);
  if (u < 0.5) return Math.sqrt((df * u) / (1 - u));
  const v = betaQuantile(alpha, b, a, 1 - alpha); // 1 − u, solved for directly
  return Math.sqrt((df * (1 - v)) / v);
}
