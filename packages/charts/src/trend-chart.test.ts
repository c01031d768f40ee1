import { describe, expect, it } from 'vitest';
import { ILLUSTRATIVE_POLLS, meta, relationsPolls } from '../test/cases';
import type { ChartError } from './errors';
import { trendChart } from './trend-chart';

type Value = { date: string; estimate: number; lower: number | null; has_interval: boolean };
const values = (spec: unknown) => (spec as { data: { values: Value[] } }).data.values;
const subtitle = (spec: unknown) =>
  (spec as { title: { subtitle: string[] } }).title.subtitle.join(' ');
const caught = (f: () => unknown): ChartError => {
  try {
    f();
  } catch (e) {
    return e as ChartError;
  }
  throw new Error('expected an error');
};
const POOLED = {
  estimate: 0.385,
  lower: 0.345,
  upper: 0.425,
  predictionLower: 0.27,
  predictionUpper: 0.5,
};

describe('trendChart', () => {
  it('draws the dated polls of acrossPolls in date order and names the undated ones', () => {
    const spec = trendChart(relationsPolls, meta);
    expect(values(spec).map((v) => v.date)).toEqual(['2025-08-21']);
    expect(values(spec)[0]?.lower).toBe(relationsPolls[0]?.['lower']);
    expect(subtitle(spec)).toContain(
      'Not drawn, no date in field_end (the sources give no fieldwork days): Cabinet Secretariat poll',
    );
  });

  it('takes plain rows (date, percent, lower, upper): hollow points without n, said in the caption', () => {
    const spec = trendChart([...ILLUSTRATIVE_POLLS].reverse());
    expect(values(spec).map((v) => v.date)).toEqual(ILLUSTRATIVE_POLLS.map((p) => p.date));
    expect(values(spec).map((v) => v.has_interval)).toEqual([true, false, true, true, false]);
    expect(values(spec).map((v) => v.lower)).toEqual([0.43, null, 0.36, 0.29, null]);
    expect(subtitle(spec)).toContain('No interval for Poll B (2 Nov 2024); Poll B (30 Jul 2025)');
  });

  it('draws the pooled estimate as given, and refuses one out of order', () => {
    const spec = trendChart(ILLUSTRATIVE_POLLS, { pooled: POOLED }) as unknown as {
      layer: { data?: { values: Record<string, number>[] } }[];
    };
    expect(spec.layer.slice(0, 3).map((l) => l.data?.values[0])).toEqual([
      { lo: 0.27, hi: 0.5 },
      { lo: 0.345, hi: 0.425 },
      { pooled: 0.385 },
    ]);
    const bad = caught(() =>
      trendChart(ILLUSTRATIVE_POLLS, { pooled: { ...POOLED, predictionUpper: 0.4 } }),
    );
    expect(bad.code).toBe('invalid-option');
    expect(bad.message).toMatch(/^trendChart requires option pooled to be an object/);
  });

  it('refuses rows it cannot place', () => {
    const noDate = caught(() => trendChart([{ estimate: 0.4, lower: 0.3, upper: 0.5 }]));
    expect(noDate.code).toBe('missing-column');
    const undated = caught(() =>
      trendChart([{ field_end: null, estimate: 0.4, lower: null, upper: null }]),
    );
    expect(undated.code).toBe('no-rows');
    expect(undated.message).toContain('no row has both a share and a date in column "field_end"');
    expect(caught(() => trendChart(ILLUSTRATIVE_POLLS, { date: '' })).code).toBe('invalid-option');
  });
});
