import { describe, expect, it } from 'vitest';
import { chiSquareSurvival } from './chi-square-survival';
import { loadSpecialFixture, relativeError } from './special-fixture';

const fixture = loadSpecialFixture();

describe('chiSquareSurvival', () => {
  it('matches R pchisq(s, df, lower.tail = FALSE) to 1e-13 relative, df 1 to 100, s 0 to 500', () => {
    // Reference: test/fixtures/special.json (R 4.2.2); p-values down to 1e-100.
    let worst = 0;
    for (const [s, df, expected] of fixture.pchisq as [number, number, number][]) {
      if (expected < 1e-100) continue;
      worst = Math.max(worst, relativeError(chiSquareSurvival(s, df), expected));
    }
    expect(fixture.pchisq.length).toBeGreaterThan(2000);
    expect(worst).toBeLessThan(1e-13);
  });

  it('returns 1 at and below 0 and 0 at infinity', () => {
    expect(chiSquareSurvival(0, 3)).toBe(1);
    expect(chiSquareSurvival(-1, 3)).toBe(1);
    expect(chiSquareSurvival(Number.POSITIVE_INFINITY, 3)).toBe(0);
  });

  it('reproduces its documented example', () => {
    // R: pchisq(3.841458820694124, 1, lower.tail = FALSE) = 0.049999999999999975;
    // mpmath 1.3.0 (40 digits): 0.050000000000000057435
    expect(
      relativeError(chiSquareSurvival(3.841458820694124, 1), 0.05000000000000006),
    ).toBeLessThan(2e-15);
    expect(chiSquareSurvival(3.841458820694124, 1)).toBe(0.05000000000000011);
  });
});
