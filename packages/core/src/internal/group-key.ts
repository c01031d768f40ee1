/**
 * The key of a group of rows, from the values that define it.
 *
 * One string for a tuple of cells (survey and question; survey, question,
 * group and source), to key a `Map`. Strings without a NUL character (the
 * usual cells), the first not starting with "[", are joined with NULs: one
 * string made once, cheaper than JSON text (the reanalysis and validation
 * make several keys per row, #18). Any other tuple is JSON-encoded as an
 * array, which starts with "[", so the two forms never meet. Either way no
 * separator can be confused with a part ("a|b" + "c" and "a" + "b|c"
 * differ), and a number differs from the string of its digits. An undefined
 * part keys as null, as a missing cell.
 *
 * Cost: O(total length of the parts).
 *
 * @param parts - the values of the group (strings, numbers, booleans or null)
 * @returns a string equal for equal parts and different for different ones
 * @example
 * groupKey('api-2025-jp', 'us-impression'); // => 'api-2025-jp\u0000us-impression'
 * groupKey('s', null); // => '["s",null]'
 * groupKey('a|b', 'c') === groupKey('a', 'b|c'); // => false
 * groupKey('s', 1) === groupKey('s', '1'); // => false
 */
export function groupKey(...parts: unknown[]): string {
  if (parts.length === 0 || (typeof parts[0] === 'string' && parts[0].startsWith('['))) {
    return JSON.stringify(parts);
  }
  for (const part of parts) {
    if (typeof part !== 'string' || part.includes('\u0000')) return JSON.stringify(parts);
  }
  return parts.join('\u0000');
}
