import { PROPORTION_CI_METHODS, type ProportionCIMethod } from '@toplines/core';
import { readDeff, readLevel, readMethod, readOptions } from '@toplines/core/internal';
import type { ColumnTable } from 'arquero';
import { DataError, dataError } from '../errors';
import { errorText } from '../messages';
import { resolveN, type SampleLookup, type SampleRow, sampleLookup } from './sample-size';

/**
 * The input of a verb, materialised (filters and orderings applied, never
 * mutated) with a column reader that gives null for a column the table lacks.
 * Internal.
 */
export interface TableInput {
  /** The input, reified: a new table when it was filtered or ordered. */
  table: ColumnTable;
  numRows: number;
  has(name: string): boolean;
  /** The column's values, or an array of nulls when the table has no such column. */
  column(name: string): unknown[];
}

/** Checks that `value` is an arquero table with the `required` columns, and reads it. Internal. */
export function tableInput(fn: string, value: unknown, required: readonly string[]): TableInput {
  if (!isTable(value)) {
    throw new DataError('invalid-type', errorText.notATable(fn, value));
  }
  const table = value.reify();
  const names = table.columnNames();
  const missing = required.filter((name) => !names.includes(name));
  if (missing.length > 0)
    throw new DataError('missing-column', errorText.missingColumns(fn, missing));
  const numRows = table.numRows();
  return {
    table,
    numRows,
    has: (name) => names.includes(name),
    column: (name) =>
      names.includes(name)
        ? Array.from(table.array(name) as ArrayLike<unknown>)
        : new Array(numRows).fill(null),
  };
}

/**
 * True for an arquero table. Duck-typed rather than `instanceof`, so that a
 * table made by another copy of arquero (another package's) is accepted. Internal.
 */
export function isTable(value: unknown): value is ColumnTable {
  if (value === null || typeof value !== 'object') return false;
  const t = value as Record<string, unknown>;
  return ['reify', 'columnNames', 'array', 'numRows', 'assign'].every(
    (m) => typeof t[m] === 'function',
  );
}

/**
 * The options every verb that needs n shares.
 *
 * @example
 * const { results, surveys, questions } = load();
 * withIntervals(results, { surveys, questions }).numRows() === results.numRows(); // => true
 */
export interface SampleOptions {
  /**
   * The surveys table (e.g. `load().surveys`): its `n` is used for a
   * whole-sample row without base_n. Not needed when the table has an `n` column.
   */
  surveys?: ColumnTable;
  /**
   * The questions table (e.g. `load().questions`): its `base` says whether a
   * question was asked of all respondents, its `response_type` which
   * questions are single-choice. Not needed when the table has `base` and
   * `response_type` columns.
   */
  questions?: ColumnTable;
}

/**
 * The n of each row: an existing `n_used` column when `useExisting`,
 * otherwise the rule of {@link resolveN}. Internal.
 */
export function rowNs(
  input: TableInput,
  options: SampleOptions,
  useExisting: boolean,
): (number | null)[] {
  if (useExisting && input.has('n_used')) {
    return input
      .column('n_used')
      .map((v) => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : null));
  }
  const lookup: SampleLookup = sampleLookup(options.surveys, options.questions);
  const names = [
    'survey_id',
    'question_id',
    'group_dim',
    'group_value',
    'base_n',
    'n',
    'base',
  ] as const;
  const columns = names.map((name) => (input.has(name) ? input.column(name) : null));
  const ns: (number | null)[] = [];
  for (let i = 0; i < input.numRows; i++) {
    const row: SampleRow = {};
    names.forEach((name, k) => {
      const values = columns[k];
      if (values) row[name] = values[i];
    });
    ns.push(resolveN(row, lookup));
  }
  return ns;
}

/** Checks a verb's options object and its tables. Internal. */
export function checkVerbOptions(fn: string, options: unknown): Record<string, unknown> {
  const opts = readOptions(fn, dataError, options);
  for (const name of ['surveys', 'questions']) {
    if (opts[name] !== undefined && !isTable(opts[name])) {
      throw new DataError(
        'invalid-option',
        errorText.option(fn, name, 'an arquero table', opts[name]),
      );
    }
  }
  return opts;
}

/** The `level` option: in (0, 1), default 0.95. Internal. */
export function levelOption(fn: string, value: unknown): number {
  return readLevel(fn, dataError, value);
}

/** The `deff` option: a finite number above 0, default 1. Internal. */
export function deffOption(fn: string, value: unknown): number {
  return readDeff(fn, dataError, value);
}

/** The `method` option of an interval: one of core's methods, default `"wilson"`. Internal. */
export function methodOption(fn: string, value: unknown): ProportionCIMethod {
  return readMethod(fn, dataError, value, PROPORTION_CI_METHODS);
}

/** The percent of a cell when it is a finite number, else null. Internal. */
export function percentOf(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** The qualifier of a cell: a string, `"exact"` when absent. Internal. */
export function qualifierOf(value: unknown): string {
  return typeof value === 'string' && value !== '' ? value : 'exact';
}

/** The `decimals` option: an integer from 0 to 10, default undefined (read per row). Internal. */
export function decimalsOption(fn: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 10) {
    return value;
  }
  throw new DataError(
    'invalid-option',
    errorText.option(fn, 'decimals', 'an integer from 0 to 10', value),
  );
}

/** A boolean option, default false. Internal. */
export function booleanOption(fn: string, name: string, value: unknown): boolean {
  if (value === undefined) return false;
  if (typeof value === 'boolean') return value;
  throw new DataError('invalid-option', errorText.option(fn, name, 'true or false', value));
}
