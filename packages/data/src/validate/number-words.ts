// Whether a quote spells a whole percentage in English words ("Twenty-six
// percent do not plan to vaccinate"). Written here rather than taken from an
// NLP library (compromise reads numbers in words, at some 300 kB): the
// check needs only the words of 0 to 100, one way round. Internal.

const ONES = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/** The patterns by number, compiled once each. */
const PATTERNS = new Map<number, RegExp>();

/**
 * The English words of a whole number from 0 to 100, as a pattern: the tens
 * and units joined by a hyphen, a space or nothing ("twenty-six", "twenty
 * six"), "one hundred" or "a hundred"; a round ten not followed by a unit
 * ("twenty" is not in "twenty-six").
 */
function pattern(n: number): RegExp {
  let known = PATTERNS.get(n);
  if (known !== undefined) return known;
  let words: string;
  if (n === 100) words = '(?:one|a) hundred';
  else if (n < 20) words = ONES[n] as string;
  else {
    const tens = TENS[Math.floor(n / 10)] as string;
    const unit = n % 10;
    words =
      unit === 0
        ? `${tens}(?![- ]?(?:${ONES.slice(1, 10).join('|')})\\b)`
        : `${tens}[- ]?${ONES[unit] as string}`;
  }
  known = new RegExp(`(?<![a-z])${words}(?![a-z])`, 'i');
  PATTERNS.set(n, known);
  return known;
}

/**
 * True when `quote` spells the whole number `printed` ("26", "26.0") in
 * English words; false for a figure with decimals, or outside 0–100.
 *
 * @example
 * spellsFigure('Twenty-six percent do not plan to vaccinate', '26'); // => true
 * spellsFigure('twenty-six percent', '20'); // => false
 */
export function spellsFigure(quote: string, printed: string): boolean {
  const m = /^(\d{1,3})(?:\.0+)?$/.exec(printed.trim());
  if (m === null) return false;
  const n = Number(m[1]);
  return n <= 100 && pattern(n).test(quote);
}
