// Which character separates the cells of a CSV: a comma, a semicolon (Excel
// in locales whose decimal mark is a comma) or a tab (a spreadsheet's
// "text" export, or cells pasted from one). Written here: the rule is one
// count over the header row, and the libraries that sniff (Papa Parse,
// Python's csv.Sniffer) bring a second CSV reader for it. Internal.

/** The separators tried, in the order that breaks a tie. */
const SEPARATORS = [',', ';', '\t'] as const;

/**
 * The separator of a CSV text: the candidate found most often in its
 * header row outside quoted cells (a header names its columns once each, so
 * the separator is what splits it into the most cells); a comma when the
 * header has none of them (one column) or on a tie.
 *
 * @example
 * sniffDelimiter('question;option;percent\nq;"a, b";40,5\n'); // => ';'
 * sniffDelimiter('question,option,percent\n'); // => ','
 */
export function sniffDelimiter(text: string): ',' | ';' | '\t' {
  const counts = new Map<string, number>(SEPARATORS.map((s) => [s, 0]));
  let quoted = false;
  let started = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) {
      // blank lines before the header are skipped, as parseCsv skips them
      if (started) break;
    } else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) as number) + 1);
    if (ch !== '\n' && ch !== '\r' && ch !== '\ufeff') started = true;
  }
  let best: ',' | ';' | '\t' = ',';
  for (const s of SEPARATORS)
    if ((counts.get(s) as number) > (counts.get(best) as number)) best = s;
  return best;
}
