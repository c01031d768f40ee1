// Hostile inputs for every export of @toplines/core (issue #18): each call either returns a
// finite, in-range answer (intervals contain their estimate, inside [0, 1], or [−1, 1] for
// differences and [−2, 2] for a change of lead; p-values in [0, 1]; margins in [0, 1]) or
// throws a ToplinesError — never NaN, never a raw TypeError, never a hang. Each call is timed
// with performance.now() and fails above LIMIT_MS: a bound on hanging, not a performance
// test. `npm run fuzz` runs the same properties with FUZZ_RUNS (default 20,000) runs each.
import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as core from '../src/index';
import { isToplinesError } from '../src/internal';

// A hang bound, generous enough for a loaded 2-core CI machine running the other packages'
// tests at the same time (the hangs this guards against took 20 s to forever); the answers
// themselves take milliseconds (npm run fuzz prints the slowest).
const LIMIT_MS = 10_000;
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 60);
const FUZZING = process.env['FUZZ_RUNS'] !== undefined;

type Check = (result: unknown) => void;

/** Calls `f` under the time limit: a ToplinesError passes, a result must pass `check`. */
function call(name: string, f: () => unknown, check: Check): void {
  const start = performance.now();
  let result: unknown;
  let error: unknown;
  let threw = false;
  try {
    result = f();
  } catch (e) {
    threw = true;
    error = e;
  }
  const elapsed = performance.now() - start;
  expect(elapsed, `${name} took ${elapsed.toFixed(0)} ms`).toBeLessThan(LIMIT_MS);
  if (threw) {
    expect(isToplinesError(error), `${name} threw ${String(error)}`).toBe(true);
    return;
  }
  check(result);
}

/** A finite number in [low, high] (expect is called only on failure: long arrays stay fast). */
const finite = (label: string, v: unknown, low = -Infinity, high = Infinity) => {
  if (typeof v === 'number' && Number.isFinite(v) && v >= low && v <= high) return;
  expect.fail(`${label} = ${String(v)}, want a finite number in [${low}, ${high}]`);
};

/** lower ≤ estimate ≤ upper, all finite, within [low, high]. */
function interval(
  label: string,
  lower: unknown,
  estimate: unknown,
  upper: unknown,
  low: number,
  high: number,
) {
  finite(`${label} lower`, lower, low, high);
  finite(`${label} upper`, upper, low, high);
  finite(`${label} estimate`, estimate, low, high);
  if (!((lower as number) <= (estimate as number) && (estimate as number) <= (upper as number))) {
    expect.fail(`${label}: want lower ≤ estimate ≤ upper, got ${String([lower, estimate, upper])}`);
  }
}

const pValue = (v: unknown) => finite('pValue', v, 0, 1);
/** A z statistic: ±Infinity where the docs say so (a zero standard error), never NaN. */
const zStat = (v: unknown) => {
  expect(typeof v).toBe('number');
  expect(Number.isNaN(v)).toBe(false);
};

// ---------------------------------------------------------------------------------------------
// Generators

const specials = fc.constantFrom(
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  -0,
  0,
  1,
  -1,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  1e-300,
  1e300,
  1e100,
  2 ** 53,
  2 ** 53 + 2,
  Number.MAX_SAFE_INTEGER,
  1 - 2 ** -53,
  0.5,
  1e-12,
  40.5,
  100,
);
const notNumber = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.constantFrom(null, undefined, true, {}, [], '0.5', '40.5%', Object.create(null)),
);
const anyNumber = fc.oneof(specials, fc.double(), fc.integer({ min: -5, max: 2_000_000 }));
const hostile = fc.oneof({ weight: 3, arbitrary: anyNumber }, { weight: 1, arbitrary: notNumber });
const proportion = fc.oneof(
  { weight: 4, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(0, 1, 1e-300, Number.MIN_VALUE, 1 - 2 ** -53) },
  { weight: 1, arbitrary: hostile },
);
const size = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 5000 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(1, 2, 3, 1037, 1e6, 1e10, 9e15, Number.MAX_SAFE_INTEGER),
  },
  { weight: 1, arbitrary: hostile },
);
const level = fc.oneof(
  fc.constant(undefined),
  fc.double({ min: 0, max: 1, noNaN: true }),
  fc.constantFrom(1e-300, 0.5, 0.9, 0.95, 0.99, 1 - 2 ** -53, 95),
  hostile,
);
const deff = fc.oneof(
  fc.constant(undefined),
  fc.double({ min: 1e-4, max: 1e4, noNaN: true }),
  fc.constantFrom(0.001, 1000, 1e-100, 1e-300, 1e300, 1e308, 0),
  hostile,
);
const prior = fc.oneof(
  fc.constant(undefined),
  fc.double({ min: 1e-310, max: 1e8, noNaN: true }),
  fc.constantFrom(1e50, 1e6, 1e-300),
  hostile,
);
const decimals = fc.oneof(fc.constant(undefined), fc.integer({ min: 0, max: 10 }), hostile);
const shareList = fc.oneof(
  { weight: 4, arbitrary: fc.array(proportion, { maxLength: 8 }) },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 2, max: 8 })
      .map((k) => Float64Array.from({ length: k }, (_, i) => (i + 1) / (k * (k + 1)))),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      new BigInt64Array(3),
      new Float64Array([Number.NaN, 0.5]),
      new Array(10_000).fill(1e-4),
      new Array(50_000).fill(1e-5),
      [1, 0],
      [0.5, 0.5],
    ),
  },
  { weight: 1, arbitrary: hostile },
);
const countList = fc.oneof(
  fc.array(fc.oneof(fc.integer({ min: 0, max: 60 }), hostile), { maxLength: 7 }),
  fc.constantFrom(new BigInt64Array(2), new Uint8Array([3, 4, 5]), [1e9, 1e9]),
  hostile,
);
/** An options object with hostile values (or, sometimes, not an object at all). */
function options<T extends Record<string, fc.Arbitrary<unknown>>>(shape: T) {
  return fc.oneof(
    { weight: 6, arbitrary: fc.record(shape, { requiredKeys: [] }) },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: hostile },
  );
}
const method = (methods: readonly string[]) => fc.oneof(fc.constantFrom(...methods), hostile);

const assertProperty = <T extends unknown[]>(
  args: { [K in keyof T]: fc.Arbitrary<T[K]> },
  predicate: (...values: T) => void,
  runs = RUNS,
) =>
  fc.assert(
    (fc.property as unknown as (...a: unknown[]) => fc.IProperty<T>)(
      ...(args as unknown[]),
      (...values: T) => {
        if (process.env['HOSTILE_TRACE']) writeFileSync('/tmp/trace', fc.stringify(values));
        predicate(...values);
      },
    ),
    { numRuns: runs },
  );

// ---------------------------------------------------------------------------------------------
// Every export

const proportionCheck: Check = (r) => {
  const ci = r as core.ProportionCI;
  interval('proportionCI', ci.lower, ci.estimate, ci.upper, 0, 1);
  finite('nEffective', ci.nEffective, Number.MIN_VALUE);
};

describe('hostile inputs: every export answers in range or throws a ToplinesError, in time', () => {
  const timeout = FUZZING ? 0 : 20_000;

  it('proportionCI', { timeout }, () => {
    const opts = options({
      level,
      deff,
      method: method(core.PROPORTION_CI_METHODS),
      reportedDecimals: decimals,
    });
    assertProperty([proportion, size, opts], (p, n, o) =>
      call(
        'proportionCI',
        () => core.proportionCI(p as number, n as number, o as never),
        proportionCheck,
      ),
    );
  });

  it('proportionCIs', { timeout }, () => {
    const opts = options({ level, deff, method: method(core.PROPORTION_CI_METHODS) });
    assertProperty([shareList, fc.oneof(size, countList), opts], (ps, ns, o) =>
      call(
        'proportionCIs',
        () => core.proportionCIs(ps as never, ns as never, o as never),
        (r) => {
          const { lower, upper } = r as core.ProportionCIs;
          const given = ps as ArrayLike<number>;
          for (let i = 0; i < lower.length; i++) {
            interval(`proportionCIs[${i}]`, lower[i], given[i], upper[i], 0, 1);
          }
        },
      ),
    );
  });

  it('marginOfError', { timeout }, () => {
    const opts = options({ level, deff, populationSize: size });
    assertProperty([proportion, size, opts], (p, n, o) =>
      call(
        'marginOfError',
        () => core.marginOfError(p as number, n as number, o as never),
        (r) => {
          finite('marginOfError', r, 0, 1);
          // 0 only where the docs say: p = 0 or 1, or the whole population sampled.
          // 0 only where the docs say: p = 0 or 1, a census, or an underflow.
          const o2 = (typeof o === 'object' && o !== null ? o : {}) as Record<string, unknown>;
          const census = o2['populationSize'] === n;
          const lvl = o2['level'] === undefined ? 0.95 : (o2['level'] as number);
          const tiny = lvl < 1e-15 || Math.min(p as number, 1 - (p as number)) < 1e-100;
          if (p !== 0 && p !== 1 && !census && !tiny) expect(r as number).toBeGreaterThan(0);
        },
      ),
    );
  });

  it('leadTest', { timeout }, () => {
    const opts = options({ level, deff, reportedDecimals: decimals });
    assertProperty([proportion, proportion, size, opts], (p1, p2, n, o) =>
      call(
        'leadTest',
        () => core.leadTest(p1 as number, p2 as number, n as number, o as never),
        (r) => {
          const l = r as core.LeadTest;
          interval('leadTest', l.lower, l.difference, l.upper, -1, 1);
          finite('se', l.se, 0);
          zStat(l.z);
          pValue(l.pValue);
        },
      ),
    );
  });

  it('twoProportionTest', { timeout }, () => {
    const opts = options({
      level,
      deff1: deff,
      deff2: deff,
      method: method(core.TWO_PROPORTION_METHODS),
      reportedDecimals: decimals,
    });
    assertProperty([proportion, size, proportion, size, opts], (p1, n1, p2, n2, o) =>
      call(
        'twoProportionTest',
        () =>
          core.twoProportionTest(
            p1 as number,
            n1 as number,
            p2 as number,
            n2 as number,
            o as never,
          ),
        (r) => {
          const t = r as core.TwoProportionTest;
          // Agresti–Caffo's interval is centred on the shrunk difference (its docs): ordered only.
          const estimate = t.method === 'agresti-caffo' ? (t.lower + t.upper) / 2 : t.difference;
          interval('twoProportionTest', t.lower, estimate, t.upper, -1, 1);
          zStat(t.z);
          pValue(t.pValue);
        },
      ),
    );
  });

  it('pairedDifference', { timeout }, () => {
    const opts = options({ overlap: proportion, level, deff });
    assertProperty([proportion, proportion, size, opts], (p1, p2, n, o) =>
      call(
        'pairedDifference',
        () => core.pairedDifference(p1 as number, p2 as number, n as number, o as never),
        (r) => {
          const d = r as core.PairedDifference;
          for (const c of [d, d.conservative, d.liberal]) {
            interval('pairedDifference', c.lower, d.difference, c.upper, -1, 1);
            zStat(c.z);
            pValue(c.pValue);
          }
        },
      ),
    );
  });

  it('leadChange', { timeout }, () => {
    const poll = fc.oneof(
      {
        weight: 5,
        arbitrary: fc.record(
          { p1: proportion, p2: proportion, n: size, deff },
          { requiredKeys: ['p1', 'p2', 'n'] },
        ),
      },
      { weight: 1, arbitrary: hostile },
    );
    assertProperty([poll, poll, options({ level })], (a, b, o) =>
      call(
        'leadChange',
        () => core.leadChange(a as never, b as never, o as never),
        (r) => {
          const c = r as core.LeadChange;
          finite('leadA', c.leadA, -1, 1);
          finite('leadB', c.leadB, -1, 1);
          interval('leadChange', c.lower, c.change, c.upper, -2, 2);
          zStat(c.z);
          pValue(c.pValue);
        },
      ),
    );
  });

  it('leadProbability', { timeout }, () => {
    assertProperty([proportion, proportion, size, options({ prior, deff })], (p1, p2, n, o) =>
      call(
        'leadProbability',
        () => core.leadProbability(p1 as number, p2 as number, n as number, o as never),
        (r) => finite('leadProbability', r, 0, 1),
      ),
    );
  });

  it('probabilityOfFirst', { timeout }, () => {
    const draws = fc.oneof(
      { weight: 6, arbitrary: fc.integer({ min: 100, max: 400 }) },
      { weight: 1, arbitrary: fc.constantFrom(1e7, 2e6, 99) },
      { weight: 1, arbitrary: hostile },
    );
    const opts = fc.oneof(
      fc.record(
        { draws, seed: fc.oneof(fc.integer(), hostile), prior, deff },
        { requiredKeys: ['draws'] },
      ),
      hostile,
    );
    assertProperty(
      [shareList, size, opts],
      (shares, n, o) =>
        call(
          'probabilityOfFirst',
          () => core.probabilityOfFirst(shares as never, n as number, o as never),
          (r) => {
            const top = r as core.ProbabilityOfFirst;
            for (const p of top.probabilities) finite('probability', p, 0, 1);
            for (const e of top.monteCarloError) finite('monteCarloError', e, 0, 1);
          },
        ),
      Math.max(20, Math.round(RUNS / 3)),
    );
  });

  it('multinomialCI', { timeout }, () => {
    const opts = options({ level, method: method(core.MULTINOMIAL_CI_METHODS) });
    assertProperty([shareList, size, opts], (shares, n, o) =>
      call(
        'multinomialCI',
        () => core.multinomialCI(shares as never, n as number, o as never),
        (r) => {
          const m = r as core.MultinomialCI;
          for (const c of m.intervals)
            interval('multinomialCI', c.lower, c.estimate, c.upper, 0, 1);
          for (const c of m.counts) finite('count', c, 0);
        },
      ),
    );
  });

  it('credibilityInterval', { timeout }, () => {
    const shapes = fc.oneof(
      fc.constantFrom('jeffreys', 'uniform', undefined),
      fc.tuple(prior, prior),
      hostile,
    );
    assertProperty([proportion, size, options({ level, deff, prior: shapes })], (p, n, o) =>
      call(
        'credibilityInterval',
        () => core.credibilityInterval(p as number, n as number, o as never),
        (r) => {
          // A posterior interval: ordered and in [0, 1], but it need not contain p (its docs).
          const c = r as core.CredibilityInterval;
          finite('lower', c.lower, 0, 1);
          finite('upper', c.upper, 0, 1);
          expect(c.lower).toBeLessThanOrEqual(c.upper);
        },
      ),
    );
  });

  it('consistentCounts', { timeout }, () => {
    const printed = fc.oneof(
      fc.double({ min: 0, max: 100, noNaN: true }),
      fc.constantFrom('40.5%', '51.0', '37.8273645182'),
      hostile,
    );
    assertProperty([printed, size, options({ decimals })], (percent, n, o) =>
      call(
        'consistentCounts',
        () => core.consistentCounts(percent as never, n as number, o as never),
        (r) => {
          if (r === null) return;
          const { min, max } = r as core.CountRange;
          expect(Number.isInteger(min) && Number.isInteger(max)).toBe(true);
          expect(0 <= min && min <= max && max <= (n as number)).toBe(true);
        },
      ),
    );
  });

  it('sampleSize', { timeout }, () => {
    const moe = fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), hostile);
    assertProperty([moe, options({ p: proportion, level, deff, populationSize: size })], (m, o) =>
      call(
        'sampleSize',
        () => core.sampleSize(m as number, o as never),
        (r) => {
          finite('sampleSize', r, 1, Number.MAX_SAFE_INTEGER);
          expect(Number.isInteger(r)).toBe(true);
        },
      ),
    );
  });

  it('impliedDesignEffect', { timeout }, () => {
    const moe = fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), hostile);
    assertProperty([moe, size, options({ p: proportion, level })], (m, n, o) =>
      call(
        'impliedDesignEffect',
        () => core.impliedDesignEffect(m as number, n as number, o as never),
        (r) => finite('impliedDesignEffect', r, 0.001, 1000),
      ),
    );
  });

  it('minimumDetectableDifference and comparisonPower', { timeout }, () => {
    const power = fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), hostile);
    assertProperty([size, size, options({ p: proportion, power, level, deff })], (n1, n2, o) =>
      call(
        'minimumDetectableDifference',
        () => core.minimumDetectableDifference(n1 as number, n2 as number, o as never),
        (r) => {
          if (r !== null) finite('minimumDetectableDifference', r, Number.MIN_VALUE, 1);
        },
      ),
    );
    assertProperty(
      [proportion, proportion, size, size, options({ level, deff })],
      (p1, p2, n1, n2, o) =>
        call(
          'comparisonPower',
          () =>
            core.comparisonPower(
              p1 as number,
              p2 as number,
              n1 as number,
              n2 as number,
              o as never,
            ),
          (r) => finite('comparisonPower', r, 0, 1),
        ),
    );
  });

  it('chiSquareGoodnessOfFit, multinomialExactTest and adjustPValues', { timeout }, () => {
    assertProperty([countList, shareList], (counts, props) => {
      call(
        'chiSquareGoodnessOfFit',
        () => core.chiSquareGoodnessOfFit(counts as never, props as never),
        (r) => {
          const c = r as core.ChiSquareGoodnessOfFit;
          finite('statistic', c.statistic, 0);
          finite('df', c.df, 0);
          pValue(c.pValue);
        },
      );
      call(
        'multinomialExactTest',
        () => core.multinomialExactTest(counts as never, props as never),
        (r) => pValue((r as core.MultinomialExactTest).pValue),
      );
    });
    assertProperty([shareList, method(core.P_ADJUST_METHODS)], (ps, m) =>
      call(
        'adjustPValues',
        () => core.adjustPValues(ps as never, m as never),
        (r) => {
          const given = ps as ArrayLike<number>;
          (r as number[]).forEach((v, i) => {
            // NaN in, NaN out: documented.
            if (Number.isNaN(given[i])) expect(Number.isNaN(v)).toBe(true);
            else pValue(v);
          });
        },
      ),
    );
  });

  it('binomialTest, fisherExactTest and mcnemarExactTest', { timeout }, () => {
    const count = fc.oneof(fc.integer({ min: 0, max: 3000 }), fc.constantFrom(1e9, 9e15), hostile);
    const alternative = fc.oneof(fc.constantFrom(...core.ALTERNATIVES), hostile);
    const opts = options({ level, alternative });
    assertProperty(
      [count, size, fc.oneof(proportion, fc.constant(undefined)), opts],
      (x, n, p0, o) =>
        call(
          'binomialTest',
          () => core.binomialTest(x as number, n as number, p0 as number, o as never),
          (r) => {
            const b = r as core.BinomialTest;
            pValue(b.pValue);
            interval('binomialTest', b.lower, b.estimate, b.upper, 0, 1);
          },
        ),
    );
    assertProperty([count, size, count, size, opts], (x1, n1, x2, n2, o) =>
      call(
        'fisherExactTest',
        () =>
          core.fisherExactTest(x1 as number, n1 as number, x2 as number, n2 as number, o as never),
        (r) => {
          const f = r as core.FisherExactTest;
          pValue(f.pValue);
          // The odds ratio and its bounds may be 0 or Infinity (a zero cell): never NaN.
          for (const v of [f.oddsRatio, f.lower, f.upper]) expect(v >= 0).toBe(true);
          expect(f.lower <= f.oddsRatio && f.oddsRatio <= f.upper).toBe(true);
        },
      ),
    );
    assertProperty([count, count], (b, c) =>
      call(
        'mcnemarExactTest',
        () => core.mcnemarExactTest(b as number, c as number),
        (r) => {
          const m = r as core.McNemarExactTest;
          pValue(m.pValue);
          pValue(m.largeSamplePValue);
          finite('statistic', m.statistic, 0);
        },
      ),
    );
  });

  it('sampleCaveat and explain', { timeout }, () => {
    const sampleType = fc.oneof(fc.constantFrom(...core.SAMPLE_TYPES), hostile);
    assertProperty([sampleType, options({ mode: fc.oneof(fc.string(), hostile) })], (t, o) =>
      call(
        'sampleCaveat',
        () => core.sampleCaveat(t as never, o as never),
        (r) => {
          if (r !== null) expect(typeof r).toBe('string');
        },
      ),
    );
    const field = fc.oneof(proportion, hostile);
    const result = fc.oneof(
      fc.record(
        {
          kind: fc.oneof(
            fc.constantFrom(
              'proportion',
              'credibility',
              'lead',
              'two-sample',
              'paired',
              'lead-change',
            ),
            hostile,
          ),
          estimate: field,
          lower: field,
          upper: field,
          level: field,
          n: size,
          n1: size,
          n2: size,
          nEffective: size,
          p1: field,
          p2: field,
          difference: field,
          pValue: field,
          leadA: field,
          leadB: field,
          change: field,
          overlap: field,
          overlapKnown: fc.boolean(),
          model: fc.oneof(fc.string(), hostile),
          conservative: fc.record({ lower: field, upper: field }),
          liberal: fc.record({ lower: field, upper: field }),
        },
        { requiredKeys: [] },
      ),
      fc.constantFrom(
        core.proportionCI(0.405, 1037),
        core.leadTest(0.405, 0.345, 1037),
        core.leadTest(0.405, 0.345, 1),
        core.pairedDifference(0.565, 0.532, 536),
        core.twoProportionTest(0.45, 1000, 0.18, 1000),
        core.credibilityInterval(0.42, 1000, { deff: 1.6 }),
      ),
      hostile,
    );
    const labels = fc.oneof(fc.array(fc.oneof(fc.string(), hostile), { maxLength: 3 }), hostile);
    const opts = options({
      labels,
      sampleType,
      caveat: fc.oneof(fc.boolean(), hostile),
      mode: fc.oneof(fc.string(), hostile),
      publishedMoe: fc.oneof(proportion, hostile),
    });
    assertProperty([result, opts], (r, o) =>
      call(
        'explain',
        () => core.explain(r as never, o as never),
        (text) => {
          expect(typeof text).toBe('string');
          // A label is printed as given (String(NaN) is a usable label): check plain labels only.
          const given = (typeof o === 'object' && o !== null ? o : {}) as { labels?: unknown };
          const plain =
            !Array.isArray(given.labels) || given.labels.every((l) => typeof l === 'string');
          if (plain) expect(text as string).not.toMatch(/NaN|Infinity|undefined/);
        },
      ),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// The reproducers of issue #18, each answering within a second.

/** Runs `f` under the time limit and returns what it threw (a ToplinesError) or returned. */
function timed(f: () => unknown): { result?: unknown; error?: Error & { code: string } } {
  const start = performance.now();
  let out: { result?: unknown; error?: Error & { code: string } };
  try {
    out = { result: f() };
  } catch (e) {
    expect(isToplinesError(e), String(e)).toBe(true);
    out = { error: e as Error & { code: string } };
  }
  expect(performance.now() - start).toBeLessThan(LIMIT_MS);
  return out;
}

describe('issue #18: never hang', () => {
  it('leadProbability refuses a prior of 1e50', () => {
    expect(
      timed(() => core.leadProbability(0.405, 0.345, 1037, { prior: 1e50 })).error?.message,
    ).toMatch(/prior to be greater than 0 and at most 1000000/);
  });
  it('leadProbability refuses n = 1e100', () => {
    expect(timed(() => core.leadProbability(0.405, 0.345, 1e100)).error?.message).toMatch(
      /n to be at most 9007199254740991/,
    );
  });
  it('proportionCI refuses deff = 1e-100 (jeffreys) and 1e-300 (clopper-pearson)', () => {
    for (const [deff, method] of [
      [1e-100, 'jeffreys'],
      [1e-300, 'clopper-pearson'],
    ] as const) {
      expect(timed(() => core.proportionCI(0.405, 1037, { deff, method })).error?.message).toMatch(
        /deff \(the design effect\) to be from 0.001 to 1000/,
      );
    }
  });
  it('consistentCounts refuses n = 1e308 and answers at n = 1e10 in O(1)', () => {
    expect(timed(() => core.consistentCounts(40.5, 1e308)).error?.code).toBe('out-of-range');
    expect(timed(() => core.consistentCounts(37.8273645182, 1e10)).result).toBeNull();
    expect(timed(() => core.consistentCounts(37.8273645182, 1e12)).result).toEqual({
      min: 378273645180,
      max: 378273645184,
    });
  });
  it("multinomialCI([1, 0], 1e9, 'sison-glaz') gives up (not-converged) within a second", () => {
    const { error } = timed(() => core.multinomialCI([1, 0], 1e9, { method: 'sison-glaz' }));
    expect(error?.code).toBe('not-converged');
    expect(
      timed(() => core.multinomialCI([0.5, 0.5], 1e12, { method: 'sison-glaz' })).error?.message,
    ).toMatch(/k·√n at most 100000/);
  });
  it('probabilityOfFirst with 10,000 shares draws within the budget', () => {
    const { result } = timed(() => core.probabilityOfFirst(new Array(10_000).fill(0.0001), 1000));
    expect((result as core.ProbabilityOfFirst).draws).toBe(200);
    expect(timed(() => core.probabilityOfFirst([0.4, 0.3], 1000, { draws: 1e7 })).error?.code).toBe(
      'out-of-range',
    );
  });
  it('fisherExactTest and mcnemarExactTest refuse counts they cannot sum in time', () => {
    expect(timed(() => core.fisherExactTest(1e9, 2e9, 1e9, 2e9)).error?.code).toBe('out-of-range');
    expect(timed(() => core.mcnemarExactTest(1217508, Number.MAX_VALUE)).error?.code).toBe(
      'out-of-range',
    );
  });
});

describe('issue #18: out-of-range answers', () => {
  it('proportionCI refuses deff = 1e300 instead of returning upper: Infinity', () => {
    expect(timed(() => core.proportionCI(0.405, 1037, { deff: 1e300 })).error?.code).toBe(
      'out-of-range',
    );
  });
  it('leadTest, pairedDifference and leadChange keep their intervals in range at n ≤ 2', () => {
    const lead = timed(() => core.leadTest(0.405, 0.345, 1)).result as core.LeadTest;
    expect([lead.lower, lead.upper]).toEqual([-1, 1]);
    const paired = timed(() => core.pairedDifference(0.405, 0.345, 2))
      .result as core.PairedDifference;
    expect(paired.lower).toBeGreaterThanOrEqual(-1);
    expect(paired.conservative.upper).toBeLessThanOrEqual(1);
    const change = timed(() =>
      core.leadChange({ p1: 0.9, p2: 0.1, n: 1 }, { p1: 0.1, p2: 0.9, n: 2 }),
    ).result as core.LeadChange;
    expect(change.lower).toBe(-2);
    expect(change.upper).toBeLessThanOrEqual(2);
  });
  it('marginOfError(0.5, 10, { deff: 100 }) is capped at 1', () => {
    expect(timed(() => core.marginOfError(0.5, 10, { deff: 100 })).result).toBe(1);
  });
  it('proportionCI jeffreys at level 0.5 contains its estimate 0.001 of 3', () => {
    const ci = timed(() => core.proportionCI(0.001, 3, { method: 'jeffreys', level: 0.5 }))
      .result as core.ProportionCI;
    expect(ci.lower).toBe(0.001);
    expect(ci.upper).toBeGreaterThan(0.001);
  });
  it('sampleSize refuses deff = 1e308 and a margin of 1e-300 instead of NaN and Infinity', () => {
    expect(
      timed(() => core.sampleSize(0.03, { deff: 1e308, populationSize: 1e5 })).error?.code,
    ).toBe('out-of-range');
    expect(timed(() => core.sampleSize(1e-300)).error?.message).toMatch(
      /needs more than 9007199254740991/,
    );
    expect(timed(() => core.sampleSize(1e-300, { populationSize: 1e5 })).result).toBe(1e5);
  });
  it('impliedDesignEffect(1e-300, 1037) throws instead of returning 0', () => {
    expect(timed(() => core.impliedDesignEffect(1e-300, 1037)).error?.message).toMatch(
      /implies a design effect of 0/,
    );
  });
});

describe('issue #18: named errors, never raw ones', () => {
  it('proportionCIs with BigInt64Arrays throws a ToplinesError', () => {
    expect(timed(() => core.proportionCIs(new BigInt64Array(2) as never, 1037)).error?.code).toBe(
      'invalid-type',
    );
    expect(
      timed(() => core.proportionCIs([0.4], new BigInt64Array([5n]) as never)).error?.code,
    ).toBe('invalid-type');
  });
  it('an options object whose getter throws gives invalid-option, naming the option', () => {
    const options = {
      get level(): number {
        throw new TypeError('boom');
      },
    };
    const { error } = timed(() => core.proportionCI(0.4, 1037, options));
    expect(error?.code).toBe('invalid-option');
    expect(error?.message).toMatch(/options\.level/);
    const poll = {
      p1: 0.4,
      p2: 0.3,
      get n(): number {
        throw new Error('boom');
      },
    };
    expect(timed(() => core.leadChange(poll, poll)).error?.message).toMatch(/pollA\.n/);
  });
  it('explain refuses results with NaN or missing fields and unprintable labels', () => {
    const bad = { kind: 'proportion', estimate: NaN, lower: NaN, upper: NaN, level: 0.95, n: NaN };
    expect(timed(() => core.explain(bad as never)).error?.message).toMatch(
      /estimate a number in \[0, 1\], got NaN/,
    );
    expect(
      timed(() => core.explain({ kind: 'lead-change', leadA: 1 } as never)).error?.message,
    ).toMatch(/leadB/);
    expect(
      timed(() => core.explain({ estimate: 0.4, method: 'wilson' } as never)).error?.message,
    ).toMatch(/got an object of kind undefined/);
    const labels = [Object.create(null)] as never;
    expect(timed(() => core.explain(core.proportionCI(0.4, 100), { labels })).error?.code).toBe(
      'invalid-option',
    );
  });
});
