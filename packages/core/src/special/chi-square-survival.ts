import { regularizedGammaUpper } from './regularized-gamma';

/**
 * Chi-square survival function (upper-tail probability, the p-value of a
 * chi-square statistic).
 *
 * Returns P(X > statistic) for X chi-square distributed with df degrees of
 * freedom; it matches R's `pchisq(statistic, df, lower.tail = FALSE)`. The
 * chi-square distribution with df degrees of freedom is the gamma
 * distribution with shape df/2 and scale 2, so this is Q(df/2, statistic/2),
 * the regularized upper incomplete gamma function, which keeps full relative
 * precision for tiny p-values. Internal: the caller checks df > 0.
 *
 * Reference: NIST Digital Library of Mathematical Functions, eq. 8.7.1 and
 * 8.9.2, https://dlmf.nist.gov/8.7 ; M. Abramowitz and I. A. Stegun (1964),
 * Handbook of Mathematical Functions, eq. 26.4.2,
 * https://personal.math.ubc.ca/~cbm/aands/page_940.htm
 *
 * Cost: that of {@link regularizedGammaUpper}, O(√df) at worst.
 *
 * @param statistic - the chi-square statistic; values ≤ 0 give 1
 * @param df - degrees of freedom, > 0
 * @returns the upper-tail probability in [0, 1]
 * @example
 * chiSquareSurvival(3.841458820694124, 1); // qchisq(0.95, 1)
 * // => 0.05000000000000011
 */
export function chiSquareSurvival(statistic: number, df: number): number {
  if (!(statistic > 0)) return 1;
  return regularizedGammaUpper(df / 2, statistic / 2);
}
