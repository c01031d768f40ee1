import { describe, expect, it } from 'vitest';
import { displayWidth } from './format/text';
import { type Io, usableColumns } from './io';
import { main } from './main';

function memoryIo(overrides: Partial<Io> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = {
    out: (text) => {
      out.push(text);
    },
    err: (text) => {
      err.push(text);
    },
    env: {},
    stdoutIsTTY: true,
    stderrIsTTY: true,
    cwd: '.',
    ...overrides,
  };
  return { io, out, err };
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching ANSI escapes is the point
const hasAnsi = (text: string) => /\u001b\[/.test(text);

describe('terminal conventions', () => {
  it('usableColumns: a width of 0 (or none) is unknown', () => {
    expect(usableColumns(120)).toBe(120);
    expect(usableColumns(0)).toBeUndefined();
    expect(usableColumns(undefined)).toBeUndefined();
    expect(usableColumns(Number.NaN)).toBeUndefined();
  });

  it('--no-color turns colour off as NO_COLOR does, before `--` only', async () => {
    const coloured = memoryIo({ env: { FORCE_COLOR: '1' } });
    expect(await main(['moe', '--n', '0'], coloured.io)).toBe(2);
    expect(hasAnsi(coloured.err.join(''))).toBe(true);

    const plain = memoryIo({ env: { FORCE_COLOR: '1' } });
    expect(await main(['moe', '--no-color', '--n', '0'], plain.io)).toBe(2);
    expect(hasAnsi(plain.err.join(''))).toBe(false);
    expect(plain.err.join('')).not.toContain('--no-color');

    const first = memoryIo({ env: { FORCE_COLOR: '1' } });
    expect(await main(['--no-color', 'moe', '--n', '1037'], first.io)).toBe(0);
    expect(first.out.join('')).toContain('±3.0 points');
  });

  it('a terminal of 0 columns gets lines of at most 100 columns, not 1', async () => {
    const { io, out } = memoryIo({ columns: 0 });
    expect(await main(['lead', '40.5%', '34.5%', '--n', '1037'], io)).toBe(0);
    const lines = out.join('').trimEnd().split('\n');
    expect(Math.max(...lines.map(displayWidth))).toBeGreaterThan(40);
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(100);
  });
});
