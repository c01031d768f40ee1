// Numbers as the report prints them. Proportions in, text out.

import { formatCount } from '@toplines/core/internal';

/** True minus sign, so that a negative figure lines up with a positive one. */
const MINUS = '\u2212';

/**
 * A proportion as a percentage: 0.405 → "40.5%".
 *
 * @example
 * percent(0.405); // => '40.5%'
 * percent(0.405, 0); // => '41%'
 */
export function percent(p: number, decimals = 1): string {
  return `${fixed(100 * p, decimals)}%`;
}

/**
 * A proportion in percent units without the sign: 0.3755 → "37.6".
 *
 * @example
 * percentNumber(0.37552); // => '37.6'
 */
export function percentNumber(p: number, decimals = 1): string {
  return fixed(100 * p, decimals);
}

/**
 * A difference of proportions in percentage points, signed: 0.06 → "+6.0".
 *
 * @example
 * points(0.06); // => '+6.0'
 * points(-0.012); // => '−1.2'
 * points(0.0004); // => '0.0'
 */
export function points(d: number, decimals = 1): string {
  const text = fixed(100 * d, decimals);
  // (fixed leaves no "-0": a zero starts with "0".)
  if (text.charCodeAt(0) === 48 && /^0(\.0+)?$/.test(text)) return text;
  return text.charCodeAt(0) === 45 ? `${MINUS}${text.slice(1)}` : `+${text}`;
}

/**
 * A whole number with thousands separators: 1037 → "1,037".
 *
 * @example
 * count(1037); // => '1,037'
 */
export function count(n: number): string {
  // Whole numbers by core's formatCount (the same text, a tenth of Intl's time).
  return Number.isSafeInteger(n) ? formatCount(n) : COUNT_FORMAT.format(n);
}

/**
 * `n.toLocaleString('en-US', { maximumFractionDigits: 1 })`, made once:
 * toLocaleString with options builds a formatter on every call, which took a
 * sixth of the terminal report's time on a 200,000-figure archive (#18).
 */
const COUNT_FORMAT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/**
 * A p-value as a reader expects it: "p = 0.025", "p < 0.001".
 *
 * @example
 * pValue(0.02531); // => 'p = 0.025'
 * pValue(0.00001); // => 'p < 0.001'
 */
export function pValue(p: number): string {
  if (p < 0.001) return 'p < 0.001';
  if (p >= 0.995) return 'p = 1.00';
  return `p = ${p.toFixed(p < 0.1 ? 3 : 2)}`;
}

/**
 * A confidence level as a percentage: 0.95 → "95%".
 *
 * @example
 * levelText(0.9); // => '90%'
 */
export function levelText(level: number): string {
  return `${Number((100 * level).toFixed(4))}%`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Fieldwork dates, compactly: "19–21 Aug 2025", "30 Jul – 2 Aug 2025".
 *
 * @example
 * dateRange('2025-08-19', '2025-08-21'); // => '19–21 Aug 2025'
 * dateRange(null, null); // => null
 */
export function dateRange(start: string | null, end: string | null): string | null {
  const a = parseDate(start);
  const b = parseDate(end);
  if (a === null && b === null) return null;
  if (a === null || b === null) return format(a ?? (b as DateParts));
  if (a.year !== b.year) return `${format(a)} – ${format(b)}`;
  if (a.month !== b.month) return `${a.day} ${MONTHS[a.month - 1]} – ${format(b)}`;
  if (a.day === b.day) return format(a);
  return `${a.day}–${format(b)}`;
}

interface DateParts {
  year: number;
  month: number;
  day: number;
}

function parseDate(text: string | null): DateParts | null {
  if (text === null) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m === null) return null;
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

function format(d: DateParts): string {
  return `${d.day} ${MONTHS[d.month - 1]} ${d.year}`;
}

function fixed(x: number, decimals: number): string {
  const text = x.toFixed(decimals);
  // A negative zero ("-0.0") is printed as zero; only a text starting with "-" can be one.
  return text.charCodeAt(0) === 45 && /^-0(\.0+)?$/.test(text) ? text.slice(1) : text;
}
