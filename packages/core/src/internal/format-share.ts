// How the sentences of explain and explainDesign print a share and a difference.

/**
 * A share as a percentage with one decimal: 0.405 → "40.5%".
 *
 * @example
 * pct(0.405); // => '40.5%'
 */
export function pct(p: number): string {
  return `${(100 * p).toFixed(1)}%`;
}

/**
 * A difference in percentage points with one decimal and a true minus sign
 * (never "−0.0"): 0.06 → "6.0", −0.013 → "−1.3".
 *
 * @example
 * pts(-0.013); // => '−1.3'
 */
export function pts(d: number): string {
  const text = (100 * d).toFixed(1);
  return text === '-0.0' ? '0.0' : text.replace('-', '−');
}
