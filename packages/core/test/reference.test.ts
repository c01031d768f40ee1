/**
 * @toplines/core against reference implementations.
 *
 * The expected values are not written by hand: they come from
 *   - base R (fixtures/reference-r.json, made by fixtures/reference.R) and
 *   - statsmodels/scipy (fixtures/reference-statsmodels.json, made by
 *     fixtures/reference.py with Debian's /usr/bin/python3),
 * each file recording the tool versions, the date and the command that
 * regenerates it. Every value must agree to 1e-10 relative-or-absolute
 * (|got − want| ≤ 1e-10 · max(1, |want|)); the last test of each fixture
 * reports the largest error seen.
 *
 * Where R and statsmodels follow different conventions, the contract of
 * @toplines/core (DESIGN.md, "core") decides, and the fixture says so:
 *   - Jeffreys at x = 0 / x = n: statsmodels applies no boundary rule; the
 *     contract (Brown, Cai & DasGupta 2001) has lower = 0 at x = 0 and
 *     upper = 1 at x = n. The statsmodels fixture stores the contract value
 *     (and statsmodels' own in statsmodelsLower/statsmodelsUpper).
 *   - Wilson with continuity correction: R's prop.test shrinks the correction
 *     when |x − n/2| < 0.5; those cases come from Newcombe's closed form
 *     (field `source`). With a design effect, lower = 0 when the corrected
 *     estimate p − 1/(2 nEff) ≤ 0 and upper = 1 when p + 1/(2 nEff) ≥ 1, as in
 *     prop.test (for integer counts: x = 0 and x = n).
 *   - The Wald and Agresti–Caffo intervals of a difference of two independent
 *     proportions: R's prop.test clips the Wald interval to [−1, 1],
 *     statsmodels clips neither. A difference cannot leave [−1, 1], so the
 *     reference clips (like the one-sample Wald and Agresti–Coull intervals);
 *     the statsmodels fixture marks those cases `clipped` and keeps
 *     statsmodels' own bounds in statsmodelsLower/statsmodelsUpper.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  adjustPValues,
  chiSquareGoodnessOfFit,
  consistentCounts,
  leadTest,
  marginOfError,
  proportionCI,
  sampleSize,
  twoProportionTest,
} from '../src/index';
import { expectClose, MaxError, TOLERANCE } from './helpers';

// ---------------------------------------------------------------------------
// Fixture shapes
// ---------------------------------------------------------------------------

type CiMethod = 'wilson' | 'wilson-cc' | 'wald' | 'agresti-coull' | 'clopper-pearson' | 'jeffreys';
type TwoMethod = 'newcombe' | 'wald' | 'agresti-caffo';
type AdjustMethod = 'bonferroni' | 'holm' | 'hochberg' | 'bh' | 'by';

interface Named {
  name: string;
}

interface ProportionCICase extends Named {
  method: CiMethod;
  level: number;
  n: number;
  count: number;
  deff: number;
  p: number;
  nEffective: number;
  effectiveCount: number;
  lower: number;
  upper: number;
  source?: string;
  boundaryRule?: boolean;
  /** R only: wilson-cc bound set to 0 or 1 because the corrected estimate left [0, 1]. */
  ccClamp?: boolean;
}

interface MarginOfErrorCase extends Named {
  p: number;
  n: number;
  options: { level?: number; deff?: number; populationSize?: number };
  marginOfError: number;
}

interface LeadTestCase extends Named {
  p1: number;
  p2: number;
  n: number;
  options: { level: number; deff: number };
  difference: number;
  se: number;
  lower: number;
  upper: number;
  z: number;
  pValue: number;
  level: number;
}

interface TwoProportionCase extends Named {
  p1: number;
  n1: number;
  p2: number;
  n2: number;
  options: { level: number; method: TwoMethod };
  difference: number;
  lower: number;
  upper: number;
  z: number;
  pValue: number;
  level: number;
  /** R only: prop.test clipped its Wald interval to [−1, 1]. */
  rClipped?: boolean;
  /** statsmodels only: its interval left [−1, 1] and the reference is clipped. */
  clipped?: boolean;
}

interface ChiSquareCase extends Named {
  observedCounts: number[];
  expectedProportions: number[];
  statistic: number;
  df: number;
  pValue: number;
}

interface AdjustCase extends Named {
  method: AdjustMethod;
  pValues: number[];
  adjusted: number[];
}

interface ConsistentCountsCase extends Named {
  percent: number;
  n: number;
  options: { decimals?: number };
  decimals: number;
  expected: { min: number; max: number } | null;
}

interface SampleSizeCase extends Named {
  moe: number;
  options: { p?: number; level?: number; deff?: number; populationSize?: number };
  n0: number;
  n: number;
  note?: string;
}

interface Source {
  tool: string;
  version: string;
  generated: string;
  command: string;
}

interface RFixture {
  source: Source;
  cases: {
    proportionCI: ProportionCICase[];
    marginOfError: MarginOfErrorCase[];
    leadTest: LeadTestCase[];
    twoProportionTest: TwoProportionCase[];
    chiSquareGoodnessOfFit: ChiSquareCase[];
    adjustPValues: AdjustCase[];
    consistentCounts: ConsistentCountsCase[];
    sampleSize: SampleSizeCase[];
  };
}

interface StatsmodelsFixture {
  source: Source & { scipyVersion: string; numpyVersion: string };
  cases: {
    proportionCI: ProportionCICase[];
    twoProportionTest: TwoProportionCase[];
    chiSquareGoodnessOfFit: ChiSquareCase[];
    adjustPValues: AdjustCase[];
  };
}

/**
 * `[name, case]` rows for `it.each(...)('%s', …)`: vitest shortens `$name`
 * interpolations to 40 characters, `%s` keeps the whole name.
 */
function named<T extends Named>(cases: T[]): [string, T][] {
  return cases.map((c) => [c.name, c]);
}

function loadFixture<T>(file: string): T {
  return JSON.parse(readFileSync(new URL(`./fixtures/${file}`, import.meta.url), 'utf8')) as T;
}

const R = loadFixture<RFixture>('reference-r.json');
const SM = loadFixture<StatsmodelsFixture>('reference-statsmodels.json');

// ---------------------------------------------------------------------------
// One comparison function per API function: it calls the implementation and
// lists every (field, got, want). The per-case tests assert them; the final
// test of each fixture runs them all again to find the largest error.
// ---------------------------------------------------------------------------

interface Comparison {
  /** Compared to TOLERANCE with the relative-or-absolute error. */
  close: [field: string, got: number, want: number][];
  /** Compared for exact (deep) equality. */
  exact: [field: string, got: unknown, want: unknown][];
}

function compareProportionCI(c: ProportionCICase): Comparison {
  // Defaults (wilson, 0.95, deff 1) are left out so they are exercised too.
  const options: { level?: number; method?: CiMethod; deff?: number } = {};
  if (c.level !== 0.95) options.level = c.level;
  if (c.method !== 'wilson') options.method = c.method;
  if (c.deff !== 1) options.deff = c.deff;
  const r = proportionCI(c.p, c.n, options);
  return {
    close: [
      ['lower', r.lower, c.lower],
      ['upper', r.upper, c.upper],
      ['estimate', r.estimate, c.p],
      ['nEffective', r.nEffective, c.nEffective],
      ['level', r.level, c.level],
    ],
    exact: [
      ['method', r.method, c.method],
      ['n', r.n, c.n],
    ],
  };
}

function compareMarginOfError(c: MarginOfErrorCase): Comparison {
  return {
    close: [['marginOfError', marginOfError(c.p, c.n, c.options), c.marginOfError]],
    exact: [],
  };
}

function compareLeadTest(c: LeadTestCase): Comparison {
  const options: { level?: number; deff?: number } = {};
  if (c.options.level !== 0.95) options.level = c.options.level;
  if (c.options.deff !== 1) options.deff = c.options.deff;
  const r = leadTest(c.p1, c.p2, c.n, options);
  return {
    close: [
      ['difference', r.difference, c.difference],
      ['se', r.se, c.se],
      ['lower', r.lower, c.lower],
      ['upper', r.upper, c.upper],
      ['z', r.z, c.z],
      ['pValue', r.pValue, c.pValue],
      ['level', r.level, c.level],
    ],
    exact: [],
  };
}

function compareTwoProportionTest(c: TwoProportionCase): Comparison {
  const options: { level?: number; method?: TwoMethod } = {};
  if (c.options.level !== 0.95) options.level = c.options.level;
  if (c.options.method !== 'newcombe') options.method = c.options.method;
  const r = twoProportionTest(c.p1, c.n1, c.p2, c.n2, options);
  return {
    close: [
      ['difference', r.difference, c.difference],
      ['lower', r.lower, c.lower],
      ['upper', r.upper, c.upper],
      ['z', r.z, c.z],
      ['pValue', r.pValue, c.pValue],
      ['level', r.level, c.level],
    ],
    exact: [['method', r.method, c.options.method]],
  };
}

function compareChiSquare(c: ChiSquareCase): Comparison {
  const r = chiSquareGoodnessOfFit(c.observedCounts, c.expectedProportions);
  return {
    close: [
      ['statistic', r.statistic, c.statistic],
      ['pValue', r.pValue, c.pValue],
    ],
    exact: [['df', r.df, c.df]],
  };
}

function compareAdjust(c: AdjustCase): Comparison {
  const input = [...c.pValues];
  const r = adjustPValues(input, c.method);
  return {
    close: c.adjusted.map((want, i): [string, number, number] => [
      `adjusted[${i}]`,
      r[i] ?? Number.NaN,
      want,
    ]),
    exact: [
      ['length', r.length, c.adjusted.length],
      ['input left unchanged', input, c.pValues],
    ],
  };
}

function compareConsistentCounts(c: ConsistentCountsCase): Comparison {
  const r = consistentCounts(c.percent, c.n, c.options);
  return {
    close: [],
    exact: [['result', r === null ? null : { min: r.min, max: r.max }, c.expected]],
  };
}

function compareSampleSize(c: SampleSizeCase): Comparison {
  return { close: [], exact: [['n', sampleSize(c.moe, c.options), c.n]] };
}

function assertComparison(name: string, cmp: Comparison): void {
  for (const [field, got, want] of cmp.close) expectClose(got, want, `${name}: ${field}`);
  for (const [field, got, want] of cmp.exact) expect(got, `${name}: ${field}`).toEqual(want);
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Run every comparison of a fixture, collecting the largest error per function
 * and overall; an exception or an exact mismatch counts as an infinite error.
 */
function maxErrors(groups: Record<string, { cases: Named[]; compare: (c: never) => Comparison }>): {
  overall: MaxError;
  perFunction: Record<string, MaxError>;
  failures: string[];
} {
  const overall = new MaxError();
  const perFunction: Record<string, MaxError> = {};
  const failures: string[] = [];
  for (const [fn, { cases, compare }] of Object.entries(groups)) {
    const tracker = new MaxError();
    perFunction[fn] = tracker;
    for (const c of cases) {
      let cmp: Comparison;
      try {
        cmp = (compare as (c: Named) => Comparison)(c);
      } catch (e) {
        failures.push(`${fn} ${c.name}: threw ${String(e)}`);
        tracker.addExact(`${fn} ${c.name}`, false);
        overall.addExact(`${fn} ${c.name}`, false);
        continue;
      }
      for (const [field, got, want] of cmp.close) {
        const label = `${fn} ${c.name}: ${field}`;
        if (tracker.add(label, got, want) > TOLERANCE) failures.push(label);
        overall.add(label, got, want);
      }
      for (const [field, got, want] of cmp.exact) {
        const label = `${fn} ${c.name}: ${field}`;
        const equal = deepEqual(got, want);
        if (!equal) failures.push(label);
        tracker.addExact(label, equal);
        overall.addExact(label, equal);
      }
    }
  }
  return { overall, perFunction, failures };
}

function reportMaxErrors(fixture: string, result: ReturnType<typeof maxErrors>): void {
  const lines = [`${fixture}: ${result.overall.toString()}`];
  for (const [fn, tracker] of Object.entries(result.perFunction)) {
    lines.push(`  ${fn}: ${tracker.toString()}`);
  }
  if (result.failures.length > 0) {
    lines.push(
      `  ${result.failures.length} failing values, e.g. ${result.failures.slice(0, 5).join('; ')}`,
    );
  }
  console.log(lines.join('\n'));
}

// ---------------------------------------------------------------------------
// The fixtures themselves
// ---------------------------------------------------------------------------

describe('reference fixtures', () => {
  it.each([
    ['reference-r.json', R.source, 'R', 'Rscript packages/core/test/fixtures/reference.R'],
    [
      'reference-statsmodels.json',
      SM.source,
      'statsmodels',
      '/usr/bin/python3 packages/core/test/fixtures/reference.py',
    ],
  ])('%s records its source, version and command', (_file, source, tool, command) => {
    expect(source.tool).toBe(tool);
    expect(source.version).toMatch(/\d+\.\d+/);
    expect(source.generated).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(source.command).toBe(command);
  });

  it('have cases for every function', () => {
    for (const [fn, cases] of Object.entries(R.cases)) expect(cases.length, fn).toBeGreaterThan(0);
    for (const [fn, cases] of Object.entries(SM.cases)) expect(cases.length, fn).toBeGreaterThan(0);
  });
});

// ---------------------------------------------------------------------------
// proportionCI
// ---------------------------------------------------------------------------

describe('proportionCI', () => {
  describe('against R (prop.test, binom.test, qbeta; Newcombe closed form where prop.test shrinks its correction)', () => {
    it.each(named(R.cases.proportionCI))('%s', (_name, c) => {
      assertComparison(c.name, compareProportionCI(c));
    });
  });

  // statsmodels' Jeffreys has no boundary rule: the fixture carries the
  // contract's 0 / 1 at x = 0 / x = n (boundaryRule = true).
  describe('against statsmodels proportion_confint', () => {
    it.each(named(SM.cases.proportionCI))('%s', (_name, c) => {
      assertComparison(c.name, compareProportionCI(c));
    });
  });

  it('defaults to wilson at level 0.95 without a design effect', () => {
    const r = proportionCI(420 / 1037, 1037);
    expect(r.method).toBe('wilson');
    expect(r.level).toBe(0.95);
    expect(r.nEffective).toBe(1037);
  });
});

// ---------------------------------------------------------------------------
// marginOfError
// ---------------------------------------------------------------------------

describe('marginOfError (R: qnorm)', () => {
  it.each(named(R.cases.marginOfError))('%s', (_name, c) => {
    assertComparison(c.name, compareMarginOfError(c));
  });

  it('gives the headline ±3.0 points for p = 0.5, n = 1037', () => {
    expect(marginOfError(0.5, 1037)).toBeCloseTo(0.0304, 4);
  });
});

// ---------------------------------------------------------------------------
// leadTest
// ---------------------------------------------------------------------------

describe('leadTest (R: qnorm, pnorm)', () => {
  it.each(named(R.cases.leadTest))('%s', (_name, c) => {
    assertComparison(c.name, compareLeadTest(c));
  });

  it('gives a lead of 6 points, ±5.3, for 40.5% vs 34.5% of n = 1037', () => {
    const r = leadTest(0.405, 0.345, 1037);
    expect(r.difference).toBeCloseTo(0.06, 12);
    expect((r.upper - r.lower) / 2).toBeCloseTo(0.053, 3);
  });
});

// ---------------------------------------------------------------------------
// twoProportionTest
// ---------------------------------------------------------------------------

describe('twoProportionTest', () => {
  // z and pValue = prop.test(correct = FALSE); interval = its Wald interval
  // (clipped to [−1, 1] by R, as by the contract).
  describe('against R prop.test(correct = FALSE)', () => {
    it.each(named(R.cases.twoProportionTest))('%s', (_name, c) => {
      assertComparison(c.name, compareTwoProportionTest(c));
    });
  });

  describe('against statsmodels confint_proportions_2indep and proportions_ztest', () => {
    it.each(named(SM.cases.twoProportionTest))('%s', (_name, c) => {
      assertComparison(c.name, compareTwoProportionTest(c));
    });
  });
});

// ---------------------------------------------------------------------------
// chiSquareGoodnessOfFit
// ---------------------------------------------------------------------------

describe('chiSquareGoodnessOfFit', () => {
  describe('against R chisq.test(x, p = probs)', () => {
    it.each(named(R.cases.chiSquareGoodnessOfFit))('%s', (_name, c) => {
      assertComparison(c.name, compareChiSquare(c));
    });
  });

  describe('against scipy.stats.chisquare', () => {
    it.each(named(SM.cases.chiSquareGoodnessOfFit))('%s', (_name, c) => {
      assertComparison(c.name, compareChiSquare(c));
    });
  });
});

// ---------------------------------------------------------------------------
// adjustPValues
// ---------------------------------------------------------------------------

describe('adjustPValues', () => {
  describe('against R p.adjust', () => {
    it.each(named(R.cases.adjustPValues))('%s', (_name, c) => {
      assertComparison(c.name, compareAdjust(c));
    });
  });

  describe('against statsmodels multipletests', () => {
    it.each(named(SM.cases.adjustPValues))('%s', (_name, c) => {
      assertComparison(c.name, compareAdjust(c));
    });
  });
});

// ---------------------------------------------------------------------------
// consistentCounts
// ---------------------------------------------------------------------------

describe('consistentCounts (R: brute force over x = 0..n)', () => {
  it.each(named(R.cases.consistentCounts))('%s', (_name, c) => {
    assertComparison(c.name, compareConsistentCounts(c));
  });
});

// ---------------------------------------------------------------------------
// sampleSize
// ---------------------------------------------------------------------------

describe('sampleSize (R: qnorm, ceiling guarded against floating error)', () => {
  it.each(named(R.cases.sampleSize))('%s', (_name, c) => {
    assertComparison(c.name, compareSampleSize(c));
  });
});

// ---------------------------------------------------------------------------
// The largest error against each fixture
// ---------------------------------------------------------------------------

describe('largest error', () => {
  it(`against reference-r.json is at most ${TOLERANCE}`, () => {
    const result = maxErrors({
      proportionCI: { cases: R.cases.proportionCI, compare: compareProportionCI },
      marginOfError: { cases: R.cases.marginOfError, compare: compareMarginOfError },
      leadTest: { cases: R.cases.leadTest, compare: compareLeadTest },
      twoProportionTest: { cases: R.cases.twoProportionTest, compare: compareTwoProportionTest },
      chiSquareGoodnessOfFit: { cases: R.cases.chiSquareGoodnessOfFit, compare: compareChiSquare },
      adjustPValues: { cases: R.cases.adjustPValues, compare: compareAdjust },
      consistentCounts: { cases: R.cases.consistentCounts, compare: compareConsistentCounts },
      sampleSize: { cases: R.cases.sampleSize, compare: compareSampleSize },
    });
    reportMaxErrors('reference-r.json', result);
    expect(result.failures.length, result.failures.slice(0, 10).join('\n')).toBe(0);
    expect(result.overall.worst.error).toBeLessThanOrEqual(TOLERANCE);
  });

  it(`against reference-statsmodels.json is at most ${TOLERANCE}`, () => {
    const result = maxErrors({
      proportionCI: { cases: SM.cases.proportionCI, compare: compareProportionCI },
      twoProportionTest: { cases: SM.cases.twoProportionTest, compare: compareTwoProportionTest },
      chiSquareGoodnessOfFit: { cases: SM.cases.chiSquareGoodnessOfFit, compare: compareChiSquare },
      adjustPValues: { cases: SM.cases.adjustPValues, compare: compareAdjust },
    });
    reportMaxErrors('reference-statsmodels.json', result);
    expect(result.failures.length, result.failures.slice(0, 10).join('\n')).toBe(0);
    expect(result.overall.worst.error).toBeLessThanOrEqual(TOLERANCE);
  });
});
