import { describe, expect, it } from 'vitest';
import { normalQuantile } from './normal-quantile';
import { loadSpecialFixture, relativeError } from './special-fixture';

const fixture = loadSpecialFixture();

describe('normalQuantile', () => {
  it('matches R qnorm to 1e-15 relative over 1e-300 ≤ p ≤ 1 − 1e-15', () => {
    // Reference: R qnorm(p), test/fixtures/special.json (R 4.2.2).
    let worst = 0;
    for (const [p, expected] of fixture.qnorm as [number, number][]) {
      worst = Math.max(worst, relativeError(normalQuantile(p), expected));
    }
    expect(fixture.qnorm.length).toBeGreaterThan(1000);
    expect(worst).toBeLessThan(1e-15);
  });

  it('returns the exact edge values', () => {
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
    expect(normalQuantile(0.5)).toBe(0);
    expect(Object.is(normalQuantile(0.5), 0)).toBe(true);
  });

  it('is antisymmetric and finite deep in the tails', () => {
    expect(normalQuantile(1 - 0.975)).toBe(-normalQuantile(0.975)); // 1 − 0.975 is exact
    expect(normalQuantile(Number.MIN_VALUE)).toBeLessThan(-38);
    expect(Number.isFinite(normalQuantile(Number.MIN_VALUE))).toBe(true);
    // R: qnorm(1 - 2^-53) = 8.2095361516013856
    expect(relativeError(normalQuantile(1 - Number.EPSILON / 2), 8.209536151601386)).toBeLessThan(
      1e-15,
    );
  });

  it('reproduces its documented example', () => {
    expect(normalQuantile(0.975)).toBe(1.9599639845400536);
  });
});
