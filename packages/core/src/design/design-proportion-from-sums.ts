import { ToplinesError } from '../errors';
import { checkOptions, show } from '../validate';
import {
  type DesignProportion,
  type DesignProportionOptions,
  proportionResult,
} from './design-proportion';
import { type Category, isCategory } from './design-shares';
import { checkSums } from './design-shares-from-sums';
import { estimateOptions } from './estimate';
import { type AggregateDesign, type DomainSums, estimateFromSums } from './sums';

/** Options of {@link designProportionFromSums}. */
export interface DesignProportionFromSumsOptions extends Omit<DesignProportionOptions, 'domain'> {
  /**
   * The category counted as 1 (a "yes"); every other category of the sums counts as 0.
   * Default: `1` or `true`, whichever the categories hold.
   */
  category?: Category;
}

/**
 * Design-based estimate of a proportion from a domain's sums.
 *
 * What {@link designProportion} gives from the respondents — the weighted share, its
 * standard error, interval (`'logit'`, `'likelihood'`, `'beta'`, `'mean'`, as R's
 * `svyciprop`) and design effect — from the weighted sums of a domain by PSU (or under
 * each replicate's weights) that one SQL `GROUP BY` gives over a file too large to load
 * ({@link DomainSums}). The share is that of `category` among the categories of the sums.
 * The sums go through the same totals as the respondents', so the two agree to rounding.
 * Scope as {@link designSharesFromSums}: one-stage and replicate designs.
 *
 * Reference: Lumley (2010), Complex Surveys: A Guide to Analysis Using R, Wiley, §2.2,
 * §2.3.1 (svyciprop).
 *
 * Cost: O(cells + PSUs), or O(R) for R replicates.
 *
 * @param sums - the domain's sums (see {@link DomainSums})
 * @param design - from {@link surveyDesignFromSums} or {@link replicateDesignFromSums}
 * @param options - `category` (default 1 or true), `level` (default 0.95), `method`
 *   (default `'logit'`), `deffReference`
 * @returns as {@link designProportion}: the estimate, standard error, interval, design
 *   effect, effective n, n, Σw and df
 * @throws {ToplinesError} when category is not among the categories of the sums (or no
 *   default fits), and as {@link designSharesFromSums}
 * @example
 * // a design without clusters: two strata of 3 respondents; in each, per answer (0, 1),
 * // the respondents, Σw and Σ(w − w̄)² (weights 10, 10, 10 and 15, 25, 20)
 * const design = surveyDesignFromSums({ strata: [{ stratum: 'a', psus: 3 }, { stratum: 'b', psus: 3 }] });
 * const r = designProportionFromSums({
 *   categories: [0, 1],
 *   cells: [
 *     { stratum: 'a', counts: [1, 2], sumWeights: [10, 20], squaredDeviations: [0, 0] },
 *     { stratum: 'b', counts: [2, 1], sumWeights: [40, 20], squaredDeviations: [50, 0] },
 *   ],
 * }, design, { method: 'mean' });
 * // R: svymean(~y, svydesign(id = ~1, strata = ~s, weights = ~w)) on the 6 respondents
 * r.estimate; // => 0.4444444444444444
 * r.se; // => 0.252105899465 (rounded)
 */
export function designProportionFromSums(
  sums: DomainSums,
  design: AggregateDesign,
  options?: DesignProportionFromSumsOptions,
): DesignProportion {
  const fn = 'designProportionFromSums';
  const opts = checkOptions(fn, options);
  const { level, method, deffReference } = estimateOptions(fn, opts);
  const categories = checkSums(fn, sums, design);
  let counted = opts['category'];
  if (counted === undefined) counted = categories.find((c) => c === 1 || c === true);
  if (!isCategory(counted) || !categories.includes(counted)) {
    throw new ToplinesError(
      'invalid-option',
      fn,
      `requires category to be one of the categories of the sums (${categories.map(show).join(', ')}): the answer counted as 1, got ${show(counted)}`,
    );
  }
  const e = estimateFromSums(fn, sums, design, (c) => (c === counted ? 0 : 1), 1, {
    level,
    method,
    deffReference,
    domain: true,
  });
  return proportionResult(e, level, method);
}
