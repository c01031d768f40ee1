// One CSV writer for the draft's files, with the field rule (quoting, the
// formula-injection guard) every CSV of this project is written by:
// @toplines/data's csvField.
import { type CsvCell, csvField } from '@toplines/data';

/** A cell of a written CSV. */
export type Cell = CsvCell;

/** A CSV text: the header and the rows, `\n` after each line. */
export function csvText(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return `${[header, ...rows].map((r) => r.map(csvField).join(',')).join('\n')}\n`;
}
