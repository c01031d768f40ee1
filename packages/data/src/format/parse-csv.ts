// A small RFC 4180 reader written here rather than arquero's fromCSV, which
// silently drops cells past the header's width and keeps no line numbers:
// validation needs both to point at the text.

/** The text of a CSV file split into cells, with where each row starts. */
export interface CsvText {
  /** The header row's cells (empty when the text is empty). */
  header: string[];
  /** The data rows' cells, as written (quotes removed, `""` unescaped). */
  rows: string[][];
  /** The 1-based line of the file each data row starts on. */
  lines: number[];
  /** The line on which the header starts (1 unless blank lines come first). */
  headerLine: number;
  /** Syntax problems: an unterminated quote, text after a closing quote. */
  problems: { line: number; kind: 'unterminated-quote' | 'text-after-quote' }[];
}

/** Options of {@link parseCsv}. */
export interface ParseCsvOptions {
  /** Cell delimiter, one character. Default `","`. */
  delimiter?: string;
  /** Quote character, one character. Default `'"'`. */
  quoteChar?: string;
}

/**
 * Splits CSV text into a header and data rows of text cells (RFC 4180:
 * quoted cells may hold delimiters, doubled quotes and line breaks; `\r\n`,
 * `\n` and `\r` all end a row). A leading byte-order mark is dropped and
 * blank lines are skipped. Internal: the loaders cast the cells by schema.
 *
 * @example
 * parseCsv('a,b\n1,"x, ""y"""\n').rows; // => [['1', 'x, "y"']]
 */
export function parseCsv(text: string, options: ParseCsvOptions = {}): CsvText {
  const delimiter = options.delimiter ?? ',';
  const quote = options.quoteChar ?? '"';
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: { cells: string[]; line: number }[] = [];
  const problems: CsvText['problems'] = [];
  let i = 0;
  let line = 1;
  const n = src.length;

  while (i < n) {
    const startLine = line;
    const cells: string[] = [];
    let cell = '';
    let endOfRecord = false;
    let quotedCell = false;
    while (!endOfRecord) {
      if (i >= n) {
        cells.push(cell);
        break;
      }
      const ch = src[i] as string;
      if (ch === quote && cell === '' && !quotedCell) {
        // quoted cell: read to the closing quote
        quotedCell = true;
        i++;
        let closed = false;
        while (i < n) {
          const c = src[i] as string;
          if (c === quote) {
            if (src[i + 1] === quote) {
              cell += quote;
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (c === '\n' || (c === '\r' && src[i + 1] !== '\n')) line++;
          cell += c;
          i++;
        }
        if (!closed) problems.push({ line: startLine, kind: 'unterminated-quote' });
        continue;
      }
      if (ch === delimiter) {
        cells.push(cell);
        cell = '';
        quotedCell = false;
        i++;
        continue;
      }
      if (ch === '\n' || ch === '\r') {
        cells.push(cell);
        i += ch === '\r' && src[i + 1] === '\n' ? 2 : 1;
        line++;
        endOfRecord = true;
        continue;
      }
      if (quotedCell) {
        // text after a closing quote: keep it, but say so
        problems.push({ line, kind: 'text-after-quote' });
        quotedCell = false;
      }
      cell += ch;
      i++;
    }
    const blank = cells.length === 1 && cells[0] === '' && !quotedCell;
    if (!blank) records.push({ cells, line: startLine });
  }

  const [head, ...data] = records;
  return {
    header: head?.cells ?? [],
    headerLine: head?.line ?? 1,
    rows: data.map((r) => r.cells),
    lines: data.map((r) => r.line),
    problems,
  };
}
