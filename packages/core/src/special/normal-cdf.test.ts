import { describe, expect, it } from 'vitest';
import { normalCdf } from './normal-cdf';
import { normalQuantile } from './normal-quantile';
import { normalSurvival } from './normal-survival';
import { loadSpecialFixture, relativeError } from './special-fixture';

const fixture = loadSpecialFixture();

describe('normalCdf and normalSurvival', () => {
  it('match R pnorm in both tails to 1e-14 relative over −37.5 ≤ x ≤ 8.3', () => {
    // Reference: R pnorm(x) and pnorm(x, lower.tail = FALSE), test/fixtures/special.json.
    let worstLower = 0;
    let worstUpper = 0;
    for (const [x, lower, upper] of fixture.pnorm as [number, number, number][]) {
      worstLower = Math.max(worstLower, relativeError(normalCdf(x), lower));
      worstUpper = Math.max(worstUpper, relativeError(normalSurvival(x), upper));
    }
    expect(fixture.pnorm.length).toBeGreaterThan(2500);
    expect(worstLower).toBeLessThan(1e-14);
    expect(worstUpper).toBeLessThan(1e-14);
  });

  it('keeps full relative precision far in the tails', () => {
    // R: pnorm(-30) = 4.9067139271481872e-198, pnorm(-37.5) = 4.6053530095819552e-308
    expect(relativeError(normalCdf(-30), 4.906713927148187e-198)).toBeLessThan(1e-14);
    expect(relativeError(normalCdf(-37.5), 4.605353009581955e-308)).toBeLessThan(1e-14);
    expect(relativeError(normalSurvival(30), 4.906713927148187e-198)).toBeLessThan(1e-14);
    expect(normalCdf(-40)).toBe(0);
    expect(normalSurvival(40)).toBe(0);
  });

  it('returns the exact edge values', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalSurvival(0)).toBe(0.5);
    expect(normalCdf(Number.NEGATIVE_INFINITY)).toBe(0);
    expect(normalCdf(Number.POSITIVE_INFINITY)).toBe(1);
    expect(normalSurvival(Number.NEGATIVE_INFINITY)).toBe(1);
    expect(normalSurvival(Number.POSITIVE_INFINITY)).toBe(0);
    expect(normalCdf(9)).toBe(1);
  });

  it('inverts normalQuantile', () => {
    for (const p of [1e-300, 1e-20, 1e-5, 0.025, 0.3, 0.5, 0.7, 0.975, 1 - 1e-10]) {
      const z = normalQuantile(p);
      const back = p < 0.5 ? normalCdf(z) : 1 - normalSurvival(z);
      expect(relativeError(back, p)).toBeLessThan(2e-14 * Math.max(1, Math.abs(z)));
    }
  });

  it('reproduces the documented examples', () => {
    expect(normalCdf(1.959963984540054)).toBe(0.975);
    // R: pnorm(1.959963984540054, lower.tail = FALSE) = 0.025000000000000012
    expect(normalSurvival(1.959963984540054)).toBe(0.025000000000000012);
  });
});
