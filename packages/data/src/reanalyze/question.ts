// One question (in one group, from one source), reanalysed: its figures in
// scale order, its response type, the n it is out of (stated, inferred from
// the question that selected its respondents, or assumed), and its leads
// with p-values adjusted within the question. Internal.
import { adjustPValues } from '@toplines/core';
import type { LeadPair } from '../verbs/leads';
import { type FigureContext, figureResult } from './figure';
import { type LeadContext, leadResult } from './lead';
import type {
  InferredBase,
  LeadResult,
  OptionResult,
  QuestionResult,
  ReanalysisOptions,
  SurveyResult,
} from './model';
import { noteText } from './notes';
import { isTotal, num, positiveInteger, printedDecimals, type Row, str } from './values';

/** The response types a question can have. */
export const RESPONSE_TYPES: readonly string[] = ['single', 'multiple', 'scale'];

/** A group of unknown size is shown at these fractions of its survey's n. */
export const SUBGROUP_FRACTIONS: readonly number[] = [0.1, 0.25, 0.5];

/** One block of rows: a question in one group from one source. */
export interface Block {
  /** Indices into the survey's rows, in the order of the results table. */
  members: number[];
  /** The question's row of the questions table (`{}` when it has none). */
  question: Row;
  /** Its response type: as given, or inferred from the sum of its shares. */
  responseType: string;
  responseTypeInferred: boolean;
  /** The sum of its exact, non-net shares, percent units. */
  sum: number;
  /** The question it restates, if any. */
  restates: string | null;
  /** Its base, when inferred from the question that selected its respondents. */
  inferredBase: InferredBase | null;
}

/**
 * The response type of a block: the questions table's, or — when it gives
 * none — single-choice if the non-net shares sum to at most 100 plus their
 * rounding, check-all otherwise.
 */
export function blockType(
  members: number[],
  rows: Row[],
  question: Row,
): Pick<Block, 'responseType' | 'responseTypeInferred' | 'sum'> {
  const plain = members.filter(
    (i) => rows[i]?.['is_net'] !== true && num(rows[i]?.['percent']) !== null,
  );
  const sum = plain.reduce((acc, i) => acc + (num(rows[i]?.['percent']) as number), 0);
  const allowance = plain.reduce((acc, i) => acc + 0.5 * 10 ** -printedDecimals(rows[i] as Row), 0);
  const given = str(question['response_type']);
  const inferred = given === null || !RESPONSE_TYPES.includes(given);
  const type = inferred ? (sum <= 100 + allowance ? 'single' : 'multiple') : (given as string);
  return { responseType: type, responseTypeInferred: inferred, sum };
}

/**
 * The sizes tried where a block's n is unknown, and the caveat that says so:
 * - a group of unknown size (age 70s): a tenth, a quarter and half of the
 *   survey's n, or of the middle assumed size when the survey's n is unknown
 *   too — never more than the survey;
 * - a follow-up of a known sample whose filter is unknown: a quarter, half
 *   and all of the sample (at most all of it);
 * - otherwise (the survey's n is unknown): the assumed sizes.
 */
export function assumedSizes(
  block: Block,
  rows: Row[],
  survey: SurveyResult,
  options: ReanalysisOptions,
): { sizes: number[]; caveat: string | null } {
  const first = rows[block.members[0] as number] as Row;
  if (!isTotal(first)) {
    const reference =
      survey.n ?? (options.assumeN[Math.floor(options.assumeN.length / 2)] as number);
    const sizes = [
      ...new Set(SUBGROUP_FRACTIONS.map((f) => Math.max(1, Math.round(f * reference)))),
    ];
    return { sizes, caveat: noteText.subgroupNUnknown(reference, survey.n !== null, sizes) };
  }
  if (survey.n !== null) {
    const n = survey.n;
    const sizes = [
      ...new Set([Math.floor(n / 4), Math.floor(n / 2), n].map((x) => Math.max(1, x))),
    ];
    return { sizes, caveat: noteText.subsetNUnknown(str(block.question['base']), n, sizes) };
  }
  return { sizes: options.assumeN, caveat: null };
}

/** What a question needs from its survey's analysis. */
export interface QuestionInputs {
  rows: Row[];
  /** The sizes tried where n is unknown (empty when known), and their caveat. */
  assumed: { sizes: number[]; caveat: string | null };
  /** Where n is unknown: the survey's rows at each assumed n (same order as `rows`). */
  rowsAtSize: Row[][];
  /** The pairs of this block at the known n. */
  pairs: LeadPair[];
  /** The pairs of this block at each assumed n, in the order of `pairs`. */
  pairsAtSize: LeadPair[][];
}

/**
 * A question from its block.
 *
 * @param block - its rows, question metadata, type, base
 * @param inputs - the survey's rows, the sizes tried and the block's tested pairs
 * @param survey - the survey's header (n, deff, sample type, published margin)
 * @param options - the reanalysis's options, and whether its method was chosen (else a
 *   row's design interval is shown)
 */
export function questionResult(
  block: Block,
  inputs: QuestionInputs,
  survey: SurveyResult,
  options: ReanalysisOptions & { methodGiven?: boolean },
): QuestionResult {
  const { rows } = inputs;
  const first = rows[block.members[0] as number] as Row;
  const ordered = scaleOrdered(block, rows);
  const caveats: string[] = [];
  if (block.responseTypeInferred && ordered.filter((i) => rows[i]?.['is_net'] !== true).length > 1)
    caveats.push(noteText.inferredType(block.responseType, block.sum));
  if (block.inferredBase !== null) caveats.push(noteText.inferredBase(block.inferredBase));

  const ns = ordered.map((i) => positiveInteger(rows[i]?.['n_used']));
  const assumedN = ns.some((n) => n === null) ? inputs.assumed.sizes : [];
  if (assumedN.length > 0 && inputs.assumed.caveat !== null) caveats.push(inputs.assumed.caveat);
  const known = ns.filter((n): n is number => n !== null);
  const questionN =
    known.length === ns.length && known.every((n) => n === known[0]) ? (known[0] ?? null) : null;

  const figureContext: FigureContext = {
    level: options.level,
    method: options.method,
    deff: survey.deff,
    sampleType: survey.sampleType,
    mode: survey.mode,
    inferredBase: block.inferredBase !== null,
    restates: block.restates,
    weighted: survey.weighting === 'weighted',
    designIntervals: options.methodGiven !== true,
  };
  const figures = new Map<number, OptionResult>();
  for (const i of ordered) {
    const atSize = assumedN.map((n, k) => ({ n, row: inputs.rowsAtSize[k]?.[i] as Row }));
    figures.set(i, figureResult(rows[i] as Row, atSize, figureContext));
  }
  const options_ = ordered.map((i) => figures.get(i) as OptionResult);
  if (block.restates === null && options_.some((o) => o.qualifier !== 'exact'))
    caveats.push(noteText.qualifiedFigures());
  if (options_.some((o) => o.consistent === false)) caveats.push(noteText.inconsistentFigures());

  const context: LeadContext = {
    level: options.level,
    deff: survey.deff,
    assumedN,
    sampleType: survey.sampleType,
    mode: survey.mode,
    publishedMoe: survey.moeReported,
  };
  const leads = leadOrder(inputs.pairs, ordered, figures).map(({ pair, k }) =>
    leadResult(
      pair,
      figures.get(pair.a) as OptionResult,
      figures.get(pair.b) as OptionResult,
      assumedN.length > 0 ? inputs.pairsAtSize.map((ps) => ps[k] as LeadPair) : [],
      context,
    ),
  );
  const tested = adjust(leads, options);
  if (tested > 1 && options.adjust !== 'none')
    caveats.push(noteText.adjusted(options.adjust, tested));
  if (block.responseType === 'scale' && leads.length > 0) {
    const nets = options_.filter((o) => o.isNet).length;
    caveats.push(nets >= 2 ? noteText.comparedNets() : noteText.comparedEnds());
  }
  if (block.responseType === 'multiple' && leads.length > 0) caveats.push(noteText.pairedNote());

  return {
    surveyId: survey.surveyId,
    questionId: String(first['question_id'] ?? ''),
    wording: str(block.question['wording']),
    responseType: block.responseType,
    responseTypeInferred: block.responseTypeInferred,
    base: str(block.question['base']),
    groupDim: String(first['group_dim'] ?? 'total'),
    groupValue: String(first['group_value'] ?? 'total'),
    sourceId: str(first['source_id']),
    n: questionN,
    sum: block.sum,
    options: options_,
    leads,
    assumedN,
    inferredBase: block.inferredBase,
    restates: block.restates,
    adjustment: options.adjust,
    caveats,
  };
}

/**
 * Adjusts the p-values of a question's leads for their number (core's
 * adjustPValues, as R's p.adjust): the leads with a p-value at a known n
 * form the family. Returns how many there were.
 */
function adjust(leads: LeadResult[], options: ReanalysisOptions): number {
  const tested = leads.filter((l) => l.pValue !== null && l.n !== null);
  const raw = tested.map((l) => l.pValue as number);
  const adjusted = options.adjust === 'none' ? raw : adjustPValues(raw, options.adjust);
  tested.forEach((l, k) => {
    const p = adjusted[k] as number;
    l.pValueAdjusted = p;
    // A check-all difference is significant only if its conservative end is.
    l.significantAdjusted = p < 1 - options.level;
  });
  return tested.length;
}

/** The block's rows in the question's scale order (when it has one), else as listed. */
function scaleOrdered(block: Block, rows: Row[]): number[] {
  const scaleOrder = (str(block.question['scale_order']) ?? '')
    .split('|')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const rank = (i: number) => {
    const at = scaleOrder.indexOf(String(rows[i]?.['option']));
    return at === -1 ? scaleOrder.length : at;
  };
  return [...block.members].sort((a, b) => rank(a) - rank(b) || a - b);
}

/**
 * The pairs with a percentage on both sides, ordered as a reader scans them:
 * the largest share against each smaller one, then the next. `k` is each
 * pair's index in `pairs` (and so in the pairs at each assumed n).
 */
function leadOrder(
  pairs: LeadPair[],
  ordered: number[],
  figures: Map<number, OptionResult>,
): { pair: LeadPair; k: number }[] {
  const byShare = ordered
    .filter((i) => figures.get(i)?.estimate !== null)
    .sort((x, y) => (figures.get(y)?.percent ?? 0) - (figures.get(x)?.percent ?? 0));
  const place = new Map(byShare.map((i, at) => [i, at]));
  return pairs
    .map((pair, k) => ({ pair, k }))
    .filter(({ pair }) => place.has(pair.a) && place.has(pair.b))
    .sort(
      (p, q) =>
        Math.min(place.get(p.pair.a) as number, place.get(p.pair.b) as number) -
          Math.min(place.get(q.pair.a) as number, place.get(q.pair.b) as number) ||
        Math.max(place.get(p.pair.a) as number, place.get(p.pair.b) as number) -
          Math.max(place.get(q.pair.a) as number, place.get(q.pair.b) as number),
    );
}
