// One reported figure, reanalysed: its interval and count check as the
// verbs computed them, how much the check can say, one-sided bounds for
// "more than" / "less than" figures, and its sentence. Internal.
import {
  credibilityInterval,
  type ProportionCI,
  proportionCI,
  type SampleType,
} from '@toplines/core';
import { explainChecked } from '@toplines/core/internal';
import type { ColumnTable } from 'arquero';
import { noVariance, rowDesignEffect } from '../util/row-design-effect';
import type { OptionResult, ReanalysisOptions, Scenario } from './model';
import { noteText } from './notes';
import {
  capitalize,
  num,
  positiveInteger,
  printedDecimals,
  type Row,
  str,
  wholeOrZero,
} from './values';

/**
 * The results column that keeps each row's place (0-based) in the results
 * table it came from: {@link reanalyzeSurveys} adds it to each survey's rows,
 * and a results table that already carries it (whole numbers ≥ 0 in every
 * row) keeps its values. So the rows of one shard of an archive, analysed on
 * their own (e.g. in a worker thread), report their rows in the whole archive.
 *
 * @example
 * // The bundled results' rows 3 and 4 (0-based), cut out with their places
 * const shard = load().results.slice(3, 5).reify().assign({ [SOURCE_ROW]: [3, 4] });
 * reanalyze({ results: shard }).surveys[0]?.questions[0]?.options.map((o) => o.row); // => [4, 5]
 */
export const SOURCE_ROW = '__toplines_row';

/**
 * A {@link SOURCE_ROW} column's values as the rows' places — when every one
 * is a whole number ≥ 0 — else null: the column is then ignored, and a row's
 * place is its index in the table given. The one rule for the engine and
 * for a caller that cuts an archive into shards.
 *
 * @example
 * sourceRowsOf([7, 9]); // => [7, 9]
 * sourceRowsOf([7, 2.5]); // => null
 */
export function sourceRowsOf(values: ArrayLike<unknown>): ArrayLike<number> | null {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!(typeof v === 'number' && Number.isSafeInteger(v) && v >= 0)) return null;
  }
  return values as ArrayLike<number>;
}

/** What a figure needs from its question and survey. */
export interface FigureContext {
  level: number;
  method: ReanalysisOptions['method'];
  /** The survey's design effect. */
  deff: number;
  sampleType: SampleType;
  mode: string | null;
  /** The question's base was inferred, not stated: no count check at that n. */
  inferredBase: boolean;
  /** The question restates another: analysed there, not here. */
  restates: string | null;
  /** The survey's figures are weighted: a share need not be any whole count's, so counts are not checked. */
  weighted: boolean;
  /**
   * The run's method was not chosen: a row with a design's interval (weightedToplines'
   * `lower`, `upper`, `method` and `level`, kept as `design_lower`, `design_upper` by
   * {@link keepDesignIntervals}) shows that interval, not one of `method`.
   */
  designIntervals: boolean;
}

/** The interval methods of a design (core's designProportion), as rows name them. */
const DESIGN_METHODS = new Set(['logit', 'likelihood', 'beta', 'mean']);

/**
 * A results table whose rows carry a design's interval (weightedToplines: `se`, `lower`,
 * `upper` and a design `method`) with that interval kept as `design_lower` and
 * `design_upper`, since withIntervals writes its own `lower` and `upper`; any other table
 * as it is.
 *
 * @param table - a survey's results
 */
export function keepDesignIntervals(table: ColumnTable): ColumnTable {
  const names = table.columnNames();
  if (!['se', 'lower', 'upper', 'method'].every((c) => names.includes(c))) return table;
  return table.derive({ design_lower: 'd.lower', design_upper: 'd.upper' } as never);
}

/**
 * The design's interval of a row, when the figure shows it: the run's method not chosen,
 * the row's `design_lower`/`design_upper` of a design method at the run's level.
 */
function designInterval(
  r: Row,
  context: FigureContext,
): { lower: number; upper: number; model: string } | null {
  if (!context.designIntervals) return null;
  const lower = num(r['design_lower']);
  const upper = num(r['design_upper']);
  const method = str(r['method']);
  const level = num(r['level']);
  if (lower === null || upper === null || method === null || !DESIGN_METHODS.has(method))
    return null;
  if (level === null || Math.abs(level - context.level) > 1e-12) return null;
  return { lower, upper, model: noteText.designModel(method, positiveInteger(r['df'])) };
}

/**
 * A figure from its row of `consistency(withIntervals(results))`.
 *
 * @param r - the row, with `n_used`, `estimate`, `lower`, `upper`, `moe`,
 *   `count_min`, `count_max`, `consistent`
 * @param scenarios - where n is unknown: the same row at each assumed n
 * @param survey - level, method, the survey's deff and sample type, the question's base
 */
export function figureResult(
  r: Row,
  scenarios: { n: number; row: Row }[],
  survey: FigureContext,
): OptionResult {
  const percent = num(r['percent']);
  const estimate = percent === null ? null : percent / 100;
  const n = positiveInteger(r['n_used']);
  // A row with its own standard error (weightedToplines) has its own design effect.
  const own = rowDesignEffect(r['se'], estimate, n);
  const context = own === null ? survey : { ...survey, deff: own };
  const qualifier = str(r['qualifier']) ?? 'exact';
  const option = String(r['option'] ?? '');
  const notes: string[] = [];
  const result: OptionResult = {
    option,
    percent,
    percentText: str(r['percent_text']),
    qualifier,
    isNet: r['is_net'] === true,
    row: (r[SOURCE_ROW] as number) + 1,
    n,
    estimate,
    lower: null,
    upper: null,
    moe: null,
    countMin: null,
    countMax: null,
    consistent: null,
    countCheck: 'not-checked',
    bound: null,
    interval: null,
    model: null,
    notes,
    scenarios: [],
    sentence: null,
  };
  if (context.restates !== null) {
    notes.push(noteText.restated(context.restates));
    return result;
  }
  if (qualifier !== 'exact') notes.push(noteText.qualifier(qualifier));
  if (estimate === null) {
    notes.push(noteText.percentMissing());
    return result;
  }
  if (n === null) {
    notes.push(noteText.nUnknown());
    result.scenarios = scenarios.map((s) => scenarioOf(s, qualifier, context));
    if (qualifier === 'more-than') result.bound = 'lower';
    if (qualifier === 'less-than') result.bound = 'upper';
    return result;
  }
  const lower = num(r['lower']);
  const upper = num(r['upper']);
  if (lower === null || upper === null) {
    const why = str(r['interval_note']);
    if (why !== null) notes.push(why);
  } else if (qualifier === 'more-than' || qualifier === 'less-than') {
    Object.assign(result, oneSided(estimate, n, qualifier, context));
    result.sentence = boundSentence(result, context);
  } else if (context.sampleType === 'nonprobability') {
    // AAPOR: no margin of sampling error for an opt-in sample; a Bayesian
    // credibility interval, with its model stated, instead.
    const ci = credibilityInterval(estimate, n, { level: context.level, deff: context.deff });
    Object.assign(result, {
      lower: ci.lower,
      upper: ci.upper,
      interval: 'credibility',
      model: ci.model,
    });
    result.sentence = explainChecked(ci, {
      optIn: true,
      labels: [option],
      caveat: '',
      publishedMoe: null,
    });
    if (qualifier === 'approx') notes.push(noteText.approxInterval());
  } else {
    // A row of respondent-level data shows its design's interval (what `toplines weigh`
    // prints) unless the run chose a method; one with only an se, `method` at its effective n.
    const design = designInterval(r, context);
    result.lower = design?.lower ?? lower;
    result.upper = design?.upper ?? upper;
    result.moe = num(r['moe']);
    result.interval = 'confidence';
    if (design !== null) result.model = design.model;
    else if (own !== null) result.model = noteText.ownDeffModel(context.method, n / own);
    const ci = {
      kind: 'proportion',
      estimate,
      lower: result.lower,
      upper: result.upper,
      level: context.level,
      method: context.method,
      n,
      nEffective: n / context.deff,
    } as ProportionCI;
    result.sentence = explainChecked(ci, {
      optIn: false,
      labels: [option],
      caveat: '',
      publishedMoe: null,
    });
    if (design !== null) result.sentence += noteText.designSentence(design.model);
    if (noVariance(r['se'])) notes.push(str(r['interval_note']) ?? noteText.noVariance());
    if (qualifier === 'approx') notes.push(noteText.approxInterval());
  }
  setCountCheck(result, r, n, qualifier, context);
  if (result.consistent === false)
    notes.push(noteText.noCount(str(r['percent_text']) ?? String(percent), n));
  return result;
}

/** Sets the count check: what it found, and whether it could have failed at all. */
function setCountCheck(
  result: OptionResult,
  r: Row,
  n: number,
  qualifier: string,
  context: FigureContext,
): void {
  if (qualifier !== 'exact' || context.inferredBase || context.weighted) {
    result.countMin = null;
    result.countMax = null;
    result.consistent = null;
    result.countCheck = 'not-checked';
    return;
  }
  const consistent = typeof r['consistent'] === 'boolean' ? r['consistent'] : null;
  result.countMin = wholeOrZero(r['count_min']);
  result.countMax = wholeOrZero(r['count_max']);
  result.consistent = consistent;
  result.countCheck =
    consistent === null
      ? 'not-checked'
      : canFail(n, printedDecimals(r))
        ? 'checked'
        : 'cannot-fail';
}

/**
 * True when some figure printed with these decimals is no whole count's
 * share out of n: the shares of consecutive counts are 100/n points apart,
 * and a printed figure stands for an interval 10^−decimals wide, so when
 * 100/n ≤ 10^−decimals every printed figure is reachable and the check
 * cannot fail (n ≥ 100 for whole percentages, n ≥ 1,000 for one decimal).
 */
export function canFail(n: number, decimals: number): boolean {
  return 100 / n > 10 ** -decimals * (1 + 1e-12);
}

/**
 * A "more than" figure gets a one-sided lower bound, a "less than" figure a
 * one-sided upper bound, each at the level and computed at the printed
 * figure — the least extreme value the text allows, so the bound is
 * conservative.
 */
function oneSided(
  estimate: number,
  n: number,
  qualifier: string,
  context: FigureContext,
): Pick<OptionResult, 'lower' | 'upper' | 'bound' | 'interval'> {
  const ci = proportionCI(estimate, n, {
    method: context.method,
    level: 2 * context.level - 1,
    deff: context.deff,
  });
  return qualifier === 'more-than'
    ? { lower: ci.lower, upper: null, bound: 'lower', interval: 'confidence' }
    : { lower: null, upper: ci.upper, bound: 'upper', interval: 'confidence' };
}

function boundSentence(f: OptionResult, context: FigureContext): string {
  return noteText.boundSentence(
    capitalize(f.option),
    f.percentText ?? String(f.percent),
    f.bound as 'lower' | 'upper',
    (f.bound === 'lower' ? f.lower : f.upper) as number,
    context.level,
    f.n as number,
    context.sampleType === 'nonprobability',
  );
}

function scenarioOf(
  { n, row }: { n: number; row: Row },
  qualifier: string,
  context: FigureContext,
): Scenario {
  const estimate = (num(row['percent']) as number) / 100;
  if (qualifier === 'more-than' || qualifier === 'less-than') {
    const bound = oneSided(estimate, n, qualifier, context);
    return { n, lower: bound.lower ?? 0, upper: bound.upper ?? 1, moe: null, significant: null };
  }
  return {
    n,
    lower: num(row['lower']) as number,
    upper: num(row['upper']) as number,
    moe: num(row['moe']),
    significant: null,
  };
}
