/**
 * The brand of every error class of the @toplines packages: a registered
 * symbol (`Symbol.for`), so the same key in the ESM and the CJS build and in
 * every copy of a package, where `instanceof` and the class would differ.
 * Its value on an error is the name of its class ("ToplinesError",
 * "DataError", "ChartError").
 */
export const LIBRARY_ERROR: unique symbol = Symbol.for('toplines.error');

/**
 * Marks an error as thrown by a @toplines package. Each error class calls it
 * in its constructor, after its `name` is set; the brand is non-enumerable,
 * so it stays out of JSON and of copies made by spreading.
 *
 * Cost: O(1).
 *
 * @param error - the error being constructed, its `name` that of its class
 * @example
 * const error = Object.assign(new RangeError('lead requires n'), { name: 'LeadError' });
 * brandError(error);
 * error[Symbol.for('toplines.error')]; // => 'LeadError'
 * Object.getOwnPropertyDescriptor(error, Symbol.for('toplines.error')).enumerable; // => false
 */
export function brandError(error: Error): void {
  Object.defineProperty(error, LIBRARY_ERROR, { value: error.name });
}

/**
 * Whether a value is an error of a @toplines package (core's ToplinesError,
 * data's DataError, charts' ChartError), by its brand — not by `instanceof`
 * or `name`, which the ESM and CJS builds of one package do not share. Such
 * an error is a mistake in the input, to report by its message, not a bug.
 *
 * Cost: O(1).
 *
 * @param e - anything caught
 * @returns true for a branded error with a string `code`
 * @example
 * let caught;
 * try { proportionCI(40.5, 1037); } catch (e) { caught = e; }
 * isLibraryError(caught); // => true
 * isLibraryError(new RangeError('proportionCI requires p')); // => false
 */
export function isLibraryError(e: unknown): e is Error & { code: string } {
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof (e as { [LIBRARY_ERROR]?: unknown })[LIBRARY_ERROR] === 'string' &&
    typeof (e as { code?: unknown }).code === 'string'
  );
}

/**
 * Whether a value is a ToplinesError of @toplines/core (from either of its
 * builds), by its brand.
 *
 * Cost: O(1).
 *
 * @param e - anything caught
 * @returns true for an error @toplines/core threw
 * @example
 * let caught;
 * try { leadTest(0.405, 0.345, 0); } catch (e) { caught = e; }
 * isToplinesError(caught); // => true
 * caught.code; // => 'out-of-range'
 */
export function isToplinesError(e: unknown): e is Error & { code: string; fn: string } {
  return (
    isLibraryError(e) && (e as { [LIBRARY_ERROR]?: unknown })[LIBRARY_ERROR] === 'ToplinesError'
  );
}
