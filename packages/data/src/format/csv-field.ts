// One CSV field as every writer of this project writes it (the CLI's report
// CSVs, the drafts of @toplines/read): RFC 4180 quoting and a guard against
// formula injection.

/** A cell of a written CSV: empty for null and undefined. */
export type CsvCell = string | number | boolean | null | undefined;

/** A signed decimal number and nothing else: a spreadsheet reads it as a number, not a formula. */
const PLAIN_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line
 * break; empty for null, undefined and a non-finite number. A text cell a
 * spreadsheet would read as a formula (beginning with `=`, `+`, `-`, `@`, a
 * tab or a carriage return) is prefixed with `'`, as OWASP advises against
 * CSV injection (https://owasp.org/www-community/attacks/CSV_Injection);
 * numbers, and text that is a plain number such as "-5", are written as they are.
 *
 * @param value - the cell
 * @returns the field's text, without the separator
 * @example
 * csvField('said "no", firmly'); // => '"said ""no"", firmly"'
 * csvField('=HYPERLINK("http://x")'); // => '"\'=HYPERLINK(""http://x"")"'
 * csvField(-0.5); // => '-0.5'
 */
export function csvField(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  let text =
    typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text) && !PLAIN_NUMBER.test(text))
    text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
