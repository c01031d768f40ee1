import { normalCdf } from './normal-cdf';

/**
 * Standard normal survival function (upper-tail probability, 1 − Φ).
 *
 * Returns P(Z > x) = 1 − Φ(x) for a standard normal Z; it matches R's
 * `pnorm(x, lower.tail = FALSE)`. By the symmetry of the normal distribution
 * it equals Φ(−x), which {@link normalCdf} computes as a small tail with full
 * relative precision, so no cancellation occurs for large x
 * (1 − Φ(30) ≈ 4.9e-198, where subtracting from 1 would give 0).
 *
 * Reference: W. J. Cody (1969), "Rational Chebyshev approximations for the
 * error function", Mathematics of Computation 23, 631–637,
 * https://doi.org/10.1090/S0025-5718-1969-0247736-4
 *
 * Cost: O(1), the same as {@link normalCdf}.
 *
 * @param x - any number
 * @returns 1 − Φ(x) in [0, 1]
 * @example
 * normalSurvival(1.959963984540054);
 * // => 0.025000000000000012
 */
export function normalSurvival(x: number): number {
  return normalCdf(-x);
}
