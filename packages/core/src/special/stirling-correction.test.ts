import { describe, expect, it } from 'vitest';
import { relativeError } from './special-fixture';
import { stirlingCorrection } from './stirling-correction';

describe('stirlingCorrection', () => {
  it('matches 40-digit values to 1e-15 relative for x ≥ 10', () => {
    // mpmath 1.3.0: loggamma(x) − ((x − ½) ln x − x + ½ ln 2π)
    const cases: [number, number][] = [
      [10, 0.00833056343336287],
      [11, 0.007573675487951841],
      [20, 0.004166319691996922],
      [100, 0.0008333305556349147],
      [1e7, 8.33333333333333e-9],
    ];
    for (const [x, expected] of cases) {
      expect(relativeError(stirlingCorrection(x), expected)).toBeLessThan(1e-15);
    }
  });

  it('reproduces its documented example', () => {
    expect(stirlingCorrection(10)).toBe(0.00833056343336287);
  });
});
