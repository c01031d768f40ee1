import { consistentCounts } from '@toplines/core';
import { groupKey } from '@toplines/core/internal';
import { issue } from '../errors';
import { PERCENT_TEXT } from '../io/read-resource';
import { issueText, questionGroup, showPercent } from '../messages';
import type { DataPackage, ResourceData, ValidationIssue } from '../types';
import {
  isAllRespondents,
  questionKey,
  resolveN,
  rowDecimals,
  type SampleLookup,
  sampleLookup,
  TOTAL,
} from '../util/sample-size';
import { spellsFigure } from './number-words';

/**
 * Reads the source text of a document named in `sources.document`; undefined when not available.
 *
 * @example
 * // not run: a fragment (texts is the caller's map of document name to text)
 * validate(load(), { documents: (name) => texts.get(name) });
 */
export type ReadDocument = (document: string) => string | undefined;

/** Shares past 100 by more than this many points suggest a check-all question labelled single. */
const LIKELY_MULTIPLE_EXCESS = 10;

/** Float slack when comparing sums with the rounding allowance. */
const SLACK = 1e-9;

interface ResultRow {
  row: number;
  line: number | null;
  survey_id: unknown;
  question_id: unknown;
  group_dim: unknown;
  group_value: unknown;
  option: unknown;
  percent: unknown;
  percent_text: unknown;
  qualifier: unknown;
  is_net: unknown;
  base_n: unknown;
  source_id: unknown;
  quote: unknown;
}

/** Where an issue is: file, row, line and column. */
type Location = Pick<ValidationIssue, 'file' | 'row' | 'line' | 'column'>;

/** What every rule of {@link checkResults} reads: the rows, their n and where to point. */
interface ResultsContext {
  rows: ResultRow[];
  lookup: SampleLookup;
  hasQuestions: boolean;
  /** Where an issue about row `r`, column `column` is. */
  at: (r: ResultRow, column: string | null) => Location;
  /** The decimals a row's percentage is printed with. */
  decimals: (r: ResultRow) => number;
}

/**
 * The survey-logic checks of a `results` resource: shares of a single-choice
 * or scale question summing past 100% beyond rounding, percentages no count
 * out of n can produce, base_n against the survey's n, and the quotes (they
 * must contain the figure as printed and, when `documents` is given, appear
 * in the source text). One function per rule below; validate() sorts the
 * issues by row, and within a row they keep the order of the rules here.
 * Internal.
 */
export function checkResults(
  resource: ResourceData,
  pkg: DataPackage,
  documents?: ReadDocument,
): ValidationIssue[] {
  const file = resource.path;
  const rows = resultRows(resource);
  const context: ResultsContext = {
    rows,
    lookup: sampleLookup(pkg.surveys, pkg.questions),
    hasQuestions: pkg.questions !== undefined,
    at: (r, column) => ({ file, row: r.row, line: r.line, column }),
    decimals: (r) => rowDecimals(undefined, r.percent_text, r.percent as number),
  };
  const largest = proportionsRow(rows);
  return [
    ...checkProportions(context, largest),
    ...checkSums(context),
    ...checkPercentCounts(context, largest !== null),
    ...checkBaseN(context),
    ...checkQuoteFigures(context),
    ...(documents === undefined ? [] : checkQuotesInSources(context, pkg, documents)),
  ];
}

/** The rows of a results resource; a column the file does not have reads null. */
function resultRows(resource: ResourceData): ResultRow[] {
  const t = resource.table;
  const names = t.columnNames();
  const col = (name: string): unknown[] =>
    names.includes(name) && resource.header.includes(name === PERCENT_TEXT ? 'percent' : name)
      ? (t.array(name) as unknown[])
      : new Array(t.numRows()).fill(null);
  const columns = {
    survey_id: col('survey_id'),
    question_id: col('question_id'),
    group_dim: col('group_dim'),
    group_value: col('group_value'),
    option: col('option'),
    percent: col('percent'),
    percent_text: col(PERCENT_TEXT),
    qualifier: col('qualifier'),
    is_net: col('is_net'),
    base_n: col('base_n'),
    source_id: col('source_id'),
    quote: col('quote'),
  };
  const rows: ResultRow[] = [];
  // The columns' entries once, not per row (#18).
  const entries = Object.entries(columns);
  for (let i = 0; i < t.numRows(); i++) {
    const r = { row: i + 1, line: resource.lines[i] ?? null } as ResultRow;
    for (const [name, values] of entries) {
      (r as unknown as Record<string, unknown>)[name] = values[i] ?? null;
    }
    rows.push(r);
  }
  return rows;
}

/**
 * The row with the largest percentage when the file holds proportions where
 * percentages are meant (at least two figures, every one at most 1: a file
 * of toplines that all print below 1% is not a poll anyone publishes); null
 * otherwise.
 */
function proportionsRow(rows: readonly ResultRow[]): ResultRow | null {
  const numeric = rows.filter((r) => typeof r.percent === 'number');
  const largest = numeric.reduce<ResultRow | null>(
    (best, r) => (best === null || (r.percent as number) > (best.percent as number) ? r : best),
    null,
  );
  const proportions =
    numeric.length >= 2 &&
    largest !== null &&
    (largest.percent as number) > 0 &&
    (largest.percent as number) <= 1;
  return proportions ? largest : null;
}

/** Rule 0: proportions where percentages are meant, reported once at the largest figure. */
function checkProportions(context: ResultsContext, largest: ResultRow | null): ValidationIssue[] {
  if (largest === null) return [];
  const text =
    typeof largest.percent_text === 'string' ? largest.percent_text : String(largest.percent);
  return [
    issue(
      'proportions-not-percent',
      'error',
      context.at(largest, 'percent'),
      text,
      issueText.proportionsNotPercent(text, largest.row),
    ),
  ];
}

/**
 * Rule 1: the exact, non-net shares of one question, group and source may
 * pass 100% only by rounding (½·10^−d per figure); past that, an error for a
 * single-choice or scale question (a likely check-all question when more
 * than 10 points past), a warning when the question type is unknown.
 */
function checkSums(context: ResultsContext): ValidationIssue[] {
  const { rows, lookup, hasQuestions, at, decimals } = context;
  const issues: ValidationIssue[] = [];
  const groups = new Map<string, ResultRow[]>();
  for (const r of rows) {
    if (r.is_net === true || r.qualifier !== 'exact' || typeof r.percent !== 'number') continue;
    const key = groupKey(r.survey_id, r.question_id, r.group_dim, r.group_value, r.source_id);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [r]);
    else group.push(r);
  }
  for (const group of groups.values()) {
    const first = group[0] as ResultRow;
    const sum = group.reduce((s, r) => s + (r.percent as number), 0);
    const allowance = group.reduce((s, r) => s + 0.5 * 10 ** -decimals(r), 0);
    if (sum <= 100 + allowance + SLACK) continue;
    const type = hasQuestions
      ? lookup.questionType.get(questionKey(first.survey_id, first.question_id))
      : undefined;
    if (type === 'multiple') continue;
    const what = questionGroup(
      first.survey_id,
      first.question_id,
      first.group_dim,
      first.group_value,
      first.source_id,
    );
    const rowNumbers = group.map((r) => r.row);
    const value = showPercent(sum);
    if (type === undefined) {
      issues.push(
        issue(
          'sum-unknown-type',
          'warning',
          at(first, 'percent'),
          value,
          issueText.sumUnknownType(what, sum, rowNumbers),
        ),
      );
    } else if (sum > 100 + LIKELY_MULTIPLE_EXCESS) {
      issues.push(
        issue(
          'likely-multiple',
          'error',
          at(first, 'percent'),
          value,
          issueText.likelyMultiple(what, type, sum, rowNumbers),
        ),
      );
    } else {
      issues.push(
        issue(
          'sum-over-100',
          'error',
          at(first, 'percent'),
          value,
          issueText.sumOver100(what, sum, allowance, rowNumbers),
        ),
      );
    }
  }
  return issues;
}

/**
 * Rule 2: an exact percentage should be producible from a whole count out
 * of n, at the decimals it is printed with. A warning, not an error: "is
 * this figure even possible?" is a finding the reanalysis reports (the
 * figure's `consistent: false` and its note), not a reason to refuse the
 * data (`toplines reanalyze --strict` makes warnings errors). Not checked in
 * a file of proportions (reported once, by rule 0) or where n is unknown.
 */
function checkPercentCounts(context: ResultsContext, proportions: boolean): ValidationIssue[] {
  if (proportions) return [];
  const { rows, lookup, at, decimals } = context;
  const issues: ValidationIssue[] = [];
  // Whether a figure is possible depends only on (percent, n, decimals), and an
  // archive repeats those a great deal: each is asked of core once (#18).
  const possible = new Map<number, Map<number, boolean>[]>();
  const isPossible = (percent: number, n: number, d: number): boolean => {
    let byDecimals = possible.get(n);
    if (byDecimals === undefined) {
      byDecimals = [];
      possible.set(n, byDecimals);
    }
    let byPercent = byDecimals[d];
    if (byPercent === undefined) {
      byPercent = new Map();
      byDecimals[d] = byPercent;
    }
    let answer = byPercent.get(percent);
    if (answer === undefined) {
      answer = consistentCounts(percent, n, { decimals: d }) !== null;
      byPercent.set(percent, answer);
    }
    return answer;
  };
  for (const r of rows) {
    if (
      r.qualifier !== 'exact' ||
      typeof r.percent !== 'number' ||
      r.percent < 0 ||
      r.percent > 100
    ) {
      continue;
    }
    const n = resolveN(r, lookup);
    if (n === null) continue;
    const d = decimals(r);
    if (d > 10 || isPossible(r.percent, n, d)) continue;
    const text = typeof r.percent_text === 'string' ? r.percent_text : String(r.percent);
    issues.push(
      issue(
        'inconsistent-percent',
        'warning',
        at(r, 'percent'),
        text,
        issueText.inconsistentPercent(text, n, d),
      ),
    );
  }
  return issues;
}

/**
 * Rule 3: base_n may not exceed the survey's n; a whole-sample row of a
 * question asked of all respondents whose base_n differs from n is a warning.
 */
function checkBaseN(context: ResultsContext): ValidationIssue[] {
  const { rows, lookup, at } = context;
  const issues: ValidationIssue[] = [];
  for (const r of rows) {
    const surveyN = typeof r.survey_id === 'string' ? lookup.surveyN.get(r.survey_id) : undefined;
    if (typeof r.base_n !== 'number' || surveyN === undefined) continue;
    const text = String(r.base_n);
    if (r.base_n > surveyN) {
      issues.push(
        issue(
          'base-exceeds-n',
          'error',
          at(r, 'base_n'),
          text,
          issueText.baseExceedsN(r.base_n, r.survey_id as string, surveyN),
        ),
      );
    } else if (
      r.base_n !== surveyN &&
      r.group_dim === TOTAL &&
      r.group_value === TOTAL &&
      isAllRespondents(lookup.questionBase.get(questionKey(r.survey_id, r.question_id)))
    ) {
      issues.push(
        issue(
          'base-differs-from-n',
          'warning',
          at(r, 'base_n'),
          text,
          issueText.baseDiffersFromN(r.base_n, r.survey_id as string, surveyN),
        ),
      );
    }
  }
  return issues;
}

/**
 * Rule 4: a quote must state the figure as printed — in digits (full-width
 * digits and a decimal comma count: "４０．５％", "40,5 %") or, for a whole
 * number, in English words ("Twenty-six percent"). A quote with digits
 * that are not the figure is an error; a quote with no digits at all that
 * does not spell the figure either ("one in four", "a majority") is a
 * warning: it may state the figure in words this check does not read.
 */
function checkQuoteFigures(context: ResultsContext): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const r of context.rows) {
    if (typeof r.quote !== 'string' || typeof r.percent_text !== 'string') continue;
    if (containsFigure(r.quote, r.percent_text)) continue;
    const quote = r.quote.normalize('NFKC');
    const text = r.percent_text;
    if (
      containsFigure(quote, text) ||
      (text.includes('.') && containsFigure(quote, text.replace('.', ','))) ||
      spellsFigure(quote, text)
    )
      continue;
    if (!/\d/.test(quote)) {
      issues.push(
        issue(
          'quote-without-figure',
          'warning',
          context.at(r, 'quote'),
          r.quote,
          issueText.quoteWithoutFigure(text),
        ),
      );
      continue;
    }
    issues.push(
      issue(
        'quote-missing-percent',
        'error',
        context.at(r, 'quote'),
        r.quote,
        issueText.quoteMissingPercent(r.percent_text),
      ),
    );
  }
  return issues;
}

/**
 * Rule 5: a quote must appear, whitespace-normalised, in the text of its
 * source's document; a document that cannot be read is a warning, once
 * (at the first row quoting it, or at its row of the sources table when no
 * quote cites it).
 */
function checkQuotesInSources(
  context: ResultsContext,
  pkg: DataPackage,
  documents: ReadDocument,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const sourceDocument = documentsOfSources(pkg);
  const documentText = new Map<string, string | undefined>();
  const reportedMissing = new Set<string>();
  for (const r of context.rows) {
    if (typeof r.quote !== 'string' || typeof r.source_id !== 'string') continue;
    const document = sourceDocument.get(r.source_id);
    if (document === undefined) continue;
    if (!documentText.has(document)) {
      const text = documents(document);
      documentText.set(document, typeof text === 'string' ? normaliseSpace(text) : undefined);
    }
    const text = documentText.get(document);
    if (text === undefined) {
      if (!reportedMissing.has(document)) {
        reportedMissing.add(document);
        issues.push(
          issue(
            'document-missing',
            'warning',
            context.at(r, 'source_id'),
            r.source_id,
            issueText.documentMissing(document, r.source_id),
          ),
        );
      }
      continue;
    }
    if (!text.includes(normaliseSpace(r.quote))) {
      issues.push(
        issue(
          'quote-not-in-source',
          'error',
          context.at(r, 'quote'),
          r.quote,
          issueText.quoteNotInSource(document),
        ),
      );
    }
  }
  // A document no quote led to is still looked for: a source names it.
  const sources = pkg.resources.find((r) => r.name === 'sources');
  const ids = sources?.table.columnNames().includes('document')
    ? sources.table.array('source_id')
    : [];
  const docs = sources?.table.columnNames().includes('document')
    ? sources.table.array('document')
    : [];
  for (let i = 0; i < docs.length; i++) {
    const document = docs[i];
    const id = ids[i];
    if (typeof document !== 'string' || documentText.has(document)) continue;
    const text = documents(document);
    documentText.set(document, typeof text === 'string' ? normaliseSpace(text) : undefined);
    if (text !== undefined || sources === undefined) continue;
    issues.push(
      issue(
        'document-missing',
        'warning',
        { file: sources.path, row: i + 1, line: sources.lines[i] ?? null, column: 'document' },
        document,
        issueText.documentMissing(document, String(id)),
      ),
    );
  }
  return issues;
}

/** source_id → the document named in `sources.document`. */
function documentsOfSources(pkg: DataPackage): Map<string, string> {
  const sourceDocument = new Map<string, string>();
  if (!pkg.sources?.columnNames().includes('document')) return sourceDocument;
  const ids = pkg.sources.array('source_id');
  const docs = pkg.sources.array('document');
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    const doc = docs[i];
    if (typeof id === 'string' && typeof doc === 'string') sourceDocument.set(id, doc);
  }
  return sourceDocument;
}

/** Collapses every run of whitespace to one space and trims. */
export function normaliseSpace(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

/**
 * True when `quote` contains the figure `text` as a whole number: "42" is in
 * "42%" and "42 percent" but not in "142%", "4.42%" or "42.1%".
 */
export function containsFigure(quote: string, text: string): boolean {
  const key = text.trim();
  let pattern = FIGURE_PATTERNS.get(key);
  if (pattern === undefined) {
    const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    pattern = new RegExp(`(?<![\\d.])${escaped}(?!\\d|\\.\\d)`, 'u');
    // A file repeats its figures: one pattern each, compiled once (a bounded cache).
    if (FIGURE_PATTERNS.size >= 10_000) FIGURE_PATTERNS.clear();
    FIGURE_PATTERNS.set(key, pattern);
  }
  return pattern.test(quote);
}

/** The patterns of {@link containsFigure}, by figure as printed (no `g` flag: test() keeps no state). */
const FIGURE_PATTERNS = new Map<string, RegExp>();
