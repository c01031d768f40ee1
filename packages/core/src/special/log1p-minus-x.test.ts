import { describe, expect, it } from 'vitest';
import { log1pMinusX } from './log1p-minus-x';
import { relativeError } from './special-fixture';

describe('log1pMinusX', () => {
  it('matches 40-digit values to 4e-16 relative on both sides of the series range', () => {
    // mpmath 1.3.0: log1p(x) − x
    const cases: [number, number][] = [
      [1e-10, -4.999999999666667e-21],
      [-0.3, -0.056674943938732375],
      [0.5, -0.09453489189183562],
      [0.999, -0.306352944481737],
      [-0.5, -0.19314718055994531],
      [-0.9, -1.402585092994046],
      [3, -1.6137056388801094],
      [100, -95.38487948315874],
    ];
    for (const [x, expected] of cases) {
      expect(relativeError(log1pMinusX(x), expected)).toBeLessThan(4e-16);
    }
    expect(log1pMinusX(0)).toBe(0);
    expect(Math.abs(log1pMinusX(1e-300))).toBe(0); // −5e-601 underflows
  });

  it('reproduces its documented example', () => {
    expect(log1pMinusX(1e-5)).toBe(-4.999966666916665e-11);
  });
});
