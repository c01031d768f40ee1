/**
 * The exact tests and credibility intervals of @toplines/core (issue #13) against R.
 *
 * Every expected value comes from base R (fixtures/exact-r.json, made by
 * fixtures/exact.R, which records the R version, the date and the command). Each
 * function's values must agree to 1e-12, relative-or-absolute (|got − want| ≤
 * 1e-12 · max(1, |want|)); odds ratios and their bounds, which run from 0 to
 * Infinity, to 1e-12 relative. The last test prints the largest error per
 * function:
 *   cd packages/core && npx vitest run test/exact.test.ts
 *
 * fisher.test solves the odds ratio and its interval with uniroot at its default
 * tolerance; the fixture holds those (rOddsRatio, rLower, rUpper) and the same
 * equations solved by R to 1e-15 (oddsRatio, lower, upper). The values here are
 * compared with the latter, and with the former to uniroot's tolerance.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type Alternative,
  adjustPValues,
  binomialTest,
  chiSquareGoodnessOfFit,
  credibilityInterval,
  fisherExactTest,
  MULTINOMIAL_EXACT_LIMIT,
  mcnemarExactTest,
  multinomialExactTest,
  ToplinesError,
  type ToplinesErrorCode,
} from '../src/index';
import { MaxError, scaledError } from './helpers';

/** The tolerance of every comparison with R here. */
const TOLERANCE = 1e-12;

type Num = number | 'Infinity' | '-Infinity' | null;

interface Fixture {
  source: { tool: string; generated: string; command: string };
  cases: {
    fisherExactTest: {
      x1: number;
      n1: number;
      x2: number;
      n2: number;
      alternative: Alternative;
      level: number;
      pValue: number;
      oddsRatio: Num;
      lower: Num;
      upper: Num;
      rOddsRatio: Num;
      rLower: Num;
      rUpper: Num;
    }[];
    binomialTest: {
      x: number;
      n: number;
      p0: number;
      alternative: Alternative;
      level: number;
      pValue: number;
      estimate: number;
      lower: number;
      upper: number;
    }[];
    mcnemarExactTest: {
      b: number;
      c: number;
      pValue: number;
      statistic: number;
      largeSamplePValue: number;
    }[];
    multinomialExactTest: {
      counts: number[];
      proportions: number[];
      pValue: number;
      statistic: number;
      outcomes: number;
      binomTestPValue: Num;
    }[];
    credibilityInterval: {
      p: number;
      n: number;
      deff: number;
      prior: 'jeffreys' | 'uniform' | 'custom';
      shapes: [number, number];
      level: number;
      lower: number;
      upper: number;
    }[];
    chiSquareGoodnessOfFit: {
      observedCounts: number[];
      expectedProportions: number[];
      statistic: number;
      pValue: number;
      smallExpected: boolean;
      minExpected: number;
    }[];
    adjustPValues: { pValues: Num[]; method: 'bonferroni'; adjusted: Num[] }[];
  };
}

const R = JSON.parse(
  readFileSync(new URL('./fixtures/exact-r.json', import.meta.url), 'utf8'),
) as Fixture;

/** A fixture number: "Infinity" strings and null (R's NA) become numbers. */
function value(v: Num): number {
  if (v === null) return Number.NaN;
  if (v === 'Infinity') return Number.POSITIVE_INFINITY;
  if (v === '-Infinity') return Number.NEGATIVE_INFINITY;
  return v;
}

/** Relative error, for odds ratios (0 to Infinity); equal values, infinities included, give 0. */
function relativeError(got: number, want: number): number {
  if (got === want) return 0;
  if (!Number.isFinite(got) || !Number.isFinite(want)) return Number.POSITIVE_INFINITY;
  return Math.abs(got - want) / Math.abs(want);
}

const errors: Record<string, MaxError> = {};
function track(fn: string, label: string, got: number, want: number, relative = false): void {
  errors[fn] ??= new MaxError();
  const tracker = errors[fn];
  if (relative) {
    const error = relativeError(got, want);
    tracker.comparisons += 1;
    if (!(error <= tracker.worst.error)) tracker.worst = { error, label, got, want };
  } else tracker.add(label, got, want);
  expect(typeof got).toBe('number');
  expect(Number.isNaN(got), `${label} is NaN`).toBe(false);
  const error = relative ? relativeError(got, want) : scaledError(got, want);
  expect(error, `${label}: got ${got}, want ${want}`).toBeLessThanOrEqual(TOLERANCE);
}

describe('fisherExactTest against fisher.test', () => {
  it.each(
    R.cases.fisherExactTest.map(
      (c) => [`${c.x1}/${c.n1} vs ${c.x2}/${c.n2}, ${c.alternative}, ${c.level}`, c] as const,
    ),
  )('%s', (label, c) => {
    const r = fisherExactTest(c.x1, c.n1, c.x2, c.n2, {
      alternative: c.alternative,
      level: c.level,
    });
    track('fisherExactTest', `${label} pValue`, r.pValue, c.pValue);
    track('fisherExactTest', `${label} oddsRatio`, r.oddsRatio, value(c.oddsRatio), true);
    track('fisherExactTest', `${label} lower`, r.lower, value(c.lower), true);
    track('fisherExactTest', `${label} upper`, r.upper, value(c.upper), true);
    // R's own answer, solved by uniroot to 1.2e-4 in ψ or in 1/ψ
    for (const [got, want] of [
      [r.oddsRatio, value(c.rOddsRatio)],
      [r.lower, value(c.rLower)],
      [r.upper, value(c.rUpper)],
    ] as const) {
      const gap = got === want ? 0 : Math.min(Math.abs(got - want), Math.abs(1 / got - 1 / want));
      expect(gap, `${label}: ${got} vs fisher.test's ${want}`).toBeLessThanOrEqual(2.5e-4);
    }
    expect(r).toMatchObject({ kind: 'fisher', x1: c.x1, n1: c.n1, x2: c.x2, n2: c.n2 });
  });
});

describe('binomialTest against binom.test', () => {
  it.each(
    R.cases.binomialTest.map(
      (c) => [`${c.x}/${c.n} at ${c.p0}, ${c.alternative}, ${c.level}`, c] as const,
    ),
  )('%s', (label, c) => {
    const r = binomialTest(c.x, c.n, c.p0, { alternative: c.alternative, level: c.level });
    track('binomialTest', `${label} pValue`, r.pValue, c.pValue);
    track('binomialTest', `${label} estimate`, r.estimate, c.estimate);
    track('binomialTest', `${label} lower`, r.lower, c.lower);
    track('binomialTest', `${label} upper`, r.upper, c.upper);
    expect(r).toMatchObject({ kind: 'binomial', x: c.x, n: c.n, p0: c.p0, level: c.level });
  });
});

describe('mcnemarExactTest against binom.test and mcnemar.test(correct = FALSE)', () => {
  it.each(R.cases.mcnemarExactTest.map((c) => [`b = ${c.b}, c = ${c.c}`, c] as const))(
    '%s',
    (label, c) => {
      const r = mcnemarExactTest(c.b, c.c);
      track('mcnemarExactTest', `${label} pValue`, r.pValue, c.pValue);
      track('mcnemarExactTest', `${label} statistic`, r.statistic, c.statistic);
      track(
        'mcnemarExactTest',
        `${label} largeSamplePValue`,
        r.largeSamplePValue,
        c.largeSamplePValue,
      );
    },
  );

  it('gives p = 1 and statistic 0 with no discordant pairs (R refuses or returns NaN)', () => {
    expect(mcnemarExactTest(0, 0)).toEqual({
      kind: 'mcnemar-exact',
      pValue: 1,
      statistic: 0,
      largeSamplePValue: 1,
      b: 0,
      c: 0,
    });
  });
});

describe('multinomialExactTest against an enumeration with dmultinom', () => {
  it.each(
    R.cases.multinomialExactTest.map(
      (c) => [`${c.counts.join('/')} vs ${c.proportions.join('/')}`, c] as const,
    ),
  )('%s', (label, c) => {
    const r = multinomialExactTest(c.counts, c.proportions);
    track('multinomialExactTest', `${label} pValue`, r.pValue, c.pValue);
    track('multinomialExactTest', `${label} statistic`, r.statistic, c.statistic);
    expect(r.outcomes).toBe(c.outcomes);
    if (c.binomTestPValue !== null) {
      track('multinomialExactTest', `${label} binom.test`, r.pValue, value(c.binomTestPValue));
    }
  });

  it(`refuses more than ${MULTINOMIAL_EXACT_LIMIT} outcomes and names the chi-square test`, () => {
    expectError(
      () => multinomialExactTest([200, 200, 200, 200], [0.25, 0.25, 0.25, 0.25]),
      'out-of-range',
      'multinomialExactTest',
      '85974801',
      'chiSquareGoodnessOfFit',
    );
    // just under the limit: C(3161, 2) = 4,994,380 outcomes for n = 3,159, k = 3
    const r = multinomialExactTest([1000, 1059, 1100], [1 / 3, 1 / 3, 1 / 3]);
    expect(r.outcomes).toBe(4_994_380);
    expect(r.pValue).toBeGreaterThan(0);
    expect(r.pValue).toBeLessThan(1);
  });
});

describe('credibilityInterval against qbeta', () => {
  it.each(
    R.cases.credibilityInterval.map(
      (c) => [`p = ${c.p}, n = ${c.n}, deff = ${c.deff}, ${c.prior}, ${c.level}`, c] as const,
    ),
  )('%s', (label, c) => {
    const prior = c.prior === 'custom' ? c.shapes : c.prior;
    const r = credibilityInterval(c.p, c.n, { deff: c.deff, prior, level: c.level });
    track('credibilityInterval', `${label} lower`, r.lower, c.lower);
    track('credibilityInterval', `${label} upper`, r.upper, c.upper);
    expect(r.prior).toEqual(c.shapes);
    expect(r.nEffective).toBe(c.n / c.deff);
    expect(r.model).toContain(`Beta(${c.shapes[0]}, ${c.shapes[1]}) prior`);
  });

  it('states its model in one sentence', () => {
    const r = credibilityInterval(0.42, 1000, { deff: 1.6 });
    expect(r.model).toBe(
      'Beta(0.5, 0.5) prior; binomial likelihood at the effective sample size n/deff = 1000/1.6 = 625, which assumes that after weighting the sample behaves like a simple random sample of that size',
    );
    expect(credibilityInterval(0.5, 1037, { prior: 'uniform' }).model).toContain(
      'Beta(1, 1) prior; binomial likelihood at the effective sample size n = 1037,',
    );
  });
});

describe('chiSquareGoodnessOfFit: small expected counts, as chisq.test warns', () => {
  it.each(R.cases.chiSquareGoodnessOfFit.map((c) => [c.observedCounts.join('/'), c] as const))(
    '%s',
    (label, c) => {
      const r = chiSquareGoodnessOfFit(c.observedCounts, c.expectedProportions);
      track('chiSquareGoodnessOfFit', `${label} statistic`, r.statistic, c.statistic);
      track('chiSquareGoodnessOfFit', `${label} pValue`, r.pValue, c.pValue);
      track('chiSquareGoodnessOfFit', `${label} minExpected`, r.minExpected, c.minExpected);
      expect(r.smallExpected).toBe(c.smallExpected);
    },
  );
});

describe('adjustPValues: NaN kept, as p.adjust keeps NA', () => {
  it.each(
    R.cases.adjustPValues.map((c) => [`${c.method} of [${c.pValues.join(', ')}]`, c] as const),
  )('%s', (label, c) => {
    const input = c.pValues.map(value);
    const r = adjustPValues(input, c.method);
    expect(r).toHaveLength(c.adjusted.length);
    c.adjusted.forEach((want, i) => {
      if (want === null) expect(r[i], `${label} [${i}]`).toBeNaN();
      else track('adjustPValues', `${label} [${i}]`, r[i]!, value(want));
    });
  });
});

describe('never NaN', () => {
  it('over a grid of tables, counts and options', () => {
    for (const n1 of [1, 2, 7, 50]) {
      for (const n2 of [1, 3, 50]) {
        for (let x1 = 0; x1 <= n1; x1 += Math.max(1, Math.floor(n1 / 4))) {
          for (let x2 = 0; x2 <= n2; x2 += Math.max(1, Math.floor(n2 / 3))) {
            for (const alternative of ['two-sided', 'less', 'greater'] as const) {
              const r = fisherExactTest(x1, n1, x2, n2, { alternative, level: 0.99 });
              for (const v of [r.pValue, r.oddsRatio, r.lower, r.upper]) expect(v).not.toBeNaN();
              expect(r.lower).toBeLessThanOrEqual(r.oddsRatio);
              expect(r.oddsRatio).toBeLessThanOrEqual(r.upper);
              const b = binomialTest(x1, n1, x2 / n2, { alternative });
              for (const v of [b.pValue, b.lower, b.upper]) expect(v).not.toBeNaN();
              const m = mcnemarExactTest(x1, x2);
              for (const v of [m.pValue, m.statistic, m.largeSamplePValue]) expect(v).not.toBeNaN();
            }
          }
        }
      }
    }
  });

  it('for groups of a million, in well under a second', () => {
    const start = performance.now();
    const r = fisherExactTest(300_000, 1_000_000, 301_000, 1_000_000);
    const elapsed = performance.now() - start;
    expect(r.pValue).toBeGreaterThan(0.1);
    expect(elapsed).toBeLessThan(1000);
  });
});

function expectError(run: () => unknown, code: ToplinesErrorCode, ...fragments: string[]) {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ToplinesError);
  const error = caught as ToplinesError;
  expect(error.code).toBe(code);
  for (const fragment of fragments) expect(error.message).toContain(fragment);
  expect(error.message).not.toMatch(/\.$/);
}

describe('bad input: a named ToplinesError', () => {
  it('counts that are not whole counts within their size', () => {
    expectError(
      () => fisherExactTest(13, 12, 1, 14),
      'out-of-range',
      'fisherExactTest',
      'x1',
      'n1 = 12',
      '13',
    );
    expectError(() => fisherExactTest(1.5, 12, 1, 14), 'not-integer', 'x1', '1.5');
    expectError(() => fisherExactTest(1, 12, -1, 14), 'out-of-range', 'x2');
    expectError(() => fisherExactTest(1, 0, 1, 14), 'out-of-range', 'n1');
    expectError(() => binomialTest(11, 10), 'out-of-range', 'binomialTest', 'x', '11');
    expectError(() => binomialTest(Number.NaN, 10), 'not-finite', 'x');
    expectError(
      () => mcnemarExactTest(-1, 3),
      'out-of-range',
      'mcnemarExactTest',
      'b',
      'at least 0',
    );
    expectError(() => mcnemarExactTest(2, 3.5), 'not-integer', 'c', '3.5');
    expectError(() => multinomialExactTest([1.5, 2, 3], [0.2, 0.3, 0.5]), 'not-integer', 'index 0');
    expectError(() => multinomialExactTest([1, 2], [0.2, 0.3, 0.5]), 'length-mismatch');
    expectError(() => multinomialExactTest([1, 2, 3], [20, 30, 50]), 'out-of-range', 'percentages');
  });

  it('options', () => {
    expectError(
      () => fisherExactTest(1, 2, 1, 2, { alternative: 'two.sided' as never }),
      'invalid-option',
      'alternative',
      '"two-sided"',
      '"two.sided"',
    );
    expectError(() => binomialTest(1, 2, 0.5, { level: 95 }), 'percentage-not-proportion', 'level');
    expectError(() => binomialTest(1, 2, 50), 'percentage-not-proportion', 'p0', 'pass 0.5');
    expectError(() => credibilityInterval(40.5, 1037), 'percentage-not-proportion', 'pass 0.405');
    expectError(() => credibilityInterval(0.4, 1037, { deff: 0 }), 'out-of-range', 'deff');
    expectError(
      () => credibilityInterval(0.4, 1037, { prior: [0, 1] }),
      'invalid-option',
      'credibilityInterval',
      '[0, 1]',
    );
    expectError(
      () => credibilityInterval(0.4, 1037, { prior: 'flat' as never }),
      'invalid-option',
      '"flat"',
    );
  });

  it('adjustPValues: ±Infinity and values outside [0, 1] still throw; [] gives []', () => {
    expect(adjustPValues([], 'holm')).toEqual([]);
    expectError(
      () => adjustPValues([0.1, Number.POSITIVE_INFINITY], 'bh'),
      'out-of-range',
      'Infinity',
      'index 1',
    );
    expectError(() => adjustPValues([0.1, '0.2' as never], 'bh'), 'invalid-type', 'index 1');
    expectError(() => adjustPValues('0.1' as never, 'bh'), 'invalid-type');
  });
});

describe('largest error', () => {
  it('the fixture names its source and the command that regenerates it', () => {
    expect(R.source.tool).toMatch(/^R version \d+\.\d+\.\d+/);
    expect(R.source.command).toBe('Rscript packages/core/test/fixtures/exact.R');
  });

  it(`against exact-r.json is at most ${TOLERANCE} for every function`, () => {
    const lines = [`exact-r.json (${R.source.tool}, ${R.source.generated}):`];
    for (const [fn, tracker] of Object.entries(errors)) {
      lines.push(`  ${fn}: ${tracker.toString()}`);
      expect(tracker.worst.error).toBeLessThanOrEqual(TOLERANCE);
    }
    console.log(lines.join('\n'));
    expect(Object.keys(errors).length).toBe(7);
  });
});
