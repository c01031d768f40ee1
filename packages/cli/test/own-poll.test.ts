// #14: your own poll as it comes — a four-column CSV, an Excel file in
// Shift_JIS, a semicolon file with decimal commas, UTF-16 text, standard
// input — reanalysed by the built command, with the numbers it prints; and
// every file it cannot read answered with a message and exit 1, naming the
// encoding. The encoded files are @toplines/data's fixtures, written by
// packages/data/test/fixtures/encodings/make-encodings.py (Python's codecs).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import {
  BIN,
  FIXTURES,
  hasStack,
  PACKAGE,
  type Run,
  SUBPROCESS_TIMEOUT,
  toplines,
} from './helpers';

vi.setConfig({ testTimeout: SUBPROCESS_TIMEOUT });

const ENCODINGS = join(PACKAGE, '..', 'data', 'test', 'fixtures', 'encodings');
const dir = mkdtempSync(join(tmpdir(), 'toplines-own-poll-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FOUR_COLUMNS = 'question,option,percent,n\nvote,Party A,40.5,1037\nvote,Party B,34.5,1037\n';

/** Runs the built command with `input` on its standard input (a pipe), in the test folder. */
function withStdin(args: string[], input: string | Buffer): Run {
  const start = performance.now();
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: dir,
    input,
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '' },
    timeout: 120_000,
  });
  return {
    code: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    ms: performance.now() - start,
  };
}

interface Doc {
  warnings: { code: string; message: string }[];
  surveys: {
    surveyId: string;
    n: number | null;
    moeReported: number | null;
    questions: {
      questionId: string;
      sourceId: string | null;
      options: {
        option: string;
        percent: number;
        percentText: string;
        qualifier: string;
        n: number | null;
        lower: number | null;
        upper: number | null;
      }[];
    }[];
  }[];
}

function json(run: Run): Doc {
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as Doc;
}

/** 40.5% of 1,037, Wilson 95%: the interval every 1,037-respondent file below must print. */
function expectApiInterval(
  option: Doc['surveys'][number]['questions'][number]['options'][number] | undefined,
) {
  expect(option?.percentText).toBe('40.5');
  expect(option?.n).toBe(1037);
  expect(option?.lower).toBeCloseTo(0.37553, 5);
  expect(option?.upper).toBeCloseTo(0.43518, 5);
}

/** A handled refusal: exit 1, a message, no stack trace, nothing on stdout. */
function expectRefused(run: Run, message: RegExp | string) {
  expect(run.code, run.stderr).toBe(1);
  expect(hasStack(run.stderr)).toBe(false);
  expect(run.stdout).toBe('');
  if (typeof message === 'string') expect(run.stderr).toContain(message);
  else expect(run.stderr).toMatch(message);
}

describe('a four-column CSV is enough', () => {
  it('question,option,percent,n: one survey, every cell as given, the defaults said as warnings', () => {
    writeFileSync(join(dir, 'my-poll.csv'), FOUR_COLUMNS);
    const run = toplines(['reanalyze', 'my-poll.csv', '--json'], {}, dir);
    const doc = json(run);
    expect(doc.warnings.map((w) => w.code)).toEqual(['default-survey', 'no-quote']);
    expect(run.stderr).toContain('no survey column: every row is taken as one survey, "my-poll"');
    const [survey] = doc.surveys;
    expect(survey?.surveyId).toBe('my-poll');
    expect(survey?.n).toBe(1037);
    expect(survey?.moeReported).toBeNull();
    const question = survey?.questions[0];
    expect(question?.questionId).toBe('vote');
    expect(question?.sourceId).toBeNull();
    expect(question?.options.map((o) => [o.option, o.percentText, o.qualifier, o.n])).toEqual([
      ['Party A', '40.5', 'exact', 1037],
      ['Party B', '34.5', 'exact', 1037],
    ]);
    expectApiInterval(question?.options[0]);
  });

  it('the terminal report prints the interval: 37.6–43.5', () => {
    writeFileSync(join(dir, 'my-poll.csv'), FOUR_COLUMNS);
    const run = toplines(['reanalyze', 'my-poll.csv'], {}, dir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Party A\s+40\.5%\s+37\.6–43\.5\s+420/);
  });

  it('with --strict the defaults are warnings that refuse the file', () => {
    writeFileSync(join(dir, 'my-poll.csv'), FOUR_COLUMNS);
    expectRefused(
      toplines(['reanalyze', 'my-poll.csv', '--strict'], {}, dir),
      'my-poll.csv: 2 warnings and --strict was given',
    );
  });
});

describe('any file as it comes', () => {
  it('an Excel CSV in Shift_JIS (CP932, CRLF, no byte-order mark)', () => {
    const run = toplines(['reanalyze', join(ENCODINGS, 'excel-cp932.csv'), '--json']);
    const doc = json(run);
    expect(run.stderr).toContain(
      'excel-cp932.csv as Shift_JIS, the encoding guessed from its bytes',
    );
    const question = doc.surveys[0]?.questions[0];
    expect(question?.questionId).toBe('日米関係をどう評価するか');
    expect(question?.options.map((o) => [o.option, o.percent])).toEqual([
      ['良い', 40.5],
      ['悪い', 45.2],
      ['わからない', 14.3],
    ]);
    expectApiInterval(question?.options[0]);
    // given, the encoding is not noted
    const given = toplines([
      'reanalyze',
      join(ENCODINGS, 'excel-cp932.csv'),
      '--encoding',
      'shift_jis',
      '--json',
    ]);
    expect(given.stderr).not.toContain('guessed');
    expect(json(given).surveys[0]?.questions[0]?.options[0]?.option).toBe('良い');
  });

  it('EUC-JP', () => {
    const doc = json(toplines(['reanalyze', join(ENCODINGS, 'euc-jp.csv'), '--json']));
    expect(doc.surveys[0]?.questions[0]?.options.map((o) => o.option)).toEqual([
      '良い',
      '悪い',
      'わからない',
    ]);
  });

  it("Excel's Unicode text: UTF-16LE with its byte-order mark, tab-separated", () => {
    const run = toplines(['reanalyze', join(ENCODINGS, 'utf16le-bom.tsv'), '--json']);
    const doc = json(run);
    expect(run.stderr).not.toContain('guessed');
    expectApiInterval(doc.surveys[0]?.questions[0]?.options[0]);
  });

  it('semicolons, decimal commas, ±3,0 and a quote over two lines: no warning', () => {
    const doc = json(
      toplines(['reanalyze', join(ENCODINGS, 'semicolon-decimal-comma.csv'), '--json']),
    );
    expect(doc.warnings).toEqual([]);
    const [survey] = doc.surveys;
    expect(survey?.surveyId).toBe('api-2025-jp');
    expect(survey?.n).toBe(1037);
    expect(survey?.moeReported).toBe(0.03);
    expect(survey?.questions[0]?.options.map((o) => o.percentText)).toEqual([
      '40.5',
      '45.2',
      '14.3',
    ]);
    expectApiInterval(survey?.questions[0]?.options[0]);
  });

  it('- reads standard input', () => {
    const doc = json(withStdin(['reanalyze', '-', '--json'], FOUR_COLUMNS));
    expect(doc.surveys[0]?.surveyId).toBe('survey');
    expectApiInterval(doc.surveys[0]?.questions[0]?.options[0]);
    // bytes in Shift_JIS on standard input too
    const sjis = withStdin(
      ['reanalyze', '-', '--json'],
      readFileSync(join(ENCODINGS, 'excel-cp932.csv')),
    );
    expect(sjis.stderr).toContain('read standard input as Shift_JIS');
    expect(json(sjis).surveys[0]?.questions[0]?.options[0]?.option).toBe('良い');
  });
});

describe('what cannot be read: a message and exit 1, never a stack trace', () => {
  it('an empty standard input', () => {
    expectRefused(withStdin(['reanalyze', '-'], ''), 'toplines: standard input is empty');
    expectRefused(withStdin(['reanalyze', '-'], '\n\n'), 'toplines: standard input is empty');
  });

  it('a PNG', () => {
    expectRefused(
      toplines(['reanalyze', join(ENCODINGS, 'image.png')]),
      /image\.png is not a text file: it holds a NUL byte \(at byte 8\)/,
    );
  });

  it('UTF-8 with a stray byte: named as UTF-8, with where the bytes are', () => {
    expectRefused(
      toplines(['reanalyze', join(ENCODINGS, 'invalid-utf8.csv')]),
      /invalid-utf8\.csv cannot be decoded as UTF-8 \(the encoding guessed from its bytes\): the bytes from 0xE9 at byte \d+ \(line 4\)/,
    );
  });

  it('Shift_JIS cut inside a character, and bytes the given encoding cannot hold', () => {
    expectRefused(
      toplines(['reanalyze', join(ENCODINGS, 'truncated-cp932.csv')]),
      'truncated-cp932.csv cannot be decoded as Shift_JIS (the encoding guessed from its bytes): the text ends inside a character',
    );
    expectRefused(
      toplines(['reanalyze', join(ENCODINGS, 'excel-cp932.csv'), '--encoding', 'utf-8']),
      /excel-cp932\.csv cannot be decoded as UTF-8 \(the encoding given\): the bytes from 0x93 at byte 27 \(line 2\)/,
    );
  });

  it('an encoding name that is none, and an empty one', () => {
    expectRefused(
      toplines(['reanalyze', 'my-poll.csv', '--encoding', 'klingon']),
      '"klingon" is not an encoding this runtime can decode',
    );
    expect(toplines(['reanalyze', 'my-poll.csv', '--encoding', '']).code).toBe(2);
  });
});

describe('source documents beside a data package', () => {
  it('quotes are checked against the document a source names', () => {
    const run = toplines(['reanalyze', 'my-package', '--strict', '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
  });

  it('a missing document is a warning, an error with --strict; --documents says where they are', () => {
    const copy = join(dir, 'no-documents');
    cpSync(join(FIXTURES, 'my-package'), copy, { recursive: true });
    rmSync(join(copy, 'press-release.txt'));
    const run = toplines(['reanalyze', copy, '--json']);
    const doc = json(run);
    expect(doc.warnings.map((w) => w.code)).toEqual(['document-missing']);
    expect(run.stderr).toContain(
      'the text of document "press-release.txt" (source "my-source") is not available, so its quotes were not checked',
    );
    expectRefused(toplines(['reanalyze', copy, '--strict']), '1 warning and --strict was given');
    const elsewhere = toplines([
      'reanalyze',
      copy,
      '--strict',
      '--documents',
      join(FIXTURES, 'my-package'),
    ]);
    expect(elsewhere.code, elsewhere.stderr).toBe(0);
  });

  it('a quote the document does not hold is an error', () => {
    const copy = join(dir, 'wrong-quote');
    cpSync(join(FIXTURES, 'my-package'), copy, { recursive: true });
    writeFileSync(join(copy, 'press-release.txt'), 'Party A 41% and Party B 38%.\n');
    const run = toplines(['reanalyze', copy]);
    expectRefused(
      run,
      /results\.csv, row 3 \(line 4\), column "quote": the quote is not in the source text "press-release\.txt"/,
    );
  });
});

describe('--bom', () => {
  it('begins results.csv and leads.csv with a UTF-8 byte-order mark, only when asked', () => {
    writeFileSync(join(dir, 'my-poll.csv'), FOUR_COLUMNS);
    for (const bom of [true, false]) {
      const out = join(dir, bom ? 'report-bom' : 'report-plain');
      const run = toplines(
        ['reanalyze', 'my-poll.csv', '--out', out, '--no-png', ...(bom ? ['--bom'] : [])],
        {},
        dir,
      );
      expect(run.code, run.stderr).toBe(0);
      for (const name of ['results.csv', 'leads.csv']) {
        const bytes = readFileSync(join(out, name));
        expect([...bytes.subarray(0, 3)], name).toEqual(
          bom ? [0xef, 0xbb, 0xbf] : [...Buffer.from('sur')],
        );
      }
    }
    expect(toplines(['reanalyze', 'my-poll.csv', '--bom'], {}, dir).code).toBe(2);
  });
});
