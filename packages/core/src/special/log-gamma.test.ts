import { describe, expect, it } from 'vitest';
import { logGamma } from './log-gamma';
import { loadSpecialFixture, relativeError } from './special-fixture';

const fixture = loadSpecialFixture();

describe('logGamma', () => {
  it('matches R lgamma to 2e-15 relative, and to 3e-16 absolute near the roots at 1 and 2', () => {
    // Reference: R lgamma(x), test/fixtures/special.json; 1e-300 ≤ x ≤ 1e8.
    let worstRelative = 0;
    let worstAbsolute = 0;
    for (const [x, expected] of fixture.lgamma as [number, number][]) {
      const computed = logGamma(x);
      if (Math.abs(expected) > 0.1) {
        worstRelative = Math.max(worstRelative, relativeError(computed, expected));
      } else {
        worstAbsolute = Math.max(worstAbsolute, Math.abs(computed - expected));
      }
    }
    expect(worstRelative).toBeLessThan(2e-15);
    expect(worstAbsolute).toBeLessThan(3e-16);
  });

  it('is exact at the roots and keeps relative precision beside them', () => {
    expect(logGamma(1)).toBe(0);
    expect(logGamma(2)).toBe(0);
    // mpmath 1.3.0 loggamma at the doubles 1 + 1e-8 and 2 − 1e-8 (50 digits). R's lgamma,
    // which takes the log of gamma(x) here, is only accurate in absolute terms: it returns
    // -5.7721565471846583e-09 and -4.2278433066145543e-09 (relative errors 3e-9).
    expect(relativeError(logGamma(1 + 1e-8), -5.772156531688512e-9)).toBeLessThan(1e-15);
    expect(relativeError(logGamma(2 - 1e-8), -4.227843293043373e-9)).toBeLessThan(1e-15);
  });

  it('handles the ends of its domain', () => {
    expect(logGamma(0)).toBe(Number.POSITIVE_INFINITY);
    expect(logGamma(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
    expect(Number.isFinite(logGamma(Number.MIN_VALUE))).toBe(true);
    expect(Number.isFinite(logGamma(1e300))).toBe(true);
  });

  it('reproduces its documented example', () => {
    expect(logGamma(0.5)).toBe(0.5723649429247001);
  });
});
