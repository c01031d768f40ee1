// toplines weigh, run as a user would (the built command, in a subprocess), on the
// respondent files of @toplines/data's fixtures: R survey's api data as CSV, SPSS .sav
// (value labels, user-missing codes) and Parquet (packages/data/test/fixtures/microdata:
// make-api.R, make-parquet.mjs). The numbers themselves are checked against R in
// packages/data/test/microdata/weighted-toplines.test.ts; here, that the three files
// print the same numbers, and the errors a user meets.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { hasStack, PACKAGE, SUBPROCESS_TIMEOUT, toplines } from './helpers';

vi.setConfig({ testTimeout: SUBPROCESS_TIMEOUT });

const MICRODATA = join(PACKAGE, '..', 'data', 'test', 'fixtures', 'microdata');
const R = JSON.parse(readFileSync(join(MICRODATA, 'api-r.json'), 'utf8')) as {
  designs: {
    name: string;
    results: {
      question: string;
      group_dim: string;
      group_value: string;
      n: number;
      options: {
        option: string;
        estimate: number;
        deff: number | null;
        intervals: { logit: { lower: number; upper: number } };
      }[];
    }[];
  }[];
};
const dir = mkdtempSync(join(tmpdir(), 'toplines-weigh-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (args: string[]) => toplines(args, { NO_COLOR: '1' }, dir);
/** The table's rows: the lines of numbers (a question's wording may differ: only the .sav has it). */
const tableRows = (stdout: string) =>
  stdout.split('\n').filter((l) => /^ {2}\S/.test(l) && !/^ {2}group/.test(l));

const DESIGNS: Record<string, string[]> = {
  apistrat: [
    '--weights',
    'pw',
    '--strata',
    'stype',
    '--fpc',
    'fpc',
    '--by',
    'stype',
    '--by',
    'yr_rnd',
  ],
  apiclus1: ['--weights', 'pw', '--psu', 'dnum', '--fpc', 'fpc', '--by', 'stype'],
  apiclus2: [
    '--weights',
    'pw',
    '--psu',
    'dnum',
    '--psu',
    'snum',
    '--fpc',
    'fpc1',
    '--fpc',
    'fpc2',
    '--by',
    'stype',
  ],
};

describe('toplines weigh: the same data as .sav, CSV and Parquet print the same numbers', () => {
  for (const [name, design] of Object.entries(DESIGNS)) {
    it(`${name}: the table, and the --json reanalysis`, () => {
      const runs = ['csv', 'sav', 'parquet'].map((ext) =>
        run(['weigh', join(MICRODATA, `${name}.${ext}`), ...design]),
      );
      for (const r of runs) {
        expect(r.code, r.stderr).toBe(0);
        expect(r.stderr).toContain('note: questions: ');
      }
      const [csv, sav, parquet] = runs.map((r) => tableRows(r.stdout));
      expect(csv!.length).toBeGreaterThan(20);
      expect(sav).toEqual(csv);
      expect(parquet).toEqual(csv);
      // the .sav's variable labels are the questions' wording
      expect(runs[1]!.stdout).toContain('awards — Eligible for awards program');

      const docs = ['csv', 'sav', 'parquet'].map((ext) => {
        const r = run(['weigh', join(MICRODATA, `${name}.${ext}`), ...design, '--json']);
        expect(r.code, r.stderr).toBe(0);
        const doc = JSON.parse(r.stdout);
        return doc.surveys[0].questions.map((q: { options: unknown[]; leads: unknown[] }) => [
          q.options,
          q.leads,
        ]);
      });
      const numbers = (x: unknown) => JSON.stringify(x, (k, v) => (k === 'row' ? undefined : v));
      expect(numbers(docs[1])).toEqual(numbers(docs[0]));
      expect(numbers(docs[2])).toEqual(numbers(docs[0]));
    });
  }

  it('prints what R gives: apistrat, awards by stype (svyby, svyciprop logit)', () => {
    const r = run([
      'weigh',
      join(MICRODATA, 'apistrat.sav'),
      ...(DESIGNS['apistrat'] as string[]),
      '--question',
      'awards',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const rows = tableRows(r.stdout);
    const design = R.designs.find((d) => d.name === 'apistrat')!;
    for (const g of design.results.filter((x) => x.question === 'awards')) {
      const group = g.group_dim === 'total' ? 'total' : `${g.group_dim} ${g.group_value}`;
      for (const o of g.options) {
        const cells = [
          String(g.n),
          (100 * o.estimate).toFixed(1),
          `${(100 * o.intervals.logit.lower).toFixed(1)}–${(100 * o.intervals.logit.upper).toFixed(1)}`,
          (o.deff as number).toFixed(2),
        ];
        const line = rows.find((l) =>
          l.startsWith(`  ${group.padEnd(18)}  ${o.option.padEnd(22)}`),
        );
        expect(line, `${group} ${o.option}`).toBeDefined();
        expect(
          line!
            .trim()
            .split(/\s{2,}/)
            .slice(2, 6),
        ).toEqual(cells);
      }
    }
  });

  it('--out DIR writes the reanalysis report; replicate weights with --replicates repw*', () => {
    const out = join(dir, 'report');
    const r = run([
      'weigh',
      join(MICRODATA, 'apistrat.csv'),
      '--weights',
      'pw',
      '--strata',
      'stype',
      '--fpc',
      'fpc',
      '--question',
      'awards',
      '--out',
      out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/wrote .*index\.html/);
    const json = JSON.parse(readFileSync(join(out, 'reanalysis.json'), 'utf8'));
    expect(json.input.kind).toBe('microdata');
    expect(json.surveys[0].weighting).toBe('weighted');
    const jk = run([
      'weigh',
      join(MICRODATA, 'apiclus1.csv'),
      '--weights',
      'pw',
      '--replicates',
      'repw*',
      '--replicate-type',
      'JK1',
      '--question',
      'awards',
    ]);
    expect(jk.code, jk.stderr).toBe(0);
    expect(jk.stdout).toContain('15 JK1 replicate weights (repw01…)');
  });
});

describe('toplines weigh: bad input is a clear error, exit 1 (2 for usage), no stack trace', () => {
  it('an unknown column is named, with the file’s columns', () => {
    const r = run([
      'weigh',
      join(MICRODATA, 'apistrat.csv'),
      '--weights',
      'pww',
      '--question',
      'award',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'weightedToplines found no column "award", "pww" in the table; its columns are "stype", "awards", "sch_wide", "both", "yr_rnd", "target_met", "class_k3", "pw", "dnum", "snum", "fpc"',
    );
    expect(hasStack(r.stderr)).toBe(false);
  });

  it('a weight of 0, below 0 or missing', () => {
    for (const [cell, shown] of [
      ['0', '0'],
      ['-2', '-2'],
      ['', 'null'],
    ]) {
      writeFileSync(join(dir, 'w.csv'), `q,w\nyes,1\nno,${cell}\nyes,2\n`);
      const r = run(['weigh', 'w.csv', '--weights', 'w']);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(
        `weightedToplines requires every weight (column "w") to be a number above 0, got ${shown} at row 2`,
      );
      expect(hasStack(r.stderr)).toBe(false);
    }
  });

  it('a file that is not what its extension says', () => {
    copyFileSync(join(MICRODATA, 'apistrat.csv'), join(dir, 'csv.sav'));
    copyFileSync(join(MICRODATA, 'apistrat.csv'), join(dir, 'csv.parquet'));
    copyFileSync(join(MICRODATA, 'apistrat.sav'), join(dir, 'sav.csv'));
    const cases: [string, RegExp][] = [
      ['csv.sav', /"csv\.sav" is not an SPSS \.sav file: it does not begin with \$FL2/],
      ['csv.parquet', /"csv\.parquet" is not a readable Parquet file/],
      ['sav.csv', /sav\.csv is not a text file/],
    ];
    for (const [name, message] of cases) {
      const r = run(['weigh', name, '--weights', 'pw']);
      expect(r.code, name).toBe(1);
      expect(r.stderr).toMatch(message);
      expect(hasStack(r.stderr)).toBe(false);
    }
  });

  it('usage: no --weights, an unknown extension, a bad --method or --engine', () => {
    const csv = join(MICRODATA, 'apistrat.csv');
    for (const args of [
      ['weigh', csv],
      ['weigh', 'data.xlsx', '--weights', 'pw'],
      ['weigh', csv, '--weights', 'pw', '--method', 'wilson'],
      ['weigh', csv, '--weights', 'pw', '--engine', 'spark'],
      ['weigh', csv, '--weights', 'pw', '--replicates', 'repw*'],
    ]) {
      const r = run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain('see: toplines weigh --help');
    }
  });
});
