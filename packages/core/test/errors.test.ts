// Bad input: every public function refuses it with a ToplinesError whose
// code says what kind of problem it is and whose message names the
// function and the value. Nothing returns NaN.
import { describe, expect, it } from 'vitest';
import {
  adjustPValues,
  chiSquareGoodnessOfFit,
  consistentCounts,
  leadTest,
  marginOfError,
  proportionCI,
  sampleSize,
  ToplinesError,
  type ToplinesErrorCode,
  twoProportionTest,
} from '../src/index';

function expectError(run: () => unknown, code: ToplinesErrorCode, ...fragments: string[]) {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ToplinesError);
  expect(caught).toBeInstanceOf(RangeError);
  const error = caught as ToplinesError;
  expect(error.code).toBe(code);
  for (const fragment of fragments) expect(error.message).toContain(fragment);
  expect(error.message).not.toMatch(/\.$/);
}

describe('a percentage passed where a proportion is meant', () => {
  it('proportionCI(40.5, 1037) says to pass 0.405', () => {
    expectError(
      () => proportionCI(40.5, 1037),
      'percentage-not-proportion',
      'proportionCI',
      '40.5',
      'pass 0.405',
    );
  });
  it('marginOfError(50, 1037) says to pass 0.5', () => {
    expectError(
      () => marginOfError(50, 1037),
      'percentage-not-proportion',
      'marginOfError',
      'pass 0.5',
    );
  });
  it('leadTest names the argument', () => {
    expectError(() => leadTest(0.405, 34.5, 1037), 'percentage-not-proportion', 'p2', 'pass 0.345');
  });
  it('twoProportionTest names the argument', () => {
    expectError(
      () => twoProportionTest(45, 1000, 0.18, 1000),
      'percentage-not-proportion',
      'p1',
      '45',
    );
  });
  it('a level of 95 says to pass 0.95', () => {
    expectError(
      () => proportionCI(0.4, 100, { level: 95 }),
      'percentage-not-proportion',
      'pass 0.95',
    );
  });
  it('sampleSize(3) reads 3 as points and says to pass 0.03', () => {
    expectError(() => sampleSize(3), 'percentage-not-proportion', 'sampleSize', 'pass 0.03');
  });
  it('chi-square proportions summing to 100 are named as percentages', () => {
    expectError(
      () => chiSquareGoodnessOfFit([10, 20], [40, 60]),
      'out-of-range',
      'sum to 1',
      'percentages',
    );
  });
});

describe('sample sizes', () => {
  it.each([
    [0, 'out-of-range'],
    [-3, 'out-of-range'],
    [10.5, 'not-integer'],
  ] as const)('n = %s is refused', (n, code) => {
    expectError(
      () => proportionCI(0.5, n),
      code,
      'proportionCI requires n to be a positive integer',
      String(n),
    );
    expectError(() => marginOfError(0.5, n), code, 'marginOfError', String(n));
    expectError(() => leadTest(0.4, 0.3, n), code, 'leadTest', String(n));
    expectError(() => twoProportionTest(0.4, 100, 0.3, n), code, 'n2', String(n));
    expectError(() => consistentCounts(40.5, n), code, 'consistentCounts', String(n));
  });
});

describe('non-finite and non-numeric values', () => {
  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])('p = %s', (p) => {
    expectError(() => proportionCI(p, 100), 'not-finite', 'proportionCI', String(p));
  });
  it('a string where a number is meant', () => {
    expectError(
      () => proportionCI('0.405' as unknown as number, 1037),
      'invalid-type',
      'proportionCI requires p to be a number, got "0.405"',
    );
  });
  it('n = Infinity', () => {
    expectError(() => proportionCI(0.5, Number.POSITIVE_INFINITY), 'not-finite', 'n');
  });
  it('a negative proportion', () => {
    expectError(() => proportionCI(-0.1, 100), 'out-of-range', '-0.1');
  });
  it('a value over 100 is out of range, not a percentage', () => {
    expectError(() => proportionCI(140, 100), 'out-of-range', '140');
  });
});

describe('options', () => {
  it.each([0, 1, -0.5, 1.5, 100])('level = %s is refused', (level) => {
    expect(() => proportionCI(0.5, 100, { level })).toThrow(ToplinesError);
    expect(() => marginOfError(0.5, 100, { level })).toThrow(/level/);
    expect(() => leadTest(0.4, 0.3, 100, { level })).toThrow(/level/);
    expect(() => sampleSize(0.03, { level })).toThrow(/level/);
  });
  it.each([0, -1])('deff = %s is refused', (deff) => {
    expectError(() => proportionCI(0.5, 100, { deff }), 'out-of-range', 'deff', String(deff));
    expectError(() => marginOfError(0.5, 100, { deff }), 'out-of-range', 'deff');
    expectError(() => leadTest(0.4, 0.3, 100, { deff }), 'out-of-range', 'deff');
    expectError(
      () => twoProportionTest(0.4, 100, 0.3, 100, { deff2: deff }),
      'out-of-range',
      'deff2',
    );
    expectError(() => sampleSize(0.03, { deff }), 'out-of-range', 'deff');
  });
  it('populationSize smaller than n', () => {
    expectError(
      () => marginOfError(0.5, 1037, { populationSize: 500 }),
      'out-of-range',
      'populationSize',
      '1037',
      '500',
    );
  });
  it('unknown methods name the allowed ones', () => {
    expectError(
      () => proportionCI(0.5, 100, { method: 'exact' as never }),
      'invalid-option',
      '"clopper-pearson"',
      '"exact"',
    );
    expectError(
      () => twoProportionTest(0.5, 100, 0.4, 100, { method: 'score' as never }),
      'invalid-option',
      '"newcombe"',
    );
    expectError(() => adjustPValues([0.01], 'fdr' as never), 'invalid-option', '"bh"', '"fdr"');
  });
  it('options that are not an object', () => {
    expectError(() => proportionCI(0.5, 100, 0.9 as never), 'invalid-type', 'options');
  });
  it('decimals that are not a whole number', () => {
    expectError(() => consistentCounts(40.5, 1037, { decimals: 1.5 }), 'out-of-range', 'decimals');
  });
});

describe('arrays', () => {
  it('mismatched lengths', () => {
    expectError(
      () => chiSquareGoodnessOfFit([1, 2, 3], [0.5, 0.5]),
      'length-mismatch',
      'chiSquareGoodnessOfFit',
      '3 and 2',
    );
  });
  it('empty arrays (adjustPValues adjusts an empty family to [], as p.adjust)', () => {
    expect(adjustPValues([], 'holm')).toEqual([]);
    expectError(() => chiSquareGoodnessOfFit([], []), 'empty-input');
  });
  it('a NaN inside an array names its index (adjustPValues keeps it, as p.adjust keeps NA)', () => {
    expectError(() => chiSquareGoodnessOfFit([1, Number.NaN], [0.5, 0.5]), 'not-finite', 'index 1');
    expect(adjustPValues([0.1, Number.NaN], 'bh')).toEqual([0.1, Number.NaN]);
  });
  it('p-values outside [0, 1]', () => {
    expectError(() => adjustPValues([0.1, 1.2], 'bh'), 'out-of-range', '1.2', 'index 1');
  });
  it('negative counts, zero proportions, all-zero counts', () => {
    expectError(() => chiSquareGoodnessOfFit([-1, 2], [0.5, 0.5]), 'out-of-range', '-1');
    expectError(() => chiSquareGoodnessOfFit([1, 2], [0, 1]), 'out-of-range', 'greater than 0');
    expectError(() => chiSquareGoodnessOfFit([0, 0], [0.5, 0.5]), 'out-of-range', 'all zeros');
  });
  it('a single category', () => {
    expectError(() => chiSquareGoodnessOfFit([5], [1]), 'empty-input', 'at least 2');
  });
});

describe('questions of meaning', () => {
  it('leadTest refuses shares that sum past 1 and points to a paired comparison', () => {
    expectError(() => leadTest(0.565, 0.532, 1037), 'out-of-range', 'check-all', '1.097');
  });
  it('consistentCounts refuses a percent over 100', () => {
    expectError(() => consistentCounts(140, 1037), 'out-of-range', '140');
  });
});

describe('edges give numbers, never NaN', () => {
  it('leadTest with both shares 0', () => {
    const lead = leadTest(0, 0, 100);
    expect(lead).toMatchObject({ difference: 0, se: 0, z: 0, pValue: 1 });
  });
  it('leadTest with one share 1', () => {
    const lead = leadTest(1, 0, 100);
    expect(lead.z).toBe(Number.POSITIVE_INFINITY);
    expect(lead.pValue).toBe(0);
  });
  it('twoProportionTest with both proportions 0 or both 1', () => {
    expect(twoProportionTest(0, 10, 0, 20)).toMatchObject({ z: 0, pValue: 1 });
    expect(twoProportionTest(1, 10, 1, 20)).toMatchObject({ z: 0, pValue: 1 });
  });
  it('marginOfError of a census is 0', () => {
    expect(marginOfError(0.5, 100, { populationSize: 100 })).toBe(0);
    expect(marginOfError(0.5, 1, { populationSize: 1 })).toBe(0);
  });
  it('sampleSize with p = 0 is 1', () => {
    expect(sampleSize(0.03, { p: 0 })).toBe(1);
  });
});
