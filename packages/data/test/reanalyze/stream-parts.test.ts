// The parts of a ReanalysisStream that `toplines reanalyze --jobs N` builds
// on: surveyIds, summary() and acrossPolls() without iterating, and shards
// of the results (with their SOURCE_ROW places) that add up to the whole.
import { type ColumnTable, escape as closure } from 'arquero';
import { describe, expect, it } from 'vitest';
import {
  load,
  type OptionResult,
  reanalyze,
  reanalyzeSurveys,
  SOURCE_ROW,
  type Summary,
  type SurveyResult,
} from '../../src/index';

const whole = reanalyze(load());
const ids = whole.surveys.map((s) => s.surveyId);

/** Every option of the surveys, in the document's order. */
function optionsOf(surveys: readonly SurveyResult[]): OptionResult[] {
  return surveys.flatMap((s) => s.questions.flatMap((q) => q.options));
}

/** The summary's counts (every number in it). */
function counts(summary: Summary): Record<string, number> {
  return Object.fromEntries(
    Object.entries(summary).filter((e): e is [string, number] => typeof e[1] === 'number'),
  );
}

describe('reanalyzeSurveys(load())', () => {
  it('surveyIds are the ids of the surveys it yields, in order, known before any is taken', () => {
    const stream = reanalyzeSurveys(load());
    const before = [...stream.surveyIds];
    expect(before).toHaveLength(10);
    expect(stream.summary().surveys).toBe(0);
    const yielded = [...stream.surveys].map((s) => s.surveyId);
    expect(yielded).toEqual(before);
    expect(stream.surveyIds).toEqual(yielded);
    expect(yielded).toEqual(ids);
  });

  it('surveyIds follow the surveys option, in the surveys table’s order', () => {
    const wanted = [ids[7] as string, ids[2] as string];
    const stream = reanalyzeSurveys(load(), { surveys: wanted });
    expect(stream.surveyIds).toEqual([ids[2], ids[7]]);
    expect([...stream.surveys].map((s) => s.surveyId)).toEqual(stream.surveyIds);
  });

  it('summary() counts the surveys taken so far: none at first, all of finish()’s at the end', () => {
    const stream = reanalyzeSurveys(load());
    const first = stream.summary();
    expect(first.surveys).toBe(0);
    for (const [key, value] of Object.entries(counts(first))) expect(value, key).toBe(0);
    expect(first.adjustment).toBe(whole.summary.adjustment);
    // Part way: the counts of the surveys taken, as a reanalysis of those alone counts them.
    const taken: string[] = [];
    for (const survey of stream.surveys) {
      taken.push(survey.surveyId);
      if (taken.length === 3) break;
    }
    expect(stream.summary()).toEqual(reanalyze(load(), { surveys: taken }).summary);
    expect(stream.summary().surveys).toBe(3);
    const all = reanalyzeSurveys(load());
    for (const _ of all.surveys) {
      // taken, one at a time
    }
    const after = all.summary();
    expect(after.surveys).toBe(10);
    expect(after).toEqual(all.finish().summary);
    expect(after).toEqual(whole.summary);
  });

  it('summary() is a copy: changing it changes nothing the stream counts', () => {
    const stream = reanalyzeSurveys(load());
    const got = stream.summary();
    got.surveys = 99;
    expect(stream.summary().surveys).toBe(0);
  });

  it('acrossPolls() is finish().acrossPolls, computed without analysing a survey', () => {
    const fresh = reanalyzeSurveys(load());
    const across = fresh.acrossPolls();
    expect(across.length).toBeGreaterThan(0);
    expect(fresh.summary().surveys).toBe(0);
    // The surveys are still all to come.
    const yielded = [...fresh.surveys].map((s) => s.surveyId);
    expect(yielded).toEqual(ids);
    expect(across).toEqual(fresh.finish().acrossPolls);
    expect(across).toEqual(whole.acrossPolls);
  });

  it('acrossPolls() with the surveys option is that reanalysis’s acrossPolls', () => {
    // Two surveys one comparison reads (a comparison needs two kept polls).
    const polls = whole.acrossPolls[0]?.polls.map((p) => p.surveyId) ?? [];
    const two = [...new Set(polls)].slice(0, 2);
    expect(two).toHaveLength(2);
    const stream = reanalyzeSurveys(load(), { surveys: two });
    const across = stream.acrossPolls();
    expect(stream.summary().surveys).toBe(0);
    expect(across.length).toBeGreaterThan(0);
    expect(across.every((c) => c.polls.every((p) => two.includes(p.surveyId)))).toBe(true);
    expect(across).toEqual(reanalyze(load(), { surveys: two }).acrossPolls);
    expect([...stream.surveys].map((s) => s.surveyId)).toEqual(stream.surveyIds);
    expect(stream.finish().acrossPolls).toEqual(across);
  });
});

describe('shards of the results, each with its rows’ places (SOURCE_ROW)', () => {
  const { results, surveys, questions } = load();
  const n = results.numRows();
  const indexed = results.assign({ [SOURCE_ROW]: Array.from({ length: n }, (_, i) => i) });

  /** The rows of these surveys, in the table's order, with their places in the whole table. */
  function shardOf(shardIds: readonly string[]): ColumnTable {
    const wanted = new Set(shardIds);
    return indexed.filter(closure((d: { survey_id: string }) => wanted.has(d.survey_id))).reify();
  }

  it.each([
    ['two shards', [4]],
    ['three shards, one of a single survey', [3, 4]],
    ['ten shards of one survey each', [1, 2, 3, 4, 5, 6, 7, 8, 9]],
  ])('%s: the surveys are the whole’s, rows and all, and the counts add up', (_, cuts) => {
    const bounds = [0, ...cuts, ids.length];
    const parts = bounds.slice(1).map((end, i) => ids.slice(bounds[i], end));
    const docs = parts.map((part) => {
      // Some surveys have no results rows (api-2025-us, api-2025-kr): a shard may have none.
      return reanalyze({ results: shardOf(part), surveys, questions }, { surveys: part });
    });
    // A shard's rows are not its own first rows: some shard starts past the whole's first row.
    expect(docs.some((d) => (optionsOf(d.surveys)[0]?.row ?? 0) > 1)).toBe(true);
    const joined = docs.flatMap((d) => d.surveys);
    expect(joined.map((s) => s.surveyId)).toEqual(ids);
    expect(joined).toEqual(whole.surveys);
    expect(optionsOf(joined).map((o) => o.row)).toEqual(optionsOf(whole.surveys).map((o) => o.row));
    const added: Record<string, number> = {};
    for (const d of docs)
      for (const [key, value] of Object.entries(counts(d.summary)))
        added[key] = (added[key] ?? 0) + value;
    expect(added).toEqual(counts(whole.summary));
    for (const d of docs) expect(d.summary.adjustment).toBe(whole.summary.adjustment);
  });

  it('every option’s row is its 1-based row in the whole table', () => {
    const rows = results.objects() as Record<string, unknown>[];
    const docs = [ids.slice(0, 5), ids.slice(5)].map((part) =>
      reanalyze({ results: shardOf(part), surveys, questions }, { surveys: part }),
    );
    const seen: number[] = [];
    for (const d of docs)
      for (const s of d.surveys)
        for (const q of s.questions)
          for (const o of q.options) {
            const row = rows[o.row - 1];
            expect(row?.['survey_id'], `row ${o.row}`).toBe(s.surveyId);
            expect(row?.['question_id'], `row ${o.row}`).toBe(q.questionId);
            expect(String(row?.['option']), `row ${o.row}`).toBe(o.option);
            seen.push(o.row);
          }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(whole.summary.figures);
  });
});

describe('a SOURCE_ROW column that is not all whole numbers ≥ 0', () => {
  const { results } = load();
  // The survey with the most results rows.
  const perSurvey = new Map<string, number>();
  for (const v of results.array('survey_id') as string[])
    perSurvey.set(v, (perSurvey.get(v) ?? 0) + 1);
  const id = [...perSurvey].sort((a, b) => b[1] - a[1])[0]?.[0] as string;
  const part = results.filter(closure((d: { survey_id: string }) => d.survey_id === id)).reify();
  const size = part.numRows();
  const plain = reanalyze({ results: part });
  /** Valid places (100, 101, …) but for the last value. */
  const placesEndingIn = (last: unknown): unknown[] => [
    ...Array.from({ length: size - 1 }, (_, i) => 100 + i),
    last,
  ];

  it('is read when it is (the control): rows are its places + 1', () => {
    expect(size).toBeGreaterThan(2);
    const doc = reanalyze({
      results: part.assign({ [SOURCE_ROW]: placesEndingIn(100 + size - 1) }),
    });
    const rows = optionsOf(doc.surveys)
      .map((o) => o.row)
      .sort((a, b) => a - b);
    expect(rows).toEqual(Array.from({ length: size }, (_, i) => 101 + i));
  });

  it.each([
    ['a fraction', 2.5],
    ['a negative number', -1],
    ['a number as text', '7'],
    ['null', null],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['a number past the safe integers', 2 ** 53],
  ])(
    'with %s in one row is ignored: rows numbered by their index in the table given',
    (_, last) => {
      const doc = reanalyze({ results: part.assign({ [SOURCE_ROW]: placesEndingIn(last) }) });
      expect(doc.surveys).toEqual(plain.surveys);
      const rows = optionsOf(doc.surveys)
        .map((o) => o.row)
        .sort((a, b) => a - b);
      expect(rows).toEqual(Array.from({ length: size }, (_, i) => i + 1));
      expect(doc.summary).toEqual(plain.summary);
    },
  );
});
