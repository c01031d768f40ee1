// The DuckDB engine against the in-memory one: weighWithDuckDb on R survey's api data
// (the CSV and Parquet fixtures of @toplines/data, made by make-api.R and
// make-parquet.mjs) gives the same tables as weightedToplines on the same file, every
// number to 1e-12 relative (the in-memory numbers are checked against R survey 4.1.1 in
// packages/data/test/microdata/weighted-toplines.test.ts); the SQL runs with hostile
// column names and missing codes; and the files and designs it refuses.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import {
  designSumsSql,
  type WeightedToplinesOptions,
  weightedToplines,
  weightedToplinesFromSums,
} from '@toplines/data';
import { readMicrodata } from '@toplines/data/node';
import { type ColumnTable, table } from 'arquero';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../main';
import { weighWithDuckDb } from './duckdb';

const MICRODATA = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  'data',
  'test',
  'fixtures',
  'microdata',
);
const QUESTIONS = ['stype', 'awards', 'sch_wide', 'both', 'yr_rnd', 'target_met', 'class_k3'];
const JK1 = Array.from({ length: 15 }, (_, i) => `repw${String(i + 1).padStart(2, '0')}`);

/** The api designs of packages/data's api-r.json that the sums carry (apiclus2 without fpc). */
const DESIGNS: {
  name: string;
  file: string;
  options: Omit<WeightedToplinesOptions, 'questions'>;
}[] = [
  {
    name: 'apistrat',
    file: 'apistrat',
    options: { weights: 'pw', strata: 'stype', fpc: 'fpc', by: ['stype', 'yr_rnd'] },
  },
  {
    name: 'apiclus1',
    file: 'apiclus1',
    options: { weights: 'pw', psu: 'dnum', fpc: 'fpc', by: ['stype'] },
  },
  {
    name: 'apiclus2 (ultimate clusters)',
    file: 'apiclus2',
    options: { weights: 'pw', psu: ['dnum', 'snum'], by: ['stype'] },
  },
  {
    name: 'apiclus1 JK1',
    file: 'apiclus1',
    options: { weights: 'pw', replicates: JK1, replicateType: 'JK1', by: ['stype'] },
  },
];

const dir = mkdtempSync(join(tmpdir(), 'toplines-duckdb-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A table's rows as objects. */
const rowsOf = (t: ColumnTable) => t.objects() as Record<string, unknown>[];

/** The largest relative difference seen, printed at the end. */
let worst = { error: 0, label: '' };

/**
 * Both tables agree: the same rows in the same order, text equal, numbers to 1e-12
 * relative (1e-15 absolute). A share the design fixes (stype in apistrat, stratified by
 * stype) has a variance of 0 to rounding in both, about 1e-33 from one path and 1e-35 or
 * 0 from the other: its se and covariances agree absolutely, and its deff and n_effective
 * (0/0 to rounding) are not compared.
 */
function sameTables(
  got: Record<string, unknown>[],
  want: Record<string, unknown>[],
  label: string,
): void {
  expect(got.length, label).toBe(want.length);
  got.forEach((g, i) => {
    const w = want[i] as Record<string, unknown>;
    const where = `${label} ${w['question_id']} ${w['group_dim']}=${w['group_value']} ${w['option']}`;
    const fixed = (w['se'] as number) < 1e-12;
    for (const [key, value] of Object.entries(w)) {
      const mine = g[key];
      if (fixed && (key === 'deff' || key === 'n_effective')) continue;
      if (key === 'covariance') {
        const cov = mine as Record<string, number>;
        expect(Object.keys(cov), where).toEqual(Object.keys(value as object));
        for (const [option, v] of Object.entries(value as Record<string, number>)) {
          close(cov[option] as number, v, `${where} cov ${option}`);
        }
      } else if (typeof value === 'number') {
        close(mine as number, value, `${where} ${key}`);
      } else {
        expect(mine, `${where} ${key}`).toEqual(value);
      }
    }
  });
}

function close(got: number, want: number, label: string): void {
  const absolute = Math.abs(got - want);
  const relative = want === 0 ? absolute : absolute / Math.abs(want);
  const error = Math.abs(want) >= 1e-3 ? relative : absolute;
  if (error > worst.error) worst = { error, label };
  if (absolute > 1e-15)
    expect(relative, `${label}: duckdb ${got}, memory ${want}`).toBeLessThanOrEqual(1e-12);
}

describe('weighWithDuckDb gives the numbers of weightedToplines (api data)', () => {
  for (const design of DESIGNS) {
    const taylor = design.options.replicates === undefined;
    const methods = (
      taylor ? ['logit', 'likelihood', 'beta', 'mean'] : ['logit', 'beta', 'mean']
    ) as ('logit' | 'likelihood' | 'beta' | 'mean')[];
    it(`${design.name}: every question, total and by ${(design.options.by as string[]).join(', ')}, ${methods.join('/')}`, async () => {
      const path = join(MICRODATA, `${design.file}.csv`);
      const { table: data } = await readMicrodata(path);
      for (const method of methods) {
        const options = { ...design.options, questions: QUESTIONS, method, surveyId: design.file };
        const duck = await weighWithDuckDb({ path, format: 'csv', options });
        const memory = weightedToplines(data, options);
        sameTables(rowsOf(duck.results), rowsOf(memory.results), `${design.name} ${method}`);
        expect(duck.surveys.objects()).toEqual(memory.surveys.objects());
        expect(duck.questions.objects()).toEqual(memory.questions.objects());
        expect(duck.design.degf).toBe(memory.design.degf);
      }
    });
  }

  it('reads the Parquet copy to the same numbers as the CSV', async () => {
    const options = { ...(DESIGNS[1]?.options ?? { weights: 'pw' }), questions: QUESTIONS };
    const csv = await weighWithDuckDb({
      path: join(MICRODATA, 'apiclus1.csv'),
      format: 'csv',
      options,
    });
    const parquet = await weighWithDuckDb({
      path: join(MICRODATA, 'apiclus1.parquet'),
      format: 'parquet',
      options,
      memoryLimit: '256MB',
      threads: 1,
    });
    sameTables(rowsOf(parquet.results), rowsOf(csv.results), 'parquet vs csv');
  });

  it('takes every text column when no question is named, and a replicate prefix', async () => {
    const path = join(MICRODATA, 'apiclus1.csv');
    const duck = await weighWithDuckDb({
      path,
      format: 'csv',
      options: { weights: 'pw', questions: [], replicates: ['repw*'], replicateType: 'JK1' },
    });
    expect(duck.questions.array('question_id')).toEqual(QUESTIONS);
    expect(duck.design.aggregate.kind).toBe('aggregate-replicate-design');
    expect(duck.design.degf).toBe(14);
    expect(duck.surveys.get('notes', 0)).toContain('15 JK1 replicate weights (repw01…)');
  });
});

describe('toplines weigh --engine duckdb', () => {
  /** Runs the command in-process; returns its exit code and standard output. */
  async function weigh(args: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const code = await main(['weigh', ...args], {
      out: (text) => {
        out += text;
      },
      err: (text) => {
        err += text;
      },
      env: { NO_COLOR: '1' },
      stdoutIsTTY: false,
      stderrIsTTY: false,
      cwd: MICRODATA,
    });
    return { code, out, err };
  }

  it('prints the table and the JSON of --engine memory', async () => {
    const args = [
      'apistrat.csv',
      '--weights',
      'pw',
      '--strata',
      'stype',
      '--fpc',
      'fpc',
      '--by',
      'yr_rnd',
    ];
    const memory = await weigh(args);
    const duck = await weigh([...args, '--engine', 'duckdb']);
    expect([memory.code, duck.code]).toEqual([0, 0]);
    expect(duck.out).toBe(memory.out);
    const memoryJson = await weigh([...args, '--json']);
    const duckJson = await weigh([...args, '--engine', 'duckdb', '--json']);
    const strip = (text: string) =>
      JSON.parse(text.replace(/"generated": "[^"]*"/g, '"generated": ""'));
    const a = strip(duckJson.out);
    const b = strip(memoryJson.out);
    expect([memoryJson.code, duckJson.code]).toEqual([0, 0]);
    // the same document, every number to 1e-12
    let numbers = 0;
    const same = (x: unknown, y: unknown, path: string): void => {
      if (typeof y === 'number') {
        numbers++;
        close(x as number, y, path);
      } else if (Array.isArray(y)) {
        expect((x as unknown[]).length, path).toBe(y.length);
        for (const [i, v] of y.entries()) same((x as unknown[])[i], v, `${path}[${i}]`);
      } else if (y !== null && typeof y === 'object') {
        expect(Object.keys(x as object).sort(), path).toEqual(Object.keys(y).sort());
        for (const [k, v] of Object.entries(y))
          same((x as Record<string, unknown>)[k], v, `${path}.${k}`);
      } else expect(x, path).toEqual(y);
    };
    same(a, b, 'json');
    expect(numbers).toBeGreaterThan(100);
  });

  it('a share the design fixes (apistrat stratified on stype, fpc): se 0, deff 0, no n eff, a note, on both engines', async () => {
    const args = ['apistrat.csv', '--weights', 'pw', '--strata', 'stype', '--fpc', 'fpc'];
    for (const engine of ['memory', 'duckdb']) {
      const table = await weigh([...args, '--question', 'stype', '--engine', engine]);
      expect(table.code, table.err).toBe(0);
      const rows = table.out.split('\n').filter((l) => /^ {2}total {15}[EHM] /.test(l));
      expect(rows).toHaveLength(3);
      for (const row of rows) expect(row).toMatch(/ 0\.00 {9}—$/);
      expect(table.out).toContain(
        'note: total: the design fixes the shares of E, H, M (no sampling variance',
      );
      expect(table.out).not.toMatch(/Infinity|NaN|e\+/);
      const json = await weigh([
        ...args,
        '--question',
        'stype',
        '--by',
        'yr_rnd',
        '--engine',
        engine,
        '--json',
      ]);
      expect(json.code, json.err).toBe(0);
      expect(json.out).not.toMatch(/Infinity|NaN|\de\+[1-9]/);
      const doc = JSON.parse(json.out);
      const total = doc.surveys[0].questions.find(
        (q: { groupDim: string }) => q.groupDim === 'total',
      );
      for (const o of total.options) {
        expect(o.moe).toBe(0);
        expect(o.notes.join(' ')).toContain('the design fixes this share');
      }
      for (const l of total.leads) expect(l.verdict).toBe('not-computed');
    }
  });
});

describe('the query of designSumsSql in DuckDB', () => {
  it('quotes hostile column names and missing codes: the query reads them as data', async () => {
    const names = {
      weight: 'w"; DROP TABLE "keep"; --',
      stratum: "s' OR '1'='1",
      question: 'q") AS x FROM "keep"; --',
    };
    const rows = {
      [names.weight]: [1, 2, 1, 2, 1, 2, 3, 1],
      [names.stratum]: ['a', 'a', 'a', 'a', 'b', 'b', 'b', 'b'],
      [names.question]: ['yes', 'no', "it's; DROP", 'yes', 'no', 'no', 'yes', "it's; DROP"],
    };
    const file = join(dir, 'hostile.csv');
    const header = Object.keys(rows).map((n) => `"${n.replaceAll('"', '""')}"`);
    const lines = [header.join(',')];
    for (let i = 0; i < 8; i++) {
      lines.push(
        Object.values(rows)
          .map((v) => `"${String(v[i]).replaceAll('"', '""')}"`)
          .join(','),
      );
    }
    writeFileSync(file, `${lines.join('\n')}\n`);
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    await connection.run('CREATE TABLE "keep" AS SELECT 42 AS answer');
    const options = {
      weights: names.weight,
      strata: names.stratum,
      questions: [{ column: names.question, missing: ["it's; DROP"] }],
    };
    const sql = designSumsSql({ ...options, from: `read_csv('${file}', header = true)` });
    const result = (await connection.runAndReadAll(sql)).getRowObjectsJS();
    const kept = (await connection.runAndReadAll('SELECT answer FROM "keep"')).getRowObjectsJS();
    expect(kept).toEqual([{ answer: 42 }]);
    const finished = weightedToplinesFromSums(result, { ...options, method: 'mean' });
    // the two who answered "it's; DROP" are missing (a code of the question): 6 answer
    const respondents = table({
      w: rows[names.weight] as number[],
      s: rows[names.stratum] as string[],
      q: (rows[names.question] as string[]).map((v) => (v === "it's; DROP" ? null : v)),
    });
    const memory = weightedToplines(respondents, {
      weights: 'w',
      strata: 's',
      questions: ['q'],
      method: 'mean',
    });
    expect(finished.results.array('base_n')).toEqual([6, 6]);
    expect(finished.results.array('percent')).toEqual(memory.results.array('percent'));
    const se = memory.results.array('se') as number[];
    for (const [i, v] of (finished.results.array('se') as number[]).entries()) {
      close(v, se[i] as number, 'hostile se');
    }
    connection.closeSync();
    instance.closeSync();
  });
});

describe('what weighWithDuckDb refuses', () => {
  const path = join(MICRODATA, 'apistrat.csv');
  it('an SPSS file, a multistage fpc, an encoding DuckDB lacks, a column not in the file', async () => {
    await expect(
      weighWithDuckDb({
        path: join(MICRODATA, 'apistrat.sav'),
        format: 'sav',
        options: { weights: 'pw', questions: ['awards'] },
      }),
    ).rejects.toThrow(/CSV and Parquet.*--engine memory/);
    await expect(
      weighWithDuckDb({
        path: join(MICRODATA, 'apiclus2.csv'),
        format: 'csv',
        options: {
          weights: 'pw',
          psu: ['dnum', 'snum'],
          fpc: ['fpc1', 'fpc2'],
          questions: ['awards'],
        },
      }),
    ).rejects.toThrow(/multistage design with fpc.*--engine memory/);
    await expect(
      weighWithDuckDb({
        path,
        format: 'csv',
        encoding: 'shift_jis',
        options: { weights: 'pw', questions: ['awards'] },
      }),
    ).rejects.toThrow(/utf-8, utf-16 or latin-1/);
    await expect(
      weighWithDuckDb({ path, format: 'csv', options: { weights: 'pw', questions: ['awardz'] } }),
    ).rejects.toMatchObject({ name: 'DataError', code: 'missing-column' });
  });

  it("a lonely PSU under 'fail', as the in-memory engine does; 'remove' as it does", async () => {
    const file = join(dir, 'lonely.csv');
    writeFileSync(
      file,
      'q,w,s,c\nyes,1,a,1\nno,2,a,1\nyes,1,a,2\nno,1,a,2\nyes,2,b,3\nno,1,b,3\nyes,1,c,4\nyes,3,c,5\n',
    );
    const options = { weights: 'w', strata: 's', psu: 'c', questions: ['q'] };
    await expect(weighWithDuckDb({ path: file, format: 'csv', options })).rejects.toMatchObject({
      name: 'ToplinesError',
      message: expect.stringMatching(/lonelyPsu 'fail'.*stratum "b"/),
    });
    const removed = { ...options, lonelyPsu: 'remove' as const, method: 'beta' as const };
    const duck = await weighWithDuckDb({ path: file, format: 'csv', options: removed });
    const { table: data } = await readMicrodata(file);
    sameTables(rowsOf(duck.results), rowsOf(weightedToplines(data, removed).results), 'lonely');
  });

  it('says how to install DuckDB when @duckdb/node-api is missing', async () => {
    vi.resetModules();
    vi.doMock('@duckdb/node-api', () => {
      throw new Error('Cannot find module @duckdb/node-api');
    });
    const { weighWithDuckDb: without } = await import('./duckdb');
    await expect(
      without({ path, format: 'csv', options: { weights: 'pw', questions: ['awards'] } }),
    ).rejects.toThrow(/npm install @duckdb\/node-api/);
    vi.doUnmock('@duckdb/node-api');
  });
});

afterAll(() => {
  console.log(
    `largest difference of DuckDB from memory: ${worst.error.toExponential(2)} (${worst.label})`,
  );
});
