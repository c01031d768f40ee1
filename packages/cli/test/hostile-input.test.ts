// #18: what a user can give `toplines reanalyze` that used to end in "internal
// error … exit 70", an empty stdout, or a wrong message. Each case answers
// with a message on stderr and exit 1 (data) or 2 (usage), never 70 and never
// a stack trace; each run takes well under a second.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { joinNegativeValues } from '../src/args';
import { terminalSafe, terminalSafeDeep } from '../src/format/text';
import { BIN, hasStack, type Run, SUBPROCESS_TIMEOUT, toplines } from './helpers';

// Each test runs the command, often several times: see SUBPROCESS_TIMEOUT.
vi.setConfig({ testTimeout: SUBPROCESS_TIMEOUT });

const ROW = 's,q,total,total,yes,40,exact,false,100,src,40%';
const HEADER =
  'survey_id,question_id,group_dim,group_value,option,percent,qualifier,is_net,base_n,source_id,quote';

/** A raw escape, BEL or bidi control: what must never reach the terminal from a file. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const RAW_CONTROL = /[\u001b\u0007\u202a-\u202e\u2066-\u2069]/;

const dir = mkdtempSync(join(tmpdir(), 'toplines-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a file into the test folder and returns its path. */
function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** Runs the command in the test folder. */
function run(args: string[]): Run {
  return toplines(args, {}, dir);
}

/** A handled outcome: exit 1 or 2, a message on stderr, no stack trace, well under a second of work. */
function expectHandled(r: Run, code: 1 | 2): void {
  expect(r.code, r.stderr).toBe(code);
  expect(r.stderr).toMatch(/^toplines: /);
  expect(r.stderr).not.toContain('internal error');
  expect(hasStack(r.stderr)).toBe(false);
}

describe('an impossible figure is a finding, not a refusal', () => {
  const csv = () =>
    file('impossible.csv', `${HEADER}\ns,q,total,total,yes,41.3,exact,false,10,src,41.3%\n`);

  it('41.3% of n = 10 is reanalysed and reported as no whole count’s share (exit 0)', () => {
    const r = run(['reanalyze', csv(), '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.summary.inconsistent).toBe(1);
    expect(JSON.stringify(doc)).toContain('"consistent":false');
    expect(r.stderr).toContain('warning: ');
    expect(r.stderr).toContain('no count out of n = 10 rounds to 41.3% (1 decimal)');
  });

  it('with --strict the warning is an error: exit 1', () => {
    const r = run(['reanalyze', csv(), '--strict']);
    expectHandled(r, 1);
    expect(r.stderr).toContain('impossible.csv: 1 warning and --strict was given');
    expect(r.stderr).toContain('no count out of n = 10 rounds to 41.3%');
  });
});

describe('--json on data that does not validate prints every issue on stdout', () => {
  it('a file with 30 errors: stdout is JSON listing all 30, stderr lists 20 and points to --json', () => {
    const rows = Array.from(
      { length: 30 },
      (_, i) => `s,q${i},total,total,yes,forty,exact,false,100,src,forty`,
    );
    const r = run(['reanalyze', file('thirty.csv', `${HEADER}\n${rows.join('\n')}\n`), '--json']);
    expectHandled(r, 1);
    const doc = JSON.parse(r.stdout);
    expect(doc.valid).toBe(false);
    expect(doc.input).toEqual({ kind: 'results-csv', path: join(dir, 'thirty.csv') });
    expect(doc.errors).toHaveLength(30);
    expect(doc.errors[0]).toEqual({
      severity: 'error',
      code: 'type',
      file: join(dir, 'thirty.csv'),
      row: 1,
      column: 'percent',
      message: `${join(dir, 'thirty.csv')}, row 1 (line 2), column "percent": "forty" is not a number`,
    });
    expect(r.stderr).toContain('… and 10 more (use --json to see every issue)');
  });

  it('with --strict, the warnings that refuse the file are in the JSON too', () => {
    const r = run(
      ['reanalyze', 'strict.csv', '--json', '--strict'].map((a, i) =>
        i === 1 ? file(a, `${HEADER},extra\n${ROW},x\n`) : a,
      ),
    );
    expectHandled(r, 1);
    const doc = JSON.parse(r.stdout);
    expect(doc.errors).toEqual([]);
    expect(doc.warnings.map((w: { code: string }) => w.code)).toEqual(['extra-column']);
  });
});

describe('a pipe, /dev/stdin or a FIFO is read, not called empty', () => {
  it('/dev/stdin', () => {
    const r = spawnSync(process.execPath, [BIN, 'reanalyze', '/dev/stdin', '--json'], {
      cwd: dir,
      input: `${HEADER}\n${ROW}\n`,
      encoding: 'utf8',
      env: { PATH: process.env['PATH'] ?? '' },
      timeout: 20_000,
    });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).summary.figures).toBe(1);
  });

  it('a FIFO', () => {
    const fifo = join(dir, 'fifo.csv');
    const made = spawnSync('mkfifo', [fifo]);
    if (made.status !== 0) return; // no mkfifo on this system
    const writer = spawn('sh', [
      '-c',
      'cat "$0" > "$1"',
      file('for-fifo.csv', `${HEADER}\n${ROW}\n`),
      fifo,
    ]);
    const r = run(['reanalyze', fifo, '--json']);
    writer.kill();
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).summary.figures).toBe(1);
  });

  it('an empty regular file is still "empty" (exit 1)', () => {
    const r = run(['reanalyze', file('empty.csv', '')]);
    expectHandled(r, 1);
    expect(r.stderr).toContain('empty.csv is empty: expected a CSV with a header row');
  });
});

describe('arguments', () => {
  it('--deff -1 says -1 is not a design effect (it said "needs a value")', () => {
    const r = run(['reanalyze', '--deff', '-1']);
    expectHandled(r, 2);
    expect(r.stderr).toContain(
      'reanalyze: --deff must be a design effect, a number above 0 such as 1.5, got "-1"',
    );
    expect(
      joinNegativeValues(['--deff', '-1', '--survey', 'x'], { deff: { type: 'string' } }),
    ).toEqual(['--deff=-1', '--survey', 'x']);
    expect(joinNegativeValues(['--json', '-1'], { json: { type: 'boolean' } })).toEqual([
      '--json',
      '-1',
    ]);
  });

  it("--survey '' is a usage error (it reported every survey)", () => {
    const r = run(['reanalyze', '--survey', '']);
    expectHandled(r, 2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('reanalyze: --survey must be a survey id');
  });
});

describe('what fuzzing found: a message and exit 1, never "internal error … exit 70"', () => {
  it('a CSV column named __proto__ (it was an internal error)', () => {
    const r = run(['reanalyze', file('proto.csv', `__proto__,${HEADER}\nx,${ROW}\n`), '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(
      'column "__proto__" is not in the schema of resource "results" and is ignored',
    );
  });

  it('a survey, question and option id of 300 characters', () => {
    const long = 'x'.repeat(300);
    const r = run([
      'reanalyze',
      file(
        'long.csv',
        `${HEADER}\n${long},${long},total,total,${long},40,exact,false,100,src,40%\n`,
      ),
    ]);
    expect(r.code, r.stderr).toBe(0);
  });

  it('odd headers: empty, repeated and prototype-named columns', () => {
    const r = run([
      'reanalyze',
      file('odd.csv', `,,constructor,toString,${HEADER},${HEADER}\n1,2\n`),
    ]);
    expectHandled(r, 1);
    expect(r.stderr).toContain('is not valid');
  });

  it('binary garbage as a CSV and as a datapackage.json', () => {
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));
    expectHandled(run(['reanalyze', file('garbage.csv', bytes)]), 1);
    const json = run(['reanalyze', file('garbage.json', bytes)]);
    expectHandled(json, 1);
    expect(json.stderr).toContain('the data package descriptor is not valid JSON');
  });

  it('a folder without datapackage.json', () => {
    mkdirSync(join(dir, 'no-package'), { recursive: true });
    const r = run(['reanalyze', join(dir, 'no-package')]);
    expectHandled(r, 1);
    expect(r.stderr).toContain('no-package is a folder without a datapackage.json');
  });

  it('a descriptor whose pattern would backtrack for minutes, or is not a regular expression', () => {
    const pkg = join(dir, 'redos');
    mkdirSync(pkg, { recursive: true });
    writeFileSync(
      join(pkg, 'datapackage.json'),
      JSON.stringify({
        resources: [
          {
            name: 'results',
            path: 'results.csv',
            schema: { fields: [{ name: 'a', constraints: { pattern: '^(a+)+$' } }] },
          },
        ],
      }),
    );
    writeFileSync(join(pkg, 'results.csv'), `a\n${'a'.repeat(34)}b\n`);
    const r = run(['reanalyze', pkg]);
    expectHandled(r, 1);
    expect(r.stderr).toContain('does not match the pattern ^(a+)+$');
    // No timing assertion (a loaded CI machine is slow too): a backtracking
    // engine would take hours on this, and the spawn timeout turns a hang into
    // a failure (no exit code).
  });
});

describe('messages quote user text safely', () => {
  it('terminalSafe removes bidi embedding, override and isolate controls', () => {
    const bidi = [
      '\u202a',
      '\u202b',
      '\u202c',
      '\u202d',
      '\u202e',
      '\u2066',
      '\u2067',
      '\u2068',
      '\u2069',
    ];
    expect(terminalSafe(`a${bidi.join('')}b`)).toBe('ab');
    expect(terminalSafe('日本 ‎x')).toBe('日本 ‎x'); // letters and the LRM mark stay
    const copy = terminalSafeDeep(JSON.parse('{"__proto__": "x\u202e", "a": 1}'));
    expect(Object.keys(copy)).toEqual(['__proto__', 'a']);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
  });

  it('validation errors and warnings on stderr carry no escape or bidi control from the file', () => {
    const evil = '\u001b]8;;https://evil.example\u0007x\u001b[2J\u202eevil';
    const r = run([
      'reanalyze',
      file(
        'evil.csv',
        `${HEADER},${evil}\ns,q,total,total,yes,${evil},exact,false,100,src,40%,y\n`,
      ),
    ]);
    expectHandled(r, 1);
    // quoted values are escaped (JSON), and the bidi override, which JSON leaves raw, is removed
    expect(r.stderr).toContain('x\\u001b[2Jevil');
    expect(r.stderr).not.toMatch(RAW_CONTROL);
  });

  it('warnings of a file that validates carry none either', () => {
    const r = run(['reanalyze', file('warn.csv', `${HEADER},\u202eextra\u001b[31m\n${ROW},z\n`)]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('warning: ');
    expect(r.stderr).toContain('column "extra\\u001b[31m"');
    expect(r.stderr).not.toMatch(RAW_CONTROL);
  });
});
