// decodeText: each accepted encoding and each refusal. The files in
// ../fixtures/encodings are written by make-encodings.py there, with
// Python's codecs (cp932, euc_jp, utf-16-le): another implementation than
// the TextDecoder that reads them.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DataError, decodeText } from '../../src/index';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'encodings');
const fixture = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));
const utf8 = (text: string) => new TextEncoder().encode(text);

/** The error decodeText throws, or a failure when it does not. */
function refusal(bytes: Uint8Array, options: Parameters<typeof decodeText>[1] = {}): DataError {
  try {
    decodeText(bytes, options);
  } catch (e) {
    expect(e).toBeInstanceOf(DataError);
    return e as DataError;
  }
  throw new Error('decodeText did not throw');
}

const QUESTION = '日米関係をどう評価するか';

describe('decodeText reads', () => {
  it('UTF-8 without a byte-order mark (ASCII is UTF-8)', () => {
    expect(decodeText(utf8('question,option,percent\n'))).toEqual({
      text: 'question,option,percent\n',
      encoding: 'utf-8',
      detected: 'utf-8',
    });
    expect(decodeText(utf8('質問,はい,40\n')).text).toBe('質問,はい,40\n');
  });

  it('UTF-8 with a byte-order mark, which is dropped', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('a,b\n')]);
    expect(decodeText(bytes)).toEqual({ text: 'a,b\n', encoding: 'utf-8', detected: 'bom' });
  });

  it("UTF-16LE with its byte-order mark (Excel's Unicode text)", () => {
    const decoded = decodeText(fixture('utf16le-bom.tsv'));
    expect(decoded.encoding).toBe('utf-16le');
    expect(decoded.detected).toBe('bom');
    expect(decoded.text.split('\r\n')[1]).toBe(`${QUESTION}\t良い\t40.5\t1037`);
  });

  it('UTF-16BE with its byte-order mark', () => {
    const text = 'a,b\n';
    const bytes = [0xfe, 0xff];
    for (const ch of text) bytes.push(0, ch.charCodeAt(0));
    expect(decodeText(new Uint8Array(bytes))).toEqual({
      text,
      encoding: 'utf-16be',
      detected: 'bom',
    });
  });

  it('Shift_JIS (CP932) as Excel in Japan writes it: CRLF, no byte-order mark', () => {
    const decoded = decodeText(fixture('excel-cp932.csv'));
    expect(decoded).toMatchObject({ encoding: 'shift_jis', detected: 'guessed' });
    expect(decoded.text.split('\r\n')).toEqual([
      'question,option,percent,n',
      `${QUESTION},良い,40.5,1037`,
      `${QUESTION},悪い,45.2,1037`,
      `${QUESTION},わからない,14.3,1037`,
      '',
    ]);
  });

  it('a short Shift_JIS text, where the detector alone would say windows-1252', () => {
    // "支持,はい,40": chardet scores it windows-1252 (93) over Shift_JIS (10)
    const bytes = new Uint8Array([
      ...utf8('question,option,percent\r\n'),
      0x8e,
      0x78,
      0x8e,
      0x9d,
      0x2c,
      0x82,
      0xcd,
      0x82,
      0xa2,
      ...utf8(',40\r\n'),
    ]);
    expect(decodeText(bytes).text).toBe('question,option,percent\r\n支持,はい,40\r\n');
  });

  it('EUC-JP', () => {
    const decoded = decodeText(fixture('euc-jp.csv'));
    expect(decoded.encoding).toBe('euc-jp');
    expect(decoded.text.split('\n')[3]).toBe(`${QUESTION},わからない,14.3,1037`);
  });

  it('windows-1252 (a semicolon CSV from Excel in Western Europe)', () => {
    const bytes = new Uint8Array([
      ...utf8('question;option;percent\nsatisfait;tr'),
      0xe8,
      ...utf8('s;40,5\n'),
    ]);
    expect(decodeText(bytes)).toMatchObject({
      text: 'question;option;percent\nsatisfait;très;40,5\n',
      encoding: 'windows-1252',
      detected: 'guessed',
    });
  });

  it('the encoding the caller gives, skipping detection', () => {
    const bytes = new Uint8Array([0x8e, 0x78, 0x8e, 0x9d]);
    expect(decodeText(bytes, { encoding: 'Shift_JIS' })).toEqual({
      text: '支持',
      encoding: 'shift_jis',
      detected: 'given',
    });
  });
});

describe('decodeText refuses, naming the file and the encoding', () => {
  it('a PNG: not a text file', () => {
    const e = refusal(fixture('image.png'), { file: 'chart.png' });
    expect(e.code).toBe('unreadable-resource');
    expect(e.message).toBe(
      'chart.png is not a text file: it holds a NUL byte (at byte 8), as an image, a spreadsheet ' +
        '(.xlsx) or another binary file does, and has no UTF-16 byte-order mark; save it as UTF-8 text (a table as CSV UTF-8)',
    );
  });

  it('UTF-8 with a stray Latin-1 byte: not decoded as windows-1252 mojibake', () => {
    const e = refusal(fixture('invalid-utf8.csv'), { file: 'invalid-utf8.csv' });
    expect(e.message).toMatch(
      /^invalid-utf8\.csv cannot be decoded as UTF-8 \(the encoding guessed from its bytes\): the bytes from 0xE9 at byte \d+ \(line 4\) are not valid UTF-8/,
    );
  });

  it('Shift_JIS cut inside a character', () => {
    const e = refusal(fixture('truncated-cp932.csv'), { file: 'cut.csv' });
    expect(e.message).toMatch(
      /^cut\.csv cannot be decoded as Shift_JIS \(the encoding guessed from its bytes\): the text ends inside a character/,
    );
  });

  it('bytes the given encoding cannot hold, with where they are', () => {
    const e = refusal(
      utf8('a,b\nq,\u00e9\n').map((b) => (b === 0xa9 ? 0x28 : b)),
      {
        file: 'x.csv',
        encoding: 'utf-8',
      },
    );
    expect(e.message).toBe(
      'x.csv cannot be decoded as UTF-8 (the encoding given): the bytes from 0xC3 at byte 6 (line 2) ' +
        'are not valid UTF-8; give the encoding the file was saved in (--encoding in the toplines command), ' +
        'or save it as UTF-8 text (a table as CSV UTF-8)',
    );
  });

  it('an encoding TextDecoder does not know, UTF-32, and arguments of the wrong type', () => {
    expect(refusal(utf8('a'), { encoding: 'klingon' }).message).toContain(
      '"klingon" is not an encoding this runtime can decode',
    );
    expect(refusal(new Uint8Array([0xff, 0xfe, 0, 0, 0x61, 0, 0, 0])).message).toContain(
      'is UTF-32 (by its byte-order mark), which is not read',
    );
    expect(refusal('text' as unknown as Uint8Array).code).toBe('invalid-type');
    expect(refusal(utf8('a'), { encoding: '' }).code).toBe('invalid-option');
  });
});
