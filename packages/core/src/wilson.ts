// The Wilson score bounds, shared by the one-sample intervals (wilson,
// wilson-cc), Newcombe's two-sample interval and the bulk proportionCIs.
// Internal: no validation.
//
// The bounds are the two roots θ of (1 + z²/n)θ² − (2p + z²/n)θ + p² = 0. With
// s the nearer of p and 1 − p to 0 (exact when it is 1 − p), the far root is
// (s + z²/2n + r)/(1 + z²/n) and the near one, from the product of the roots,
// s²/(s + z²/2n + r); for p ≥ ½ the bounds are 1 minus those of 1 − p. Neither
// bound cancels, so both keep their relative precision near 0 (and their
// distance from 1 near 1). proportionCIs runs the same operations in the same
// order, so the two agree bit for bit.

/** The lower and upper Wilson score bounds for proportion `p` of `n` (z the critical value). */
export function wilsonBounds(p: number, n: number, z: number): [number, number] {
  const z2n = (z * z) / n;
  const s = p < 0.5 ? p : 1 - p;
  const root = z * Math.sqrt((s * (1 - s)) / n + z2n / (4 * n));
  const far = s + z2n / 2 + root;
  // far is 0 only at s = 0 with z = 0 (a level within 1e-300 of 0): the near bound is then 0.
  // min(s, …): in the subnormal range s² can round up past s·far.
  const near = far === 0 ? 0 : Math.min(s, (s * s) / far);
  const farBound = far / (1 + z2n);
  return p < 0.5 ? [near, farBound] : [1 - farBound, 1 - near];
}

/** The lower Wilson score bound for proportion `p` of `n` (z the critical value). */
export function wilsonLower(p: number, n: number, z: number): number {
  return wilsonBounds(p, n, z)[0];
}

/** The upper Wilson score bound for proportion `p` of `n` (z the critical value). */
export function wilsonUpper(p: number, n: number, z: number): number {
  return wilsonBounds(p, n, z)[1];
}
