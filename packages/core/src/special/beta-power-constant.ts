import { logBeta } from './log-beta';
import { logGamma } from './log-gamma';
import { stirlingCorrection } from './stirling-correction';

/**
 * Beta power constant: the part of the beta power term that depends only on
 * the shapes.
 *
 * Returns the constant C(a, b) of {@link betaPowerTerm}, which depends on a
 * and b but not on x, so that a caller evaluating the power term at many
 * points for the same shapes (a quantile search) computes it once. With
 * δ the Stirling correction it is δ(a+b) − δ(a) − δ(b) when a, b ≥ 10;
 * −ln B(a, b) when a, b < 10; and, with p the smaller and q the larger shape,
 * (p + q − ½) ln(1 + p/q) − p + δ(p+q) − δ(q) − ln Γ(p) otherwise, which is
 * ln(Γ(p+q) / (Γ(p) Γ(q) q^p)) computed without cancelling large log-gamma
 * values.
 *
 * Reference: A. R. DiDonato and A. H. Morris (1992), "Algorithm 708:
 * Significant digit computation of the incomplete beta function ratios", ACM
 * TOMS 18(3), 360–373 (functions BRCOMP, ALGDIV and BCORR),
 * https://doi.org/10.1145/131766.131776
 *
 * Cost: O(1) — a few logarithms and Stirling corrections.
 *
 * @param a - first shape, > 0
 * @param b - second shape, > 0
 * @returns the constant C(a, b)
 * @example
 * betaPowerConstant(2, 3); // −ln B(2, 3) = ln 12
 * // => 2.4849066497880004
 */
export function betaPowerConstant(a: number, b: number): number {
  if (a >= 10 && b >= 10) {
    return stirlingCorrection(a + b) - stirlingCorrection(a) - stirlingCorrection(b);
  }
  if (a < 10 && b < 10) return -logBeta(a, b);
  const p = Math.min(a, b);
  const q = Math.max(a, b);
  return (
    (p + q - 0.5) * Math.log1p(p / q) -
    p +
    (stirlingCorrection(p + q) - stirlingCorrection(q)) -
    logGamma(p)
  );
}
