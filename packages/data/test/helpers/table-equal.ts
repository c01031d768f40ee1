/**
 * The shared table assertion of the tests of @toplines/data (arquero's habit:
 * tests compare whole tables, column by column).
 */
import type { ColumnTable } from 'arquero';
import { expect } from 'vitest';

/** Numbers closer than this (absolute, or relative above 1) are equal. Default 1e-10. */
export const TOLERANCE = 1e-10;

/**
 * Asserts that `actual` has exactly the columns of `expected`, in order, and
 * the same values: numbers within `tolerance` (relative above 1), everything
 * else strictly equal. NaN never matches anything, so a stray NaN fails.
 *
 * @example
 * expectTableEqual(t, { a: [1, 2], b: ['x', null] });
 */
export function expectTableEqual(
  actual: ColumnTable,
  expected: Record<string, readonly unknown[]> | ColumnTable,
  tolerance = TOLERANCE,
): void {
  const want = isTable(expected) ? columnsOf(expected) : expected;
  expect(actual.columnNames(), 'column names').toEqual(Object.keys(want));
  for (const [name, values] of Object.entries(want)) {
    const got = Array.from(actual.array(name) as ArrayLike<unknown>);
    expect(got.length, `rows of column ${name}`).toBe(values.length);
    got.forEach((value, i) => {
      const target = values[i];
      if (typeof value === 'number' && typeof target === 'number') {
        const error = Math.abs(value - target) / Math.max(1, Math.abs(target));
        expect(error <= tolerance, `column ${name}, row ${i}: got ${value}, want ${target}`).toBe(
          true,
        );
      } else {
        expect(value, `column ${name}, row ${i}`).toStrictEqual(target);
      }
    });
  }
}

/** Asserts that no cell of the table is NaN or undefined (the verbs write null instead). */
export function expectNoNaN(table: ColumnTable): void {
  for (const name of table.columnNames()) {
    const bad = Array.from(table.array(name) as ArrayLike<unknown>).findIndex(
      (v) => v === undefined || (typeof v === 'number' && Number.isNaN(v)),
    );
    expect(bad, `column ${name} has NaN or undefined at row ${bad}`).toBe(-1);
  }
}

/** The columns of a table as plain arrays. */
export function columnsOf(table: ColumnTable): Record<string, unknown[]> {
  return Object.fromEntries(
    table.columnNames().map((name) => [name, Array.from(table.array(name) as ArrayLike<unknown>)]),
  );
}

function isTable(value: unknown): value is ColumnTable {
  return typeof (value as { columnNames?: unknown }).columnNames === 'function';
}
