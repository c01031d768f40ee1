// The design objects of @toplines/core: what surveyDesign and replicateDesign return, and
// the structure they keep out of sight (under a registered symbol, not enumerable) for the
// estimators.

/** How a stratum with a single PSU is handled, as R's `options(survey.lonely.psu)`. */
export const LONELY_PSU_CHOICES = ['fail', 'remove', 'adjust', 'average'] as const;

/** One of {@link LONELY_PSU_CHOICES}. */
export type LonelyPsu = (typeof LONELY_PSU_CHOICES)[number];

/** The replicate-weight methods of {@link replicateDesign}, as R's `svrepdesign(type =)`. */
export const REPLICATE_TYPES = ['JK1', 'JKn', 'BRR', 'Fay', 'bootstrap'] as const;

/** One of {@link REPLICATE_TYPES}. */
export type ReplicateType = (typeof REPLICATE_TYPES)[number];

/** Identifiers of strata or PSUs, one per respondent: strings or numbers. */
export type DesignIds = ArrayLike<string | number>;

/** The key of a design's internal structure. */
export const STRUCTURE: unique symbol = Symbol.for('toplines.design.structure') as never;

/**
 * One stage of a Taylor design, as R's `svyrecvar` walks it: the clusters (PSUs at stage
 * 1, secondary units at stage 2, …) of each respondent, the stratum of each cluster and
 * what the variance needs of each stratum. Internal.
 */
export interface Stage {
  /** The cluster of each respondent, 0…clusters−1. */
  cluster: Int32Array;
  clusters: number;
  /** The stratum of each cluster. */
  clusterStratum: Int32Array;
  /** The cluster of the stage before that each cluster lies in (0 at the first stage). */
  clusterParent: Int32Array;
  strata: number;
  /** The cluster of the stage before that each stratum lies in (0 at the first stage). */
  stratumParent: Int32Array;
  /** The clusters of stratum h are stratumClusters[stratumStart[h] … stratumStart[h+1]−1]. */
  stratumStart: Int32Array;
  stratumClusters: Int32Array;
  /** f = 1 − n/N of each stratum (1 without fpc): the finite population correction. */
  f: Float64Array;
  /** n/N of each stratum (0 without fpc, or with N infinite): the next stage's multiplier. */
  fraction: Float64Array;
  /** A stratum's identifier, for messages. */
  stratumLabel: (stratum: number) => string | number;
}

/** What a Taylor design keeps for the estimators. Internal. */
export interface TaylorStructure {
  /** The stages the variance uses: every stage with fpc, else the first (ultimate clusters). */
  stages: Stage[];
  lonelyPsu: LonelyPsu;
}

/** What a replicate design keeps for the estimators. Internal. */
export interface ReplicateStructure {
  /** The analysis weights of each replicate (replicate multipliers times the weights). */
  replicates: Float64Array[];
  /** The degrees of freedom given, or the rank-based ones once computed (R's degf). */
  degf: number | undefined;
  /** Whether `degf` was given (then a domain keeps it; else a domain's is computed again). */
  degfGiven: boolean;
}

/**
 * A Taylor-linearisation survey design made by {@link surveyDesign}: weights, strata and
 * clusters, as R's `svydesign`.
 */
export interface SurveyDesign {
  /** What this object is: `'survey-design'`. */
  readonly kind: 'survey-design';
  /** The number of respondents. */
  readonly n: number;
  /** The sampling weights, one per respondent (a copy of those given). */
  readonly weights: Float64Array;
  /** The number of first-stage strata (1 without strata). */
  readonly strata: number;
  /** The number of first-stage sampling units (PSUs). */
  readonly psus: number;
  /** The stages of PSU identifiers given. */
  readonly stages: number;
  /**
   * The stages the variance uses: all of them when fpc is given for every stage (R's
   * multistage variance), else the first (ultimate clusters, with replacement).
   */
  readonly varianceStages: number;
  /** Whether a finite population correction was given. */
  readonly fpc: boolean;
  /** Whether PSU identifiers are nested in strata (they may restart in each stratum). */
  readonly nest: boolean;
  /** How strata with a single PSU are handled. */
  readonly lonelyPsu: LonelyPsu;
  /** The first-stage strata with a single PSU. */
  readonly lonelyStrata: number;
  /** Design degrees of freedom: PSUs − strata (R's `degf`). */
  readonly degf: number;
  /** @internal */
  readonly [STRUCTURE]: TaylorStructure;
}

/**
 * A replicate-weight survey design made by {@link replicateDesign}, as R's `svrepdesign`.
 */
export interface ReplicateDesign {
  /** What this object is: `'replicate-design'`. */
  readonly kind: 'replicate-design';
  /** The replication method. */
  readonly type: ReplicateType;
  /** The number of respondents. */
  readonly n: number;
  /** The full-sample weights, one per respondent (a copy). */
  readonly weights: Float64Array;
  /** The number of replicates. */
  readonly replicates: number;
  /** The overall multiplier of the variance. */
  readonly scale: number;
  /** The multiplier of each replicate's squared deviation. */
  readonly rscales: Float64Array;
  /** Whether squared deviations are taken about the full-sample estimate (true) or the mean of the replicates. */
  readonly mse: boolean;
  /** Fay's ρ (type `'Fay'`), else null. */
  readonly rho: number | null;
  /**
   * Design degrees of freedom: the numerical rank of the replicate weights less 1 (R's
   * `degf`, `qr(weights(design, "analysis"), tol = 1e-5)$rank − 1`), or the `degf` given.
   * Computed when first read: it takes n·R²/2 multiply-adds for R replicates.
   */
  readonly degf: number;
  /** @internal */
  readonly [STRUCTURE]: ReplicateStructure;
}

/** A design {@link designProportion} and {@link designShares} accept. */
export type Design = SurveyDesign | ReplicateDesign;
