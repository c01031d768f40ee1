// multinomialCI against statsmodels' multinomial_proportions_confint
// (test/fixtures/multinomial.json, made by test/fixtures/multinomial.py with
// Debian's /usr/bin/python3: statsmodels 0.13.5, scipy 1.10.1, mpmath 1.2.1),
// properties every simultaneous interval must have, and bad input.
//
// Where statsmodels' own double-precision rounding moves a Sison–Glaz bound
// by more than 1e-11 (its truncated Poisson moments cancel badly: up to 1.5e-6
// for counts [0, 5, 1495]), the fixture's reference is the same formulas
// evaluated in 40 digits by the script, marked `roundoff`, with statsmodels'
// value kept beside it.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectClose, MaxError, TOLERANCE } from '../test/helpers';
import { ToplinesError, type ToplinesErrorCode } from './errors';
import {
  MULTINOMIAL_CI_METHODS,
  type MultinomialCIMethod,
  type MultinomialCIOptions,
  multinomialCI,
} from './multinomial-ci';
import { proportionCI } from './proportion-ci';

interface MultinomialCase {
  name: string;
  method: MultinomialCIMethod;
  level: number;
  n: number;
  shares: number[];
  /** share × n (goodman) or the whole counts (sison-glaz), one per share. */
  counts: number[];
  /** The "other / not reported" count added, or null. */
  remainder: number | null;
  estimates?: number[];
  lower?: number[];
  upper?: number[];
  /** statsmodels found no Sison–Glaz constant c. */
  error?: string;
  /** lower/upper are the 40-digit values; statsmodels' rounding error exceeded 1e-11. */
  roundoff?: boolean;
  statsmodelsLower?: number[];
  statsmodelsUpper?: number[];
  /** sison-glaz: statsmodels' formulas in 40-digit arithmetic. */
  exactLower?: number[];
  exactUpper?: number[];
}

interface MultinomialFixture {
  source: {
    tool: string;
    version: string;
    scipyVersion: string;
    mpmathVersion: string;
    generated: string;
    command: string;
  };
  cases: MultinomialCase[];
}

const fixture = JSON.parse(
  readFileSync(new URL('../test/fixtures/multinomial.json', import.meta.url), 'utf8'),
) as MultinomialFixture;

/** The defaults (goodman, 0.95) are left out, so that they are exercised too. */
function optionsOf(c: MultinomialCase): MultinomialCIOptions {
  const options: MultinomialCIOptions = {};
  if (c.level !== 0.95) options.level = c.level;
  if (c.method !== 'goodman') options.method = c.method;
  return options;
}

/** Every (label, got, want) of one case; throws what multinomialCI throws. */
function comparisons(c: MultinomialCase): [string, number, number][] {
  const r = multinomialCI(c.shares, c.n, optionsOf(c));
  const out: [string, number, number][] = [];
  expect(r.intervals.length, `${c.name}: one interval per share`).toBe(c.shares.length);
  expect(r.method).toBe(c.method);
  expect(r.level).toBe(c.level);
  expect(r.n).toBe(c.n);
  if (c.method === 'sison-glaz') {
    expect(r.counts, `${c.name}: counts`).toEqual(c.counts);
    expect(r.remainder, `${c.name}: remainder`).toBe(c.remainder);
  } else {
    expect(r.remainder === null, `${c.name}: remainder added`).toBe(c.remainder === null);
    if (r.remainder !== null)
      out.push([`${c.name}: remainder`, r.remainder, c.remainder ?? Number.NaN]);
    r.counts.forEach((x, i) => {
      out.push([`${c.name}: counts[${i}]`, x, c.counts[i] ?? Number.NaN]);
    });
  }
  r.intervals.forEach((ci, i) => {
    out.push([`${c.name}: estimate[${i}]`, ci.estimate, c.estimates?.[i] ?? Number.NaN]);
    out.push([`${c.name}: lower[${i}]`, ci.lower, c.lower?.[i] ?? Number.NaN]);
    out.push([`${c.name}: upper[${i}]`, ci.upper, c.upper?.[i] ?? Number.NaN]);
  });
  return out;
}

function expectError(run: () => unknown, code: ToplinesErrorCode, ...fragments: string[]): void {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ToplinesError);
  const error = caught as ToplinesError;
  expect(error.code, error.message).toBe(code);
  expect(error.message.startsWith('multinomialCI ')).toBe(true);
  for (const fragment of fragments) expect(error.message).toContain(fragment);
  expect(error.message).not.toMatch(/\.$/);
}

const intervalCases = fixture.cases.filter((c) => c.error === undefined);
const errorCases = fixture.cases.filter((c) => c.error !== undefined);

describe('multinomialCI against statsmodels multinomial_proportions_confint', () => {
  it('the fixture covers both methods, the seeds, remainders, zero counts and k = 2 … 10', () => {
    expect(fixture.source.tool).toBe('statsmodels');
    expect(fixture.cases.length).toBeGreaterThanOrEqual(400);
    for (const method of MULTINOMIAL_CI_METHODS) {
      expect(intervalCases.filter((c) => c.method === method).length).toBeGreaterThan(150);
    }
    expect(fixture.cases.some((c) => c.name.includes('API Japan'))).toBe(true);
    expect(intervalCases.some((c) => c.remainder !== null)).toBe(true);
    expect(intervalCases.some((c) => c.remainder === null)).toBe(true);
    expect(intervalCases.some((c) => c.shares.includes(0))).toBe(true);
    const ks = new Set(fixture.cases.map((c) => c.shares.length));
    for (let k = 2; k <= 10; k++) expect(ks.has(k), `k = ${k}`).toBe(true);
    expect(new Set(fixture.cases.map((c) => c.level))).toEqual(
      new Set([0.8, 0.9, 0.95, 0.99, 0.999]),
    );
  });

  it.each(intervalCases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    for (const [label, got, want] of comparisons(c)) expectClose(got, want, label);
  });

  it.each(errorCases.map((c) => [c.name, c] as const))(
    '%s: no Sison–Glaz constant, as in statsmodels',
    (_, c) => {
      expectError(() => multinomialCI(c.shares, c.n, optionsOf(c)), 'not-converged', "'goodman'");
    },
  );

  it(`max error over the whole fixture is within ${TOLERANCE}`, () => {
    const reference = new MaxError();
    const goodman = new MaxError();
    const statsmodelsOwn = new MaxError();
    const roundoff = new MaxError();
    const exact = new MaxError();
    for (const c of intervalCases) {
      if (c.exactLower !== undefined) {
        const r = multinomialCI(c.shares, c.n, optionsOf(c));
        r.intervals.forEach((ci, i) => {
          exact.add(`${c.name}: lower[${i}]`, ci.lower, c.exactLower?.[i] ?? Number.NaN);
          exact.add(`${c.name}: upper[${i}]`, ci.upper, c.exactUpper?.[i] ?? Number.NaN);
        });
      }
      for (const [label, got, want] of comparisons(c)) {
        reference.add(label, got, want);
        if (c.method === 'goodman') goodman.add(label, got, want);
        if (c.roundoff !== true) statsmodelsOwn.add(label, got, want);
      }
      if (c.roundoff === true) {
        const r = multinomialCI(c.shares, c.n, optionsOf(c));
        r.intervals.forEach((ci, i) => {
          roundoff.add(`${c.name}: lower[${i}]`, ci.lower, c.statsmodelsLower?.[i] ?? Number.NaN);
          roundoff.add(`${c.name}: upper[${i}]`, ci.upper, c.statsmodelsUpper?.[i] ?? Number.NaN);
        });
      }
    }
    console.log(
      `multinomialCI vs the fixture: ${reference}\n` +
        `  goodman: ${goodman}\n` +
        `  vs statsmodels where its rounding error is below 1e-11: ${statsmodelsOwn}\n` +
        `  sison-glaz vs the 40-digit evaluation of statsmodels' formulas: ${exact}\n` +
        `  vs statsmodels' own bounds in the ${intervalCases.filter((c) => c.roundoff).length} roundoff cases (its error): ${roundoff}`,
    );
    expect(reference.worst.error, reference.toString()).toBeLessThanOrEqual(TOLERANCE);
    expect(reference.comparisons).toBeGreaterThan(5000);
    expect(exact.worst.error, exact.toString()).toBeLessThanOrEqual(1e-12);
  });
});

describe('multinomialCI: whole questions and remainders', () => {
  // API/EAI/KEI survey, Japan, n = 1,037.
  const outlook = [0.449, 0.262, 0.288]; // sums to 0.999: complete, rounding aside
  const usImpression = [0.405, 0.345]; // 25% not reported

  it('defaults to goodman at level 0.95', () => {
    const r = multinomialCI(outlook, 1037);
    expect(r.method).toBe('goodman');
    expect(r.level).toBe(0.95);
    expect(r).toEqual(multinomialCI(outlook, 1037, { method: 'goodman', level: 0.95 }));
  });

  it('a complete question adds no category: goodman is Wilson at z = Φ⁻¹(1 − α/(2k))', () => {
    const r = multinomialCI(outlook, 1037);
    expect(r.remainder).toBeNull();
    // With k = 3, α/k = 0.05/3: the Wilson interval at level 1 − 0.05/3.
    outlook.forEach((p, i) => {
      const wilson = proportionCI(p, 1037, { level: 1 - 0.05 / 3 });
      expectClose(r.intervals[i]!.lower, wilson.lower, `lower[${i}]`, 1e-14);
      expectClose(r.intervals[i]!.upper, wilson.upper, `upper[${i}]`, 1e-14);
      expect(r.intervals[i]!.estimate).toBe(p);
    });
  });

  it('shares short of 1 get an "other / not reported" category, counted in k, with no interval', () => {
    const r = multinomialCI(usImpression, 1037);
    expect(r.intervals).toHaveLength(2);
    expectClose(r.remainder ?? Number.NaN, 0.25 * 1037, 'remainder');
    // k = 3 (two shares and the remainder), not 2.
    const wilson = proportionCI(0.405, 1037, { level: 1 - 0.05 / 3 });
    expectClose(r.intervals[0]!.lower, wilson.lower, 'lower', 1e-14);
    const sg = multinomialCI(usImpression, 1037, { method: 'sison-glaz' });
    expect(sg.counts).toEqual([420, 358]);
    expect(sg.remainder).toBe(259);
    expect(sg.intervals.map((ci) => ci.estimate)).toEqual([420 / 1037, 358 / 1037]);
  });

  it('the remainder starts below 1 − 0.01; 0.99 and 1.01 count as complete', () => {
    expect(multinomialCI([0.5, 0.49], 100).remainder).toBeNull();
    expect(multinomialCI([0.505, 0.505], 100).remainder).toBeNull();
    expect(multinomialCI([0.5, 0.489], 100).remainder).not.toBeNull();
  });

  it('sison-glaz rounds to whole counts adding up to n', () => {
    const r = multinomialCI(outlook, 1037, { method: 'sison-glaz' });
    expect(r.counts).toEqual([466, 272, 299]);
    expect(r.counts.reduce((s, x) => s + x, 0)).toBe(1037);
    // Shares summing to 1.004: rescaled, then rounded.
    const over = multinomialCI([0.334, 0.333, 0.337], 300, { method: 'sison-glaz' });
    expect(over.counts).toEqual([100, 99, 101]);
  });

  it('sison-glaz intervals have the same width unless clipped', () => {
    const r = multinomialCI([0.21, 0.15, 0.12, 0.1, 0.09, 0.08, 0.07, 0.06, 0.05], 2000, {
      method: 'sison-glaz',
    });
    const widths = r.intervals.map((ci) => ci.upper - ci.lower);
    for (const w of widths) expect(w).toBeCloseTo(widths[0]!, 12);
  });

  it('handles a large sample quickly', () => {
    const started = performance.now();
    const r = multinomialCI([0.4, 0.3, 0.2, 0.1], 1_000_000, { method: 'sison-glaz' });
    expect(performance.now() - started).toBeLessThan(1000);
    for (const ci of r.intervals) expect(ci.upper - ci.lower).toBeLessThan(0.01);
  });
});

/** A question: n from 10 to 20,000, k from 2 to 10 whole counts adding up to n. */
const question = fc
  .record({ n: fc.integer({ min: 10, max: 20_000 }), k: fc.integer({ min: 2, max: 10 }) })
  .chain(({ n, k }) =>
    fc
      .array(fc.integer({ min: 0, max: 1000 }), { minLength: k, maxLength: k })
      .filter((w) => w.some((x) => x > 0))
      .map((weights) => {
        const total = weights.reduce((s, x) => s + x, 0);
        const counts = weights.map((x) => Math.floor((x / total) * n));
        counts[0]! += n - counts.reduce((s, x) => s + x, 0);
        return { n, counts };
      }),
  );
const levelArb = fc.double({ min: 0.8, max: 0.999, noNaN: true });
const TOL = 1e-12;

describe.each(MULTINOMIAL_CI_METHODS)('multinomialCI properties, method %s', (method) => {
  /** The intervals, or null when sison-glaz finds no c (one option holding nearly all). */
  function run(shares: number[], n: number, level: number) {
    try {
      return multinomialCI(shares, n, { method, level });
    } catch (error) {
      if (method === 'sison-glaz' && (error as ToplinesError).code === 'not-converged') return null;
      throw error;
    }
  }

  it('has 0 ≤ lower ≤ estimate ≤ upper ≤ 1 (fixture and random questions)', () => {
    const check = (shares: number[], n: number, level: number) => {
      const r = run(shares, n, level);
      if (r === null) return;
      for (const ci of r.intervals) {
        expect(ci.lower).toBeGreaterThanOrEqual(0);
        expect(ci.upper).toBeLessThanOrEqual(1);
        expect(ci.lower).toBeLessThanOrEqual(ci.estimate + TOL);
        expect(ci.estimate).toBeLessThanOrEqual(ci.upper + TOL);
      }
    };
    for (const c of fixture.cases) check(c.shares, c.n, c.level);
    fc.assert(
      fc.property(question, levelArb, ({ n, counts }, level) => {
        check(
          counts.map((x) => x / n),
          n,
          level,
        );
      }),
      { numRuns: 200 },
    );
  });

  it('goodman contains the one-at-a-time Wilson interval at the same level, for every k ≥ 2', () => {
    if (method !== 'goodman') return;
    let compared = 0;
    const check = (shares: number[], n: number, level: number) => {
      const r = multinomialCI(shares, n, { method, level });
      r.intervals.forEach((ci, i) => {
        const wilson = proportionCI(ci.estimate, n, { level });
        const label = `share ${i} of [${shares.join(', ')}], n = ${n}, level ${level}`;
        expect(ci.lower, label).toBeLessThanOrEqual(wilson.lower);
        expect(ci.upper, label).toBeGreaterThanOrEqual(wilson.upper);
        if (ci.estimate > 0 && ci.estimate < 1) {
          expect(ci.upper - ci.lower, label).toBeGreaterThan(wilson.upper - wilson.lower);
        }
        compared++;
      });
    };
    for (const c of fixture.cases) check(c.shares, c.n, c.level);
    fc.assert(
      fc.property(question, levelArb, ({ n, counts }, level) => {
        check(
          counts.map((x) => x / n),
          n,
          level,
        );
      }),
      { numRuns: 200 },
    );
    expect(compared).toBeGreaterThan(1000);
  });
});

describe('multinomialCI sison-glaz is not always wider than a one-at-a-time interval', () => {
  // Its intervals all have the same width, set by the whole question, and
  // its coverage is an approximation (Sison & Glaz show it for k ≥ 7): a
  // dominant option can get a narrower interval than Wilson's at the same
  // level. One reason the default is goodman.
  it('API Japan, impression of South Korea (24.8%, 51.0%, 24.2% not reported), level 0.999', () => {
    const level = 0.999;
    const r = multinomialCI([0.248, 0.51], 1037, { method: 'sison-glaz', level });
    const favourable = r.intervals[0]!;
    const unfavourable = r.intervals[1]!;
    const wilson = (p: number) => proportionCI(p, 1037, { level });
    expect(favourable.upper - favourable.lower).toBeGreaterThan(
      wilson(favourable.estimate).upper - wilson(favourable.estimate).lower,
    );
    expect(unfavourable.upper - unfavourable.lower).toBeLessThan(
      wilson(unfavourable.estimate).upper - wilson(unfavourable.estimate).lower,
    );
    const goodman = multinomialCI([0.248, 0.51], 1037, { level }).intervals[1]!;
    expect(goodman.upper - goodman.lower).toBeGreaterThan(wilson(0.51).upper - wilson(0.51).lower);
  });
});

describe('multinomialCI bad input', () => {
  it('a percentage passed for a share says which proportion to pass', () => {
    expectError(
      () => multinomialCI([40.5, 34.5], 1037),
      'percentage-not-proportion',
      'shares[0]',
      '40.5',
      'pass 0.405',
    );
  });

  it('shares summing to 1.4 are refused: check-all questions have no multinomial interval', () => {
    expectError(
      () => multinomialCI([0.7, 0.4, 0.3], 1037),
      'out-of-range',
      'sum to at most 1',
      'got 1.4',
      'cannot sum past 100%',
      'check-all-that-apply',
    );
  });

  it('n = 0, a fractional n and a missing n are refused', () => {
    expectError(
      () => multinomialCI([0.5, 0.5], 0),
      'out-of-range',
      'n to be a positive integer',
      '0',
    );
    expectError(() => multinomialCI([0.5, 0.5], 10.5), 'not-integer', '10.5');
    expectError(() => multinomialCI([0.5, 0.5], undefined as unknown as number), 'invalid-type');
  });

  it('an unknown method names the two that exist', () => {
    expectError(
      () =>
        multinomialCI([0.5, 0.5], 100, {
          method: 'wilson' as unknown as MultinomialCIMethod,
        }),
      'invalid-option',
      '"goodman", "sison-glaz"',
      '"wilson"',
    );
  });

  it('a single share is refused (API Japan, Taiwan: U.S. should intervene 41.4%)', () => {
    expectError(
      () => multinomialCI([0.414], 1037),
      'out-of-range',
      'at least 2 shares',
      'proportionCI',
    );
  });

  it('other bad input: no shares, NaN, a negative share, a level of 95, options not an object', () => {
    expectError(() => multinomialCI([], 100), 'empty-input');
    expectError(() => multinomialCI('0.5' as unknown as number[], 100), 'invalid-type');
    expectError(() => multinomialCI([0.5, Number.NaN], 100), 'not-finite', 'index 1');
    expectError(() => multinomialCI([0.5, -0.1], 100), 'out-of-range', 'shares[1]');
    expectError(() => multinomialCI([0.5, 0.5], 100, { level: 95 }), 'percentage-not-proportion');
    expectError(
      () => multinomialCI([0.5, 0.5], 100, 'goodman' as unknown as MultinomialCIOptions),
      'invalid-type',
    );
  });
});
