import { describe, expect, it } from 'vitest';
import { count, dateRange, levelText, percent, percentNumber, points, pValue } from './number';

describe('number formatting', () => {
  it('percent and percentNumber', () => {
    expect(percent(0.405)).toBe('40.5%');
    expect(percent(0.405, 0)).toBe('41%');
    expect(percentNumber(0.37552621249703577)).toBe('37.6');
    expect(percentNumber(-0.0001)).toBe('0.0');
  });

  it('points: signed, with a true minus, no negative zero', () => {
    expect(points(0.06)).toBe('+6.0');
    expect(points(-0.012)).toBe('−1.2');
    expect(points(0.0004)).toBe('0.0');
    expect(points(-0.0004)).toBe('0.0');
  });

  it('count', () => {
    expect(count(1037)).toBe('1,037');
    expect(count(10855)).toBe('10,855');
  });

  it('pValue', () => {
    expect(pValue(0.02531)).toBe('p = 0.025');
    expect(pValue(0.2634)).toBe('p = 0.26');
    expect(pValue(0.0004)).toBe('p < 0.001');
    expect(pValue(0.999)).toBe('p = 1.00');
  });

  it('levelText', () => {
    expect(levelText(0.95)).toBe('95%');
    expect(levelText(0.995)).toBe('99.5%');
  });

  it('dateRange', () => {
    expect(dateRange('2025-08-19', '2025-08-21')).toBe('19–21 Aug 2025');
    expect(dateRange('2025-07-30', '2025-08-02')).toBe('30 Jul – 2 Aug 2025');
    expect(dateRange('2024-12-30', '2025-01-02')).toBe('30 Dec 2024 – 2 Jan 2025');
    expect(dateRange('2025-08-19', '2025-08-19')).toBe('19 Aug 2025');
    expect(dateRange(null, '2025-08-19')).toBe('19 Aug 2025');
    expect(dateRange(null, null)).toBeNull();
  });
});
