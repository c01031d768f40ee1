// Shared checks of designProportion and designShares: the design, a domain mask. Internal.
import { ToplinesError } from '../errors';
import { show } from '../validate';
import { isArrayLike } from './codes';
import { isDesign } from './estimate';
import type { Design } from './types';

/** Throws unless `value` was made by surveyDesign or replicateDesign. */
export function checkDesign(fn: string, value: unknown): Design {
  if (!isDesign(value)) {
    throw new ToplinesError(
      'invalid-type',
      fn,
      `requires design to be made by surveyDesign or replicateDesign, got ${show(value)}`,
    );
  }
  return value;
}

/**
 * The domain mask as a Uint8Array of 0 (out) and 1 (in), checked: booleans (or 0/1),
 * one per respondent, at least one in. Undefined when no domain is given.
 */
export function checkDomain(fn: string, value: unknown, n: number): Uint8Array | undefined {
  if (value === undefined) return undefined;
  if (!isArrayLike(value)) {
    throw new ToplinesError(
      'invalid-type',
      fn,
      `requires domain to be an array of booleans (one per respondent), got ${show(value)}`,
    );
  }
  if (value.length !== n) {
    throw new ToplinesError(
      'length-mismatch',
      fn,
      `requires domain to have one value per respondent (${n}, the design's), got ${value.length}`,
    );
  }
  const mask = new Uint8Array(n);
  let any = false;
  for (let i = 0; i < n; i++) {
    const v = value[i];
    if (v === true || v === 1) {
      mask[i] = 1;
      any = true;
    } else if (!(v === false || v === 0)) {
      throw new ToplinesError(
        'invalid-type',
        fn,
        `requires domain to hold true or false (or 1 and 0) for every respondent, got ${show(v)} at index ${i}`,
      );
    }
  }
  if (!any) {
    throw new ToplinesError(
      'empty-input',
      fn,
      'requires a domain with at least one respondent, got none (every value of domain is false)',
    );
  }
  return mask;
}
