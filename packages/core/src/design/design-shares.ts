import { ToplinesError } from '../errors';
import { checkOptions, show } from '../validate';
import { isArrayLike } from './codes';
import { checkDesign, checkDomain } from './domain';
import {
  type DeffReference,
  type DesignProportionMethod,
  type Estimates,
  estimateColumns,
  estimateOptions,
} from './estimate';
import type { Design } from './types';

/** A category of a single-choice question: what respondents answered. */
export type Category = string | number | boolean;

/** Options of {@link designShares}. */
export interface DesignSharesOptions {
  /** Confidence level, strictly between 0 and 1. Default `0.95`. */
  level?: number;
  /** Interval method for each share, as {@link designProportion}'s. Default `'logit'`. */
  method?: DesignProportionMethod;
  /** A subpopulation (one boolean per respondent), as {@link designProportion}'s. Default: everyone. */
  domain?: ArrayLike<boolean | number>;
  /** What the design effects compare with, as {@link designProportion}'s. */
  deffReference?: DeffReference;
  /**
   * The categories, in the order wanted (a category nobody in the domain chose gets a
   * share of 0). Default: every answer given by any respondent, in ascending order
   * (numbers, then strings by code unit, then false and true), so that the domains of a
   * crosstab share their columns.
   */
  levels?: readonly Category[];
}

/** One category's share in {@link DesignShares}. */
export interface DesignShare {
  /** The category. */
  category: Category;
  /** Its weighted share. */
  estimate: number;
  /** Its standard error. */
  se: number;
  /** Lower bound of its interval. */
  lower: number;
  /** Upper bound of its interval. */
  upper: number;
  /**
   * Its design effect (null at a share of 0 or 1); 0 for a share the design fixes (a
   * variance within rounding of 0, at most 10⁻¹⁵·p(1 − p), is taken as exactly 0: se 0,
   * the interval the point).
   */
  deff: number | null;
  /** n / deff (null with deff, and null when deff is 0: a share the design fixes). */
  nEffective: number | null;
}

/** The result of {@link designShares}. */
export interface DesignShares {
  /** What this result is: `'design-shares'`. */
  kind: 'design-shares';
  /** The categories, in order. */
  categories: Category[];
  /** Each category's share, interval and design effect, in the order of `categories`. */
  shares: DesignShare[];
  /**
   * The covariance matrix of the shares (R's `vcov(svymean(~factor(x), design))`):
   * covariance[i][j] for categories i and j. The shares of one question are negatively
   * correlated; {@link designLead} uses this to test a lead.
   */
  covariance: number[][];
  /** The confidence level used. */
  level: number;
  /** The interval method used. */
  method: DesignProportionMethod;
  /** Respondents (in the domain). */
  n: number;
  /** Σ of their weights. */
  sumWeights: number;
  /** The design degrees of freedom used. */
  df: number;
  /** What the design effects compare with. */
  deffReference: DeffReference;
}

/**
 * Design-based shares of every category of a single-choice question.
 *
 * The weighted share of each answer, with its interval and design effect (each as
 * {@link designProportion} gives it for the indicator of that answer), and the full
 * covariance matrix of the shares, the design-based counterpart of the multinomial
 * −p_i·p_j/n: R's `svymean(~factor(x), design)` and its `vcov`, by Taylor linearisation
 * or replicates. The covariance is what a lead between two options needs
 * ({@link designLead}).
 *
 * Reference: Lumley (2010), Complex Surveys: A Guide to Analysis Using R, Wiley, §2.2
 * (svymean on factors) and §3.3 (contrasts).
 *
 * Cost: O(n·k) for k categories (O(n·R) more with R replicates), plus O(strata·k²).
 *
 * @param category - each respondent's answer (a string, number or boolean)
 * @param design - from {@link surveyDesign} or {@link replicateDesign}
 * @param options - `level` (default 0.95), `method` (default `'logit'`), `domain`,
 *   `deffReference`, `levels`
 * @returns the categories, each share with its interval and design effect, the covariance
 *   matrix, and n, Σw and df
 * @throws {ToplinesError} when category or domain has another length than the design, an
 *   answer in the domain is missing or not in `levels`, the domain is empty, and as
 *   {@link designProportion}
 * @example
 * const design = surveyDesign({ weights: [1, 2, 1, 2, 1, 2], psu: [1, 1, 2, 2, 3, 3] });
 * const s = designShares(['yes', 'no', 'yes', 'yes', 'no', 'no'], design, { method: 'mean' });
 * s.categories; // => ['no', 'yes']
 * s.shares.map((x) => x.estimate); // => [0.5555555555555556, 0.4444444444444444]
 * // R: vcov(svymean(~factor(x), design))
 * s.covariance; // => [[0.086419753086, -0.086419753086], [-0.086419753086, 0.086419753086]] (rounded)
 */
export function designShares(
  category: ArrayLike<Category>,
  design: Design,
  options?: DesignSharesOptions,
): DesignShares {
  const fn = 'designShares';
  const d = checkDesign(fn, design);
  const opts = checkOptions(fn, options);
  const { level, method, deffReference } = estimateOptions(fn, opts);
  const domain = checkDomain(fn, opts['domain'], d.n);
  const { codes, categories } = categoryCodes(fn, category, d.n, domain, opts['levels']);
  const k = categories.length;
  const e = estimateColumns(fn, d, codes, k, {
    level,
    method,
    deffReference,
    domain: domain !== undefined,
  });
  return sharesResult(e, categories, level, method);
}

/** The DesignShares of estimates (designShares' and designSharesFromSums'). */
export function sharesResult(
  e: Estimates,
  categories: Category[],
  level: number,
  method: DesignProportionMethod,
): DesignShares {
  const k = categories.length;
  const covariance: number[][] = [];
  for (let a = 0; a < k; a++) covariance.push(Array.from(e.covariance.subarray(a * k, a * k + k)));
  return {
    kind: 'design-shares',
    categories,
    shares: e.columns.map((c, a) => ({ category: categories[a] as Category, ...c })),
    covariance,
    level,
    method,
    n: e.n,
    sumWeights: e.sumWeights,
    df: e.df,
    deffReference: e.deffReference,
  };
}

export function isCategory(v: unknown): v is Category {
  return (
    typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))
  );
}

/** Numbers, then strings (by code unit), then booleans (false first). */
export function compare(a: Category, b: Category): number {
  const rank = (v: Category): number => (typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : 2);
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Codes 0…k−1 of the answers, −1 outside the domain, and the categories in order. */
function categoryCodes(
  fn: string,
  category: unknown,
  n: number,
  domain: Uint8Array | undefined,
  levels: unknown,
): { codes: Int32Array; categories: Category[] } {
  if (!isArrayLike(category)) {
    throw new ToplinesError(
      'invalid-type',
      fn,
      `requires category to be an array of answers (one per respondent), got ${show(category)}`,
    );
  }
  if (category.length !== n) {
    throw new ToplinesError(
      'length-mismatch',
      fn,
      `requires category to have one answer per respondent (${n}, the design's), got ${category.length}`,
    );
  }
  let categories: Category[];
  const index = new Map<Category, number>();
  if (levels !== undefined) {
    if (!isArrayLike(levels) || levels.length === 0) {
      throw new ToplinesError(
        isArrayLike(levels) ? 'empty-input' : 'invalid-type',
        fn,
        `requires levels to be a non-empty array of categories, got ${show(levels)}`,
      );
    }
    categories = [];
    for (let j = 0; j < levels.length; j++) {
      const v = levels[j];
      if (!isCategory(v) || index.has(v)) {
        throw new ToplinesError(
          'invalid-option',
          fn,
          `requires levels to hold distinct strings, numbers or booleans, got ${show(v)} at index ${j}${isCategory(v) ? ' twice' : ''}`,
        );
      }
      index.set(v, j);
      categories.push(v);
    }
  } else {
    const seen = new Set<Category>();
    for (let i = 0; i < n; i++) {
      const v = category[i];
      if (isCategory(v)) seen.add(v);
    }
    categories = [...seen].sort(compare);
    for (const [j, c] of categories.entries()) index.set(c, j);
  }
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (domain !== undefined && domain[i] === 0) {
      codes[i] = -1;
      continue;
    }
    const v = category[i];
    const code = isCategory(v) ? index.get(v) : undefined;
    if (code === undefined) {
      const missing = v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v));
      throw new ToplinesError(
        missing ? 'not-finite' : 'invalid-option',
        fn,
        missing
          ? `requires an answer from every respondent in the domain, got ${show(v)} at index ${i}: leave the missing answers out with domain`
          : `requires every answer in the domain to be one of levels, got ${show(v)} at index ${i}`,
      );
    }
    codes[i] = code;
  }
  return { codes, categories };
}
