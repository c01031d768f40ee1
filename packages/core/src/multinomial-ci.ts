import { ToplinesError } from './errors';
import { normalQuantile } from './special/normal-quantile';
import { stirlingCorrection } from './special/stirling-correction';
import {
  checkNumberArray,
  checkOptions,
  checkProportion,
  checkSampleSize,
  levelOption,
  methodOption,
  SINGLE_CHOICE_ALLOWANCE,
  show,
} from './validate';
import { wilsonLower, wilsonUpper } from './wilson';

/** The simultaneous interval methods of {@link multinomialCI}. */
export const MULTINOMIAL_CI_METHODS = ['goodman', 'sison-glaz'] as const;

/** One of {@link MULTINOMIAL_CI_METHODS}. */
export type MultinomialCIMethod = (typeof MULTINOMIAL_CI_METHODS)[number];

/** Options of {@link multinomialCI}. */
export interface MultinomialCIOptions {
  /** Simultaneous confidence level, strictly between 0 and 1. Default `0.95`. */
  level?: number;
  /**
   * Interval method. Default `'goodman'`: it works on the shares as published,
   * at any number of options; `'sison-glaz'` rounds them to whole counts
   * (see {@link multinomialCI}).
   */
  method?: MultinomialCIMethod;
}

/** The interval of one share in a {@link MultinomialCI}. */
export interface MultinomialInterval {
  /**
   * The proportion the interval is built around: the share as given for
   * `'goodman'`; the whole count used divided by n for `'sison-glaz'` (the
   * share to within 1/n, or to within the rounding allowance when the shares
   * do not sum to exactly 1).
   */
  estimate: number;
  /** Lower bound, in [0, 1]. */
  lower: number;
  /** Upper bound, in [0, 1]. */
  upper: number;
}

/** The result of {@link multinomialCI}. */
export interface MultinomialCI {
  /** One interval per share, in the order of the shares given. */
  intervals: MultinomialInterval[];
  /**
   * The counts used, one per share: share × n for `'goodman'` (not
   * necessarily whole), whole counts for `'sison-glaz'`.
   */
  counts: number[];
  /**
   * The count of the added "other / not reported" category when the shares
   * sum to less than 1 − 0.01 (n − Σ counts; a whole number for
   * `'sison-glaz'`), or `null` when the shares cover the sample.
   */
  remainder: number | null;
  /** The simultaneous confidence level used. */
  level: number;
  /** The method used. */
  method: MultinomialCIMethod;
  /** The sample size as given: the total the counts add up to. */
  n: number;
}

/**
 * The largest k·√n (options × root of the sample size) Sison–Glaz accepts:
 * its search runs up to 20·√n + 20 steps of O(k), so this bounds the work to
 * about 2·10⁶ steps (a fraction of a second); n = 2.5·10⁹ with two options.
 */
const SISON_GLAZ_LIMIT = 100_000;

/** Slack on the allowance, so that shares summing to exactly 0.99 or 1.01 count as within it. */
const SUM_SLACK = 1e-9;

/**
 * Simultaneous confidence intervals for the shares of one question
 * (multinomial proportions).
 *
 * Intervals for all the option shares of a single-choice question at once,
 * such that all of them cover their population shares together with
 * probability about `level` (one-at-a-time intervals cover each share, but
 * with k options some of them miss). The counts are share × n. Two methods:
 *
 * - `'goodman'` (the default, as in statsmodels) is Goodman's (1965)
 *   Bonferroni interval: each share gets the score interval whose bounds
 *   solve (p − π)² = χ² π(1 − π)/n with χ² the upper α/k point of the
 *   chi-square distribution with 1 degree of freedom, i.e. the Wilson
 *   interval with z = Φ⁻¹(1 − α/(2k)) (χ² = z², so no chi-square quantile is
 *   needed). It always contains the one-at-a-time Wilson interval and is
 *   conservative, more so as k grows.
 * - `'sison-glaz'` is the interval of Sison & Glaz (1995):
 *   [p̂ − c/n, p̂ + (c + 2γ)/n] clipped to [0, 1], the same width for every
 *   option, with c and γ found from an Edgeworth-corrected Poisson
 *   approximation (Levin 1981) of the probability that every count lies
 *   within c of its observed value. It is closer to the nominal level, best
 *   with many options (k ≥ 7 in the paper) of similar size. It works on
 *   whole counts: the counts share × n are rounded by the largest-remainder
 *   rule (each rounded down, then the units still missing to make n given to
 *   the largest fractional parts: the nearest whole numbers whenever those
 *   add up to n) and reported in `counts`; each estimate is count / n.
 *
 * Goodman is the default because it uses the published shares as they are
 * (no rounding to counts), is sound at any k, and never gives an option a
 * narrower interval than its one-at-a-time interval; Sison–Glaz's common
 * width can (a dominant option with few others, e.g. 51% of 1,037 at level
 * 0.999), and like statsmodels it finds no c when one option holds nearly
 * every answer (counts 1 and 99, level 0.95). The Sison–Glaz search is
 * statsmodels' (the first c from 1 up with ν(c) ≤ 1 − α < ν(c + 1)), but the
 * truncated Poisson moments are summed directly around each count instead
 * of from factorial moments, which in double precision cancel by up to
 * 1e-6 on lopsided counts: written here because no library does it to
 * 1e-12.
 *
 * The total is always n. Published shares often leave out "don't know" or
 * refusals: when the shares sum to less than 1 − 0.01, an "other / not
 * reported" category with the remaining n − Σ counts is added (it counts
 * among the k options, and has no interval in the result). Shares summing to
 * within 0.01 of 1 are taken to cover the sample and to differ from 1 by
 * rounding only; for `'sison-glaz'` they are rescaled to sum to 1 before
 * rounding to counts. (statsmodels' `multinomial_proportions_confint` takes
 * the total to be the sum of the counts given; passing it the counts and the
 * remainder gives the same intervals.)
 *
 * Reference: L. A. Goodman (1965), "On simultaneous confidence intervals for
 * multinomial proportions", Technometrics 7(2):247–254; C. P. Sison and J.
 * Glaz (1995), "Simultaneous confidence intervals and sample size
 * determination for multinomial proportions", JASA 90(429):366–369; the
 * formulas as set out in W. L. May and W. D. Johnson (2000), "Constructing
 * two-sided simultaneous confidence intervals for multinomial proportions for
 * small counts in a large number of cells", Journal of Statistical Software
 * 5(6), https://doi.org/10.18637/jss.v005.i06
 *
 * Cost: O(k) for Goodman. Sison–Glaz tries c = 1, 2, … up to about z·√n, each
 * step O(k): the truncated Poisson moments are summed outward from the
 * observed counts, one term per side and option per step. It gives up (not
 * converged) past c = 20·√n + 20, which no level reaches (c ≤ z·√n/2 with z
 * below 10 for any level a double can hold), and refuses k·√n above 100,000
 * (n = 2.5·10⁹ with two options), where Goodman's intervals are as good.
 *
 * @param shares - the option shares of one single-choice question, each in [0, 1]
 *   (0.405 for 40.5%), at least two, summing to at most 1 + 0.01
 * @param n - the sample size (unweighted completes), a positive integer
 * @param options - `level` (default 0.95), `method` (default `'goodman'`)
 * @returns one `{ estimate, lower, upper }` per share in `intervals`, the counts used,
 *   the remainder category's count (or null), and the level, method and n
 * @throws {ToplinesError} when shares is not an array of at least two proportions (a
 *   percentage like 40.5 is named as such), the shares sum past 1 + 0.01 (a
 *   check-all-that-apply question has no multinomial interval), n is not a positive
 *   integer up to 2^53 − 1, level is outside (0, 1) or the method is unknown; for
 *   Sison–Glaz, when k·√n exceeds 100,000, and `not-converged` when it finds no c (one
 *   option holding nearly every answer)
 * @example
 * // API/EAI/KEI survey, Japan, n = 1,037: outlook for Japan–South Korea relations,
 * // "no change" 44.9%, "improvement" 26.2%, "deterioration" 28.8%
 * const ci = multinomialCI([0.449, 0.262, 0.288], 1037);
 * ci.intervals[0]; // => { estimate: 0.449, lower: 0.412404138531044, upper: 0.4861564817331214 }
 * ci.remainder; // => null
 * // U.S. impression: 40.5% favourable, 34.5% unfavourable; 25% not reported
 * const sg = multinomialCI([0.405, 0.345], 1037, { method: 'sison-glaz' });
 * sg.counts; // => [420, 358]
 * sg.remainder; // => 259
 * sg.intervals[0].lower; // => 0.3722275795564127
 */
export function multinomialCI(
  shares: readonly number[],
  n: number,
  options?: MultinomialCIOptions,
): MultinomialCI {
  const fn = 'multinomialCI';
  const given = checkNumberArray(fn, 'shares', shares);
  if (given.length < 2) {
    throw new ToplinesError(
      'out-of-range',
      fn,
      `requires at least 2 shares (the options of one question), got ${given.length}: ` +
        'for a single share use proportionCI',
    );
  }
  const props: number[] = [];
  let sum = 0;
  for (let i = 0; i < given.length; i++) {
    const p = checkProportion(fn, `shares[${i}]`, given[i]);
    props.push(p);
    sum += p;
  }
  if (sum > 1 + SINGLE_CHOICE_ALLOWANCE + SUM_SLACK) {
    throw new ToplinesError(
      'out-of-range',
      fn,
      `requires the shares to sum to at most 1 (0.01 more for rounding), got ${show(Number(sum.toPrecision(12)))}: ` +
        "a single-choice question's shares cannot sum past 100%, and a check-all-that-apply " +
        'question, whose can, has no multinomial interval (use proportionCI for each share)',
    );
  }
  checkSampleSize(fn, 'n', n);
  const opts = checkOptions(fn, options);
  const level = levelOption(fn, opts['level']);
  const method = methodOption(fn, opts['method'], MULTINOMIAL_CI_METHODS);
  const hasRemainder = sum < 1 - SINGLE_CHOICE_ALLOWANCE - SUM_SLACK;
  const alpha = 1 - level;

  if (method === 'goodman') {
    const k = props.length + (hasRemainder ? 1 : 0);
    const z = -normalQuantile(alpha / (2 * k));
    return {
      intervals: props.map((p) => ({
        estimate: p,
        lower: wilsonLower(p, n, z),
        upper: wilsonUpper(p, n, z),
      })),
      counts: props.map((p) => p * n),
      remainder: hasRemainder ? (1 - sum) * n : null,
      level,
      method,
      n,
    };
  }

  // Sison–Glaz: whole counts adding up to n, the remainder category last.
  const cells = props.length + (hasRemainder ? 1 : 0);
  if (cells * Math.sqrt(n) > SISON_GLAZ_LIMIT) {
    throw new ToplinesError(
      'out-of-range',
      fn,
      `requires k·√n at most ${SISON_GLAZ_LIMIT} for method 'sison-glaz' (its search takes about 20·√n steps of k options), got k = ${cells} options and n = ${show(n)}: use method 'goodman', which is O(k)`,
    );
  }
  const quotas = hasRemainder
    ? [...props.map((p) => p * n), (1 - sum) * n]
    : props.map((p) => (p * n) / sum);
  const all = apportion(quotas, n);
  const { c, gamma } = sisonGlazConstants(all, n, alpha);
  const counts = all.slice(0, props.length);
  return {
    intervals: counts.map((x) => {
      const estimate = x / n;
      return {
        estimate,
        lower: Math.max(estimate - c / n, 0),
        upper: Math.min(estimate + (c + 2 * gamma) / n, 1),
      };
    }),
    counts,
    remainder: hasRemainder ? (all[props.length] as number) : null,
    level,
    method,
    n,
  };
}

/**
 * Whole numbers adding up to `total` from non-negative `quotas` summing to
 * about `total`, by the largest-remainder rule: each quota rounded down,
 * then one more to the largest fractional parts (ties to the earlier one)
 * until they add up.
 */
function apportion(quotas: readonly number[], total: number): number[] {
  const counts = quotas.map((q) => Math.floor(q));
  const order = quotas
    .map((q, i) => ({ i, fraction: q - Math.floor(q) }))
    .sort((a, b) => b.fraction - a.fraction || a.i - b.i)
    .map((entry) => entry.i);
  let missing = total - counts.reduce((s, x) => s + x, 0);
  for (let j = 0; missing > 0; j = (j + 1) % order.length, missing--) {
    const i = order[j] as number;
    counts[i] = (counts[i] as number) + 1;
  }
  for (let j = order.length - 1; missing < 0; j = (j + order.length - 1) % order.length) {
    const i = order[j] as number;
    if ((counts[i] as number) > 0) {
      counts[i] = (counts[i] as number) - 1;
      missing++;
    }
  }
  return counts;
}

/**
 * x^x e^(−x) / x!, the Poisson(x) probability of its own mean x (a whole
 * number ≥ 0). From Stirling's series, e^(−δ(x))/√(2πx), for x ≥ 10; directly
 * (exact powers and factorials) below.
 */
function poissonAtMean(x: number): number {
  if (x >= 10) return Math.exp(-stirlingCorrection(x)) / Math.sqrt(2 * Math.PI * x);
  let value = Math.exp(-x);
  for (let j = 1; j <= x; j++) value *= x / j;
  return value;
}

/**
 * One option's Poisson(λ) variable, λ its count, truncated to the box
 * [max(λ − c, 0), min(λ + c, n)]: the probability of the box and the sums
 * Σ (z − λ)^j P(Z = z) over it, j = 0…4, grown one term per side as c grows.
 */
interface Cell {
  lambda: number;
  lo: number;
  hi: number;
  pmfLo: number;
  pmfHi: number;
  /** Σ (z − λ)^j P(Z = z) over the box, j = 0…4 (s[0] is the box probability). */
  s: [number, number, number, number, number];
}

function addTerm(cell: Cell, z: number, pmf: number): void {
  const d = z - cell.lambda;
  const s = cell.s;
  let t = pmf;
  s[0] += t;
  t *= d;
  s[1] += t;
  t *= d;
  s[2] += t;
  t *= d;
  s[3] += t;
  t *= d;
  s[4] += t;
}

/** Widen the box of `cell` by one on each side, within [0, total]. */
function widen(cell: Cell, total: number): void {
  if (cell.lo > 0) {
    // P(Z = z − 1) = P(Z = z) · z / λ
    cell.pmfLo = (cell.pmfLo * cell.lo) / cell.lambda;
    cell.lo -= 1;
    addTerm(cell, cell.lo, cell.pmfLo);
  }
  if (cell.hi < total) {
    // P(Z = z + 1) = P(Z = z) · λ / (z + 1)
    cell.pmfHi = (cell.pmfHi * cell.lambda) / (cell.hi + 1);
    cell.hi += 1;
    addTerm(cell, cell.hi, cell.pmfHi);
  }
}

const INV_SQRT_2PI = 0.3989422804014327;

/**
 * ν(c) of Sison & Glaz (1995), their eq. (1) with the boxes of eq. (7): the
 * approximate probability that every count of a Multinomial(n, counts/n)
 * lies in its box, P(N = n)⁻¹ Π P(box) times the Edgeworth density of the
 * sum of the truncated Poisson variables at n.
 */
function coverage(cells: readonly Cell[], logPmfTotal: number): number {
  let logBoxes = 0;
  let meanOffset = 0;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  let m2Squares = 0;
  for (const { s } of cells) {
    logBoxes += Math.log(s[0]);
    // Moments about λ, then central moments: the truncated mean is λ + d.
    const d = s[1] / s[0];
    const r2 = s[2] / s[0];
    const r3 = s[3] / s[0];
    const r4 = s[4] / s[0];
    const mu2 = r2 - d * d;
    meanOffset += d;
    m2 += mu2;
    m3 += r3 - 3 * d * r2 + 2 * d * d * d;
    m4 += r4 - 4 * d * r3 + 6 * d * d * r2 - 3 * d * d * d * d;
    m2Squares += mu2 * mu2;
  }
  const sd = Math.sqrt(m2);
  const g1 = m3 / (m2 * sd);
  const g2 = (m4 - 3 * m2Squares) / (m2 * m2);
  // (n − Σ means)/sd, where Σ means = Σ λ + Σ d = n + Σ d.
  const x = -meanOffset / sd;
  const x2 = x * x;
  const h3 = x * (x2 - 3);
  const h4 = x2 * (x2 - 6) + 3;
  const h6 = x2 * (x2 * (x2 - 15) + 45) - 15;
  const density =
    ((INV_SQRT_2PI * Math.exp(-x2 / 2)) / sd) *
    (1 + (g1 * h3) / 6 + (g2 * h4) / 24 + (g1 * g1 * h6) / 72);
  // A negative Edgeworth density gives NaN, which no comparison accepts (as in statsmodels).
  return Math.exp(logBoxes + Math.log(density) - logPmfTotal);
}

/**
 * The c and γ of Sison & Glaz (1995): the first whole c ≥ 1 with
 * ν(c) ≤ 1 − α < ν(c + 1), and γ = (1 − α − ν(c)) / (ν(c + 1) − ν(c)).
 * The search runs c upward from 1 as statsmodels does, up to c = n + 1 or
 * 20·√n + 21, whichever is smaller.
 */
function sisonGlazConstants(
  counts: readonly number[],
  total: number,
  alpha: number,
): { c: number; gamma: number } {
  const cells: Cell[] = counts.map((x) => {
    const pmf = poissonAtMean(x);
    const cell: Cell = { lambda: x, lo: x, hi: x, pmfLo: pmf, pmfHi: pmf, s: [pmf, 0, 0, 0, 0] };
    widen(cell, total);
    return cell;
  });
  const logPmfTotal = Math.log(poissonAtMean(total));
  const target = 1 - alpha;
  let c = 1;
  let nuC = coverage(cells, logPmfTotal);
  for (const cell of cells) widen(cell, total);
  let nuNext = coverage(cells, logPmfTotal);
  const last = Math.min(total, Math.ceil(20 * Math.sqrt(total)) + 20);
  while (!(nuC <= target && target < nuNext)) {
    if (c > last) {
      throw new ToplinesError(
        'not-converged',
        'multinomialCI',
        `found no Sison–Glaz constant c for counts ${counts.join(', ')} at level ${show(target)}: ` +
          "the approximation fails when one option holds (nearly) every answer; use method 'goodman'",
      );
    }
    c += 1;
    nuC = nuNext;
    for (const cell of cells) widen(cell, total);
    nuNext = coverage(cells, logPmfTotal);
  }
  return { c, gamma: (target - nuC) / (nuNext - nuC) };
}
