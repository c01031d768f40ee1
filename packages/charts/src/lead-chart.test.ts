import { leadTest } from '@toplines/core';
import { describe, expect, it } from 'vitest';
import { rows } from '../test/cases';
import { leadChart } from './lead-chart';
import { marginCurve } from './margin-curve';

type Lead = { pair: string; difference: number; lower: number; upper: number; status: string };
const leads = (spec: unknown) => (spec as { data: { values: Lead[] } }).data.values;

describe('leadChart', () => {
  it('draws every pair with core leadTest, coloured by whether 0 is excluded', () => {
    const values = leads(leadChart(rows, { question: 'korea-relations-outlook' }));
    expect(values.map((v) => v.pair)).toEqual([
      'no change vs deterioration',
      'no change vs improvement',
      'deterioration vs improvement',
    ]);
    const t = leadTest(0.288, 0.262, 1037);
    expect(values[2]?.lower).toBeCloseTo(t.lower, 12);
    expect(values[2]?.status).toBe('within the margin: interval includes 0');
    expect(values[0]?.status).toBe('real lead: interval excludes 0');
  });

  it('draws the pairs asked for, as a − b', () => {
    const values = leads(
      leadChart(rows, {
        question: 'us-impression',
        pairs: [['unfavorable impression', 'favorable impression']],
      }),
    );
    expect(values[0]?.difference).toBeCloseTo(-0.06, 12);
  });
});

describe('marginCurve', () => {
  it('marks the bundled surveys that report n', () => {
    const spec = marginCurve() as unknown as {
      layer: { data: { values: { n: number; moe: number }[] } }[];
    };
    const points = spec.layer[2]?.data.values ?? [];
    expect(points.map((p) => p.n)).toEqual([1037, 1500, 1585]);
    expect(points[0]?.moe).toBeCloseTo(1.959963984540054 * Math.sqrt(0.25 / 1037), 12);
  });
});
