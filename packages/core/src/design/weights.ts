// The check of a weight vector, shared by surveyDesign, replicateDesign and
// kishDesignEffect. Internal.
import { ToplinesError } from '../errors';
import { show } from '../validate';
import { isArrayLike } from './codes';

/**
 * `value` as a new Float64Array, checked: a non-empty array of finite numbers greater than 0.
 * `name` is the argument as messages call it ("weights", "replicates[3]").
 */
export function checkWeights(fn: string, name: string, value: unknown): Float64Array {
  if (!isArrayLike(value)) {
    throw new ToplinesError(
      'invalid-type',
      fn,
      `requires ${name} to be an array of numbers (one weight per respondent), got ${show(value)}`,
    );
  }
  if (value.length === 0) {
    throw new ToplinesError(
      'empty-input',
      fn,
      `requires ${name} to have at least one respondent, got none`,
    );
  }
  const out = new Float64Array(value.length);
  for (let i = 0; i < value.length; i++) {
    const w = value[i];
    if (typeof w !== 'number') {
      throw new ToplinesError(
        'invalid-type',
        fn,
        `requires ${name} to hold numbers, got ${show(w)} at index ${i}`,
      );
    }
    if (!Number.isFinite(w)) {
      throw new ToplinesError(
        'not-finite',
        fn,
        `requires ${name} to be finite, got ${show(w)} at index ${i}`,
      );
    }
    if (!(w > 0)) {
      throw new ToplinesError(
        'out-of-range',
        fn,
        `requires ${name} to be greater than 0, got ${show(w)} at index ${i}: leave a respondent out with a domain, not a zero weight`,
      );
    }
    out[i] = w;
  }
  return out;
}
