// Across polls: for each construct the questions table links (one thing
// measured by several polls), the polls with their intervals (the
// acrossPolls verb), the change between consecutive waves of one
// organisation, the trend over three or more waves, whether the polls
// agree, and — when several organisations measure it — a pooled estimate
// with its heterogeneity. Internal.
import {
  fisherExactTest,
  homogeneityTest,
  pollAverage,
  significantFromN,
  trendTest,
  twoProportionTest,
} from '@toplines/core';
import { isLibraryError } from '@toplines/core/internal';
import type { ColumnTable } from 'arquero';
import { decimalsOfNumber } from '../util/sample-size';
import { acrossPolls } from '../verbs/across-polls';
import type { AcrossPollsResult, PollRow, ReanalysisOptions, WaveChange } from './model';
import { noteText } from './notes';
import { num, positiveInteger, type Row, str } from './values';

/** Below this expected count in a 2×2 table, a change between waves gets Fisher's exact test. */
const MIN_EXPECTED = 10;

/**
 * The constructs of the questions table, each across its polls: only the
 * polls of the surveys the reanalysis keeps (`options.surveys`), and only
 * constructs with two or more of them. Empty when the tables do not link
 * questions (no `construct` column).
 *
 * @param results - the results table
 * @param surveys - the surveys table
 * @param questions - the questions table (with `construct`)
 * @param options - the reanalysis's level and method
 */
export function acrossPollsResults(
  results: ColumnTable,
  surveys: ColumnTable,
  questions: ColumnTable,
  options: ReanalysisOptions,
): AcrossPollsResult[] {
  if (!questions.columnNames().includes('construct')) return [];
  const keys = [
    ...new Set(
      (Array.from(questions.array('construct') as ArrayLike<unknown>) as unknown[]).filter(
        (c): c is string => typeof c === 'string' && c.trim() !== '',
      ),
    ),
  ];
  const order = new Map(
    (Array.from(surveys.array('survey_id') as ArrayLike<unknown>) as unknown[]).map((id, i) => [
      String(id),
      i,
    ]),
  );
  const kept = (r: Row) =>
    options.surveys.length === 0 || options.surveys.includes(String(r['survey_id']));
  return keys
    .map((construct) => {
      const rows = (
        acrossPolls(results, {
          construct,
          surveys,
          questions,
          level: options.level,
          method: options.method,
        }).objects() as Row[]
      ).filter(kept);
      return constructResult(construct, rows.map(pollRow), order, options);
    })
    .filter((a) => a.polls.length >= 2);
}

function pollRow(r: Row): PollRow {
  return {
    surveyId: String(r['survey_id']),
    questionId: String(r['question_id']),
    organization: str(r['organization']),
    fieldStart: str(r['field_start']),
    fieldEnd: str(r['field_end']),
    option: String(r['option'] ?? ''),
    percent: num(r['percent']),
    qualifier: str(r['qualifier']) ?? 'exact',
    n: positiveInteger(r['n_used']),
    lower: num(r['lower']),
    upper: num(r['upper']),
    wording: str(r['wording']),
    constructNote: str(r['construct_note']),
  };
}

function constructResult(
  construct: string,
  polls: PollRow[],
  order: Map<string, number>,
  options: ReanalysisOptions,
): AcrossPollsResult {
  const caveats: string[] = [];
  const measured = polls.filter((p) => p.percent !== null);
  const withN = measured.filter((p) => p.n !== null && p.qualifier === 'exact');
  const wordings = new Set(measured.map((p) => p.wording ?? p.questionId));
  if (wordings.size > 1) caveats.push(noteText.differentWordings(wordings.size));
  const unknown = measured.length - withN.length;
  if (unknown > 0) caveats.push(noteText.pollsWithoutN(unknown, measured.length));

  const changes = waveChanges(measured, order, options.level);
  const organisations = new Set(withN.map((p) => p.organization ?? p.surveyId));
  const safely = <T>(run: () => T): T | null => {
    try {
      return run();
    } catch (e) {
      if (!isLibraryError(e)) throw e;
      caveats.push(noteText.notComputed(e.message));
      return null;
    }
  };
  const shares = withN.map((p) => (p.percent as number) / 100);
  const ns = withN.map((p) => p.n as number);
  const trendWaves = longestSeries(withN, order);
  const trend =
    trendWaves.length >= 3
      ? safely(() =>
          trendTest(
            trendWaves.map((p) => (p.percent as number) / 100),
            trendWaves.map((p) => p.n as number),
            { level: options.level },
          ),
        )
      : null;
  const homogeneity = withN.length >= 2 ? safely(() => homogeneityTest(shares, ns)) : null;
  const pooled =
    withN.length >= 2 && organisations.size >= 2
      ? safely(() =>
          pollAverage(
            withN.map((p) => ({ p: (p.percent as number) / 100, n: p.n as number })),
            { method: 'reml', scale: 'logit', test: 'knha', level: options.level },
          ),
        )
      : null;
  if (pooled !== null && wordings.size > 1) caveats.push(noteText.poolingDifferentThings());
  return {
    construct,
    polls,
    changes,
    trend,
    homogeneity,
    pooled,
    sentence: noteText.acrossSentence(construct, measured.length, withN.length, changes),
    caveats,
  };
}

/** The polls of the organisation with the most waves that have n, in time order. */
function longestSeries(polls: PollRow[], order: Map<string, number>): PollRow[] {
  const byOrg = new Map<string, PollRow[]>();
  for (const p of polls) {
    const key = p.organization ?? p.surveyId;
    byOrg.set(key, [...(byOrg.get(key) ?? []), p]);
  }
  const series = [...byOrg.values()].sort((a, b) => b.length - a.length)[0] ?? [];
  return inTimeOrder(series, order);
}

/** Polls in time order: by fieldwork date when every poll has one, else as the surveys table lists them. */
function inTimeOrder(polls: PollRow[], order: Map<string, number>): PollRow[] {
  const date = (p: PollRow) => p.fieldEnd ?? p.fieldStart;
  const dated = polls.every((p) => date(p) !== null);
  return [...polls].sort((a, b) =>
    dated
      ? (date(a) as string).localeCompare(date(b) as string)
      : (order.get(a.surveyId) ?? 0) - (order.get(b.surveyId) ?? 0),
  );
}

/**
 * The change between consecutive waves of one organisation: the two-sample
 * test (Newcombe interval, pooled z test) — Fisher's exact test when an
 * expected count is below 10 — or, with either n unknown, the smallest
 * equal n per wave at which the change would exceed its margin.
 */
function waveChanges(polls: PollRow[], order: Map<string, number>, level: number): WaveChange[] {
  const byOrg = new Map<string, PollRow[]>();
  for (const p of polls) {
    if (p.organization === null) continue;
    byOrg.set(p.organization, [...(byOrg.get(p.organization) ?? []), p]);
  }
  const changes: WaveChange[] = [];
  for (const [organization, list] of byOrg) {
    const waves = inTimeOrder(list, order);
    for (let k = 1; k < waves.length; k++) {
      changes.push(change(organization, waves[k - 1] as PollRow, waves[k] as PollRow, level));
    }
  }
  return changes;
}

/**
 * With the waves' n unknown: core's significantFromN — the smallest equal n
 * per wave from which the change is larger than its margin at every n up to
 * 5,000 where both printed figures are whole counts' shares, tested on those
 * counts (Fisher's exact test below 10 expected).
 */
function smallestSignificantN(a: PollRow, b: PollRow, level: number): number | null {
  const figure = (p: PollRow) => ({
    percent: p.percent as number,
    decimals: decimalsOfNumber(p.percent as number),
  });
  return significantFromN(figure(a), figure(b), { level });
}

function change(organization: string, a: PollRow, b: PollRow, level: number): WaveChange {
  const pa = (a.percent as number) / 100;
  const pb = (b.percent as number) / 100;
  const base: WaveChange = {
    organization,
    from: a.surveyId,
    to: b.surveyId,
    percentFrom: a.percent as number,
    percentTo: b.percent as number,
    difference: pb - pa,
    nFrom: a.n,
    nTo: b.n,
    lower: null,
    upper: null,
    pValue: null,
    test: null,
    verdict: 'n-unknown',
    minimumN: null,
  };
  if (a.n === null || b.n === null) {
    base.minimumN = smallestSignificantN(a, b, level);
    return base;
  }
  const t = twoProportionTest(pb, b.n, pa, a.n, { level });
  const [xa, xb] = [Math.round(pa * a.n), Math.round(pb * b.n)];
  const pooled = (xa + xb) / (a.n + b.n);
  const expected = Math.min(a.n, b.n) * Math.min(pooled, 1 - pooled);
  const exact = expected < MIN_EXPECTED;
  const pValue = exact ? fisherExactTest(xb, b.n, xa, a.n).pValue : t.pValue;
  return {
    ...base,
    lower: t.lower,
    upper: t.upper,
    pValue,
    test: exact ? 'fisher' : 'z',
    // With Fisher's test the verdict follows its p-value; otherwise the interval.
    verdict: (exact ? pValue < 1 - level : t.lower > 0 || t.upper < 0)
      ? 'beyond-margin'
      : 'within-margin',
  };
}
