import { groupKey } from '@toplines/core/internal';
import { type ChartInput, num, type Row, str, toRows } from './input';

/** What a chart says about a survey: its name, fieldwork dates and n. Internal. */
export interface SurveyMeta {
  id: string;
  title: string;
  organization: string | null;
  country: string | null;
  fieldStart: string | null;
  fieldEnd: string | null;
  n: number | null;
}

/** What a chart says about a question. Internal. */
export interface QuestionMeta {
  wording: string | null;
  responseType: string | null;
  base: string | null;
  scaleOrder: string[] | null;
}

/**
 * The options every builder shares to find the surveys' names, dates and n
 * and the questions' wording, type, base and scale order. Without them a
 * builder draws what the rows hold: a survey is named by its `title` column
 * (else its id), a question by its `wording` column (else its id). The
 * charts package bundles no survey: pass the tables of @toplines/data (or
 * your own) to name them.
 *
 * @example
 * const { surveys, questions } = load(); // @toplines/data
 * shareChart(rows, { question: 'us-impression', surveys, questions }).title.text;
 * // => ['Impression of the United States (favorable / unfavorable)']
 */
export interface MetaOptions {
  /**
   * The surveys table (`survey_id`, `title`, `field_start`, `field_end`, `n`,
   * …) as rows or an arquero table, e.g. `load().surveys` of @toplines/data.
   * Default: none, the surveys are described by the rows' own columns of
   * these names. Columns of the same names on the rows themselves (e.g.
   * after a join) take precedence.
   */
  surveys?: ChartInput;
  /**
   * The questions table (`survey_id`, `question_id`, `wording`,
   * `response_type`, `base`, `scale_order`), e.g. `load().questions` of
   * @toplines/data. Default: none, the rows' own columns of these names.
   */
  questions?: ChartInput;
}

/** Survey and question lookups for one builder call. Internal. */
export interface Meta {
  survey(id: string, row?: Row): SurveyMeta;
  question(surveyId: string, questionId: string, row?: Row): QuestionMeta;
  /** Every survey the lookup knows, in table order. */
  surveys(): SurveyMeta[];
}

const key = (surveyId: unknown, questionId: unknown) => groupKey(surveyId, questionId);

/** Splits a `scale_order` cell ("a | b | c"). Internal. */
export function parseScaleOrder(value: unknown): string[] | null {
  const text = str(value);
  if (text === null) return null;
  const parts = text
    .split('|')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return parts.length > 0 ? parts : null;
}

/**
 * Builds the lookups from the options; without a table, from the rows' own
 * columns alone. Internal.
 */
export function metaLookup(fn: string, options: MetaOptions): Meta {
  const surveyRows = options.surveys === undefined ? [] : toRows(fn, options.surveys);
  const questionRows = options.questions === undefined ? [] : toRows(fn, options.questions);
  const surveys = new Map<string, Row>();
  for (const row of surveyRows) {
    const id = str(row['survey_id']);
    if (id !== null && !surveys.has(id)) surveys.set(id, row);
  }
  const questions = new Map<string, Row>();
  for (const row of questionRows) {
    questions.set(key(row['survey_id'], row['question_id']), row);
  }
  const toSurvey = (id: string, row?: Row): SurveyMeta => {
    const s = surveys.get(id) ?? {};
    const pick = (name: string) => (row !== undefined && name in row ? row[name] : s[name]);
    return {
      id,
      title: str(pick('title')) ?? id,
      organization: str(pick('organization')),
      country: str(pick('country')),
      fieldStart: str(pick('field_start')),
      fieldEnd: str(pick('field_end')),
      n: num(pick('n')),
    };
  };
  return {
    survey: toSurvey,
    question(surveyId, questionId, row) {
      const q = questions.get(key(surveyId, questionId)) ?? {};
      const pick = (name: string) =>
        row !== undefined && str(row[name]) !== null ? row[name] : q[name];
      return {
        wording: str(pick('wording')),
        responseType: str(pick('response_type')),
        base: str(pick('base')),
        scaleOrder: parseScaleOrder(pick('scale_order')),
      };
    },
    surveys: () => [...surveys.keys()].map((id) => toSurvey(id)),
  };
}
