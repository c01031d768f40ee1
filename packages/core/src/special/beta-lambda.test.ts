import { describe, expect, it } from 'vitest';
import { betaLambda } from './beta-lambda';

describe('betaLambda', () => {
  it('is exact where a − (a + b)x is representable, from x or from y', () => {
    expect(betaLambda(0.25, 0.75, 2, 6)).toBe(0);
    expect(betaLambda(0.75, 0.25, 6, 2)).toBe(0);
    expect(betaLambda(0.5, 0.5, 5000001, 5000000)).toBe(0.5);
    // The double 0.1 exceeds 1/10 by 5.55e-18, so λ = 1 − 10 × 0.1 is −5.55e-17 (mpmath 1.3.0),
    // where a plain subtraction gives 0.
    expect(betaLambda(0.1, 0.9, 1, 9)).toBe(-5.551115123125783e-17);
  });

  it('keeps the digits that a plain subtraction loses for shapes near 1e7', () => {
    // mpmath 1.3.0 (40 digits): 4050000.5 − 10000001 × 0.405000001 = 0.08499999901636579036
    const lambda = betaLambda(0.405000001, 1 - 0.405000001, 4050000.5, 5950000.5);
    expect(Math.abs(lambda - 0.08499999901636579)).toBeLessThan(2e-17);
    const plain = 4050000.5 - (4050000.5 + 5950000.5) * 0.405000001;
    expect(Math.abs(plain - 0.08499999901636579)).toBeGreaterThan(1e-11);
  });

  it('reproduces its documented example', () => {
    expect(betaLambda(0.25, 0.75, 2, 6)).toBe(0);
  });
});
