// HTML and Markdown to plain text, the text the reader reads and quotes.
// html-to-text (htmlparser2 underneath) parses HTML; Markdown is rendered to
// HTML by marked first, so that both go through one well-kept converter.
import { convert, type DomNode, type FormatCallback } from 'html-to-text';
import { marked } from 'marked';
import { readError } from '../messages';
import type { ArticleFormat } from '../types';

const HEADINGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({
  selector,
  options: { uppercase: false },
}));

/** The text of a node: its text nodes joined, white space collapsed. */
function textOf(node: DomNode): string {
  if (node.type === 'text') return node.data ?? '';
  if (node.name === 'br') return ' ';
  return (node.children ?? []).map(textOf).join('');
}

/** A table's caption and rows (header rows marked), through thead, tbody and tfoot. */
function tableRows(table: DomNode): {
  caption: string;
  rows: { header: boolean; cells: string[] }[];
} {
  let caption = '';
  const rows: { header: boolean; cells: string[] }[] = [];
  const walk = (node: DomNode, inHead: boolean) => {
    if (node.type !== 'tag') return;
    if (node.name === 'caption') caption = textOf(node);
    else if (node.name === 'thead' || node.name === 'tbody' || node.name === 'tfoot')
      for (const c of node.children) walk(c, node.name === 'thead');
    else if (node.name === 'tr') {
      const cells = node.children.filter((c) => c.type === 'tag' && /^t[hd]$/.test(c.name ?? ''));
      rows.push({
        header: inHead || (cells.length > 0 && cells.every((c) => c.name === 'th')),
        cells: cells.map((c) => textOf(c).replace(/\s+/g, ' ').trim()),
      });
    }
  };
  for (const c of table.children) walk(c, false);
  return { caption: caption.replace(/\s+/g, ' ').trim(), rows };
}

const PERCENT_HEADER = /^(?:%|percent|per cent|pct\.?|share|% of [\p{L} ]{1,30})$/iu;
const PERCENT_CELL = /^\d{1,3}(?:[.,]\d+)?\s?%?$/;

/**
 * A table as lines of text, one per row. A table of answers — one column
 * headed "%" (or "percent", "share") beside the answers — becomes its
 * caption, then "answer: N%" lines, the form the reader reads as a question
 * and its options; any other table, its cells joined by " | ".
 */
const tableLines: FormatCallback = (elem, _walk, builder) => {
  const { caption, rows } = tableRows(elem);
  const lines: string[] = [];
  const head = rows.find((r) => r.header);
  const body = rows.filter((r) => !r.header && r.cells.some((c) => c !== ''));
  const columns = head?.cells
    .map((c, i) => (PERCENT_HEADER.test(c) ? i : -1))
    .filter((i) => i >= 0);
  const column = columns?.length === 1 ? (columns[0] as number) : -1;
  const answers =
    column >= 0 &&
    body.length > 0 &&
    body.every((r) => PERCENT_CELL.test(r.cells[column] ?? '') && r.cells.length >= 2);
  if (caption !== '') lines.push(answers && !/[?:.!]$/.test(caption) ? `${caption}:` : caption);
  if (answers) {
    for (const r of body) {
      const value = (r.cells[column] as string).replace(/\s?%$/, '');
      const label = r.cells.filter((_, i) => i !== column && r.cells[i] !== '').join(' – ');
      lines.push(`${label}: ${value}%`);
    }
  } else for (const r of rows) lines.push(r.cells.join(' | '));
  lines.forEach((line, i) => {
    builder.openBlock({ leadingLineBreaks: i === 0 ? 2 : 1 });
    builder.addInline(line);
    builder.closeBlock({ trailingLineBreaks: i === lines.length - 1 ? 2 : 1 });
  });
};

/** html-to-text's options: no wrapping, no link targets or images, headings as written, tables as rows. */
const HTML_OPTIONS = {
  wordwrap: false as const,
  formatters: { tableLines },
  selectors: [
    ...HEADINGS,
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    { selector: 'ul', options: { itemPrefix: '• ' } },
    { selector: 'blockquote', format: 'block' },
    { selector: 'table', format: 'tableLines' },
    { selector: 'nav', format: 'skip' },
    { selector: 'script', format: 'skip' },
    { selector: 'style', format: 'skip' },
    { selector: 'noscript', format: 'skip' },
  ],
};

/**
 * The article as plain text: HTML with its tags, scripts and styles removed
 * and its blocks on lines of their own; Markdown with its markup removed;
 * text as it is (line endings made `\n`, a byte-order mark dropped).
 *
 * @param text - the article
 * @param format - what it is
 * @returns the text the reader reads: its quotes and offsets refer to it
 * @throws {TypeError} when `text` is not a string or `format` is not one of the three
 * @example
 * articleText('<p>In a poll, <b>40%</b> said yes.</p>', 'html'); // => 'In a poll, 40% said yes.'
 */
export function articleText(text: string, format: ArticleFormat): string {
  if (typeof text !== 'string') throw new TypeError(readError.notText(text));
  const plain = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  switch (format) {
    case 'text':
      return plain;
    case 'html':
      return convert(plain, HTML_OPTIONS).trim();
    case 'markdown':
      return convert(marked.parse(plain, { async: false, gfm: true }), HTML_OPTIONS).trim();
    default:
      throw new TypeError(readError.badFormat(format));
  }
}
