import type { CellValue, FieldDescriptor } from '../types';

/** The outcome of casting one cell: its value, or why the text is not of the field's type. */
export type CastResult = { ok: true; value: CellValue } | { ok: false; expected: string };

const INTEGER = /^[+-]?\d+$/;
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DEFAULT_TRUE = ['true', 'True', 'TRUE', '1'];
const DEFAULT_FALSE = ['false', 'False', 'FALSE', '0'];

/**
 * Casts the text of one cell by its Table Schema field. Missing values
 * (`missingValues`, default `[""]`) become `null`, never NaN or 0. Integers
 * and numbers become numbers (NaN and ±INF are refused: a reported
 * percentage is always finite), booleans use the field's `trueValues` and
 * `falseValues`, dates are checked as calendar dates and kept as
 * `YYYY-MM-DD` strings (a `Date` would shift with the time zone when printed).
 * Types this package does not know are kept as strings. Internal.
 *
 * @example
 * castField('40.50', { name: 'percent', type: 'number' }, ['']); // => { ok: true, value: 40.5 }
 * castField('', { name: 'n', type: 'integer' }, ['']); // => { ok: true, value: null }
 */
export function castField(
  text: string,
  field: FieldDescriptor,
  missingValues: readonly string[],
): CastResult {
  if (missingValues.includes(text)) return { ok: true, value: null };
  switch (field.type ?? 'string') {
    case 'integer': {
      const t = text.trim();
      const value = Number(t);
      return INTEGER.test(t) && Number.isSafeInteger(value)
        ? { ok: true, value }
        : { ok: false, expected: 'an integer' };
    }
    case 'number': {
      const t = text.trim();
      const value = Number(t);
      return NUMBER.test(t) && Number.isFinite(value)
        ? { ok: true, value }
        : { ok: false, expected: 'a number' };
    }
    case 'boolean': {
      if ((field.trueValues ?? DEFAULT_TRUE).includes(text)) return { ok: true, value: true };
      if ((field.falseValues ?? DEFAULT_FALSE).includes(text)) return { ok: true, value: false };
      const allowed = [
        ...(field.trueValues ?? DEFAULT_TRUE),
        ...(field.falseValues ?? DEFAULT_FALSE),
      ];
      return {
        ok: false,
        expected: `a boolean (${allowed.map((v) => JSON.stringify(v)).join(', ')})`,
      };
    }
    case 'date':
      return isCalendarDate(text)
        ? { ok: true, value: text }
        : { ok: false, expected: 'a date written YYYY-MM-DD' };
    case 'year': {
      const t = text.trim();
      return /^\d{4}$/.test(t) ? { ok: true, value: Number(t) } : { ok: false, expected: 'a year' };
    }
    default:
      return { ok: true, value: text };
  }
}

/** True for a real calendar date written YYYY-MM-DD (no 2025-02-30). */
export function isCalendarDate(text: string): boolean {
  const m = DATE.exec(text);
  if (m === null) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}
