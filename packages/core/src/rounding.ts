// What a printed, rounded percentage allows: the shares (and, out of an
// unweighted n, the whole counts) that print as it. Internal, shared by the
// rounding-aware options of proportionCI, leadTest and twoProportionTest.
import { consistentCounts } from './consistent-counts';
import { ToplinesError } from './errors';
import { checkFinite, show } from './validate';

/** The shares a printed figure allows. */
export interface ReportedRange {
  /** Smallest share that prints as the figure. */
  low: number;
  /** Largest share that prints as the figure. */
  high: number;
  /** Whole counts out of n that print as the figure (unweighted n only), else null. */
  counts: { min: number; max: number } | null;
}

/** How many whole counts a range allows, or null for a weighted (continuous) one. */
export function countsOf(range: ReportedRange): number | null {
  return range.counts === null ? null : range.counts.max - range.counts.min + 1;
}

/** Throws unless `value` is a whole number of decimals from 0 to 10. */
export function checkReportedDecimals(fn: string, value: unknown): number {
  const decimals = checkFinite(fn, 'reportedDecimals', value);
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 10) {
    throw new ToplinesError(
      'out-of-range',
      fn,
      `requires reportedDecimals to be an integer from 0 to 10, got ${show(decimals)}`,
    );
  }
  return decimals;
}

/**
 * Decimals for each of two figures: one number for both, or a pair when they
 * were printed differently ("42%" beside "33.7%"). Internal.
 */
export function checkReportedDecimalsPair(fn: string, value: unknown): [number, number] {
  if (Array.isArray(value)) {
    if (value.length !== 2) {
      throw new ToplinesError(
        'length-mismatch',
        fn,
        `requires reportedDecimals to be a number or a pair of numbers, got an array of length ${value.length}`,
      );
    }
    return [checkReportedDecimals(fn, value[0]), checkReportedDecimals(fn, value[1])];
  }
  const decimals = checkReportedDecimals(fn, value);
  return [decimals, decimals];
}

/**
 * The range of shares behind proportion `p` printed as a percentage with
 * `decimals` decimals. With `unweighted` true the shares are the counts x/n
 * that print as the figure, and none fitting is an error; otherwise (a
 * weighted figure) every share within half a unit of the last printed digit.
 */
export function reportedRange(
  fn: string,
  name: string,
  p: number,
  n: number,
  decimals: number,
  unweighted: boolean,
): ReportedRange {
  const percent = Number((100 * p).toFixed(decimals));
  if (Math.abs(100 * p - percent) > 1e-9 * Math.max(1, percent)) {
    throw new ToplinesError(
      'inconsistent-input',
      fn,
      `requires ${name} to be a figure printed with reportedDecimals = ${decimals} decimals, got ${name} = ${show(p)} (${show(100 * p)}%)`,
    );
  }
  if (unweighted) {
    const counts = consistentCounts(percent, n, { decimals });
    if (counts === null) {
      throw new ToplinesError(
        'inconsistent-input',
        fn,
        `found no count out of n = ${show(n)} that prints as ${name} = ${percent.toFixed(decimals)}%: check the figure and its base, or pass deff if the figure is weighted`,
      );
    }
    return { low: counts.min / n, high: counts.max / n, counts };
  }
  const half = 0.5 * 10 ** -decimals;
  return {
    low: Math.max(0, (percent - half) / 100),
    high: Math.min(1, (percent + half) / 100),
    counts: null,
  };
}

/** The most whole counts one figure may allow when every one is visited (leads, comparisons). */
const MAX_RUN = 200_000;

/**
 * Throws unless the counts a range allows are few enough to visit one by one
 * ({@link MAX_RUN}): a figure printed with d decimals allows about n·10^−d/100
 * counts, so n above 2·10⁷·10^d is refused. Internal.
 */
export function checkRunLength(fn: string, name: string, range: ReportedRange): void {
  const counts = countsOf(range);
  if (counts !== null && counts > MAX_RUN) {
    throw new ToplinesError(
      'out-of-range',
      fn,
      `requires the printed ${name} to allow at most ${MAX_RUN} whole counts with reportedDecimals, got ${counts}: n is too large for the rounding of the figure to matter; leave reportedDecimals out`,
    );
  }
}

/** Pairs beyond which only the boundary of the rectangle is scanned. */
const FULL_GRID_LIMIT = 250_000;

/**
 * The pairs of shares to visit to find the extremes of a bound over every
 * pair two rounded figures allow. Each figure allows a run of values (whole
 * counts out of n, or the two ends of a continuous range). Small grids are
 * visited whole. Large ones only on the boundary of the rectangle of pairs
 * (cut by p1 + p2 ≤ `total` when given): the bounds have no stationary point
 * inside it unless a count is within about one of 0 or n, and a run long
 * enough to exceed the limit keeps its interior away from both. Internal.
 */
export function* candidatePairs(
  a: ReportedRange,
  b: ReportedRange,
  n1: number,
  n2: number,
  total?: number,
): Generator<[number, number]> {
  const first = valuesOf(a, n1);
  const second = valuesOf(b, n2);
  const fits = (x: number, y: number) => total === undefined || x + y <= total + 1e-12;
  if (first.length * second.length <= FULL_GRID_LIMIT) {
    for (const x of first) for (const y of second) if (fits(x, y)) yield [x, y];
    return;
  }
  // The largest of the (ascending) values at most limit, by bisection: O(log length).
  const lastFitting = (values: number[], limit: number) => {
    let lo = 0;
    let hi = values.length;
    while (lo < hi) {
      const mid = lo + Math.floor((hi - lo) / 2);
      if (values[mid]! <= limit + 1e-12) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? undefined : values[lo - 1];
  };
  for (const x of first) {
    const y0 = second[0]!;
    if (fits(x, y0)) yield [x, y0];
    const y1 = total === undefined ? second.at(-1)! : lastFitting(second, total - x);
    if (y1 !== undefined && y1 !== y0) yield [x, y1];
  }
  for (const y of second) {
    const x0 = first[0]!;
    if (fits(x0, y)) yield [x0, y];
    const x1 = total === undefined ? first.at(-1)! : lastFitting(first, total - y);
    if (x1 !== undefined && x1 !== x0) yield [x1, y];
  }
}

/** The shares a range allows: each whole count's share, or the two ends. */
function valuesOf(range: ReportedRange, n: number): number[] {
  if (range.counts === null)
    return range.low === range.high ? [range.low] : [range.low, range.high];
  const values: number[] = [];
  for (let x = range.counts.min; x <= range.counts.max; x++) values.push(x / n);
  return values;
}
