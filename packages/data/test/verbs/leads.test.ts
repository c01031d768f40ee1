import { escape as closure, table } from 'arquero';
import { describe, expect, it } from 'vitest';
import { LEAD_COLUMNS, leads, load } from '../../src/index';
import reference from '../fixtures/reference-r.json';
import { columnsOf, expectNoNaN, expectTableEqual } from '../helpers/table-equal';

// Reference values: test/fixtures/reference.R (R 4.2.2), see reference-r.json.
const { results, surveys, questions } = load();

describe('leads', () => {
  it('tests the lead of favourable over unfavourable (API, U.S. impression)', () => {
    const out = leads(
      results.filter((d: { question_id: string }) => d.question_id === 'us-impression'),
      { surveys, questions },
    );
    expectTableEqual(
      out,
      {
        survey_id: ['api-2025-jp'],
        question_id: ['us-impression'],
        group_dim: ['total'],
        group_value: ['total'],
        source_id: ['api-interim-2025'],
        option_a: ['favorable impression'],
        option_b: ['unfavorable impression'],
        percent_a: [40.5],
        percent_b: [34.5],
        n_used: [1037],
        method: ['lead'],
        difference: [reference.lead.difference],
        lower: [reference.lead.lower],
        upper: [reference.lead.upper],
        z: [reference.lead.z],
        p_value: [reference.lead.p],
        significant: [true],
        lower_liberal: [null],
        upper_liberal: [null],
        overlap_min: [null],
        overlap_max: [null],
        note: [null],
      },
      1e-9,
    );
  });

  it('pairs every two options of a question, larger share first, and leaves out nets', () => {
    const out = leads(results, { surveys, questions });
    expect(out.columnNames()).toEqual([...LEAD_COLUMNS]);
    expectNoNaN(out);
    const korea = out.filter(
      (d: { question_id: string }) => d.question_id === 'korea-relations-outlook',
    );
    expect(korea.numRows()).toBe(3);
    expect(korea.array('option_a')).toEqual(['no change', 'no change', 'deterioration']);
    for (const row of out.objects() as { percent_a: number; percent_b: number }[]) {
      expect(row.percent_a).toBeGreaterThanOrEqual(row.percent_b);
    }
    const nuclear = out.filter(
      (d: { question_id: string }) => d.question_id === 'japan-nuclear-weapons',
    );
    expect(nuclear.array('option_a')).not.toContain('opposed'); // the net row
    expect(nuclear.numRows()).toBe(6); // four non-net options
  });

  it('pairs within one source only, and notes unknown n', () => {
    const jx = leads(
      results.filter((d: { question_id: string }) => d.question_id === 'peace-security-approach'),
      { surveys, questions },
    );
    expect(jx.numRows()).toBe(6); // three options in each of two sources
    expect(new Set(jx.array('source_id'))).toEqual(
      new Set(['strained-partnership-2025', 'csds-japan-under-trump-2025']),
    );
    expect(new Set(jx.array('note'))).toEqual(new Set(['n unknown']));
    expect(new Set(jx.array('significant'))).toEqual(new Set([null]));
  });

  it('leaves out questions of unknown type rather than guessing', () => {
    const t = table({
      survey_id: ['s', 's'],
      question_id: ['q', 'q'],
      option: ['a', 'b'],
      percent: [50, 40],
      base_n: [100, 100],
    });
    expect(leads(t).numRows()).toBe(0);
    const typed = leads(t.assign({ response_type: ['single', 'single'] }));
    expect(typed.numRows()).toBe(1);
    expect(typed.get('significant', 0)).toBe(false);
  });

  it('notes different n and shares past 100 instead of throwing', () => {
    const t = table({
      survey_id: ['s', 's', 's'],
      question_id: ['q', 'q', 'q'],
      option: ['a', 'b', 'c'],
      percent: [70, 60, 10],
      base_n: [100, 100, 90],
      response_type: ['single', 'single', 'single'],
    });
    const out = columnsOf(leads(t));
    expect(out['note']).toEqual([
      expect.stringMatching(
        /^not computed: leadTest requires two shares of one single-choice question/,
      ),
      'the two figures have different bases (n = 100 and 90): not one sample',
      'the two figures have different bases (n = 100 and 90): not one sample',
    ]);
    expect(out['difference']).toEqual([null, null, null]);
  });
});

type LeadRow = Record<(typeof LEAD_COLUMNS)[number], unknown>;

const PAIRED_NOTE =
  'check-all question, overlap not reported: difference, lower, upper, z and p_value are the ' +
  'conservative end (the smallest overlap the two shares allow); lower_liberal and ' +
  'upper_liberal the liberal end (the largest)';

/** The leads of one bundled question. */
function leadsOf(questionId: string, options: Parameters<typeof leads>[1] = {}) {
  return leads(
    results.filter(closure((d: { question_id: string }) => d.question_id === questionId)),
    { surveys, questions, ...options },
  );
}

describe('leads of check-all questions (pairedDifference)', () => {
  it('pairs every two options of economic partners (API, n = 1,037) at both ends of the overlap', () => {
    const out = leadsOf('economic-partners');
    expect(out.numRows()).toBe(10); // five options
    expect(new Set(out.array('method'))).toEqual(new Set(['paired']));
    expect(new Set(out.array('note'))).toEqual(new Set([PAIRED_NOTE]));
    expectNoNaN(out);
    const pick = (a: string, b: string) =>
      out.filter(closure((d: LeadRow) => d.option_a === a && d.option_b === b));
    const columns = [
      'difference',
      'lower',
      'upper',
      'z',
      'p_value',
      'significant',
      'lower_liberal',
      'upper_liberal',
      'overlap_min',
      'overlap_max',
    ];
    const expected = (r: typeof reference.paired_us_china, significant: boolean) => ({
      difference: [r.difference],
      lower: [r.lower],
      upper: [r.upper],
      z: [r.z],
      p_value: [r.p],
      significant: [significant],
      lower_liberal: [r.lower_liberal],
      upper_liberal: [r.upper_liberal],
      overlap_min: [r.overlap_min],
      overlap_max: [r.overlap_max],
    });
    expectTableEqual(
      pick('the United States', 'China').select(columns),
      expected(reference.paired_us_china, true),
      1e-9,
    );
    // China 37.3% vs India 35.9%: significant at the largest overlap, not at the smallest
    expectTableEqual(
      pick('China', 'India').select(columns),
      expected(reference.paired_china_india, false),
      1e-9,
    );
  });

  it('gives reasons asked of a subset (base_n not reported) null statistics and "n unknown"', () => {
    const out = leadsOf('trilateral-cooperation-support-reasons');
    expectTableEqual(out.select('option_a', 'option_b', 'method', 'n_used', 'note'), {
      option_a: ['curbing China’s military rise'],
      option_b: ['responding to North Korea’s nuclear and missile threats'],
      method: ['paired'],
      n_used: [null],
      note: ['n unknown'],
    });
    for (const name of LEAD_COLUMNS.slice(LEAD_COLUMNS.indexOf('difference'), -1)) {
      expect(out.get(name, 0), name).toBeNull();
    }
    expect(leadsOf('foreign-residents-oppose-reasons').array('note')).toEqual([
      'n unknown',
      'n unknown',
      'n unknown',
    ]);
  });

  it('uses a base_n when one is given (56.5% vs 53.2% of 536, as in core)', () => {
    const support = results
      .filter(
        (d: { question_id: string }) => d.question_id === 'trilateral-cooperation-support-reasons',
      )
      .derive({ base_n: () => 536 });
    const out = leads(support, { surveys, questions });
    const r = reference.paired_trilateral_536;
    expectTableEqual(
      out.select('n_used', 'difference', 'lower', 'upper', 'p_value', 'significant'),
      {
        n_used: [536],
        difference: [r.difference],
        lower: [r.lower],
        upper: [r.upper],
        p_value: [r.p],
        significant: [false],
      },
      1e-9,
    );
    expect(out.get('lower_liberal', 0)).toBeCloseTo(r.lower_liberal, 12);
  });

  it('never compares a single-choice question as paired, nor a check-all one as a lead', () => {
    const out = leads(results, { surveys, questions });
    const typeOf = new Map(
      (
        questions.objects() as { survey_id: string; question_id: string; response_type: string }[]
      ).map((q) => [`${q.survey_id}|${q.question_id}`, q.response_type]),
    );
    const rows = out.objects() as LeadRow[];
    const paired = rows.filter((row) => row.method === 'paired');
    expect(paired.length).toBeGreaterThan(0);
    expect(rows.filter((row) => row.method === 'lead').length).toBeGreaterThan(0);
    for (const row of rows) {
      const type = typeOf.get(`${row.survey_id}|${row.question_id}`);
      expect(row.method, `${row.question_id}: ${type}`).toBe(
        type === 'multiple' ? 'paired' : 'lead',
      );
      if (row.method === 'lead') {
        expect([row.lower_liberal, row.upper_liberal, row.overlap_min, row.overlap_max]).toEqual([
          null,
          null,
          null,
          null,
        ]);
        expect(String(row.note)).not.toContain('overlap');
      } else if (row.n_used !== null) {
        expect(row.note).toBe(PAIRED_NOTE);
        expect(row.lower_liberal as number).toBeGreaterThanOrEqual(row.lower as number);
        expect(row.upper_liberal as number).toBeLessThanOrEqual(row.upper as number);
      }
    }
    // every two non-net options of each check-all question: 1 + 3 + 10 + 1 + 3 + 3 + 3
    expect(paired.length).toBe(24);
  });
});

describe('leads with rounding', () => {
  const twoFigures = (a: string, b: string, n = 1037) =>
    table({
      survey_id: ['s', 's'],
      question_id: ['q', 'q'],
      option: ['a', 'b'],
      percent: [Number(a), Number(b)],
      percent_text: [a, b],
      base_n: [n, n],
      response_type: ['single', 'single'],
    });

  it('allows for the rounding of both figures, at the decimals printed (API, U.S. impression)', () => {
    const plain = leadsOf('us-impression');
    const out = leadsOf('us-impression', { rounding: true });
    expect(out.get('lower', 0)).toBeCloseTo(reference.lead_rounded_1.lower, 12);
    expect(out.get('upper', 0)).toBeCloseTo(reference.lead_rounded_1.upper, 12);
    expect(out.get('p_value', 0)).toBe(plain.get('p_value', 0)); // at the printed figures
    expect(out.get('note', 0)).toBeNull();
    const whole = leads(twoFigures('41', '35'), { rounding: true });
    expect(whole.get('lower', 0)).toBeCloseTo(reference.lead_rounded_0.lower, 12);
    expect(whole.get('upper', 0)).toBeCloseTo(reference.lead_rounded_0.upper, 12);
    expect(whole.get('significant', 0)).toBe(false);
    expect(leads(twoFigures('41', '35')).get('significant', 0)).toBe(true);
  });

  it('uses the smaller number of decimals when the figures differ, if the finer one allows it', () => {
    const mixed = leads(twoFigures('41.0', '35'), { rounding: true });
    expect(mixed.get('lower', 0)).toBeCloseTo(reference.lead_rounded_0.lower, 12);
    expect(mixed.get('note', 0)).toBe(
      'the two figures are printed with different decimals (1 and 0): rounding taken at 0',
    );
    const finer = leads(twoFigures('41.3', '35'), { rounding: true });
    expect(finer.get('lower', 0)).toBe(leads(twoFigures('41.3', '35')).get('lower', 0));
    expect(finer.get('note', 0)).toBe(
      'rounding not taken into account: the two figures are printed with different decimals (1 and 0), ' +
        'and the one with more cannot be written with fewer',
    );
    // the decimals option overrides percent_text
    const fixed = leads(twoFigures('41.0', '35.0'), { rounding: true, decimals: 0 });
    expect(fixed.get('lower', 0)).toBeCloseTo(reference.lead_rounded_0.lower, 12);
  });

  it('notes a figure no count can produce, paired rows and qualified figures, and never throws', () => {
    const impossible = leads(twoFigures('50.5', '30.0', 10), { rounding: true });
    expectNoNaN(impossible);
    expect(impossible.get('lower', 0)).toBeNull();
    expect(impossible.get('note', 0)).toMatch(
      /^not computed: leadTest found no count out of n = 10/,
    );
    const partners = leadsOf('economic-partners', { rounding: true });
    expect(partners.get('lower', 0)).toBe(leadsOf('economic-partners').get('lower', 0));
    expect(partners.get('note', 0)).toBe(
      `${PAIRED_NOTE}; rounding not taken into account: the paired comparison takes the printed figures as exact`,
    );
    const qualified = leads(twoFigures('41', '35').assign({ qualifier: ['approx', 'exact'] }), {
      rounding: true,
    });
    expect(qualified.get('note', 0)).toBe(
      'percent is approximate (qualifier approx); rounding not taken into account: a qualified figure implies no exact count',
    );
  });

  it('refuses bad rounding and decimals options', () => {
    expect(() => leads(results, { rounding: 'yes' as never })).toThrow(
      'leads requires rounding to be true or false, got "yes"',
    );
    expect(() => leads(results, { rounding: true, decimals: 1.5 })).toThrow(
      'leads requires decimals to be an integer from 0 to 10, got 1.5',
    );
  });
});
