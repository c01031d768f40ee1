import { describe, expect, it } from 'vitest';
import {
  formatCount,
  formatFieldwork,
  formatPoints,
  printedPercent,
  textWidth,
  wrap,
} from './text';

describe('text helpers', () => {
  it('wraps by words within a width', () => {
    const lines = wrap(
      'strain on social infrastructure such as healthcare, education, and welfare',
      210,
      11,
    );
    expect(lines.length).toBe(2);
    for (const line of lines) expect(textWidth(line, 11)).toBeLessThanOrEqual(210);
    expect(wrap('n\u00a0=\u00a01,037', 10, 11)).toEqual(['n\u00a0=\u00a01,037']);
  });

  it('formats counts, points and fieldwork dates', () => {
    expect(formatCount(1037)).toBe('1,037');
    expect(formatPoints(0.06)).toBe('+6.0');
    expect(formatPoints(-0.021)).toBe('−2.1');
    expect(formatFieldwork('2025-08-19', '2025-08-21')).toBe('19–21\u00a0Aug\u00a02025');
    expect(formatFieldwork('2025-07-28', '2025-08-03')).toBe('28 Jul – 3 Aug 2025');
    expect(formatFieldwork(null, null)).toBeNull();
  });

  it('prints a figure as the source did, with its qualifier', () => {
    expect(printedPercent({ percent: 31, percent_text: '31.0' })).toBe('31.0%');
    expect(printedPercent({ percent: 70, qualifier: 'approx' })).toBe('≈70%');
    expect(printedPercent({ percent: 80, qualifier: 'more-than' })).toBe('>80%');
  });
});
