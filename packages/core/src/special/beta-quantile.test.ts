import { describe, expect, it } from 'vitest';
import { betaQuantile } from './beta-quantile';
import { regularizedBeta, regularizedBetaUpper } from './regularized-beta';
import { loadSpecialFixture, relativeError } from './special-fixture';

const fixture = loadSpecialFixture();

describe('betaQuantile', () => {
  it('matches R qbeta to 1e-13 relative over the Clopper–Pearson, Jeffreys and random grid', () => {
    // Reference: R qbeta(p, a, b), test/fixtures/special.json: a = x, b = n − x + 1 and the
    // like for n from 1 to 1e7 at levels 0.8 to 0.999, plus random shapes 0.5 to 1e7 and
    // p from 1e-10 to 1 − 1e-10.
    let worst = 0;
    for (const [p, a, b, expected] of fixture.qbeta as [number, number, number, number][]) {
      worst = Math.max(worst, relativeError(betaQuantile(p, a, b), expected));
    }
    expect(fixture.qbeta.length).toBeGreaterThan(4000);
    expect(worst).toBeLessThan(1e-13);
  });

  it('inverts regularizedBeta in the smaller tail', () => {
    let worst = 0;
    for (const [p, a, b] of fixture.qbeta as [number, number, number, number][]) {
      const x = betaQuantile(p, a, b);
      const tail = p <= 0.5 ? regularizedBeta(x, a, b) : regularizedBetaUpper(x, a, b);
      const target = p <= 0.5 ? p : 1 - p;
      // One unit in the last place of x moves the tail by κ = x f(x) / tail units.
      const nextX = x * (1 + 2 ** -52);
      const nextTail = p <= 0.5 ? regularizedBeta(nextX, a, b) : regularizedBetaUpper(nextX, a, b);
      const ulpOfTail = Math.abs(nextTail - tail) / target;
      worst = Math.max(worst, relativeError(tail, target) / (1e-14 + 2 * ulpOfTail));
    }
    expect(worst).toBeLessThan(1);
  });

  it('returns the exact edge values', () => {
    expect(betaQuantile(0, 2, 3)).toBe(0);
    expect(betaQuantile(1, 2, 3)).toBe(1);
    expect(betaQuantile(0.5, 1, 1)).toBe(0.5);
    expect(betaQuantile(0.5, 1e7, 1e7)).toBe(0.5);
  });

  it('keeps relative precision for quantiles near 0 and near 1', () => {
    // R: qbeta(c(0.005, 0.995), 0.5, 1e7 + 0.5) and qbeta(1e-10, 1e7, 1e7)
    const cases: [number, number, number, number][] = [
      [0.005, 0.5, 1e7 + 0.5, 1.963521061935843e-12],
      [0.995, 0.5, 1e7 + 0.5, 3.939718413748958e-7],
      [1e-10, 1e7, 1e7, 0.49928878081657685],
    ];
    for (const [p, a, b, expected] of cases) {
      expect(relativeError(betaQuantile(p, a, b), expected)).toBeLessThan(1e-13);
    }
    expect(betaQuantile(1e-300, 2, 3)).toBeGreaterThan(0);
    expect(betaQuantile(1 - 1e-16, 2, 3)).toBeLessThan(1);
  });

  it('never returns NaN at extreme inputs', () => {
    for (const p of [Number.MIN_VALUE, 1e-300, 1e-10, 0.5, 1 - 1e-10, 1 - Number.EPSILON / 2]) {
      for (const a of [0.05, 0.5, 1, 1e3, 1e7]) {
        for (const b of [0.05, 0.5, 1, 1e3, 1e7]) {
          const x = betaQuantile(p, a, b);
          expect(x >= 0 && x <= 1, `qbeta(${p}, ${a}, ${b}) = ${x}`).toBe(true);
        }
      }
    }
  });

  it('reproduces its documented example', () => {
    expect(betaQuantile(0.025, 5, 96)).toBe(0.016431879182052155);
    // R: qbeta(0.025, 5, 96) = 0.016431879182052161
    expect(relativeError(betaQuantile(0.025, 5, 96), 0.01643187918205216)).toBeLessThan(1e-15);
  });
});
