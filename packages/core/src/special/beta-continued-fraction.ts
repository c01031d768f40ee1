const TINY = 1e-300;
const WALLIS_STEPS = 40;
const BIG = 2 ** 600;
const SMALL = 2 ** -600;
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
 * @param fast - start with Wallis's recurrence where it is accurate (the quantile search,
 *   whose Halley step absorbs an error of a few units in the last place); default false
 * @returns the value F of the continued fraction
 * @example
 * betaContinuedFraction(0.2, 2, 3, 1); // λ = 2 − 5 × 0.2; I = 0.2² 0.8³ F / B(2, 3) = 0.1808
 * // => 0.7356770833333334
 */
export function betaContinuedFraction(
  x: number,
  a: number,
  b: number,
  lambda: number,
  fast = false,
): number {
  const s = a + b;
  // With `fast`, Wallis's forward recurrence Aₙ = βₙAₙ₋₁ + αₙAₙ₋₂ (Bₙ alike), 1/F = Aₙ/Bₙ, for
  // the first 40 steps when 100 ≤ a + b ≤ 10⁴ (the sample sizes of polls): one multiply-add a step on the
  // critical path, where the modified Lentz method waits on two divisions in a row, so about
  // twice as fast. Every term is positive (n ≤ b), so it is stable, and an exact power-of-two
  // rescaling keeps A and B in range; but its rounding errors add up, so for longer
  // fractions, larger shapes and after 40 steps the modified Lentz method carries on from the
  // same state (its errors do not accumulate), and for small shapes it does the whole job.
  let aPrev = 1;
  let bPrev = 0;
  let aCur = (a * (1 + lambda)) / (a + 1);
  if (aCur < TINY) aCur = TINY;
  let bCur = 1;
  let f = aCur;
  // Scaled by (a+2n−1)(a+2n+1) (an equivalence transformation), which saves divisions.
  let alpha = (a * (a + 3) * s * (b - 1) * (x * x)) / (a + 1);
  const wallisSteps = fast && s >= 100 && s <= 1e4 ? WALLIS_STEPS : 0;
  const maxSteps = 100 + 10 * Math.ceil(Math.sqrt(Math.max(a, b)));
  let c = aCur;
  let d = 0;
  for (let n = 1; n <= maxSteps; n++) {
    const lo = a + 2 * n - 1;
    const hi = lo + 2;
    const nbx = n * (b - n) * x;
    if (n > 1) alpha = (lo - 2) * hi * (a + n - 1) * (s + n - 1) * nbx * x;
    const beta = (a + 2 * n + n * (3 * a + 4 * n - (a + n) * x) + (a + n) * lambda) * lo + nbx * hi;
    if (n <= wallisSteps) {
      const aNext = beta * aCur + alpha * aPrev;
      const bNext = beta * bCur + alpha * bPrev;
      aPrev = aCur;
      bPrev = bCur;
      aCur = aNext;
      bCur = bNext;
      if (aCur > BIG) {
        aPrev *= SMALL;
        bPrev *= SMALL;
        aCur *= SMALL;
        bCur *= SMALL;
      }
      const next = aCur / bCur;
      if (Math.abs(next - f) <= EPSILON * next) return 1 / next;
      f = next;
      c = aCur / aPrev;
      d = bPrev / bCur;
    } else {
      d = beta + alpha * d;
      if (Math.abs(d) < TINY) d = TINY;
      c = beta + alpha / c;
      if (Math.abs(c) < TINY) c = TINY;
      d = 1 / d;
      const delta = c * d;
      f *= delta;
      if (Math.abs(delta - 1) <= EPSILON) break;
    }
  }
  return 1 / f;
}
