// Coefficients of Cody's rational Chebyshev approximations (Math. Comp. 23 (1969),
// 631-637, as tabulated in his SPECFUN routine ANORM), each written as the nearest double
// (the published values carry about 20 digits).
// |x| <= 0.67448975: Φ(x) = 1/2 + x P(x²) / Q(x²).
const A0 = 2.2352520354606837;
const A1 = 161.02823106855587;
const A2 = 1067.6894854603709;
const A3 = 18154.98125334356;
const A4 = 0.06568233791820745;
const B0 = 47.202581904688245;
const B1 = 976.0985517377767;
const B2 = 10260.932208618979;
const B3 = 45507.78933502673;
// 0.67448975 < |x| <= √32: Φ(−|x|) = exp(−x²/2) P(|x|) / Q(|x|).
const C0 = 0.39894151208813466;
const C1 = 8.883149794388377;
const C2 = 93.50665613217785;
const C3 = 597.2702763948002;
const C4 = 2494.5375852903726;
const C5 = 6848.190450536283;
const C6 = 11602.65143764735;
const C7 = 9842.714838383978;
const C8 = 1.0765576773720192e-8;
const D0 = 22.266688044328117;
const D1 = 235.387901782625;
const D2 = 1519.3775994075547;
const D3 = 6485.558298266761;
const D4 = 18615.571640885097;
const D5 = 34900.95272114598;
const D6 = 38912.00328609327;
const D7 = 19685.429676859992;
// |x| > √32: Φ(−|x|) = exp(−x²/2) (1/√(2π) − z P(z) / Q(z)) / |x| with z = 1/x².
const P0 = 0.215898534057957;
const P1 = 0.12740116116024736;
const P2 = 0.022235277870649807;
const P3 = 0.0014216191932278934;
const P4 = 2.9112874951168793e-5;
const P5 = 0.023073441764940174;
const Q0 = 1.284260096144911;
const Q1 = 0.4682382124808651;
const Q2 = 0.06598813786892856;
const Q3 = 0.0037823963320275824;
const Q4 = 0.00007297515550839662;
const INV_SQRT_2PI = 0.3989422804014327;
const SQRT_32 = 5.656854249492381;

/**
 * Standard normal distribution function (normal CDF, Φ).
 *
 * Returns Φ(x) = P(Z ≤ x) for a standard normal Z; it matches R's
 * `pnorm(x)`. Cody's rational Chebyshev approximations are used: near zero a
 * rational function gives Φ(x) − ½ directly, and for |x| > 0.674 the smaller
 * tail Φ(−|x|) is computed as exp(−x²/2) times a rational function, with x²
 * split as (x − s)(x + s) + s² (s = x rounded down to 1/16) so the exponential
 * loses no precision. The smaller tail therefore has full relative precision
 * even far out (Φ(−30) ≈ 4.9e-198); the larger tail is 1 minus it.
 *
 * Reference: W. J. Cody (1969), "Rational Chebyshev approximations for the
 * error function", Mathematics of Computation 23, 631–637,
 * https://doi.org/10.1090/S0025-5718-1969-0247736-4 (free at ams.org); the
 * coefficients are those of Cody's SPECFUN routine ANORM,
 * https://www.netlib.org/specfun/anorm
 *
 * Cost: O(1) — one rational function of degree at most 8/8 and two
 * exponentials.
 *
 * @param x - any number
 * @returns Φ(x) in [0, 1]; exactly 0 below −38.5 and exactly 1 above 38.5
 * @example
 * normalCdf(1.959963984540054);
 * // => 0.975
 */
export function normalCdf(x: number): number {
  const y = Math.abs(x);
  if (y <= 0.67448975) {
    const z = x * x;
    const num = (((A4 * z + A0) * z + A1) * z + A2) * z + A3;
    const den = (((z + B0) * z + B1) * z + B2) * z + B3;
    return 0.5 + (x * num) / den;
  }
  if (!(y <= 38.5)) return x > 0 ? 1 : 0; // ±Infinity and the far tails
  let tail: number;
  if (y <= SQRT_32) {
    const num =
      (((((((C8 * y + C0) * y + C1) * y + C2) * y + C3) * y + C4) * y + C5) * y + C6) * y + C7;
    const den = (((((((y + D0) * y + D1) * y + D2) * y + D3) * y + D4) * y + D5) * y + D6) * y + D7;
    tail = num / den;
  } else {
    const z = 1 / (x * x);
    const num = (((((P5 * z + P0) * z + P1) * z + P2) * z + P3) * z + P4) * z;
    const den = ((((z + Q0) * z + Q1) * z + Q2) * z + Q3) * z + Q4;
    tail = (INV_SQRT_2PI - num / den) / y;
  }
  // exp(-y²/2) = exp(-s²/2) exp(-(y - s)(y + s)/2): s² is exact, so no error from rounding y².
  const s = Math.trunc(y * 16) / 16;
  const del = (y - s) * (y + s);
  tail *= Math.exp(-0.5 * s * s) * Math.exp(-0.5 * del);
  return x > 0 ? 1 - tail : tail;
}
