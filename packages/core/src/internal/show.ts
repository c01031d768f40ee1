/**
 * A value as an error message shows it.
 *
 * The one formatter of every @toplines package's messages: strings quoted
 * (so an empty or blank string is visible), numbers, booleans, null and
 * undefined as written (−0 as 0), an array by its length, anything else by
 * its type — never the whole of a large or circular value.
 *
 * Cost: O(1), O(length) for a string.
 *
 * @param value - any value
 * @returns the text to put after "got " in a message
 * @example
 * show('95%'); // => '"95%"'
 * show(-0); // => '0'
 * show(true); // => 'true'
 * show([1, 2, 3]); // => 'an array of length 3'
 * show({ level: 95 }); // => 'object'
 */
export function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  return typeof value;
}
