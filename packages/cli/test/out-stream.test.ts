// --out at archive size (#18): results.csv, leads.csv and reanalysis.json are
// streamed to their files, and come out byte for byte as the whole strings the
// report wrote before (JSON.stringify of the document; the CSVs whole), across
// the pieces' boundaries (4,096 rows); the CSV writer takes 200,000 rows;
// index.html lists at most --max-questions questions and says so.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  load,
  parseResultsCsv,
  type QuestionResult,
  type Reanalysis,
  reanalyze,
} from '@toplines/data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateArchive } from '../bench/generate-archive.mjs';
import { leadsCsv, resultsCsv, resultsCsvText, UTF8_BOM } from '../src/reanalyze/csv';
import { toJson } from '../src/reanalyze/json';
import { writeReport } from '../src/reanalyze/write-report';
import { BIN, ioAt } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'toplines-out-stream-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('--out on a generated 5,000-row archive', () => {
  let doc: Reanalysis;
  beforeAll(async () => {
    const archive = join(dir, 'archive.csv');
    // 50 surveys × 20 questions × 5 options: 5,000 figures and 10,000 leads, past a piece's 4,096 rows.
    await generateArchive(archive, 50, 20, 5);
    doc = reanalyze(parseResultsCsv(readFileSync(archive, 'utf8'), { file: archive }));
  });

  it('writes the files the whole strings made, byte for byte', async () => {
    expect(doc.summary.figures).toBe(5000);
    await writeReport(doc, load(), 'report', ioAt(dir), { png: false, maxCharts: 0 });
    const read = (name: string) => readFileSync(join(dir, 'report', name), 'utf8');
    // What write-report.ts wrote before it streamed: JSON.stringify of the whole document.
    expect(read('reanalysis.json')).toBe(`${JSON.stringify(toJson(doc), null, 2)}\n`);
    const results = read('results.csv');
    expect(results).toBe(resultsCsv(doc));
    expect(results.split('\n')).toHaveLength(doc.summary.figures + 2);
    expect(results.endsWith('\n') && !results.includes('\n\n')).toBe(true);
    const leads = read('leads.csv');
    expect(leads).toBe(leadsCsv(doc));
    expect(leads.split('\n')).toHaveLength(doc.summary.leads + 2);
  }, 60_000);

  it('with --bom, the byte-order mark once, first', async () => {
    await writeReport(doc, load(), 'bom', ioAt(dir), { png: false, maxCharts: 0, bom: true });
    const results = readFileSync(join(dir, 'bom', 'results.csv'), 'utf8');
    expect(results).toBe(UTF8_BOM + resultsCsv(doc));
  }, 60_000);
});

describe('--out --max-questions', () => {
  it('caps the questions index.html lists, says so there and on stderr, and keeps them all in the files', async () => {
    const archive = join(dir, 'small.csv');
    await generateArchive(archive, 10, 20, 5);
    const out = join(dir, 'capped');
    const run = spawnSync(
      process.execPath,
      [
        BIN,
        'reanalyze',
        archive,
        '--out',
        out,
        '--no-png',
        '--max-charts',
        '4',
        '--max-questions',
        '30',
      ],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    expect(run.status).toBe(0);
    const note =
      '200 questions is more than --max-questions 30: index.html lists the first 30, in report order, ' +
      'and leaves out the other 170 (a page of every one would be too large to open); results.csv, ' +
      'leads.csv and reanalysis.json hold them all; run with --max-questions 200 to list them all';
    expect(run.stderr).toContain(`warning: ${note}\n`);
    expect(run.stderr).toContain('(of the questions the report lists); run with --max-charts 60');
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    expect(html).toContain(note);
    expect(html.match(/<article class="question"/g)).toHaveLength(30);
    const doc = JSON.parse(readFileSync(join(out, 'reanalysis.json'), 'utf8'));
    expect(doc.summary.questions).toBe(200);
    const results = readFileSync(join(out, 'results.csv'), 'utf8');
    expect(results.trim().split('\n')).toHaveLength(1001);
    const without = spawnSync(process.execPath, [
      BIN,
      'reanalyze',
      archive,
      '--max-questions',
      '3',
    ]);
    expect(without.status).toBe(2);
    const bad = spawnSync(process.execPath, [
      BIN,
      'reanalyze',
      archive,
      '--out',
      join(dir, 'x'),
      '--max-questions',
      'x',
    ]);
    expect(bad.status).toBe(2);
  }, 60_000);
});

describe('the CSV writer', () => {
  it('takes 200,000 rows without overflowing the stack', () => {
    const bundled = reanalyze(load());
    const survey = bundled.surveys[0] as Reanalysis['surveys'][number];
    const q = survey.questions[0] as QuestionResult;
    const option = q.options[0] as QuestionResult['options'][number];
    // 400 surveys × 100 questions × 5 options, as the bench's archive.
    const question: QuestionResult = { ...q, options: Array.from({ length: 5 }, () => option) };
    const surveys = Array.from({ length: 400 }, () => ({
      ...survey,
      questions: Array.from({ length: 100 }, () => question),
    }));
    const big: Reanalysis = { ...bundled, surveys };
    let lines = 0;
    let longest = 0;
    for (const piece of resultsCsvText(big)) {
      for (let i = piece.indexOf('\n'); i !== -1; i = piece.indexOf('\n', i + 1)) lines++;
      longest = Math.max(longest, piece.length);
    }
    expect(lines).toBe(200_001);
    // Pieces of a few thousand rows, never the file as one string.
    expect(longest).toBeLessThan(4 * 1024 * 1024);
  }, 60_000);
});
