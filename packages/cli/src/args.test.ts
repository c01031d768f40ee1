import { describe, expect, it } from 'vitest';
import { parseDeff, parseLevel, parseMethod, parseN, parseShare } from './args';
import { UsageError } from './errors';
import { useColor } from './io';

describe('parseShare', () => {
  it('reads proportions and percentages with their sign', () => {
    expect(parseShare('0.405', 'ci', 'P')).toEqual({
      value: 0.405,
      percentDecimals: 1,
      text: '0.405',
    });
    expect(parseShare('40.5%', 'ci', 'P')).toEqual({
      value: 0.405,
      percentDecimals: 1,
      text: '40.5%',
    });
    expect(parseShare('51.0%', 'ci', 'P').percentDecimals).toBe(1);
    expect(parseShare('41%', 'ci', 'P').percentDecimals).toBe(0);
    expect(parseShare('1', 'ci', 'P').value).toBe(1);
  });

  it('a bare number above 1 suggests the % form', () => {
    expect(() => parseShare('40.5', 'lead', 'P1')).toThrow(UsageError);
    expect(() => parseShare('40.5', 'lead', 'P1')).toThrow(
      'lead: P1 is 40.5, above 1: for a percentage write 40.5% (or the proportion 0.405)',
    );
  });

  it('rejects what is not a share', () => {
    expect(() => parseShare('forty', 'ci', 'P')).toThrow(
      'must be a share such as 0.405 or 40.5%, got "forty"',
    );
    expect(() => parseShare('140%', 'ci', 'P')).toThrow('from 0% to 100%');
    expect(() => parseShare(undefined, 'ci', 'P')).toThrow('ci requires P');
  });
});

describe('other arguments', () => {
  it('parseN accepts thousands separators and rejects 0', () => {
    expect(parseN('1,037', 'moe', '--n')).toBe(1037);
    expect(parseN('1037', 'moe', '--n')).toBe(1037);
    expect(() => parseN('0', 'moe', '--n')).toThrow('a whole number of at least 1, got "0"');
    expect(() => parseN('10.5', 'moe', '--n')).toThrow(UsageError);
    expect(() => parseN('1,03', 'moe', '--n')).toThrow(UsageError);
  });

  it('parseLevel reads 0.9, 90 and 90%', () => {
    expect(parseLevel(undefined, 'ci')).toBe(0.95);
    expect(parseLevel('0.9', 'ci')).toBe(0.9);
    expect(parseLevel('90', 'ci')).toBe(0.9);
    expect(parseLevel('99%', 'ci')).toBe(0.99);
    expect(() => parseLevel('2', 'ci')).toThrow(UsageError);
    expect(() => parseLevel('100', 'ci')).toThrow(UsageError);
  });

  it('parseDeff and parseMethod', () => {
    expect(parseDeff('1.8', 'ci')).toBe(1.8);
    expect(() => parseDeff('0', 'ci')).toThrow(UsageError);
    expect(parseMethod('exact', 'ci')).toBe('clopper-pearson');
    expect(parseMethod('Agresti_Coull', 'ci')).toBe('agresti-coull');
    expect(() => parseMethod('magic', 'ci')).toThrow('--method must be one of');
  });

  it('useColor: NO_COLOR, FORCE_COLOR, TTY', () => {
    expect(useColor({}, true)).toBe(true);
    expect(useColor({}, false)).toBe(false);
    expect(useColor({ NO_COLOR: '1' }, true)).toBe(false);
    expect(useColor({ NO_COLOR: '' }, true)).toBe(true);
    expect(useColor({ FORCE_COLOR: '1' }, false)).toBe(true);
    expect(useColor({ FORCE_COLOR: '1', NO_COLOR: '1' }, false)).toBe(false);
  });
});
