import { num, type Row, str } from './input';

// Approximate advance widths of Inter, in em, by character class. Builders
// only need them to wrap long titles and labels before Vega sees them (Vega
// cannot wrap text); the render entry measures the real font.
const NARROW = new Set([..."ijlI.,:;'’|!()[]{}`ftr "]);
const WIDE = new Set([...'mwMW@%—']);

/** Estimated width in pixels of `text` set in Inter at `fontSize`. Internal. */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let em = 0;
  for (const ch of text) {
    if (NARROW.has(ch)) em += 0.3;
    else if (WIDE.has(ch)) em += 0.88;
    else if (ch >= 'A' && ch <= 'Z') em += 0.68;
    else if (ch >= '0' && ch <= '9') em += 0.6;
    else em += 0.56;
  }
  return em * fontSize * (bold ? 1.06 : 1);
}

/**
 * Splits `text` into lines no wider than `maxWidth` pixels (by whole words;
 * a word longer than a line gets a line of its own). Internal.
 */
export function wrap(text: string, maxWidth: number, fontSize: number, bold = false): string[] {
  // Split at ordinary spaces only: a no-break space (as in "n = 1,037") holds.
  const words = text.split(/[ \t\n]+/).filter((w) => w !== '');
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const next = line === '' ? word : `${line} ${word}`;
    if (line !== '' && textWidth(next, fontSize, bold) > maxWidth) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line !== '') lines.push(line);
  return lines.length > 0 ? lines : [''];
}

/** An integer with thousands separators: 1037 → "1,037". Internal. */
export function formatCount(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A proportion as a percent with `digits` decimals: 0.4051 → "40.5%". Internal. */
export function formatPercent(p: number, digits = 1): string {
  return `${(p * 100).toFixed(digits)}%`;
}

/** A difference of proportions in points with sign: 0.06 → "+6.0". Internal. */
export function formatPoints(d: number, digits = 1): string {
  const s = (d * 100).toFixed(digits);
  return d > 0 && !s.startsWith('-') ? `+${s}` : s.replace('-', '−');
}

/** A p-value for a tooltip: "0.012", or "< 0.001" below that. Internal. */
export function formatP(p: number): string {
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}

const QUALIFIER_MARK: Record<string, string> = { approx: '≈', 'more-than': '>', 'less-than': '<' };

/**
 * A result's figure as printed, with its qualifier: "40.5%", "31.0%" (the
 * printed text when the row has `percent_text`), "≈70%", ">80%". Internal.
 */
export function printedPercent(row: Row): string {
  const text = str(row['percent_text']);
  const percent = num(row['percent']);
  const estimate = num(row['estimate']);
  const figure =
    text ??
    (percent !== null
      ? String(percent)
      : estimate !== null
        ? String(+(estimate * 100).toFixed(1))
        : '?');
  const mark = QUALIFIER_MARK[str(row['qualifier']) ?? 'exact'] ?? '';
  return `${mark}${figure}%`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function parts(iso: string): [number, string, number] | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (m === null) return null;
  const month = MONTHS[Number(m[2]) - 1];
  if (month === undefined) return null;
  return [Number(m[1]), month, Number(m[3])];
}

/**
 * Fieldwork dates as a short range: "19–21 Aug 2025", "28 Jul – 3 Aug 2025",
 * "19 Aug 2025"; null when the start date is unknown. Internal.
 */
export function formatFieldwork(start: string | null, end: string | null): string | null {
  const a = start === null ? null : parts(start);
  if (a === null) return null;
  const b = end === null ? null : parts(end);
  if (b === null || (a[0] === b[0] && a[1] === b[1] && a[2] === b[2])) {
    return `${a[2]} ${a[1]} ${a[0]}`;
  }
  if (a[0] !== b[0]) return `${a[2]} ${a[1]} ${a[0]} – ${b[2]} ${b[1]} ${b[0]}`;
  if (a[1] !== b[1]) return `${a[2]} ${a[1]} – ${b[2]} ${b[1]} ${b[0]}`;
  return `${a[2]}–${b[2]}\u00a0${a[1]}\u00a0${a[0]}`;
}
