import { describe, expect, it } from 'vitest';
import { logBeta } from './log-beta';
import { loadSpecialFixture } from './special-fixture';

const fixture = loadSpecialFixture();

describe('logBeta', () => {
  it('matches R lbeta to 4e-15 times max(1, |ln B|), shapes 0.5 to 1e7', () => {
    // Reference: R lbeta(a, b), test/fixtures/special.json.
    let worst = 0;
    for (const [a, b, expected] of fixture.lbeta as [number, number, number][]) {
      const error = Math.abs(logBeta(a, b) - expected) / Math.max(1, Math.abs(expected));
      worst = Math.max(worst, error);
    }
    expect(worst).toBeLessThan(4e-15);
  });

  it('does not cancel when one shape is huge', () => {
    // R: lbeta(0.5, 1e7) = -7.4866828700544596
    expect(Math.abs(logBeta(0.5, 1e7) + 7.48668287005446)).toBeLessThan(4e-15);
    expect(logBeta(0.5, 1e7)).toBe(logBeta(1e7, 0.5));
  });

  it('reproduces its documented example', () => {
    expect(logBeta(0.5, 0.5)).toBe(1.1447298858494002); // ln π
  });
});
