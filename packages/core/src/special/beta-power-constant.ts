import { logBeta } from './log-beta';
import { logGamma } from './log-gamma';
import { stirlingCorrection } from './stirling-correction';

// One-entry cache of betaPowerConstant: a sum of shapes and its Stirling correction (in a
// typed array, which holds doubles unboxed: no allocation per update).
const sumCache = new Float64Array([-1, 0]);

/**
 * The Stirling correction δ(x) for x ≥ 10, with four terms of its series from x = 100, where
 * the fifth, 1/(1188 x⁹), is below 1e-21 (a hundredth of a unit in the last place of δ).
 */
function shortStirling(x: number): number {
  if (x < 100) return stirlingCorrection(x);
  const r = 1 / x;
  const t = r * r;
  return r * (1 / 12 + t * (-1 / 360 + t * (1 / 1260 - t * (1 / 1680))));
}

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
 * Cost: O(1) — a few logarithms and Stirling corrections (for a, b ≥ 10, the correction of
 * a + b is kept from the last call, which the other limit of a Clopper–Pearson interval
 * shares).
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
    // The two limits of a Clopper–Pearson interval have shapes of one sum, n + 1: its
    // correction is kept from the last call.
    const s = a + b;
    if (s !== sumCache[0]) {
      sumCache[0] = s;
      sumCache[1] = shortStirling(s);
    }
    return (sumCache[1] as number) - shortStirling(a) - shortStirling(b);
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
