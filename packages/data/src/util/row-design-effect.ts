// A row's own design effect, from the standard error it carries (the rows of
// weightedToplines): the route by which the verbs and the reanalysis use a
// design-based variance in place of the survey's single design effect. Internal.

/**
 * The design effect at which the binomial variance p(1 − p)/n equals a row's
 * squared standard error, n·se²/(p(1 − p)): so that an interval or margin at
 * n with this design effect (the effective n p(1 − p)/se²) has the row's
 * design-based variance. Null when the row has no standard error (a number
 * above 0), or p is 0 or 1, or n is unknown. Internal.
 *
 * @param se - the row's `se` cell, proportion units
 * @param p - the share, a proportion
 * @param n - the n the share is out of
 */
export function rowDesignEffect(se: unknown, p: number | null, n: number | null): number | null {
  if (typeof se !== 'number' || !Number.isFinite(se) || se <= 0) return null;
  if (p === null || !(p > 0 && p < 1) || n === null || !(n > 0)) return null;
  return (n * se * se) / (p * (1 - p));
}

/**
 * Whether a row carries a standard error of 0 (to rounding, below 1e-12):
 * a share the design fixes, such as a stratum's share of a sample
 * stratified on it, whose interval is the share itself. Internal.
 *
 * @param se - the row's `se` cell
 */
export function noVariance(se: unknown): boolean {
  return typeof se === 'number' && se >= 0 && se < 1e-12;
}
