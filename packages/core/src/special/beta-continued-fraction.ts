const TINY = 1e-300;
const WALLIS_STEPS = 40;
const BIG = 2 ** 300;
const SMALL = 2 ** -300;
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
 * last place; for the quantile search (a `tolerance`), with Wallis's
 * recurrence first, two steps at a time, to the precision the root needs.
 * Internal: a, b > 0, 0 ≤ x < 1, λ > −1.
 *
 * Reference: A. R. DiDonato and A. H. Morris (1992), "Algorithm 708:
 * Significant digit computation of the incomplete beta function ratios", ACM
 * TOMS 18(3), 360–373 (function BFRAC), https://doi.org/10.1145/131766.131776
 * ; NIST Digital Library of Mathematical Functions, eq. 8.17.22,
 * https://dlmf.nist.gov/8.17#E22 ; I. J. Thompson and A. R. Barnett (1986),
 * J. Comput. Phys. 64, 490–509 (the modified Lentz method)
 *
 * Cost: O(√max(a, b)) steps at worst near the switch point, a few dozen for
 * moderate shapes, each about 25 floating-point operations and two divisions
 * (Lentz) or 15 and none (Wallis).
 *
 * @param x - a point in [0, 1)
 * @param a - first shape, > 0
 * @param b - second shape, > 0
 * @param lambda - a − (a + b)x, computed accurately (see betaLambda)
 * @param tolerance - for the quantile search: when positive, start with Wallis's
 *   recurrence where it is accurate and stop once a step changes the value by less than
 *   this, relative (never below one unit in the last place); the quantile search sets it
 *   from how much an error in I_x moves its root. Default 0: the modified Lentz method to
 *   full precision
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
  tolerance = 0,
): number {
  const s = a + b;
  // With a tolerance, Wallis's forward recurrence Aₙ = βₙAₙ₋₁ + αₙAₙ₋₂ (Bₙ alike),
  // 1/F = Aₙ/Bₙ, for the first 40 steps when 100 ≤ a + b ≤ 10⁴ (the sample sizes of polls):
  // one multiply-add a step on the critical path, where the modified Lentz method waits on two
  // divisions in a row, and neither its elements nor its convergence test need a division or
  // more than a few multiplications (below), so two to three times as fast. Every term is
  // positive (n ≤ b), so it is stable, and an exact power-of-two rescaling keeps A and B in
  // range; but its rounding errors add up, so for longer fractions, larger shapes and after 40
  // steps the modified Lentz method carries on from the same state (its errors do not
  // accumulate), and for small shapes it does the whole job.
  let aCur = (a * (1 + lambda)) / (a + 1);
  if (aCur < TINY) aCur = TINY;
  // Scaled by (a+2n−1)(a+2n+1) (an equivalence transformation), which saves divisions.
  const alpha1 = (a * (a + 3) * s * (b - 1) * (x * x)) / (a + 1);
  const eps = tolerance > EPSILON ? tolerance : EPSILON;
  if (!(tolerance > 0 && s >= 100 && s <= 1e4)) {
    return lentz(x, a, b, lambda, 1, aCur, aCur, 0, alpha1, eps);
  }
  let aPrev = 1;
  let bPrev = 0;
  let bCur = 1;
  // Convergence without a division: with Dₙ = AₙBₙ₋₁ − Aₙ₋₁Bₙ = −αₙDₙ₋₁ (D₀ = −1), the
  // change Aₙ/Bₙ − Aₙ₋₁/Bₙ₋₁ is Dₙ/(BₙBₙ₋₁), so |change| ≤ ε Aₙ/Bₙ reads |Dₙ| ≤ ε AₙBₙ₋₁;
  // |Dₙ| = |α₁ ⋯ αₙ| is carried along, rescaled with A and B (by SMALL²). The elements are
  // polynomials in n, advanced by differences (additions only): βₙ = Pₙ(a+2n−1) +
  // n(b−n)x(a+2n+1) with Pₙ = a(1 + λ) + (2 + 3a − ax + λ)n + (4 − x)n², and
  // αₙ₊₁ = (a+2n−1)(a+2n+3) Qₙ₊₁ (n+1)(b−n−1)x² with Qₙ = (a+n−1)(a+b+n−1). Every term of
  // Pₙ is positive, so the running sums stay accurate to a few units in the last place.
  let det = 1;
  let alpha = alpha1;
  const p2 = 4 - x;
  let pn = a * (1 + lambda) + (2 + 3 * a - a * x + lambda) + p2; // P₁
  let dp = 2 + 3 * a - a * x + lambda + 3 * p2; // P₂ − P₁
  let lo = a + 1; // a + 2n − 1
  let nb = b - 1; // n(b − n)
  let dnb = b - 3;
  let qn = a * s; // Qₙ
  let dq = a + s + 1;
  const x2 = x * x;
  // Two steps a turn, then the tests: A grows by less than 2⁸⁰ a step, so no overflow.
  for (let n = 1; n < WALLIS_STEPS; n += 2) {
    // Step n.
    let hi = lo + 2;
    let beta = pn * lo + nb * x * hi;
    const aMid = beta * aCur + alpha * aPrev;
    const bMid = beta * bCur + alpha * bPrev;
    det *= alpha;
    pn += dp;
    dp += 2 * p2;
    nb += dnb;
    dnb -= 2;
    qn += dq;
    dq += 2;
    alpha = lo * (hi + 2) * qn * (nb * x2);
    lo = hi;
    // Step n + 1.
    hi = lo + 2;
    beta = pn * lo + nb * x * hi;
    aPrev = aMid;
    bPrev = bMid;
    aCur = beta * aMid + alpha * aCur;
    bCur = beta * bMid + alpha * bCur;
    det *= alpha;
    // αₘ = 0 (an integer b = m): the fraction ends at step m, n or n + 1, whose value step n
    // already holds; a step beyond would start on the (negative) terms after it.
    if (det === 0) return bMid / aMid;
    if (aCur > BIG) {
      aPrev *= SMALL;
      bPrev *= SMALL;
      aCur *= SMALL;
      bCur *= SMALL;
      det *= SMALL * SMALL;
    }
    if (Math.abs(det) <= eps * Math.abs(aCur * bPrev)) return bCur / aCur;
    pn += dp;
    dp += 2 * p2;
    nb += dnb;
    dnb -= 2;
    qn += dq;
    dq += 2;
    alpha = lo * (hi + 2) * qn * (nb * x2);
    lo = hi;
  }
  // Not converged: the modified Lentz method carries on from the Wallis state.
  return lentz(x, a, b, lambda, WALLIS_STEPS + 1, aCur / bCur, aCur / aPrev, bPrev / bCur, 0, eps);
}

/**
 * The modified Lentz method for the continued fraction of {@link betaContinuedFraction}, from
 * step `n` on, with f the value so far (1/F), c and d its Lentz ratios and `alpha` the
 * scaled α of step 1 (used only when n = 1), until a step changes f by less than `eps`,
 * relative; returns F.
 */
function lentz(
  x: number,
  a: number,
  b: number,
  lambda: number,
  start: number,
  f: number,
  c: number,
  d: number,
  alpha: number,
  eps: number,
): number {
  const s = a + b;
  const maxSteps = 100 + 10 * Math.ceil(Math.sqrt(Math.max(a, b)));
  for (let n = start; n <= maxSteps; n++) {
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
    if (Math.abs(delta - 1) <= eps) break;
  }
  return 1 / f;
}
