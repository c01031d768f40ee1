import { ToplinesError } from '../errors';
import { checkOptions, show } from '../validate';
import { isArrayLike } from './codes';
import {
  type Category,
  compare,
  type DesignShares,
  type DesignSharesOptions,
  isCategory,
  sharesResult,
} from './design-shares';
import { estimateOptions } from './estimate';
import { type AggregateDesign, type DomainSums, estimateFromSums } from './sums';

/** Options of {@link designSharesFromSums}: those of {@link designShares} but the domain (the sums are a domain's). */
export type DesignSharesFromSumsOptions = Omit<DesignSharesOptions, 'domain'>;

/**
 * Design-based shares of every category of a single-choice question, from a domain's
 * sums.
 *
 * What {@link designShares} gives from the respondents — each share with its interval
 * and design effect, and the covariance matrix of the shares — from the domain's weighted
 * sums by PSU (or under each replicate's weights) that one SQL `GROUP BY` gives over a
 * file too large to load (see {@link DomainSums}; `designSumsSql` of `@toplines/data`
 * writes the query). The sums go through the same totals as the respondents', so the two
 * agree to rounding (1e-12 relative on R's api data). A domain's sums are those of its
 * respondents (Σw·1{d}, Σw·y·1{d}), estimated as R's `subset(design, …)`.
 *
 * Scope: one-stage designs (strata, PSUs, fpc, lonely PSUs, from
 * {@link surveyDesignFromSums}) and replicate designs ({@link replicateDesignFromSums}). A
 * multistage variance with fpc at later stages needs the respondents: use
 * {@link designShares}.
 *
 * Reference: Lumley (2010), Complex Surveys: A Guide to Analysis Using R, Wiley, §2.2
 * and §3.3; R's survey package, `svymean`, `svyrecvar`, `svrVar`.
 *
 * Cost: O(cells·k + PSUs·k²), or O(R·k) for R replicates (with the rank of R × R cross
 * products, R³/6, when degf is not given).
 *
 * @param sums - the domain's sums: categories, and cells (survey designs) or counts,
 *   sumWeights and replicateSums (replicate designs); firstStep for 'logit' and 'likelihood'
 * @param design - from {@link surveyDesignFromSums} or {@link replicateDesignFromSums}
 * @param options - `level` (default 0.95), `method` (default `'logit'`), `deffReference`,
 *   `levels` (default: the categories of the sums, in designShares' order)
 * @returns as {@link designShares}: the categories, each share with its interval and
 *   design effect, the covariance matrix, and n, Σw and df
 * @throws {ToplinesError} when the sums do not fit the design (a stratum it does not
 *   have, more PSUs than it counts, a PSU in two strata without nest, arrays of another
 *   length than the categories, negative or missing sums), a category is not in
 *   `levels`, the domain is empty, firstStep is missing for 'logit' or 'likelihood', and
 *   as {@link designShares}
 * @example
 * // two strata of two PSUs; the domain's respondents and Σw of 'no' and 'yes' in each PSU
 * const design = surveyDesignFromSums({ strata: [{ stratum: 'a', psus: 2 }, { stratum: 'b', psus: 2 }] });
 * const s = designSharesFromSums({
 *   categories: ['no', 'yes'],
 *   cells: [
 *     { stratum: 'a', psu: 1, counts: [1, 1], sumWeights: [10, 10] },
 *     { stratum: 'a', psu: 2, counts: [0, 2], sumWeights: [0, 20] },
 *     { stratum: 'b', psu: 3, counts: [2, 0], sumWeights: [30, 0] },
 *     { stratum: 'b', psu: 4, counts: [1, 1], sumWeights: [15, 15] },
 *   ],
 * }, design, { method: 'mean' });
 * // R: svymean(~factor(x), svydesign(id = ~psu, strata = ~s, weights = ~w)) on the 8 respondents
 * s.shares.map((x) => x.estimate); // => [0.55, 0.45]
 * s.shares[0].se; // => 0.180277563773 (rounded)
 */
export function designSharesFromSums(
  sums: DomainSums,
  design: AggregateDesign,
  options?: DesignSharesFromSumsOptions,
): DesignShares {
  const fn = 'designSharesFromSums';
  const opts = checkOptions(fn, options);
  const { level, method, deffReference } = estimateOptions(fn, opts);
  const given = checkSums(fn, sums, design);
  const levels = opts['levels'];
  let categories: Category[];
  if (levels === undefined) categories = [...given].sort(compare);
  else {
    if (!isArrayLike(levels) || levels.length === 0) {
      throw new ToplinesError(
        isArrayLike(levels) ? 'empty-input' : 'invalid-type',
        fn,
        `requires levels to be a non-empty array of categories, got ${show(levels)}`,
      );
    }
    categories = Array.from(levels as ArrayLike<Category>);
    if (!categories.every(isCategory) || new Set(categories).size !== categories.length) {
      throw new ToplinesError(
        'invalid-option',
        fn,
        `requires levels to hold distinct strings, numbers or booleans, got ${show(levels)}`,
      );
    }
  }
  const index = new Map(categories.map((c, j) => [c, j]));
  const e = estimateFromSums(
    fn,
    sums,
    design,
    (category) => {
      const j = index.get(category);
      if (j === undefined) {
        throw new ToplinesError(
          'invalid-option',
          fn,
          `requires every category of the sums to be one of levels, got ${show(category)}`,
        );
      }
      return j;
    },
    categories.length,
    { level, method, deffReference, domain: true },
  );
  return sharesResult(e, categories, level, method);
}

/**
 * Checks that `sums` is an object with distinct categories and `design` an aggregate
 * design; returns the categories. Shared with designProportionFromSums.
 */
export function checkSums(fn: string, sums: unknown, design: unknown): Category[] {
  const kind = (design as { kind?: unknown } | null)?.kind;
  if (kind !== 'aggregate-survey-design' && kind !== 'aggregate-replicate-design') {
    throw new ToplinesError(
      'invalid-type',
      fn,
      `requires design to be made by surveyDesignFromSums or replicateDesignFromSums, got ${show(design)}`,
    );
  }
  const categories = checkOptions(fn, sums, 'sums')['categories'];
  if (
    !isArrayLike(categories) ||
    categories.length === 0 ||
    !Array.prototype.every.call(categories, isCategory) ||
    new Set(Array.from(categories)).size !== categories.length
  ) {
    throw new ToplinesError(
      'invalid-type',
      fn,
      `requires sums.categories to be a non-empty array of distinct answers (strings, numbers or booleans), got ${show(categories)}`,
    );
  }
  return Array.from(categories as ArrayLike<Category>);
}
