const TINY = 1e-300;
const EPSILON = 2.3e-16;

/**
 * Continued fraction of the incomplete beta function, in the form of
 * DiDonato and Morris (the even part of DLMF 8.17.22, written in λ).
 *
 * Returns F with I_x(a, b) = x^a (1−x)^b F / B(a, b), where
 * 1/F = β₀ + α₁/(β₁ + α₂/(β₂ + …)) is the even contraction of the continued
 * fraction of DLMF 8.17.22 after an equivalence transformation:
 * β₀ = a(1 + λ)/(a + 1),
 * αₙ = (a+n−1)(a+b+n−1) n (b−n) x² / (a+2n−1)²,
 * βₙ = [a + 2n + n(3a + 4n − (a+n)x) + (a+n)λ]/(a+2n+1) + n(b−n)x/(a+2n−1),
 * with λ = a − (a+b)x. In the textbook form the partial denominators are
 * 1 − (a+b)x/(a+1) and the like, differences of nearly equal numbers near
 * the mean that lose up to half the digits when a + b is 10^7; written in λ
 * every term is positive (for n ≤ b) and no digits are lost. (The code
 * multiplies βₙ and αₙ by (a+2n−1)(a+2n+1) and αₙ₊₁ by the same factor,
 * which leaves the value unchanged and saves divisions.) It converges
 * quickly for x < (a+1)/(a+b+2), that is λ > (a−b)/(a+b+2) > −1 (in about
 * √max(a, b)/2 steps at worst, near that point); above it use
 * I_x(a, b) = 1 − I_{1−x}(b, a) and −λ. The fraction is evaluated with the
 * modified Lentz method until a step changes it by less than one unit in the
 * last place. Internal: a, b > 0, 0 ≤ x < 1, λ > −1.
 *
 * Reference: A. R. DiDonato and A. H. Morris (1992), "Algorithm 708:
 * Significant digit computation of the incomplete beta function ratios", ACM
 * TOMS 18(3), 360–373 (function BFRAC), https://doi.org/10.1145/131766.131776
 * ; NIST Digital Library of Mathematical Functions, eq. 8.17.22,
 * https://dlmf.nist.gov/8.17#E22 ; I. J. Thompson and A. R. Barnett (1986),
 * J. Comput. Phys. 64, 490–509 (the modified Lentz method)
 *
 * Cost: O(√max(a, b)) steps at worst near the switch point, a few dozen for
 * moderate shapes, each about 25 floating-point operations and two divisions.
 *
 * @param x - a point in [0, 1)
 * @param a - first shape, > 0
 * @param b - second shape, > 0
 * @param lambda - a − (a + b)x, computed accurately (see betaLambda)
 * @returns the value F of the continued fraction
 * @example
 * betaContinuedFraction(0.2, 2, 3, 1); // λ = 2 − 5 × 0.2; I = 0.2² 0.8³ F / B(2, 3) = 0.1808
 * // => 0.7356770833333334
 */
export function betaContinuedFraction(x: number, a: number, b: number, lambda: number): number {
  const s = a + b;
  const xx = x * x;
  let f = (a * (1 + lambda)) / (a + 1);
  if (f < TINY) f = TINY;
  let c = f;
  let d = 0;
  // Scaled by (a+2n−1)(a+2n+1) (an equivalence transformation) so a step needs two divisions.
  let alpha = (a * (a + 3) * s * (b - 1) * xx) / (a + 1);
  const maxSteps = 100 + 10 * Math.ceil(Math.sqrt(Math.max(a, b)));
  for (let n = 1; n <= maxSteps; n++) {
    const lo = a + 2 * n - 1;
    const hi = lo + 2;
    const nbx = n * (b - n) * x;
    if (n > 1) alpha = (lo - 2) * hi * (a + n - 1) * (s + n - 1) * nbx * x;
    const beta = (a + 2 * n + n * (3 * a + 4 * n - (a + n) * x) + (a + n) * lambda) * lo + nbx * hi;
    d = beta + alpha * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = beta + alpha / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) <= EPSILON) break;
  }
  return 1 / f;
}
