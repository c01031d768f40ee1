// `toplines reanalyze --jobs N` (worker threads, only in the built dist/, so
// run as a subprocess): every output is byte for byte what one thread
// writes, the threads really run, bad values of --jobs are usage errors,
// control characters stay out of the report, and each figure keeps its row.
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { load, reanalyze } from '@toplines/data';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateArchive } from '../bench/generate-archive.mjs';
import { WORKER_KIND } from '../src/reanalyze/worker';
import { BIN, hasStack, type Run } from './helpers';

// Each test runs the command several times; a loaded two-core machine takes seconds a run.
vi.setConfig({ testTimeout: 180_000 });

const dir = mkdtempSync(join(tmpdir(), 'toplines-parallel-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Loaded with `--require` in the command's process and, as worker threads
 * inherit the process's execArgv, in each of its threads: a reanalysis
 * thread (started with WORKER_KIND as its data) adds a line to the file
 * named by TOPLINES_TEST_THREADS. It writes nothing to stdout or stderr.
 */
const PRELOAD = join(dir, 'count-threads.cjs');
writeFileSync(
  PRELOAD,
  `const wt = require('node:worker_threads');
if (!wt.isMainThread && wt.workerData === ${JSON.stringify(WORKER_KIND)} && process.env.TOPLINES_TEST_THREADS)
  require('node:fs').appendFileSync(process.env.TOPLINES_TEST_THREADS, wt.threadId + '\\n');
`,
);

let runs = 0;

/** A run of the command, and how many reanalysis threads it started. */
interface ThreadedRun extends Run {
  threads: number;
}

/**
 * `node bin/toplines.js …args` in the temporary folder, never through a
 * shell, with an environment as helpers' toplines() gives (no TTY, no
 * colour), room for outputs past 1 MB, and its reanalysis threads counted.
 */
function toplines(args: string[]): ThreadedRun {
  const mark = join(dir, `threads-${++runs}.txt`);
  const start = performance.now();
  const result = spawnSync(process.execPath, ['--require', PRELOAD, BIN, ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? '',
      TOPLINES_TEST_THREADS: mark,
    },
    timeout: 120_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  const threads = existsSync(mark) ? readFileSync(mark, 'utf8').trim().split('\n').length : 0;
  return {
    code: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    ms: performance.now() - start,
    threads,
  };
}

/** Where two texts first differ, with some context, or null when they are the same. */
function firstDifference(a: string, b: string): string | null {
  if (a === b) return null;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return `at ${i} of ${a.length} / ${b.length}: ${JSON.stringify(a.slice(Math.max(0, i - 80), i + 80))} vs ${JSON.stringify(b.slice(Math.max(0, i - 80), i + 80))}`;
}

/** Expects `run` to be `one` (the one-thread run) byte for byte, and to have run in `jobs` threads. */
function expectSame(run: ThreadedRun, one: ThreadedRun, jobs: number): void {
  expect(one.code).toBe(0);
  expect(one.threads).toBe(0);
  expect(one.stdout.length).toBeGreaterThan(0);
  expect(run.code).toBe(0);
  expect(run.threads).toBe(jobs);
  expect(firstDifference(run.stdout, one.stdout)).toBeNull();
  expect(firstDifference(run.stderr, one.stderr)).toBeNull();
}

/** The CSV's data rows (1-based, as the document's `row`), each cut into its cells (no cell is quoted). */
function csvRows(path: string): string[][] {
  const [, ...lines] = readFileSync(path, 'utf8').trimEnd().split('\n');
  return lines.map((l) => l.split(','));
}

/** Every file under `root`, by its path relative to it, with its bytes. */
function filesUnder(root: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (at: string) => {
    for (const name of readdirSync(at).sort()) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(relative(root, path), readFileSync(path));
    }
  };
  walk(root);
  return files;
}

/** 24 surveys × 10 questions × 5 options (1,200 rows), surveys one after another. */
let archive = '';
/** The same rows ordered question by question: each survey's rows scattered through the file. */
let interleaved = '';
/** 4 surveys × 3 questions × 3 options, for --out and the control characters. */
let small = '';
/** `small` with control sequences in some option cells. */
let hostile = '';

beforeAll(async () => {
  archive = join(dir, 'archive.csv');
  expect(await generateArchive(archive, 24, 10, 5)).toBe(1200);
  const [header, ...lines] = readFileSync(archive, 'utf8').trimEnd().split('\n');
  const place = (line: string) => {
    const [s, q] = line.split(',');
    return { s: Number(s?.slice(1)), q: Number(q?.slice(1)) };
  };
  const ordered = lines
    .map((line, i) => ({ line, i, ...place(line) }))
    .sort((a, b) => a.q - b.q || a.s - b.s || a.i - b.i)
    .map((r) => r.line);
  interleaved = join(dir, 'interleaved.csv');
  writeFileSync(interleaved, `${[header, ...ordered].join('\n')}\n`);

  small = join(dir, 'small.csv');
  expect(await generateArchive(small, 4, 3, 3)).toBe(36);
  const rows = readFileSync(small, 'utf8').split('\n');
  // Option cells only: no comma, quote or line break, so the CSV stays valid unquoted.
  const cell = (line: number, text: string) => {
    rows[line] = (rows[line] as string).replace(/,option (\d),/, `,${text} $1,`);
  };
  cell(1, 'clear\u001b[2J');
  cell(2, '\u001b]8;;https://example.invalid/\u0007link\u001b]8;;\u0007');
  cell(14, 'red\u001b[31m');
  cell(35, 'osc\u001b]8;;https://example.invalid/\u001b\\text\u001b]8;;\u001b\\');
  hostile = join(dir, 'hostile.csv');
  writeFileSync(hostile, rows.join('\n'));
});

const FORMATS: [string, string[]][] = [
  ['the terminal report', []],
  ['--json', ['--json']],
  ['--ndjson', ['--ndjson']],
];

describe.each(FORMATS)('%s of a generated archive', (_, flags) => {
  it('with --jobs 2 and --jobs 3 is what --jobs 1 writes, byte for byte, stderr too', () => {
    const one = toplines(['reanalyze', archive, ...flags, '--jobs', '1']);
    expect(one.stderr).toContain('warning:');
    for (const jobs of [2, 3])
      expectSame(toplines(['reanalyze', archive, ...flags, '--jobs', String(jobs)]), one, jobs);
  });
});

describe('the bundled data (surveys and questions tables: across-polls comparisons)', () => {
  const doc = reanalyze(load());

  it('--json --jobs 2 is --json --jobs 1 byte for byte, with the engine’s summary', () => {
    const one = toplines(['reanalyze', '--json', '--jobs', '1']);
    const two = toplines(['reanalyze', '--json', '--jobs', '2']);
    expectSame(two, one, 2);
    const printed = JSON.parse(two.stdout);
    expect(doc.acrossPolls.length).toBeGreaterThan(0);
    expect(printed.summary).toEqual(doc.summary);
    expect(printed.surveys.map((s: { surveyId: string }) => s.surveyId)).toEqual(
      doc.surveys.map((s) => s.surveyId),
    );
    expect(printed.acrossPolls).toEqual(JSON.parse(JSON.stringify(doc.acrossPolls)));
  });

  it.each(FORMATS.filter(([, flags]) => flags[0] !== '--json'))(
    '%s with --jobs 2 is what --jobs 1 writes',
    (_, flags) => {
      const one = toplines(['reanalyze', ...flags, '--jobs', '1']);
      expectSame(toplines(['reanalyze', ...flags, '--jobs', '2']), one, 2);
    },
  );

  it('--survey ID --survey ID2 --json --jobs 2 is --jobs 1, and the engine’s surveys and comparisons', () => {
    // Two surveys that one across-polls comparison reads, taken from the end first.
    const polls = doc.acrossPolls[0]?.polls.map((p) => p.surveyId) ?? [];
    const ids = [...new Set(polls)].slice(0, 2).reverse();
    expect(ids).toHaveLength(2);
    const args = ['reanalyze', '--json', '--survey', ids[0] ?? '', '--survey', ids[1] ?? ''];
    const one = toplines([...args, '--jobs', '1']);
    const two = toplines([...args, '--jobs', '2']);
    expectSame(two, one, 2);
    const some = reanalyze(load(), { surveys: ids });
    const printed = JSON.parse(two.stdout);
    expect(printed.surveys).toEqual(JSON.parse(JSON.stringify(some.surveys)));
    expect(printed.summary).toEqual(some.summary);
    expect(printed.acrossPolls.length).toBeGreaterThan(0);
    expect(printed.acrossPolls).toEqual(JSON.parse(JSON.stringify(some.acrossPolls)));
  });
});

describe('--survey on a generated archive', () => {
  it.each(FORMATS)('%s: --survey ID --survey ID2 --jobs 2 is --jobs 1', (_, flags) => {
    const args = ['reanalyze', archive, ...flags, '--survey', 's17', '--survey', 's3'];
    const one = toplines([...args, '--jobs', '1']);
    const two = toplines([...args, '--jobs', '2']);
    expectSame(two, one, 2);
    if (flags[0] === '--json')
      expect(JSON.parse(two.stdout).surveys.map((s: { surveyId: string }) => s.surveyId)).toEqual([
        's3',
        's17',
      ]);
  });
});

describe('control characters in the data', () => {
  it('are removed from the report its threads write, as from one thread’s', () => {
    expect(readFileSync(hostile, 'utf8')).toContain('\u001b[2J');
    expect(readFileSync(hostile, 'utf8')).toContain('\u001b]8;;');
    const one = toplines(['reanalyze', hostile, '--jobs', '1']);
    const two = toplines(['reanalyze', hostile, '--jobs', '2']);
    expectSame(two, one, 2);
    expect(two.stdout).not.toContain('\u001b');
    expect(two.stdout).not.toContain('\u0007');
    expect(two.stderr).not.toContain('\u001b');
    // The cells' text is still there, without its control sequences.
    expect(two.stdout).toContain('link');
    expect(two.stdout).toContain('clear');
  });

  it('stay in --json and --ndjson as JSON escapes, the same with threads', () => {
    for (const flag of ['--json', '--ndjson']) {
      const one = toplines(['reanalyze', hostile, flag, '--jobs', '1']);
      const two = toplines(['reanalyze', hostile, flag, '--jobs', '2']);
      expectSame(two, one, 2);
      expect(two.stdout).not.toContain('\u001b');
      expect(two.stdout).toContain('\\u001b[2J');
    }
  });
});

describe('--jobs values', () => {
  it.each(['0', '-1', '1.5', 'abc', '65', ''])('--jobs %j is a usage error', (value) => {
    const run = toplines(['reanalyze', '--jobs', value]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('--jobs');
    expect(run.stderr).toContain(`"${value}"`);
    expect(hasStack(run.stderr)).toBe(false);
    expect(run.threads).toBe(0);
  });

  it('--jobs 8, more threads than surveys: the output is one thread’s', () => {
    const one = toplines(['reanalyze', small, '--ndjson', '--jobs', '1']);
    const run = toplines(['reanalyze', small, '--ndjson', '--jobs', '8']);
    // Each of the 4 surveys is a shard of its own, and each shard's thread
    // has started; a thread with no shard may be stopped before it starts.
    const { threads } = run;
    expect(threads).toBeGreaterThanOrEqual(4);
    expect(threads).toBeLessThanOrEqual(8);
    expectSame({ ...run, threads: 8 }, one, 8);
  });

  it('--jobs 64 (the most) is accepted; one survey is analysed in this thread', () => {
    const args = ['reanalyze', small, '--json', '--survey', 's2'];
    const one = toplines([...args, '--jobs', '1']);
    const run = toplines([...args, '--jobs', '64']);
    expectSame(run, one, 0);
  });
});

describe('--jobs 2 --out DIR', () => {
  it('writes the report in one thread: index.html, and every file as --jobs 1 writes it', () => {
    const two = join(dir, 'out-2');
    const one = join(dir, 'out-1');
    const run = toplines(['reanalyze', small, '--jobs', '2', '--out', two]);
    expect(run.code).toBe(0);
    expect(run.threads).toBe(0);
    expect(existsSync(join(two, 'index.html'))).toBe(true);
    expect(run.stderr).toMatch(/wrote .*index\.html/);
    const alone = toplines(['reanalyze', small, '--jobs', '1', '--out', one]);
    expect(alone.code).toBe(0);
    expect(firstDifference(run.stdout, alone.stdout)).toBeNull();
    const a = filesUnder(two);
    const b = filesUnder(one);
    expect([...a.keys()]).toEqual([...b.keys()]);
    expect(a.size).toBeGreaterThan(3);
    for (const [name, bytes] of a) expect(bytes.equals(b.get(name) as Buffer), name).toBe(true);
  });
});

describe('rows keep their place in threads', () => {
  interface Option {
    option: string;
    percentText: string;
    row: number;
  }
  interface SurveyRecord {
    record: string;
    survey: { surveyId: string; questions: { questionId: string; options: Option[] }[] };
  }

  it.each([
    ['surveys one after another', () => archive],
    ['surveys scattered through the file', () => interleaved],
  ])('--ndjson --jobs 2, %s: every option’s row is its data row in the CSV', (_, file) => {
    const path = file();
    const rows = csvRows(path);
    const run = toplines(['reanalyze', path, '--ndjson', '--jobs', '2']);
    expect(run.code).toBe(0);
    expect(run.threads).toBe(2);
    const records = run.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as SurveyRecord)
      .filter((r) => r.record === 'survey');
    expect(records).toHaveLength(24);
    const seen: number[] = [];
    for (const { survey } of records)
      for (const question of survey.questions)
        for (const option of question.options) {
          seen.push(option.row);
          const cells = rows[option.row - 1];
          expect(cells?.slice(0, 2), `row ${option.row}`).toEqual([
            survey.surveyId,
            question.questionId,
          ]);
          expect(cells?.[4]).toBe(option.option);
          expect(cells?.[5]).toBe(option.percentText);
        }
    // Rows 1..N, each once.
    expect([...seen].sort((a, b) => a - b)).toEqual(
      Array.from({ length: rows.length }, (_, i) => i + 1),
    );
    expect(run.stdout).toBe(toplines(['reanalyze', path, '--ndjson', '--jobs', '1']).stdout);
  });
});
