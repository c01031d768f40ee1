/** 1/(2j + 3) for j = 0..17. */
const RECIPROCALS = [
  1 / 3,
  1 / 5,
  1 / 7,
  1 / 9,
  1 / 11,
  1 / 13,
  1 / 15,
  1 / 17,
  1 / 19,
  1 / 21,
  1 / 23,
  1 / 25,
  1 / 27,
  1 / 29,
  1 / 31,
  1 / 33,
  1 / 35,
  1 / 37,
] as const;

/**
 * Logarithm of one plus x, minus x: ln(1 + x) − x without cancellation.
 *
 * Computes ln(1 + x) − x (≤ 0) to full relative precision, including for
 * small x where it is about −x²/2 and a direct subtraction would lose all
 * digits. With u = x / (2 + x), ln(1 + x) = 2 atanh(u) and x − 2u = u x, so
 * ln(1 + x) − x = −u x + 2u³ (1/3 + u²/5 + u⁴/7 + …), a sum of terms of one
 * sign, used for −0.5 < x < 1 (|u| < 1/3); outside that range the direct
 * difference loses at most two bits. Such terms appear in the exponent of
 * the incomplete beta and gamma functions for large parameters, where a
 * times this quantity must be accurate even when a is 10^7.
 *
 * Reference: A. R. DiDonato and A. H. Morris (1992), "Algorithm 708:
 * Significant digit computation of the incomplete beta function ratios", ACM
 * TOMS 18(3), 360–373 (function RLOG1), https://doi.org/10.1145/131766.131776
 * ; the series is that of atanh, https://dlmf.nist.gov/4.6#E4
 *
 * Cost: O(1) — 5 to 18 multiply-adds (fewer for small x), or one log1p.
 *
 * @param x - a number > −1
 * @returns ln(1 + x) − x
 * @example
 * log1pMinusX(1e-5);
 * // => -4.999966666916665e-11
 */
export function log1pMinusX(x: number): number {
  if (x <= -0.5 || x >= 1) return Math.log1p(x) - x;
  const u = x / (2 + x);
  const u2 = u * u;
  // sum = 1/3 + u²/5 + u⁴/7 + …, by Horner with enough terms for u² (at most 1/9) to reach
  // 1e-17: each term is below u² times the last.
  const last = u2 < 1e-4 ? 4 : u2 < 4e-3 ? 7 : u2 < 0.04 ? 11 : 17;
  let sum = RECIPROCALS[last] as number;
  for (let j = last - 1; j >= 0; j--) sum = sum * u2 + (RECIPROCALS[j] as number);
  return -u * x + 2 * u * u2 * sum;
}
