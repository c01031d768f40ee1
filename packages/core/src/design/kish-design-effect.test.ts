import { describe, expect, it } from 'vitest';
import { expectError } from '../../test/design-helpers';
import { kishDesignEffect } from './kish-design-effect';

describe('kishDesignEffect', () => {
  it('is 1 for equal weights and 1 + CV² otherwise', () => {
    expect(kishDesignEffect([3, 3, 3, 3])).toEqual({ deff: 1, nEffective: 4, n: 4 });
    const w = [1, 2, 3, 4, 10];
    const mean = w.reduce((a, b) => a + b) / w.length;
    const cv2 = w.reduce((a, b) => a + (b - mean) ** 2, 0) / w.length / mean ** 2;
    expect(kishDesignEffect(w).deff).toBeCloseTo(1 + cv2, 14);
    expect(kishDesignEffect(new Float64Array(w)).nEffective).toBeCloseTo(w.length / (1 + cv2), 13);
  });

  it('refuses empty, non-finite or non-positive weights, with the index', () => {
    expectError(() => kishDesignEffect([]), 'empty-input', 'kishDesignEffect', 'weights');
    expectError(() => kishDesignEffect([1, 0]), 'out-of-range', 'got 0 at index 1');
    expectError(() => kishDesignEffect([1, Number.NaN]), 'not-finite', 'index 1');
  });
});
