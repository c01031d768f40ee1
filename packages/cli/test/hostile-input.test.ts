// #18: what a user can give `toplines reanalyze` that used to end in "internal
// error … exit 70", an empty stdout, or a wrong message. Each case answers
// with a message on stderr and exit 1 (data) or 2 (usage), never 70 and never
// a stack trace; each run takes well under a second.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasStack, type Run, toplines } from './helpers';

const HEADER =
  'survey_id,question_id,group_dim,group_value,option,percent,qualifier,is_net,base_n,source_id,quote';

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
