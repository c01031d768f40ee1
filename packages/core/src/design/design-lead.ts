import { criticalValue } from '../critical-value';
import { ToplinesError } from '../errors';
import type { LeadTest } from '../lead-test';
import { zTest } from '../lead-test';
import { checkOptions, levelOption, show } from '../validate';
import type { Category, DesignShares } from './design-shares';

/** Options of {@link designLead}. */
export interface DesignLeadOptions {
  /** Confidence level, strictly between 0 and 1. Default `0.95`. */
  level?: number;
}

/**
 * Test of a lead between two options of one single-choice question, design-based.
 *
 * The difference of two shares from {@link designShares} with the variance the design
 * gives it, Var(p̂1 − p̂2) = V11 + V22 − 2·V12 from the shares' covariance matrix: R's
 * `svycontrast(svymean(~factor(x), design), c(1, −1, 0, …))`, whose `confint` uses the
 * normal quantile. The result has the shape of `leadTest`'s (of `@toplines/core`, so its
 * `explain` words it; {@link explainDesign} words it as design-based), with `nEffective`
 * the sample size at which leadTest's multinomial formula gives the same standard error:
 * leadTest(p1, p2, n, { deff: n / nEffective }) agrees. Two shares the design fixes (se 0)
 * have a lead with se 0 and an infinite `nEffective`: explainDesign says it has no
 * sampling variance.
 *
 * Reference: Lumley (2010), Complex Surveys: A Guide to Analysis Using R, Wiley, §3.3;
 * Kish (1965), Survey Sampling, Wiley, §12.10 (differences of shares of one sample).
 *
 * Cost: O(1).
 *
 * @param shares - the result of {@link designShares}
 * @param first - the category that leads (as in `shares.categories`)
 * @param second - the category it is compared with
 * @param options - `level` (default 0.95)
 * @returns the difference, its standard error, interval, z and two-sided p-value, the two
 *   shares, n and the effective n
 * @throws {ToplinesError} when shares is not a result of designShares, a category is not
 *   among its categories, the two are the same, or level is outside (0, 1)
 * @example
 * const design = surveyDesign({ weights: [1, 2, 1, 2, 1, 2], psu: [1, 1, 2, 2, 3, 3] });
 * const shares = designShares(['yes', 'no', 'yes', 'yes', 'no', 'no'], design);
 * // R: svycontrast(svymean(~factor(x), design), c(1, -1))
 * const lead = designLead(shares, 'no', 'yes');
 * lead.difference; // => 0.111111111111 (rounded)
 * lead.se; // => 0.587944735792 (rounded)
 */
export function designLead(
  shares: DesignShares,
  first: Category,
  second: Category,
  options?: DesignLeadOptions,
): LeadTest {
  const fn = 'designLead';
  if (
    typeof shares !== 'object' ||
    shares === null ||
    (shares as DesignShares).kind !== 'design-shares'
  ) {
    throw new ToplinesError(
      'invalid-type',
      fn,
      `requires shares to be a result of designShares, got ${show(shares)}`,
    );
  }
  const opts = checkOptions(fn, options);
  const level = levelOption(fn, opts['level']);
  const i = indexOf(fn, 'first', shares, first);
  const j = indexOf(fn, 'second', shares, second);
  if (i === j) {
    throw new ToplinesError(
      'invalid-option',
      fn,
      `requires two different categories, got ${show(first)} twice`,
    );
  }
  const v = shares.covariance;
  const p1 = (shares.shares[i] as { estimate: number }).estimate;
  const p2 = (shares.shares[j] as { estimate: number }).estimate;
  const difference = p1 - p2;
  const variance =
    ((v[i] as number[])[i] as number) +
    ((v[j] as number[])[j] as number) -
    2 * ((v[i] as number[])[j] as number);
  const se = Math.sqrt(Math.max(0, variance));
  const { z, pValue } = zTest(difference, se);
  const half = criticalValue(level) * se;
  const multinomial = Math.max(0, p1 + p2 - difference * difference);
  return {
    kind: 'lead',
    difference,
    se,
    lower: Math.max(-1, difference - half),
    upper: Math.min(1, difference + half),
    z,
    pValue,
    level,
    p1,
    p2,
    n: shares.n,
    nEffective: se > 0 ? multinomial / (se * se) : multinomial > 0 ? Infinity : shares.n,
  };
}

function indexOf(fn: string, name: string, shares: DesignShares, category: Category): number {
  const i = shares.categories.indexOf(category);
  if (i < 0) {
    throw new ToplinesError(
      'invalid-option',
      fn,
      `requires ${name} to be one of the categories (${shares.categories.map((c) => show(c)).join(', ')}), got ${show(category)}`,
    );
  }
  return i;
}
