// SPSS system files (.sav): the dictionary (variables, variable labels, value labels,
// user-missing values, long names, encoding) is read by sav-reader; the cases are decoded
// here, because sav-reader 2.0.8 ends its case loop early on bytecode-compressed files
// (SPSS's and haven's default: its end-of-file peek misreads padding in the command block)
// and so returns fewer cases than the file holds, silently. Node only (sav-reader reads
// Node Buffers).
import { createRequire } from 'node:module';
import { table as makeTable } from 'arquero';
import { DataError } from '../errors';
import { microdataText } from '../messages';
import type { Microdata, VariableLabels } from './types';

/** Options of {@link parseSav}. */
export interface ParseSavOptions {
  /** The file's name, for messages. Default `"data.sav"`. */
  file?: string;
}

/** What sav-reader's dictionary gives for a variable (the fields used here). */
interface SysVar {
  name: string;
  type: number;
  label: string | null;
  missing: null | number | number[] | { min: number; max: number; value?: number };
  __nb_string_contin_recs?: number;
  __child_string_sysvars?: SysVar[];
}

interface SavMeta {
  header: {
    n_cases: number;
    layout_code: number;
    compression?: { bias: number } | null;
    encoding?: string;
  };
  sysvars: SysVar[];
  valueLabels: { appliesToNames: string[]; entries: { val: number | string; label: string }[] }[];
  firstRecordPosition: number;
}

/** sav-reader's reader of a Buffer (the part used here). */
type SavBufferReaderClass = new (buffer: Buffer) => { open(): Promise<void>; meta: unknown };

/**
 * sav-reader, loaded when first needed. Its package exports a CommonJS entry under the
 * `require` condition only, which an ES module cannot import: it is loaded with a
 * require made by createRequire.
 */
function savReader(): SavBufferReaderClass {
  // import.meta.url: the CJS build has tsup's shim (a bare `require` would be the
  // bundler's stub in the ESM build).
  const load = createRequire(import.meta.url);
  return (load('sav-reader') as { SavBufferReader: SavBufferReaderClass }).SavBufferReader;
}

/** The most negative double: SPSS's system-missing value in uncompressed data. */
const SYSMIS = -Number.MAX_VALUE;

/**
 * Reads an SPSS system file (.sav) from its bytes: one row per case, numeric variables as
 * numbers, string variables as strings (in the file's encoding), system-missing and
 * user-missing values as null; the variable labels, value labels and user-missing codes
 * as {@link VariableLabels}. Uncompressed and bytecode-compressed files are read (what
 * SPSS, PSPP and R's haven write); ZLIB-compressed ones (.zsav) are refused.
 *
 * Cost: O(cases × variables).
 *
 * @param bytes - the file's bytes
 * @param options - `file`, the name in messages
 * @returns the table, the labels by column, format `"sav"`
 * @throws {DataError} `unreadable-resource` when the bytes are not an SPSS system file, a
 *   .zsav, or end before the cases the header announces
 * @example
 * // not run: needs a file on disk
 * const { table, labels } = await parseSav(readFileSync('apistrat.sav'));
 */
export async function parseSav(
  bytes: Uint8Array,
  options: ParseSavOptions = {},
): Promise<Microdata> {
  const file = options.file ?? 'data.sav';
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = buffer.subarray(0, 4).toString('latin1');
  if (magic === '$FL3') throw new DataError('unreadable-resource', microdataText.zsav(file));
  if (magic !== '$FL2') {
    throw new DataError(
      'unreadable-resource',
      microdataText.notFormat(file, 'an SPSS .sav file', 'it does not begin with $FL2'),
    );
  }
  let meta: SavMeta;
  try {
    const SavBufferReader = savReader();
    const reader = new SavBufferReader(buffer);
    await reader.open();
    meta = reader.meta as unknown as SavMeta;
  } catch (e) {
    throw new DataError(
      'unreadable-resource',
      microdataText.notFormat(file, 'a readable SPSS .sav file', (e as Error).message),
    );
  }
  const columns = decodeCases(buffer, meta, file);
  const names = meta.sysvars.map((v) => v.name);
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name))
      throw new DataError('unreadable-resource', microdataText.duplicateColumn(file, name));
    seen.add(name);
  }
  const labels: Record<string, VariableLabels> = Object.create(null);
  for (const v of meta.sysvars) {
    const values = meta.valueLabels
      .filter((set) => set.appliesToNames.includes(v.name))
      .flatMap((set) => set.entries.map((e) => ({ value: e.val, label: e.label })));
    const missing = missingCodes(v);
    if (v.label !== null || values.length > 0 || missing.length > 0) {
      labels[v.name] = { label: v.label ?? null, values, missing };
    }
  }
  const data: Record<string, unknown[]> = {};
  names.forEach((name, k) => {
    data[name] = columns[k] as unknown[];
  });
  return { table: makeTable(data, names), labels, format: 'sav', notes: [] };
}

/** The codes a variable declares missing (a range as its two ends). */
function missingCodes(v: SysVar): number[] {
  const m = v.missing;
  if (m === null || m === undefined || v.type !== 0) return [];
  if (typeof m === 'number') return [m];
  if (Array.isArray(m)) return m;
  return m.value === undefined ? [m.min, m.max] : [m.min, m.max, m.value];
}

/** Whether a numeric value is user-missing for the variable. */
function isUserMissing(v: SysVar, x: number): boolean {
  const m = v.missing;
  if (m === null || m === undefined) return false;
  if (typeof m === 'number') return x === m;
  if (Array.isArray(m)) return m.includes(x);
  return (x >= m.min && x <= m.max) || x === m.value;
}

/** The 8-byte segments of each variable in a case, in the dictionary's order. */
function segmentsOf(v: SysVar): number[] {
  if (v.type === 0) return [1];
  return [v, ...(v.__child_string_sysvars ?? [])].map((s) => 1 + (s.__nb_string_contin_recs ?? 0));
}

/**
 * Decodes every case from the first byte after the dictionary: raw 8-byte segments, or
 * SPSS's bytecode compression (command blocks of eight codes: 0 padding, 1–251 the
 * number code − bias, 252 end of data, 253 a raw segment follows the block, 254 eight
 * spaces, 255 system-missing).
 */
function decodeCases(buffer: Buffer, meta: SavMeta, file: string): unknown[][] {
  const littleEndian = meta.header.layout_code !== 3 && meta.header.layout_code !== 0x03000000;
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  const bias = meta.header.compression?.bias;
  const decoder = textDecoder(meta.header.encoding);
  const vars = meta.sysvars;
  const layout = vars.map(segmentsOf);
  const columns: unknown[][] = vars.map(() => []);
  let pos = meta.firstRecordPosition;
  const end = buffer.byteLength;
  // bytecode state
  let block: number[] = [];
  let k = 8;
  let finished = false;

  /** The next segment: a double or 8 raw bytes (as a byte offset), null for system-missing, undefined at the end. */
  const next = (): { raw: number } | { value: number | null; spaces?: boolean } | undefined => {
    if (bias === undefined) {
      if (pos + 8 > end) return undefined;
      const raw = pos;
      pos += 8;
      return { raw };
    }
    for (;;) {
      if (finished) return undefined;
      if (k >= 8) {
        if (pos + 8 > end) return undefined;
        block = Array.from(buffer.subarray(pos, pos + 8));
        pos += 8;
        k = 0;
      }
      const code = block[k++] as number;
      if (code === 0) continue;
      if (code === 252) {
        finished = true;
        return undefined;
      }
      if (code === 253) {
        if (pos + 8 > end) return undefined;
        const raw = pos;
        pos += 8;
        return { raw };
      }
      if (code === 254) return { value: null, spaces: true };
      if (code === 255) return { value: null };
      return { value: code - bias };
    }
  };

  let cases = 0;
  const expected = meta.header.n_cases;
  for (;;) {
    if (expected >= 0 && cases === expected) break;
    const row: unknown[] = [];
    let complete = true;
    for (let v = 0; v < vars.length && complete; v++) {
      const variable = vars[v] as SysVar;
      if (variable.type === 0) {
        const s = next();
        if (s === undefined) {
          complete = false;
          break;
        }
        let x: number | null;
        if ('raw' in s) {
          x = view.getFloat64(s.raw, littleEndian);
          if (x === SYSMIS || Number.isNaN(x)) x = null;
        } else x = s.value;
        row.push(x !== null && isUserMissing(variable, x) ? null : x);
      } else {
        const parts: Uint8Array[] = [];
        for (const count of layout[v] as number[]) {
          const bytes: number[] = [];
          for (let j = 0; j < count; j++) {
            const s = next();
            if (s === undefined) {
              complete = false;
              break;
            }
            if ('raw' in s) bytes.push(...buffer.subarray(s.raw, s.raw + 8));
            else for (let b = 0; b < 8; b++) bytes.push(0x20);
          }
          if (!complete) break;
          parts.push(Uint8Array.from(bytes.slice(0, 255)));
        }
        if (!complete) break;
        const text = parts
          .map((p) => decoder.decode(p))
          .join('')
          .trimEnd();
        row.push(text === '' ? null : text);
      }
    }
    if (!complete) {
      if (row.length === 0 && expected < 0) break;
      throw new DataError(
        'unreadable-resource',
        microdataText.savCases(file, expected < 0 ? cases + 1 : expected, cases),
      );
    }
    row.forEach((x, c) => {
      (columns[c] as unknown[]).push(x);
    });
    cases++;
  }
  if (cases === 0) throw new DataError('unreadable-resource', microdataText.emptyFile(file));
  return columns;
}

/** A decoder for the file's strings: its encoding record's, else UTF-8. */
function textDecoder(encoding: string | undefined): { decode(bytes: Uint8Array): string } {
  try {
    return new TextDecoder(encoding ?? 'utf-8');
  } catch {
    return new TextDecoder('utf-8');
  }
}
