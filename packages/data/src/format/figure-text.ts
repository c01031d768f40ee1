// The figures of a results CSV as people type them — "40.5%", "40,5",
// "４０．５％", "1,037", "±3.1" — rewritten as the plain numbers the schema
// casts ("40.5", "1037", "3.1"). A cell that is not such a figure is left
// as written, so that validation names it as the user typed it. Internal.

/** A plain decimal number, as castField's `number` reads it (no exponent here). */
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/** Full-width forms to ASCII (NFKC: "４０．５％" → "40.5%"), the no-break spaces to spaces, trimmed. */
function plain(cell: string): string {
  return cell
    .normalize('NFKC')
    .replace(/[\u00a0\u202f]/g, ' ')
    .trim();
}

/** "40,5" → "40.5" when the file's decimal mark may be a comma. */
function decimalPoint(text: string, decimalComma: boolean): string {
  return decimalComma && /^[+-]?\d*,\d+$/.test(text) ? text.replace(',', '.') : text;
}

/**
 * A percentage cell as a plain number: `40.5`, `40.5%`, `40.5 %`, full-width
 * `４０．５％`, and `40,5` when `decimalComma` (a file whose separator is not a
 * comma). The printed decimals are kept ("40,50" → "40.50"); anything else
 * is returned as written.
 *
 * @example
 * percentCell('４０．５％', false); // => '40.5'
 * percentCell('40,50', true); // => '40.50'
 * percentCell('forty', false); // => 'forty'
 */
export function percentCell(cell: string, decimalComma: boolean): string {
  // Most cells are plain already: an archive of 200,000 rows reads each once.
  if (DECIMAL.test(cell)) return cell;
  const text = decimalPoint(plain(cell).replace(/\s*%$/, '').trim(), decimalComma);
  return DECIMAL.test(text) ? text : cell;
}

/**
 * A count cell (n, base_n) as a whole number: full-width digits, and
 * thousands separators between groups of three digits — a comma or a space,
 * and a point where the decimal mark is a comma ("1.037") — since a count
 * has no decimals. Anything else is returned as written.
 *
 * @example
 * countCell('1,037', false); // => '1037'
 * countCell('１０３７', false); // => '1037'
 */
export function countCell(cell: string, decimalComma: boolean): string {
  if (cell === '' || /^\d+$/.test(cell)) return cell;
  const text = plain(cell);
  const separators = decimalComma ? '[,. ]' : '[, ]';
  if (new RegExp(`^\\d{1,3}(?:${separators}\\d{3})+$`).test(text)) {
    const digits = text.replace(/[,. ]/g, '');
    return digits;
  }
  return /^\d+$/.test(text) ? text : cell;
}

/**
 * A published margin of error (percentage points) as a plain number: `3.1`,
 * `±3.1`, `+/-3.1`, `3.1%`, `3.1 points`, `3,1` when `decimalComma`.
 * Anything else is returned as written.
 *
 * @example
 * marginCell('±3.1', false); // => '3.1'
 * marginCell('３．１ポイント', false); // => '3.1'
 */
export function marginCell(cell: string, decimalComma: boolean): string {
  const text = decimalPoint(
    plain(cell)
      .replace(/^(?:±|\+\/-|\+-)\s*/, '')
      .replace(/\s*(?:%|percentage points?|points?|pts?\.?|ポイント|pt)$/i, '')
      .trim(),
    decimalComma,
  );
  return DECIMAL.test(text) ? text : cell;
}
