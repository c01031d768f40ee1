// The draft that readArticle() returns: what was read from the article, each
// piece with the words it came from. Offsets are in UTF-16 code units (as
// JavaScript strings index) into `ArticleDraft.text`.

/**
 * A stretch of the article's text: `text === draft.text.slice(start, end)`.
 *
 * @example
 * // not run: illustrates the type
 * const span: Span = { start: 0, end: 5, text: '40.5%' };
 */
export interface Span {
  start: number;
  end: number;
  text: string;
}

/** How sure the reader is that a row is a share of a survey's respondents, read right. */
export type Confidence = 'high' | 'medium' | 'low';

/** How a figure is qualified in the text: as in the `qualifier` column of the bundled results. */
export type Qualifier = 'exact' | 'approx' | 'more-than' | 'less-than';

/** The modes of the `surveys.mode` column (`unknown` is never read: an unstated mode is absent). */
export type SurveyMode = 'online' | 'telephone' | 'face-to-face' | 'mail' | 'mixed';

/** Why a percentage was not taken as a share of respondents. */
export type RejectReason =
  | 'margin-of-error'
  | 'change'
  | 'range'
  | 'tariff'
  | 'gdp'
  | 'growth'
  | 'inflation'
  | 'turnout'
  | 'economic'
  | 'vote-share'
  | 'probability'
  | 'confidence-level'
  | 'response-rate'
  | 'shown-to-respondents'
  | 'above-100'
  | 'no-survey-context';

/**
 * One poll figure read from the article: one option's share in one question
 * of one survey, with the sentence it came from.
 *
 * @example
 * // not run: illustrates the type
 * const row: DraftRow = { survey: 'gallup', question: 'the new park', option: 'favour it',
 *   percent: 40.5, value: '40.5', percentText: '40.5%', qualifier: 'exact', ... };
 */
export interface DraftRow {
  /** The survey's key (see {@link DraftSurvey.key}). */
  survey: string;
  /** A short label of the question, derived from the sentence. */
  question: string;
  /** A kebab-case id of the question, unique in the draft. */
  questionId: string;
  /** The subgroup as the text names it ("in their sixties"), or null for the whole sample. */
  group: string | null;
  /** What kind of subgroup: `age`, `gender`, `group`; `total` for the whole sample. */
  groupDim: string;
  /** A short label of the option, derived from the sentence (a quoted answer when there is one). */
  option: string;
  /** The share in percent units (40.5 for 40.5%); a fraction in words is rounded to one decimal. */
  percent: number;
  /** The percentage as a number in text, with the decimals as printed ("31.0"); for words, the number ("26"). */
  value: string;
  /** The figure exactly as printed ("40.5%", "Twenty-six percent", "one in four", "４０．５％"). */
  percentText: string;
  qualifier: Qualifier;
  /** True for a figure followed by its own breakdown ("23.7% in favour (strongly: 8.2%, …)"). */
  isNet: boolean;
  /** The number of respondents the share is of, when the text gives it; null otherwise. */
  n: number | null;
  /** The sentence the figure came from, verbatim. */
  quote: Span;
  /** Where the figure itself is printed. */
  figure: Span;
  confidence: Confidence;
  /** Why the confidence is not high (empty when it is). */
  reasons: string[];
}

/**
 * One fact about a survey, with the words that state it.
 *
 * @example
 * // not run: illustrates the type
 * const n: Fact<number> = { value: 1037, quote: { start: 10, end: 40, text: '…' } };
 */
export interface Fact<T> {
  value: T;
  /** The sentence that states it, verbatim. */
  quote: Span;
}

/** A survey's fieldwork dates: as printed, and as ISO dates when the text gives the days. */
export interface Fieldwork {
  text: string;
  start: string | null;
  end: string | null;
}

/**
 * A survey the article reports, with what the text says of it. Each fact is
 * present only where the text states it.
 *
 * @example
 * // not run: illustrates the type
 * const survey: DraftSurvey = { key: 'jx-press', organization: { value: 'JX Press', quote }, ... };
 */
export interface DraftSurvey {
  /** A kebab-case key (from the organisation or the survey's name; `survey` when the text names none). */
  key: string;
  /** The survey's name when the text gives one ("Public Perception Survey"). */
  name: Fact<string> | null;
  organization: Fact<string> | null;
  /** The sample size of the figures: stated directly (n = 1,037; 1,037 respondents). */
  n: Fact<number> | null;
  /** A total with its parts ("4,122 total (Japan: 1,037; …)"), when the text gives one. */
  samples: Fact<{ total: number; parts: { label: string; n: number }[] }> | null;
  /** The published margin of error, in percentage points. */
  moe: Fact<number> | null;
  fieldwork: Fact<Fieldwork> | null;
  mode: Fact<SurveyMode> | null;
  /** Where the text mentions the survey. */
  mentions: Span[];
  /**
   * For the figures an article cites from an earlier time, for comparison
   * ("down from 55% in January"): the key of the survey they are the earlier
   * levels of. Such a survey has no n (the current poll's n is not theirs)
   * and, as its fieldwork, the time as printed. Null for a survey the article reports.
   */
  earlierOf: string | null;
}

/**
 * A percentage the reader did not take as a poll figure, and why.
 *
 * @example
 * // not run: illustrates the type
 * const r: RejectedFigure = { text: '25%', reason: 'tariff', why: 'a tariff rate', ... };
 */
export interface RejectedFigure {
  /** The figure as printed. */
  text: string;
  /** Its value in percent units (or points), when it has one. */
  percent: number | null;
  figure: Span;
  quote: Span;
  reason: RejectReason;
  /** The reason in words. */
  why: string;
}

/**
 * What {@link readArticle} read: the text it read (after HTML or Markdown is
 * turned into text), the rows, the surveys and the rejected percentages.
 *
 * @example
 * // not run: illustrates the type
 * const draft: ArticleDraft = readArticle('In a poll by Gallup, 40.5% said yes.');
 */
export interface ArticleDraft {
  /** Where the text came from (a file name), as given in the options; null when not given. */
  source: string | null;
  format: ArticleFormat;
  /** The article as text: the quotes and offsets refer to it. */
  text: string;
  /** The first line of the text (at most 200 characters): the article's title as printed. */
  title: string;
  rows: DraftRow[];
  surveys: DraftSurvey[];
  rejected: RejectedFigure[];
}

/** The formats {@link readArticle} reads. */
export type ArticleFormat = 'text' | 'markdown' | 'html';

/**
 * Options of {@link readArticle}.
 *
 * @example
 * // not run: illustrates the type
 * const options: ReadArticleOptions = { format: 'html', source: 'article.html' };
 */
export interface ReadArticleOptions {
  /** What the text is. Default `'text'`. */
  format?: ArticleFormat;
  /** Where it came from (a file name), kept in the draft and the data package. Default none. */
  source?: string;
}
