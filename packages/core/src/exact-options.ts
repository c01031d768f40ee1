// Shared input checks of the exact tests (binomialTest, fisherExactTest,
// mcnemarExactTest, multinomialExactTest): the `alternative` option and
// whole counts. Each takes the caller's name, like the checks of validate.ts.
import { ToplinesError } from './errors';
import { checkFinite, checkMethod, show } from './validate';

/** The alternative hypotheses of the exact tests: two-sided (the default) or one-sided. */
export const ALTERNATIVES = ['two-sided', 'greater', 'less'] as const;

/** One of {@link ALTERNATIVES}. */
export type Alternative = (typeof ALTERNATIVES)[number];

/** The `alternative` option: `'two-sided'` when absent, else checked. */
export function alternativeOption(fn: string, value: unknown): Alternative {
  return value === undefined ? 'two-sided' : checkMethod(fn, 'alternative', value, ALTERNATIVES);
}

/**
 * Throws unless `value` is a whole count from 0 to `max` (`max` named `maxName` in the
 * message; omitted, 2^53 − 1, the largest whole number a double holds exactly).
 */
export function checkCount(
  fn: string,
  name: string,
  value: unknown,
  max = Number.MAX_SAFE_INTEGER,
  maxName = '',
): number {
  const x = checkFinite(fn, name, value);
  if (!Number.isInteger(x)) {
    throw new ToplinesError(
      'not-integer',
      fn,
      `requires ${name} to be a whole count, got ${show(x)}`,
    );
  }
  if (x < 0 || x > max) {
    const range =
      maxName === ''
        ? `at least 0 and at most ${show(max)}`
        : `from 0 to ${maxName} = ${show(max)}`;
    throw new ToplinesError(
      'out-of-range',
      fn,
      `requires ${name} to be a count ${range}, got ${show(x)}`,
    );
  }
  return x;
}
