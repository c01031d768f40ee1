// Archive scale (#18): the streamed --json is the document's text byte for
// byte, --ndjson's lines are the document's parts, and --out caps its charts.
// Not timed: `npm run bench:scale` measures the 200,000-row archive.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  load,
  parseResultsCsv,
  type Reanalysis,
  type ReanalyzeInput,
  reanalyze,
  reanalyzeSurveys,
  validate,
} from '@toplines/data';
import stringWidth from 'string-width';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateArchive } from '../bench/generate-archive.mjs';
import { displayWidth } from '../src/format/text';
import { jsonText, ndjsonText, sourceOf, toJson } from '../src/reanalyze/json';
import { BIN, FIXTURES, type Run, SUBPROCESS_TIMEOUT } from './helpers';

vi.setConfig({ testTimeout: SUBPROCESS_TIMEOUT });

const dir = mkdtempSync(join(tmpdir(), 'toplines-scale-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The command as a subprocess, as helpers' toplines() runs it, with room for outputs past 1 MB. */
function toplines(args: string[]): Run {
  const start = performance.now();
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: FIXTURES,
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '' },
    timeout: 120_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  return {
    code: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    ms: performance.now() - start,
  };
}

/** What `--json` printed before it streamed: the whole document at once. */
function whole(doc: Reanalysis): string {
  return `${JSON.stringify(toJson(doc), null, 2)}\n`;
}

/** The bundled data, and a generated archive of 2,000 rows (20 surveys × 20 questions × 5 options). */
const inputs: [string, () => ReanalyzeInput][] = [['the bundled data', () => load()]];
let archive = '';
beforeAll(async () => {
  archive = join(dir, 'archive.csv');
  await generateArchive(archive, 20, 20, 5);
});
inputs.push([
  'a generated 2,000-row archive',
  () => parseResultsCsv(readFileSync(archive, 'utf8'), { file: archive }),
]);

describe.each(inputs)('streaming %s', (_, read) => {
  it('--json is JSON.stringify of the document, in memory and through the temporary file', () => {
    const input = read();
    const warnings = 'resources' in input ? validate(input).warnings : [];
    const doc = reanalyze(input, { warnings });
    expect(doc.summary.figures).toBeGreaterThan(100);
    const expected = whole(doc);
    expect([...jsonText(reanalyzeSurveys(input, { warnings }))].join('')).toBe(expected);
    // Every survey through the file, read back 7 bytes at a time: characters cut across reads.
    const spooled = [...jsonText(reanalyzeSurveys(input, { warnings }), { inMemory: 0, chunk: 7 })];
    expect(spooled.join('')).toBe(expected);
  });

  it('--json through the file: no piece ends inside a character, whatever the size read back', () => {
    const input = read();
    const doc = reanalyze(input);
    // A title outside the Basic Multilingual Plane: surrogate pairs to be cut between reads.
    const surveys = doc.surveys.slice(0, 2).map((s) => ({ ...s, title: `😀𝄞 ${s.title} 𠀋` }));
    const expected = whole({ ...doc, surveys });
    for (const chunk of [4, 5, 6, 7, 8, 9, 1024]) {
      const pieces = [...jsonText({ ...sourceOf(doc), surveys }, { inMemory: 0, chunk })];
      // A piece with half a surrogate pair would not survive UTF-8 (it becomes U+FFFD).
      expect(pieces.every((p) => Buffer.from(p).toString() === p)).toBe(true);
      expect(pieces.join('')).toBe(expected);
    }
  });

  it('--ndjson: a header line, one line per survey, a summary line, each the document’s', () => {
    const input = read();
    const doc = reanalyze(input);
    const lines = [...ndjsonText(reanalyzeSurveys(input))];
    expect(lines.every((l) => l.endsWith('\n') && !l.slice(0, -1).includes('\n'))).toBe(true);
    const records = lines.map((l) => JSON.parse(l));
    expect(records).toHaveLength(doc.surveys.length + 2);
    const [header, ...rest] = records;
    const summary = rest.pop();
    const { schemaVersion, input: read_, options, warnings } = JSON.parse(whole(doc));
    expect(header).toEqual({
      record: 'header',
      schemaVersion,
      tool: toJson(doc)['tool'],
      input: read_,
      options,
      warnings,
    });
    expect(rest.map((r) => r.record)).toEqual(doc.surveys.map(() => 'survey'));
    expect(rest.map((r) => r.survey)).toEqual(JSON.parse(JSON.stringify(doc.surveys)));
    expect(summary).toEqual(
      JSON.parse(
        JSON.stringify({ record: 'summary', summary: doc.summary, acrossPolls: doc.acrossPolls }),
      ),
    );
  });
});

describe('the command', () => {
  it('--json of a generated archive is the document of reanalyze(), byte for byte', () => {
    const run = toplines(['reanalyze', archive, '--json']);
    expect(run.code).toBe(0);
    const pkg = parseResultsCsv(readFileSync(archive, 'utf8'), { file: archive });
    const doc = reanalyze(pkg);
    const printed = JSON.parse(run.stdout);
    expect(printed.surveys).toEqual(JSON.parse(JSON.stringify(doc.surveys)));
    expect(printed.summary).toEqual(doc.summary);
    // The text: the document as JSON.stringify writes it (input and warnings name the path as typed).
    expect(run.stdout).toBe(
      whole({ ...doc, input: printed.input, warnings: printed.warnings } as Reanalysis),
    );
  });

  it('prints each validation warning once', () => {
    const run = toplines(['reanalyze', archive]);
    expect(run.code).toBe(0);
    const lines = run.stderr.split('\n').filter((l) => l.startsWith('warning:'));
    expect(lines.length).toBeGreaterThan(0);
    expect(new Set(lines).size).toBe(lines.length);
  });

  it('--ndjson writes JSON lines; with --json it is a usage error', () => {
    const run = toplines(['reanalyze', archive, '--ndjson']);
    expect(run.code).toBe(0);
    const records = run.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(records.map((r) => r.record)).toEqual([
      'header',
      ...Array.from({ length: 20 }, () => 'survey'),
      'summary',
    ]);
    expect(toplines(['reanalyze', '--json', '--ndjson']).code).toBe(2);
  });

  it('--out caps the charts at --max-charts, warns, and still lists every question', () => {
    const out = join(dir, 'report');
    const run = toplines([
      'reanalyze',
      join(FIXTURES, 'my-package'),
      '--out',
      out,
      '--no-png',
      '--max-charts',
      '3',
    ]);
    expect(run.code).toBe(0);
    // Whole questions: the first has a share and a lead chart, the second's two would pass 3.
    expect(run.stderr).toContain(
      '4 charts is more than --max-charts 3: 2 drawn, the other 2 left out',
    );
    expect(run.stderr).toContain('run with --max-charts 4 to draw them all');
    expect(run.stderr).toMatch(/wrote .*index\.html \(2 charts, \d+ files\)\n$/);
    const charts = readdirSync(join(out, 'charts')).filter((f) => f.endsWith('.vl.json'));
    expect(charts).toHaveLength(2);
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    expect(html).toContain('run with --max-charts 4 to draw them all');
    const doc = JSON.parse(readFileSync(join(out, 'reanalysis.json'), 'utf8'));
    for (const s of doc.surveys) for (const q of s.questions) expect(html).toContain(q.questionId);
    expect(toplines(['reanalyze', '--max-charts', '3']).code).toBe(2);
    expect(toplines(['reanalyze', '--out', join(dir, 'x'), '--max-charts', '-1']).code).toBe(2);
  });
});

describe('the terminal report measures text as string-width does', () => {
  it('for every character of the Basic Multilingual Plane, alone, doubled and between letters', () => {
    const differ: string[] = [];
    for (let c = 0x20; c < 0x10000; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const ch = String.fromCharCode(c);
      for (const text of [ch, ch + ch, `a${ch}b`, `\u001b[1m${ch}\u001b[22m`])
        if (displayWidth(text) !== stringWidth(text)) differ.push(c.toString(16));
    }
    expect(differ).toEqual([]);
  });
});
