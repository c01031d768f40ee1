import { describe, expect, it } from 'vitest';
import { betaLambda } from './beta-lambda';
import { betaPowerConstant } from './beta-power-constant';
import { betaPowerTerm } from './beta-power-term';
import { relativeError } from './special-fixture';
import { stirlingCorrection } from './stirling-correction';

describe('betaPowerTerm and betaPowerConstant', () => {
  it('match 40-digit values of x^a (1−x)^b / B(a, b) in all three regimes', () => {
    // mpmath 1.3.0: 0.3^a 0.7^b / beta(a, b)
    const cases: [number, number, number, number][] = [
      [0.3, 20, 30, 0.444465157599547],
      [0.3, 5, 30, 0.07620123606391144],
      [0.3, 30, 5, 4.8144023650786263e-11],
    ];
    for (const [x, a, b, expected] of cases) {
      expect(relativeError(betaPowerTerm(x, 1 - x, a, b), expected)).toBeLessThan(1e-14);
      const lambda = betaLambda(x, 1 - x, a, b);
      const withConstant = betaPowerTerm(x, 1 - x, a, b, lambda, betaPowerConstant(a, b));
      expect(withConstant).toBe(betaPowerTerm(x, 1 - x, a, b));
    }
  });

  it('keeps the full Stirling corrections for large shapes, cached sum or not', () => {
    // δ(a+b) − δ(a) − δ(b) with ten terms of the series; the constant uses four from 100 and
    // keeps δ(a+b) from the last call (the two Clopper–Pearson limits share a + b = n + 1).
    const shapes: [number, number][] = [
      [10, 10],
      [57, 944],
      [58, 943],
      [150, 851],
      [151, 850],
      [2500, 2501],
      [1e6, 3e6],
    ];
    for (const [a, b] of shapes) {
      const full = stirlingCorrection(a + b) - stirlingCorrection(a) - stirlingCorrection(b);
      expect(Math.abs(betaPowerConstant(a, b) - full)).toBeLessThan(1e-18);
      const cached = betaPowerConstant(a, b);
      betaPowerConstant(a + 1, b); // another sum
      expect(betaPowerConstant(a, b)).toBe(cached);
    }
  });

  it('is 0 at the ends', () => {
    expect(betaPowerTerm(0, 1, 2, 3)).toBe(0);
    expect(betaPowerTerm(1, 0, 2, 3)).toBe(0);
  });

  it('reproduces the documented examples', () => {
    expect(betaPowerTerm(0.5, 0.5, 2, 3)).toBe(0.37500000000000017);
    expect(betaPowerConstant(2, 3)).toBe(2.4849066497880004);
  });
});
