import { table } from 'arquero';
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
        difference: [reference.lead.difference],
        lower: [reference.lead.lower],
        upper: [reference.lead.upper],
        z: [reference.lead.z],
        p_value: [reference.lead.p],
        significant: [true],
        note: [null],
      },
      1e-9,
    );
  });

  it('pairs every two options of a question, larger share first, and leaves out nets and check-all questions', () => {
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
    const multipleIds = new Set(
      (questions.objects() as { question_id: string; response_type: string }[])
        .filter((q) => q.response_type === 'multiple')
        .map((q) => q.question_id),
    );
    expect((out.array('question_id') as string[]).filter((id) => multipleIds.has(id))).toEqual([]);
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
      'the two rows have different n (100 and 90)',
      'the two rows have different n (100 and 90)',
    ]);
    expect(out['difference']).toEqual([null, null, null]);
  });
});
