/**
 * The across-polls functions of @toplines/core (issue #16) — trendTest, homogeneityTest,
 * pollAverage — against R, their errors, and their properties.
 *
 * Every expected value comes from R 4.2.2 and metafor 3.8-1
 * (fixtures/across-polls-r.json, made by fixtures/across-polls.R, which records both
 * versions, the date and the command): prop.trend.test and its weighted lm, prop.test
 * (correct = FALSE), and metafor::rma + predict with REML and PM solved tightly. Every value
 * must agree to 1e-12 in the relative-or-absolute error |got − want| / max(1, |want|), and
 * to 1e-9 relative (|got − want| / |want|; τ², se and the slope are small numbers, so the
 * relative error is the stricter). The last test of each block prints the largest errors
 * per function and method:
 *   cd packages/core && npx vitest run test/across-polls.test.ts
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { criticalValue } from '../src/critical-value';
import {
  homogeneityTest,
  POLL_AVERAGE_METHODS,
  POLL_AVERAGE_SCALES,
  POLL_AVERAGE_TESTS,
  type PollAverageMethod,
  type PollAverageScale,
  type PollAverageTest,
  pollAverage,
  ToplinesError,
  type ToplinesErrorCode,
  trendTest,
} from '../src/index';
import { studentTQuantile } from '../src/special/student-t-quantile';
import { MaxError } from './helpers';

/** The tolerance of the relative-or-absolute error. */
const TOLERANCE = 1e-12;
/** The tolerance of the relative error. */
const RELATIVE_TOLERANCE = 1e-9;

interface Fixture {
  source: { tool: string; metafor: string; generated: string; command: string };
  cases: {
    trendTest: {
      shares: number[];
      ns: number[];
      scores: number[] | null;
      level: number;
      statistic: number;
      df: number;
      pValue: number;
      slope: number;
      slopeLower: number;
      slopeUpper: number;
      se: number;
      check: number;
    }[];
    homogeneityTest: {
      shares: number[];
      ns: number[];
      statistic: number;
      df: number;
      pValue: number;
      smallExpected: boolean;
      minExpected: number;
    }[];
    pollAverage: {
      set: string;
      p: number[];
      n: number[];
      deff: number[];
      method: PollAverageMethod;
      scale: PollAverageScale;
      test: PollAverageTest;
      level: number;
      estimate: number;
      lower: number;
      upper: number;
      se: number;
      tau2: number;
      i2: number;
      h2: number;
      q: number;
      qDf: number;
      qPValue: number;
      predictionLower: number;
      predictionUpper: number;
      k: number;
      tau2Default: number;
    }[];
    studentTQuantile: { level: number; df: number; quantile: number }[];
  };
}

const R = JSON.parse(
  readFileSync(new URL('./fixtures/across-polls-r.json', import.meta.url), 'utf8'),
) as Fixture;

/** |got − want| / |want| (absolute when want is 0). */
function relativeError(got: number, want: number): number {
  if (got === want) return 0;
  if (!Number.isFinite(got) || !Number.isFinite(want)) return Number.POSITIVE_INFINITY;
  return want === 0 ? Math.abs(got) : Math.abs(got - want) / Math.abs(want);
}

/** Both error measures, per label (function and method). */
class Errors {
  scaled = new Map<string, MaxError>();
  relative = new Map<string, MaxError>();

  add(group: string, label: string, got: number, want: number): void {
    if (!this.scaled.has(group)) {
      this.scaled.set(group, new MaxError());
      this.relative.set(group, new MaxError());
    }
    const scaled = this.scaled.get(group)!.add(label, got, want);
    const relative = relativeError(got, want);
    const tracker = this.relative.get(group)!;
    tracker.comparisons += 1;
    if (!(relative <= tracker.worst.error)) tracker.worst = { error: relative, label, got, want };
    expect(
      scaled,
      `${label}: got ${got}, want ${want} (error ${scaled.toExponential(3)})`,
    ).toBeLessThanOrEqual(TOLERANCE);
    expect(
      relative,
      `${label}: got ${got}, want ${want} (relative error ${relative.toExponential(3)})`,
    ).toBeLessThanOrEqual(RELATIVE_TOLERANCE);
  }

  print(): void {
    for (const [group, scaled] of this.scaled) {
      const relative = this.relative.get(group)!.worst;
      console.log(
        `${group}: ${scaled}; max relative error ${relative.error.toExponential(2)} (at ${relative.label})`,
      );
    }
  }
}

const errors = new Errors();
afterAll(() => {
  console.log(`against ${R.source.tool}, metafor ${R.source.metafor}:`);
  errors.print();
});

describe('trendTest against R prop.trend.test and its weighted lm', () => {
  it('the fixture checks that (slope / se)² is the statistic', () => {
    for (const c of R.cases.trendTest)
      expect(Math.abs(c.check)).toBeLessThan(1e-9 * c.statistic + 1e-12);
  });

  it.each(R.cases.trendTest.map((c, i) => [i, c] as const))('case %i', (i, c) => {
    const options = c.scores === null ? { level: c.level } : { scores: c.scores, level: c.level };
    const got = trendTest(c.shares, c.ns, options);
    const label = `trend #${i} [${c.shares.join(', ')}] level ${c.level}`;
    for (const key of ['statistic', 'pValue', 'slope', 'slopeLower', 'slopeUpper'] as const) {
      errors.add('trendTest', `${label} ${key}`, got[key], c[key]);
    }
    errors.add('trendTest', `${label} slopeSe`, got.slopeSe, c.se);
    expect(got.df).toBe(1);
    expect(got.kind).toBe('trend');
  });
});

describe('homogeneityTest against R prop.test(correct = FALSE)', () => {
  it.each(R.cases.homogeneityTest.map((c, i) => [i, c] as const))('case %i', (i, c) => {
    const got = homogeneityTest(c.shares, c.ns);
    const label = `homogeneity #${i} [${c.shares.join(', ')}]`;
    for (const key of ['statistic', 'pValue', 'minExpected'] as const) {
      errors.add('homogeneityTest', `${label} ${key}`, got[key], c[key]);
    }
    expect(got.df).toBe(c.df);
    expect(got.smallExpected, `${label}: R warned`).toBe(c.smallExpected);
  });
});

describe('pollAverage against metafor::rma + predict', () => {
  const fields = [
    'estimate',
    'lower',
    'upper',
    'se',
    'tau2',
    'i2',
    'h2',
    'q',
    'qPValue',
    'predictionLower',
    'predictionUpper',
  ] as const;
  it('covers every method × scale × test × level on 2, 3, 5 and 10 polls', () => {
    const seen = new Set(
      R.cases.pollAverage.map((c) => `${c.method} ${c.scale} ${c.test} ${c.level}`),
    );
    expect(seen.size).toBe(
      POLL_AVERAGE_METHODS.length * POLL_AVERAGE_SCALES.length * POLL_AVERAGE_TESTS.length * 3,
    );
    expect(new Set(R.cases.pollAverage.map((c) => c.k))).toEqual(new Set([2, 3, 5, 10]));
  });

  it.each(R.cases.pollAverage.map((c, i) => [i, c] as const))('case %i', (i, c) => {
    const polls = c.p.map((p, j) => ({ p, n: c.n[j]!, deff: c.deff[j]! }));
    const got = pollAverage(polls, {
      method: c.method,
      scale: c.scale,
      test: c.test,
      level: c.level,
    });
    const label = `#${i} ${c.set} ${c.scale} ${c.test} ${c.level}`;
    for (const key of fields) {
      errors.add(`pollAverage ${c.method}`, `${label} ${key}`, got[key], c[key]);
    }
    expect([got.k, got.qDf]).toEqual([c.k, c.qDf]);
    expect([got.method, got.scale, got.test, got.level]).toEqual([
      c.method,
      c.scale,
      c.test,
      c.level,
    ]);
  });

  it("metafor's default tolerances stop far from the root: the tight τ² is what is compared", () => {
    const loose = R.cases.pollAverage.filter(
      (c) => c.method === 'pm' && Math.abs(c.tau2Default - c.tau2) > 1e-3 * c.tau2,
    );
    expect(loose.length).toBeGreaterThan(0);
  });
});

describe("pollAverage's t quantile against R qt", () => {
  it.each(R.cases.studentTQuantile.map((c) => [c.level, c.df, c] as const))(
    'level %f, df %i',
    (_level, _df, c) => {
      const got = studentTQuantile(c.level, c.df, criticalValue(c.level));
      errors.add('studentTQuantile', `level ${c.level} df ${c.df}`, got, c.quantile);
    },
  );
});

describe('errors', () => {
  function code(f: () => unknown): [ToplinesErrorCode, string] {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(ToplinesError);
      return [(e as ToplinesError).code, (e as Error).message];
    }
    throw new Error('did not throw');
  }

  it('refuse fewer than two polls', () => {
    expect(code(() => trendTest([0.4], [100]))).toEqual([
      'empty-input',
      'trendTest requires at least 2 polls, got 1',
    ]);
    expect(code(() => homogeneityTest([0.4], [100]))[0]).toBe('empty-input');
    expect(code(() => pollAverage([{ p: 0.4, n: 100 }]))).toEqual([
      'empty-input',
      'pollAverage requires at least 2 polls, got 1',
    ]);
    expect(code(() => pollAverage([]))[0]).toBe('empty-input');
    expect(code(() => trendTest([], []))[0]).toBe('empty-input');
  });

  it('name a percentage passed as a proportion', () => {
    expect(code(() => trendTest([0.4, 45, 0.5], [100, 100, 100]))).toEqual([
      'percentage-not-proportion',
      'trendTest requires shares[1] to be a proportion in [0, 1], got 45: this looks like a percentage, pass 0.45 for 45%',
    ]);
    expect(code(() => homogeneityTest([45, 0.4], [100, 100]))[1]).toContain('pass 0.45 for 45%');
    expect(
      code(() =>
        pollAverage([
          { p: 0.4, n: 100 },
          { p: 45, n: 100 },
        ]),
      ),
    ).toEqual([
      'percentage-not-proportion',
      'pollAverage requires polls[1].p to be a proportion in [0, 1], got 45: this looks like a percentage, pass 0.45 for 45%',
    ]);
    expect(code(() => trendTest([-0.1, 0.4], [100, 100]))[0]).toBe('out-of-range');
    expect(
      code(() =>
        pollAverage([
          { p: 0.4, n: 100 },
          { p: 101, n: 100 },
        ]),
      )[0],
    ).toBe('out-of-range');
  });

  it('refuse n that is not a positive integer', () => {
    expect(code(() => trendTest([0.4, 0.5], [100, 10.5]))).toEqual([
      'not-integer',
      'trendTest requires ns[1] to be a positive integer, got 10.5',
    ]);
    expect(code(() => homogeneityTest([0.4, 0.5], [0, 100]))[0]).toBe('out-of-range');
    expect(
      code(() =>
        pollAverage([
          { p: 0.4, n: -3 },
          { p: 0.5, n: 100 },
        ]),
      )[1],
    ).toBe('pollAverage requires polls[0].n to be a positive integer, got -3');
    expect(code(() => homogeneityTest([0.4, 0.5], [Number.NaN, 100]))[0]).toBe('not-finite');
  });

  it('refuse lengths that differ', () => {
    expect(code(() => trendTest([0.4, 0.5, 0.6], [100, 100]))).toEqual([
      'length-mismatch',
      'trendTest requires shares and ns of the same length, got 3 and 2',
    ]);
    expect(code(() => homogeneityTest([0.4, 0.5], [100, 100, 100]))[0]).toBe('length-mismatch');
    expect(code(() => trendTest([0.4, 0.5], [100, 100], { scores: [1, 2, 3] }))).toEqual([
      'length-mismatch',
      'trendTest requires one score per poll, got 3 scores for 2 polls',
    ]);
  });

  it('refuse unknown methods, scales, tests and bad levels', () => {
    const polls = [
      { p: 0.4, n: 100 },
      { p: 0.5, n: 100 },
    ];
    expect(code(() => pollAverage(polls, { method: 'ml' as never }))).toEqual([
      'invalid-option',
      'pollAverage requires method to be one of "reml", "dl", "pm", "fixed", got "ml"',
    ]);
    expect(code(() => pollAverage(polls, { scale: 'log' as never }))).toEqual([
      'invalid-option',
      'pollAverage requires scale to be one of "raw", "logit", got "log"',
    ]);
    expect(code(() => pollAverage(polls, { test: 't' as never }))).toEqual([
      'invalid-option',
      'pollAverage requires test to be one of "z", "knha", got "t"',
    ]);
    expect(code(() => pollAverage(polls, { level: 95 }))[0]).toBe('percentage-not-proportion');
    expect(code(() => trendTest([0.4, 0.5], [100, 100], { level: 1 }))[0]).toBe('out-of-range');
  });

  it('refuse shares of 0 or 1 in pollAverage, on both scales', () => {
    for (const scale of POLL_AVERAGE_SCALES) {
      const [c, message] = code(() =>
        pollAverage(
          [
            { p: 0.4, n: 100 },
            { p: 0, n: 100 },
          ],
          { scale },
        ),
      );
      expect(c).toBe('out-of-range');
      expect(message).toContain('polls[1].p to be strictly between 0 and 1, got 0');
    }
  });

  it('refuse polls that are not objects, bad design effects and hostile getters', () => {
    expect(code(() => pollAverage('polls' as never))[0]).toBe('invalid-type');
    expect(code(() => pollAverage([{ p: 0.4, n: 100 }, null as never]))).toEqual([
      'invalid-type',
      'pollAverage requires polls[1] to be an object, got null',
    ]);
    expect(
      code(() =>
        pollAverage([
          { p: 0.4, n: 100, deff: 0 },
          { p: 0.5, n: 100 },
        ]),
      )[1],
    ).toContain('polls[0].deff');
    const hostile = {
      n: 100,
      get p(): number {
        throw new Error('no');
      },
    };
    expect(code(() => pollAverage([hostile, { p: 0.5, n: 100 }]))[0]).toBe('invalid-option');
  });

  it('refuse shares all 0 or all 1, and trend scores all equal', () => {
    expect(code(() => homogeneityTest([0, 0, 0], [10, 20, 30]))[0]).toBe('out-of-range');
    expect(code(() => trendTest([1, 1], [10, 20]))[0]).toBe('out-of-range');
    expect(code(() => trendTest([0.2, 0.4], [10, 20], { scores: [3, 3] }))[0]).toBe(
      'inconsistent-input',
    );
  });
});

describe('properties', () => {
  const poll = fc.record({
    p: fc.double({ min: 0.01, max: 0.99, noNaN: true }),
    n: fc.integer({ min: 10, max: 100_000 }),
    deff: fc.double({ min: 0.5, max: 4, noNaN: true }),
  });
  const polls = fc.array(poll, { minLength: 2, maxLength: 30 });
  const level = fc.double({ min: 0.5, max: 0.999, noNaN: true });
  const method = fc.constantFrom(...POLL_AVERAGE_METHODS);
  const scale = fc.constantFrom(...POLL_AVERAGE_SCALES);
  const test = fc.constantFrom(...POLL_AVERAGE_TESTS);

  it('pollAverage: no NaN, ordered intervals, τ² ≥ 0, I² in [0, 1), H² ≥ 0', () => {
    fc.assert(
      fc.property(polls, method, scale, test, level, (ps, m, s, t, l) => {
        const r = pollAverage(ps, { method: m, scale: s, test: t, level: l });
        for (const [key, value] of Object.entries(r)) {
          if (typeof value === 'number') expect(Number.isNaN(value), key).toBe(false);
        }
        expect(r.lower).toBeLessThanOrEqual(r.estimate);
        expect(r.estimate).toBeLessThanOrEqual(r.upper);
        expect(r.predictionLower).toBeLessThanOrEqual(r.lower);
        expect(r.upper).toBeLessThanOrEqual(r.predictionUpper);
        expect(r.lower).toBeGreaterThanOrEqual(0);
        expect(r.upper).toBeLessThanOrEqual(1);
        expect(r.tau2).toBeGreaterThanOrEqual(0);
        expect(r.i2).toBeGreaterThanOrEqual(0);
        expect(r.i2).toBeLessThan(1);
        expect(r.h2).toBeGreaterThanOrEqual(0);
        expect(r.se).toBeGreaterThanOrEqual(0);
        if (m === 'fixed') expect(r.tau2).toBe(0);
      }),
      { numRuns: 400 },
    );
  });

  it('pollAverage: extreme shares and sizes give a result without NaN, or a ToplinesError', () => {
    const extreme = fc.record({
      p: fc.oneof(
        fc.double({ min: Number.MIN_VALUE, max: 1e-6, noNaN: true }),
        fc.double({ min: 1 - 1e-6, max: 1 - Number.EPSILON / 2, noNaN: true }),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
      ),
      n: fc.oneof(fc.integer({ min: 1, max: 10 }), fc.constant(Number.MAX_SAFE_INTEGER)),
      deff: fc.double({ min: 0.001, max: 1000, noNaN: true }),
    });
    fc.assert(
      fc.property(
        fc.array(extreme, { minLength: 2, maxLength: 8 }),
        method,
        scale,
        test,
        (ps, m, s, t) => {
          let r: ReturnType<typeof pollAverage>;
          try {
            r = pollAverage(ps, { method: m, scale: s, test: t });
          } catch (e) {
            expect(e).toBeInstanceOf(ToplinesError);
            return;
          }
          for (const [key, value] of Object.entries(r)) {
            if (typeof value === 'number') expect(Number.isNaN(value), key).toBe(false);
          }
          expect(r.lower).toBeLessThanOrEqual(r.upper);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('pollAverage: a fixed-effect average on the raw scale lies within [min p, max p]', () => {
    fc.assert(
      fc.property(polls, (ps) => {
        const r = pollAverage(ps, { method: 'fixed' });
        const shares = ps.map((x) => x.p);
        expect(r.estimate).toBeGreaterThanOrEqual(Math.min(...shares) * (1 - 1e-12));
        expect(r.estimate).toBeLessThanOrEqual(Math.max(...shares) * (1 + 1e-12));
      }),
      { numRuns: 300 },
    );
  });

  it('pollAverage: REML and PM solve their equations (the score and Q − (k − 1) vanish)', () => {
    fc.assert(
      fc.property(polls, scale, (ps, s) => {
        const y = ps.map((x) => (s === 'raw' ? x.p : Math.log(x.p / (1 - x.p))));
        const v = ps.map((x) =>
          s === 'raw' ? (x.deff * x.p * (1 - x.p)) / x.n : x.deff / (x.n * x.p * (1 - x.p)),
        );
        const at = (t: number) => {
          const w = v.map((vi) => 1 / (vi + t));
          const sw = w.reduce((a, b) => a + b, 0);
          const mean = w.reduce((a, wi, i) => a + wi * y[i]!, 0) / sw;
          const q = w.reduce((a, wi, i) => a + wi * (y[i]! - mean) ** 2, 0);
          const a = w.reduce((acc, wi, i) => acc + wi * wi * (y[i]! - mean) ** 2, 0);
          const sw2 = w.reduce((acc, wi) => acc + wi * wi, 0);
          return { q, score: a - (sw - sw2 / sw), scale: sw };
        };
        const pm = pollAverage(ps, { method: 'pm', scale: s });
        if (pm.tau2 > 0)
          expect(Math.abs(at(pm.tau2).q - (ps.length - 1))).toBeLessThan(1e-9 * ps.length);
        const reml = pollAverage(ps, { method: 'reml', scale: s });
        if (reml.tau2 > 0) {
          const { score, scale: size } = at(reml.tau2);
          expect(Math.abs(score)).toBeLessThan(1e-9 * size);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('homogeneityTest and trendTest: no NaN, statistic ≥ 0, p-value in [0, 1], slope interval ordered', () => {
    const series = fc
      .integer({ min: 2, max: 20 })
      .chain((k) =>
        fc.record({
          shares: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), {
            minLength: k,
            maxLength: k,
          }),
          ns: fc.array(fc.integer({ min: 1, max: 100_000 }), { minLength: k, maxLength: k }),
        }),
      )
      .filter(({ shares }) => shares.some((p) => p > 0) && shares.some((p) => p < 1));
    fc.assert(
      fc.property(series, level, ({ shares, ns }, l) => {
        const pooled =
          shares.reduce((a, p, i) => a + p * ns[i]!, 0) / ns.reduce((a, n) => a + n, 0);
        fc.pre(pooled > 0 && pooled < 1);
        const h = homogeneityTest(shares, ns);
        const t = trendTest(shares, ns, { level: l });
        for (const r of [h, t]) {
          expect(r.statistic).toBeGreaterThanOrEqual(0);
          expect(r.pValue).toBeGreaterThanOrEqual(0);
          expect(r.pValue).toBeLessThanOrEqual(1);
        }
        expect(t.slopeLower).toBeLessThanOrEqual(t.slope);
        expect(t.slope).toBeLessThanOrEqual(t.slopeUpper);
        // the trend is one degree of freedom of the k − 1 of homogeneity
        expect(t.statistic).toBeLessThanOrEqual(h.statistic * (1 + 1e-9) + 1e-9);
        // the interval excludes 0 exactly when the test rejects at 1 − level (away from the edge)
        if (Math.abs(t.pValue - (1 - l)) > 1e-9) {
          expect(t.slopeLower > 0 || t.slopeUpper < 0).toBe(t.pValue < 1 - l);
        }
      }),
      { numRuns: 400 },
    );
  });
});
