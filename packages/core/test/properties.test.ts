// Properties every interval must have, whatever the reference says:
// ordered and inside [0, 1], nested as the level grows, symmetric under
// x ↔ n − x, narrowing as n grows; and Wilson's coverage near nominal in a
// seeded simulation.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  leadTest,
  marginOfError,
  PROPORTION_CI_METHODS,
  proportionCI,
  TWO_PROPORTION_METHODS,
  twoProportionTest,
} from '../src/index';

const TOL = 1e-12;

/** A sample: n from 1 to 100,000 and a whole count x from 0 to n. */
const sample = fc
  .integer({ min: 1, max: 100_000 })
  .chain((n) => fc.record({ n: fc.constant(n), x: fc.integer({ min: 0, max: n }) }));
const level = fc.double({ min: 0.5, max: 0.999, noNaN: true });
const deff = fc.double({ min: 0.5, max: 4, noNaN: true });

describe.each(PROPORTION_CI_METHODS)('proportionCI, method %s', (method) => {
  it('has 0 ≤ lower ≤ estimate ≤ upper ≤ 1', () => {
    fc.assert(
      fc.property(sample, level, deff, ({ n, x }, lvl, d) => {
        const ci = proportionCI(x / n, n, { method, level: lvl, deff: d });
        expect(ci.lower).toBeGreaterThanOrEqual(0);
        expect(ci.upper).toBeLessThanOrEqual(1);
        expect(ci.lower).toBeLessThanOrEqual(ci.estimate + TOL);
        expect(ci.estimate).toBeLessThanOrEqual(ci.upper + TOL);
      }),
      { numRuns: 500 },
    );
  });

  it('nests: a higher level gives an interval that contains the lower level one', () => {
    fc.assert(
      fc.property(sample, level, level, ({ n, x }, a, b) => {
        const [lo, hi] = a < b ? [a, b] : [b, a];
        const narrow = proportionCI(x / n, n, { method, level: lo });
        const wide = proportionCI(x / n, n, { method, level: hi });
        expect(wide.lower).toBeLessThanOrEqual(narrow.lower + TOL);
        expect(wide.upper).toBeGreaterThanOrEqual(narrow.upper - TOL);
      }),
      { numRuns: 300 },
    );
  });

  it('mirrors: the interval for x is one minus the interval for n − x', () => {
    fc.assert(
      fc.property(sample, level, ({ n, x }, lvl) => {
        const ci = proportionCI(x / n, n, { method, level: lvl });
        const mirror = proportionCI((n - x) / n, n, { method, level: lvl });
        expect(Math.abs(ci.lower - (1 - mirror.upper))).toBeLessThan(1e-11);
        expect(Math.abs(ci.upper - (1 - mirror.lower))).toBeLessThan(1e-11);
      }),
      { numRuns: 300 },
    );
  });

  it('narrows as n grows at the same share', () => {
    fc.assert(
      fc.property(sample, fc.integer({ min: 2, max: 20 }), ({ n, x }, k) => {
        const small = proportionCI(x / n, n, { method });
        const large = proportionCI((k * x) / (k * n), k * n, { method });
        expect(large.upper - large.lower).toBeLessThanOrEqual(small.upper - small.lower + TOL);
      }),
      { numRuns: 300 },
    );
  });

  it('widens with the design effect', () => {
    fc.assert(
      fc.property(sample, fc.double({ min: 1, max: 4, noNaN: true }), ({ n, x }, d) => {
        const plain = proportionCI(x / n, n, { method });
        const inflated = proportionCI(x / n, n, { method, deff: d });
        expect(inflated.nEffective).toBeCloseTo(n / d, 9);
        expect(inflated.upper - inflated.lower).toBeGreaterThanOrEqual(
          plain.upper - plain.lower - TOL,
        );
      }),
      { numRuns: 200 },
    );
  });
});

describe('leadTest and twoProportionTest', () => {
  it('leadTest: the interval is centred on the difference and contains it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n, a, b) => {
          const p1 = a;
          const p2 = b * (1 - a);
          const lead = leadTest(p1, p2, n);
          expect(lead.lower).toBeLessThanOrEqual(lead.difference);
          expect(lead.upper).toBeGreaterThanOrEqual(lead.difference);
          // Centred on the difference unless clipped to [−1, 1] (tiny n).
          const clipped = lead.lower === -1 || lead.upper === 1;
          if (!clipped)
            expect(Math.abs(lead.upper + lead.lower - 2 * lead.difference)).toBeLessThan(1e-12);
          expect(lead.lower).toBeGreaterThanOrEqual(-1);
          expect(lead.upper).toBeLessThanOrEqual(1);
          expect(Number.isNaN(lead.z) || Number.isNaN(lead.pValue)).toBe(false);
          expect(lead.pValue).toBeGreaterThanOrEqual(0);
          expect(lead.pValue).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("leadTest: a lead's margin exceeds the margin of either share", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.double({ min: 0.01, max: 0.98, noNaN: true }),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        (n, a, b) => {
          const p2 = b * (1 - a);
          const lead = leadTest(a, p2, n);
          // The unclipped half-width (se · z); the reported bounds are clipped to [−1, 1].
          const half = lead.se * 1.959963984540054;
          expect(half).toBeGreaterThanOrEqual(marginOfError(a, n) - TOL);
          expect(half).toBeGreaterThanOrEqual(marginOfError(p2, n) - TOL);
        },
      ),
      { numRuns: 300 },
    );
  });

  it.each(TWO_PROPORTION_METHODS)(
    'twoProportionTest %s: the interval lies in [−1, 1], is ordered and never NaN',
    (method) => {
      fc.assert(
        fc.property(sample, sample, level, (s1, s2, lvl) => {
          const t = twoProportionTest(s1.x / s1.n, s1.n, s2.x / s2.n, s2.n, { method, level: lvl });
          expect(t.lower).toBeGreaterThanOrEqual(-1);
          expect(t.upper).toBeLessThanOrEqual(1);
          expect(t.lower).toBeLessThanOrEqual(t.upper);
          expect(Number.isNaN(t.z) || Number.isNaN(t.pValue)).toBe(false);
          expect(t.pValue).toBeGreaterThanOrEqual(0);
          expect(t.pValue).toBeLessThanOrEqual(1);
        }),
        { numRuns: 300 },
      );
    },
  );

  it('twoProportionTest: swapping the samples negates the difference and mirrors the interval', () => {
    fc.assert(
      fc.property(sample, sample, (s1, s2) => {
        const ab = twoProportionTest(s1.x / s1.n, s1.n, s2.x / s2.n, s2.n);
        const ba = twoProportionTest(s2.x / s2.n, s2.n, s1.x / s1.n, s1.n);
        expect(Math.abs(ab.lower + ba.upper)).toBeLessThan(1e-12);
        expect(Math.abs(ab.upper + ba.lower)).toBeLessThan(1e-12);
        expect(ab.pValue).toBeCloseTo(ba.pValue, 12);
      }),
      { numRuns: 300 },
    );
  });
});

/** Mulberry32: a small seeded generator, so the simulation is repeatable. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('Wilson coverage (seeded simulation)', () => {
  // 20,000 simulated polls per setting: the Monte Carlo standard error of a
  // coverage near 0.95 is √(0.95·0.05/20000) ≈ 0.0015, so ±0.015 is ten of them
  // on top of Wilson's own known oscillation around the nominal level.
  const polls = 20_000;
  // Object cases and $names: with printf-style titles, vitest 4 prints "95%%"
  // as "95% undefined".
  it.each([
    { truth: 0.5, n: 100 },
    { truth: 0.3, n: 200 },
    { truth: 0.405, n: 1037 },
    { truth: 0.1, n: 500 },
  ])('true share $truth, n = $n: 95% intervals cover it about 95% of the time', ({ truth, n }) => {
    const random = mulberry32(20250819);
    let covered = 0;
    for (let i = 0; i < polls; i++) {
      let x = 0;
      for (let j = 0; j < n; j++) if (random() < truth) x++;
      const ci = proportionCI(x / n, n);
      if (ci.lower <= truth && truth <= ci.upper) covered++;
    }
    expect(Math.abs(covered / polls - 0.95)).toBeLessThan(0.015);
  });
});

describe('design effects', () => {
  it('a design effect is the same as a smaller sample: n/deff', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 2, max: 4 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (m1, m2, d, p1, p2) => {
          const withDeff = twoProportionTest(p1, m1 * d, p2, m2 * d, { deff1: d, deff2: d });
          const smaller = twoProportionTest(p1, m1, p2, m2);
          expect(withDeff.lower).toBeCloseTo(smaller.lower, 12);
          expect(withDeff.upper).toBeCloseTo(smaller.upper, 12);
          expect(withDeff.pValue).toBeCloseTo(smaller.pValue, 12);
          const ci = proportionCI(p1, m1 * d, { deff: d, method: 'clopper-pearson' });
          const plain = proportionCI(p1, m1, { method: 'clopper-pearson' });
          expect(ci.lower).toBeCloseTo(plain.lower, 12);
          expect(ci.upper).toBeCloseTo(plain.upper, 12);
        },
      ),
      { numRuns: 200 },
    );
  });
});
