// @toplines/data/node: the Node-only readers (file paths). The main entry
// stays free of node: imports so that it runs in Deno and browsers.
import { readFileSync, realpathSync } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { DataError } from './errors';
import { decodeText } from './format/decode-text';
import {
  checkResourcePath,
  parseDataPackage,
  UNSAFE_PATH,
  unsafePathProblem,
} from './io/parse-data-package';
import { parseResultsCsv } from './io/parse-results-csv';
import { errorText, unsafePathReason } from './messages';
import type { DataPackage, DataPackageDescriptor } from './types';
import type { ReadDocument } from './validate/check-results';

export { type ParseSavOptions, parseSav } from './microdata/parse-sav';
export {
  microdataFormat,
  type ReadMicrodataOptions,
  readMicrodata,
} from './microdata/read-microdata';

/**
 * Options of {@link readResultsCsv}.
 *
 * @example
 * // not run: needs a file on disk
 * await readResultsCsv('umfrage.csv', { encoding: 'windows-1252' });
 */
export interface ReadResultsCsvOptions {
  /** The file's encoding, when known (a TextDecoder label). Default: detected by {@link decodeText}. */
  encoding?: string;
}

/**
 * Reads a CSV of toplines from a file, in the full `results` layout or the
 * simple one (`question,option,percent`, …): the Node counterpart of
 * `parseResultsCsv`, decoding the bytes with `decodeText` (UTF-8 with or
 * without a byte-order mark, UTF-16 with one, Shift_JIS, EUC-JP and what
 * else its detector recognises). Issues name the file by the path given.
 *
 * @param path - the CSV file
 * @param options - `encoding`, to skip detection
 * @returns a one-resource package whose `results` is the typed table
 * @throws {DataError} `unreadable-resource` when the file cannot be read, is
 *   not text (an image, a spreadsheet) or cannot be decoded (the message
 *   names the encoding and the first bad byte)
 * @example
 * // not run: needs a file on disk
 * const pkg = await readResultsCsv('my-toplines.csv');
 * validate(pkg).errors; // [] when the file is fine
 */
export async function readResultsCsv(
  path: string,
  options: ReadResultsCsvOptions = {},
): Promise<DataPackage> {
  const bytes = await readBytes(path);
  const decoded = decodeText(bytes, {
    file: path,
    ...(options.encoding === undefined ? {} : { encoding: options.encoding }),
  });
  return parseResultsCsv(decoded.text, { file: path });
}

/**
 * Reads a Frictionless Data Package from its datapackage.json (or the folder
 * holding it), with every CSV it names, relative to the descriptor: the Node
 * counterpart of `parseDataPackage`. Each CSV is decoded by `decodeText`
 * (its encoding detected); the descriptor and schemas are JSON, read as UTF-8.
 *
 * @param path - the datapackage.json file, or its folder
 * @returns the package, with `sources`, `surveys`, `questions`, `results` when present
 * @throws {DataError} `unreadable-resource` for a file that cannot be read,
 *   `invalid-descriptor` for a descriptor that is not a Data Package,
 *   `unsafe-path` for a path that is absolute, a URL, has a `..` segment, or
 *   leads outside the package's folder through a symbolic link (nothing of
 *   such a file is read)
 * @example
 * // not run: needs a file on disk (the path is relative to the working directory)
 * const pkg = await readDataPackage('datasets');
 * assertValid(pkg);
 */
export async function readDataPackage(path: string): Promise<DataPackage> {
  let file = resolve(path);
  try {
    if ((await stat(file)).isDirectory()) file = join(file, 'datapackage.json');
  } catch (e) {
    throw new DataError('unreadable-resource', errorText.unreadable(path, (e as Error).message));
  }
  const base = dirname(file);
  const json = await readText(file);
  let realBase: string;
  try {
    realBase = await realpath(base);
  } catch (e) {
    throw new DataError('unreadable-resource', errorText.unreadable(path, (e as Error).message));
  }
  // Read every file the descriptor names first, so that parsing stays synchronous.
  const texts = new Map<string, string>();
  let descriptor: DataPackageDescriptor | undefined;
  try {
    descriptor = JSON.parse(json) as DataPackageDescriptor;
  } catch {
    descriptor = undefined; // parseDataPackage reports it
  }
  for (const resource of Array.isArray(descriptor?.resources) ? descriptor.resources : []) {
    const name = typeof resource?.name === 'string' ? resource.name : '';
    for (const [what, named] of [
      ['path', resource?.path],
      ['schema path', resource?.schema],
    ] as const) {
      if (typeof named !== 'string' || named === '' || texts.has(named)) continue;
      checkResourcePath(name, what, named);
      const real = await realpath(join(base, named)).catch(() => join(base, named));
      if (!isInside(realBase, real)) {
        throw new DataError(
          UNSAFE_PATH,
          errorText.unsafePath(name, what, named, unsafePathReason.outside()),
        );
      }
      // The real path, resolved and checked: a link changed since is not followed.
      // A schema is JSON (UTF-8); a table is decoded as its bytes say.
      texts.set(
        named,
        what === 'schema path'
          ? await readText(real, named)
          : decodeText(await readBytes(real, named), { file: named }).text,
      );
    }
  }
  return parseDataPackage(json, (named) => {
    const text = texts.get(named);
    if (text === undefined) throw new Error('not named in the descriptor');
    return text;
  });
}

/**
 * A reader of source documents from a folder, for `validate(pkg, { documents })`:
 * it returns the text of `folder/<document>` (decoded by `decodeText`: a
 * Shift_JIS article is read as such), or undefined when there is no such
 * file or it is not decodable text (the quote check then warns that the
 * text was not available).
 * A document name is a path inside the folder: an absolute path, a URL, a
 * `..` segment or a symbolic link that leads outside the folder throws.
 *
 * @param folder - where the source texts are (for the bundled data, the seeds folder)
 * @returns a function from a document name to its text
 * @throws {DataError} `unsafe-path` (from the function it returns) for a
 *   document name that would read outside the folder
 * @example
 * // not run: needs the source texts on disk
 * validate(load(), { documents: readDocuments('../shared/seeds') }).errors; // []
 */
export function readDocuments(folder: string): ReadDocument {
  return (document) => {
    const problem = unsafePathProblem(document);
    if (problem !== null)
      throw new DataError(UNSAFE_PATH, errorText.unsafeDocument(document, problem));
    let real: string;
    try {
      real = realpathSync(join(folder, document));
    } catch {
      return undefined;
    }
    let realFolder: string;
    try {
      realFolder = realpathSync(folder);
    } catch {
      return undefined;
    }
    if (!isInside(realFolder, real)) {
      throw new DataError(
        UNSAFE_PATH,
        errorText.unsafeDocument(document, unsafePathReason.outside()),
      );
    }
    try {
      return decodeText(readFileSync(real), { file: document }).text;
    } catch {
      // not readable, not text, or not decodable: its quotes are not checked (a warning)
      return undefined;
    }
  };
}

/** Whether `path` is `folder` itself or below it (both already real paths). */
function isInside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel.split(sep)[0] !== '..' && !isAbsolute(rel);
}

async function readBytes(path: string, shown: string = path): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (e) {
    throw new DataError('unreadable-resource', errorText.unreadable(shown, (e as Error).message));
  }
}

async function readText(path: string, shown: string = path): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    throw new DataError('unreadable-resource', errorText.unreadable(shown, (e as Error).message));
  }
}
