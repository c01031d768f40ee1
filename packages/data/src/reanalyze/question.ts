// One question (in one group, from one source), reanalysed: its figures in
// scale order, its response type, the n it is out of, and its leads. Internal.
import type { LeadPair } from '../verbs/leads';
import { figureResult } from './figure';
import { type LeadContext, leadResult } from './lead';
import type { OptionResult, QuestionResult, ReanalysisOptions, SurveyResult } from './model';
import { noteText } from './notes';
import { num, positiveInteger, printedDecimals, type Row, str } from './values';

/** The response types a question can have. */
export const RESPONSE_TYPES: readonly string[] = ['single', 'multiple', 'scale'];

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
): Omit<Block, 'members' | 'question'> {
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

/** What a question needs from its survey's analysis. */
export interface QuestionInputs {
  rows: Row[];
  /** Where n is unknown: the survey's rows at each assumed n (same order as `rows`). */
  rowsAtSize: Row[][];
  /** The pairs of this block at the known n, keyed by `a,b` row indices. */
  pairs: LeadPair[];
  /** The pairs of this block at each assumed n. */
  pairsAtSize: LeadPair[][];
}

/**
 * A question from its block.
 *
 * @param block - its rows, question metadata and type
 * @param inputs - the survey's rows and the block's tested pairs
 * @param survey - the survey's header (n, deff, sample type)
 * @param options - the reanalysis's options
 */
export function questionResult(
  block: Block,
  inputs: QuestionInputs,
  survey: SurveyResult,
  options: ReanalysisOptions,
): QuestionResult {
  const { rows } = inputs;
  const first = rows[block.members[0] as number] as Row;
  const ordered = scaleOrdered(block, rows);
  const base = str(block.question['base']);
  const caveats: string[] = [];
  if (block.responseTypeInferred && ordered.filter((i) => rows[i]?.['is_net'] !== true).length > 1)
    caveats.push(noteText.inferredType(block.responseType, block.sum));

  // Sizes to try where n is unknown: a subset of a known sample cannot exceed it.
  const ns = ordered.map((i) => positiveInteger(rows[i]?.['n_used']));
  const anyUnknown = ns.some((n) => n === null);
  const assumedN = anyUnknown ? assumedSizes(survey, options) : [];
  if (anyUnknown && survey.n !== null)
    caveats.push(noteText.subsetNUnknown(base, survey.n, assumedN));
  const known = ns.filter((n): n is number => n !== null);
  const questionN =
    known.length === ns.length && known.every((n) => n === known[0]) ? (known[0] ?? null) : null;

  const settings = { level: options.level, method: options.method, deff: survey.deff };
  const figures = new Map<number, OptionResult>();
  for (const i of ordered) {
    const atSize = anyUnknown
      ? assumedN.map((n, k) => ({ n, row: inputs.rowsAtSize[k]?.[i] as Row }))
      : [];
    figures.set(i, figureResult(rows[i] as Row, atSize, survey.sampleType, settings));
  }
  const options_ = ordered.map((i) => figures.get(i) as OptionResult);
  if (options_.some((o) => o.qualifier !== 'exact')) caveats.push(noteText.qualifiedFigures());
  if (options_.some((o) => o.consistent === false)) caveats.push(noteText.inconsistentFigures());

  const context: LeadContext = {
    level: options.level,
    deff: survey.deff,
    assumedN,
    sampleType: survey.sampleType,
  };
  const leads = leadOrder(inputs.pairs, ordered, figures).map(({ pair, k }) =>
    leadResult(
      pair,
      figures.get(pair.a) as OptionResult,
      figures.get(pair.b) as OptionResult,
      anyUnknown ? inputs.pairsAtSize.map((ps) => ps[k] as LeadPair) : [],
      context,
    ),
  );
  if (block.responseType === 'multiple' && leads.length > 0) caveats.push(noteText.pairedNote());

  return {
    surveyId: survey.surveyId,
    questionId: String(first['question_id'] ?? ''),
    wording: str(block.question['wording']),
    responseType: block.responseType,
    responseTypeInferred: block.responseTypeInferred,
    base,
    groupDim: String(first['group_dim'] ?? 'total'),
    groupValue: String(first['group_value'] ?? 'total'),
    sourceId: str(first['source_id']),
    n: questionN,
    sum: block.sum,
    options: options_,
    leads,
    assumedN,
    caveats,
  };
}

/** The sizes tried where n is unknown: a quarter, half and all of a known survey n, else the options'. */
export function assumedSizes(survey: SurveyResult, options: ReanalysisOptions): number[] {
  if (survey.n === null) return options.assumeN;
  return [Math.max(1, Math.floor(survey.n / 4)), Math.max(1, Math.floor(survey.n / 2)), survey.n];
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
    .filter((i) => figures.get(i)?.isNet === false && figures.get(i)?.estimate !== null)
    .sort((x, y) => (figures.get(y)?.percent ?? 0) - (figures.get(x)?.percent ?? 0));
  const place = new Map(byShare.map((i, at) => [i, at]));
  return pairs
    .map((pair, k) => ({ pair, k }))
    .filter(({ pair }) => place.has(pair.a) && place.has(pair.b))
    .map(({ pair, k }) => {
      // The leader first, as the reader's order has it (ties keep scale order).
      const [a, b] =
        (place.get(pair.a) as number) <= (place.get(pair.b) as number)
          ? [pair.a, pair.b]
          : [pair.b, pair.a];
      return {
        pair:
          a === pair.a
            ? pair
            : {
                ...pair,
                a,
                b,
                optionA: pair.optionB,
                optionB: pair.optionA,
                percentA: pair.percentB,
                percentB: pair.percentA,
              },
        k,
        x: place.get(a) as number,
        y: place.get(b) as number,
      };
    })
    .sort((p, q) => p.x - q.x || p.y - q.y)
    .map(({ pair, k }) => ({ pair, k }));
}
