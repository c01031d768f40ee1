// Reading what to reanalyse: the bundled package, a results CSV or a data
// package, validated by @toplines/data before anything is computed.
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Issue, Reanalysis } from '@toplines/data';
import {
  type DataPackage,
  load,
  parseResultsCsv,
  type ValidationIssue,
  validate,
} from '@toplines/data';
import { readDataPackage } from '@toplines/data/node';
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
 * @throws {BadDataError} a missing or empty file, a folder without datapackage.json,
 *   no data rows; {@link InvalidInputError} (a BadDataError) for validation errors
 *   (each named by file, row and column), or warnings when `strict`
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
    // Only a regular file's size says it is empty: a FIFO, /dev/stdin or a
    // process substitution reports 0 and is read to its end below.
    if (info.isFile() && info.size === 0) throw new BadDataError(dataText.emptyFile(path));
  } catch (e) {
    if (e instanceof BadDataError) throw e;
    throw new BadDataError(dataText.notFound(path));
  }
  const isPackage = isDirectory || /\.json$/i.test(full);
  if (isDirectory && !(await exists(join(full, 'datapackage.json'))))
    throw new BadDataError(dataText.noDescriptor(path));
  let pkg: DataPackage;
  if (isPackage) {
    pkg = await readDataPackage(full);
  } else {
    // Read once: a pipe cannot be read twice.
    let text: string;
    try {
      text = await readText(full);
    } catch (e) {
      throw new BadDataError(dataText.unreadable(path, (e as Error).message));
    }
    if (text.trim() === '') throw new BadDataError(dataText.emptyFile(path));
    pkg = parseResultsCsv(text, { file: full });
  }
  const report = validate(pkg);
  const folder = isPackage ? (isDirectory ? path : dirname(path)) : null;
  const shown = (issue: ValidationIssue) => relativeMessage(issue, full, path, folder);
  const shownFile = (file: string) =>
    file === full ? path : folder !== null ? join(folder, file) : file;
  const kind: Reanalysis['input']['kind'] = isPackage ? 'datapackage' : 'results-csv';
  if (report.errors.length > 0 || (strict && report.warnings.length > 0)) {
    const all = [...report.errors, ...(strict ? report.warnings : [])];
    const details = all.slice(0, LISTED).map(shown);
    if (all.length > LISTED) details.push(dataText.moreIssues(all.length - LISTED));
    throw new InvalidInputError(
      report.errors.length > 0
        ? dataText.invalid(path, report.errors.length, report.warnings.length)
        : dataText.strictWarnings(path, report.warnings.length),
      details,
      { kind, path },
      report.errors.map((i) => issueOf(i, shown, shownFile)),
      report.warnings.map((i) => issueOf(i, shown, shownFile)),
    );
  }
  if (pkg.results === undefined) throw new BadDataError(dataText.noResults(path));
  if (pkg.results.numRows() === 0) throw new BadDataError(dataText.noRows(path));
  const warnings: Issue[] = report.warnings.map((w) => issueOf(w, shown, shownFile));
  return {
    pkg,
    input: {
      kind,
      path,
      title: `${isPackage ? 'data package' : 'results'} ${path === '.' ? basename(full) : path}`,
    },
    warnings,
  };
}

/**
 * The input does not validate (or, with --strict, has warnings): the
 * message and the first issues for stderr, as any {@link BadDataError}, and
 * every issue for `--json`, which prints them on stdout.
 */
export class InvalidInputError extends BadDataError {
  readonly input: { kind: Reanalysis['input']['kind']; path: string };
  readonly errors: readonly Issue[];
  readonly warnings: readonly Issue[];

  constructor(
    message: string,
    details: readonly string[],
    input: { kind: Reanalysis['input']['kind']; path: string },
    errors: readonly Issue[],
    warnings: readonly Issue[],
  ) {
    super(message, details);
    this.input = input;
    this.errors = errors;
    this.warnings = warnings;
  }

  /** What `--json` prints for it: `valid: false`, the input, and every error and warning. */
  toJson(): object {
    return { valid: false, input: this.input, errors: this.errors, warnings: this.warnings };
  }
}

/** A validation issue in the reanalysis' `Issue` shape, its message naming the path as typed. */
function issueOf(
  issue: ValidationIssue,
  shown: (issue: ValidationIssue) => string,
  shownFile: (file: string) => string,
): Issue {
  return {
    severity: issue.severity,
    code: issue.code,
    file: shownFile(issue.file),
    row: issue.row,
    column: issue.column,
    message: shown(issue),
  };
}

/** The names of standard input; open() refuses them (ENXIO) when it is a socket, as a spawned process's often is. */
const STDIN = ['/dev/stdin', '/dev/fd/0', '/proc/self/fd/0'];

/** A file's text; standard input is read from the process's stream when open() refuses it. */
async function readText(full: string): Promise<string> {
  try {
    return await readFile(full, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENXIO' || !STDIN.includes(full)) throw e;
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
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
