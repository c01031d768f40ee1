// HTML and Markdown to plain text, the text the reader reads and quotes.
// html-to-text (htmlparser2 underneath) parses HTML; Markdown is rendered to
// HTML by marked first, so that both go through one well-kept converter.
import { convert } from 'html-to-text';
import { marked } from 'marked';
import { readError } from '../messages';
import type { ArticleFormat } from '../types';

const HEADINGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({
  selector,
  options: { uppercase: false },
}));

/** html-to-text's options: no wrapping, no link targets or images, headings as written, tables as rows. */
const HTML_OPTIONS = {
  wordwrap: false as const,
  selectors: [
    ...HEADINGS,
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    { selector: 'ul', options: { itemPrefix: '• ' } },
    { selector: 'blockquote', format: 'block' },
    { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false } },
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
