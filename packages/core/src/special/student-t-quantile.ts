/**
 * The two-sided critical value of Student's t distribution, for whole degrees of freedom.
 *
 * Returns t such that P(−t < T < t) = level for T with `df` degrees of freedom, i.e. R's
 * `qt((1 − level) / 2, df, lower.tail = FALSE)`. With θ = atan(t/√df), P(|T| < t) is a
 * finite sum in cos²θ (Abramowitz & Stegun 26.7.3–26.7.4) whose derivative in θ is
 * g·cos^(df−1)θ, g = 2Γ((df+1)/2) / (√π Γ(df/2)); it is concave in θ, so Newton's method
 * started below the root (at the normal quantile, which is smaller) climbs to it without
 * overshooting. Written here, not with the beta quantile, to keep pollAverage's bundle
 * small. Internal: the caller checks level in (0, 1) and df a positive integer.
 *
 * Reference: M. Abramowitz and I. A. Stegun (1964), Handbook of Mathematical Functions,
 * eq. 26.7.3 and 26.7.4, https://personal.math.ubc.ca/~cbm/aands/page_948.htm
 *
 * Cost: O(df) per step, a handful of Newton steps.
 *
 * @param level - the two-sided coverage, in (0, 1)
 * @param df - degrees of freedom, a positive integer
 * @param start - a value below the root: the normal critical value of `level`
 * @returns the critical value t > 0
 * @example
 * studentTQuantile(0.95, 4, 1.959963984540054); // qt(0.975, 4)
 * // => 2.7764451051977965
 */
export function studentTQuantile(level: number, df: number, start: number): number {
  const odd = df % 2 === 1;
  // g for df from g(1) = 2/π or g(2) = 1 by g(j) = g(j − 2)·(j − 1)/(j − 2)
  let g = odd ? 2 / Math.PI : 1;
  for (let j = odd ? 3 : 4; j <= df; j += 2) g *= (j - 1) / (j - 2);
  let theta = Math.atan(start / Math.sqrt(df));
  for (let i = 0; i < 100; i++) {
    const c2 = Math.cos(theta) ** 2;
    // the sum of 26.7.3 (odd df) or 26.7.4 (even df)
    let term = 1;
    let sum = 1;
    for (let j = odd ? 3 : 2; j < df; j += 2) {
      term *= (c2 * (j - 1)) / j;
      sum += term;
    }
    const sin = Math.sin(theta);
    const cover = odd
      ? (2 / Math.PI) * (theta + (df > 1 ? sin * Math.cos(theta) * sum : 0))
      : sin * sum;
    const step = (level - cover) / (g * Math.cos(theta) ** (df - 1));
    theta += step;
    if (Math.abs(step) <= 1e-16 * theta) break;
  }
  return Math.sqrt(df) * Math.tan(theta);
}
