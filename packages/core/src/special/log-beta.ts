import { logGamma } from './log-gamma';
import { stirlingCorrection } from './stirling-correction';

const LOG_SQRT_2PI = 0.9189385332046728;

/**
 * Log-beta function (natural logarithm of the complete beta function).
 *
 * Returns ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b) for a, b > 0; it
 * matches R's `lbeta(a, b)`. Summing three log-gamma values directly would
 * cancel catastrophically when an argument is large (ln Γ(10^7) ≈ 1.5e8 while
 * ln B(0.5, 10^7) ≈ −7.5), so the large parts of Stirling's formula are
 * cancelled analytically and only the small Stirling corrections are
 * evaluated: with p = min(a, b) and q = max(a, b),
 * ln B = ½ ln 2π − ½ ln q + (p − ½) ln(p/(p+q)) + q ln(1 − p/(p+q)) + δ(p) + δ(q) − δ(p+q)
 * when p ≥ 10, and ln B = ln Γ(p) − p ln q − [(p + q − ½) ln(1 + p/q) − p + δ(p+q) − δ(q)]
 * when p < 10 ≤ q. Internal: the caller checks a, b > 0.
 *
 * Reference: A. R. DiDonato and A. H. Morris (1992), "Algorithm 708:
 * Significant digit computation of the incomplete beta function ratios", ACM
 * TOMS 18(3), 360–373 (function BETALN), https://doi.org/10.1145/131766.131776
 * ; Stirling series: https://dlmf.nist.gov/5.11#E1
 *
 * Cost: O(1) — a few logarithms and Stirling corrections.
 *
 * @param a - first shape, > 0
 * @param b - second shape, > 0
 * @returns ln B(a, b)
 * @example
 * logBeta(0.5, 0.5);
 * // => 1.1447298858494002
 */
export function logBeta(a: number, b: number): number {
  const p = Math.min(a, b);
  const q = Math.max(a, b);
  const s = p + q;
  if (p >= 10) {
    const corr = stirlingCorrection(p) + stirlingCorrection(q) - stirlingCorrection(s);
    return (
      LOG_SQRT_2PI - 0.5 * Math.log(q) + corr + (p - 0.5) * Math.log(p / s) + q * Math.log1p(-p / s)
    );
  }
  if (q >= 10) {
    // ln(Γ(p + q) / (Γ(q) q^p)), small when q ≫ p.
    const d = (s - 0.5) * Math.log1p(p / q) - p + stirlingCorrection(s) - stirlingCorrection(q);
    return logGamma(p) - p * Math.log(q) - d;
  }
  return logGamma(p) + logGamma(q) - logGamma(s);
}
