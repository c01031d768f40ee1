import { table } from 'arquero';
import { issue } from '../errors';
import { castField } from '../format/cast-field';
import { type CsvText, parseCsv } from '../format/parse-csv';
import { issueText } from '../messages';
import type { CellValue, ResourceData, TableSchemaDescriptor, ValidationIssue } from '../types';

/**
 * The column that keeps a `percent` field's text as printed ("31.0"): its
 * decimals tell the rounding precision, which the number 31 has lost.
 *
 * @example
 * results().get('percent', 8); // => 31
 * results().get(PERCENT_TEXT, 8); // => '31.0'
 */
export const PERCENT_TEXT = 'percent_text';

/** The one column name an arquero table cannot hold. Internal. */
export const UNHELD_COLUMN = '__proto__';

/**
 * The missing-value texts of a schema (default `[""]`); Table Schema v2
 * also allows `{ "value": "-99", "label": "refused" }` objects, read by
 * their value. Internal.
 */
export function missingValuesOf(schema: TableSchemaDescriptor): readonly string[] {
  const values: readonly unknown[] = Array.isArray(schema.missingValues)
    ? schema.missingValues
    : [''];
  return values.map((v) =>
    typeof v === 'string' ? v : String((v as { value?: unknown } | null)?.value ?? ''),
  );
}

/**
 * Reads the CSV text of one resource into a typed arquero table, keeping the
 * text cells for validation. Lenient: a cell that does not cast becomes null
 * (validate reports it), a missing column is a column of nulls, columns not in
 * the schema are kept as text after the schema's columns. Internal.
 */
export function readResource(
  text: string,
  name: string,
  path: string,
  schema: TableSchemaDescriptor,
  dialect: { delimiter?: string; quoteChar?: string } = {},
): ResourceData {
  return resourceOfCells(parseCsv(text, dialect), name, path, schema);
}

/**
 * {@link readResource} of text already split into cells (the results CSV
 * reader rewrites some cells first: see parse-results-csv.ts). Internal.
 */
export function resourceOfCells(
  csv: CsvText,
  name: string,
  path: string,
  schema: TableSchemaDescriptor,
): ResourceData {
  const missing = missingValuesOf(schema);
  // Keyed by the file's column names: no prototype, so that a column named
  // "__proto__" or "constructor" is a column like any other.
  const columns: Record<string, CellValue[]> = Object.create(null);
  const names: string[] = [];
  const cellAt = (row: readonly string[], index: number): string =>
    index < 0 ? (missing[0] ?? '') : (row[index] ?? '');

  // One string per distinct text: an archive repeats its ids, options and
  // qualifiers on every row, and its table then holds each once (#18).
  const interned = new Map<string, string>();
  const intern = <T>(value: T): T => {
    if (typeof value !== 'string') return value;
    const known = interned.get(value);
    if (known !== undefined) return known as T;
    interned.set(value, value);
    return value;
  };
  for (const field of schema.fields) {
    const index = csv.header.indexOf(field.name);
    const values = csv.rows.map((row) => {
      const cast = castField(cellAt(row, index), field, missing);
      return cast.ok ? intern(cast.value) : null;
    });
    columns[field.name] = values;
    names.push(field.name);
    if (field.name === 'percent' && (field.type === 'number' || field.type === 'integer')) {
      columns[PERCENT_TEXT] = csv.rows.map((row) => {
        const cell = cellAt(row, index);
        return missing.includes(cell) ? null : intern(cell.trim());
      });
      names.push(PERCENT_TEXT);
    }
  }
  const known = new Set(names);
  csv.header.forEach((column, index) => {
    // arquero keeps columns in a plain object, where "__proto__" is no
    // column: an extra column of that name is left out (validate warns that
    // an extra column is ignored; a schema field of that name is refused).
    if (known.has(column) || column === '' || column === UNHELD_COLUMN) return;
    known.add(column);
    columns[column] = csv.rows.map((row) => {
      const cell = cellAt(row, index);
      return missing.includes(cell) ? null : cell;
    });
    names.push(column);
  });

  const readIssues: ValidationIssue[] = csv.problems.map((problem) =>
    issue(
      'csv-syntax',
      'error',
      { file: path, row: null, line: problem.line, column: null },
      null,
      `line ${problem.line}: ${
        problem.kind === 'unterminated-quote'
          ? issueText.unterminatedQuote()
          : issueText.textAfterQuote()
      }`,
    ),
  );

  return {
    name,
    path,
    schema,
    table: table(columns, names),
    header: csv.header,
    rows: csv.rows,
    lines: csv.lines,
    readIssues,
  };
}
