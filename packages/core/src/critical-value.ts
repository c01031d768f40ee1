import { normalQuantile } from './special/normal-quantile';

/**
 * The two-sided standard normal critical value for a confidence level:
 * z such that P(−z < Z < z) = level, i.e. qnorm(1 − (1 − level)/2).
 * Computed from the lower tail so that high levels keep their precision.
 * Internal: callers validate `level` first.
 */
export function criticalValue(level: number): number {
  return -normalQuantile((1 - level) / 2);
}
