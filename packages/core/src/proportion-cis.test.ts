// proportionCIs must give what proportionCI gives one case at a time, bit for bit, for every
// method (Wilson's bulk loop runs the same operations as wilsonBounds, in the same order).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ToplinesError } from './errors';
import { PROPORTION_CI_METHODS, type ProportionCIMethod, proportionCI } from './proportion-ci';
import { proportionCIs } from './proportion-cis';

/** Checks every case of a bulk call against the one-case API. */
function expectSameAsOneAtATime(
  ps: number[],
  ns: number[],
  options: { method: ProportionCIMethod; level?: number; deff?: number },
): void {
  const bulk = proportionCIs(ps, ns, options);
  expect(bulk.lower).toBeInstanceOf(Float64Array);
  expect(bulk.lower.length).toBe(ps.length);
  for (let i = 0; i < ps.length; i++) {
    const one = proportionCI(ps[i] as number, ns[i] as number, options);
    const label = `${options.method} p=${ps[i]} n=${ns[i]} level=${options.level} deff=${options.deff}`;
    expect(bulk.lower[i], label).toBe(one.lower);
    expect(bulk.upper[i], label).toBe(one.upper);
  }
}

/** A case: n from 1 to 20,000 and a whole count x from 0 to n. */
const sample = fc
  .integer({ min: 1, max: 20_000 })
  .chain((n) => fc.record({ n: fc.constant(n), x: fc.integer({ min: 0, max: n }) }));

describe.each(PROPORTION_CI_METHODS)('proportionCIs, method %s', (method) => {
  it('equals proportionCI case by case (property, any level and deff)', () => {
    fc.assert(
      fc.property(
        fc.array(sample, { minLength: 1, maxLength: 20 }),
        fc.double({ min: 0.5, max: 0.999, noNaN: true }),
        fc.double({ min: 0.5, max: 4, noNaN: true }),
        (cases, level, deff) => {
          const ps = cases.map((c) => c.x / c.n);
          const ns = cases.map((c) => c.n);
          expectSameAsOneAtATime(ps, ns, { method, level, deff });
        },
      ),
      { numRuns: 150 },
    );
  });

  it('equals proportionCI at x = 0, x = n and p = ½, with and without deff', () => {
    const ns = [1, 2, 10, 1037, 1037, 1037, 5000, 1e6];
    for (const deff of [undefined, 1, 1.8, 0.7]) {
      const options = deff === undefined ? { method } : { method, deff };
      expectSameAsOneAtATime([0, 1, 0.5, 0, 1, 0.5, 1 / 5000, 0.999999], ns, options);
    }
  });

  it('gives exactly 0 at x = 0 and 1 at x = n', () => {
    const cis = proportionCIs([0, 1, 0, 1], [1, 1, 5000, 5000], { method });
    expect([...cis.lower.subarray(0, 1), ...cis.lower.subarray(2, 3)]).toEqual([0, 0]);
    expect([cis.upper[1], cis.upper[3]]).toEqual([1, 1]);
  });
});

describe('proportionCIs inputs', () => {
  it('takes typed arrays and one n for every case', () => {
    const ps = new Float64Array([420 / 1037, 0.345, 0.25]);
    const byArray = proportionCIs(ps, [1037, 1037, 1037], { method: 'clopper-pearson' });
    const byNumber = proportionCIs(ps, 1037, { method: 'clopper-pearson' });
    const byTyped = proportionCIs(ps, new Uint16Array([1037, 1037, 1037]), {
      method: 'clopper-pearson',
    });
    expect(byNumber).toEqual(byArray);
    expect(byTyped).toEqual(byArray);
    // R 4.2.2: binom.test(420, 1037)$conf.int = 0.3749604530 0.4356091928
    expect(byNumber.lower[0]).toBeCloseTo(0.374960453, 9);
    expect(byNumber.upper[0]).toBeCloseTo(0.4356091928, 9);
  });

  it('gives empty arrays for no cases', () => {
    expect(proportionCIs([], [])).toEqual({
      lower: new Float64Array(0),
      upper: new Float64Array(0),
    });
  });

  it('defaults to Wilson at 95%', () => {
    const ci = proportionCI(0.405, 1037);
    const cis = proportionCIs([0.405], 1037);
    expect(Math.abs((cis.lower[0] as number) - ci.lower)).toBeLessThanOrEqual(1e-15);
  });

  const cases: [string, () => unknown, string, string][] = [
    [
      'a percentage, naming its index',
      () => proportionCIs([0.4, 40.5], [100, 100]),
      'percentage-not-proportion',
      'proportionCIs requires ps[1] to be a proportion in [0, 1], got 40.5: this looks like a percentage, pass 0.405 for 40.5%',
    ],
    [
      'a negative proportion',
      () => proportionCIs(new Float64Array([0.4, 0.1, -0.2]), 100),
      'out-of-range',
      'proportionCIs requires ps[2] to be a proportion in [0, 1], got -0.2',
    ],
    [
      'NaN',
      () => proportionCIs([Number.NaN], 100),
      'not-finite',
      'proportionCIs requires ps[0] to be a finite number, got NaN',
    ],
    [
      'a string proportion',
      () => proportionCIs(['0.4' as unknown as number], 100),
      'invalid-type',
      'proportionCIs requires ps[0] to be a number, got "0.4"',
    ],
    [
      'a fractional n, naming its index',
      () => proportionCIs([0.4, 0.5], [100, 10.5]),
      'not-integer',
      'proportionCIs requires ns[1] to be a positive integer, got 10.5',
    ],
    [
      'n = 0',
      () => proportionCIs([0.4, 0.5], new Float64Array([0, 10])),
      'out-of-range',
      'proportionCIs requires ns[0] to be a positive integer, got 0',
    ],
    [
      'an infinite n',
      () => proportionCIs([0.4], [Number.POSITIVE_INFINITY]),
      'not-finite',
      'proportionCIs requires ns[0] to be a finite number, got Infinity',
    ],
    [
      'a bad single n',
      () => proportionCIs([0.4], -3),
      'out-of-range',
      'proportionCIs requires ns to be a positive integer, got -3',
    ],
    [
      'lengths that differ',
      () => proportionCIs([0.4, 0.5], [100]),
      'length-mismatch',
      'proportionCIs requires ps and ns to have the same length, got 2 and 1',
    ],
    [
      'ps not an array',
      () => proportionCIs(0.4 as unknown as number[], 100),
      'invalid-type',
      'proportionCIs requires ps to be an array of numbers, got 0.4',
    ],
    [
      'an unknown method',
      () => proportionCIs([0.4], 100, { method: 'exact' as ProportionCIMethod }),
      'invalid-option',
      'proportionCIs requires method to be one of',
    ],
    [
      'a level given as a percentage',
      () => proportionCIs([0.4], 100, { level: 95 }),
      'percentage-not-proportion',
      'proportionCIs requires level to be in (0, 1), got 95',
    ],
    [
      'deff = 0',
      () => proportionCIs([0.4], 100, { deff: 0 }),
      'out-of-range',
      'proportionCIs requires deff (the design effect) to be greater than 0, got 0',
    ],
  ];
  it.each(cases)('refuses %s', (_, call, code, message) => {
    let error: unknown;
    try {
      call();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ToplinesError);
    expect((error as ToplinesError).code).toBe(code);
    expect((error as ToplinesError).message).toContain(message);
  });
});
