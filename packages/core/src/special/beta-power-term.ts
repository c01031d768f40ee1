import { betaLambda } from './beta-lambda';
import { betaPowerConstant } from './beta-power-constant';
import { log1pMinusX } from './log1p-minus-x';

const INV_SQRT_2PI = 0.3989422804014327;

/**
 * Beta power term (the leading factor of the incomplete beta function,
 * DiDonato and Morris's BRCOMP).
 *
 * Returns x^a y^b / B(a, b) with y = 1 − x: the factor that multiplies the
 * continued fraction of the regularized incomplete beta function, and x y
 * times the Beta(a, b) density at x. Evaluated as
 * exp(a ln x + b ln y − ln B(a, b)) it would lose about |a ln x| × 1e-16 of
 * relative precision, 1e-9 when a = 10^7; instead, for a, b ≥ 10 it is
 * √(ab / (2π(a+b))) exp(a φ(−λ/a) + b φ(λ/b) + C), where φ(t) = ln(1 + t) − t
 * ({@link log1pMinusX}), λ = a − (a+b)x is formed with error-free products
 * ({@link betaLambda}) and C = δ(a+b) − δ(a) − δ(b) is a sum of Stirling
 * corrections, so every term is exact or small. With one shape p < 10 and the
 * other q ≥ 10 it is exp(p ln(q u) + q ln v + C) (u, v the points that go with
 * p, q), and with both shapes below 10 exp(a ln x + b ln y − ln B(a, b)), where
 * the terms are small. Logarithms of x and y are taken from whichever is
 * exact (ln(1 − t) as log1p(−t)). Internal: the smaller of x and y must be
 * exact and the other equal to 1 minus it, rounded; a, b > 0.
 *
 * Reference: A. R. DiDonato and A. H. Morris (1992), "Algorithm 708:
 * Significant digit computation of the incomplete beta function ratios", ACM
 * TOMS 18(3), 360–373 (function BRCOMP), https://doi.org/10.1145/131766.131776
 *
 * Cost: O(1) — one exponential and two or three logarithms, or the series
 * of {@link log1pMinusX}.
 *
 * @param x - a point in [0, 1]
 * @param y - 1 − x
 * @param a - first shape, > 0
 * @param b - second shape, > 0
 * @param lambda - a − (a + b)x; computed when omitted
 * @param constant - {@link betaPowerConstant}(a, b); computed when omitted
 * @returns x^a y^b / B(a, b)
 * @example
 * betaPowerTerm(0.5, 0.5, 2, 3); // 0.5⁵ / B(2, 3) = 12 / 32
 * // => 0.37500000000000017
 */
export function betaPowerTerm(
  x: number,
  y: number,
  a: number,
  b: number,
  lambda: number = betaLambda(x, y, a, b),
  constant: number = betaPowerConstant(a, b),
): number {
  if (x <= 0 || y <= 0) return 0;
  if (a >= 10 && b >= 10) {
    // x/x₀ = 1 − λ/a and y/y₀ = 1 + λ/b with x₀ = a/(a+b), y₀ = b/(a+b). Below ½ the ratio
    // is formed from the (then exact) point itself, not as 1 plus a rounded λ/a.
    const s = a + b;
    const ea = -lambda / a;
    const eb = lambda / b;
    const phiA = ea < -0.5 ? Math.log((x * s) / a) - ea : log1pMinusX(ea);
    const phiB = eb < -0.5 ? Math.log((y * s) / b) - eb : log1pMinusX(eb);
    return Math.sqrt((a * b) / s) * INV_SQRT_2PI * Math.exp(a * phiA + b * phiB + constant);
  }
  const logX = x <= y ? Math.log(x) : Math.log1p(-y);
  const logY = x <= y ? Math.log1p(-x) : Math.log(y);
  if (a < 10 && b < 10) return Math.exp(a * logX + b * logY + constant);
  if (a < b) {
    const logBX = x <= y ? Math.log(b * x) : Math.log(b) + logX;
    return Math.exp(a * logBX + b * logY + constant);
  }
  const logAY = y <= x ? Math.log(a * y) : Math.log(a) + logY;
  return Math.exp(b * logAY + a * logX + constant);
}
