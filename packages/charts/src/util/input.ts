import { readChoice, readLevel, readOptions } from '@toplines/core/internal';
import { ChartError, chartError } from '../errors';
import { errorText } from '../messages';

/** One row of a tidy table, as the builders read it. */
export type Row = Readonly<Record<string, unknown>>;

/**
 * What every builder takes as its table: an array of row objects (e.g. the
 * `results` layout with the columns `withIntervals` adds), or an arquero
 * table — anything with an `objects()` method that returns such rows.
 *
 * @example
 * const input: ChartInput = withIntervals(results, { surveys, questions }); // an arquero table
 * const same: ChartInput = input.objects(); // or its rows
 * const q = { question: 'us-impression' };
 * JSON.stringify(shareChart(same, q)) === JSON.stringify(shareChart(input, q)); // => true
 */
export type ChartInput = readonly object[] | { objects(): object[] };

/** The rows of a table, copied (the input is never changed). Internal. */
export function toRows(fn: string, input: unknown): Row[] {
  let rows: unknown;
  if (Array.isArray(input)) rows = input;
  else if (
    input !== null &&
    typeof input === 'object' &&
    typeof (input as { objects?: unknown }).objects === 'function'
  ) {
    rows = (input as { objects(): unknown }).objects();
  }
  if (!Array.isArray(rows)) throw new ChartError('invalid-input', fn, errorText.notATable(input));
  if (rows.length === 0) throw new ChartError('empty-table', fn, errorText.empty());
  return rows.map((row, i) => {
    if (row === null || typeof row !== 'object' || Array.isArray(row)) {
      throw new ChartError('invalid-input', fn, errorText.notARow(i, row));
    }
    return { ...(row as Record<string, unknown>) };
  });
}

/** Throws `missing-column` when a column is absent from any row. Internal. */
export function requireColumns(
  fn: string,
  rows: readonly Row[],
  columns: readonly string[],
  hint: string,
): void {
  const missing = columns.filter((c) => rows.some((row) => !(c in row)));
  if (missing.length > 0) {
    throw new ChartError('missing-column', fn, errorText.missingColumns(missing, hint));
  }
}

/** A non-empty string cell, else null. Internal. */
export function str(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** A finite number cell, else null. Internal. */
export function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** The distinct values of a column, in order of first appearance. Internal. */
export function distinct(rows: readonly Row[], column: string): unknown[] {
  const seen = new Set<unknown>();
  for (const row of rows) seen.add(row[column] ?? null);
  return [...seen];
}

/** Checks that `options` is undefined or a plain object, and returns it. Internal. */
export function checkOptions<T extends object>(fn: string, options: T | undefined): Partial<T> {
  return readOptions(fn, chartError(fn), options, 'option options') as Partial<T>;
}

/** A `level` option: in (0, 1), default 0.95. Internal. */
export function levelOption(fn: string, value: unknown): number {
  return readLevel(fn, chartError(fn), value, 'option level');
}

/** A positive size option (width, height), with its default. Internal. */
export function sizeOption(fn: string, name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 40) {
    throw new ChartError(
      'invalid-option',
      fn,
      errorText.option(name, 'a number ≥ 40 (pixels)', value),
    );
  }
  return value;
}

/** A string option from a fixed set, with its default. Internal. */
export function enumOption<T extends string>(
  fn: string,
  name: string,
  value: unknown,
  allowed: readonly T[],
  fallback: T,
): T {
  return readChoice(fn, chartError(fn), `option ${name}`, value, allowed, fallback);
}

/** An optional string option. Internal. */
export function stringOption(fn: string, name: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') {
    throw new ChartError('invalid-option', fn, errorText.option(name, 'a non-empty string', value));
  }
  return value;
}

/**
 * Reads chart input as rows and checks they are the `results` layout with
 * the interval columns `withIntervals` adds (all of `intervalColumns`).
 * Internal, shared by the builders.
 */
export function resultRows(fn: string, table: unknown, intervalColumns: readonly string[]): Row[] {
  const rows = toRows(fn, table);
  requireColumns(fn, rows, ['survey_id', 'question_id', 'option'], errorText.resultsHint());
  requireColumns(fn, rows, intervalColumns, errorText.intervalHint());
  return rows;
}
