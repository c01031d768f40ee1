// designSumsSql: the query's shape in each dialect, its quoting (hostile column names and
// missing codes stay data), and what it refuses; weightedToplinesFromSums on rows made
// here as the query defines them (a GROUP BY in JavaScript) equals weightedToplines, and
// refuses the bad designs the engine counted. The query run by a real engine (DuckDB) on
// R survey's api data is tested in packages/cli/src/weigh/duckdb.test.ts.
import { table } from 'arquero';
import { describe, expect, it } from 'vitest';
import { DataError } from '../errors';
import { designSumsSql, weightedToplinesFromSums } from './sql';
import { weightedToplines } from './weighted-toplines';

/** The query with its quoted identifiers and string literals blanked: what is left is SQL. */
function code(sql: string): string {
  return sql
    .replace(/"(?:[^"]|"")*"/g, '"id"')
    .replace(/`[^`]*`/g, '`id`')
    .replace(/'(?:[^']|'')*'/g, "'lit'");
}

const base = { from: 'people', weights: 'w', questions: ['q'] };

describe('designSumsSql', () => {
  it('writes one query: the domains, the sums by domain, PSU and answer, the strata', () => {
    const sql = designSumsSql({ ...base, strata: 's', psu: 'c', fpc: 'f', by: ['g', 'q'] });
    expect(sql.startsWith('WITH "domains" AS (')).toBe(true);
    // q in the whole sample and by g (not by itself): two domains, each read twice
    expect(sql.match(/FROM people/g)?.length).toBe(2 * 2 + 2);
    expect(sql).toContain(
      'GROUP BY "question", "grouping", "group_value", "stratum", "psu", "answer"',
    );
    expect(sql).toContain('COUNT(DISTINCT "c") AS "psus"');
    expect(sql).toContain('HAVING COUNT(DISTINCT "s") > 1');
    expect(sql).toContain('"ss_w"');
    expect(sql).not.toContain('VAR_POP');
    expect(sql).toContain('LN(1 + 1 / "u")');
    expect(code(sql)).not.toMatch(/;/);
  });

  it('gives Σ(w − w̄)² without PSUs, replicate sums and cross products, no first step when asked', () => {
    const strata = designSumsSql({ ...base, strata: 's', nest: true });
    expect(strata).toContain('COUNT(*) * VAR_POP("w") AS "ss_w"');
    expect(strata).not.toContain('HAVING');
    const replicates = designSumsSql({ ...base, replicates: ['r1', 'r2', 'r3'], firstStep: false });
    expect(replicates).toContain('SUM("rw_3") AS "r_3"');
    expect(replicates.match(/SUM\("rw_\d" \* "rw_\d"\) AS "x_\d_\d"/g)).toHaveLength(6);
    expect(replicates).not.toContain('WITH');
    expect(replicates).not.toContain('LN(');
    const noCross = designSumsSql({ ...base, replicates: ['r1', 'r2'], crossProducts: false });
    expect(noCross).not.toContain('"x_1_1"');
    expect(
      designSumsSql({ ...base, replicates: ['r1', 'r2'], replicateMultipliers: true }),
    ).toContain('CAST("w" AS DOUBLE) * CAST("r1" AS DOUBLE) AS "rw_1"');
  });

  it('writes the dialects: quotes and type names', () => {
    expect(designSumsSql({ ...base, dialect: 'postgres' })).toContain(
      'CAST("w" AS DOUBLE PRECISION)',
    );
    const bigquery = designSumsSql({ ...base, by: 'g', dialect: 'bigquery' });
    expect(bigquery).toContain('CAST(`w` AS FLOAT64)');
    expect(bigquery).toContain('CAST(`g` AS STRING)');
    expect(bigquery).not.toContain('"');
    expect(designSumsSql({ ...base, dialect: 'spark' })).toContain('WITH `domains` AS (');
  });

  it('quotes hostile column names and missing codes so that they stay data', () => {
    const hostile = 'x" FROM people; DROP TABLE people; --';
    const sql = designSumsSql({
      ...base,
      weights: hostile,
      strata: "s'; DELETE FROM t; --",
      questions: [{ column: 'q"q', missing: ["a'; DROP TABLE t; --", 9] }],
    });
    expect(sql).toContain('"x"" FROM people; DROP TABLE people; --"');
    expect(sql).toContain("'a''; DROP TABLE t; --'");
    expect(sql).toContain('"q""q" NOT IN (\'a\'\'; DROP TABLE t; --\', 9)');
    const left = code(sql);
    expect(left).not.toMatch(/DROP|DELETE|;|--/);
    // where backticks quote, a backtick or backslash has no safe escape: refused
    for (const column of ['a`b', 'a\\b']) {
      expect(() => designSumsSql({ ...base, weights: column, dialect: 'bigquery' })).toThrow(
        DataError,
      );
    }
    expect(() =>
      designSumsSql({ ...base, questions: [{ column: 'q', missing: ["it's"] }], dialect: 'spark' }),
    ).toThrow(/cannot quote/);
    expect(() => designSumsSql({ ...base, weights: 'a\u0000b' })).toThrow(/NUL/);
  });

  it('refuses what it cannot write', () => {
    const fails = (options: unknown, pattern: RegExp) => {
      expect(() => designSumsSql(options as never)).toThrow(pattern);
    };
    fails({ ...base, from: ' ' }, /from/);
    fails({ ...base, weights: '' }, /weights/);
    fails({ ...base, questions: [] }, /questions/);
    fails({ ...base, questions: [{ column: 'q', missing: [Number.NaN] }] }, /questions/);
    fails({ ...base, replicates: ['r1'] }, /two or more/);
    fails({ ...base, replicates: ['r1', 'r2'], strata: 's' }, /either replicate weights/);
    fails({ ...base, psu: ['c', 'd'], fpc: 'f' }, /multistage/);
    fails({ ...base, dialect: 'oracle' }, /dialect/);
  });
});

/**
 * The rows of designSumsSql's query computed here, for a table of respondents: what any
 * engine returns (the strata part, and the sums by domain, cell and answer).
 */
function rowsOf(
  data: Record<string, (string | number | null)[]>,
  o: { weights: string; strata?: string; psu?: string; questions: string[]; by?: string[] },
): Record<string, unknown>[] {
  const n = (data[o.weights] as number[]).length;
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  const rows: Record<string, unknown>[] = [];
  const strata = new Map<string, { n: number; psus: Set<string | null> }>();
  for (let i = 0; i < n; i++) {
    const h = o.strata === undefined ? '' : (text(data[o.strata]?.[i]) as string);
    const e = strata.get(h) ?? { n: 0, psus: new Set() };
    e.n++;
    e.psus.add(o.psu === undefined ? String(i) : text(data[o.psu]?.[i]));
    strata.set(h, e);
  }
  for (const [h, e] of strata) {
    rows.push({
      part: 'strata',
      stratum: h,
      n: BigInt(e.n),
      psus: BigInt(e.psus.size),
      bad_weights: 0n,
    });
  }
  o.questions.forEach((q, qi) => {
    const groupings = [null, ...(o.by ?? [])];
    groupings.forEach((g, gi) => {
      if (g === q) return;
      const domains = new Map<string, number[]>();
      for (let i = 0; i < n; i++) {
        const a = text(data[q]?.[i]);
        const v = g === null ? '' : text(data[g]?.[i]);
        if (a === null || a.trim() === '' || v === null) continue;
        domains.set(v, [...(domains.get(v) ?? []), i]);
      }
      for (const [value, members] of domains) {
        const w = (i: number) => (data[o.weights] as number[])[i] as number;
        const mean = members.reduce((s, i) => s + w(i), 0) / members.length;
        const cells = new Map<string, number[]>();
        for (const i of members) {
          const key = JSON.stringify([
            o.strata === undefined ? '' : text(data[o.strata]?.[i]),
            o.psu === undefined ? null : text(data[o.psu]?.[i]),
            text(data[q]?.[i]),
          ]);
          cells.set(key, [...(cells.get(key) ?? []), i]);
        }
        for (const [key, list] of cells) {
          const [stratum, psu, answer] = JSON.parse(key);
          const ws = list.map(w);
          const sum = ws.reduce((s, x) => s + x, 0);
          const wbar = sum / ws.length;
          const terms = ws.map((x) => {
            const t = x / mean;
            const u = 2 * t + 1;
            const ww = (t * u) / ((u + 1) * (u + 1));
            return [t, 2 * t * Math.log(1 + 1 / u), ww, ww * (Math.log(u) + (u + 1) / u)];
          });
          const total = (j: number) => terms.reduce((s, t) => s + (t[j] as number), 0);
          rows.push({
            part: 'sums',
            question: qi,
            grouping: gi,
            group_value: value,
            stratum,
            psu,
            answer,
            n: BigInt(list.length),
            sum_w: sum,
            ss_w: o.psu === undefined ? ws.reduce((s, x) => s + (x - wbar) ** 2, 0) : null,
            sum_wt: total(0),
            dev: total(1),
            ww: total(2),
            wwz: total(3),
          });
        }
      }
    });
  });
  return rows.reverse(); // an engine's order is its own
}

describe('weightedToplinesFromSums', () => {
  const data = {
    q: ['yes', 'no', 'yes', 'yes', null, 'no', 'no', 'yes', 'maybe', 'no', 'yes', ' '],
    k: [1, 2, 2, 3, 1, 1, 3, 2, 2, 1, 3, 3],
    w: [1, 2, 1, 2, 1, 2, 3, 1, 2, 1.5, 1, 2],
    s: ['a', 'a', 'a', 'a', 'a', 'a', 'b', 'b', 'b', 'b', 'b', 'b'],
    c: [1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6],
    g: ['x', 'y', 'x', 'y', 'x', 'y', 'x', 'y', 'x', 'y', null, 'y'],
  };
  const respondents = table(data);
  const cases = [
    {
      name: 'clusters',
      options: { weights: 'w', strata: 's', psu: 'c', questions: ['q', 'k'], by: ['g', 'k'] },
    },
    {
      name: 'no clusters',
      options: { weights: 'w', strata: 's', questions: ['q', 'k'], by: ['g'] },
    },
  ];
  for (const c of cases) {
    for (const method of ['logit', 'likelihood', 'beta', 'mean'] as const) {
      it(`equals weightedToplines: ${c.name}, ${method}`, () => {
        const got = weightedToplinesFromSums(rowsOf(data, c.options), { ...c.options, method });
        const want = weightedToplines(respondents, { ...c.options, method });
        const a = got.results.objects() as Record<string, unknown>[];
        const b = want.results.objects() as Record<string, unknown>[];
        expect(
          a.map((r) => [
            r['question_id'],
            r['group_dim'],
            r['group_value'],
            r['option'],
            r['base_n'],
          ]),
        ).toEqual(
          b.map((r) => [
            r['question_id'],
            r['group_dim'],
            r['group_value'],
            r['option'],
            r['base_n'],
          ]),
        );
        a.forEach((r, i) => {
          for (const key of ['percent', 'se', 'lower', 'upper', 'deff']) {
            const x = r[key] as number;
            const y = b[i]?.[key] as number;
            expect(Math.abs(x - y), `${key} ${i}: ${x} vs ${y}`).toBeLessThanOrEqual(
              1e-12 * Math.abs(y) + 1e-15,
            );
          }
        });
        expect(got.surveys.objects()).toEqual(want.surveys.objects());
        expect(got.questions.objects()).toEqual(want.questions.objects());
      });
    }
  }

  it('refuses the bad designs the engine counted, naming the column', () => {
    const options = { weights: 'w', strata: 's', psu: 'c', fpc: 'f', questions: ['q'] };
    const sums = {
      part: 'sums',
      question: 0,
      grouping: 0,
      group_value: '',
      stratum: 'a',
      psu: '1',
      answer: 'yes',
      n: 2n,
      sum_w: 2,
    };
    const stratum = {
      part: 'strata',
      stratum: 'a',
      n: 4n,
      psus: 2n,
      fpc_min: 10,
      fpc_max: 10,
      bad_weights: 0n,
      bad_ids: 0n,
      bad_fpc: 0n,
      bad_replicates: 0n,
    };
    const fails = (rows: Record<string, unknown>[], pattern: RegExp) => {
      let error: unknown;
      try {
        weightedToplinesFromSums(rows, { ...options, method: 'mean' });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DataError);
      expect((error as DataError).message).toMatch(pattern);
    };
    fails([{ ...stratum, bad_weights: 3n }, sums], /weight \(column "w"\).*3 rows/);
    fails([{ ...stratum, bad_ids: 1n }, sums], /PSU.*column "c".*1 row/);
    fails([{ ...stratum, fpc_max: 12 }, sums], /fpc.*10 to 12.*stratum "a"/);
    fails([{ ...stratum, stratum: null }, sums], /stratum/);
    fails(
      [stratum, { part: 'psus', psu: '7', stratum: 'a', group_value: 'b' }],
      /psu "7" in strata "a" and "b"/,
    );
    fails([stratum, { part: 'other' }], /part "other"/);
    fails([stratum], /no answer to "q"/);
  });
});
