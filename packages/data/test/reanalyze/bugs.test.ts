// A bug inside the analysis fails loudly: only the library's own errors
// (an input core cannot analyse) become notes.
import { table } from 'arquero';
import { describe, expect, it, vi } from 'vitest';

vi.mock('@toplines/core', async (importOriginal) => {
  const core = await importOriginal<typeof import('@toplines/core')>();
  return {
    ...core,
    leadTest: (p1: number, p2: number, n: number, options?: object) => {
      if (n === 13) throw new TypeError('a bug: cannot read properties of undefined');
      return core.leadTest(p1, p2, n, options as never);
    },
  };
});

const { reanalyze } = await import('../../src/index');

const results = (n: number) =>
  table({
    survey_id: ['s', 's'],
    question_id: ['q', 'q'],
    option: ['yes', 'no'],
    percent: [55, 40],
    base_n: [n, n],
    response_type: ['single', 'single'],
  });

describe('errors inside reanalyze', () => {
  it('a TypeError thrown by a computation is not turned into a note', () => {
    expect(() => reanalyze({ results: results(13) })).toThrow(TypeError);
  });

  it("the library's own error (leadTest refusing shares that sum past 1) is a note", () => {
    const over = table({
      survey_id: ['s', 's'],
      question_id: ['q', 'q'],
      option: ['yes', 'no'],
      percent: [70, 60],
      base_n: [100, 100],
    });
    const questions = table({ survey_id: ['s'], question_id: ['q'], response_type: ['single'] });
    const d = reanalyze({ results: over, questions });
    const lead = d.surveys[0]?.questions[0]?.leads[0];
    expect(lead?.verdict).toBe('not-computed');
    expect(lead?.notes.join(' ')).toMatch(/not computed: leadTest requires two shares/);
  });
});
