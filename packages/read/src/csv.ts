// One CSV writer for the draft's files. The same rule as the CLI's
// results.csv (packages/cli/src/reanalyze/csv.ts): @toplines/read cannot
// import the CLI, and eight lines are cheaper than a shared package.

/** A cell of a written CSV. */
export type Cell = string | number | boolean | null | undefined;

/** A signed decimal number and nothing else: a spreadsheet reads it as a number, not a formula. */
const PLAIN_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line
 * break; empty for null. A text cell a spreadsheet would read as a formula
 * (beginning with `=`, `+`, `-`, `@`, a tab or a carriage return) is
 * prefixed with `'`, as OWASP advises against CSV injection.
 *
 * @example
 * csvField('said "no", firmly'); // => '"said ""no"", firmly"'
 */
export function csvField(value: Cell): string {
  if (value === null || value === undefined) return '';
  let text =
    typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text) && !PLAIN_NUMBER.test(text))
    text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV text: the header and the rows, `\n` after each line. */
export function csvText(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return `${[header, ...rows].map((r) => r.map(csvField).join(',')).join('\n')}\n`;
}
