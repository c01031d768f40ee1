import { table as makeTable } from 'arquero';
import { DataError } from '../errors';
import { parseCsv } from '../format/parse-csv';
import { sniffDelimiter } from '../format/sniff-delimiter';
import { errorText, issueText, location, microdataText } from '../messages';
import type { Microdata } from './types';

/** Options of {@link parseMicrodataCsv}. */
export interface ParseMicrodataCsvOptions {
  /** The cell separator. Default: sniffed from the header (a comma, a semicolon or a tab). */
  delimiter?: ',' | ';' | '\t';
  /** Cells that mean "no answer", compared after trimming. Default `['', 'NA']` (R's write.csv writes NA). */
  missingValues?: readonly string[];
  /** The file's name, for messages. Default `"data.csv"`. */
  file?: string;
}

/** A number as a CSV writes it: 12, -3.5, .5, 1e-3. */
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
/** A decimal comma, in a file whose separator is not a comma: 40,5. */
const COMMA_NUMBER = /^[+-]?\d+,\d+$/;

/**
 * Reads a CSV of respondents (one row per respondent, one column per variable) into a
 * table: a column whose every non-missing cell is a number becomes numbers (with a
 * decimal comma in a file separated by semicolons or tabs), any other stays text;
 * missing cells are null. The text is as {@link decodeText} gives it.
 *
 * Cost: O(cells).
 *
 * @param text - the CSV text
 * @param options - `delimiter` (default sniffed), `missingValues` (default `['', 'NA']`), `file`
 * @returns the table, no labels, format `"csv"`
 * @throws {DataError} `unreadable-resource` for a file without data rows, a row with
 *   another number of cells than the header, a quote never closed, or two columns of one name
 * @example
 * const { table } = parseMicrodataCsv('q1;w\nyes;1,5\nno;NA\n');
 * table.objects(); // => [{ q1: 'yes', w: 1.5 }, { q1: 'no', w: null }]
 */
export function parseMicrodataCsv(text: string, options: ParseMicrodataCsvOptions = {}): Microdata {
  const file = options.file ?? 'data.csv';
  if (typeof text !== 'string') {
    throw new DataError(
      'invalid-type',
      errorText.option('parseMicrodataCsv', 'text', 'a string', text),
    );
  }
  const delimiter = options.delimiter ?? sniffDelimiter(text);
  const missing = new Set((options.missingValues ?? ['', 'NA']).map((m) => m.trim()));
  const csv = parseCsv(text, { delimiter });
  const problem = csv.problems[0];
  if (problem !== undefined) {
    const what =
      problem.kind === 'unterminated-quote'
        ? issueText.unterminatedQuote()
        : issueText.textAfterQuote();
    throw new DataError(
      'unreadable-resource',
      `${location(file, null, problem.line, null)}: ${what}`,
    );
  }
  const names = csv.header.map((h) => h.trim());
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name))
      throw new DataError('unreadable-resource', microdataText.duplicateColumn(file, name));
    seen.add(name);
  }
  if (csv.rows.length === 0)
    throw new DataError('unreadable-resource', microdataText.emptyFile(file));
  csv.rows.forEach((row, r) => {
    if (row.length !== names.length) {
      throw new DataError(
        'unreadable-resource',
        `${location(file, r + 1, csv.lines[r] ?? null, null)}: ${issueText.rowLength(row.length, names.length)}`,
      );
    }
  });
  const decimalComma = delimiter !== ',';
  const data: Record<string, unknown[]> = {};
  names.forEach((name, c) => {
    const cells = csv.rows.map((row) => (row[c] as string).trim());
    const present = cells.filter((cell) => !missing.has(cell));
    const numeric =
      present.length > 0 &&
      present.every((cell) => NUMBER.test(cell) || (decimalComma && COMMA_NUMBER.test(cell)));
    data[name] = cells.map((cell) => {
      if (missing.has(cell)) return null;
      if (!numeric) return cell;
      return Number(COMMA_NUMBER.test(cell) ? cell.replace(',', '.') : cell);
    });
  });
  return { table: makeTable(data, names), labels: Object.create(null), format: 'csv', notes: [] };
}
