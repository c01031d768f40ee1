import { checkWeights } from './weights';

/** The result of {@link kishDesignEffect}. */
export interface KishDesignEffect {
  /** Kish's design effect of weighting, n·Σw²/(Σw)² (≥ 1; 1 for equal weights). */
  deff: number;
  /** The effective sample size (Σw)²/Σw² = n / deff. */
  nEffective: number;
  /** The number of weights. */
  n: number;
}

/**
 * Kish's design effect due to unequal weighting.
 *
 * deff = n·Σw²/(Σw)² = 1 + CV², the variance inflation that weighting alone causes when
 * the weights are unrelated to the answers, and the effective sample size
 * n_eff = (Σw)²/Σw². It needs only the weights: no strata, clusters or answers. It is
 * what pollsters usually mean by "the design effect" of a weighted poll, and a lower
 * bound on the real one when respondents are clustered; {@link designProportion} gives
 * the design effect of an estimate.
 *
 * Reference: Kish (1965), Survey Sampling, Wiley, §11.7; Kish (1992), "Weighting for
 * unequal P_i", Journal of Official Statistics 8(2):183–200.
 *
 * Cost: O(n).
 *
 * @param weights - the weights, each finite and greater than 0
 * @returns deff, the effective n and n
 * @throws {ToplinesError} for an empty array, or a weight that is not finite and positive
 * @example
 * kishDesignEffect([1, 1, 2, 2]); // => { deff: 1.1111111111111112, nEffective: 3.6, n: 4 }
 */
export function kishDesignEffect(weights: ArrayLike<number>): KishDesignEffect {
  const w = checkWeights('kishDesignEffect', 'weights', weights);
  let sum = 0;
  let sumSquares = 0;
  for (const v of w) {
    sum += v;
    sumSquares += v * v;
  }
  const n = w.length;
  return { deff: (n * sumSquares) / (sum * sum), nEffective: (sum * sum) / sumSquares, n };
}
