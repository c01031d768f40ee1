import { ToplinesError } from '../errors';
import { booleanOption, checkMethod, checkOptions, show } from '../validate';
import { allOne, type Codes, codesOf, combine, eachOnItsOwn, isArrayLike } from './codes';
import {
  type DesignIds,
  LONELY_PSU_CHOICES,
  type LonelyPsu,
  STRUCTURE,
  type Stage,
  type SurveyDesign,
} from './types';
import { checkWeights } from './weights';

/** Options of {@link surveyDesign}. */
export interface SurveyDesignOptions {
  /** Sampling weights, one per respondent, each finite and greater than 0 (R: `weights =`). */
  weights: ArrayLike<number>;
  /**
   * Stratum of each respondent (strings or numbers), or one array per stage for a
   * multistage design stratified at later stages too (R: `strata = ~s1 + s2`). Default:
   * no strata (one stratum).
   */
  strata?: DesignIds | readonly DesignIds[];
  /**
   * Sampling unit of each respondent at the first stage (the PSU), or one array per stage
   * (R: `id = ~psu + ssu`): `[district, school]`. Default: every respondent is its own PSU.
   */
  psu?: DesignIds | readonly DesignIds[];
  /**
   * Finite population correction, one number per respondent (and one array per stage when
   * `psu` has several): either the population size of the respondent's stratum in units of
   * that stage's sampling units (all ≥ 1, some > 1), or the sampling fraction (all ≤ 1; 0
   * for an infinite population), as R's `fpc =`. It must be the same within a stratum.
   * With fpc for every stage of a multistage design, the variance adds each stage's
   * contribution (R's default); without fpc only the first stage counts (ultimate
   * clusters, sampled with replacement). Default: none.
   */
  fpc?: ArrayLike<number> | readonly ArrayLike<number>[];
  /**
   * Whether PSU identifiers are nested in strata: with `true` the same PSU identifier in
   * two strata is two PSUs (R: `nest = TRUE`). With `false`, a PSU found in two strata is
   * an error. Default `false`.
   */
  nest?: boolean;
  /**
   * What to do with a stratum that has a single PSU, as R's
   * `options(survey.lonely.psu)`: `'fail'` (an error), `'remove'` (the stratum adds
   * nothing to the variance), `'adjust'` (its PSU is centred at the grand mean instead of
   * the stratum mean) or `'average'` (the variance is scaled up by the number of strata
   * over those with two PSUs or more). A single PSU that was certain to be sampled (fpc:
   * the whole stratum) adds nothing under every choice. Default `'fail'`.
   */
  lonelyPsu?: LonelyPsu;
}

/** A stratum whose one PSU makes R's onestrat() act on survey.lonely.psu (f at least 1e-7). */
export const CERTAIN = 1e-7;

/**
 * Survey design for Taylor linearisation.
 *
 * A validated description of how the respondents were sampled — weights, strata, clusters
 * at one or more stages, finite population corrections — for {@link designProportion}
 * and {@link designShares}, which estimate the variance of a weighted mean as R's
 * `svymean` does: the weighted mean's linearised scores are totalled by PSU, and the
 * variance is the sum over strata of f_h·n_h/(n_h − 1)·Σ_j (t_hj − t̄_h)², with
 * f_h = 1 − n_h/N_h when the population size is known and 1 otherwise (PSUs sampled with
 * replacement). With fpc at every stage of a multistage design, each later stage adds its
 * within-cluster variance scaled by the sampling fractions above it (R's multistage
 * variance, the default when fpc is given for every stage); without fpc only the first
 * stage counts (ultimate clusters). A domain keeps the whole design's strata and PSUs.
 *
 * Checks what R's `svydesign` checks — a single PSU in the whole design, PSUs in two
 * strata without `nest`, fpc mixing sizes and fractions or sampling more than the
 * population — and more: weights must be finite and positive, fpc constant within a
 * stratum (R only warns), and a stratum with one PSU under `lonelyPsu: 'fail'` is an
 * error here, where R fails only when a variance is computed.
 *
 * Reference: Lumley (2010), Complex Surveys: A Guide to Analysis Using R, Wiley, ch. 2–3;
 * Lumley (2004), "Analysis of complex survey samples", Journal of Statistical Software
 * 9(8), https://doi.org/10.18637/jss.v009.i08 (the survey package).
 *
 * Cost: O(n) time and memory for n respondents (one pass per stage, hashing identifiers).
 *
 * @param options - `weights` (required), `strata`, `psu`, `fpc`, `nest` (default false),
 *   `lonelyPsu` (default `'fail'`)
 * @returns the design: its size, counts of strata and PSUs, degrees of freedom
 * @throws {ToplinesError} for weights that are not finite and positive, arrays of another
 *   length than weights, a missing identifier, a PSU in two strata without `nest: true`, a
 *   single PSU in the whole design, a stratum with a single PSU under `lonelyPsu: 'fail'`,
 *   fpc mixing population sizes and fractions, smaller than the sample, or varying within
 *   a stratum
 * @example
 * // two strata, two clusters of two respondents in each
 * const design = surveyDesign({
 *   weights: [10, 10, 12, 12, 20, 20, 25, 25],
 *   strata: ['north', 'north', 'north', 'north', 'south', 'south', 'south', 'south'],
 *   psu: [1, 1, 2, 2, 3, 3, 4, 4],
 * });
 * design.psus; // => 4
 * design.degf; // => 2
 * // PSU ids that restart in each stratum need nest: true
 * surveyDesign({ weights: [1, 1, 1, 1], strata: ['a', 'a', 'b', 'b'], psu: [1, 2, 1, 2] }); // throws ToplinesError
 * surveyDesign({ weights: [1, 1, 1, 1], strata: ['a', 'a', 'b', 'b'], psu: [1, 2, 1, 2], nest: true }).psus; // => 4
 */
export function surveyDesign(options: SurveyDesignOptions): SurveyDesign {
  const fn = 'surveyDesign';
  if (options === undefined) {
    throw new ToplinesError(
      'invalid-type',
      fn,
      'requires an options object with weights, got undefined',
    );
  }
  const opts = checkOptions(fn, options);
  const weights = checkWeights(fn, 'weights', opts['weights']);
  const n = weights.length;
  const nest = booleanOption(fn, 'nest', opts['nest'], false);
  const lonelyPsu =
    opts['lonelyPsu'] === undefined
      ? 'fail'
      : checkMethod(fn, 'lonelyPsu', opts['lonelyPsu'], LONELY_PSU_CHOICES);

  const ids = stagesOf(fn, 'psu', opts['psu'], n) ?? [eachOnItsOwn(n)];
  const strataGiven = stagesOf(fn, 'strata', opts['strata'], n);
  const hasStrata = strataGiven !== undefined;
  const strataVars = strataGiven ?? [allOne(n)];
  const fpcValues = fpcStagesOf(fn, opts['fpc'], n, ids.length);

  if ((ids[0] as Codes).count === 1 && !(nest && hasStrata)) {
    throw new ToplinesError(
      'inconsistent-input',
      fn,
      'requires at least two primary sampling units, got one: every respondent has the same psu',
    );
  }

  // R's svydesign: each stage's units are the combination of the ids down to that stage
  // (a school is a school within its district); with nest, also of the strata; the stage's
  // strata are the strata variable within the clusters of the stage before.
  const stageCount = ids.length;
  const clusters: Codes[] = [];
  const strata: Codes[] = [];
  let raw = ids[0] as Codes;
  let strataTuple = strataVars[0] as Codes;
  const strataTuples: Codes[] = [strataTuple];
  for (let s = 1; s < strataVars.length; s++) {
    strataTuple = combine(strataTuple, strataVars[s] as Codes);
    strataTuples.push(strataTuple);
  }
  for (let s = 0; s < stageCount; s++) {
    if (s > 0) raw = combine(raw, ids[s] as Codes);
    const tuple = strataTuples[Math.min(s, strataTuples.length - 1)] as Codes;
    clusters.push(nest && hasStrata ? combine(tuple, raw) : raw);
    const stratumVar = strataVars[Math.min(s, strataVars.length - 1)] as Codes;
    strata.push(s === 0 ? stratumVar : combine(stratumVar, clusters[s - 1] as Codes));
  }
  if (!nest && hasStrata) checkNested(fn, clusters[0] as Codes, strata[0] as Codes);

  const varianceStages = fpcValues === undefined ? 1 : stageCount;
  const stages: Stage[] = [];
  for (let s = 0; s < varianceStages; s++) {
    stages.push(
      buildStage(
        clusters[s] as Codes,
        strata[s] as Codes,
        s === 0 ? undefined : (clusters[s - 1] as Codes),
      ),
    );
  }
  if (fpcValues !== undefined) applyFpc(fn, stages, fpcValues);
  const lonelyStrata = checkLonely(fn, stages, lonelyPsu);

  const first = stages[0] as Stage;
  const design = {
    kind: 'survey-design' as const,
    n,
    weights,
    strata: first.strata,
    psus: first.clusters,
    stages: stageCount,
    varianceStages,
    fpc: fpcValues !== undefined,
    nest,
    lonelyPsu,
    lonelyStrata,
    degf: first.clusters - first.strata,
  };
  Object.defineProperty(design, STRUCTURE, {
    value: { stages, lonelyPsu },
    enumerable: false,
  });
  return Object.freeze(design) as SurveyDesign;
}

/** The stages of `psu` or `strata`: one array, or an array of arrays; undefined when absent. */
function stagesOf(fn: string, name: string, value: unknown, n: number): Codes[] | undefined {
  if (value === undefined) return undefined;
  if (!isArrayLike(value)) {
    throw new ToplinesError(
      'invalid-type',
      fn,
      `requires ${name} to be an array of identifiers, or one array per stage, got ${show(value)}`,
    );
  }
  if (value.length > 0 && isArrayLike(value[0])) {
    const stages: Codes[] = [];
    for (let s = 0; s < value.length; s++) {
      stages.push(codesOf(fn, `${name}[${s}]`, value[s], n));
    }
    return stages;
  }
  return [codesOf(fn, name, value, n)];
}

/** fpc as one Float64Array per stage, checked; undefined when absent. */
function fpcStagesOf(
  fn: string,
  value: unknown,
  n: number,
  stageCount: number,
): Float64Array[] | undefined {
  if (value === undefined) return undefined;
  if (!isArrayLike(value)) {
    throw new ToplinesError(
      'invalid-type',
      fn,
      `requires fpc to be an array of numbers, or one array per stage, got ${show(value)}`,
    );
  }
  const arrays = value.length > 0 && isArrayLike(value[0]) ? Array.from(value) : [value];
  if (arrays.length !== stageCount) {
    throw new ToplinesError(
      'length-mismatch',
      fn,
      `requires one fpc per stage of psu (${stageCount}), got ${arrays.length}: for a first-stage fpc alone, give psu for the first stage alone (the later stages then add nothing to the variance)`,
    );
  }
  return arrays.map((array, s) => {
    const name = arrays.length > 1 ? `fpc[${s}]` : 'fpc';
    if (!isArrayLike(array) || array.length !== n) {
      throw new ToplinesError(
        isArrayLike(array) ? 'length-mismatch' : 'invalid-type',
        fn,
        `requires ${name} to have one number per respondent (${n}, the length of weights), got ${isArrayLike(array) ? array.length : show(array)}`,
      );
    }
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = array[i];
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
        throw new ToplinesError(
          typeof v !== 'number'
            ? 'invalid-type'
            : Number.isFinite(v)
              ? 'out-of-range'
              : 'not-finite',
          fn,
          `requires ${name} to hold population sizes or sampling fractions (finite numbers ≥ 0), got ${show(v)} at index ${i}`,
        );
      }
      out[i] = v;
    }
    return out;
  });
}

/** R's check.strata: no first-stage PSU in two strata. */
function checkNested(fn: string, clusters: Codes, strata: Codes): void {
  const stratumOf = new Int32Array(clusters.count).fill(-1);
  for (let i = 0; i < clusters.codes.length; i++) {
    const c = clusters.codes[i] as number;
    const h = strata.codes[i] as number;
    const known = stratumOf[c] as number;
    if (known === -1) stratumOf[c] = h;
    else if (known !== h) {
      throw new ToplinesError(
        'inconsistent-input',
        fn,
        `requires each PSU to lie in one stratum, got psu ${show(clusters.label(c))} in strata ${show(strata.label(known))} and ${show(strata.label(h))} (index ${i}): pass nest: true if PSU identifiers restart in each stratum`,
      );
    }
  }
}

/** The structure of one stage: each cluster's stratum and parent, each stratum's clusters. */
function buildStage(clusters: Codes, strata: Codes, parents: Codes | undefined): Stage {
  const clusterStratum = new Int32Array(clusters.count);
  const clusterParent = new Int32Array(clusters.count);
  const stratumParent = new Int32Array(strata.count);
  const size = new Int32Array(strata.count);
  const seen = new Uint8Array(clusters.count);
  for (let i = 0; i < clusters.codes.length; i++) {
    const c = clusters.codes[i] as number;
    if (seen[c] === 1) continue;
    seen[c] = 1;
    const h = strata.codes[i] as number;
    const parent = parents === undefined ? 0 : (parents.codes[i] as number);
    clusterStratum[c] = h;
    clusterParent[c] = parent;
    stratumParent[h] = parent;
    size[h] = (size[h] as number) + 1;
  }
  const stratumStart = new Int32Array(strata.count + 1);
  for (let h = 0; h < strata.count; h++) {
    stratumStart[h + 1] = (stratumStart[h] as number) + (size[h] as number);
  }
  const fill = stratumStart.slice(0, strata.count);
  const stratumClusters = new Int32Array(clusters.count);
  for (let c = 0; c < clusters.count; c++) {
    const h = clusterStratum[c] as number;
    stratumClusters[fill[h] as number] = c;
    fill[h] = (fill[h] as number) + 1;
  }
  return {
    cluster: clusters.codes,
    clusters: clusters.count,
    clusterStratum,
    clusterParent,
    strata: strata.count,
    stratumParent,
    stratumStart,
    stratumClusters,
    f: new Float64Array(strata.count).fill(1),
    fraction: new Float64Array(strata.count),
    stratumLabel: strata.label,
  };
}

/**
 * The finite population corrections, as R's as.fpc: population sizes when every value is
 * ≥ 1 and one is > 1, sampling fractions when every value is ≤ 1; f = 1 − n/N and n/N of
 * each stratum at each stage.
 */
function applyFpc(fn: string, stages: Stage[], fpc: Float64Array[]): void {
  const sizes = fpcAreSizes(fn, fpc);
  stages.forEach((stage, s) => {
    const values = fpc[s] as Float64Array;
    const name = fpc.length > 1 ? `fpc[${s}]` : 'fpc';
    const population = new Float64Array(stage.strata).fill(Number.NaN);
    const firstRow = new Int32Array(stage.strata);
    for (let i = 0; i < values.length; i++) {
      const h = stage.clusterStratum[stage.cluster[i] as number] as number;
      const sampled = (stage.stratumStart[h + 1] as number) - (stage.stratumStart[h] as number);
      const v = values[i] as number;
      const N = sizes ? v : sampled / v;
      const known = population[h] as number;
      if (Number.isNaN(known)) {
        population[h] = N;
        firstRow[h] = i;
        if (N < sampled) {
          throw new ToplinesError(
            'out-of-range',
            fn,
            `requires ${name} to be no smaller than the sample: stratum ${show(stage.stratumLabel(h))} has ${sampled} sampled units at stage ${s + 1} but ${sizes ? `a population of ${show(v)}` : `a sampling fraction of ${show(v)} (a population of ${show(N)})`} (index ${i})`,
          );
        }
      } else if (known !== N) {
        throw new ToplinesError(
          'inconsistent-input',
          fn,
          `requires ${name} to be the same within a stratum, got ${show(values[firstRow[h] as number])} at index ${firstRow[h]} and ${show(v)} at index ${i} in stratum ${show(stage.stratumLabel(h))}`,
        );
      }
    }
    for (let h = 0; h < stage.strata; h++) {
      const N = population[h] as number;
      const sampled = (stage.stratumStart[h + 1] as number) - (stage.stratumStart[h] as number);
      stage.f[h] = N === Number.POSITIVE_INFINITY ? 1 : (N - sampled) / N;
      stage.fraction[h] = N === Number.POSITIVE_INFINITY ? 0 : sampled / N;
    }
  });
}

/**
 * Whether fpc values are population sizes (all ≥ 1, some > 1: true) or sampling
 * fractions (all ≤ 1: false), as R's as.fpc decides; mixed values or all 1 throw.
 */
export function fpcAreSizes(fn: string, fpc: Iterable<ArrayLike<number>>): boolean {
  let anyAboveOne = false;
  let allAtLeastOne = true;
  for (const values of fpc) {
    for (let i = 0; i < values.length; i++) {
      const v = values[i] as number;
      if (v > 1) anyAboveOne = true;
      if (v < 1) allAtLeastOne = false;
    }
  }
  if (anyAboveOne !== allAtLeastOne) {
    throw new ToplinesError(
      'inconsistent-input',
      fn,
      allAtLeastOne
        ? 'requires fpc to be population sizes (all ≥ 1, some > 1) or sampling fractions (all ≤ 1), got 1 for everyone: a census of every stratum has no sampling variance'
        : 'requires fpc to be population sizes (all ≥ 1) or sampling fractions (all ≤ 1), not both: got values above and below 1',
    );
  }
  return anyAboveOne;
}

/**
 * Strata with a single PSU: an error under 'fail'; under 'average', an error when every
 * stratum of a stage (within a cluster of the stage before) has one, where R's variance
 * is NaN. A stratum sampled whole (f < 1e-7) adds nothing and is not lonely. Returns the
 * count of first-stage strata with one PSU.
 */
export function checkLonely(fn: string, stages: Stage[], lonelyPsu: LonelyPsu): number {
  let firstStage = 0;
  stages.forEach((stage, s) => {
    const strataOf = new Int32Array(s === 0 ? 1 : (stages[s - 1] as Stage).clusters);
    const lonelyOf = new Int32Array(strataOf.length);
    for (let h = 0; h < stage.strata; h++) {
      const parent = stage.stratumParent[h] as number;
      strataOf[parent] = (strataOf[parent] as number) + 1;
      const size = (stage.stratumStart[h + 1] as number) - (stage.stratumStart[h] as number);
      if (size !== 1) continue;
      if (s === 0) firstStage++;
      if ((stage.f[h] as number) < CERTAIN) continue;
      if (lonelyPsu === 'fail') {
        throw new ToplinesError(
          'inconsistent-input',
          fn,
          `cannot estimate a variance with lonelyPsu 'fail': stratum ${show(stage.stratumLabel(h))} has only one ${s === 0 ? 'PSU' : 'sampling unit'} at stage ${s + 1}; choose lonelyPsu 'remove', 'adjust' or 'average' (R: options(survey.lonely.psu))`,
        );
      }
      if (lonelyPsu === 'average') lonelyOf[parent] = (lonelyOf[parent] as number) + 1;
    }
    if (lonelyPsu !== 'average') return;
    for (let parent = 0; parent < strataOf.length; parent++) {
      if ((strataOf[parent] as number) > 0 && lonelyOf[parent] === strataOf[parent]) {
        throw new ToplinesError(
          'inconsistent-input',
          fn,
          `cannot estimate a variance with lonelyPsu 'average': every stratum has only one sampling unit at stage ${s + 1}${s === 0 ? '' : ` within one unit of stage ${s}`}, so there is no stratum to average over; choose 'remove' or 'adjust'`,
        );
      }
    }
  });
  return firstStage;
}
