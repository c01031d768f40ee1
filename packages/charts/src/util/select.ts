import { ChartError } from '../errors';
import { errorText } from '../messages';
import { distinct, type Row, str } from './input';

/**
 * Which rows of a results table a one-question chart draws.
 *
 * @example
 * shareChart(rows, { question: 'us-impression', survey: 'api-2025-jp', group: { dim: 'total', value: 'total' } })
 *   .data.values.length; // => 2
 */
export interface QuestionSelection {
  /** The question id (`question_id`). Default: the only question in the rows (an error if there are several). */
  question?: string;
  /** The survey id (`survey_id`). Default: the only survey that asked the question (an error if there are several). */
  survey?: string;
  /** The group (`group_dim` / `group_value`). Default `{ dim: 'total', value: 'total' }`, the whole sample. */
  group?: { dim: string; value: string };
  /** The source id (`source_id`) when several sources report the question. Default: the one reporting the most options (the first of equals). */
  source?: string;
  /** Draw nets (rows with `is_net` true) too. Default `false`: nets are left out when the question has other rows, since their parts are drawn. */
  nets?: boolean;
}

/** The rows chosen, and what was chosen. Internal. */
export interface Selected {
  rows: Row[];
  surveyId: string;
  questionId: string;
  group: { dim: string; value: string } | null;
  sourceId: string | null;
  multipleSources: boolean;
  netsLeftOut: string[];
}

export const TOTAL = { dim: 'total', value: 'total' } as const;

const groupKey = (row: Row) =>
  `${String(row['group_dim'] ?? 'total')}/${String(row['group_value'] ?? 'total')}`;

/** Filters rows to a group; `null` keeps every group. Internal. */
export function selectGroup(
  fn: string,
  rows: Row[],
  group: { dim: string; value: string } | null,
): Row[] {
  if (group === null || !rows.some((r) => 'group_dim' in r)) return rows;
  const kept = rows.filter(
    (r) =>
      (r['group_dim'] ?? 'total') === group.dim && (r['group_value'] ?? 'total') === group.value,
  );
  if (kept.length === 0) {
    throw new ChartError(
      'no-rows',
      fn,
      errorText.noGroup(
        group.dim,
        group.value,
        distinct(
          rows.map((r) => ({ k: groupKey(r) })),
          'k',
        ) as string[],
      ),
    );
  }
  return kept;
}

/** Filters rows to one source: the one asked for, or the one with the most rows. Internal. */
export function selectSource(
  fn: string,
  rows: Row[],
  source: string | undefined,
): { rows: Row[]; sourceId: string | null; multiple: boolean } {
  const sources = distinct(rows, 'source_id');
  if (source !== undefined) {
    const kept = rows.filter((r) => r['source_id'] === source);
    if (kept.length === 0) throw new ChartError('no-rows', fn, errorText.noSource(source, sources));
    return { rows: kept, sourceId: source, multiple: sources.length > 1 };
  }
  if (sources.length <= 1) return { rows, sourceId: str(sources[0]), multiple: false };
  const counts = sources.map((s) => rows.filter((r) => (r['source_id'] ?? null) === s).length);
  const best = sources[counts.indexOf(Math.max(...counts))];
  return {
    rows: rows.filter((r) => (r['source_id'] ?? null) === best),
    sourceId: str(best),
    multiple: true,
  };
}

/** Leaves nets out when the rows have other rows too (or keeps them). Internal. */
export function selectNets(rows: Row[], keep: boolean): { rows: Row[]; left: string[] } {
  if (keep) return { rows, left: [] };
  const plain = rows.filter((r) => r['is_net'] !== true);
  if (plain.length === 0) return { rows, left: [] };
  return {
    rows: plain,
    left: rows.filter((r) => r['is_net'] === true).map((r) => String(r['option'])),
  };
}

/** Chooses the question and survey among the rows. Internal. */
export function selectQuestionRows(
  fn: string,
  rows: Row[],
  question: string | undefined,
  survey: string | undefined,
): { rows: Row[]; questionId: string; surveyId: string } {
  let kept = rows;
  if (question !== undefined) {
    kept = rows.filter((r) => r['question_id'] === question);
    if (kept.length === 0) {
      throw new ChartError(
        'unknown-question',
        fn,
        errorText.unknownQuestion(question, distinct(rows, 'question_id')),
      );
    }
  }
  if (survey !== undefined) {
    const bySurvey = kept.filter((r) => r['survey_id'] === survey);
    if (bySurvey.length === 0) {
      throw new ChartError(
        'unknown-survey',
        fn,
        errorText.unknownSurvey(survey, distinct(kept, 'survey_id')),
      );
    }
    kept = bySurvey;
  }
  const questions = distinct(kept, 'question_id');
  if (questions.length > 1)
    throw new ChartError('mixed-questions', fn, errorText.mixedQuestions(questions));
  const questionId = String(questions[0]);
  const surveys = distinct(kept, 'survey_id');
  if (surveys.length > 1) {
    throw new ChartError('mixed-surveys', fn, errorText.mixedSurveys(questionId, surveys));
  }
  return { rows: kept, questionId, surveyId: String(surveys[0]) };
}

/** The whole selection of a one-question chart. Internal. */
export function selectQuestion(fn: string, rows: Row[], sel: QuestionSelection): Selected {
  const q = selectQuestionRows(fn, rows, sel.question, sel.survey);
  const group = sel.group ?? TOTAL;
  const grouped = selectGroup(fn, q.rows, group);
  const sourced = selectSource(fn, grouped, sel.source);
  const nets = selectNets(sourced.rows, sel.nets === true);
  return {
    rows: nets.rows,
    surveyId: q.surveyId,
    questionId: q.questionId,
    group: 'group_dim' in (rows[0] ?? {}) ? group : null,
    sourceId: sourced.sourceId,
    multipleSources: sourced.multiple,
    netsLeftOut: nets.left,
  };
}

/** Checks the selection options' types. Internal. */
export function checkSelection(fn: string, sel: QuestionSelection): void {
  for (const name of ['question', 'survey', 'source'] as const) {
    const v = sel[name];
    if (v !== undefined && (typeof v !== 'string' || v === '')) {
      throw new ChartError('invalid-option', fn, errorText.option(name, 'a non-empty string', v));
    }
  }
  const g = sel.group;
  if (
    g !== undefined &&
    (g === null ||
      typeof g !== 'object' ||
      typeof g.dim !== 'string' ||
      typeof g.value !== 'string')
  ) {
    throw new ChartError(
      'invalid-option',
      fn,
      errorText.option('group', '{ dim: string, value: string }', g),
    );
  }
  if (sel.nets !== undefined && typeof sel.nets !== 'boolean') {
    throw new ChartError('invalid-option', fn, errorText.option('nets', 'a boolean', sel.nets));
  }
}
