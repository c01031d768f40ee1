// Integer codes for the identifiers of a design (strata, PSUs): what R's factor() and
// interaction() give, as typed arrays. Internal.
import { ToplinesError } from '../errors';
import { show } from '../validate';

/** Codes 0…count−1 of some values, in order of first appearance, with one value for each code. */
export interface Codes {
  codes: Int32Array;
  count: number;
  /** The value behind a code, for messages (computed on demand). */
  label: (code: number) => string | number;
}

/** Whether `value` is an array or a typed array (not a DataView). */
export function isArrayLike(value: unknown): value is ArrayLike<unknown> {
  return Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
}

/**
 * Codes of the identifiers `ids` (strings or finite numbers, one per respondent), checked:
 * an array of length `n` without a missing value. `name` is the argument as messages call
 * it ("psu", "strata[1]").
 */
export function codesOf(fn: string, name: string, ids: unknown, n: number): Codes {
  if (!isArrayLike(ids)) {
    throw new ToplinesError(
      'invalid-type',
      fn,
      `requires ${name} to be an array of identifiers (strings or numbers), got ${show(ids)}`,
    );
  }
  if (ids.length !== n) {
    throw new ToplinesError(
      'length-mismatch',
      fn,
      `requires ${name} to have one identifier per respondent (${n}, the length of weights), got ${ids.length}`,
    );
  }
  const codes = new Int32Array(n);
  const seen = new Map<string | number, number>();
  const labels: (string | number)[] = [];
  for (let i = 0; i < n; i++) {
    const v = ids[i];
    if (!(typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)))) {
      throw new ToplinesError(
        v === null || v === undefined || Number.isNaN(v) ? 'not-finite' : 'invalid-type',
        fn,
        `requires ${name} to hold a string or a finite number for every respondent, got ${show(v)} at index ${i}`,
      );
    }
    let code = seen.get(v);
    if (code === undefined) {
      code = labels.length;
      seen.set(v, code);
      labels.push(v);
    }
    codes[i] = code;
  }
  return { codes, count: labels.length, label: (code) => labels[code] as string | number };
}

/** The codes 0…n−1: every respondent on its own (no PSU ids: each respondent is a PSU). */
export function eachOnItsOwn(n: number): Codes {
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) codes[i] = i;
  return { codes, count: n, label: (code) => `respondent ${code + 1}` };
}

/** One code for every respondent (no strata: one stratum). */
export function allOne(n: number): Codes {
  return { codes: new Int32Array(n), count: 1, label: () => 1 };
}

/**
 * The codes of the pairs (a, b), as R's interaction() of two factors (without its quirk of
 * pasting labels with ".": pairs are compared as pairs). A label joins the two with "/".
 */
export function combine(a: Codes, b: Codes): Codes {
  const n = a.codes.length;
  const codes = new Int32Array(n);
  const seen = new Map<number, number>();
  const firstRow: number[] = [];
  const width = b.count;
  for (let i = 0; i < n; i++) {
    const key = (a.codes[i] as number) * width + (b.codes[i] as number);
    let code = seen.get(key);
    if (code === undefined) {
      code = firstRow.length;
      seen.set(key, code);
      firstRow.push(i);
    }
    codes[i] = code;
  }
  const label = (code: number): string => {
    const i = firstRow[code] as number;
    return `${a.label(a.codes[i] as number)}/${b.label(b.codes[i] as number)}`;
  };
  return { codes, count: firstRow.length, label };
}
