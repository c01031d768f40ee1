import { type ColumnTable, table } from 'arquero';
import { describe, expect, it } from 'vitest';
import {
  ACROSS_POLLS_COLUMNS,
  acrossPolls,
  DataError,
  load,
  parseResultsCsv,
  withIntervals,
} from '../../src/index';
import reference from '../fixtures/across-polls-r.json';
import { expectNoNaN, expectTableEqual } from '../helpers/table-equal';

// Reference values: test/fixtures/across-polls.R (R 4.2.2), see across-polls-r.json.
const { results, surveys, questions } = load();
const CONSTRUCT = 'japan-us-relations-current';
const caught = (f: () => unknown): unknown => {
  try {
    f();
  } catch (e) {
    return e;
  }
  return null;
};

describe('acrossPolls', () => {
  it('gives one row per poll of the bundled construct, dated polls first, with what differs', () => {
    const out = acrossPolls(results, { construct: CONSTRUCT, surveys, questions });
    expect(out.columnNames()).toEqual([...ACROSS_POLLS_COLUMNS]);
    expectNoNaN(out);
    const wilson = reference.wilson_95 as [number, number];
    expectTableEqual(
      out.select(
        'construct',
        'survey_id',
        'question_id',
        'field_start',
        'field_end',
        'option',
        'percent',
        'qualifier',
        'estimate',
        'n_used',
        'lower',
        'upper',
        'interval_note',
        'source_id',
      ),
      {
        construct: [CONSTRUCT, CONSTRUCT, CONSTRUCT, CONSTRUCT],
        // API has fieldwork days; the other three polls only a month, so they come last
        survey_id: [
          'api-2025-jp',
          'cabinet-secretariat-2024-10',
          'utokyo-2024-08',
          'utokyo-2025-08',
        ],
        question_id: [
          'us-relations-current',
          'relations-assessment',
          'us-relations-assessment',
          'us-relations-assessment',
        ],
        field_start: ['2025-08-19', null, null, null],
        field_end: ['2025-08-21', null, null, null],
        // each poll's own answer words, from questions.construct_option ("bad" is left out)
        option: ['good', 'going well', 'positive', 'positive'],
        percent: [42.4, 85.5, 45, 18],
        qualifier: ['exact', 'exact', 'exact', 'exact'],
        estimate: [0.424, 0.855, 0.45, 0.18],
        // n is never invented: only API reports it
        n_used: [1037, null, null, null],
        lower: [wilson[0], null, null, null],
        upper: [wilson[1], null, null, null],
        interval_note: [null, 'n unknown', 'n unknown', 'n unknown'],
        source_id: [
          'api-interim-2025',
          'strained-partnership-2025',
          'csds-japan-under-trump-2025',
          'csds-japan-under-trump-2025',
        ],
      },
    );
    expect(out.array('organization')[2]).toBe('University of Tokyo');
    const notes = out.array('construct_note') as string[];
    expect(notes.every((n) => typeof n === 'string' && n.length > 40)).toBe(true);
    expect(notes[1]).toContain('going well');
    expect(out.array('wording')[0]).toBe(
      'Current state of the Japan–U.S. relationship (good / bad)',
    );
  });

  it('draws its intervals from withIntervals: the same numbers, at the level and method asked', () => {
    const args = { construct: CONSTRUCT, surveys, questions } as const;
    const api = results.filter(
      (d: { survey_id: string; option: string }) =>
        d.survey_id === 'api-2025-jp' && d.option === 'good',
    );
    const home = withIntervals(api, { surveys, questions, level: 0.9 });
    const ninety = acrossPolls(results, { ...args, level: 0.9 });
    expect(ninety.array('lower')[0]).toBe(home.array('lower')[0]);
    expect(ninety.array('lower')[0]).toBeCloseTo(reference.wilson_90[0] as number, 12);
    expect(ninety.array('upper')[0]).toBeCloseTo(reference.wilson_90[1] as number, 12);
    const cp = acrossPolls(results, { ...args, method: 'clopper-pearson' });
    expect(cp.array('lower')[0]).toBeCloseTo(reference.clopper_pearson_95[0] as number, 10);
    expect(cp.array('upper')[0]).toBeCloseTo(reference.clopper_pearson_95[1] as number, 10);
  });

  it('maps onto a poll average’s { p, n }: polls with a known n only', () => {
    const rows = acrossPolls(results, { construct: CONSTRUCT, surveys, questions }).objects() as {
      estimate: number;
      n_used: number | null;
    }[];
    const polls = rows
      .filter((r) => r.n_used !== null)
      .map((r) => ({ p: r.estimate, n: r.n_used }));
    expect(polls).toEqual([{ p: 0.424, n: 1037 }]);
  });

  it('keeps the most precise of two sources, leaves out restatements and subgroups, and sorts by date', () => {
    const csv = [
      'survey_id,question_id,group_dim,group_value,option,percent,qualifier,is_net,base_n,source_id,quote',
      'b,q,total,total,yes,42,exact,false,,s2,42%',
      'b,q,total,total,yes,41.7,exact,false,,s1,41.7%',
      'b,q,age,70s,yes,60,exact,false,,s1,60%',
      'b,q-headline,total,total,yes,40,approx,false,,s1,about 40%',
      'a,q,total,total,yes,30,approx,false,,s1,about 30%',
      'a,q,total,total,yes,31,exact,false,,s2,31%',
      'a,q,total,total,no,60,exact,false,,s2,60%',
      'c,q,total,total,yes,50,exact,false,,s1,50%',
    ].join('\n');
    const mini = parseResultsCsv(csv).results as ColumnTable;
    const qs = table({
      survey_id: ['a', 'b', 'b', 'c'],
      question_id: ['q', 'q', 'q-headline', 'q'],
      wording: ['Q?', 'Q?', 'Q? (title)', 'Q?'],
      base: ['all respondents', 'all respondents', 'all respondents', 'all respondents'],
      construct: ['k', 'k', 'k', 'k'],
      construct_option: ['yes', 'yes', 'yes', 'yes'],
      construct_note: ['note a', 'note b', null, 'note c'],
      restates: [null, null, 'q', null],
    });
    const ss = table({
      survey_id: ['a', 'b', 'c'],
      organization: ['A', 'B', 'C'],
      field_start: ['2025-03-01', '2024-12-30', null],
      field_end: ['2025-03-03', '2025-01-02', null],
      n: [500, 1000, null],
    });
    const out = acrossPolls(mini, { construct: 'k', surveys: ss, questions: qs });
    expect(out.array('survey_id')).toEqual(['b', 'a', 'c']);
    expect(out.array('percent')).toEqual([41.7, 31, 50]);
    expect(out.array('source_id')).toEqual(['s1', 's2', 's1']);
    expect(out.array('n_used')).toEqual([1000, 500, null]);
    expect(out.array('construct_note')).toEqual(['note b', 'note a', 'note c']);
  });

  it('takes every whole-sample option of a question without construct_option', () => {
    const qs = questions.derive({
      construct_option: (d: { survey_id: string; construct_option: string | null }) =>
        d.survey_id === 'api-2025-jp' ? null : d.construct_option,
    });
    const out = acrossPolls(results, { construct: CONSTRUCT, surveys, questions: qs });
    expect(out.array('option')).toEqual(['good', 'bad', 'going well', 'positive', 'positive']);
  });

  it('names the function and the bad value when it refuses', () => {
    const args = { construct: CONSTRUCT, surveys, questions };
    const unknown = caught(() => acrossPolls(results, { ...args, construct: 'trust' }));
    expect(unknown).toBeInstanceOf(DataError);
    expect((unknown as DataError).code).toBe('invalid-option');
    expect((unknown as DataError).message).toBe(
      'acrossPolls requires construct to be a construct key of the questions table ("japan-us-relations-current"), got "trust"',
    );
    const noQuestions = caught(() =>
      acrossPolls(results, { construct: CONSTRUCT, surveys } as unknown as typeof args),
    );
    expect((noQuestions as DataError).message).toBe(
      'acrossPolls requires questions to be an arquero table, got undefined',
    );
    const old = questions.select('survey_id', 'question_id', 'wording');
    const noColumn = caught(() => acrossPolls(results, { ...args, questions: old }));
    expect((noColumn as DataError).code).toBe('missing-column');
    expect((noColumn as DataError).message).toContain('"construct"');
    expect(() => acrossPolls(results, { ...args, level: 95 })).toThrow(DataError);
    expect(() => acrossPolls(results, { ...args, construct: '' })).toThrow(/construct/);
  });

  it('does not change its inputs', () => {
    const before = results.numRows();
    acrossPolls(results, { construct: CONSTRUCT, surveys, questions });
    expect(results.numRows()).toBe(before);
    expect(results.columnNames()).not.toContain('n_used');
  });
});
