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

  it('wrap gives the lines of the word-by-word wrapping for any text', () => {
    // The word-by-word wrapping wrap() used for every text before its plain-text path (#18).
    const byWords = (text: string, width: number): string[] => {
      const lines: string[] = [];
      const w = Math.max(8, width);
      for (const paragraph of text.replace(/ = /g, '\u00a0=\u00a0').split('\n')) {
        let line = '';
        for (let word of paragraph.split(/ +/)) {
          while (displayWidth(word) > w) {
            if (line !== '') lines.push(line);
            line = '';
            const cut = truncate(word, w + 1).slice(0, -1);
            const head = displayWidth(cut) <= w ? cut : [...cut].slice(0, -1).join('');
            lines.push(head);
            word = word.slice(head.length);
          }
          if (line === '') line = word;
          else if (displayWidth(line) + 1 + displayWidth(word) <= w) line += ` ${word}`;
          else {
            lines.push(line);
            line = word;
          }
        }
        lines.push(line);
      }
      return lines.map((l) => l.replace(/\u00a0/g, ' '));
    };
    // Seeded texts of words, single and double spaces, " = ", no-break spaces, "±", wide letters.
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const pieces = [
      'a',
      'lead',
      'of',
      '6.0',
      'points,',
      'n',
      '=',
      '1,037',
      '±3.1',
      '—',
      'x'.repeat(12),
    ];
    const gaps = [' ', ' ', ' ', ' ', '  ', '\u00a0', ' = ', '\n', '日本'];
    for (let k = 0; k < 2000; k++) {
      // Half the texts plain (single spaces, " = ", no-break spaces), as most of a report is.
      const choices =
        k % 2 === 0 ? gaps.slice(0, 4).concat(gaps[5] as string, gaps[6] as string) : gaps;
      let text = k % 2 === 1 && next() < 0.1 ? ' ' : '';
      const words = Math.floor(next() * 30);
      for (let i = 0; i < words; i++) {
        text += pieces[Math.floor(next() * pieces.length)];
        if (i < words - 1 || next() < 0.1) text += choices[Math.floor(next() * choices.length)];
      }
      const width = 4 + Math.floor(next() * 40);
      expect(wrap(text, width), JSON.stringify([text, width])).toEqual(byWords(text, width));
    }
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
