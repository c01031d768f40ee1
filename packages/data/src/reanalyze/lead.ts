// One difference between two options of one question, from the pairs the
// `leads` verb tested: its verdict, its scenarios where n is unknown, and
// its sentence. Internal.
import {
  binomialTest,
  explain,
  type LeadTest,
  leadProbability,
  type PairedDifference,
  type SampleType,
} from '@toplines/core';
import { type ExplainSettings, explainChecked, isLibraryError } from '@toplines/core/internal';
import { type LeadPair, pairTest } from '../verbs/leads';
import type { LeadResult, OptionResult, Scenario, Verdict } from './model';
import { noteText } from './notes';

/** What a lead needs besides its pair. */
export interface LeadContext {
  level: number;
  deff: number;
  /** The sizes tried where n is unknown (empty when n is known). */
  assumedN: number[];
  sampleType: SampleType;
  mode: string | null;
  /** The margin the survey published (a proportion), quoted by the sentences; null when none. */
  publishedMoe: number | null;
}

/**
 * A lead from its pair at the known n, or (n unknown) from the same pair at
 * each assumed n.
 *
 * @param pair - the pair as `leadPairs` tested it
 * @param a - the figure of option A (the larger share)
 * @param b - the figure of option B
 * @param atSize - where n is unknown: the pair at each assumed n, in the order of `context.assumedN`
 */
export function leadResult(
  pair: LeadPair,
  a: OptionResult,
  b: OptionResult,
  atSize: LeadPair[],
  context: LeadContext,
): LeadResult {
  const labels = [a.option, b.option];
  const notes: string[] = [];
  if (a.qualifier !== 'exact') notes.push(noteText.qualifiedLead(a.option, a.qualifier));
  if (b.qualifier !== 'exact') notes.push(noteText.qualifiedLead(b.option, b.qualifier));
  const result: LeadResult = {
    kind: pair.method,
    optionA: a.option,
    optionB: b.option,
    percentA: a.percent as number,
    percentB: b.percent as number,
    n: null,
    difference: (a.estimate as number) - (b.estimate as number),
    lower: null,
    upper: null,
    se: null,
    z: null,
    pValue: null,
    liberalLower: null,
    liberalUpper: null,
    overlapRange: null,
    significant: null,
    verdict: 'not-computed',
    pValueAdjusted: null,
    significantAdjusted: null,
    probabilityAhead: null,
    test: null,
    smallCounts: false,
    minimumN: null,
    scenarios: [],
    sentence: null,
    sentenceN: null,
    notes,
  };
  if (pair.error !== null) {
    notes.push(noteText.notComputed(pair.error));
  } else if (pair.test !== null && pair.n !== null) {
    const t = pair.test;
    const significant = significance(t);
    // Fields set one by one (not merged from objects): 400,000 leads in an archive (#18).
    result.n = pair.n;
    result.lower = t.lower;
    result.upper = t.upper;
    result.se = t.se;
    result.z = Number.isFinite(t.z) ? t.z : null;
    result.pValue = t.pValue;
    result.significant = significant;
    result.verdict = verdictOf(significant);
    result.test = t.kind === 'paired' ? 'paired-bounds' : 'z';
    setPairedEnds(result, t);
    let ahead: number | null = null;
    if (t.kind === 'lead') {
      // the pair's own design effect: the survey's, or a design-based one (weightedToplines)
      smallSample(t, pair.deff, notes, result);
      // The sentence's probability is this one when it is computed the same
      // way (the leader first, at the same design effect): computed once.
      if (t.p1 > t.p2 && t.n / t.nEffective === pair.deff) ahead = result.probabilityAhead;
    }
    result.sentence = sentenceOf(t, labels, context, ahead);
  } else if (pair.n !== null && pair.notes.includes(noteText.noVarianceLead())) {
    // two shares the design fixes (weightedToplines' se 0): no test, and why
    result.n = pair.n;
    notes.push(noteText.noVarianceLead());
  } else if (a.n !== null && b.n !== null) {
    notes.push(noteText.differentN(a.n, b.n));
  } else if (context.assumedN.length > 0) {
    const failed = atSize.find((p) => p.test === null);
    if (failed !== undefined) {
      notes.push(noteText.notComputed(failed.error ?? noteText.percentMissing()));
      return result;
    }
    result.verdict = 'n-unknown';
    result.scenarios = atSize.map((p, k) => scenarioOf(p, context.assumedN[k] as number));
    const middle = Math.floor(context.assumedN.length / 2);
    const t = atSize[middle]?.test;
    if (t != null) {
      setPairedEnds(result, t);
      result.sentence = sentenceOf(t, labels, context, null);
      result.sentenceN = context.assumedN[middle] as number;
    }
    const pa = a.estimate as number;
    const pb = b.estimate as number;
    result.minimumN = minimumN(
      (size) => significance(pairTest(pair.method, pa, pb, size, context)) === true,
      pa - pb,
    );
  }
  return result;
}

/**
 * core's `explain` of a lead or paired difference, without the survey's
 * caveat (said once per survey), quoting the published margin. The engine's
 * results are core's own, so the checks of `explain` are skipped
 * (`explainChecked`; 400,000 sentences for a 200,000-row archive, #18) but
 * for a published margin that `explain` would refuse, whose error it gives.
 *
 * @param ahead - the probability that the leader is ahead, when already computed
 */
function sentenceOf(
  t: LeadTest | PairedDifference,
  labels: string[],
  context: LeadContext,
  ahead: number | null,
): string {
  const published = context.publishedMoe;
  if (published !== null && !(published > 0 && published < 1)) {
    return explain(t, {
      sampleType: context.sampleType,
      labels,
      caveat: false,
      publishedMoe: published,
    });
  }
  const settings: ExplainSettings = {
    optIn: context.sampleType === 'nonprobability',
    labels,
    caveat: '',
    publishedMoe: published,
  };
  if (ahead !== null) settings.probabilityAhead = ahead;
  return explainChecked(t, settings);
}

/**
 * A lead of one sample whose expected counts (share × n / deff) are small:
 * below 5 for either option, the large-sample z test misleads, and the
 * p-value comes from the exact conditional binomial test — among the
 * x_A + x_B who chose either option, x_A ~ Binomial(x_A + x_B, ½) if the
 * two shares are equal (the exact form of McNemar's test; Agresti, Categorical
 * Data Analysis, 2013). Also the probability
 * that the leader is ahead (Dirichlet posterior).
 */
function smallSample(t: LeadTest, deff: number, notes: string[], result: LeadResult): void {
  const m = t.n / deff;
  const xa = Math.round(t.p1 * m);
  const xb = Math.round(t.p2 * m);
  let probabilityAhead: number | null = null;
  try {
    probabilityAhead = t.p1 === t.p2 ? 0.5 : leadProbability(t.p1, t.p2, t.n, { deff });
  } catch (e) {
    if (!isLibraryError(e)) throw e;
  }
  const small = Math.min(t.p1 * m, t.p2 * m) < 5;
  result.probabilityAhead = probabilityAhead;
  result.smallCounts = small;
  if (!small || xa + xb === 0) {
    result.pValue = t.pValue;
    result.test = 'z';
    return;
  }
  notes.push(noteText.smallCounts());
  result.pValue = binomialTest(xa, xa + xb, 0.5).pValue;
  result.test = 'exact-binomial';
}

function scenarioOf(pair: LeadPair, n: number): Scenario {
  const t = pair.test;
  return {
    n,
    lower: (t as LeadTest | PairedDifference).lower,
    upper: (t as LeadTest | PairedDifference).upper,
    moe: null,
    significant: significance(t as LeadTest | PairedDifference),
  };
}

function verdictOf(significant: boolean | null): Verdict {
  return significant === true
    ? 'beyond-margin'
    : significant === false
      ? 'within-margin'
      : 'depends-on-overlap';
}

/** Sets a paired difference's liberal end and overlap range; nothing for a lead. */
function setPairedEnds(result: LeadResult, t: LeadTest | PairedDifference): void {
  if (t.kind !== 'paired') return;
  result.liberalLower = t.liberal.lower;
  result.liberalUpper = t.liberal.upper;
  result.overlapRange = t.overlapRange;
}

/** Whether an interval excludes 0. */
function excludes(lower: number, upper: number): boolean {
  return lower > 0 || upper < 0;
}

/** Whether the interval excludes 0; for a paired difference, null when that depends on the overlap. */
export function significance(t: LeadTest | PairedDifference): boolean | null {
  if (t.kind === 'paired' && !t.overlapKnown) {
    if (excludes(t.conservative.lower, t.conservative.upper)) return true;
    if (!excludes(t.liberal.lower, t.liberal.upper)) return false;
    return null;
  }
  return excludes(t.lower, t.upper);
}

/**
 * The smallest n at which `significant(n)` holds, by doubling then
 * bisection (significance grows with n for a fixed difference); null when
 * the difference is 0 or not even 10 million respondents would do.
 *
 * @example
 * minimumN((n) => n >= 439, 0.064); // => 439
 */
export function minimumN(significant: (n: number) => boolean, difference: number): number | null {
  if (difference === 0) return null;
  let high = 1;
  while (!significant(high)) {
    high *= 2;
    if (high > 1e7) return null;
  }
  let low = Math.floor(high / 2);
  if (low < 1) return 1;
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (significant(mid)) high = mid;
    else low = mid;
  }
  return high;
}
