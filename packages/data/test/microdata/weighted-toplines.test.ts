// weightedToplines against R's survey package 4.1.1 on its own api data (apistrat,
// apiclus1, apiclus2, and apiclus1 with JK1 replicate weights): every question, in the
// whole sample and in every group of the crosstab, every interval method. The reference
// values are test/fixtures/microdata/api-r.json, written by make-api.R beside it (R
// 4.2.2, survey 4.1.1, haven 2.5.1: see the file's `versions`).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { escape as closure, table } from 'arquero';
import { describe, expect, it } from 'vitest';
import {
  DataError,
  leads,
  reanalyze,
  type WeightedToplinesOptions,
  weightedToplines,
  withIntervals,
} from '../../src/index';
import { readMicrodata } from '../../src/node';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'microdata');

interface RInterval {
  lower: number | null;
  upper: number | null;
}
interface ROption {
  option: string;
  estimate: number;
  se: number;
  deff: number | null;
  intervals: Record<string, RInterval>;
}
interface RGroup {
  question: string;
  group_dim: string;
  group_value: string;
  n: number;
  degf: number;
  options: ROption[];
  vcov: number[][];
}
interface RDesign {
  name: string;
  file: string;
  options: Pick<WeightedToplinesOptions, 'weights' | 'strata' | 'psu' | 'fpc' | 'replicates'> & {
    replicateType?: 'JK1';
  };
  by: string[];
  results: RGroup[];
}
const reference = JSON.parse(readFileSync(join(fixtures, 'api-r.json'), 'utf8')) as {
  questions: string[];
  designs: RDesign[];
};

/** |actual − expected| ≤ 1e-9 relative (absolute below 1e-12: a zero stays a zero). */
function close(actual: unknown, expected: number, what: string): void {
  expect(typeof actual, what).toBe('number');
  const diff = Math.abs((actual as number) - expected);
  expect(
    diff <= 1e-9 * Math.abs(expected) || diff <= 1e-12,
    `${what}: ${actual} vs R ${expected}`,
  ).toBe(true);
}

type Row = Record<string, unknown>;
const key = (q: unknown, dim: unknown, value: unknown, option: unknown) =>
  JSON.stringify([q, dim, value, option]);

async function rowsOf(design: RDesign, extra: Partial<WeightedToplinesOptions>) {
  const { table: data } = await readMicrodata(join(fixtures, `${design.file}.csv`));
  const w = weightedToplines(data, {
    ...design.options,
    questions: reference.questions,
    by: design.by,
    ...extra,
  });
  const byKey = new Map<string, Row>();
  for (const r of w.results.objects() as Row[])
    byKey.set(key(r['question_id'], r['group_dim'], r['group_value'], r['option']), r);
  return { w, byKey };
}

describe('weightedToplines agrees with R survey 4.1.1 (api-r.json)', () => {
  for (const design of reference.designs) {
    const taylor = design.options.replicates === undefined;
    const methods = taylor ? ['logit', 'likelihood', 'beta', 'mean'] : ['logit', 'beta', 'mean'];
    it(`${design.name}: shares, se, deff, base n, covariance and the ${methods.join('/')} intervals of every question, total and by ${design.by.join(', ')}`, async () => {
      let compared = 0;
      for (const method of methods) {
        const { w, byKey } = await rowsOf(design, {
          method: method as NonNullable<WeightedToplinesOptions['method']>,
        });
        // every row R has is there, and nothing else
        const expectedRows = design.results.reduce((s, g) => s + g.options.length, 0);
        expect(w.results.numRows()).toBe(expectedRows);
        for (const g of design.results) {
          for (const [a, o] of g.options.entries()) {
            const what = `${design.name} ${method} ${g.question} ${g.group_dim}=${g.group_value} ${o.option}`;
            const row = byKey.get(key(g.question, g.group_dim, g.group_value, o.option));
            expect(row, what).toBeDefined();
            const r = row as Row;
            expect(r['base_n'], what).toBe(g.n);
            close(r['percent'], 100 * o.estimate, `${what} percent`);
            close(r['se'], o.se, `${what} se`);
            if (o.deff !== null && o.se > 0) close(r['deff'], o.deff, `${what} deff`);
            const cov = r['covariance'] as Record<string, number>;
            g.options.forEach((other, b) => {
              close(cov[other.option], (g.vcov[a] as number[])[b] as number, `${what} cov`);
            });
            // R has no interval where the share is 0 or 1, or has no variance (a stratum
            // share of a stratified sample): core's documented departures
            const ci = o.intervals[method] as RInterval;
            if (
              ci.lower !== null &&
              ci.upper !== null &&
              o.se > 0 &&
              o.estimate > 0 &&
              o.estimate < 1
            ) {
              // 'mean' is clipped to [0, 1] (core's documented departure; R's is not)
              const clip = (x: number) => (method === 'mean' ? Math.min(1, Math.max(0, x)) : x);
              close(r['lower'], clip(ci.lower), `${what} lower`);
              close(r['upper'], clip(ci.upper), `${what} upper`);
              compared++;
            }
          }
        }
      }
      expect(compared).toBeGreaterThan(50);
    });
  }

  it('level 0.9: the logit intervals of the whole sample', async () => {
    for (const design of reference.designs) {
      const { byKey } = await rowsOf(design, { level: 0.9 });
      for (const g of design.results.filter((x) => x.group_dim === 'total')) {
        for (const o of g.options) {
          const ci = o.intervals['logit90'] as RInterval;
          if (ci.lower === null || o.se === 0) continue;
          const r = byKey.get(key(g.question, 'total', 'total', o.option)) as Row;
          close(r['lower'], ci.lower, `${design.name} ${g.question} ${o.option} lower 90%`);
          close(
            r['upper'],
            ci.upper as number,
            `${design.name} ${g.question} ${o.option} upper 90%`,
          );
        }
      }
    }
  });
});

describe('weightedToplines: the results layout downstream', () => {
  const apistrat = reference.designs[0] as RDesign;

  it('leaves missing answers out question by question and says so in base_n', async () => {
    const { w } = await rowsOf(apistrat, {});
    const base = (q: string) =>
      w.results
        .filter(closure((d: Row) => d['question_id'] === q && d['group_dim'] === 'total'))
        .array('base_n');
    const data = (await readMicrodata(join(fixtures, 'apistrat.csv'))).table;
    const answered = (q: string) => data.array(q).filter((v: unknown) => v !== null).length;
    expect(base('awards')[0]).toBe(200);
    expect(base('target_met')[0]).toBe(answered('target_met'));
    expect(base('class_k3')[0]).toBe(answered('class_k3'));
    expect(answered('class_k3')).toBeLessThan(200);
    expect(w.surveys.objects()[0]).toMatchObject({
      survey_id: 'microdata',
      n: 200,
      weighting: 'weighted',
      sample_type: 'unknown',
      mode: null,
      title: null,
      notes:
        'design-based, weights pw, strata stype, fpc fpc; 200 respondents (computed from respondent-level data)',
    });
    expect(w.questions.array('response_type')).toEqual(reference.questions.map(() => 'single'));
  });

  it('withIntervals uses each row’s design-based variance: a Wald interval is p ± z·se', async () => {
    const { w } = await rowsOf(apistrat, {});
    const wald = withIntervals(w.results, { method: 'wald' });
    const z = 1.959963984540054;
    for (const r of wald.objects() as Row[]) {
      const p = (r['percent'] as number) / 100;
      const se = r['se'] as number;
      if (se < 1e-12) {
        // a stratum's share of the sample stratified on it: fixed by the design
        expect([r['lower'], r['upper'], r['moe'], r['question_id']]).toEqual([p, p, 0, 'stype']);
        expect(r['interval_note']).toMatch(/^no sampling variance \(se 0\)/);
        continue;
      }
      if (!(p > 0 && p < 1)) continue;
      close(r['moe'], z * se, `moe of ${r['question_id']} ${r['option']}`);
      close(r['lower'], Math.max(0, p - z * se), `lower of ${r['question_id']} ${r['option']}`);
    }
  });

  it('a lead between two options uses the design covariance: se² = V11 + V22 − 2·V12 (R svycontrast)', async () => {
    const { w } = await rowsOf(apistrat, {});
    const rows = w.results.filter(
      (d: Row) =>
        d['question_id'] === 'stype' && d['group_dim'] === 'yr_rnd' && d['group_value'] === 'No',
    );
    const lead = leads(
      rows.assign({ response_type: ['single', 'single', 'single'] }),
    ).objects() as Row[];
    const g = apistrat.results.find(
      (x) => x.question === 'stype' && x.group_dim === 'yr_rnd' && x.group_value === 'No',
    ) as RGroup;
    const idx = (o: unknown) => g.options.findIndex((x) => x.option === o);
    for (const l of lead) {
      const a = idx(l['option_a']);
      const b = idx(l['option_b']);
      const v = g.vcov;
      const se = Math.sqrt(
        (v[a] as number[])[a]! + (v[b] as number[])[b]! - 2 * (v[a] as number[])[b]!,
      );
      close(
        ((l['upper'] as number) - (l['lower'] as number)) / (2 * 1.959963984540054),
        se,
        'lead se',
      );
    }
  });

  it('reanalyze() takes the output as it is: weighted, no count checks, design-based leads', async () => {
    const { w } = await rowsOf(apistrat, {});
    const doc = reanalyze(w);
    const survey = doc.surveys[0]!;
    expect(survey.weighting).toBe('weighted');
    expect(survey.n).toBe(200);
    const awards = survey.questions.find(
      (q) => q.questionId === 'awards' && q.groupDim === 'total',
    )!;
    expect(awards.n).toBe(200);
    expect(awards.options.map((o) => o.countCheck)).toEqual(['not-checked', 'not-checked']);
    expect(doc.summary.inconsistent).toBe(0);
    const lead = awards.leads[0]!;
    const g = apistrat.results.find((x) => x.question === 'awards' && x.group_dim === 'total')!;
    const v = g.vcov;
    close(lead.se, Math.sqrt(v[0]![0]! + v[1]![1]! - 2 * v[0]![1]!), 'reanalysis lead se');
    const moe = awards.options[0]!.moe as number;
    close(moe, 1.959963984540054 * g.options[0]!.se, 'reanalysis moe');
  });

  it('reanalyze() shows the design interval the rows carry (R svyciprop), or the chosen method', async () => {
    for (const method of ['logit', 'beta'] as const) {
      const { w } = await rowsOf(apistrat, { method });
      const doc = reanalyze(w);
      const rows = w.results.objects() as Row[];
      let compared = 0;
      for (const q of doc.surveys[0]!.questions) {
        for (const o of q.options) {
          const r = rows.find(
            (x) =>
              x['question_id'] === q.questionId &&
              x['group_dim'] === q.groupDim &&
              x['group_value'] === q.groupValue &&
              x['option'] === o.option,
          )!;
          expect([o.lower, o.upper]).toEqual([r['lower'], r['upper']]);
          expect(o.model).toBe(`design-based (${method}, t with ${r['df']} degrees of freedom)`);
          expect(o.sentence).toContain(`The interval is design-based (${method}, t with`);
          compared++;
        }
      }
      expect(compared).toBe(rows.length);
      // the whole sample's design: 200 schools, 3 strata
      expect(rows[0]?.['df']).toBe(197);
    }
    // a method chosen for the run: that method at each row's effective n, and said so
    const { w } = await rowsOf(apistrat, {});
    const awards = reanalyze(w, { method: 'wilson' }).surveys[0]!.questions.find(
      (q) => q.questionId === 'awards' && q.groupDim === 'total',
    )!;
    const o = awards.options[0]!;
    const r = (w.results.objects() as Row[]).find(
      (x) =>
        x['question_id'] === 'awards' && x['group_dim'] === 'total' && x['option'] === o.option,
    )!;
    expect(o.lower).not.toBe(r['lower']);
    expect(o.model).toMatch(/^wilson at the effective n p\(1 − p\)\/se² = /);
  });

  it('a share the design fixes: se 0, deff 0, no effective n, a note, and no lead test', async () => {
    const { w } = await rowsOf(apistrat, {});
    const stype = (w.results.objects() as Row[]).filter(
      (r) => r['question_id'] === 'stype' && r['group_dim'] === 'total',
    );
    expect(stype).toHaveLength(3);
    for (const r of stype) {
      expect([r['se'], r['deff'], r['n_effective']]).toEqual([0, 0, null]);
      expect(r['lower']).toBe(r['upper']);
    }
    const doc = reanalyze(w);
    const text = JSON.stringify(doc);
    expect(text).not.toMatch(/Infinity|NaN|e\+[1-9]\d/);
    const q = doc.surveys[0]!.questions.find(
      (x) => x.questionId === 'stype' && x.groupDim === 'total',
    )!;
    for (const o of q.options) {
      expect(o.notes.join(' ')).toMatch(/the design fixes this share/);
      expect(o.lower).toBe(o.upper);
      expect(o.lower).toBeCloseTo(o.estimate as number, 15);
      expect(o.moe).toBe(0);
    }
    for (const l of q.leads) {
      expect(l.verdict).toBe('not-computed');
      expect(l.notes.join(' ')).toMatch(/the design fixes the two shares/);
    }
  });
});

describe('weightedToplines: bad input', () => {
  const people = table({
    q: ['a', 'b', 'a', 'b'],
    w: [1, 2, 1, 2],
    s: ['x', 'x', 'y', 'y'],
  });
  const fails = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return e as DataError;
    }
    throw new Error('did not throw');
  };

  it('names the columns it cannot find and lists the table’s', () => {
    const e = fails(() => weightedToplines(people, { questions: ['q', 'qq'], weights: 'wt' }));
    expect(e).toBeInstanceOf(DataError);
    expect(e.code).toBe('missing-column');
    expect(e.message).toBe(
      'weightedToplines found no column "qq", "wt" in the table; its columns are "q", "w", "s"',
    );
  });

  it('refuses a weight that is not a number above 0, naming the row', () => {
    for (const [bad, shown] of [
      [0, '0'],
      [-1, '-1'],
      [Number.NaN, 'NaN'],
      [null, 'null'],
    ] as const) {
      const e = fails(() =>
        weightedToplines(people.assign({ w: [1, 2, bad, 2] }), { questions: ['q'], weights: 'w' }),
      );
      expect(e.code).toBe('invalid-value');
      expect(e.message).toBe(
        `weightedToplines requires every weight (column "w") to be a number above 0, got ${shown} at row 3`,
      );
    }
  });

  it('refuses an empty stratum, a question nobody answered, replicates without a type', () => {
    expect(
      fails(() =>
        weightedToplines(people.assign({ s: ['x', null, 'y', 'y'] }), {
          questions: ['q'],
          weights: 'w',
          strata: 's',
        }),
      ).message,
    ).toBe(
      'weightedToplines requires a stratum for every respondent, but column "s" is empty at row 2',
    );
    expect(
      fails(() =>
        weightedToplines(people.assign({ q: [null, '', ' ', Number.NaN] }), {
          questions: ['q'],
          weights: 'w',
        }),
      ).message,
    ).toBe('weightedToplines found no answer to "q": every respondent\'s is missing');
    expect(
      fails(() =>
        weightedToplines(people, { questions: ['q'], weights: 'w', replicates: ['w', 'w'] }),
      ).code,
    ).toBe('invalid-option');
  });
});
