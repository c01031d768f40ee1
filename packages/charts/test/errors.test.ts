// Bad input: one error class, a code, and a message that names what is wrong.
import { load, withIntervals } from '@toplines/data';
import { describe, expect, it } from 'vitest';
import {
  ChartError,
  comparisonChart,
  divergingChart,
  leadChart,
  marginCurve,
  shareChart,
  smallMultiples,
} from '../src/index';
import { leadRows, meta, rows } from './cases';

function thrown(f: () => unknown): ChartError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ChartError);
    return e as ChartError;
  }
  throw new Error('expected a ChartError');
}

describe('bad input', () => {
  it('an empty table', () => {
    const e = thrown(() => shareChart([], { question: 'us-impression' }));
    expect(e.code).toBe('empty-table');
    expect(e.message).toBe('shareChart needs at least one row, got an empty table');
    expect(thrown(() => leadChart(load().results.filter(() => false))).code).toBe('empty-table');
  });

  it('not a table', () => {
    // biome-ignore lint/suspicious/noExplicitAny: wrong on purpose
    const e = thrown(() => shareChart('results.csv' as any));
    expect(e.code).toBe('invalid-input');
    expect(e.message).toContain('"results.csv"');
  });

  it('a missing interval column names the column and the fix', () => {
    const e = thrown(() => shareChart(load().results, { question: 'us-impression' }));
    expect(e.code).toBe('missing-column');
    expect(e.message).toContain('"estimate", "lower", "upper"');
    expect(e.message).toContain('withIntervals');
    const noUpper = rows.map(({ upper: _u, ...rest }) => rest);
    expect(thrown(() => comparisonChart(noUpper)).message).toContain('"upper"');
  });

  it('a question id that does not exist', () => {
    const e = thrown(() => shareChart(rows, { question: 'us-impresion' }));
    expect(e.code).toBe('unknown-question');
    expect(e.message).toContain('"us-impresion"');
    expect(e.message).toContain('"us-impression"');
    expect(thrown(() => leadChart(leadRows, { question: 'nope' })).code).toBe('unknown-question');
    expect(thrown(() => divergingChart(rows, { question: 'nope' })).code).toBe('unknown-question');
    expect(
      thrown(() => comparisonChart(rows, { items: [{ survey: 'api-2025-jp', question: 'nope' }] }))
        .code,
    ).toBe('unknown-question');
    expect(thrown(() => smallMultiples(rows, { by: 'question', values: ['nope'] })).code).toBe(
      'unknown-question',
    );
  });

  it('mixed surveys in a one-question chart', () => {
    const e = thrown(() => shareChart(rows, { question: 'us-relations-assessment' }));
    expect(e.code).toBe('mixed-surveys');
    expect(e.message).toContain('"utokyo-2024-08", "utokyo-2025-08"');
    expect(e.message).toContain('comparisonChart');
    expect(
      shareChart(rows, { question: 'us-relations-assessment', survey: 'utokyo-2025-08' }),
    ).toBeTruthy();
  });

  it('several questions without a choice', () => {
    expect(thrown(() => shareChart(rows)).code).toBe('mixed-questions');
  });

  it('a lead chart of rows that are not leads', () => {
    const e = thrown(() => leadChart(rows, { question: 'us-impression' }));
    expect(e.code).toBe('missing-column');
    expect(e.message).toContain('"option_a", "option_b", "difference"');
    expect(e.message).toContain('leads(table, { surveys, questions })');
  });

  it('a diverging chart of a question without a scale, or of two scales', () => {
    expect(
      thrown(() => divergingChart(rows, { question: 'economic-partners', ...meta })).code,
    ).toBe('not-a-scale');
    // The scale order is in the questions table: without it, the error says to pass it.
    const bare = thrown(() => divergingChart(rows, { question: 'japan-nuclear-weapons' }));
    expect(bare.code).toBe('not-a-scale');
    expect(bare.message).toContain('({ questions })');
    const e = thrown(() =>
      divergingChart(rows, { question: ['japan-nuclear-weapons', 'us-impression'], ...meta }),
    );
    expect(e.code).toBe('mixed-scales');
  });

  it('an unknown group, source, option or item', () => {
    expect(
      thrown(() =>
        shareChart(rows, { question: 'us-impression', group: { dim: 'age', value: '30s' } }),
      ).code,
    ).toBe('no-rows');
    expect(thrown(() => shareChart(rows, { question: 'us-impression', source: 'nope' })).code).toBe(
      'no-rows',
    );
    expect(
      thrown(() => leadChart(leadRows, { question: 'us-impression', pairs: [['good', 'bad']] }))
        .code,
    ).toBe('no-rows');
    const e = thrown(() =>
      comparisonChart(rows, { items: [{ survey: 'api-2025-jp', question: 'us-impression' }] }),
    );
    expect(e.code).toBe('invalid-option');
    expect(e.message).toContain('name one with { option }');
  });

  it('bad options', () => {
    // biome-ignore lint/suspicious/noExplicitAny: wrong on purpose
    const bad = (o: any) => thrown(() => shareChart(rows, { question: 'us-impression', ...o }));
    expect(bad({ sort: 'size' }).message).toContain('option sort');
    expect(bad({ level: 95 }).message).toContain('option level');
    expect(bad({ width: -1 }).code).toBe('invalid-option');
    expect(thrown(() => marginCurve(undefined, { p: 50 })).message).toContain('option p');
    expect(thrown(() => marginCurve([{ survey_id: 'x', n: null }])).code).toBe('no-rows');
    expect(thrown(() => marginCurve([{ survey_id: 'x' }])).code).toBe('missing-column');
    // biome-ignore lint/suspicious/noExplicitAny: wrong on purpose
    expect(thrown(() => smallMultiples(rows, { chart: 'pie' as any })).code).toBe('invalid-option');
  });
});

describe('input is never changed', () => {
  it('rows and arquero tables stay as they were', () => {
    const table = withIntervals(load().results, load());
    const before = JSON.stringify(table.objects());
    const copy = structuredClone(rows);
    const frozen = rows.map((r) => Object.freeze({ ...r }));
    Object.freeze(frozen);
    shareChart(frozen, { question: 'us-impression' });
    const leadsCopy = structuredClone(leadRows);
    leadChart(Object.freeze(leadRows.map((r) => Object.freeze({ ...r }))), {
      question: 'us-impression',
    });
    leadChart(leadRows, { question: 'us-impression' });
    expect(leadRows).toEqual(leadsCopy);
    divergingChart(frozen, { question: 'japan-nuclear-weapons', ...meta });
    comparisonChart(frozen, {
      items: [{ survey: 'api-2025-jp', question: 'us-relations-current', option: 'good' }],
    });
    smallMultiples(frozen, { by: 'group', panel: { question: 'relations-change' } });
    shareChart(table, { question: 'us-impression' });
    expect(rows).toEqual(copy);
    expect(JSON.stringify(table.objects())).toBe(before);
  });
});
