// The engine: the bundled reanalysis against its golden document, the
// findings a reader checks by hand, options, and errors.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { leadTest, pairedDifference, proportionCI, sampleCaveat } from '@toplines/core';
import { table } from 'arquero';
import { describe, expect, it } from 'vitest';
import { DataError, load, reanalyze } from '../../src/index';
import { minimumN } from '../../src/reanalyze/lead';

const GOLDEN = join(__dirname, 'bundled.golden.json');
const doc = reanalyze(load());

/** Numbers rounded to 12 significant digits, so last-bit changes in core do not break the golden. */
function rounded(value: unknown): unknown {
  if (typeof value === 'number')
    return Number.isInteger(value) ? value : Number(value.toPrecision(12));
  if (Array.isArray(value)) return value.map(rounded);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rounded(v)]));
  return value;
}

describe('reanalyze(load())', () => {
  it('is the golden document (reviewed by hand; UPDATE_GOLDEN=1 rewrites it)', () => {
    const got = rounded(JSON.parse(JSON.stringify(doc)));
    if (process.env['UPDATE_GOLDEN'] === '1') {
      writeFileSync(GOLDEN, `${JSON.stringify(got, null, 2)}\n`);
    }
    expect(got).toEqual(JSON.parse(readFileSync(GOLDEN, 'utf8')));
  });

  it('is JSON as it is: no NaN, no undefined, no Infinity', () => {
    const text = JSON.stringify(doc);
    expect(JSON.parse(text)).toEqual(doc);
    expect(text).not.toMatch(/NaN|Infinity/);
  });

  it('keeps the surveys table order and every figure', () => {
    expect(doc.surveys[0]?.surveyId).toBe('api-2025-jp');
    expect(doc.summary.figures).toBe(load().results.numRows());
    expect(doc.input).toEqual({
      kind: 'bundled',
      path: null,
      title: 'bundled data: 2025 Japanese surveys on Japan–U.S. relations',
    });
  });

  it('a figure: the Wilson interval of core (R prop.test(correct = FALSE) agrees with core to 1e-14)', () => {
    const q = doc.surveys[0]?.questions.find((x) => x.questionId === 'us-impression');
    const fav = q?.options.find((o) => o.option === 'favorable impression');
    const ci = proportionCI(0.405, 1037);
    expect(fav?.lower).toBe(ci.lower);
    expect(fav?.upper).toBe(ci.upper);
    expect(fav?.countMin).toBe(420); // 420 / 1037 = 40.501…%: the only count that prints as 40.5
    expect(fav?.countMax).toBe(420);
    expect(fav?.sentence).toBe(
      'Favorable impression: 40.5%, with a 95% confidence interval of 37.6% to 43.5% (n = 1,037).',
    );
  });

  it('a lead of one single-choice question is leadTest, the larger share first', () => {
    const q = doc.surveys[0]?.questions.find((x) => x.questionId === 'us-impression');
    const lead = q?.leads[0];
    const reference = leadTest(0.405, 0.345, 1037);
    expect(lead?.optionA).toBe('favorable impression');
    expect(lead?.lower).toBe(reference.lower);
    expect(lead?.pValue).toBe(reference.pValue);
    expect(lead?.verdict).toBe('beyond-margin');
  });

  it('a check-all question: paired differences bounded over the overlap', () => {
    const q = doc.surveys[0]?.questions.find((x) => x.questionId === 'economic-partners');
    expect(q?.responseType).toBe('multiple');
    const lead = q?.leads[0];
    expect(lead?.kind).toBe('paired');
    const reference = pairedDifference(
      (lead?.percentA as number) / 100,
      (lead?.percentB as number) / 100,
      lead?.n as number,
    );
    expect(lead?.liberalLower).toBe(reference.liberal.lower);
    expect(lead?.overlapRange).toEqual(reference.overlapRange);
  });

  it('n unknown: scenarios at the assumed sizes, and the smallest n that would do', () => {
    const jx = doc.surveys.find((s) => s.surveyId === 'jxpress-2025-07');
    const q = jx?.questions.find((x) => x.questionId === 'peace-security-approach');
    const lead = q?.leads[0];
    expect(lead?.verdict).toBe('n-unknown');
    expect(lead?.scenarios.map((x) => x.n)).toEqual([500, 1000, 2000]);
    const m = lead?.minimumN as number;
    const sig = (n: number) => leadTest(0.417, 0.337, n).lower > 0;
    expect(sig(m)).toBe(true);
    expect(sig(m - 1)).toBe(false);
    expect(jx?.caveats.some((c) => c.startsWith('Where the source gives no sample size'))).toBe(
      true,
    );
  });

  it('says the sample-type caveat once per survey, not in every sentence', () => {
    const api = doc.surveys[0];
    // An undescribed online sample: the interval is a lower bound (AAPOR on opt-in samples).
    expect(api?.caveats[0]).toBe(sampleCaveat('unknown', { mode: 'online' }));
    expect(api?.caveats[0]).toMatch(/lower bound on the uncertainty/);
    const sentences = api?.questions.flatMap((q) => [
      ...q.options.map((o) => o.sentence),
      ...q.leads.map((l) => l.sentence),
    ]);
    expect(sentences?.some((s) => s?.includes('how the sample was drawn'))).toBe(false);
  });
});

describe('reanalyze: options and inputs', () => {
  it('a level, a method and a design effect reach every interval', () => {
    const d = reanalyze(load(), {
      level: 0.9,
      method: 'clopper-pearson',
      deff: 1.5,
      surveys: ['api-2025-jp'],
    });
    expect(d.surveys.map((s) => s.surveyId)).toEqual(['api-2025-jp']);
    const fav = d.surveys[0]?.questions
      .find((q) => q.questionId === 'us-impression')
      ?.options.find((o) => o.option === 'favorable impression');
    const ci = proportionCI(0.405, 1037, { level: 0.9, method: 'clopper-pearson', deff: 1.5 });
    expect(fav?.lower).toBe(ci.lower);
    expect(fav?.upper).toBe(ci.upper);
  });

  it('tables passed in code: a results table alone, of unknown type, inferred from the sum', () => {
    const results = table({
      survey_id: ['s', 's'],
      question_id: ['q', 'q'],
      option: ['yes', 'no'],
      percent: [55, 40],
      base_n: [400, 400],
    });
    const d = reanalyze({ results });
    expect(d.input.kind).toBe('tables');
    const q = d.surveys[0]?.questions[0];
    expect(q?.responseType).toBe('single');
    expect(q?.responseTypeInferred).toBe(true);
    expect(q?.leads[0]?.lower).toBe(leadTest(0.55, 0.4, 400).lower);
  });

  it('bad options are DataErrors that name the option and the value', () => {
    const bad = (options: unknown) => () => reanalyze(load(), options as never);
    expect(bad({ level: 95 })).toThrow(/level.*95/);
    expect(bad({ deff: -1 })).toThrow(/deff/);
    expect(bad({ assumeN: [0] })).toThrow(/assumeN/);
    expect(bad({ surveys: ['nope'] })).toThrow(/no survey "nope".*"api-2025-jp"/);
    expect(bad('x')).toThrow(DataError);
    expect(() => reanalyze({} as never)).toThrow(/reanalyze requires/);
  });
});

describe('minimumN', () => {
  it('0 difference never, else the boundary', () => {
    expect(minimumN(() => false, 0)).toBeNull();
    expect(minimumN((n) => n >= 345, 0.1)).toBe(345);
    expect(minimumN((n) => n >= 1, 0.1)).toBe(1);
    expect(minimumN(() => false, 0.1)).toBeNull();
  });
});
