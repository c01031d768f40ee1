// Reading what to reanalyse: the bundled package, a results CSV or a data
// package, validated by @toplines/data before anything is computed.
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Issue, Reanalysis } from '@toplines/data';
import { type DataPackage, load, type ValidationIssue, validate } from '@toplines/data';
import { readDataPackage, readResultsCsv } from '@toplines/data/node';
import { BadDataError } from '../errors';
import { dataText } from '../messages';

/** What was read: the package, what it is, and the validation warnings. */
export interface LoadedInput {
  pkg: DataPackage;
  input: Reanalysis['input'];
  warnings: Issue[];
}

/** How many validation errors a message lists before "… and N more". */
const LISTED = 20;

/**
 * Reads and validates the input of `reanalyze`: the bundled data when
 * `path` is undefined, else a CSV in the results layout, or a
 * datapackage.json (or the folder holding one).
 *
 * @param path - the user's file, or undefined for the bundled data
 * @param cwd - the directory relative paths start from
 * @param strict - warnings count as errors
 * @returns the package and its warnings
 * @throws {BadDataError} a missing or empty file, no data rows, or validation errors
 *   (each named by file, row and column)
 */
export async function loadInput(
  path: string | undefined,
  cwd: string,
  strict = false,
): Promise<LoadedInput> {
  if (path === undefined) {
    const pkg = load();
    // The bundled data is validated by @toplines/data's own tests; skip it here (speed).
    return {
      pkg,
      input: {
        kind: 'bundled',
        path: null,
        title: 'bundled data: 2025 Japanese surveys on Japan–U.S. relations',
      },
      warnings: [],
    };
  }
  const full = resolve(cwd, path);
  let isDirectory = false;
  try {
    const info = await stat(full);
    isDirectory = info.isDirectory();
    if (!isDirectory && info.size === 0) throw new BadDataError(dataText.emptyFile(path));
  } catch (e) {
    if (e instanceof BadDataError) throw e;
    throw new BadDataError(dataText.notFound(path));
  }
  const isPackage = isDirectory || /\.json$/i.test(full);
  let pkg: DataPackage;
  if (isPackage) {
    pkg = await readDataPackage(full);
  } else {
    const text = await readFile(full, 'utf8');
    if (text.trim() === '') throw new BadDataError(dataText.emptyFile(path));
    pkg = await readResultsCsv(full);
  }
  const report = validate(pkg);
  const folder = isPackage ? (isDirectory ? path : dirname(path)) : null;
  const shown = (issue: ValidationIssue) => relativeMessage(issue, full, path, folder);
  if (report.errors.length > 0 || (strict && report.warnings.length > 0)) {
    const all = [...report.errors, ...(strict ? report.warnings : [])];
    const details = all.slice(0, LISTED).map(shown);
    if (all.length > LISTED) details.push(dataText.moreIssues(all.length - LISTED));
    throw new BadDataError(
      report.errors.length > 0
        ? dataText.invalid(path, report.errors.length, report.warnings.length)
        : dataText.strictWarnings(path, report.warnings.length),
      details,
    );
  }
  if (pkg.results === undefined) throw new BadDataError(dataText.noResults(path));
  if (pkg.results.numRows() === 0) throw new BadDataError(dataText.noRows(path));
  const warnings: Issue[] = report.warnings.map((w) => ({
    severity: 'warning',
    code: w.code,
    file: w.file,
    row: w.row,
    column: w.column,
    message: shown(w),
  }));
  return {
    pkg,
    input: {
      kind: isPackage ? 'datapackage' : 'results-csv',
      path,
      title: `${isPackage ? 'data package' : 'results'} ${path === '.' ? basename(full) : path}`,
    },
    warnings,
  };
}

/** The issue's message, with the absolute path the reader saw replaced by the path the user typed. */
function relativeMessage(
  issue: ValidationIssue,
  full: string,
  typed: string,
  folder: string | null,
): string {
  const message = issue.message.split(full).join(typed);
  // A data package's issues name its files relative to the descriptor.
  if (folder !== null && message.startsWith(issue.file))
    return join(folder, issue.file) + message.slice(issue.file.length);
  return message;
}
