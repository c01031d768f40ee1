import { brandError } from './internal/library-error';

/**
 * The machine-readable kind of a {@link ToplinesError}.
 *
 * - `percentage-not-proportion`: a value above 1 where a proportion in [0, 1] is meant
 * - `out-of-range`: a number outside the range the argument allows
 * - `not-finite`: NaN or ±Infinity
 * - `not-integer`: a count or size that must be a whole number
 * - `invalid-option`: an unknown method name or option value
 * - `length-mismatch`: arrays that must have the same length do not
 * - `empty-input`: an array that must have at least one element has none
 * - `invalid-type`: a value of the wrong type (a string where a number is meant)
 * - `not-converged`: an iterative solver could not reach the required accuracy
 * - `inconsistent-input`: values that are each valid but cannot hold together
 *   (a printed percentage no count out of n produces; an overlap outside what
 *   two shares allow)
 */
export type ToplinesErrorCode =
  | 'percentage-not-proportion'
  | 'out-of-range'
  | 'not-finite'
  | 'not-integer'
  | 'invalid-option'
  | 'length-mismatch'
  | 'empty-input'
  | 'invalid-type'
  | 'not-converged'
  | 'inconsistent-input';

/**
 * The one error class of @toplines/core. Every input problem throws it, with a
 * `code` to branch on, the name of the function that refused (`fn`), and a
 * message that names the function, the argument and the value.
 *
 * It extends `RangeError` (every code is about a value outside what the
 * function accepts), so `instanceof RangeError` holds too. It carries the
 * brand of the toplines packages' errors, which `isLibraryError` of
 * `@toplines/core/internal` recognises across the ESM and CJS builds, where
 * `instanceof` does not.
 *
 * @example
 * let error;
 * try { proportionCI(40.5, 1037); } catch (e) { error = e; }
 * error instanceof ToplinesError; // => true
 * error.code; // => 'percentage-not-proportion'
 * error.message; // => 'proportionCI requires p to be a proportion in [0, 1], got 40.5: this looks like a percentage, pass 0.405 for 40.5%'
 */
export class ToplinesError extends RangeError {
  override readonly name = 'ToplinesError';
  readonly code: ToplinesErrorCode;
  readonly fn: string;

  constructor(code: ToplinesErrorCode, fn: string, message: string) {
    super(`${fn} ${message}`);
    this.code = code;
    this.fn = fn;
    brandError(this);
  }
}
