// Text layout for the terminal: display widths, padding, wrapping, colour.

import stringWidth from 'string-width';

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching ANSI escapes is the point
const ANSI = /\u001b\[[0-9;]*m/g;

/**
 * Columns a string takes in a terminal, by string-width (Unicode's East Asian
 * Width and emoji data, kept up to date there): ANSI escapes and control
 * characters count 0, combining marks 0, East Asian wide characters and emoji
 * 2 (options can be written in Japanese), others 1.
 *
 * @example
 * displayWidth('40.5%'); // => 5
 * displayWidth('日本'); // => 4
 */
export function displayWidth(text: string): number {
  // Most of a report is text every character of which takes one column; it
  // is counted here, as string-width's own fast path takes only ASCII and
  // its grapheme-by-grapheme path made the 200,000-figure report (#18) spend
  // most of its time measuring words with "±", "–" or a no-break space.
  const plain = text.includes('\u001b') ? text.replace(ANSI, '') : text;
  if (ONE_COLUMN.test(plain)) return plain.length;
  return stringWidth(text);
}

/**
 * Characters string-width counts as one column each, with no combining
 * marks, controls or zero-width characters among them: printable ASCII,
 * Latin-1 but the soft hyphen, Latin Extended-A/B, IPA and spacing modifier
 * letters, Greek and Cyrillic letters (East Asian Ambiguous, narrow in
 * string-width), general punctuation from the hyphen to the ellipsis and
 * from the per mille sign on (dashes, quotes, bullets, prime), arrows and
 * mathematical operators (the minus sign, ≥), box drawing (the report's rules),
 * geometric shapes but the two emoji squares (○, ◐) and the check marks ✓ ✔.
 */
const ONE_COLUMN =
  /^[\u0020-\u007e\u00a0-\u00ac\u00ae-\u02ff\u0370-\u0377\u037a-\u037f\u0384-\u038a\u038c\u038e-\u03a1\u03a3-\u03ff\u0400-\u0482\u048a-\u052f\u2010-\u2027\u2030-\u205e\u2190-\u22ff\u2500-\u257f\u25a0-\u25fc\u2713\u2714]*$/;

/**
 * Pads to a display width, on the right (left-aligned) or the left.
 *
 * @example
 * pad('40.5%', 7, 'right'); // => '  40.5%'
 */
export function pad(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'left' ? text + fill : fill + text;
}

/**
 * Splits text into lines of at most `width` columns, at spaces; a word
 * longer than a line is cut.
 *
 * @example
 * wrap('a lead of 6.0 points', 10); // => ['a lead of', '6.0 points']
 */
export function wrap(text: string, width: number): string[] {
  const w = Math.max(8, width);
  const plain = ONE_COLUMN.test(text) && !NOT_PLAIN.test(text);
  // Most lines of a report fit as they are (no-break spaces given back as spaces).
  if (plain && text.length <= w)
    return [text.includes('\u00a0') ? text.replace(/\u00a0/g, ' ') : text];
  // "n = 1,037" and "p = 0.025" stay on one line.
  const glued = text.replace(/ = /g, '\u00a0=\u00a0');
  return (
    (plain ? wrapPlain(text, glued, w) : null) ??
    wrapWords(glued, width).map((line) => line.replace(/\u00a0/g, ' '))
  );
}

/**
 * {@link wrapWords} for the text of most report lines, without splitting it
 * into words: for text whose every character is one column wide, words apart
 * by one space, no line break, no space at either end (the caller checks). Each line ends at the last space
 * within the width (`glued` has no-break spaces where the line must not
 * break) — the lines wrapWords makes, a fifth of the time (#18). Null for
 * other text, or when a word is longer than a line (wrapWords cuts it).
 */
function wrapPlain(text: string, glued: string, w: number): string[] | null {
  // wrapWords gives the no-break spaces, the text's own too, back as spaces.
  const plain = text.includes('\u00a0') ? text.replace(/\u00a0/g, ' ') : text;
  const lines: string[] = [];
  let start = 0;
  while (glued.length - start > w) {
    const end = glued.lastIndexOf(' ', start + w);
    if (end <= start) return null;
    lines.push(plain.slice(start, end));
    start = end + 1;
  }
  lines.push(plain.slice(start));
  return lines;
}

/** What {@link wrapPlain} leaves to wrapWords: a line break, a run of spaces, a space at an end. */
const NOT_PLAIN = /\n| {2}|^ | $/;

function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  const w = Math.max(8, width);
  for (const paragraph of text.split('\n')) {
    let line = '';
    // The line's width, kept as words are added (a space joins no grapheme, so
    // widths add up): measuring the whole line again for each word made long
    // sentences quadratic.
    let lineWidth = 0;
    for (let word of paragraph.split(/ +/)) {
      let wordWidth = displayWidth(word);
      while (wordWidth > w) {
        if (line !== '') {
          lines.push(line);
          line = '';
          lineWidth = 0;
        }
        lines.push(cut(word, w));
        word = word.slice(cut(word, w).length);
        wordWidth = displayWidth(word);
      }
      if (line === '') {
        line = word;
        lineWidth = wordWidth;
      } else if (lineWidth + 1 + wordWidth <= w) {
        line += ` ${word}`;
        lineWidth += 1 + wordWidth;
      } else {
        lines.push(line);
        line = word;
        lineWidth = wordWidth;
      }
    }
    lines.push(line);
  }
  return lines;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The longest start of `word` that fits in `width` columns, cut between graphemes (never inside an emoji or after a letter but before its accent). */
function cut(word: string, width: number): string {
  let out = '';
  let used = 0;
  for (const { segment } of graphemes.segment(word)) {
    const w = displayWidth(segment);
    if (used + w > width) break;
    out += segment;
    used += w;
  }
  return out;
}

/**
 * Wraps and indents a paragraph: every line starts with `indent` spaces.
 *
 * @example
 * indentWrap('one two three', 2, 9); // => ['  one two', '  three']
 */
export function indentWrap(text: string, indent: number, width: number): string[] {
  const prefix = ' '.repeat(indent);
  return wrap(text, width - indent).map((line) => prefix + line);
}

/** Shortens a string to a display width, ending in "…". */
export function truncate(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  return `${cut(text, width - 1)}…`;
}

/** Text styles: each wraps a string in ANSI codes, or returns it as is when colour is off. */
export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  red(text: string): string;
  cyan(text: string): string;
}

/**
 * The styles for a stream: ANSI colours, or plain text (NO_COLOR, a pipe).
 *
 * @example
 * makeStyle(false).bold('n = 1,037'); // => 'n = 1,037'
 */
export function makeStyle(color: boolean): Style {
  const code = (open: number, close: number) => (text: string) =>
    color && text !== '' ? `\u001b[${open}m${text}\u001b[${close}m` : text;
  return {
    bold: code(1, 22),
    dim: code(2, 22),
    green: code(32, 39),
    yellow: code(33, 39),
    red: code(31, 39),
    cyan: code(36, 39),
  };
}

/** Removes ANSI escapes. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

// Written here rather than taken from strip-ansi: that removes escape
// sequences but leaves lone control characters (a carriage return, a bell,
// a C1 CSI byte) in place. Alternatives, in order: a CSI sequence (ESC [ or
// the 8-bit CSI, parameters, intermediates, final byte); an OSC, DCS, SOS, PM
// or APC string up to its terminator (BEL, ESC \ or ST) or the end of the
// text; any other escape; one C0 control (but tab and newline), DEL or C1
// control; a bidirectional embedding, override or isolate control
// (U+202A–U+202E, U+2066–U+2069), which reorders what follows it on screen
// (a "Trojan Source" line reads otherwise than it is).
const TERMINAL_CONTROLS =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  /(?:\u001b\[|\u009b)[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]?|(?:\u001b[\]PX^_]|[\u0090\u0098\u009d-\u009f])[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|\u001b[\u0020-\u002f]*[\u0030-\u007e]?|[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Data text made safe to print in a terminal: escape sequences (colours,
 * clear-screen, OSC 8 hyperlinks, window titles), C0 controls other than tab
 * and newline, DEL, C1 controls and the bidi embedding, override and isolate
 * controls are removed, so that a survey's option or title cannot move the
 * cursor, clear the screen, hide a link or reverse the text after it. Apply it to
 * data before wrapping or truncating, so that a cut never leaves half a sequence.
 *
 * @example
 * terminalSafe('yes\u001b[2J'); // => 'yes'
 * terminalSafe('\u001b]8;;https://example.com\u0007click\u001b]8;;\u0007'); // => 'click'
 * terminalSafe('a\tb\nc\rd'); // => 'a\tb\ncd'
 * terminalSafe('yes\u202e0.54'); // => 'yes0.54'
 */
export function terminalSafe(text: string): string {
  // Every match starts with one of these characters: most text has none, and is kept as it is.
  return CONTROL_START.test(text) ? text.replace(TERMINAL_CONTROLS, '') : text;
}

/** The characters a match of TERMINAL_CONTROLS can start with (an escape, a C1 control, a bidi control). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL_START = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/**
 * Plain data (objects, arrays) with every string passed through
 * {@link terminalSafe}: the report's data, cleaned once before it is laid
 * out. What had something to clean is copied (the input is never changed);
 * what had nothing is returned as it is, not copied — copying every figure of
 * a 200,000-row archive was a tenth of its report's time (#18).
 *
 * @example
 * terminalSafeDeep({ option: 'no\u0007', n: 5 }); // => { option: 'no', n: 5 }
 */
export function terminalSafeDeep<T>(value: T): T {
  // Most data has nothing to clean: a walk that only reads finds that out
  // for less than the walk that copies.
  return hasControls(value) ? cleanDeep(value) : value;
}

/**
 * Whether any cell of these columns is text with a character a control
 * sequence starts with (what {@link terminalSafe} removes). Each column is
 * joined by line breaks (which are kept) and searched once: a 200,000-row
 * archive's cells in a few tens of milliseconds.
 *
 * @example
 * columnsHaveControls([['yes', 'no', 40.5]]); // => false
 * columnsHaveControls([['yes', 'no\u001b[2J']]); // => true
 */
export function columnsHaveControls(columns: Iterable<ArrayLike<unknown>>): boolean {
  for (const column of columns) {
    if (CONTROL_START.test(Array.prototype.join.call(column, '\n'))) return true;
  }
  return false;
}

/** Whether a string of plain data holds a character a control sequence starts with. */
function hasControls(value: unknown): boolean {
  if (typeof value === 'string') return CONTROL_START.test(value);
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (hasControls(value[i])) return true;
    return false;
  }
  // (for…in also reads inherited keys: at worst a copy that was not needed.)
  for (const key in value) if (hasControls((value as Record<string, unknown>)[key])) return true;
  return false;
}

/** {@link terminalSafeDeep}'s copy: what has something to clean is copied, cleaned. */
function cleanDeep<T>(value: T): T {
  if (typeof value === 'string') return terminalSafe(value) as T;
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const x: unknown = value[i];
      const clean = cleanDeep(x);
      if (copy === null && clean !== x) copy = value.slice(0, i);
      copy?.push(clean);
    }
    return (copy ?? value) as T;
  }
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    const source = value as Record<string, unknown>;
    let copy: Record<string, unknown> | null = null;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      const x = source[key];
      const clean = cleanDeep(x);
      if (copy === null && clean !== x) {
        copy = {};
        for (let j = 0; j < i; j++) setKey(copy, keys[j] as string, source[keys[j] as string]);
      }
      if (copy !== null) setKey(copy, key, clean);
    }
    return (copy ?? value) as T;
  }
  return value;
}

/**
 * Sets a key of a plain object. Keys are data too (a column or option named
 * "__proto__"): that one is defined, not assigned (it is the only accessor of
 * a plain object; the others are assigned, which is much faster).
 */
function setKey(object: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(object, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  else object[key] = value;
}
