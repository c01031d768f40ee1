// The bytes of a file as text: the encoding read from a byte-order mark,
// else UTF-8 when the bytes are valid UTF-8, else the one chardet (ICU's
// detector, maintained on npm) finds; decoded by TextDecoder with
// `fatal: true`, so that a wrong guess is an error, never mojibake.
import { analyse, type Match } from 'chardet';
import { DataError } from '../errors';
import { encodingText as text } from '../messages';

/**
 * Options of {@link decodeText}.
 *
 * @example
 * // not run: a fragment (bytes is the caller's file)
 * decodeText(bytes, { file: 'my-poll.csv', encoding: 'shift_jis' });
 */
export interface DecodeTextOptions {
  /**
   * The encoding, when the caller knows it: any label TextDecoder accepts
   * (`utf-8`, `shift_jis`, `euc-jp`, `windows-1252`, `utf-16le`…). Default:
   * detected (a byte-order mark, valid UTF-8, else chardet's guess).
   */
  encoding?: string;
  /** The file's name in error messages. Default `"the text"`. */
  file?: string;
}

/**
 * What {@link decodeText} read.
 *
 * @example
 * decodeText(new Uint8Array([0x34, 0x30])); // => { text: '40', encoding: 'utf-8', detected: 'utf-8' }
 */
export interface DecodedText {
  /** The text, without a byte-order mark. */
  text: string;
  /** The encoding it was decoded with, as TextDecoder names it (`utf-8`, `shift_jis`, `utf-16le`…). */
  encoding: string;
  /**
   * How the encoding was found: `bom` (a byte-order mark), `utf-8` (the
   * bytes are valid UTF-8), `guessed` (chardet's guess: say so to the user,
   * as a short text can be read more than one way) or `given` (the option).
   */
  detected: 'bom' | 'utf-8' | 'guessed' | 'given';
}

/** Byte-order marks, longest first (UTF-32's starts with UTF-16's). */
const BOMS: readonly { bytes: readonly number[]; encoding: string }[] = [
  { bytes: [0x00, 0x00, 0xfe, 0xff], encoding: 'utf-32be' },
  { bytes: [0xff, 0xfe, 0x00, 0x00], encoding: 'utf-32le' },
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf-8' },
  { bytes: [0xfe, 0xff], encoding: 'utf-16be' },
  { bytes: [0xff, 0xfe], encoding: 'utf-16le' },
];

/** chardet's names → the labels of the WHATWG Encoding Standard that TextDecoder takes. */
const LABELS: Readonly<Record<string, string>> = {
  'UTF-8': 'utf-8',
  'UTF-16LE': 'utf-16le',
  'UTF-16BE': 'utf-16be',
  Shift_JIS: 'shift_jis',
  'EUC-JP': 'euc-jp',
  'ISO-2022-JP': 'iso-2022-jp',
  'EUC-KR': 'euc-kr',
  Big5: 'big5',
  GB18030: 'gb18030',
  'KOI8-R': 'koi8-r',
  'ISO-8859-1': 'windows-1252',
  'ISO-8859-2': 'iso-8859-2',
  'ISO-8859-5': 'iso-8859-5',
  'ISO-8859-6': 'iso-8859-6',
  'ISO-8859-7': 'iso-8859-7',
  'ISO-8859-8': 'iso-8859-8',
  'ISO-8859-9': 'windows-1254',
  'windows-874': 'windows-874',
  'windows-1250': 'windows-1250',
  'windows-1251': 'windows-1251',
  'windows-1252': 'windows-1252',
  'windows-1253': 'windows-1253',
  'windows-1254': 'windows-1254',
  'windows-1255': 'windows-1255',
  'windows-1256': 'windows-1256',
  'windows-1257': 'windows-1257',
  'windows-1258': 'windows-1258',
};

/** The multi-byte Japanese encodings, preferred to a windows-125x guess (see {@link guess}). */
const JAPANESE = ['Shift_JIS', 'EUC-JP'];

/** chardet reads at most this many bytes: its guess does not improve past it, and a large file stays fast. */
const SAMPLE = 1 << 20;

/**
 * Text decoding with detection: the bytes of a CSV, a Shift_JIS file from
 * Excel in Japan, a UTF-16 "Unicode text" export, as text. The encoding is,
 * in order: `options.encoding` when given; a byte-order mark (UTF-8,
 * UTF-16 LE/BE); UTF-8 when the bytes are valid UTF-8 (ASCII included; but
 * 7-bit ISO-2022-JP, which chardet recognises by its escapes); else
 * chardet's best guess (ICU's detector: https://github.com/runk/node-chardet),
 * with one rule of this package's own: a short Japanese text gives chardet
 * too few characters to score, and its single-byte recognisers then win on
 * the ASCII around them, so where chardet's best guess is a windows-125x
 * encoding (which it names when the bytes use 0x80–0x9F, where every kana
 * and most kanji of Shift_JIS begin) and the bytes are valid Shift_JIS or
 * EUC-JP, the Japanese encoding is taken. A mostly-UTF-8 file with stray
 * bytes (most of its non-ASCII characters valid UTF-8) is taken as UTF-8
 * and refused, not read as windows-1252. Decoding
 * is strict (`fatal: true`): bytes the encoding cannot hold are an error
 * naming the encoding and where the bytes are, never replacement
 * characters. NUL bytes without a UTF-16 byte-order mark mean a binary
 * file (an image, a spreadsheet's .xlsx), refused as not text. Runs in
 * browsers and Deno (no node: imports).
 *
 * Cost: O(bytes); chardet reads at most the first megabyte.
 *
 * @param bytes - the file's bytes
 * @param options - `encoding` to skip detection; `file`, the name in messages
 * @returns the text (without its byte-order mark), the encoding, and how it was found
 * @throws {DataError} `unreadable-resource` for a binary file, bytes the
 *   encoding (given or guessed) cannot decode, UTF-32, or an encoding the
 *   runtime's TextDecoder does not know; `invalid-option` for an options
 *   argument of the wrong type
 * @example
 * decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x34, 0x30, 0x25])).text; // => '40%'
 * // "支持" (support) in Shift_JIS, as Excel in Japan writes it
 * decodeText(new Uint8Array([0x8e, 0x78, 0x8e, 0x9d, 0x2c, 0x34, 0x30])).encoding; // => 'shift_jis'
 */
export function decodeText(bytes: Uint8Array, options: DecodeTextOptions = {}): DecodedText {
  if (options === null || typeof options !== 'object') {
    throw new DataError(
      'invalid-option',
      text.option('options', 'an object such as { encoding, file }', options),
    );
  }
  if (!(bytes instanceof Uint8Array)) {
    throw new DataError('invalid-type', text.notBytes(bytes));
  }
  const file = options.file ?? 'the text';
  if (options.encoding !== undefined) {
    if (typeof options.encoding !== 'string' || options.encoding.trim() === '') {
      throw new DataError(
        'invalid-option',
        text.option('options.encoding', 'an encoding name such as "shift_jis"', options.encoding),
      );
    }
    const encoding = decoderName(options.encoding, file);
    return { text: decode(bytes, encoding, file, 'given'), encoding, detected: 'given' };
  }
  const bom = BOMS.find((b) => b.bytes.every((byte, i) => bytes[i] === byte));
  if (bom !== undefined) {
    if (bom.encoding.startsWith('utf-32'))
      throw new DataError('unreadable-resource', text.utf32(file));
    return {
      text: decode(bytes.subarray(bom.bytes.length), bom.encoding, file, 'bom'),
      encoding: bom.encoding,
      detected: 'bom',
    };
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) throw new DataError('unreadable-resource', text.notText(file, nul));
  const utf8 = tryDecode(bytes, 'utf-8');
  if (utf8 !== null && !(bytes.includes(0x1b) && topName(bytes) === 'ISO-2022-JP'))
    return { text: utf8, encoding: 'utf-8', detected: 'utf-8' };
  const encoding = guess(bytes);
  if (encoding === null) throw new DataError('unreadable-resource', text.unknown(file));
  return {
    text: decode(bytes, decoderName(encoding, file), file, 'guessed'),
    encoding: decoderName(encoding, file),
    detected: 'guessed',
  };
}

/** chardet's candidates for bytes that are not valid UTF-8, best first, as TextDecoder labels. */
function guess(bytes: Uint8Array): string | null {
  // A file of UTF-8 with a few stray bytes (a cell pasted from elsewhere) is
  // damaged UTF-8, not windows-1252 with "Ã©" in every accented word: when
  // most of its non-ASCII characters decode as UTF-8, it is taken as UTF-8,
  // and decoding it says where the bad byte is. (Shift_JIS and single-byte
  // text decode as UTF-8 into replacement characters nearly everywhere.)
  if (mostlyUtf8(bytes.subarray(0, SAMPLE))) return 'utf-8';
  const matches: Match[] = analyse(bytes.subarray(0, SAMPLE));
  const known = matches.filter((m) => LABELS[m.name] !== undefined);
  const top = known[0];
  if (top === undefined) return null;
  if (top.name.startsWith('windows-125')) {
    const japanese = known.find(
      (m) => JAPANESE.includes(m.name) && tryDecode(bytes, LABELS[m.name] as string) !== null,
    );
    if (japanese !== undefined) return LABELS[japanese.name] as string;
  }
  return LABELS[top.name] as string;
}

/** Whether more non-ASCII characters of the bytes decode as UTF-8 than fail to. */
function mostlyUtf8(bytes: Uint8Array): boolean {
  let valid = 0;
  let invalid = 0;
  for (const ch of new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)) {
    if (ch === '\uFFFD') invalid++;
    else if (ch > '\u007F') valid++;
  }
  return valid > invalid;
}

/** chardet's best guess's name (for the ISO-2022-JP check of 7-bit text). */
function topName(bytes: Uint8Array): string | undefined {
  return analyse(bytes.subarray(0, SAMPLE))[0]?.name;
}

/** The name TextDecoder gives a label, or an error naming the label it does not know. */
function decoderName(label: string, file: string): string {
  try {
    return new TextDecoder(label.trim()).encoding;
  } catch {
    throw new DataError('unreadable-resource', text.unknownEncoding(file, label));
  }
}

/** The text, or null when the bytes are not valid in `encoding`. */
function tryDecode(bytes: Uint8Array, encoding: string): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** Decodes strictly; an error names the encoding, how it was found, and the first bad byte. */
function decode(
  bytes: Uint8Array,
  encoding: string,
  file: string,
  how: DecodedText['detected'],
): string {
  const decoded = tryDecode(bytes, encoding);
  if (decoded !== null) return decoded;
  const at = firstBadByte(bytes, encoding);
  throw new DataError(
    'unreadable-resource',
    text.undecodable(
      file,
      encoding,
      how,
      at,
      at < bytes.length ? (bytes[at] as number) : null,
      lineAt(bytes, at),
    ),
  );
}

/**
 * The offset of the first bad byte sequence: the bytes are fed to a
 * streaming decoder a block at a time, then, in the block where it fails,
 * a byte at a time (a streaming decoder holds a character cut at a block's
 * end, so it fails only on a byte that cannot continue the text); the
 * sequence starts after the last character it completed.
 */
function firstBadByte(bytes: Uint8Array, encoding: string): number {
  const BLOCK = 4096;
  const fresh = () => new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
  let start = 0;
  const blocks = fresh();
  try {
    for (; start < bytes.length; start += BLOCK)
      blocks.decode(bytes.subarray(start, start + BLOCK), { stream: true });
    blocks.decode();
    return bytes.length;
  } catch {
    // the bad byte is in the block at `start`
  }
  const single = fresh();
  single.decode(bytes.subarray(0, start), { stream: true });
  // Where the last character ended: a bad sequence starts after it.
  let sequence = start;
  for (let i = start; i < bytes.length; i++) {
    try {
      if (single.decode(bytes.subarray(i, i + 1), { stream: true }) !== '') sequence = i + 1;
    } catch {
      return sequence;
    }
  }
  return bytes.length;
}

/** The 1-based line of the byte at `offset` (LF-counted: CRLF, LF and, in UTF-16, one of its bytes). */
function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}
