// Reading cells of the arquero rows the engine works on. Internal.
import { PERCENT_TEXT } from '../io/read-resource';
import { rowDecimals } from '../util/sample-size';

/** One row of a table, as arquero's `objects()` gives it. */
export type Row = Readonly<Record<string, unknown>>;

/** A non-blank string, else null. */
export function str(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/** A finite number, else null. */
export function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** A whole number ≥ 1, else null. */
export function positiveInteger(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : null;
}

/** A whole number ≥ 0, else null. */
export function wholeOrZero(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : null;
}

/** The decimals a row's percentage was printed with ("31.0" has 1): the verbs' rule, `rowDecimals`. */
export function printedDecimals(r: Row): number {
  return rowDecimals(undefined, str(r[PERCENT_TEXT]), num(r['percent']) ?? 0);
}

/** True for a whole-sample row (`total`/`total`, or no group columns). */
export function isTotal(r: Row): boolean {
  return (r['group_dim'] ?? 'total') === 'total' && (r['group_value'] ?? 'total') === 'total';
}

/** "favorable impression" → "Favorable impression" (a label that opens a sentence). */
export function capitalize(text: string): string {
  return text.length === 0 ? text : text[0]?.toUpperCase() + text.slice(1);
}

/** 1037 → "1,037". */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}
