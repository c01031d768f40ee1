// @toplines/read: the poll figures of an article, read into a draft data
// package. Re-exports only. No node: imports: it runs in Node, Deno and browsers.

export { rejectText } from './messages';
export { readArticle } from './read-article';
export { type DraftFiles, toDataPackage } from './to-data-package';
export { SIMPLE_COLUMNS, toResultsCsv } from './to-results-csv';
export type {
  ArticleDraft,
  ArticleFormat,
  Confidence,
  DraftRow,
  DraftSurvey,
  Fact,
  Fieldwork,
  Qualifier,
  ReadArticleOptions,
  RejectedFigure,
  RejectReason,
  Span,
  SurveyMode,
} from './types';
