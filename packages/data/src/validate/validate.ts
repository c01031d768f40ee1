import { DataError } from '../errors';
import { errorText, location, packageText, show } from '../messages';
import type { DataPackage, ResourceData, ValidationIssue, ValidationReport } from '../types';
import { checkResourceNames, checkTableSchema } from './check-descriptor';
import { checkResults, type ReadDocument } from './check-results';
import { checkForeignKeys, checkSchema } from './check-schema';

/**
 * Options of {@link validate} and {@link assertValid}.
 *
 * @example
 * // not run: needs the source texts on disk
 * validate(pkg, { documents: readDocuments('../shared/seeds') });
 */
export interface ValidateOptions {
  /**
   * Returns the source text of a document named in `sources.document` (or
   * undefined when it is not available); when given, every quote must appear
   * in its source's text, whitespace-normalised. Default: quotes are only
   * checked for containing the figure as printed. In Node,
   * `readDocuments(folder)` from `@toplines/data/node` builds one.
   */
  documents?: ReadDocument;
}

/**
 * Validates a data package: every resource against its Table Schema (header,
 * types, required values, enums, patterns, ranges, unique values, duplicate
 * rows, primary and foreign keys), and the `results` resource against survey
 * logic — the exact, non-net shares of a single-choice or scale question
 * (per survey, question, group and source) may exceed 100% only by rounding
 * (½·10^−d per figure, d its printed decimals); a share past 100 + 10 points
 * is flagged as a likely check-all question labelled single; an exact
 * percentage must come from a whole count out of n (`consistentCounts` from
 * @toplines/core, d from the figure as printed: "40.50" has 2) — a warning,
 * as an impossible figure is a finding about the publication rather than a
 * fault of the file; base_n may not exceed the survey's n; each quote must
 * state the figure as printed (in digits, or a whole number in English
 * words) and, with `options.documents`, appear in the source text, and every
 * document a source names must be there.
 *
 * Every issue names its file, row (data rows from 1, header = 0), column and
 * value — the column as the file names it. Warnings (extra columns, shares
 * past 100 where the question type is unknown, a percentage no count out of
 * n can produce, a whole-sample base_n that differs from the survey's n, a
 * source text that is not available, a quote with no figure in digits, the
 * defaults a simple-layout CSV was read with) do not make the package invalid.
 *
 * Cost: O(rows) plus the quote search in the source texts.
 *
 * @param pkg - a package from {@link load}, {@link parseDataPackage} or {@link parseResultsCsv}
 * @param options - `documents`: source texts for the quote check
 * @returns `{ errors, warnings }`, each in file order
 * @throws {DataError} `invalid-type` when `pkg` is not a data package;
 *   `invalid-option` when `options` is not an object or `documents` not a
 *   function; `invalid-descriptor` when a resource's Table Schema does not
 *   hold together (see parseDataPackage) or two resources share a name
 * @example
 * validate(load()).errors; // => []
 * const bad = parseResultsCsv(
 *   'survey_id,question_id,group_dim,group_value,option,percent,qualifier,is_net,base_n,source_id,quote\n' +
 *   's,q,total,total,yes,forty,exact,false,,src,forty percent\n',
 * );
 * validate(bad).errors[0]?.message;
 * // => 'results.csv, row 1 (line 2), column "percent": "forty" is not a number'
 */
export function validate(pkg: DataPackage, options: ValidateOptions = {}): ValidationReport {
  checkPackage(pkg, 'validate');
  if (options === null || typeof options !== 'object') {
    throw new DataError(
      'invalid-option',
      errorText.option('validate', 'options', 'an object such as { documents }', options),
    );
  }
  if (options.documents !== undefined && typeof options.documents !== 'function') {
    throw new DataError(
      'invalid-option',
      errorText.option(
        'validate',
        'options.documents',
        'a function from a document name to its text (readDocuments(folder) in Node)',
        options.documents,
      ),
    );
  }
  const issues: ValidationIssue[] = [];
  // Appended one by one: push(...list) passes each issue as an argument, and
  // an archive with an issue on each of 200,000 rows overflows the stack (#18).
  const append = (list: readonly ValidationIssue[]) => {
    for (const item of list) issues.push(item);
  };
  pkg.resources.forEach((resource) => {
    const named = fileColumnNames(resource);
    append(resource.readIssues);
    append(named(checkSchema(resource)));
    append(named(checkForeignKeys(resource, pkg)));
    if (resource.name === 'results') append(named(checkResults(resource, pkg, options.documents)));
  });
  const order = new Map(pkg.resources.map((r, i) => [r.path, i]));
  const sorted = issues
    .map((item, index) => ({ item, index }))
    .sort(
      (a, b) =>
        (order.get(a.item.file) ?? 0) - (order.get(b.item.file) ?? 0) ||
        (a.item.row ?? -1) - (b.item.row ?? -1) ||
        a.index - b.index,
    )
    .map(({ item }) => item);
  return {
    errors: sorted.filter((i) => i.severity === 'error'),
    warnings: sorted.filter((i) => i.severity === 'warning'),
  };
}

/**
 * The issues of a resource whose columns the file names otherwise (see
 * `ResourceData.columnNames`), each naming the column as the file does:
 * its location and the quoted name in its text. The identity otherwise.
 */
function fileColumnNames(
  resource: ResourceData,
): (issues: readonly ValidationIssue[]) => readonly ValidationIssue[] {
  const names = resource.columnNames;
  if (names === undefined) return (issues) => issues;
  return (issues) =>
    issues.map((item) => {
      const written = item.column === null ? undefined : names[item.column];
      if (written === undefined || item.column === null) return item;
      const before = location(item.file, item.row, item.line, item.column);
      const text = item.message.startsWith(before)
        ? item.message.slice(before.length)
        : `: ${item.message}`;
      return {
        ...item,
        column: written,
        message:
          location(item.file, item.row, item.line, written) +
          text.split(show(item.column)).join(show(written)),
      };
    });
}

/**
 * Throws unless `pkg` has the shape of a package this module reads (an
 * object whose resources each have a name, a path, a Table Schema, the
 * cells as read and a table), then checks each schema and that no two
 * resources share a name: a package built by hand gets the same checks as a
 * descriptor read by parseDataPackage (but for foreign keys' target
 * resources, which a one-resource package from parseResultsCsv leaves out).
 */
function checkPackage(pkg: unknown, fn: string): asserts pkg is DataPackage {
  const resources = (pkg as { resources?: unknown } | null)?.resources;
  const ok =
    pkg !== null &&
    typeof pkg === 'object' &&
    Array.isArray(resources) &&
    resources.every((r: unknown) => {
      const x = r as Partial<Record<keyof ResourceData, unknown>> | null;
      return (
        x !== null &&
        typeof x === 'object' &&
        typeof x.name === 'string' &&
        typeof x.path === 'string' &&
        Array.isArray(x.header) &&
        Array.isArray(x.rows) &&
        Array.isArray(x.lines) &&
        Array.isArray(x.readIssues) &&
        typeof (x.table as { numRows?: unknown } | null)?.numRows === 'function'
      );
    });
  if (!ok) throw new DataError('invalid-type', packageText.notAPackage(fn, pkg));
  const all = resources as ResourceData[];
  for (const r of all) checkTableSchema(r.name, r.schema);
  checkResourceNames(all.map((r) => r.name));
}

/**
 * Validates a data package and throws when it has errors; warnings alone
 * do not throw. The thrown {@link DataError} has code `invalid-data`, the
 * issues in `issues`, and a message that lists them (the first 20).
 *
 * @param pkg - the package to check
 * @param options - as for {@link validate}
 * @returns the warnings, when there are no errors
 * @throws {DataError} `invalid-data` when {@link validate} finds an error
 * @example
 * // returns the warnings; throws only on errors
 * assertValid(load()).every((w) => w.severity === 'warning'); // => true
 */
export function assertValid(pkg: DataPackage, options: ValidateOptions = {}): ValidationIssue[] {
  const { errors, warnings } = validate(pkg, options);
  if (errors.length > 0) throw DataError.fromIssues(errors, warnings);
  return warnings;
}
