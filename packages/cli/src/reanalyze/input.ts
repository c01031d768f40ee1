// Reading what to reanalyse: the bundled package, a results CSV or a data
// package, validated by @toplines/data before anything is computed.
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { isLibraryError } from '@toplines/core/internal';
import type { Issue, Reanalysis } from '@toplines/data';
import {
  type DataPackage,
  decodeText,
  load,
  parseResultsCsv,
  type ValidationIssue,
  validate,
} from '@toplines/data';
import { readDataPackage, readDocuments } from '@toplines/data/node';
import { BadDataError } from '../errors';
import { dataText } from '../messages';

/** What was read: the package, what it is, the validation warnings, and notes on how it was read. */
export interface LoadedInput {
  pkg: DataPackage;
  input: Reanalysis['input'];
  warnings: Issue[];
  /** How the input was read, where the user should know (an encoding guessed from the bytes). */
  notes: string[];
}

/** How to read the input, beyond its path. */
export interface LoadOptions {
  /** Validation warnings count as errors (`--strict`). */
  strict?: boolean;
  /** The encoding of a CSV, when the user gives it (`--encoding`); detected otherwise. */
  encoding?: string;
  /** Where a data package's source documents are (`--documents`); default, beside its datapackage.json. */
  documents?: string;
  /** Standard input's bytes, for the path `-` (injected by tests); default, the process's. */
  stdin?: () => Promise<Uint8Array>;
}

/** The survey of a simple-layout CSV on standard input without a survey column. */
const DEFAULT_SURVEY = 'survey';

/** The path that reads standard input. */
export const STDIN_PATH = '-';

/** How many validation errors a message lists before "… and N more". */
const LISTED = 20;

/**
 * Reads and validates the input of `reanalyze`: the bundled data when
 * `path` is undefined, else a CSV (the full results layout or the simple
 * one, in any encoding decodeText reads; `-` for standard input), or a
 * datapackage.json (or the folder holding one), whose quotes are checked
 * against the source documents its sources name, beside it.
 *
 * @param path - the user's file, `-` for standard input, or undefined for the bundled data
 * @param cwd - the directory relative paths start from
 * @param options - `strict` (warnings count as errors), `encoding` of a CSV,
 *   `documents` (the folder of a package's source texts; default, its own folder)
 * @returns the package and its warnings
 * @throws {BadDataError} a missing or empty file, a folder without datapackage.json,
 *   no data rows; {@link InvalidInputError} (a BadDataError) for validation errors
 *   (each named by file, row and column), or warnings when `strict`
 */
export async function loadInput(
  path: string | undefined,
  cwd: string,
  options: LoadOptions = {},
): Promise<LoadedInput> {
  const strict = options.strict === true;
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
      notes: [],
    };
  }
  if (path === STDIN_PATH) return loadStdin(options);
  if (ARTICLE.test(path) && !(await isTableText(path, cwd))) return loadArticle(path, cwd);
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
  const notes: string[] = [];
  if (isPackage) {
    pkg = await readDataPackage(full);
  } else {
    // Read once: a pipe cannot be read twice.
    let bytes: Uint8Array;
    try {
      bytes = await readBytes(full);
    } catch (e) {
      throw new BadDataError(dataText.unreadable(path, (e as Error).message));
    }
    const text = decoded(bytes, path, options, notes);
    if (text.trim() === '') throw new BadDataError(dataText.emptyFile(path));
    pkg = parseResultsCsv(text, { file: full });
  }
  const documentsFolder =
    options.documents !== undefined
      ? resolve(cwd, options.documents)
      : isPackage
        ? isDirectory
          ? full
          : dirname(full)
        : null;
  const report = validate(
    pkg,
    documentsFolder === null ? {} : { documents: readDocuments(documentsFolder) },
  );
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
    notes,
  };
}

/**
 * A .txt that is a table (Excel's "Unicode Text" export: a header such as
 * question<TAB>option<TAB>percent) is read as a CSV, not as an article.
 */
async function isTableText(path: string, cwd: string): Promise<boolean> {
  if (!/\.txt$/i.test(path)) return false;
  return (await import('../commands/read')).looksLikeTable(resolve(cwd, path));
}

/** The files `reanalyze` reads as an article (#14): text, Markdown, HTML. */
const ARTICLE = /\.(?:txt|md|markdown|html?)$/i;

/**
 * An article: its figures read by machine (`toplines read`), then reanalysed
 * as a data package. The draft is the machine's reading, not the user's
 * data: what validation finds in it is shown as warnings to check.
 */
async function loadArticle(path: string, cwd: string): Promise<LoadedInput> {
  const { readArticleInput } = await import('../commands/read');
  const { pkg, note } = await readArticleInput(path, cwd);
  const report = validate(pkg);
  const warnings: Issue[] = [...report.errors, ...report.warnings].map((i) => ({
    severity: 'warning',
    code: i.code,
    file: path,
    row: i.row,
    column: i.column,
    message: i.message,
  }));
  return {
    pkg,
    input: { kind: 'article', path, title: dataText.articleTitle(path) },
    warnings,
    notes: [note],
  };
}

/** `-`: a CSV on standard input, read to its end and validated as a file would be. */
async function loadStdin(options: LoadOptions): Promise<LoadedInput> {
  const shown = dataText.stdinName();
  let bytes: Uint8Array;
  try {
    bytes = await (options.stdin ?? readStdin)();
  } catch (e) {
    throw new BadDataError(dataText.unreadable(shown, (e as Error).message));
  }
  if (bytes.length === 0) throw new BadDataError(dataText.emptyStdin());
  const notes: string[] = [];
  const text = decoded(bytes, shown, options, notes);
  if (text.trim() === '') throw new BadDataError(dataText.emptyStdin());
  const pkg = parseResultsCsv(text, { file: shown, survey: DEFAULT_SURVEY });
  const report = validate(pkg);
  const kind: Reanalysis['input']['kind'] = 'results-csv';
  const plain = (issue: ValidationIssue) => issue.message;
  const same = (file: string) => file;
  if (report.errors.length > 0 || (options.strict === true && report.warnings.length > 0)) {
    const all = [...report.errors, ...(options.strict === true ? report.warnings : [])];
    const details = all.slice(0, LISTED).map(plain);
    if (all.length > LISTED) details.push(dataText.moreIssues(all.length - LISTED));
    throw new InvalidInputError(
      report.errors.length > 0
        ? dataText.invalid(shown, report.errors.length, report.warnings.length)
        : dataText.strictWarnings(shown, report.warnings.length),
      details,
      { kind, path: STDIN_PATH },
      report.errors.map((i) => issueOf(i, plain, same)),
      report.warnings.map((i) => issueOf(i, plain, same)),
    );
  }
  if (pkg.results === undefined || pkg.results.numRows() === 0)
    throw new BadDataError(dataText.noRows(shown));
  return {
    pkg,
    input: { kind, path: STDIN_PATH, title: `results from ${shown}` },
    warnings: report.warnings.map((w) => issueOf(w, plain, same)),
    notes,
  };
}

/**
 * A CSV's text from its bytes: the encoding the user gave, else the one
 * decodeText finds; a guessed one is noted, as a short text can be read
 * more than one way. A file that is not text, or not in that encoding, is
 * bad data (exit 1), named with the encoding.
 */
function decoded(bytes: Uint8Array, shown: string, options: LoadOptions, notes: string[]): string {
  try {
    const result = decodeText(bytes, {
      file: shown,
      ...(options.encoding === undefined ? {} : { encoding: options.encoding }),
    });
    if (result.detected === 'guessed') notes.push(dataText.encodingGuessed(shown, result.encoding));
    return result.text;
  } catch (e) {
    if (isLibraryError(e)) throw new BadDataError(e.message);
    throw e;
  }
}

/** The process's standard input, read to its end. */
async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
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

/** A file's bytes; standard input is read from the process's stream when open() refuses it. */
async function readBytes(full: string): Promise<Uint8Array> {
  try {
    return await readFile(full);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENXIO' || !STDIN.includes(full)) throw e;
    return readStdin();
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
