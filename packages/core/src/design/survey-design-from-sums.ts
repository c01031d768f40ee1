import { ToplinesError } from '../errors';
import { booleanOption, checkMethod, checkOptions, show } from '../validate';
import { isArrayLike } from './codes';
import { checkLonely, fpcAreSizes } from './survey-design';
import {
  LONELY_PSU_CHOICES,
  type LonelyPsu,
  STRUCTURE,
  type Stage,
  type TaylorStructure,
} from './types';

/** One first-stage stratum of the whole design, as {@link surveyDesignFromSums} takes it. */
export interface StratumSize {
  /** The stratum's identifier, as the sums of each domain name it. */
  stratum: string | number;
  /**
   * The PSUs sampled in the stratum, in the whole design (SQL: `COUNT(DISTINCT psu)`); in
   * a design without clusters, where every respondent is its own PSU, its respondents
   * (`COUNT(*)`).
   */
  psus: number;
  /**
   * The finite population correction of the stratum, as {@link surveyDesign}'s `fpc`:
   * its population size in PSUs (all strata ≥ 1, some > 1) or its sampling fraction (all
   * ≤ 1; 0 for an infinite population). Give it for every stratum or for none. Default:
   * none (sampling with replacement).
   */
  fpc?: number;
}

/** Options of {@link surveyDesignFromSums}. */
export interface SurveyDesignFromSumsOptions {
  /**
   * Every first-stage stratum of the design, with its count of PSUs and its fpc: one
   * entry for a design without strata. A domain's sums name these strata.
   */
  strata: readonly StratumSize[];
  /**
   * Whether PSU identifiers are nested in strata (the same identifier in two strata is
   * two PSUs). With `false` a PSU found under two strata in a domain's sums is an error.
   * Default `false`.
   */
  nest?: boolean;
  /** What to do with a stratum that has a single PSU, as {@link surveyDesign}'s. Default `'fail'`. */
  lonelyPsu?: LonelyPsu;
}

/** What an aggregate design keeps for designSharesFromSums. Internal. */
export interface AggregateStructure {
  /** Each stratum's index by its identifier. */
  index: Map<string | number, number>;
  /** The first stage as surveyDesign builds it: strata, their sizes, f and n/N. */
  stage: Stage;
  lonelyPsu: LonelyPsu;
  /** The stage with its clusters (stratum by stratum), built when a domain has PSUs. */
  clustered?: TaylorStructure;
}

/**
 * A one-stage survey design described by its strata, made by {@link surveyDesignFromSums}:
 * what {@link designSharesFromSums} and {@link designProportionFromSums} need besides a
 * domain's sums.
 */
export interface AggregateSurveyDesign {
  /** What this object is: `'aggregate-survey-design'`. */
  readonly kind: 'aggregate-survey-design';
  /** The number of first-stage strata. */
  readonly strata: number;
  /** The number of PSUs (respondents, in a design without clusters). */
  readonly psus: number;
  /** Whether a finite population correction was given. */
  readonly fpc: boolean;
  /** Whether PSU identifiers are nested in strata. */
  readonly nest: boolean;
  /** How strata with a single PSU are handled. */
  readonly lonelyPsu: LonelyPsu;
  /** The strata with a single PSU. */
  readonly lonelyStrata: number;
  /** Design degrees of freedom: PSUs − strata (R's `degf`). */
  readonly degf: number;
  /** @internal */
  readonly [STRUCTURE]: AggregateStructure;
}

/**
 * One-stage survey design from the sizes of its strata, for estimates from sums.
 *
 * The design of {@link surveyDesign} as far as the variance of a mean needs it when the
 * respondents are aggregated (by a SQL `GROUP BY`, over a file too large to load): each
 * first-stage stratum's count of PSUs and its finite population correction. With a
 * domain's weighted sums by PSU ({@link DomainSums}), {@link designSharesFromSums} and
 * {@link designProportionFromSums} give what {@link designShares} and
 * {@link designProportion} give from the respondents, to rounding. Lonely PSUs are
 * handled as R's `options(survey.lonely.psu)`, as surveyDesign handles them.
 *
 * Scope: one-stage designs, and multistage designs without fpc (R's ultimate clusters:
 * give the first-stage PSUs). A multistage variance with fpc at later stages adds each
 * stage's variance within the units above, which needs the respondents: use
 * {@link surveyDesign}.
 *
 * Reference: Lumley (2010), Complex Surveys: A Guide to Analysis Using R, Wiley, §2.2;
 * R's survey package, `svydesign`, `svyrecvar`.
 *
 * Cost: O(strata).
 *
 * @param options - `strata` (required), `nest` (default false), `lonelyPsu` (default
 *   `'fail'`)
 * @returns the design: its counts of strata and PSUs, degrees of freedom
 * @throws {ToplinesError} when strata is empty, a stratum appears twice, a count of PSUs
 *   is not a positive integer, the design has a single PSU, fpc is given for some strata
 *   only, mixes population sizes and fractions or is smaller than the sample, or a
 *   stratum has a single PSU under `lonelyPsu: 'fail'`
 * @example
 * // apistrat of R's survey package: 200 schools, strata of 100, 50 and 50
 * const design = surveyDesignFromSums({
 *   strata: [
 *     { stratum: 'E', psus: 100, fpc: 4421 },
 *     { stratum: 'H', psus: 50, fpc: 755 },
 *     { stratum: 'M', psus: 50, fpc: 1018 },
 *   ],
 * });
 * design.degf; // => 197
 */
export function surveyDesignFromSums(options: SurveyDesignFromSumsOptions): AggregateSurveyDesign {
  const fn = 'surveyDesignFromSums';
  const opts = checkOptions(fn, options);
  const given = opts['strata'];
  if (!isArrayLike(given) || given.length === 0) {
    throw new ToplinesError(
      isArrayLike(given) ? 'empty-input' : 'invalid-type',
      fn,
      `requires strata to be a non-empty array of { stratum, psus, fpc } (one entry without strata), got ${show(given)}`,
    );
  }
  const nest = booleanOption(fn, 'nest', opts['nest'], false);
  const lonelyPsu =
    opts['lonelyPsu'] === undefined
      ? 'fail'
      : checkMethod(fn, 'lonelyPsu', opts['lonelyPsu'], LONELY_PSU_CHOICES);
  const H = given.length;
  const index = new Map<string | number, number>();
  const stratumStart = new Int32Array(H + 1);
  const fpc = new Float64Array(H);
  let withFpc = 0;
  for (let h = 0; h < H; h++) {
    const entry = checkOptions(fn, given[h], `strata[${h}]`);
    const id = entry['stratum'];
    if (!((typeof id === 'string' || typeof id === 'number') && !index.has(id))) {
      throw new ToplinesError(
        'invalid-option',
        fn,
        `requires strata[${h}].stratum to be a string or number not given before, got ${show(id)}`,
      );
    }
    index.set(id, h);
    const psus = entry['psus'];
    if (!(typeof psus === 'number' && Number.isInteger(psus) && psus >= 1)) {
      throw new ToplinesError(
        'out-of-range',
        fn,
        `requires strata[${h}].psus to be a positive integer (the PSUs sampled in stratum ${show(id)}), got ${show(psus)}`,
      );
    }
    stratumStart[h + 1] = (stratumStart[h] as number) + psus;
    const v = entry['fpc'];
    if (v !== undefined && v !== null) {
      if (!(typeof v === 'number' && Number.isFinite(v) && v >= 0)) {
        throw new ToplinesError(
          'out-of-range',
          fn,
          `requires strata[${h}].fpc to be a population size or a sampling fraction (a finite number ≥ 0), got ${show(v)}`,
        );
      }
      fpc[h] = v;
      withFpc++;
    }
  }
  if (withFpc !== 0 && withFpc !== H) {
    throw new ToplinesError(
      'inconsistent-input',
      fn,
      `requires fpc for every stratum or for none, got it for ${withFpc} of ${H}`,
    );
  }
  const clusters = stratumStart[H] as number;
  if (clusters === 1) {
    throw new ToplinesError(
      'inconsistent-input',
      fn,
      'requires at least two primary sampling units, got one',
    );
  }
  const label = (h: number): string | number => (given[h] as StratumSize).stratum;
  // the stage of surveyDesign, without the clusters' arrays (the domains bring their PSUs)
  const stage: Stage = {
    cluster: new Int32Array(0),
    clusters,
    clusterStratum: new Int32Array(0),
    clusterParent: new Int32Array(0),
    strata: H,
    stratumParent: new Int32Array(H),
    stratumStart,
    stratumClusters: new Int32Array(0),
    f: new Float64Array(H).fill(1),
    fraction: new Float64Array(H),
    stratumLabel: label,
  };
  if (withFpc > 0) {
    const sizes = fpcAreSizes(fn, [fpc]);
    for (let h = 0; h < H; h++) {
      const sampled = (stratumStart[h + 1] as number) - (stratumStart[h] as number);
      const v = fpc[h] as number;
      const N = sizes ? v : sampled / v;
      if (N < sampled) {
        throw new ToplinesError(
          'out-of-range',
          fn,
          `requires fpc to be no smaller than the sample: stratum ${show(label(h))} has ${sampled} sampled PSUs but ${sizes ? `a population of ${show(v)}` : `a sampling fraction of ${show(v)} (a population of ${show(N)})`}`,
        );
      }
      stage.f[h] = N === Number.POSITIVE_INFINITY ? 1 : (N - sampled) / N;
      stage.fraction[h] = N === Number.POSITIVE_INFINITY ? 0 : sampled / N;
    }
  }
  const lonelyStrata = checkLonely(fn, [stage], lonelyPsu);
  const design = {
    kind: 'aggregate-survey-design' as const,
    strata: H,
    psus: clusters,
    fpc: withFpc > 0,
    nest,
    lonelyPsu,
    lonelyStrata,
    degf: clusters - H,
  };
  Object.defineProperty(design, STRUCTURE, {
    value: { index, stage, lonelyPsu },
    enumerable: false,
  });
  return Object.freeze(design) as AggregateSurveyDesign;
}
