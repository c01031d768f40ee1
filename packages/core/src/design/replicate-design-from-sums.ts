import { ToplinesError } from '../errors';
import { booleanOption, checkMethod, checkOptions, show } from '../validate';
import { replicateParameters } from './replicate-design';
import { REPLICATE_TYPES, type ReplicateType } from './types';

/** Options of {@link replicateDesignFromSums}. */
export interface ReplicateDesignFromSumsOptions {
  /** The replication method, as R's `svrepdesign(type =)`. */
  type: ReplicateType;
  /** The number of replicate weights (at least 2). */
  replicates: number;
  /**
   * The overall multiplier of the variance. Default as R's svrepdesign sets it for whole
   * replicate weights: (R − 1)/R for JK1, 1/(R − 1) for the bootstrap, 1 for JKn. BRR's is
   * 1/R and Fay's 1/(R(1 − ρ)²), not to be given.
   */
  scale?: number;
  /**
   * The multiplier of each replicate (one number for all, or one per replicate): for JKn,
   * (n_h − 1)/n_h of the stratum each replicate drops a PSU from (required). Default 1.
   */
  rscales?: number | ArrayLike<number>;
  /** Whether squared deviations are taken about the full-sample estimate (R's `mse`). Default `false`. */
  mse?: boolean;
  /** Fay's ρ, in [0, 1): required for type `'Fay'`, not allowed otherwise. */
  rho?: number;
  /**
   * Design degrees of freedom, when the data's documentation states them. Default: the
   * rank of each domain's replicate weights less 1 (R's `degf`), from the cross products
   * in its sums (`replicateCrossProducts` of {@link DomainSums}).
   */
  degf?: number;
}

/**
 * A replicate-weight design for estimates from sums, made by {@link replicateDesignFromSums}.
 */
export interface AggregateReplicateDesign {
  /** What this object is: `'aggregate-replicate-design'`. */
  readonly kind: 'aggregate-replicate-design';
  /** The replication method. */
  readonly type: ReplicateType;
  /** The number of replicates. */
  readonly replicates: number;
  /** The overall multiplier of the variance. */
  readonly scale: number;
  /** The multiplier of each replicate's squared deviation. */
  readonly rscales: Float64Array;
  /** Whether squared deviations are taken about the full-sample estimate. */
  readonly mse: boolean;
  /** Fay's ρ (type `'Fay'`), else null. */
  readonly rho: number | null;
  /** The degrees of freedom given, or null: each domain's rank less 1. */
  readonly degf: number | null;
}

/**
 * Replicate-weight design for estimates from sums.
 *
 * The variance settings of {@link replicateDesign} — type, scale, rscales, mse, ρ — for
 * sums of the replicate weights over each domain (a SQL `SUM(repwt1) … SUM(repwtR)` by
 * domain and answer, over a file too large to load): with them
 * {@link designSharesFromSums} and {@link designProportionFromSums} give what
 * {@link designShares} and {@link designProportion} give from the respondents, to
 * rounding. The defaults are svrepdesign's for whole replicate weights
 * (`combined.weights = TRUE`); for replicates held as multipliers of the full-sample
 * weights, sum w·m_r and give the scale (JK1) and rscales (JKn) that R would derive from
 * the multipliers.
 *
 * Reference: Wolter (2007), Introduction to Variance Estimation, 2nd ed., Springer, ch.
 * 3–5; R's survey package, `svrepdesign`.
 *
 * Cost: O(R).
 *
 * @param options - `type`, `replicates` (required); `scale`, `rscales`, `mse` (default
 *   false), `rho` (Fay), `degf`
 * @returns the design's settings
 * @throws {ToplinesError} for fewer than two replicates, an unknown type, JKn without
 *   rscales, Fay without ρ, a scale for BRR or Fay (R sets it), or scale, rscales or degf
 *   out of range
 * @example
 * // the American Community Survey's 80 successive-difference replicates: 4/80 times the
 * // squared deviations from the full-sample estimate (R: svrepdesign(scale = 4/80, mse = TRUE))
 * const acs = replicateDesignFromSums({ type: 'JK1', replicates: 80, scale: 4 / 80, mse: true, degf: 80 });
 * acs.scale; // => 0.05
 */
export function replicateDesignFromSums(
  options: ReplicateDesignFromSumsOptions,
): AggregateReplicateDesign {
  const fn = 'replicateDesignFromSums';
  const opts = checkOptions(fn, options);
  const type = checkMethod(fn, 'type', opts['type'], REPLICATE_TYPES);
  const mse = booleanOption(fn, 'mse', opts['mse'], false);
  const R = opts['replicates'];
  if (!(typeof R === 'number' && Number.isInteger(R) && R >= 2)) {
    throw new ToplinesError(
      'out-of-range',
      fn,
      `requires replicates to be the number of replicate weights, an integer of at least 2, got ${show(R)}`,
    );
  }
  const { scale, rscales, rho, degf } = replicateParameters(fn, opts, type, R, true, undefined);
  return Object.freeze({
    kind: 'aggregate-replicate-design' as const,
    type,
    replicates: R,
    scale,
    rscales,
    mse,
    rho,
    degf: degf ?? null,
  });
}
