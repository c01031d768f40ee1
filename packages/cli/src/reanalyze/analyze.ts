// The reanalysis itself: every figure, lead and check of a package of
// toplines, computed with @toplines/core on the rows @toplines/data reads.
import {
  explain,
  impliedDesignEffect,
  type LeadTest,
  leadTest,
  marginOfError,
  type PairedDifference,
  pairedDifference,
  proportionCI,
  type SampleType,
  sampleCaveat,
} from '@toplines/core';
import { consistency, type DataPackage, withIntervals } from '@toplines/data';
import { UsageError } from '../errors';
import { dataText } from '../messages';
import {
  type Issue,
  type LeadResult,
  type OptionResult,
  type QuestionResult,
  type Reanalysis,
  type ReanalysisOptions,
  SCHEMA_VERSION,
  type Scenario,
  type Summary,
  type SurveyResult,
} from './model';
import { noteText } from './notes';

type Row = Readonly<Record<string, unknown>>;

const SAMPLE_TYPES: readonly SampleType[] = ['probability', 'nonprobability', 'unknown'];
const RESPONSE_TYPES = ['single', 'multiple', 'scale'];

/** Called as the work advances (for a progress indicator). */
export type OnProgress = (done: number, total: number) => void;

/**
 * Reanalyses a package of toplines: one {@link SurveyResult} per survey
 * (in the order of the surveys table, then of the results), one
 * {@link QuestionResult} per question, group and source.
 *
 * @param pkg - a package with a results table (surveys and questions when known)
 * @param input - what was read, for the report's header
 * @param options - method, level, deff, assumed sizes, surveys to keep
 * @param warnings - validation warnings, carried into the document
 * @example
 * const doc = analyze(load(), { kind: 'bundled', path: null, title: 'bundled data' }, DEFAULTS, []);
 * doc.surveys[0]?.questions.length; // the questions of the first survey
 */
export function analyze(
  pkg: DataPackage,
  input: Reanalysis['input'],
  options: ReanalysisOptions,
  warnings: Issue[],
  onProgress?: OnProgress,
): Reanalysis {
  const results = pkg.results;
  if (results === undefined) throw new Error('analyze requires a package with results');
  const sample = {
    ...(pkg.surveys === undefined ? {} : { surveys: pkg.surveys }),
    ...(pkg.questions === undefined ? {} : { questions: pkg.questions }),
  };
  const table = consistency(withIntervals(results, { ...sample, level: options.level }), sample);
  const rows = table.objects() as Row[];
  const surveyRows = (pkg.surveys?.objects() ?? []) as Row[];
  const questionRows = (pkg.questions?.objects() ?? []) as Row[];

  const surveyMeta = new Map<string, Row>();
  for (const s of surveyRows) {
    const id = str(s['survey_id']);
    if (id !== null && !surveyMeta.has(id)) surveyMeta.set(id, s);
  }
  const questionMeta = new Map<string, Row>();
  const questionOrder = new Map<string, number>();
  questionRows.forEach((q, i) => {
    const key = qKey(q['survey_id'], q['question_id']);
    questionMeta.set(key, q);
    if (!questionOrder.has(key)) questionOrder.set(key, i);
  });

  // Surveys: the surveys table's order, then any survey only the results name.
  const surveyIds = [...surveyMeta.keys()];
  for (const r of rows) {
    const id = String(r['survey_id'] ?? '');
    if (!surveyIds.includes(id)) surveyIds.push(id);
  }
  for (const wanted of options.surveys) {
    if (!surveyIds.includes(wanted)) {
      throw new UsageError(dataText.unknownSurvey(wanted, surveyIds), 'reanalyze');
    }
  }
  const kept =
    options.surveys.length === 0
      ? surveyIds
      : surveyIds.filter((id) => options.surveys.includes(id));

  // Blocks: one per survey, question, group and source, in order of appearance.
  const blocks = new Map<string, number[]>();
  rows.forEach((r, i) => {
    const key = JSON.stringify([
      r['survey_id'],
      r['question_id'],
      r['group_dim'] ?? 'total',
      r['group_value'] ?? 'total',
      r['source_id'] ?? null,
    ]);
    const members = blocks.get(key);
    if (members === undefined) blocks.set(key, [i]);
    else members.push(i);
  });
  const total = blocks.size;
  let done = 0;

  const surveys: SurveyResult[] = kept.map((surveyId) => {
    const s = surveyMeta.get(surveyId) ?? {};
    const survey = surveyResult(surveyId, s, options);
    const mine = [...blocks.values()].filter(
      (b) => rows[b[0] as number]?.['survey_id'] === surveyId,
    );
    const firstRow = (b: number[]) => rows[b[0] as number] as Row;
    mine.sort((a, b) => {
      const ra = firstRow(a);
      const rb = firstRow(b);
      const qa = questionOrder.get(qKey(surveyId, ra['question_id'])) ?? Number.MAX_SAFE_INTEGER;
      const qb = questionOrder.get(qKey(surveyId, rb['question_id'])) ?? Number.MAX_SAFE_INTEGER;
      if (qa !== qb) return qa - qb;
      if (ra['question_id'] !== rb['question_id']) return (a[0] as number) - (b[0] as number);
      const ta = isTotal(ra) ? 0 : 1;
      const tb = isTotal(rb) ? 0 : 1;
      return ta - tb || (a[0] as number) - (b[0] as number);
    });
    for (const block of mine) {
      const q = questionMeta.get(qKey(surveyId, firstRow(block)['question_id'])) ?? {};
      survey.questions.push(questionResult(block, rows, q, survey, options));
      done++;
      onProgress?.(done, total);
    }
    if (survey.n === null && survey.questions.some((q) => q.options.some((o) => o.n === null))) {
      survey.caveats.push(noteText.surveyNUnknown(options.assumeN));
    }
    return survey;
  });

  return {
    schemaVersion: SCHEMA_VERSION,
    input,
    options,
    summary: summarize(surveys),
    warnings,
    surveys,
  };
}

function surveyResult(surveyId: string, s: Row, options: ReanalysisOptions): SurveyResult {
  const n = positiveInteger(s['n']);
  const moeReported =
    num(s['moe_reported']) === null ? null : (num(s['moe_reported']) as number) / 100;
  let impliedDeff: number | null = null;
  if (moeReported !== null && n !== null) {
    try {
      impliedDeff = impliedDesignEffect(moeReported, n, { level: 0.95 });
    } catch {
      impliedDeff = null;
    }
  }
  const deff = options.deff === 'implied' ? (impliedDeff ?? 1) : options.deff;
  const rawType = str(s['sample_type']);
  const sampleType: SampleType =
    rawType !== null && (SAMPLE_TYPES as readonly string[]).includes(rawType)
      ? (rawType as SampleType)
      : 'unknown';
  const caveats: string[] = [];
  const shared = sharedCaveat(sampleType);
  if (shared !== null) caveats.push(shared);
  if (options.deff === 'implied' && impliedDeff === null) caveats.push(noteText.noImpliedDeff());
  return {
    surveyId,
    title: str(s['title']) ?? surveyId,
    organization: str(s['organization']),
    sponsor: str(s['sponsor']),
    country: str(s['country']),
    population: str(s['population']),
    mode: str(s['mode']),
    sampleType,
    fieldStart: str(s['field_start']),
    fieldEnd: str(s['field_end']),
    n,
    moeReported,
    impliedDeff,
    deff,
    headlineMoe: n === null ? null : marginOfError(0.5, n, { level: options.level, deff }),
    sourceId: str(s['source_id']),
    notes: str(s['notes']),
    questions: [],
    caveats,
  };
}

/**
 * The sentence explain() ends every finding with for this sample type (e.g.
 * "The source does not say how the sample was drawn; …"), or null for a
 * probability sample: core's `sampleCaveat`. The terminal says it once per
 * survey.
 */
export function sharedCaveat(sampleType: SampleType): string | null {
  return sampleCaveat(sampleType);
}

function questionResult(
  block: number[],
  rows: Row[],
  q: Row,
  survey: SurveyResult,
  options: ReanalysisOptions,
): QuestionResult {
  const first = rows[block[0] as number] as Row;
  const scaleOrder = (str(q['scale_order']) ?? '')
    .split('|')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const rank = (i: number) => {
    const at = scaleOrder.indexOf(String(rows[i]?.['option']));
    return at === -1 ? scaleOrder.length : at;
  };
  const ordered = [...block].sort((a, b) => rank(a) - rank(b) || a - b);
  const base = str(q['base']);
  const deff = survey.deff;
  const level = options.level;
  const caveats: string[] = [];

  // Shares and the response type (inferred from their sum when not given).
  const plain = ordered.filter(
    (i) => rows[i]?.['is_net'] !== true && num(rows[i]?.['percent']) !== null,
  );
  const sum = plain.reduce((acc, i) => acc + (num(rows[i]?.['percent']) as number), 0);
  const allowance = plain.reduce((acc, i) => acc + 0.5 * 10 ** -decimalsOf(rows[i] as Row), 0);
  const given = str(q['response_type']);
  const responseTypeInferred = given === null || !RESPONSE_TYPES.includes(given);
  const responseType = responseTypeInferred
    ? sum <= 100 + allowance
      ? 'single'
      : 'multiple'
    : (given as string);
  if (responseTypeInferred && plain.length > 1)
    caveats.push(noteText.inferredType(responseType, sum));

  // Sizes to try where n is unknown: a subset of a known sample cannot exceed it.
  const ns = ordered.map((i) => positiveInteger(rows[i]?.['n_used']));
  const anyUnknown = ns.some((n) => n === null);
  const assumedN = !anyUnknown
    ? []
    : survey.n !== null
      ? [Math.max(1, Math.floor(survey.n / 4)), Math.max(1, Math.floor(survey.n / 2)), survey.n]
      : options.assumeN;
  // (Where the whole survey lacks n, its header says so once.)
  if (anyUnknown && survey.n !== null) {
    caveats.push(
      survey.n !== null
        ? noteText.subsetNUnknown(base, survey.n, assumedN)
        : noteText.questionNUnknown(assumedN),
    );
  }
  const known = ns.filter((n): n is number => n !== null);
  const questionN =
    known.length === ns.length && known.every((n) => n === known[0]) ? (known[0] ?? null) : null;

  const options_: OptionResult[] = ordered.map((i) =>
    optionResult(rows[i] as Row, i, assumedN, survey.sampleType, {
      level,
      deff,
      method: options.method,
    }),
  );
  if (options_.some((o) => o.qualifier !== 'exact')) caveats.push(noteText.qualifiedFigures());
  if (options_.some((o) => o.consistent === false)) caveats.push(noteText.inconsistentFigures());

  // Leads: every pair of non-net options, the larger share first.
  const leadRows = options_.filter((o) => !o.isNet && o.estimate !== null);
  leadRows.sort((a, b) => (b.percent ?? 0) - (a.percent ?? 0));
  const leads: LeadResult[] = [];
  for (let x = 0; x < leadRows.length; x++) {
    for (let y = x + 1; y < leadRows.length; y++) {
      leads.push(
        leadResult(leadRows[x] as OptionResult, leadRows[y] as OptionResult, {
          kind: responseType === 'multiple' ? 'paired' : 'lead',
          level,
          deff,
          assumedN,
          sampleType: survey.sampleType,
        }),
      );
    }
  }
  if (responseType === 'multiple' && leads.length > 0) caveats.push(noteText.pairedNote());

  return {
    surveyId: survey.surveyId,
    questionId: String(first['question_id'] ?? ''),
    wording: str(q['wording']),
    responseType,
    responseTypeInferred,
    base,
    groupDim: String(first['group_dim'] ?? 'total'),
    groupValue: String(first['group_value'] ?? 'total'),
    sourceId: str(first['source_id']),
    n: questionN,
    sum,
    options: options_,
    leads,
    assumedN,
    caveats,
  };
}

interface IntervalOptions {
  level: number;
  deff: number;
  method: ReanalysisOptions['method'];
}

function optionResult(
  r: Row,
  index: number,
  assumedN: number[],
  sampleType: SampleType,
  o: IntervalOptions,
): OptionResult {
  const percent = num(r['percent']);
  const estimate = percent === null ? null : percent / 100;
  const n = positiveInteger(r['n_used']);
  const qualifier = str(r['qualifier']) ?? 'exact';
  const option = String(r['option'] ?? '');
  const notes: string[] = [];
  let lower: number | null = null;
  let upper: number | null = null;
  let moe: number | null = null;
  let sentence: string | null = null;
  const scenarios: Scenario[] = [];
  if (qualifier !== 'exact') notes.push(noteText.qualifier(qualifier));
  if (estimate === null) notes.push(noteText.percentMissing());
  else if (n !== null) {
    try {
      const ci = proportionCI(estimate, n, o);
      lower = ci.lower;
      upper = ci.upper;
      moe = marginOfError(estimate, n, { level: o.level, deff: o.deff });
      sentence = explain(ci, { sampleType, labels: [capitalize(option)] });
    } catch (e) {
      notes.push(noteText.notComputed((e as Error).message));
    }
  } else {
    notes.push(noteText.nUnknown());
    for (const size of assumedN) {
      const ci = proportionCI(estimate, size, o);
      scenarios.push({
        n: size,
        lower: ci.lower,
        upper: ci.upper,
        moe: marginOfError(estimate, size, { level: o.level, deff: o.deff }),
        significant: null,
      });
    }
  }
  const consistent = typeof r['consistent'] === 'boolean' ? r['consistent'] : null;
  if (consistent === false)
    notes.push(noteText.noCount(str(r['percent_text']) ?? String(percent), n));
  return {
    option,
    percent,
    percentText: str(r['percent_text']),
    qualifier,
    isNet: r['is_net'] === true,
    row: index + 1,
    n,
    estimate,
    lower,
    upper,
    moe,
    countMin: positiveOrZero(r['count_min']),
    countMax: positiveOrZero(r['count_max']),
    consistent,
    notes,
    scenarios,
    sentence,
  };
}

interface LeadOptions {
  kind: 'lead' | 'paired';
  level: number;
  deff: number;
  assumedN: number[];
  sampleType: SampleType;
}

function leadResult(a: OptionResult, b: OptionResult, o: LeadOptions): LeadResult {
  const pa = a.estimate as number;
  const pb = b.estimate as number;
  const labels = [capitalize(a.option), b.option];
  const notes: string[] = [];
  for (const x of [a, b]) {
    if (x.qualifier !== 'exact') notes.push(noteText.qualifiedLead(x.option, x.qualifier));
  }
  const result: LeadResult = {
    kind: o.kind,
    optionA: a.option,
    optionB: b.option,
    percentA: a.percent as number,
    percentB: b.percent as number,
    n: null,
    difference: pa - pb,
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
    minimumN: null,
    scenarios: [],
    sentence: null,
    sentenceN: null,
    notes,
  };
  const test = (n: number): LeadTest | PairedDifference =>
    o.kind === 'lead'
      ? leadTest(pa, pb, n, { level: o.level, deff: o.deff })
      : pairedDifference(pa, pb, n, { level: o.level, deff: o.deff });
  const n = a.n !== null && a.n === b.n ? a.n : null;
  try {
    if (n !== null) {
      const t = test(n);
      const significant = significance(t);
      Object.assign(result, {
        n,
        lower: t.lower,
        upper: t.upper,
        se: t.se,
        z: Number.isFinite(t.z) ? t.z : null,
        pValue: t.pValue,
        significant,
        verdict:
          significant === true
            ? 'beyond-margin'
            : significant === false
              ? 'within-margin'
              : 'depends-on-overlap',
        sentence: explain(t, { sampleType: o.sampleType, labels }),
        ...paired(t),
      });
    } else if (a.n !== null && b.n !== null) {
      notes.push(noteText.differentN(a.n, b.n));
    } else if (o.assumedN.length > 0) {
      result.verdict = 'n-unknown';
      for (const size of o.assumedN) {
        const t = test(size);
        result.scenarios.push({
          n: size,
          lower: t.lower,
          upper: t.upper,
          moe: null,
          significant: significance(t),
        });
      }
      const middle = o.assumedN[Math.floor(o.assumedN.length / 2)] as number;
      const t = test(middle);
      Object.assign(result, paired(t));
      result.sentence = explain(t, { sampleType: o.sampleType, labels });
      result.sentenceN = middle;
      result.minimumN = minimumN((size) => significance(test(size)) === true, pa - pb);
    }
  } catch (e) {
    result.verdict = 'not-computed';
    notes.push(noteText.notComputed((e as Error).message));
  }
  return result;
}

function paired(t: LeadTest | PairedDifference): Partial<LeadResult> {
  if (!('overlapRange' in t)) return {};
  return {
    liberalLower: t.liberal.lower,
    liberalUpper: t.liberal.upper,
    overlapRange: t.overlapRange,
  };
}

/** Whether the interval excludes 0; for a paired difference, null when that depends on the overlap. */
function significance(t: LeadTest | PairedDifference): boolean | null {
  const excludes = (lower: number, upper: number) => lower > 0 || upper < 0;
  if ('overlapRange' in t && !t.overlapKnown) {
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

function summarize(surveys: SurveyResult[]): Summary {
  const questions = surveys.flatMap((s) => s.questions);
  const options = questions.flatMap((q) => q.options);
  const leads = questions.flatMap((q) => q.leads);
  return {
    surveys: surveys.length,
    questions: questions.length,
    figures: options.length,
    leads: leads.length,
    beyondMargin: leads.filter((l) => l.verdict === 'beyond-margin').length,
    withinMargin: leads.filter((l) => l.verdict === 'within-margin').length,
    dependsOnOverlap: leads.filter((l) => l.verdict === 'depends-on-overlap').length,
    nUnknownLeads: leads.filter((l) => l.verdict === 'n-unknown').length,
    inconsistent: options.filter((o) => o.consistent === false).length,
    nUnknownFigures: options.filter((o) => o.n === null).length,
  };
}

function qKey(surveyId: unknown, questionId: unknown): string {
  return JSON.stringify([surveyId, questionId]);
}

function isTotal(r: Row): boolean {
  return (r['group_dim'] ?? 'total') === 'total' && (r['group_value'] ?? 'total') === 'total';
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function positiveInteger(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : null;
}

function positiveOrZero(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : null;
}

function decimalsOf(r: Row): number {
  const text = str(r['percent_text']) ?? String(r['percent']);
  const dot = text.indexOf('.');
  return dot === -1 ? 0 : text.length - dot - 1;
}

/** "favorable impression" → "Favorable impression" (the label opens explain's sentence). */
export function capitalize(text: string): string {
  return text.length === 0 ? text : text[0]?.toUpperCase() + text.slice(1);
}
