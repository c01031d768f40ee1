const SPLIT = 134217729; // 2^27 + 1, Dekker's splitting constant

/**
 * Beta deviation λ = a − (a + b)x of the incomplete beta function.
 *
 * Returns λ = a − (a + b)x = (a + b)y − b, which is (a + b) times the
 * distance of x below the mean a/(a + b) of a Beta(a, b) variable. Near the
 * mean it is the small difference of two numbers of size a, so it is formed
 * from whichever of x and y = 1 − x is exact, with an error-free sum for
 * a + b and an error-free (Dekker) product for (a + b)·x; the result is then
 * correct to a few units in its last place even for shapes near 10^7.
 *
 * Reference: T. J. Dekker (1971), "A floating-point technique for extending
 * the available precision", Numerische Mathematik 18, 224–242,
 * https://doi.org/10.1007/BF01397083 ; λ is the quantity of A. R. DiDonato
 * and A. H. Morris (1992), ACM TOMS 18(3), 360–373
 *
 * Cost: O(1) — about 20 floating-point operations.
 *
 * @param x - a point in [0, 1]
 * @param y - 1 − x (the smaller of x and y must be exact)
 * @param a - first shape, > 0
 * @param b - second shape, > 0
 * @returns a − (a + b)x
 * @example
 * betaLambda(0.25, 0.75, 2, 6);
 * // => 0
 */
export function betaLambda(x: number, y: number, a: number, b: number): number {
  // s + es = a + b exactly (two-sum).
  const s = a + b;
  const bv = s - a;
  const es = a - (s - bv) + (b - bv);
  const t = Math.min(x, y);
  // s t = p + ep exactly (Dekker's two-product).
  const p = s * t;
  let c = SPLIT * s;
  const sHi = c - (c - s);
  const sLo = s - sHi;
  c = SPLIT * t;
  const tHi = c - (c - t);
  const tLo = t - tHi;
  const ep = sHi * tHi - p + sHi * tLo + sLo * tHi + sLo * tLo;
  return x <= y ? a - p - ep - es * t : p - b + ep + es * t;
}
