/**
 * The key of a group of rows, from the values that define it.
 *
 * One string for a tuple of cells (survey and question; survey, question,
 * group and source), to key a `Map`. The parts are JSON-encoded as an array,
 * so no separator can be confused with a part ("a|b" + "c" and "a" + "b|c"
 * differ), and a number differs from the string of its digits. An undefined
 * part keys as null, as a missing cell.
 *
 * Cost: O(total length of the parts).
 *
 * @param parts - the values of the group (strings, numbers, booleans or null)
 * @returns a string equal for equal parts and different for different ones
 * @example
 * groupKey('api-2025-jp', 'us-impression'); // => '["api-2025-jp","us-impression"]'
 * groupKey('a|b', 'c') === groupKey('a', 'b|c'); // => false
 * groupKey('s', 1) === groupKey('s', '1'); // => false
 */
export function groupKey(...parts: unknown[]): string {
  return JSON.stringify(parts);
}
