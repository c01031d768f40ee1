import { groupKey } from '@toplines/core/internal';
import type { ColumnTable } from 'arquero';

/** The `base` of a question asked of the whole sample. */
export const ALL_RESPONDENTS = 'all respondents';

/** The `group_dim`/`group_value` of a whole-sample row. */
export const TOTAL = 'total';

/** What is known about the surveys and questions, to find the n of a row. Internal. */
export interface SampleLookup {
  /** survey_id → n (unweighted completes), when known. */
  surveyN: Map<string, number>;
  /** `survey_id|question_id` → base ("all respondents", or the subset asked). */
  questionBase: Map<string, string>;
  /** `survey_id|question_id` → response_type (single, multiple, scale). */
  questionType: Map<string, string>;
}

/** The key of a question in the lookups. Internal. */
export function questionKey(surveyId: unknown, questionId: unknown): string {
  return groupKey(surveyId, questionId);
}

/** Builds the lookups from a surveys table and a questions table (either may be absent). Internal. */
export function sampleLookup(surveys?: ColumnTable, questions?: ColumnTable): SampleLookup {
  const surveyN = new Map<string, number>();
  const questionBase = new Map<string, string>();
  const questionType = new Map<string, string>();
  const surveyColumns = surveys?.columnNames() ?? [];
  if (surveys && surveyColumns.includes('survey_id') && surveyColumns.includes('n')) {
    const ids = surveys.array('survey_id');
    const ns = surveys.array('n');
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      const n = ns[i];
      if (typeof id === 'string' && typeof n === 'number' && Number.isInteger(n) && n > 0)
        surveyN.set(id, n);
    }
  }
  if (questions !== undefined) {
    const names = questions.columnNames();
    if (names.includes('survey_id') && names.includes('question_id')) {
      const surveyIds = questions.array('survey_id');
      const questionIds = questions.array('question_id');
      const bases = names.includes('base') ? questions.array('base') : [];
      const types = names.includes('response_type') ? questions.array('response_type') : [];
      for (let i = 0; i < surveyIds.length; i++) {
        const key = questionKey(surveyIds[i], questionIds[i]);
        const base = bases[i];
        const type = types[i];
        if (typeof base === 'string') questionBase.set(key, base);
        if (typeof type === 'string') questionType.set(key, type);
      }
    }
  }
  return { surveyN, questionBase, questionType };
}

/** True when `base` says the question was asked of every respondent. */
export function isAllRespondents(base: unknown): boolean {
  return typeof base === 'string' && base.trim().toLowerCase() === ALL_RESPONDENTS;
}

/** A row of a results-like table, as far as the n rule reads it. */
export interface SampleRow {
  survey_id?: unknown;
  question_id?: unknown;
  group_dim?: unknown;
  group_value?: unknown;
  base_n?: unknown;
  /** The survey's n, when the table was joined with surveys. */
  n?: unknown;
  /** The question's base, when the table was joined with questions. */
  base?: unknown;
}

/**
 * The n a row's percentage is out of: its `base_n` when known; otherwise,
 * for a whole-sample row (group total/total) of a question asked of all
 * respondents, the survey's n; otherwise null (unknown). The survey's n and
 * the question's base are read from the row's own `n` and `base` columns
 * when the table has them, else from the lookups. Internal.
 */
export function resolveN(row: SampleRow, lookup: SampleLookup): number | null {
  if (isPositiveInteger(row.base_n)) return row.base_n;
  if (row.group_dim !== TOTAL || row.group_value !== TOTAL) return null;
  const key = questionKey(row.survey_id, row.question_id);
  const base =
    row.base !== undefined && row.base !== null ? row.base : lookup.questionBase.get(key);
  if (!isAllRespondents(base)) return null;
  if (isPositiveInteger(row.n)) return row.n;
  const n = typeof row.survey_id === 'string' ? lookup.surveyN.get(row.survey_id) : undefined;
  return n ?? null;
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}

/** Decimals of a figure as printed: "40.50" → 2, "41" → 0, "4.1e1" → 0. */
export function decimalsOfText(text: string): number {
  const m = /^[+-]?\d*(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
  if (m === null) return 0;
  const fraction = m[1]?.length ?? 0;
  const exponent = m[2] === undefined ? 0 : Number(m[2]);
  return Math.max(0, fraction - exponent);
}

/** Decimals of a number as JavaScript writes it (31.0 → 0: the text was lost). */
export function decimalsOfNumber(value: number): number {
  return decimalsOfText(String(value));
}

/**
 * The decimals a row's percent was printed with: `fixed` when given (a
 * verb's `decimals` option), else those of its printed text ("31.0" → 1),
 * else those of the number as JavaScript writes it (31.0 → 0, the text lost).
 * Internal.
 */
export function rowDecimals(fixed: number | undefined, text: unknown, percent: number): number {
  if (fixed !== undefined) return fixed;
  return typeof text === 'string' ? decimalsOfText(text) : decimalsOfNumber(percent);
}
