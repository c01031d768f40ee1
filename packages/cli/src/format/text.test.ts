import { describe, expect, it } from 'vitest';
import { displayWidth, indentWrap, makeStyle, pad, stripAnsi, truncate, wrap } from './text';

describe('text layout', () => {
  it('displayWidth ignores ANSI and counts wide characters twice', () => {
    expect(displayWidth('40.5%')).toBe(5);
    expect(displayWidth('\u001b[1mbold\u001b[22m')).toBe(4);
    expect(displayWidth('日本')).toBe(4);
    expect(displayWidth('–—±✔')).toBe(4);
  });

  it('pad', () => {
    expect(pad('40.5%', 7, 'right')).toBe('  40.5%');
    expect(pad('日本', 6)).toBe('日本  ');
  });

  it('wrap keeps lines within the width and "n = 1,037" together', () => {
    expect(wrap('a lead of 6.0 points', 10)).toEqual(['a lead of', '6.0 points']);
    expect(wrap('the sample of n = 1,037 adults', 16)).toEqual([
      'the sample of',
      'n = 1,037 adults',
    ]);
    for (const line of wrap('x'.repeat(30), 10)) expect(displayWidth(line)).toBeLessThanOrEqual(10);
    expect(wrap('one\ntwo', 20)).toEqual(['one', 'two']);
  });

  it('indentWrap', () => {
    expect(indentWrap('one two three', 2, 10)).toEqual(['  one two', '  three']);
  });

  it('truncate', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 4)).toBe('abc');
  });

  it('makeStyle: colour on, or plain text', () => {
    expect(makeStyle(false).bold('n')).toBe('n');
    expect(makeStyle(true).bold('n')).toBe('\u001b[1mn\u001b[22m');
    expect(stripAnsi(makeStyle(true).red('x'))).toBe('x');
  });
});
