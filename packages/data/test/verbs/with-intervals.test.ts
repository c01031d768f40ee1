import { not, table } from 'arquero';
import { describe, expect, it } from 'vitest';
import { DataError, load, parseResultsCsv, withIntervals } from '../../src/index';
import reference from '../fixtures/reference-r.json';
import { RESULTS_HEADER } from '../helpers/mini-package';
import { columnsOf, expectNoNaN, expectTableEqual } from '../helpers/table-equal';

// Reference values: test/fixtures/reference.R (R 4.2.2), see reference-r.json.
const { results, surveys, questions } = load();
const usImpression = results
  .filter((d: { question_id: string }) => d.question_id === 'us-impression')
  .select('option', 'percent', 'qualifier', 'base_n');

describe('withIntervals', () => {
  it('adds n_used, estimate, Wilson lower/upper, moe and a null note (API, U.S. impression)', () => {
    const out = withIntervals(usImpression);
    expectTableEqual(out, {
      option: ['favorable impression', 'unfavorable impression'],
      percent: [40.5, 34.5],
      qualifier: ['exact', 'exact'],
      base_n: [1037, 1037],
      n_used: [1037, 1037],
      estimate: [0.405, 0.345],
      lower: reference.wilson.map((ci) => ci[0]!),
      upper: reference.wilson.map((ci) => ci[1]!),
      moe: reference.moe,
      interval_note: [null, null],
    });
  });

  it('passes method, level and deff to core', () => {
    const cp = withIntervals(usImpression, { method: 'clopper-pearson' });
    expect(cp.array('lower')[0]).toBeCloseTo(reference.clopper_pearson[0]![0]!, 10);
    expect(cp.array('upper')[1]).toBeCloseTo(reference.clopper_pearson[1]![1]!, 10);
    const ninety = withIntervals(usImpression, { level: 0.9 });
    expect(ninety.array('lower')[0]).toBeCloseTo(reference.wilson_90[0]![0]!, 12);
    const deff = withIntervals(usImpression, { deff: 1.5 });
    expect(deff.array('upper')[1]).toBeCloseTo(reference.wilson_deff_1_5[1]![1]!, 12);
    expect(deff.array('moe')[0]).toBeCloseTo(reference.moe_deff_1_5[0]!, 12);
  });

  it('does not change its input', () => {
    const before = columnsOf(usImpression);
    withIntervals(usImpression);
    expect(columnsOf(usImpression)).toEqual(before);
    expect(usImpression.columnNames()).not.toContain('n_used');
  });

  it('uses the survey n only for whole-sample rows of questions asked of all respondents', () => {
    const csv = parseResultsCsv(
      `${RESULTS_HEADER}\n` +
        'api-2025-jp,us-impression,total,total,favorable impression,40.5,exact,false,,s,40.5%\n' +
        'api-2025-jp,us-impression,age,70s,favorable impression,40.5,exact,false,,s,40.5%\n' +
        'api-2025-jp,us-favorable-reasons,total,total,security,31.0,exact,false,,s,31.0%\n' +
        'api-2025-jp,us-impression,total,total,unfavorable impression,34.5,exact,false,,s,34.5%\n',
    ).results!;
    expect(withIntervals(csv).array('n_used')).toEqual([null, null, null, null]);
    const out = withIntervals(csv, { surveys, questions });
    expect(out.array('n_used')).toEqual([1037, null, null, 1037]);
    expect(out.array('interval_note')).toEqual([null, 'n unknown', 'n unknown', null]);
    // the same, from joined n and base columns instead of the lookups
    const joined = csv
      .lookup(surveys.select('survey_id', 'n'))
      .lookup(questions.select('survey_id', 'question_id', 'base'));
    expect(withIntervals(joined).array('n_used')).toEqual([1037, null, null, 1037]);
  });

  it('gives rows without n null intervals and a note — never NaN, never a throw', () => {
    const jx = results.filter((d: { survey_id: string }) => d.survey_id === 'jxpress-2025-07');
    const out = withIntervals(jx, { surveys, questions });
    expectNoNaN(out);
    expect(new Set(out.array('lower'))).toEqual(new Set([null]));
    expect(out.array('interval_note')[0]).toBe(
      'n unknown; percent is approximate (qualifier approx)',
    );
    expect(out.array('interval_note')[1]).toBe(
      'n unknown; percent is a lower bound (qualifier more-than)',
    );
    expect(out.array('estimate')[0]).toBe(0.7);
  });

  it('computes qualified rows when n is known, and says they are qualified', () => {
    const headline = results.filter(
      (d: { question_id: string }) => d.question_id === 'us-relations-outlook-headline',
    );
    const out = withIntervals(headline);
    expect(out.array('interval_note')).toEqual(['percent is approximate (qualifier approx)']);
    expect(out.array('lower')[0]).toBeTypeOf('number');
  });

  it('notes a missing or impossible percent instead of throwing', () => {
    const t = table({ percent: [null, 140, 50], base_n: [100, 100, null] });
    const out = withIntervals(t);
    expectNoNaN(out);
    expect(out.array('interval_note')).toEqual([
      'percent missing',
      expect.stringMatching(/^not computed: proportionCI requires p to be a proportion/),
      'n unknown',
    ]);
  });

  it('throws DataError for a table without percent, and for bad options', () => {
    expect(() => withIntervals(table({ x: [1] }))).toThrow(
      new DataError('missing-column', 'withIntervals requires the table to have column "percent"'),
    );
    expect(() => withIntervals(usImpression, { level: 95 })).toThrow(
      'withIntervals requires level to be a number in (0, 1) such as 0.95, got 95',
    );
    expect(() => withIntervals(usImpression, { method: 'exact' as never })).toThrow(
      /requires method to be one of "wilson"/,
    );
    expect(() => withIntervals(usImpression, { deff: 0 })).toThrow(/deff/);
    expect(() => withIntervals([] as never)).toThrow(
      'withIntervals requires an arquero table, got an array of length 0',
    );
  });
});

describe('withIntervals with rounding', () => {
  const korea = results.filter(
    (d: { question_id: string; option: string }) =>
      d.question_id === 'korea-impression' && d.option === 'unfavorable impression',
  );

  it('reads the decimals from percent_text: "51.0" keeps 1, so one count fits (API, South Korea)', () => {
    expect(korea.array('percent_text')).toEqual(['51.0']);
    const out = withIntervals(korea, { surveys, questions, rounding: true });
    const r = reference.wilson_rounded_51_1;
    expect(out.columnNames().slice(-3)).toEqual(['moe', 'counts', 'interval_note']);
    expectTableEqual(out.select('n_used', 'lower', 'upper', 'counts', 'interval_note'), {
      n_used: [1037],
      lower: [r.lower],
      upper: [r.upper],
      counts: [r.counts],
      interval_note: [null],
    });
    // the moe stays the plain one, at the printed share
    expect(out.get('moe', 0)).toBe(withIntervals(korea, { surveys, questions }).get('moe', 0));
  });

  it('"51" (0 decimals, or decimals: 0) allows 11 counts and a wider interval', () => {
    const r = reference.wilson_rounded_51_0;
    const want = { lower: [r.lower], upper: [r.upper], counts: [r.counts] };
    const fixed = withIntervals(korea, { surveys, questions, rounding: true, decimals: 0 });
    expectTableEqual(fixed.select('lower', 'upper', 'counts'), want);
    // without percent_text, 51.0 is written 51: 0 decimals
    const bare = withIntervals(korea.select(not('percent_text')), {
      surveys,
      questions,
      rounding: true,
    });
    expectTableEqual(bare.select('lower', 'upper', 'counts'), want);
  });

  it('adds no counts column and keeps the plain interval without rounding', () => {
    const out = withIntervals(korea, { surveys, questions, rounding: false });
    expect(out.columnNames()).not.toContain('counts');
    expect(out.get('lower', 0)).toBe(withIntervals(korea, { surveys, questions }).get('lower', 0));
  });

  it('notes a figure no count out of n can produce, with null interval and 0 counts — no throw', () => {
    const t = table({
      percent: [50.5, 40, 50.5, 45],
      percent_text: ['50.5', '40', '50.5', '45'],
      qualifier: ['exact', 'exact', 'exact', 'approx'],
      base_n: [10, 10, null, 10],
    });
    const out = withIntervals(t, { rounding: true });
    expectNoNaN(out);
    expect(columnsOf(out)['lower']?.map((v) => v === null)).toEqual([true, false, true, false]);
    expect(out.array('counts')).toEqual([0, 1, null, null]);
    expect(out.array('interval_note')).toEqual([
      'no count out of n = 10 rounds to 50.5% (1 decimal)',
      null,
      'n unknown',
      'percent is approximate (qualifier approx); rounding not taken into account: a qualified figure implies no exact count',
    ]);
    // the qualified row keeps the interval at the printed figure
    expect(out.get('lower', 3)).toBe(withIntervals(t).get('lower', 3));
  });

  it('takes the figure as weighted when deff is not 1: counts null, half a unit either side', () => {
    const out = withIntervals(korea, { surveys, questions, rounding: true, deff: 1.5 });
    expect(out.get('counts', 0)).toBeNull();
    expect(out.get('lower', 0)).toBeLessThan(
      withIntervals(korea, { surveys, questions, deff: 1.5 }).get('lower', 0) as number,
    );
  });

  it('runs on every bundled row: no NaN, and every figure with n fits some count', () => {
    const out = withIntervals(results, { surveys, questions, rounding: true });
    expectNoNaN(out);
    expect(out.array('counts')).not.toContain(0);
    const known = (
      out.objects() as { n_used: number | null; qualifier: string; counts: number | null }[]
    ).filter((row) => row.n_used !== null && row.qualifier === 'exact');
    expect(known.length).toBeGreaterThan(0);
    for (const row of known) expect(row.counts).toBeGreaterThanOrEqual(1);
  });

  it('refuses bad rounding and decimals options', () => {
    expect(() => withIntervals(korea, { rounding: 1 as never })).toThrow(
      'withIntervals requires rounding to be true or false, got 1',
    );
    expect(() => withIntervals(korea, { rounding: true, decimals: 11 })).toThrow(
      'withIntervals requires decimals to be an integer from 0 to 10, got 11',
    );
  });
});
