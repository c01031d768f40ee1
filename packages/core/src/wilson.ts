// The Wilson score bounds, shared by the one-sample intervals (wilson,
// wilson-cc) and by Newcombe's two-sample interval. Internal: no validation.
//
// The bounds are the two roots θ of (1 + z²/n)θ² − (2p + z²/n)θ + p² = 0. The
// root nearer 0 is computed from the product of the roots, p²/(1 + z²/n), and
// the root nearer 1 from the same identity in 1 − θ, so neither bound loses
// digits to cancellation when p is near 0 or 1.

/** The lower Wilson score bound for proportion `p` of `n` (z the critical value). */
export function wilsonLower(p: number, n: number, z: number): number {
  if (p <= 0) return 0;
  const z2n = (z * z) / n;
  const denom = 1 + z2n;
  const root = z * Math.sqrt((p * (1 - p)) / n + z2n / (4 * n));
  if (p < 0.5) {
    const upper = (p + z2n / 2 + root) / denom;
    return (p * p) / (denom * upper);
  }
  return (p + z2n / 2 - root) / denom;
}

/** The upper Wilson score bound for proportion `p` of `n` (z the critical value). */
export function wilsonUpper(p: number, n: number, z: number): number {
  if (p >= 1) return 1;
  return 1 - wilsonLower(1 - p, n, z);
}
