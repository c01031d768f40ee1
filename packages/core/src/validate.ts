// Shared input checks for every public function. Each takes the caller's name
// so that the message says which function refused and why, with the value.
import { ToplinesError } from './errors';
import { show } from './internal/show';

export { show };

/** Throws unless `value` is a finite number. */
export function checkFinite(fn: string, name: string, value: unknown): number {
  if (typeof value !== 'number') {
    throw new ToplinesError(
      'invalid-type',
      fn,
      `requires ${name} to be a number, got ${show(value)}`,
    );
  }
  if (!Number.isFinite(value)) {
    throw new ToplinesError(
      'not-finite',
      fn,
      `requires ${name} to be a finite number, got ${value}`,
    );
  }
  return value;
}

/**
 * Throws unless `value` is a proportion in [0, 1]. A value in (1, 100] is
 * almost always a percentage passed by mistake, and the message says so.
 */
export function checkProportion(fn: string, name: string, value: unknown): number {
  const p = checkFinite(fn, name, value);
  if (p > 1 && p <= 100) {
    throw new ToplinesError(
      'percentage-not-proportion',
      fn,
      `requires ${name} to be a proportion in [0, 1], got ${show(p)}: ` +
        `this looks like a percentage, pass ${show(Number((p / 100).toPrecision(12)))} for ${show(p)}%`,
    );
  }
  if (p < 0 || p > 1) {
    throw new ToplinesError(
      'out-of-range',
      fn,
      `requires ${name} to be a proportion in [0, 1], got ${show(p)}`,
    );
  }
  return p;
}

/**
 * The largest sample size accepted: Number.MAX_SAFE_INTEGER, 2^53 − 1. Beyond
 * it not every integer is a double, so a count out of n is no longer exact.
 */
export const MAX_SAMPLE_SIZE = Number.MAX_SAFE_INTEGER;

/**
 * Throws unless `value` is a positive integer (a sample size) no larger than
 * {@link MAX_SAMPLE_SIZE}.
 */
export function checkSampleSize(fn: string, name: string, value: unknown): number {
  const n = checkFinite(fn, name, value);
  if (n > MAX_SAMPLE_SIZE) {
    throw new ToplinesError(
      'out-of-range',
      fn,
      `requires ${name} to be at most 9007199254740991 (Number.MAX_SAFE_INTEGER, the largest whole number a double holds exactly), got ${show(n)}`,
    );
  }
  if (n <= 0) {
    throw new ToplinesError(
      'out-of-range',
      fn,
      `requires ${name} to be a positive integer, got ${show(n)}`,
    );
  }
  if (!Number.isInteger(n)) {
    throw new ToplinesError(
      'not-integer',
      fn,
      `requires ${name} to be a positive integer, got ${show(n)}`,
    );
  }
  return n;
}

/** Throws unless `value` is a confidence level strictly inside (0, 1). */
export function checkLevel(fn: string, value: unknown): number {
  const level = checkFinite(fn, 'level', value);
  if (level > 1 && level < 100) {
    throw new ToplinesError(
      'percentage-not-proportion',
      fn,
      `requires level to be in (0, 1), got ${show(level)}: ` +
        `pass ${show(Number((level / 100).toPrecision(12)))} for a ${show(level)}% level`,
    );
  }
  if (!(level > 0 && level < 1)) {
    throw new ToplinesError(
      'out-of-range',
      fn,
      `requires level to be in (0, 1), got ${show(level)}`,
    );
  }
  return level;
}

/**
 * The range of design effects accepted, [0.001, 1000]. Real design effects
 * lie between about 0.5 and 10; the bounds keep the effective sample size
 * n/deff where the formulas hold (beyond 1,000 an n of 1 is a thousandth of
 * a respondent, and the Wilson bounds overflow; below 0.001 the beta
 * quantiles and incomplete betas are asked for shapes past 10^19).
 */
export const DEFF_RANGE: readonly [number, number] = [0.001, 1000];

/** Throws unless `value` is a design effect: a finite number in {@link DEFF_RANGE}. */
export function checkDeff(fn: string, name: string, value: unknown): number {
  const deff = checkFinite(fn, name, value);
  if (!(deff > 0)) {
    throw new ToplinesError(
      'out-of-range',
      fn,
      `requires ${name} (the design effect) to be greater than 0, got ${show(deff)}`,
    );
  }
  if (deff < DEFF_RANGE[0] || deff > DEFF_RANGE[1]) {
    throw new ToplinesError(
      'out-of-range',
      fn,
      `requires ${name} (the design effect) to be from 0.001 to 1000, got ${show(deff)}: real design effects lie between about 0.5 and 10`,
    );
  }
  return deff;
}

/** Throws unless `value` is a population size no smaller than the sample size `n`. */
export function checkPopulationSize(fn: string, value: unknown, n: number): number {
  const size = checkFinite(fn, 'populationSize', value);
  if (size > MAX_SAMPLE_SIZE) {
    throw new ToplinesError(
      'out-of-range',
      fn,
      `requires populationSize to be at most 9007199254740991 (Number.MAX_SAFE_INTEGER), got ${show(size)}`,
    );
  }
  if (!Number.isInteger(size) || size < n || size < 1) {
    throw new ToplinesError(
      size < n ? 'out-of-range' : 'not-integer',
      fn,
      `requires populationSize to be an integer no smaller than n = ${show(n)}, got ${show(size)}`,
    );
  }
  return size;
}

/** Throws unless `value` is one of `allowed`; returns it typed. */
export function checkMethod<T extends string>(
  fn: string,
  name: string,
  value: unknown,
  allowed: readonly T[],
): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) {
    return value as T;
  }
  throw new ToplinesError(
    'invalid-option',
    fn,
    `requires ${name} to be one of ${allowed.map((m) => JSON.stringify(m)).join(', ')}, got ${show(value)}`,
  );
}

/** Throws unless `value` is a non-empty array (or typed array) of finite numbers. */
export function checkNumberArray(fn: string, name: string, value: unknown): ArrayLike<number> {
  const isArrayLike =
    Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
  if (!isArrayLike) {
    throw new ToplinesError(
      'invalid-type',
      fn,
      `requires ${name} to be an array of numbers, got ${show(value)}`,
    );
  }
  const array = value as ArrayLike<unknown>;
  if (array.length === 0) {
    throw new ToplinesError(
      'empty-input',
      fn,
      `requires ${name} to have at least one element, got none`,
    );
  }
  for (let i = 0; i < array.length; i++) {
    const v = array[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new ToplinesError(
        typeof v === 'number' ? 'not-finite' : 'invalid-type',
        fn,
        `requires ${name} to hold finite numbers, got ${show(v)} at index ${i}`,
      );
    }
  }
  return array as ArrayLike<number>;
}

/**
 * Throws unless `value` is an options object (or undefined). Returns a view
 * of it whose reads turn an exception (a throwing getter, a hostile Proxy)
 * into a ToplinesError `invalid-option` that names the option.
 */
export function checkOptions(
  fn: string,
  value: unknown,
  name = 'options',
): Record<string, unknown> {
  if (value === undefined) return {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ToplinesError(
      'invalid-type',
      fn,
      `requires ${name} to be an object, got ${show(value)}`,
    );
  }
  const object = value as Record<string, unknown>;
  return new Proxy(object, {
    get(_target, key) {
      return readProperty(fn, object, key, name);
    },
  });
}

/** `object[key]`, with an exception while reading it turned into a ToplinesError. */
export function readProperty(
  fn: string,
  object: object,
  key: string | symbol,
  name: string,
): unknown {
  try {
    return (object as Record<string | symbol, unknown>)[key];
  } catch (e) {
    throw new ToplinesError(
      'invalid-option',
      fn,
      `could not read ${name}.${String(key)}: reading it threw ${e instanceof Error ? e.name : show(e)}`,
    );
  }
}

/** The `level` option: 0.95 when absent, else checked. */
export function levelOption(fn: string, value: unknown): number {
  return value === undefined ? 0.95 : checkLevel(fn, value);
}

/** A design-effect option (`deff`, `deff1`, …): 1 when absent, else checked. */
export function deffOption(fn: string, name: string, value: unknown): number {
  return value === undefined ? 1 : checkDeff(fn, name, value);
}

/** A boolean option: `fallback` when absent, else true or false. */
export function booleanOption(
  fn: string,
  name: string,
  value: unknown,
  fallback: boolean,
): boolean {
  if (value === undefined) return fallback;
  if (typeof value === 'boolean') return value;
  throw new ToplinesError(
    'invalid-option',
    fn,
    `requires ${name} to be true or false, got ${show(value)}`,
  );
}

/** The `method` option: the first of `allowed` (the default) when absent, else checked. */
export function methodOption<T extends string>(
  fn: string,
  value: unknown,
  allowed: readonly T[],
): T {
  return value === undefined ? allowed[0]! : checkMethod(fn, 'method', value, allowed);
}

/**
 * How far the shares of one single-choice question may sum past 1: rounding
 * each of two figures to whole percents can add at most one point.
 */
export const SINGLE_CHOICE_ALLOWANCE = 0.01;

/**
 * Throws unless shares summing to `sum` can be options of one single-choice
 * question (at most 1 + {@link SINGLE_CHOICE_ALLOWANCE}). `described` says
 * which shares, e.g. "p1 + p2 = 0.565 + 0.532" (or a function that writes it,
 * called only for the message: the check runs in the engine's inner loops);
 * `shares` names them in the message ("two shares", or "the shares" for a
 * whole question).
 */
export function checkSingleChoiceSum(
  fn: string,
  described: string | (() => string),
  sum: number,
  shares = 'two shares',
): void {
  if (sum > 1 + SINGLE_CHOICE_ALLOWANCE) {
    throw new ToplinesError(
      'out-of-range',
      fn,
      `requires ${shares} of one single-choice question, which cannot sum past 1, got ${typeof described === 'string' ? described : described()} = ${show(sum)}: options of a check-all question overlap and need a paired comparison (pairedDifference)`,
    );
  }
}
