import { ToplinesError } from '../errors';
import { booleanOption, checkFinite, checkMethod, checkOptions, show } from '../validate';
import { isArrayLike } from './codes';
import { replicateRank } from './replicate-variance';
import {
  REPLICATE_TYPES,
  type ReplicateDesign,
  type ReplicateStructure,
  type ReplicateType,
  STRUCTURE,
} from './types';
import { checkWeights } from './weights';

/** Options of {@link replicateDesign}. */
export interface ReplicateDesignOptions {
  /** Full-sample weights, one per respondent, each finite and greater than 0. */
  weights: ArrayLike<number>;
  /**
   * The replicate weights: one array per replicate, each with one number (finite, ≥ 0)
   * per respondent — the columns `repwt1 … repwtR` of a public-use file.
   */
  replicates: readonly ArrayLike<number>[];
  /** The replication method, as R's `svrepdesign(type =)`. */
  type: ReplicateType;
  /**
   * Whether the replicates are whole weights (`true`, R's `combined.weights = TRUE`, the
   * default) or multipliers of the full-sample weights (`false`, as R's
   * `as.svrepdesign` makes them).
   */
  combined?: boolean;
  /**
   * The overall multiplier of the variance. Default as R's svrepdesign sets it: (R − 1)/R
   * for JK1 (with multipliers, 1 over the first replicate's largest multiplier), 1/(R − 1)
   * for the bootstrap, 1 for JKn. BRR's is 1/R and Fay's 1/(R(1 − ρ)²), not to be given.
   */
  scale?: number;
  /**
   * The multiplier of each replicate (one number for all, or one per replicate): for JKn,
   * (n_h − 1)/n_h of the stratum the replicate drops a PSU from — required with whole
   * weights; with multipliers, 1 over each replicate's largest multiplier by default.
   * Default 1.
   */
  rscales?: number | ArrayLike<number>;
  /**
   * Whether squared deviations are taken about the full-sample estimate (`true`) or the
   * mean of the replicates (`false`), R's `mse`. Default `false` (R's
   * `getOption("survey.replicates.mse")`).
   */
  mse?: boolean;
  /** Fay's ρ, in [0, 1): required for type `'Fay'`, not allowed otherwise. */
  rho?: number;
  /**
   * Design degrees of freedom, when the data's documentation states them. Default: the
   * rank of the replicate weights less 1 (R's `degf`), computed when first needed and again
   * for each domain.
   */
  degf?: number;
}

/**
 * Replicate-weight survey design.
 *
 * A validated design whose variances come from replicate weights, as R's
 * `svrepdesign`: an estimate θ is computed with the full-sample weights and again with
 * each replicate's, and Var(θ) = scale·Σ_r rscales_r (θ_r − θ̄)², θ̄ the mean of the
 * replicates (or θ itself with `mse: true`). The types differ in their multipliers: JK1
 * (delete-one-PSU jackknife, scale (R − 1)/R), JKn (stratified jackknife, rscales
 * (n_h − 1)/n_h), BRR (balanced half-samples, scale 1/R), Fay (BRR with the half-samples
 * down-weighted by ρ, scale 1/(R(1 − ρ)²)) and the bootstrap (scale 1/(R − 1)). Public-use
 * files (the American Community Survey, NHANES, the CPS) ship such weights so that users
 * need no strata or PSUs. {@link designProportion} and {@link designShares} accept it.
 *
 * Reference: Wolter (2007), Introduction to Variance Estimation, 2nd ed., Springer, ch.
 * 3–5; Lumley (2010), Complex Surveys: A Guide to Analysis Using R, Wiley, §2.8; R's
 * survey package, `svrepdesign`.
 *
 * Cost: O(n·R) to copy the weights; the degrees of freedom (R's rank) take n·R²/2
 * multiply-adds when first read.
 *
 * @param options - `weights`, `replicates`, `type` (required); `combined` (default true),
 *   `scale`, `rscales`, `mse` (default false), `rho` (Fay), `degf`
 * @returns the design
 * @throws {ToplinesError} for weights that are not finite and positive, replicate weights
 *   that are negative or not finite, arrays of another length than weights, fewer than
 *   two replicates, an unknown type, JKn whole weights without rscales, Fay without ρ, a
 *   scale for BRR or Fay (R sets it), or scale, rscales or degf out of range
 * @example
 * // a delete-one jackknife over 4 PSUs of 2 respondents each (weights 10)
 * const jk = [0, 1, 2, 3].map((drop) =>
 *   [0, 0, 1, 1, 2, 2, 3, 3].map((psu) => (psu === drop ? 0 : 10 * 4 / 3)));
 * const design = replicateDesign({ weights: [10, 10, 10, 10, 10, 10, 10, 10], replicates: jk, type: 'JK1' });
 * design.scale; // => 0.75
 * design.degf; // => 3
 */
export function replicateDesign(options: ReplicateDesignOptions): ReplicateDesign {
  const fn = 'replicateDesign';
  if (options === undefined) {
    throw new ToplinesError(
      'invalid-type',
      fn,
      'requires an options object with weights, replicates and type, got undefined',
    );
  }
  const opts = checkOptions(fn, options);
  const weights = checkWeights(fn, 'weights', opts['weights']);
  const n = weights.length;
  const type = checkMethod(fn, 'type', opts['type'], REPLICATE_TYPES);
  const combined = booleanOption(fn, 'combined', opts['combined'], true);
  const mse = booleanOption(fn, 'mse', opts['mse'], false);
  const given = opts['replicates'];
  if (!isArrayLike(given) || (given.length > 0 && !isArrayLike(given[0]))) {
    throw new ToplinesError(
      'invalid-type',
      fn,
      `requires replicates to be an array of replicate weight arrays (one per replicate), got ${show(given)}`,
    );
  }
  const R = given.length;
  if (R < 2) {
    throw new ToplinesError('out-of-range', fn, `requires at least two replicates, got ${R}`);
  }
  const multipliers: Float64Array[] = [];
  for (let r = 0; r < R; r++) multipliers.push(checkReplicate(fn, r, given[r], n));
  const replicates = combined
    ? multipliers
    : multipliers.map((m) => m.map((v, i) => v * (weights[i] as number)));

  const { scale, rscales, rho, degf } = replicateParameters(
    fn,
    opts,
    type,
    R,
    combined,
    multipliers,
  );
  const structure: ReplicateStructure = { replicates, degf, degfGiven: degf !== undefined };
  const design = {
    kind: 'replicate-design' as const,
    type,
    n,
    weights,
    replicates: R,
    scale,
    rscales,
    mse,
    rho,
  };
  Object.defineProperty(design, STRUCTURE, { value: structure, enumerable: false });
  Object.defineProperty(design, 'degf', {
    enumerable: true,
    get(): number {
      structure.degf ??= replicateRank(design as unknown as ReplicateDesign, undefined) - 1;
      return structure.degf;
    },
  });
  return Object.freeze(design) as unknown as ReplicateDesign;
}

/** The multipliers of a replicate variance, as svrepdesign sets or checks them. */
export interface ReplicateSettings {
  scale: number;
  rscales: Float64Array;
  rho: number | null;
  degf: number | undefined;
}

/**
 * rho, scale, rscales and degf of `opts`, checked, with svrepdesign's defaults for R
 * replicates of `type`; `multipliers` (replicates given as multipliers, `combined` false)
 * set JK1's scale and JKn's rscales. Shared by replicateDesign and replicateDesignFromSums.
 */
export function replicateParameters(
  fn: string,
  opts: Record<string, unknown>,
  type: ReplicateType,
  R: number,
  combined: boolean,
  multipliers: Float64Array[] | undefined,
): ReplicateSettings {
  let rho: number | null = null;
  if (opts['rho'] !== undefined) {
    if (type !== 'Fay') {
      throw new ToplinesError(
        'invalid-option',
        fn,
        `takes rho for type 'Fay' only, got type ${show(type)}`,
      );
    }
    rho = checkFinite(fn, 'rho', opts['rho']);
    if (!(rho >= 0 && rho < 1)) {
      throw new ToplinesError(
        'out-of-range',
        fn,
        `requires rho (Fay's) to be in [0, 1), got ${show(rho)}`,
      );
    }
  } else if (type === 'Fay') {
    throw new ToplinesError(
      'invalid-option',
      fn,
      "requires rho for type 'Fay' (R: \"With type='Fay' you must supply the correct rho\")",
    );
  }

  let scale: number;
  if (type === 'BRR' || type === 'Fay') {
    if (opts['scale'] !== undefined) {
      throw new ToplinesError(
        'invalid-option',
        fn,
        `sets the scale of type ${show(type)} itself (${type === 'BRR' ? '1/R' : '1/(R(1 − ρ)²)'}), got scale ${show(opts['scale'])}`,
      );
    }
    scale = type === 'BRR' ? 1 / R : 1 / (R * (1 - (rho as number)) ** 2);
  } else if (opts['scale'] !== undefined) {
    scale = checkFinite(fn, 'scale', opts['scale']);
    if (!(scale > 0))
      throw new ToplinesError(
        'out-of-range',
        fn,
        `requires scale to be greater than 0, got ${show(scale)}`,
      );
  } else if (type === 'bootstrap') {
    scale = 1 / (R - 1);
  } else if (type === 'JK1') {
    scale =
      multipliers === undefined || combined ? (R - 1) / R : 1 / max(multipliers[0] as Float64Array);
  } else {
    scale = 1;
  }

  let rscales: Float64Array;
  const rs = opts['rscales'];
  if (rs === undefined) {
    if (type === 'JKn' && combined) {
      throw new ToplinesError(
        'invalid-option',
        fn,
        'requires rscales for type \'JKn\' with whole replicate weights: (n_h − 1)/n_h for the stratum each replicate drops a PSU from (R: "Must provide rscales for combined JKn weights")',
      );
    }
    rscales =
      type === 'JKn' && multipliers !== undefined
        ? Float64Array.from(multipliers, (m) => 1 / max(m))
        : new Float64Array(R).fill(1);
  } else {
    rscales = checkRscales(fn, rs, R);
  }

  let degf: number | undefined;
  if (opts['degf'] !== undefined) {
    degf = checkFinite(fn, 'degf', opts['degf']);
    if (!(degf > 0))
      throw new ToplinesError(
        'out-of-range',
        fn,
        `requires degf to be greater than 0, got ${show(degf)}`,
      );
  }
  return { scale, rscales, rho, degf };
}

/** One replicate's weights, checked: finite and ≥ 0, one per respondent. */
function checkReplicate(fn: string, r: number, value: unknown, n: number): Float64Array {
  const name = `replicates[${r}]`;
  if (!isArrayLike(value)) {
    throw new ToplinesError(
      'invalid-type',
      fn,
      `requires ${name} to be an array of numbers, got ${show(value)}`,
    );
  }
  if (value.length !== n) {
    throw new ToplinesError(
      'length-mismatch',
      fn,
      `requires ${name} to have one weight per respondent (${n}, the length of weights), got ${value.length}`,
    );
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = value[i];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      throw new ToplinesError(
        typeof v !== 'number' ? 'invalid-type' : Number.isFinite(v) ? 'out-of-range' : 'not-finite',
        fn,
        `requires ${name} to hold finite numbers ≥ 0, got ${show(v)} at index ${i}`,
      );
    }
    out[i] = v;
  }
  return out;
}

/** rscales: one number for all replicates or one per replicate, finite ≥ 0, one > 0. */
function checkRscales(fn: string, value: unknown, R: number): Float64Array {
  const values = typeof value === 'number' ? new Array<number>(R).fill(value) : value;
  if (!isArrayLike(values) || values.length !== R) {
    throw new ToplinesError(
      isArrayLike(values) ? 'length-mismatch' : 'invalid-type',
      fn,
      `requires rscales to be a number or one number per replicate (${R}), got ${isArrayLike(values) ? `${values.length} numbers` : show(value)}`,
    );
  }
  const out = new Float64Array(R);
  let positive = false;
  for (let r = 0; r < R; r++) {
    const v = values[r];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      throw new ToplinesError(
        'out-of-range',
        fn,
        `requires rscales to be finite numbers ≥ 0, got ${show(v)} at index ${r}`,
      );
    }
    if (v > 0) positive = true;
    out[r] = v;
  }
  if (!positive)
    throw new ToplinesError(
      'out-of-range',
      fn,
      'requires at least one rscales greater than 0, got all 0',
    );
  return out;
}

function max(values: Float64Array): number {
  let m = 0;
  for (const v of values) if (v > m) m = v;
  return m;
}
