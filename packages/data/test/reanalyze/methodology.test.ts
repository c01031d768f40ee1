// One worked example per rule of docs/methodology.md, each with its right
// answer computed independently: in R by test/fixtures/methodology.R
// (methodology-r.json), or by hand in the comment.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pollAverage, trendTest } from '@toplines/core';
import { table } from 'arquero';
import { describe, expect, it } from 'vitest';
import { load, reanalyze } from '../../src/index';
import { canFail } from '../../src/reanalyze/figure';

const R = JSON.parse(
  readFileSync(join(__dirname, '..', 'fixtures', 'methodology-r.json'), 'utf8'),
) as Record<string, Record<string, number & number[]>>;
const close = (got: number | null | undefined, want: number, tol = 1e-9) =>
  expect(Math.abs((got as number) - want)).toBeLessThan(tol * Math.max(1, Math.abs(want)));

const bundled = reanalyze(load());
const api = bundled.surveys.find((s) => s.surveyId === 'api-2025-jp');
const question = (id: string, group = 'total') =>
  bundled.surveys
    .flatMap((s) => s.questions)
    .find((q) => q.questionId === id && q.groupValue === group);

/** A one-survey package: results rows, and the survey's row. */
function poll(
  rows: Record<string, unknown>[],
  survey: Record<string, unknown> = {},
  questions: Record<string, unknown>[] = [],
) {
  const column = (rs: Record<string, unknown>[], name: string) => rs.map((r) => r[name] ?? null);
  const names = (rs: Record<string, unknown>[]) => [...new Set(rs.flatMap((r) => Object.keys(r)))];
  const toTable = (rs: Record<string, unknown>[]) =>
    table(Object.fromEntries(names(rs).map((k) => [k, column(rs, k)])));
  return {
    results: toTable(rows.map((r) => ({ survey_id: 's', question_id: 'q', ...r }))),
    surveys: toTable([{ survey_id: 's', title: 'a poll', ...survey }]),
    ...(questions.length === 0
      ? {}
      : { questions: toTable(questions.map((q) => ({ survey_id: 's', ...q }))) }),
  };
}

describe('1. bases of follow-up questions', () => {
  it('infers the base of korea-unimportant-reasons as 30.2% of 1,037: 313, and its lead is within its margin', () => {
    const q = question('korea-unimportant-reasons');
    expect(R['inferred_base']?.['fits']).toEqual(313); // the only count printing as 30.2
    expect(q?.inferredBase).toMatchObject({ n: 313, min: 313, max: 313, of: 1037 });
    expect(q?.n).toBe(313);
    const lead = q?.leads[0];
    close(lead?.upper, R['inferred_base']?.['upper'] as number);
    close(lead?.pValue, R['inferred_base']?.['p_value'] as number);
    expect(lead?.verdict).toBe('within-margin');
    expect(q?.options.every((o) => o.countCheck === 'not-checked')).toBe(true);
  });

  it('gives the range the rounding allows when several counts print as the share', () => {
    // 51.7% of 1,037 (trilateral cooperation, "in favor"): 100·536/1037 = 51.687,
    // 100·537/1037 = 51.784: only 536 prints as 51.7; whole percentages allow more.
    const base = question('trilateral-cooperation-support-reasons')?.inferredBase;
    expect(base).toMatchObject({ n: 536, min: 536, max: 536 });
    const p = poll(
      [
        { question_id: 'filter', option: 'yes', percent: 40, base_n: 200 },
        { question_id: 'filter', option: 'no', percent: 60, base_n: 200 },
        { question_id: 'why', option: 'a', percent: 50 },
        { question_id: 'why', option: 'b', percent: 30 },
      ],
      { n: 200 },
      [
        { question_id: 'filter', response_type: 'single', base: 'all respondents' },
        {
          question_id: 'why',
          response_type: 'single',
          base: 'those who said yes',
          base_question_id: 'filter',
          base_options: 'yes',
        },
      ],
    );
    // 40% (no decimals) of 200: |100x/200 − 40| ≤ 0.5 for x = 79, 80, 81 (39.5%, 40.0%, 40.5%;
    // a share exactly halfway is counted, as consistentCounts does), so the base is 79 to 81
    const why = reanalyze(p).surveys[0]?.questions.find((q) => q.questionId === 'why');
    expect(why?.inferredBase).toMatchObject({ n: 80, min: 79, max: 81, percent: 40, of: 200 });
    expect(why?.caveats.join(' ')).toMatch(/about 80 respondents \(79 to 81/);
  });

  it('shows a subgroup of unknown size at fractions of the survey n, never more', () => {
    const q = question('relations-change', '70s');
    const survey = bundled.surveys.find((s) => s.surveyId === 'jxpress-2025-07');
    expect(survey?.n).toBeNull();
    // a tenth, a quarter and half of the middle assumed survey size (1,000)
    expect(q?.assumedN).toEqual([100, 250, 500]);
    const known = reanalyze(
      poll([{ option: 'x', percent: 30, group_dim: 'age', group_value: '18-29' }], { n: 800 }),
    );
    expect(known.surveys[0]?.questions[0]?.assumedN).toEqual([80, 200, 400]);
  });
});

describe('2. published margins', () => {
  const published = (moe: number, n: number) =>
    reanalyze(
      poll(
        [
          { option: 'a', percent: 40.5 },
          { option: 'b', percent: 34.5 },
        ],
        { n, moe_reported: moe },
        [{ question_id: 'q', response_type: 'single', base: 'all respondents' }],
      ),
    ).surveys[0];

  it('uses the design effect a published ±3.1 implies at n = 1,037, with its rounding range', () => {
    const s = published(3.1, 1037);
    close(s?.deff, R['published_margin']?.['point'] as number);
    close(s?.impliedDeffRange?.[0], R['published_margin']?.['low'] as number);
    close(s?.impliedDeffRange?.[1], R['published_margin']?.['high'] as number);
    expect(s?.deffSource).toBe('published-margin');
    const lead = s?.questions[0]?.leads[0];
    expect(lead?.sentence).toContain('The poll’s published ±3.1 is for one share');
  });

  it('never goes below 1: a margin smaller than a random sample allows is flagged', () => {
    const s = published(2.5, 1000);
    expect(R['published_margin']?.['below_one_high']).toBeLessThan(1);
    expect(s?.deff).toBe(1);
    expect(s?.caveats.join(' ')).toMatch(/smaller than a simple random sample of 1,000 allows/);
  });

  it('is turned off by a design effect given as a number', () => {
    const d = reanalyze(poll([{ option: 'a', percent: 40 }], { n: 1037, moe_reported: 4 }), {
      deff: 1,
    });
    expect(d.surveys[0]?.deff).toBe(1);
    expect(d.surveys[0]?.deffSource).toBe('option');
  });

  it('never calls a margin the poll did not publish its "headline"', () => {
    const text = JSON.stringify(bundled);
    expect(text).not.toMatch(/headline ±|poll’s published/);
  });
});

describe('3. opt-in and undescribed samples', () => {
  it('an opt-in sample gets a Bayesian credibility interval with its model, and no margin of error', () => {
    const d = reanalyze(
      poll([{ option: 'a', percent: 40.5, base_n: 1037 }], {
        n: 1037,
        sample_type: 'nonprobability',
      }),
    );
    const f = d.surveys[0]?.questions[0]?.options[0];
    expect(f?.interval).toBe('credibility');
    close(f?.lower, R['credibility']?.['lower'] as number, 1e-12);
    close(f?.upper, R['credibility']?.['upper'] as number, 1e-12);
    expect(f?.model).toMatch(/Beta\(0\.5, 0\.5\)/);
    expect(f?.moe).toBeNull();
    expect(JSON.stringify(d)).not.toMatch(/margin of error(?! applies)/);
  });

  it('an undescribed online sample is told its interval is a lower bound', () => {
    expect(api?.caveats[0]).toMatch(/online sample.*lower bound on the uncertainty/);
  });
});

describe('4. multiplicity and meaningful comparisons', () => {
  const three = reanalyze(
    poll(
      [
        { option: 'x', percent: 40, base_n: 600 },
        { option: 'y', percent: 35, base_n: 600 },
        { option: 'z', percent: 25, base_n: 600 },
      ],
      {},
      [{ question_id: 'q', response_type: 'single' }],
    ),
  );

  it('adjusts the p-values of a question by Holm, keeping the raw ones (R p.adjust)', () => {
    const leads = three.surveys[0]?.questions[0]?.leads ?? [];
    const byPair = (a: string, b: string) => leads.find((l) => l.optionA === a && l.optionB === b);
    const pairs = [byPair('x', 'y'), byPair('x', 'z'), byPair('y', 'z')];
    pairs.forEach((l, k) => {
      close(l?.pValue, R['holm']?.['raw']?.[k] as number);
      close(l?.pValueAdjusted, R['holm']?.['holm']?.[k] as number);
    });
    expect(three.summary.beyondMarginAdjusted).toBe(2);
  });

  it('BH and none as options', () => {
    const bh = reanalyze(
      poll(
        [
          { option: 'x', percent: 40, base_n: 600 },
          { option: 'y', percent: 35, base_n: 600 },
          { option: 'z', percent: 25, base_n: 600 },
        ],
        {},
        [{ question_id: 'q', response_type: 'single' }],
      ),
      { adjust: 'bh' },
    );
    const l = bh.surveys[0]?.questions[0]?.leads.find((x) => x.optionA === 'y');
    close(l?.pValueAdjusted, R['holm']?.['bh']?.[2] as number);
  });

  it('compares a scale by its nets, never a component with a net or two points of one side', () => {
    const q = question('japan-nuclear-weapons');
    expect(q?.leads.map((l) => [l.optionA, l.optionB])).toEqual([['opposed', 'in favor']]);
  });

  it('analyses a restated figure once', () => {
    const q = question('japan-nuclear-weapons-headline');
    expect(q?.restates).toBe('japan-nuclear-weapons');
    expect(q?.leads).toEqual([]);
    expect(q?.options.every((o) => o.lower === null && o.countCheck === 'not-checked')).toBe(true);
  });
});

describe('5. small samples', () => {
  it('uses the exact conditional binomial test when an expected count is below 5 (R binom.test)', () => {
    const d = reanalyze(
      poll(
        [
          { option: 'a', percent: 15, base_n: 20 },
          { option: 'b', percent: 5, base_n: 20 },
        ],
        {},
        [{ question_id: 'q', response_type: 'single' }],
      ),
    );
    const lead = d.surveys[0]?.questions[0]?.leads[0];
    expect(lead?.smallCounts).toBe(true);
    expect(lead?.test).toBe('exact-binomial');
    close(lead?.pValue, R['small_counts']?.['p_value'] as number, 1e-12);
  });
});

describe('6. the count check, and what it can say', () => {
  it('cannot fail when 100/n is at most the printed precision', () => {
    // n = 1,037 with one decimal: 100/1037 = 0.0964 ≤ 0.1, so every figure is some count's share
    expect(canFail(1037, 1)).toBe(false);
    expect(canFail(999, 1)).toBe(true); // 100/999 = 0.1001 > 0.1
    expect(canFail(100, 0)).toBe(false);
    expect(canFail(99, 0)).toBe(true);
    const us = question('us-impression');
    expect(us?.options[0]?.countCheck).toBe('cannot-fail');
    expect(bundled.summary.checkableFigures).toBe(0);
  });

  it('says the counts assume unweighted figures when the source does not say', () => {
    expect(api?.weighting).toBeNull();
    expect(api?.caveats.join(' ')).toMatch(/assume unweighted figures/);
  });
});

describe('7. verdicts', () => {
  it('larger than / within its margin, with the probability the leader is ahead; no "tie", no "real lead"', () => {
    const lead = question('korea-unimportant-reasons')?.leads[0];
    expect(lead?.probabilityAhead).toBeGreaterThan(0.5);
    expect(lead?.sentence).toMatch(
      /within its margin of error; the probability that .* is really ahead is 0\.\d\d/,
    );
    expect(JSON.stringify(bundled)).not.toMatch(/\btie\b|real lead|cannot tell/);
  });
});

describe('8. qualified figures', () => {
  it('"more than 80%" gets a one-sided lower bound (R prop.test at 90%)', () => {
    const d = reanalyze(poll([{ option: 'x', percent: 80, qualifier: 'more-than', base_n: 500 }]));
    const f = d.surveys[0]?.questions[0]?.options[0];
    expect(f?.bound).toBe('lower');
    expect(f?.upper).toBeNull();
    close(f?.lower, R['more_than']?.['lower'] as number, 1e-12);
  });

  it('"about 45%" gets a note that the interval is for the rounded figure', () => {
    const f = question('us-relations-outlook-headline')?.options[0];
    // a restatement; the detailed figure is analysed under us-relations-outlook
    expect(f?.notes.join(' ')).toMatch(/restates/);
    const d = reanalyze(poll([{ option: 'x', percent: 45, qualifier: 'approx', base_n: 500 }]));
    expect(d.surveys[0]?.questions[0]?.options[0]?.notes.join(' ')).toMatch(/rounded figure/);
  });
});

describe('9. across polls', () => {
  const across = bundled.acrossPolls.find((a) => a.construct === 'japan-us-relations-current');

  it('tests the University of Tokyo fall (45% to 18%, n not given) on possible counts with exact tests', () => {
    const change = across?.changes.find((c) => c.organization === 'University of Tokyo');
    expect(change).toMatchObject({ percentFrom: 45, percentTo: 18, verdict: 'n-unknown' });
    // docs/scripts/small-samples.R (R fisher.test): significant at every possible n from 33
    // per wave (15 vs 6, p = 0.0332); at 23 per wave, where the large-sample test would say
    // so, 45% is not a possible figure.
    expect(change?.minimumN).toBe(33);
  });

  it('says what differs between the polls, and never pools polls without n', () => {
    expect(across?.polls).toHaveLength(4);
    expect(across?.pooled).toBeNull();
    expect(across?.caveats.join(' ')).toMatch(/differently worded questions/);
    expect(across?.caveats.join(' ')).toMatch(/3 of the 4 polls give no sample size/);
  });

  it('with n: the trend test over three waves and a pooled estimate, as core computes them', () => {
    const rows = [
      { survey_id: 'w1', option: 'yes', percent: 45, base_n: 1000 },
      { survey_id: 'w2', option: 'yes', percent: 38, base_n: 1000 },
      { survey_id: 'w3', option: 'yes', percent: 30, base_n: 1000 },
      { survey_id: 'other', option: 'yes', percent: 35, base_n: 800 },
    ].map((r) => ({ question_id: 'q', ...r }));
    const surveys = [
      { survey_id: 'w1', organization: 'A', field_start: '2024-01-01', field_end: '2024-01-05' },
      { survey_id: 'w2', organization: 'A', field_start: '2024-06-01', field_end: '2024-06-05' },
      { survey_id: 'w3', organization: 'A', field_start: '2025-01-01', field_end: '2025-01-05' },
      { survey_id: 'other', organization: 'B', field_start: '2024-06-10', field_end: '2024-06-12' },
    ];
    const questions = surveys.map((s) => ({
      survey_id: s.survey_id,
      question_id: 'q',
      response_type: 'single',
      base: 'all respondents',
      construct: 'c',
      construct_option: 'yes',
    }));
    const toTable = (rs: Record<string, unknown>[]) =>
      table(Object.fromEntries(Object.keys(rs[0] as object).map((k) => [k, rs.map((r) => r[k])])));
    const d = reanalyze({
      results: toTable(rows),
      surveys: toTable(surveys),
      questions: toTable(questions),
    });
    const a = d.acrossPolls[0];
    expect(a?.trend?.pValue).toBe(trendTest([0.45, 0.38, 0.3], [1000, 1000, 1000]).pValue);
    const pooled = pollAverage(
      [
        { p: 0.45, n: 1000 },
        { p: 0.38, n: 1000 },
        { p: 0.35, n: 800 },
        { p: 0.3, n: 1000 },
      ],
      { method: 'reml', scale: 'logit', test: 'knha' },
    );
    expect(a?.pooled?.estimate).toBe(pooled.estimate);
    expect(a?.changes.map((c) => c.verdict)).toEqual(['beyond-margin', 'beyond-margin']);
  });
});
