import { describe, expect, it } from 'vitest';
import { betaContinuedFraction } from './beta-continued-fraction';
import { betaLambda } from './beta-lambda';
import { relativeError } from './special-fixture';

describe('betaContinuedFraction', () => {
  it('gives I_x(a, b) with the power term, for small and large shapes', () => {
    // I_0.2(2, 3) = 0.1808 exactly; 0.2² 0.8³ / B(2, 3) = 0.24576
    expect(relativeError(0.24576 * betaContinuedFraction(0.2, 2, 3, 1), 0.1808)).toBeLessThan(
      1e-15,
    );
    // Symmetric case at the mean, a = b = 1e7: I = 1/2, and the power term is
    // √(a b / (2π (a + b))) e^δ (mpmath 1.3.0: 892.062046925609901)
    const f = betaContinuedFraction(0.5, 1e7, 1e7, 0);
    expect(relativeError(892.0620469256099 * f, 0.5)).toBeLessThan(1e-14);
  });

  it('with a tolerance (Wallis, two steps a turn) agrees with the full-precision value', () => {
    // Integer b ≤ 40 ends the fraction at step b (at either step of a turn); other b pass it
    // with terms of changing sign; larger shapes hand over to Lentz after 40 steps.
    let worst = 0;
    for (const a of [50, 99.5, 300, 1234, 5000, 9000]) {
      for (const b of [1, 2, 3, 16, 17, 17.5, 39, 40, 41, 300, 999.25, 5000]) {
        if (a + b > 1e4) continue;
        const mean = a / (a + b);
        for (const x of [0.05 * mean, 0.5 * mean, 0.9 * mean, 0.99 * mean]) {
          const lambda = betaLambda(x, 1 - x, a, b);
          const full = betaContinuedFraction(x, a, b, lambda);
          worst = Math.max(
            worst,
            relativeError(betaContinuedFraction(x, a, b, lambda, 1e-300), full),
          );
          // A tolerance of 1e-10 stops earlier, within it.
          expect(relativeError(betaContinuedFraction(x, a, b, lambda, 1e-10), full)).toBeLessThan(
            1e-10,
          );
        }
      }
    }
    expect(worst).toBeLessThan(5e-15);
  });

  it('reproduces its documented example', () => {
    expect(betaContinuedFraction(0.2, 2, 3, 1)).toBe(0.7356770833333334);
  });
});
