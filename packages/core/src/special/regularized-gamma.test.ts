import { describe, expect, it } from 'vitest';
import { regularizedGammaLower, regularizedGammaUpper } from './regularized-gamma';
import { loadSpecialFixture, relativeError } from './special-fixture';

const fixture = loadSpecialFixture();

describe('regularizedGammaLower and regularizedGammaUpper', () => {
  it('match R pgamma in both tails to 1e-13 relative down to 1e-100', () => {
    // Reference: R pgamma(x, a) and pgamma(x, a, lower.tail = FALSE),
    // test/fixtures/special.json: a = df/2 for df = 1..100, x = s/2 for s up to 500, and
    // random a in [0.5, 100], x in [0.001, 500].
    let worst = 0;
    let deepest = 0;
    for (const [x, a, lower, upper] of fixture.pgamma as [number, number, number, number][]) {
      for (const [computed, expected] of [
        [regularizedGammaLower(a, x), lower],
        [regularizedGammaUpper(a, x), upper],
      ] as const) {
        const error = relativeError(computed, expected);
        if (expected >= 1e-100) worst = Math.max(worst, error);
        // Below 1e-100 the exponent exceeds 230 in size, and one unit in its last place is
        // 2.8e-14 of the result: the bound grows with |ln P|.
        else deepest = Math.max(deepest, error / (4e-16 * Math.abs(Math.log(expected))));
      }
    }
    expect(worst).toBeLessThan(1e-13);
    expect(deepest).toBeLessThan(1);
  });

  it('returns the exact edge values', () => {
    expect(regularizedGammaLower(2, 0)).toBe(0);
    expect(regularizedGammaUpper(2, 0)).toBe(1);
    expect(regularizedGammaLower(2, Number.POSITIVE_INFINITY)).toBe(1);
    expect(regularizedGammaUpper(2, Number.POSITIVE_INFINITY)).toBe(0);
    expect(regularizedGammaUpper(50, 1e4)).toBe(0);
  });

  it('reproduces the documented examples', () => {
    // R: pgamma(2, 1) = 0.8646647167633873, pgamma(2, 1, lower.tail = FALSE) = 0.1353352832366127
    expect(regularizedGammaLower(1, 2)).toBe(0.8646647167633873);
    expect(regularizedGammaUpper(1, 2)).toBe(0.1353352832366127);
  });
});
