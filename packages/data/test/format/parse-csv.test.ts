import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/format/parse-csv';

describe('parseCsv', () => {
  it('splits a header and rows, unquoting cells (RFC 4180)', () => {
    const csv = parseCsv('a,b,c\n1,"x, ""y""",\n2,"two\nlines",z\n');
    expect(csv.header).toEqual(['a', 'b', 'c']);
    expect(csv.rows).toEqual([
      ['1', 'x, "y"', ''],
      ['2', 'two\nlines', 'z'],
    ]);
    expect(csv.lines).toEqual([2, 3]);
    expect(csv.problems).toEqual([]);
  });

  it('handles CRLF, a byte-order mark, no final newline and blank lines', () => {
    const csv = parseCsv('\ufeffa,b\r\n1,2\r\n\r\n3,4');
    expect(csv.header).toEqual(['a', 'b']);
    expect(csv.rows).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
    expect(csv.lines).toEqual([2, 4]);
  });

  it('keeps ragged rows as written, so validation can report them', () => {
    expect(parseCsv('a,b\n1\n1,2,3\n').rows).toEqual([['1'], ['1', '2', '3']]);
  });

  it('keeps a quoted empty cell and reports an unterminated quote with its line', () => {
    expect(parseCsv('a\n""\n').rows).toEqual([['']]);
    const csv = parseCsv('a,b\n1,2\n3,"never closed\n');
    expect(csv.problems).toEqual([{ line: 3, kind: 'unterminated-quote' }]);
  });

  it('reports text after a closing quote', () => {
    expect(parseCsv('a\n"x"y\n').problems).toEqual([{ line: 2, kind: 'text-after-quote' }]);
  });

  it('reads another delimiter', () => {
    expect(parseCsv('a;b\n1;2\n', { delimiter: ';' }).rows).toEqual([['1', '2']]);
  });

  it('gives an empty header for empty text', () => {
    expect(parseCsv('')).toMatchObject({ header: [], rows: [] });
  });
});
