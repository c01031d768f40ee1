import { describe, expect, it } from 'vitest';
import { betaContinuedFraction } from './beta-continued-fraction';
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

  it('reproduces its documented example', () => {
    expect(betaContinuedFraction(0.2, 2, 3, 1)).toBe(0.7356770833333334);
  });
});
