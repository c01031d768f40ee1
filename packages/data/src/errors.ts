import { brandError } from '@toplines/core/internal';
import { errorText, location } from './messages';
import type { ValidationIssue } from './types';

/**
 * The machine-readable kind of a {@link DataError}.
 *
 * - `invalid-data`: {@link assertValid} found errors; they are in `issues`
 * - `invalid-descriptor`: the datapackage.json is not JSON or lacks what a Data Package needs,
 *   two resources share a name, or a Table Schema does not hold together (an unknown field
 *   type, a pattern that is not a regular expression or that the linear-time engine refuses,
 *   a minimum of the wrong type, missingValues not strings, a key naming a missing field or
 *   resource)
 * - `unreadable-resource`: a resource's file could not be read, is not text (an image, a
 *   spreadsheet), or cannot be decoded in the encoding found or given (`decodeText`)
 * - `missing-column`: a verb was given a table without a column it needs
 * - `invalid-option`: a verb option out of range (e.g. `level: 95`), or an options argument
 *   of the wrong type (`validate(pkg, { documents: 5 })`, `parseResultsCsv(text, null)`)
 * - `invalid-type`: a verb was given something that is not an arquero table, validate
 *   something that is not a data package, a reader something that is not text
 * - `unsafe-path`: a resource, schema or document path that is absolute, a URL, climbs out
 *   with `..`, or is a symbolic link leading out of the package folder (never read)
 * - `invalid-value`: a cell that respondent-level data cannot have: a weight that is not a
 *   number above 0, a missing stratum or PSU ({@link weightedToplines})
 *
 * @example
 * import { table } from 'arquero';
 * const caught = (f: () => unknown) => { try { f(); } catch (e) { return e; } };
 * const e = caught(() => withIntervals(table({ x: [1] })));
 * e instanceof DataError; // => true
 * (e as DataError).code; // => 'missing-column'
 */
export type DataErrorCode =
  | 'invalid-data'
  | 'invalid-descriptor'
  | 'unreadable-resource'
  | 'missing-column'
  | 'invalid-option'
  | 'invalid-type'
  | 'unsafe-path'
  | 'invalid-value';

/** How many issues the message of an `invalid-data` error lists before "… and N more". */
const LISTED_ISSUES = 20;

/**
 * The one error class of @toplines/data. It carries a `code` to branch on and,
 * for `invalid-data`, the validation `issues` (errors then warnings) that its
 * message lists, each located by file, row and column. It carries the brand
 * of the toplines packages' errors (`isLibraryError` of
 * `@toplines/core/internal`), which holds across the ESM and CJS builds where
 * `instanceof` does not.
 *
 * @example
 * let code: string | null = null;
 * try {
 *   assertValid(parseResultsCsv('survey_id,question_id\n'));
 * } catch (e) {
 *   if (e instanceof DataError) code = e.code;
 * }
 * code; // => 'invalid-data'
 */
export class DataError extends Error {
  override readonly name = 'DataError';
  readonly code: DataErrorCode;
  readonly issues: readonly ValidationIssue[];

  constructor(code: DataErrorCode, message: string, issues: readonly ValidationIssue[] = []) {
    super(message);
    this.code = code;
    this.issues = issues;
    brandError(this);
  }

  /** The `invalid-data` error for a list of issues: a summary line, then one line per issue. */
  static fromIssues(
    errors: readonly ValidationIssue[],
    warnings: readonly ValidationIssue[],
  ): DataError {
    const all = [...errors, ...warnings];
    const lines = all
      .slice(0, LISTED_ISSUES)
      .map((issue) => `  ${issue.severity} [${issue.code}] ${issue.message}`);
    if (all.length > LISTED_ISSUES)
      lines.push(`  ${errorText.moreIssues(all.length - LISTED_ISSUES)}`);
    const message = [errorText.invalidData(errors.length, warnings.length), ...lines].join('\n');
    return new DataError('invalid-data', message, all);
  }
}

/** The error factory of the shared option checks of `@toplines/core/internal`. Internal. */
export function dataError(code: DataErrorCode, message: string): DataError {
  return new DataError(code, message);
}

/** Builds a located issue whose message starts with its location. Internal. */
export function issue(
  code: ValidationIssue['code'],
  severity: ValidationIssue['severity'],
  where: { file: string; row: number | null; line?: number | null; column: string | null },
  value: string | null,
  text: string,
): ValidationIssue {
  const line = where.line ?? null;
  return {
    code,
    severity,
    file: where.file,
    row: where.row,
    line,
    column: where.column,
    value,
    message: `${location(where.file, where.row, line, where.column)}: ${text}`,
  };
}
