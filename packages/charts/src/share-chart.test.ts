import { describe, expect, it } from 'vitest';
import { meta, rows } from '../test/cases';
import { shareChart } from './share-chart';

type Values = { option: string; lower: number | null; printed: string }[];
const values = (spec: unknown) => (spec as { data: { values: Values } }).data.values;
const subtitle = (spec: unknown) =>
  (spec as { title: { subtitle: string[] } }).title.subtitle.join(' ');

describe('shareChart', () => {
  it('orders a scale question as its scale_order, or by share', () => {
    const byQuestion = values(shareChart(rows, { question: 'us-relations-outlook', ...meta }));
    expect(byQuestion.map((v) => v.option)).toEqual([
      'will improve',
      'the relationship will deteriorate',
    ]);
    const byShare = values(
      shareChart(rows, { question: 'us-relations-outlook', sort: 'share', ...meta }),
    );
    expect(byShare.map((v) => v.option)).toEqual([
      'the relationship will deteriorate',
      'will improve',
    ]);
  });

  it('names the survey, dates and n, and labels multiple response', () => {
    const text = subtitle(shareChart(rows, { question: 'economic-partners', ...meta })).replace(
      /\u00a0/g,
      ' ',
    );
    expect(text).toContain('First Japan–U.S.–Korea Public Perception Survey – Japan sample');
    expect(text).toContain('19–21 Aug 2025');
    expect(text).toContain('n = 1,037');
    expect(text).toContain('respondents could choose several');
  });

  it('without surveys and questions tables, draws what the rows hold', () => {
    const bare = shareChart(rows, { question: 'us-impression' });
    expect((bare.title as { text: string[] }).text).toEqual(['Question us-impression']);
    expect(subtitle(bare)).toContain('api-2025-jp');
    expect(values(bare)).toEqual(values(shareChart(rows, { question: 'us-impression', ...meta })));
    // Columns of the rows (e.g. after a join with the surveys and questions) name them.
    const joined = rows.map((r) => ({
      ...r,
      title: 'A survey',
      field_start: '2025-08-19',
      field_end: '2025-08-21',
      wording: 'What is your impression?',
    }));
    const named = shareChart(joined, { question: 'us-impression' });
    expect((named.title as { text: string[] }).text).toEqual(['What is your impression?']);
    expect(subtitle(named).replace(/\u00a0/g, ' ')).toContain(
      'A survey · fieldwork 19–21 Aug 2025',
    );
  });

  it('leaves nets out and says so', () => {
    const spec = shareChart(rows, { question: 'japan-nuclear-weapons' });
    expect(values(spec).map((v) => v.option)).not.toContain('in favor');
    expect(subtitle(spec)).toContain('Nets left out');
  });

  it('draws a row without n as a point without an interval, and picks one source', () => {
    const spec = shareChart(rows, { question: 'peace-security-approach' });
    expect(values(spec).every((v) => v.lower === null)).toBe(true);
    expect(values(spec).map((v) => v.printed)).toEqual(['41.7%', '33.7%', '24.7%']);
    expect(subtitle(spec)).toContain('strained-partnership-2025');
  });

  it('takes survey names from options when the data is not bundled', () => {
    const mine = [
      {
        survey_id: 'my-poll',
        question_id: 'q1',
        option: 'yes',
        percent: 52,
        estimate: 0.52,
        lower: 0.49,
        upper: 0.55,
        n_used: 1000,
      },
    ];
    const spec = shareChart(mine, {
      surveys: [
        {
          survey_id: 'my-poll',
          title: 'My poll',
          field_start: '2025-01-02',
          field_end: '2025-01-05',
          n: 1000,
        },
      ],
      questions: [{ survey_id: 'my-poll', question_id: 'q1', wording: 'Do you agree?' }],
    });
    expect((spec.title as { text: string[] }).text).toEqual(['Do you agree?']);
    expect(subtitle(spec).replace(/\u00a0/g, ' ')).toContain(
      'My poll · fieldwork 2–5 Jan 2025 · n = 1,000',
    );
  });
});
