import { table as makeTable } from 'arquero';
import { DataError } from '../errors';
import { microdataText } from '../messages';
import type { Microdata } from './types';

/** Options of {@link parseParquet}. */
export interface ParseParquetOptions {
  /** The file's name, for messages. Default `"data.parquet"`. */
  file?: string;
}

/**
 * Reads a Parquet file of respondents from its bytes (with hyparquet, which runs in
 * browsers too): one row per respondent, its columns in the file's order. Numbers
 * (64-bit integers included) become numbers, text stays text, dates become ISO strings,
 * nulls null. Parquet has no value labels: `labels` is empty.
 *
 * Cost: O(cells).
 *
 * @param bytes - the file's bytes
 * @param options - `file`, the name in messages
 * @returns the table, no labels, format `"parquet"`
 * @throws {DataError} `unreadable-resource` when the bytes are not a Parquet file (no
 *   PAR1 footer), use a compression hyparquet does not read, or hold no rows
 * @example
 * // not run: needs a file on disk
 * const { table } = await parseParquet(readFileSync('apistrat.parquet'));
 */
export async function parseParquet(
  bytes: Uint8Array | ArrayBuffer,
  options: ParseParquetOptions = {},
): Promise<Microdata> {
  const file = options.file ?? 'data.parquet';
  const buffer =
    bytes instanceof ArrayBuffer
      ? bytes
      : (bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  // Loaded when first used: an ES module only, and most users of the package never read Parquet.
  const { parquetMetadata, parquetReadObjects, parquetSchema } = await import('hyparquet');
  let rows: Record<string, unknown>[];
  let names: string[];
  try {
    const metadata = parquetMetadata(buffer);
    names = parquetSchema(metadata).children.map((c) => c.element.name);
    rows = await parquetReadObjects({ file: buffer, metadata });
  } catch (e) {
    throw new DataError(
      'unreadable-resource',
      microdataText.notFormat(file, 'a readable Parquet file', (e as Error).message),
    );
  }
  if (rows.length === 0) throw new DataError('unreadable-resource', microdataText.emptyFile(file));
  const data: Record<string, unknown[]> = {};
  for (const name of names) data[name] = rows.map((row) => cell(row[name]));
  return {
    table: makeTable(data, names),
    labels: Object.create(null),
    format: 'parquet',
    notes: [],
  };
}

/** A Parquet value as a table cell. */
function cell(v: unknown): unknown {
  if (v === undefined || v === null) return null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') {
    return typeof v === 'number' && Number.isNaN(v) ? null : v;
  }
  if (v instanceof Date) return v.toISOString();
  return JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? Number(x) : x));
}
