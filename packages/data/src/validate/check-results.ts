import { consistentCounts } from '@toplines/core';
import { issue } from '../errors';
import { PERCENT_TEXT } from '../io/read-resource';
import { issueText, questionGroup, showPercent } from '../messages';
import type { DataPackage, ResourceData, ValidationIssue } from '../types';
import {
  isAllRespondents,
  questionKey,
  resolveN,
  rowDecimals,
  sampleLookup,
  TOTAL,
} from '../util/sample-size';

/**
 * Reads the source text of a document named in `sources.document`; undefined when not available.
 *
 * @example
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

/**
 * The survey-logic checks of a `results` resource: shares of a single-choice
 * or scale question summing past 100% beyond rounding, percentages no count
 * out of n can produce, base_n against the survey's n, and the quotes (they
 * must contain the figure as printed and, when `documents` is given, appear
 * in the source text). Internal.
 */
export function checkResults(
  resource: ResourceData,
  pkg: DataPackage,
  documents?: ReadDocument,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const file = resource.path;
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
  for (let i = 0; i < t.numRows(); i++) {
    const r = { row: i + 1, line: resource.lines[i] ?? null } as ResultRow;
    for (const [name, values] of Object.entries(columns)) {
      (r as unknown as Record<string, unknown>)[name] = values[i] ?? null;
    }
    rows.push(r);
  }
  const lookup = sampleLookup(pkg.surveys, pkg.questions);
  const hasQuestions = pkg.questions !== undefined;
  const at = (r: ResultRow, column: string | null) => ({ file, row: r.row, line: r.line, column });
  const decimals = (r: ResultRow) => rowDecimals(undefined, r.percent_text, r.percent as number);

  // 0. proportions where percentages are meant: every figure at most 1 (a file of
  // toplines that all print below 1% is not a poll anyone publishes)
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
  if (proportions && largest !== null) {
    const text =
      typeof largest.percent_text === 'string' ? largest.percent_text : String(largest.percent);
    issues.push(
      issue(
        'proportions-not-percent',
        'error',
        at(largest, 'percent'),
        text,
        issueText.proportionsNotPercent(text, largest.row),
      ),
    );
  }

  // 1. shares of one question, group and source
  const groups = new Map<string, ResultRow[]>();
  for (const r of rows) {
    if (r.is_net === true || r.qualifier !== 'exact' || typeof r.percent !== 'number') continue;
    const key = JSON.stringify([
      r.survey_id,
      r.question_id,
      r.group_dim,
      r.group_value,
      r.source_id,
    ]);
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

  const documentText = new Map<string, string | undefined>();
  const sourceDocument = new Map<string, string>();
  if (pkg.sources?.columnNames().includes('document')) {
    const ids = pkg.sources.array('source_id');
    const docs = pkg.sources.array('document');
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      const doc = docs[i];
      if (typeof id === 'string' && typeof doc === 'string') sourceDocument.set(id, doc);
    }
  }
  const reportedMissing = new Set<string>();

  for (const r of rows) {
    // 2. the percentage must be producible from a whole count out of n
    const n = resolveN(r, lookup);
    if (
      !proportions &&
      r.qualifier === 'exact' &&
      typeof r.percent === 'number' &&
      r.percent >= 0 &&
      r.percent <= 100 &&
      n !== null
    ) {
      const d = decimals(r);
      if (d <= 10 && consistentCounts(r.percent, n, { decimals: d }) === null) {
        const text = typeof r.percent_text === 'string' ? r.percent_text : String(r.percent);
        issues.push(
          issue(
            'inconsistent-percent',
            'error',
            at(r, 'percent'),
            text,
            issueText.inconsistentPercent(text, n, d),
          ),
        );
      }
    }

    // 3. base_n against the survey's n
    const surveyN = typeof r.survey_id === 'string' ? lookup.surveyN.get(r.survey_id) : undefined;
    if (typeof r.base_n === 'number' && surveyN !== undefined) {
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

    // 4. the quote states the figure, and is in the source text
    if (typeof r.quote !== 'string') continue;
    if (typeof r.percent_text === 'string' && !containsFigure(r.quote, r.percent_text)) {
      issues.push(
        issue(
          'quote-missing-percent',
          'error',
          at(r, 'quote'),
          r.quote,
          issueText.quoteMissingPercent(r.percent_text),
        ),
      );
    }
    if (documents === undefined || typeof r.source_id !== 'string') continue;
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
            at(r, 'source_id'),
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
          at(r, 'quote'),
          r.quote,
          issueText.quoteNotInSource(document),
        ),
      );
    }
  }
  return issues;
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
  const escaped = text.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\d.])${escaped}(?!\\d|\\.\\d)`, 'u').test(quote);
}
