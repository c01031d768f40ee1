// Data is text, never instructions: a cell of the user's CSV cannot become a
// spreadsheet formula in results.csv, cannot clear or take over the terminal,
// and the HTML report runs no script (Content-Security-Policy).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csvField } from '@toplines/data';
import { describe, expect, it } from 'vitest';
import { terminalSafe, terminalSafeDeep, truncate } from '../src/format/text';
import { toplines } from './helpers';

const HEADER =
  'survey_id,question_id,group_dim,group_value,option,percent,qualifier,is_net,base_n,source_id,quote';

const CLEAR = '\u001b[2J\u001b[H';
const LINK = '\u001b]8;;https://evil.example/\u0007click me\u001b]8;;\u0007';

describe('csvField guards against formula injection (OWASP)', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+1+1', "'+1+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', '"\'\rx"'],
    ['=HYPERLINK("http://evil","x")', '"\'=HYPERLINK(""http://evil"",""x"")"'],
    ['a=b', 'a=b'],
    ['-5', '-5'],
    ['+0.5', '+0.5'],
  ])('%j → %j', (text, written) => {
    expect(csvField(text)).toBe(written);
  });

  it('writes numbers as numbers, negative ones too', () => {
    expect(csvField(-0.0123)).toBe('-0.0123');
    expect(csvField(-6)).toBe('-6');
    expect(csvField(false)).toBe('false');
    expect(csvField(null)).toBe('');
  });
});

describe('terminalSafe', () => {
  it('removes escape sequences and control characters, keeps tab, newline and text', () => {
    expect(terminalSafe(`yes${CLEAR}`)).toBe('yes');
    expect(terminalSafe(LINK)).toBe('click me');
    expect(terminalSafe('\u001b]8;;https://x\u001b\\ok\u001b]8;;\u001b\\')).toBe('ok');
    expect(terminalSafe('\u001b]0;window title\u0007x')).toBe('x');
    expect(terminalSafe('a\tb\nc\rd\u0007e\u0008f\u007fg')).toBe('a\tb\ncdefg');
    expect(terminalSafe('\u009b2Jx\u009d8;;u\u009cy\u0085z')).toBe('xyz');
    expect(terminalSafe('\u001bcreset')).toBe('reset');
    expect(terminalSafe('unterminated \u001b]8;;https://evil')).toBe('unterminated ');
    expect(terminalSafe('日本 – 40.5% ±3')).toBe('日本 – 40.5% ±3');
  });

  it('cleaned before truncation, a cut never leaves half a sequence', () => {
    const text = `abcdefgh${CLEAR}ijklmnop`;
    expect(truncate(terminalSafe(text), 10)).toBe('abcdefghi…');
    expect(truncate(terminalSafe(text), 10)).not.toContain('\u001b');
  });

  it('terminalSafeDeep cleans every string of plain data and copies it', () => {
    const data = { a: [`x${CLEAR}`, 1, null], b: { c: LINK, d: true } };
    expect(terminalSafeDeep(data)).toEqual({ a: ['x', 1, null], b: { c: 'click me', d: true } });
    expect(data.a[0]).toBe(`x${CLEAR}`);
  });
});

describe('a hostile CSV, end to end', { timeout: 60_000 }, () => {
  const root = mkdtempSync(join(tmpdir(), 'toplines-inject-'));
  const rows = [
    `evil,vote,total,total,"=HYPERLINK(""http://evil"",""x"")",40.5,exact,false,1037,src,40.5%`,
    `evil,vote,total,total,yes${CLEAR},34.5,exact,false,1037,src,34.5%`,
    `evil,vote,total,total,${LINK},20,exact,false,1037,src,20%`,
  ];
  writeFileSync(join(root, 'evil.csv'), `${HEADER}\n${rows.join('\n')}\n`);
  const run = toplines(['reanalyze', 'evil.csv', '--no-png', '--out', 'report'], {}, root);
  const colour = toplines(['reanalyze', 'evil.csv'], { FORCE_COLOR: '1' }, root);

  it('runs', () => {
    expect(run.code, run.stderr).toBe(0);
    expect(colour.code, colour.stderr).toBe(0);
  });

  it('prints no escape or control character from the data', () => {
    for (const out of [run.stdout, colour.stdout]) {
      expect(out).not.toContain('\u001b[2J');
      expect(out).not.toContain('\u001b]');
      expect(out).not.toContain('\u0007');
      expect(out).toContain('click me');
      expect(out).toContain('yes');
    }
    expect(run.stdout).not.toContain('\u001b');
  });

  it('results.csv and leads.csv hold no cell a spreadsheet would run', () => {
    for (const file of ['results.csv', 'leads.csv']) {
      const text = readFileSync(join(root, 'report', file), 'utf8');
      expect(text).toContain('"\'=HYPERLINK(""http://evil"",""x"")"');
      expect(text).not.toMatch(/(^|,)"?[=+@]/m);
    }
  });

  it('the HTML report carries a Content-Security-Policy with no script', () => {
    const html = readFileSync(join(root, 'report', 'index.html'), 'utf8');
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('script-src');
    expect(html).not.toContain('<script');
    expect(html).toContain('=HYPERLINK(&quot;http://evil&quot;');
  });
});
