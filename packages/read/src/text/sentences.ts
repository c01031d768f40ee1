// The article cut into paragraphs and sentences, each with its offsets.
// compromise finds the sentence ends (it knows "U.S.", "Dr.", "e.g."); the
// paragraphs and list markers are this module's, as is locating each
// sentence in the text (compromise's own offsets drift at curly quotes).
import nlp from 'compromise';
import { fold } from './fold';

/** A sentence: its offsets in the whole text and its paragraph's index. */
export interface Sentence {
  start: number;
  end: number;
  /** The paragraph (a line, or lines hard-wrapped into one) it belongs to. */
  paragraph: number;
}

/** A list marker or heading number at the start of a line: not part of the sentence. */
const MARKER = /^[\s>•·▪◦‣⁃*+-]*(?:\(?\d{1,2}[.)]\s+)?[\s•·▪◦‣⁃*]*/u;

/** Where a line ends a sentence or a heading: a line after it is a new paragraph. */
const CLOSED = /[.!?:;”"')\]…]\s*$/u;

/**
 * The sentences of a text, in order, each trimmed of surrounding space and of
 * a list marker. A line is a paragraph of its own, unless it is a hard-wrapped
 * continuation: a line that ends without punctuation followed by one that
 * starts with a lower-case letter.
 *
 * @param text - the article as text
 * @returns the sentences' offsets into `text`
 * @example
 * sentences('One poll. Another one.\n• A third').map((s) => [s.start, s.end]);
 * // => [[0, 9], [10, 22], [25, 32]]
 */
export function sentences(text: string): Sentence[] {
  const folded = fold(text);
  const found: Sentence[] = [];
  let paragraph = -1;
  for (const block of paragraphs(folded)) {
    paragraph++;
    const body = folded.slice(block.start, block.end);
    let cursor = 0;
    const texts = (nlp(body).json() as { text: string }[]).map((s) => s.text.trim());
    for (const piece of texts.flatMap(splitAfterQuotedStop)) {
      if (piece === '') continue;
      let at = body.indexOf(piece, cursor);
      // compromise may normalise inner space: fall back to the sentence's first words.
      if (at === -1) at = body.indexOf(piece.slice(0, 12), cursor);
      if (at === -1) continue;
      const end = Math.min(body.length, at + piece.length);
      push(found, folded, block.start + at, block.start + end, paragraph);
      cursor = end;
    }
    // Anything compromise did not return (it should not happen) is kept as one sentence.
    if (cursor < body.trimEnd().length && texts.length === 0) {
      push(found, folded, block.start, block.end, paragraph);
    }
  }
  return found;
}

function push(found: Sentence[], folded: string, start: number, end: number, paragraph: number) {
  let s = start;
  const marker = MARKER.exec(folded.slice(start, end));
  if (marker !== null) s += marker[0].length;
  let e = end;
  while (e > s && /\s/u.test(folded[e - 1] as string)) e--;
  if (e > s) found.push({ start: s, end: e, paragraph });
}

/** The paragraphs of a text: lines, with hard-wrapped lines joined. */
function paragraphs(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let start = 0;
  let current: { start: number; end: number } | null = null;
  for (const line of text.split('\n')) {
    const end = start + line.length;
    if (line.trim() === '') {
      current = null;
    } else if (
      current !== null &&
      !CLOSED.test(text.slice(current.start, current.end)) &&
      /^\s*\p{Ll}/u.test(line)
    ) {
      current.end = end;
    } else {
      current = { start, end };
      out.push(current);
    }
    start = end + 1;
  }
  return out;
}

/**
 * compromise does not end a sentence at a stop inside closing quotes
 * (`… “bad.” However, 54% …`): such a piece is cut there.
 */
function splitAfterQuotedStop(piece: string): string[] {
  return piece
    .split(/(?<=[.!?][”"])\s+(?=[\p{Lu}“"])/u)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}
