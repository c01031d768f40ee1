import { describe, expect, it } from 'vitest';
import { castField, isCalendarDate } from '../../src/format/cast-field';

const missing = [''];

describe('castField', () => {
  it('reads integers and numbers as numbers, empty cells as null (never NaN, never 0)', () => {
    expect(castField('1037', { name: 'n', type: 'integer' }, missing)).toEqual({
      ok: true,
      value: 1037,
    });
    expect(castField('40.50', { name: 'p', type: 'number' }, missing)).toEqual({
      ok: true,
      value: 40.5,
    });
    expect(castField('', { name: 'n', type: 'integer' }, missing)).toEqual({
      ok: true,
      value: null,
    });
    expect(castField('', { name: 'p', type: 'number' }, missing)).toEqual({
      ok: true,
      value: null,
    });
  });

  it('refuses text, NaN, infinities and decimals where an integer is meant', () => {
    for (const text of ['forty', 'NaN', 'INF', '1e999', '40%', '1,037']) {
      expect(castField(text, { name: 'p', type: 'number' }, missing).ok, text).toBe(false);
    }
    expect(castField('10.5', { name: 'n', type: 'integer' }, missing)).toEqual({
      ok: false,
      expected: 'an integer',
    });
  });

  it('reads booleans by trueValues and falseValues', () => {
    const field = { name: 'is_net', type: 'boolean', trueValues: ['true'], falseValues: ['false'] };
    expect(castField('true', field, missing)).toEqual({ ok: true, value: true });
    expect(castField('false', field, missing)).toEqual({ ok: true, value: false });
    expect(castField('TRUE', field, missing).ok).toBe(false);
    expect(castField('1', { name: 'b', type: 'boolean' }, missing)).toEqual({
      ok: true,
      value: true,
    });
  });

  it('checks dates and keeps them as ISO strings', () => {
    expect(castField('2025-08-19', { name: 'd', type: 'date' }, missing)).toEqual({
      ok: true,
      value: '2025-08-19',
    });
    expect(castField('2025-02-30', { name: 'd', type: 'date' }, missing).ok).toBe(false);
    expect(castField('August 2025', { name: 'd', type: 'date' }, missing).ok).toBe(false);
    expect(isCalendarDate('2024-02-29')).toBe(true);
  });

  it('keeps strings as written and honours missingValues', () => {
    expect(castField(' a ', { name: 's' }, missing)).toEqual({ ok: true, value: ' a ' });
    expect(castField('NA', { name: 's' }, ['', 'NA'])).toEqual({ ok: true, value: null });
  });
});
