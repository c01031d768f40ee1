// Numbers written in words, read by compromise (its numbers are built in).
import nlp from 'compromise';

/**
 * The value of a number in words ("Twenty-six" → 26, "a hundred" → 100), or
 * null when compromise reads no single number in it.
 *
 * @param words - the number as written
 * @returns its value, or null
 * @example
 * wordNumber('Twenty-six'); // => 26
 */
export function wordNumber(words: string): number | null {
  const values = nlp(words).numbers().get() as unknown[];
  return values.length === 1 && typeof values[0] === 'number' && Number.isFinite(values[0])
    ? values[0]
    : null;
}

/** Fractions compromise does not read as one ("half", "one quarter"). */
const FRACTIONS: Record<string, number> = {
  half: 1 / 2,
  'a half': 1 / 2,
  'one half': 1 / 2,
  quarter: 1 / 4,
  'a quarter': 1 / 4,
  'one quarter': 1 / 4,
};

/**
 * The value of a fraction in words as a share (two-thirds → 0.667 as
 * compromise reads it, computed exactly here from its numerator and
 * denominator), or null.
 *
 * @param words - the fraction as written ("two-thirds", "a third", "half")
 * @returns the share in [0, 1], or null
 * @example
 * wordFraction('two-thirds'); // => 0.6666666666666666
 */
export function wordFraction(words: string): number | null {
  const key = words
    .toLowerCase()
    .replace(/[-\s]+/g, ' ')
    .trim();
  const known = FRACTIONS[key];
  if (known !== undefined) return known;
  const found = nlp(words).fractions().get() as { numerator?: number; denominator?: number }[];
  const f = found[0];
  if (found.length !== 1 || f === undefined) return null;
  const { numerator, denominator } = f;
  if (typeof numerator !== 'number' || typeof denominator !== 'number' || denominator <= 0)
    return null;
  const share = numerator / denominator;
  return share > 0 && share <= 1 ? share : null;
}
