import { leadTest, pairedDifference } from '@toplines/core';
import { describe, expect, it } from 'vitest';
import { leadRows, leadTable, meta } from '../test/cases';
import { leadChart } from './lead-chart';
import { marginCurve } from './margin-curve';
import { smallMultiples } from './small-multiples';

type Lead = {
  pair: string;
  difference: number;
  lower: number;
  upper: number;
  status: string;
  lower_liberal?: number;
  p?: string;
  p_adjusted?: string;
  note?: string;
};
type Spec = {
  data: { values: Lead[] };
  layer: { mark: { type: string; strokeWidth?: number }; encoding: { tooltip?: unknown[] } }[];
  title: { subtitle: string[] };
};
const spec = (s: unknown) => s as Spec;
const leads = (s: unknown) => spec(s).data.values;

describe('leadChart', () => {
  it('draws the rows of leads(), larger shares first, with their intervals as they are', () => {
    const values = leads(leadChart(leadRows, { question: 'korea-relations-outlook' }));
    expect(values.map((v) => v.pair)).toEqual([
      'no change vs deterioration',
      'no change vs improvement',
      'deterioration vs improvement',
    ]);
    // the bounds drawn are leadTest's (core), which leads() called; the chart computes none
    const t = leadTest(0.288, 0.262, 1037);
    expect(values[2]?.lower).toBeCloseTo(t.lower, 12);
    expect(values[2]?.status).toBe('within the margin: interval includes 0');
    expect(values[0]?.status).toBe('larger than its margin: interval excludes 0');
    expect(values[0]?.p).toBe('< 0.001');
  });

  it('takes the arquero table of leads() as well as its rows', () => {
    expect(leadChart(leadTable, { question: 'us-impression' })).toEqual(
      leadChart(leadRows, { question: 'us-impression' }),
    );
  });

  it('draws the pairs asked for, as a − b, turning a row round', () => {
    const values = leads(
      leadChart(leadRows, {
        question: 'us-impression',
        pairs: [['unfavorable impression', 'favorable impression']],
      }),
    );
    const row = leadRows.find((r) => r['question_id'] === 'us-impression');
    expect(values[0]?.difference).toBeCloseTo(-0.06, 12);
    expect(values[0]?.lower).toBe(-(row?.['upper'] as number));
    expect(values[0]?.upper).toBe(-(row?.['lower'] as number));
  });

  it('draws the paired differences of a check-all question with their liberal end', () => {
    const s = spec(leadChart(leadRows, { question: 'economic-partners' }));
    const us = s.data.values.find((v) => v.pair.startsWith('the United States vs China'));
    const row = leadRows.find(
      (r) =>
        r['question_id'] === 'economic-partners' &&
        r['option_a'] === 'the United States' &&
        r['option_b'] === 'China',
    );
    expect(row?.['method']).toBe('paired');
    const p = pairedDifference(
      (row?.['percent_a'] as number) / 100,
      (row?.['percent_b'] as number) / 100,
      1037,
    );
    expect(us?.lower).toBeCloseTo(p.lower, 12);
    expect(us?.lower_liberal).toBeCloseTo(p.liberal.lower, 12);
    // a pale band under the conservative interval
    expect(s.layer.map((l) => [l.mark.type, l.mark.strokeWidth])).toEqual([
      ['rule', 1],
      ['rule', 9],
      ['rule', 2.5],
      ['point', undefined],
      ['text', undefined],
    ]);
    expect(s.title.subtitle.some((l) => l.startsWith('Check-all question'))).toBe(true);
    expect(s.title.subtitle.some((l) => l.includes('(leadTest)'))).toBe(false);
  });

  it('colours a paired difference whose liberal interval alone excludes 0 as depending on the overlap', () => {
    const row = {
      option_a: 'A',
      option_b: 'B',
      method: 'paired',
      difference: 0.04,
      lower: -0.01,
      upper: 0.09,
      lower_liberal: 0.01,
      upper_liberal: 0.07,
      significant: false,
    };
    expect(leads(leadChart([row]))[0]?.status).toBe(
      'depends on the overlap: only the liberal interval excludes 0',
    );
  });

  it('draws plain rows, with a verdict and an adjusted p-value when they carry them', () => {
    const rows = [
      { option_a: 'yes', option_b: 'no', difference: 0.08, lower: 0.02, upper: 0.14 },
      {
        option_a: 'yes',
        option_b: "don't know",
        difference: 0.3,
        lower: 0.25,
        upper: 0.35,
        p_value: 0.0000001,
        p_value_adjusted: 0.04,
        verdict: 'within_margin',
        note: 'adjusted for 3 comparisons',
      },
      { option_a: 'no', option_b: "don't know", difference: 0.22, lower: null, upper: null },
      { option_a: 'a', option_b: 'b', difference: 0.1, lower: 0.0, upper: 0.2, verdict: 'odd' },
    ];
    const s = spec(leadChart(rows));
    expect(s.data.values.map((v) => v.status)).toEqual([
      'larger than its margin: interval excludes 0',
      'within the margin: interval includes 0',
      'no interval: n unknown',
      'odd',
    ]);
    expect(s.data.values[1]).toMatchObject({ p: '< 0.001', p_adjusted: '0.040' });
    expect(s.data.values[0]).toMatchObject({ p: '', p_adjusted: '', note: '' });
    const tooltip = s.layer.find((l) => l.mark.type === 'point')?.encoding.tooltip;
    expect(tooltip).toContainEqual({ field: 'p_adjusted', type: 'nominal', title: 'p (adjusted)' });
    expect(tooltip).toContainEqual({ field: 'note', type: 'nominal', title: 'note' });
    expect((leadChart(rows).title as { text: string[] }).text).toEqual(['Leads']);
  });

  it('draws one panel per question in small multiples, on one scale', () => {
    const s = smallMultiples(leadRows, {
      chart: 'lead',
      by: 'question',
      values: ['us-impression', 'korea-relations-outlook'],
    }) as unknown as { concat: { layer: { encoding: { x?: { scale?: unknown } } }[] }[] };
    expect(s.concat.length).toBe(2);
    const domains = s.concat.map((p) =>
      JSON.stringify(p.layer.find((l) => l.encoding.x?.scale !== undefined)?.encoding.x?.scale),
    );
    expect(domains[0]).toBe(domains[1]);
    expect(domains[0]).toContain('"domain":[-0.05,0.4]');
  });

  it('refuses the rows of withIntervals, naming leads() as the fix', () => {
    expect(() =>
      leadChart([
        { survey_id: 's', question_id: 'q', option: 'a', estimate: 0.4, lower: 0.3, upper: 0.5 },
      ]),
    ).toThrow(/"option_a", "option_b", "difference".*leads\(table/);
  });
});

describe('marginCurve', () => {
  it('draws the curve alone without surveys', () => {
    const spec = marginCurve() as unknown as {
      layer: { data: { values: { n: number }[] } }[];
      description: string;
    };
    expect(spec.layer).toHaveLength(1);
    expect(spec.layer[0]?.data.values.at(-1)?.n).toBe(2000);
    expect(spec.description.endsWith('.')).toBe(true);
    expect(spec.description).not.toContain('..');
  });

  it('marks the surveys that report n', () => {
    const spec = marginCurve(meta.surveys) as unknown as {
      layer: { data: { values: { n: number; moe: number }[] } }[];
    };
    const points = spec.layer[2]?.data.values ?? [];
    expect(points.map((p) => p.n)).toEqual([1037, 1500, 1585]);
    expect(points[0]?.moe).toBeCloseTo(1.959963984540054 * Math.sqrt(0.25 / 1037), 12);
  });
});
