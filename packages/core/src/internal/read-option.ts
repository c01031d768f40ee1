// The option checks the @toplines packages share (data's verbs, the chart
// builders). Each takes the caller's name and the caller's error factory, so
// the message names the function that refused and the error is the caller's
// own class (DataError, ChartError); the message is "<fn> requires <name> to
// be <what>, got <value>", and `name` is the option as the caller's messages
// call it ("level", or charts' "option level").
import { show } from './show';

/**
 * How a package makes its own error from a failed check: the code (always
 * `'invalid-option'` for the checks here) and the whole message, which starts
 * with the caller's function name.
 *
 * @example
 * const fail = (code, message) => Object.assign(new Error(message), { code });
 * readLevel('withIntervals', fail, undefined); // => 0.95
 */
export type ErrorFactory<Code extends string = string> = (code: Code, message: string) => Error;

function refuse(
  fn: string,
  fail: ErrorFactory<'invalid-option'>,
  name: string,
  expected: string,
  value: unknown,
): never {
  throw fail('invalid-option', `${fn} requires ${name} to be ${expected}, got ${show(value)}`);
}

/**
 * The options argument of a function: `{}` when absent, else a plain object
 * (not null, not an array).
 *
 * Cost: O(1).
 *
 * @param fn - the caller's name, for the message
 * @param fail - the caller's error factory
 * @param value - the options as passed
 * @param name - the argument as the message names it (default `'options'`)
 * @returns the options object, or `{}`
 * @throws the error `fail` makes, code `invalid-option`, for anything else
 * @example
 * const fail = (code, message) => Object.assign(new Error(message), { code });
 * readOptions('leads', fail, undefined); // => {}
 * readOptions('leads', fail, { level: 0.9 }); // => { level: 0.9 }
 * let caught;
 * try { readOptions('leads', fail, 0.9); } catch (e) { caught = e; }
 * caught.message; // => 'leads requires options to be an object, got 0.9'
 */
export function readOptions(
  fn: string,
  fail: ErrorFactory<'invalid-option'>,
  value: unknown,
  name = 'options',
): Record<string, unknown> {
  if (value === undefined) return {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    refuse(fn, fail, name, 'an object', value);
  }
  return value as Record<string, unknown>;
}

/**
 * A confidence-level option: 0.95 when absent, else a number strictly
 * between 0 and 1 (95 is refused: levels are proportions, as everywhere in
 * @toplines/core).
 *
 * Cost: O(1).
 *
 * @param fn - the caller's name, for the message
 * @param fail - the caller's error factory
 * @param value - the option as passed
 * @param name - the option as the message names it (default `'level'`)
 * @returns the level
 * @throws the error `fail` makes, code `invalid-option`, for anything else
 * @example
 * const fail = (code, message) => Object.assign(new Error(message), { code });
 * readLevel('withIntervals', fail, 0.9); // => 0.9
 * let caught;
 * try { readLevel('withIntervals', fail, 95); } catch (e) { caught = e; }
 * caught.message; // => 'withIntervals requires level to be a number in (0, 1) such as 0.95, got 95'
 * caught.code; // => 'invalid-option'
 */
export function readLevel(
  fn: string,
  fail: ErrorFactory<'invalid-option'>,
  value: unknown,
  name = 'level',
): number {
  if (value === undefined) return 0.95;
  if (typeof value !== 'number' || !(value > 0 && value < 1)) {
    refuse(fn, fail, name, 'a number in (0, 1) such as 0.95', value);
  }
  return value;
}

/**
 * A design-effect option: 1 when absent, else a finite number above 0.
 *
 * Cost: O(1).
 *
 * @param fn - the caller's name, for the message
 * @param fail - the caller's error factory
 * @param value - the option as passed
 * @param name - the option as the message names it (default `'deff'`)
 * @returns the design effect
 * @throws the error `fail` makes, code `invalid-option`, for anything else
 * @example
 * const fail = (code, message) => Object.assign(new Error(message), { code });
 * readDeff('withIntervals', fail, undefined); // => 1
 * let caught;
 * try { readDeff('withIntervals', fail, 0); } catch (e) { caught = e; }
 * caught.message; // => 'withIntervals requires deff to be a finite number above 0, got 0'
 */
export function readDeff(
  fn: string,
  fail: ErrorFactory<'invalid-option'>,
  value: unknown,
  name = 'deff',
): number {
  if (value === undefined) return 1;
  if (typeof value !== 'number' || !Number.isFinite(value) || !(value > 0)) {
    refuse(fn, fail, name, 'a finite number above 0', value);
  }
  return value;
}

/**
 * A string option from a fixed set: `fallback` when absent, else one of
 * `allowed`.
 *
 * Cost: O(allowed.length).
 *
 * @param fn - the caller's name, for the message
 * @param fail - the caller's error factory
 * @param name - the option as the message names it
 * @param value - the option as passed
 * @param allowed - the values accepted, in the order the message lists them
 * @param fallback - the default (default: the first of `allowed`)
 * @returns the value, typed as one of `allowed`
 * @throws the error `fail` makes, code `invalid-option`, for anything else
 * @example
 * const fail = (code, message) => Object.assign(new Error(message), { code });
 * readChoice('shareChart', fail, 'sort', undefined, ['data', 'share'], 'share'); // => 'share'
 * let caught;
 * try { readChoice('shareChart', fail, 'sort', 'size', ['data', 'share']); } catch (e) { caught = e; }
 * caught.message; // => 'shareChart requires sort to be one of "data", "share", got "size"'
 */
export function readChoice<T extends string>(
  fn: string,
  fail: ErrorFactory<'invalid-option'>,
  name: string,
  value: unknown,
  allowed: readonly T[],
  fallback: T = allowed[0] as T,
): T {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) {
    return value as T;
  }
  return refuse(
    fn,
    fail,
    name,
    `one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`,
    value,
  );
}

/**
 * A `method` option: the first of `allowed` (the default) when absent, else
 * one of them — {@link readChoice} for the option every interval takes.
 *
 * Cost: O(allowed.length).
 *
 * @param fn - the caller's name, for the message
 * @param fail - the caller's error factory
 * @param value - the option as passed
 * @param allowed - the methods, the default first (e.g. `PROPORTION_CI_METHODS`)
 * @returns the method
 * @throws the error `fail` makes, code `invalid-option`, for another value
 * @example
 * const fail = (code, message) => Object.assign(new Error(message), { code });
 * readMethod('withIntervals', fail, undefined, PROPORTION_CI_METHODS); // => 'wilson'
 * readMethod('withIntervals', fail, 'jeffreys', PROPORTION_CI_METHODS); // => 'jeffreys'
 */
export function readMethod<T extends string>(
  fn: string,
  fail: ErrorFactory<'invalid-option'>,
  value: unknown,
  allowed: readonly T[],
): T {
  return readChoice(fn, fail, 'method', value, allowed);
}
