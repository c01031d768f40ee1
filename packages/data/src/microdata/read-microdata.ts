// Reading a respondent file from disk by its extension. Node only: node.ts re-exports it.
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { DataError } from '../errors';
import { decodeText } from '../format/decode-text';
import { errorText, microdataText } from '../messages';
import { parseMicrodataCsv } from './parse-microdata-csv';
import { parseParquet } from './parse-parquet';
import { parseSav } from './parse-sav';
import type { Microdata } from './types';

/**
 * Options of {@link readMicrodata}.
 *
 * @example
 * // not run: needs a file on disk
 * await readMicrodata('umfrage.csv', { encoding: 'windows-1252', delimiter: ';' });
 */
export interface ReadMicrodataOptions {
  /** What the file is. Default: from its extension (.csv, .tsv, .txt; .sav; .parquet). */
  format?: 'csv' | 'sav' | 'parquet';
  /** A CSV's encoding (a TextDecoder label). Default: detected by `decodeText`. */
  encoding?: string;
  /** A CSV's separator. Default: a tab for .tsv, else sniffed. */
  delimiter?: ',' | ';' | '\t';
  /** A CSV's cells that mean "no answer". Default `['', 'NA']`. */
  missingValues?: readonly string[];
}

/** The format of a respondent file from its name, or null. */
export function microdataFormat(path: string): 'csv' | 'sav' | 'parquet' | null {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv' || ext === '.tsv' || ext === '.txt') return 'csv';
  if (ext === '.sav') return 'sav';
  if (ext === '.parquet' || ext === '.pq') return 'parquet';
  return null;
}

/**
 * Reads a respondent-level file — CSV (any encoding `decodeText` reads, its separator
 * sniffed), SPSS `.sav` (with its value labels; user-missing values as null) or Parquet —
 * into a table of respondents and the labels of its columns, for `weightedToplines` (of the
 * main entry).
 *
 * @param path - the file
 * @param options - `format` (default: by extension), and for a CSV `encoding`,
 *   `delimiter`, `missingValues`
 * @returns the table, the labels by column, the format and notes (a guessed encoding)
 * @throws {DataError} `unreadable-resource` when the file cannot be read, its extension
 *   says nothing of its format, or it is not what its extension says (a binary file named
 *   .csv, a CSV named .sav); as {@link parseMicrodataCsv}, parseSav and {@link parseParquet}
 * @example
 * // not run: needs a file on disk
 * const { table, labels } = await readMicrodata('apistrat.sav');
 * const w = weightedToplines(table, { questions: ['awards'], weights: 'pw', strata: 'stype', fpc: 'fpc', labels });
 */
export async function readMicrodata(
  path: string,
  options: ReadMicrodataOptions = {},
): Promise<Microdata> {
  const format = options.format ?? microdataFormat(path);
  if (format === null)
    throw new DataError('unreadable-resource', microdataText.unknownExtension(path));
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw new DataError('unreadable-resource', errorText.unreadable(path, (e as Error).message));
  }
  if (format === 'sav') return parseSav(bytes, { file: path });
  if (format === 'parquet') return parseParquet(bytes, { file: path });
  const decoded = decodeText(bytes, {
    file: path,
    ...(options.encoding === undefined ? {} : { encoding: options.encoding }),
  });
  const delimiter =
    options.delimiter ?? (extname(path).toLowerCase() === '.tsv' ? '\t' : undefined);
  const read = parseMicrodataCsv(decoded.text, {
    file: path,
    ...(delimiter === undefined ? {} : { delimiter }),
    ...(options.missingValues === undefined ? {} : { missingValues: options.missingValues }),
  });
  return {
    ...read,
    notes: decoded.detected === 'guessed' ? [`${path}: read as ${decoded.encoding} (guessed)`] : [],
  };
}
