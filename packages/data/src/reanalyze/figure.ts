// One reported figure, reanalysed: its interval and count check as the
// verbs computed them, and its sentence. Internal.
import { explain, type ProportionCI, type SampleType } from '@toplines/core';
import type { OptionResult, ReanalysisOptions, Scenario } from './model';
import { noteText } from './notes';
import { capitalize, num, positiveInteger, type Row, str, wholeOrZero } from './values';

/** The column that keeps each row's place in the input's results table. */
export const ROW = '__toplines_row';

/**
 * A figure from its row of `consistency(withIntervals(results))`.
 *
 * @param r - the row, with `n_used`, `estimate`, `lower`, `upper`, `moe`,
 *   `count_min`, `count_max`, `consistent`
 * @param scenarios - where n is unknown: the same row at each assumed n
 * @param sampleType - how the survey's sample was drawn (for the sentence)
 * @param options - the reanalysis's level and method; `deff`, the survey's
 */
export function figureResult(
  r: Row,
  scenarios: { n: number; row: Row }[],
  sampleType: SampleType,
  options: Pick<ReanalysisOptions, 'level' | 'method'> & { deff: number },
): OptionResult {
  const percent = num(r['percent']);
  const estimate = percent === null ? null : percent / 100;
  const n = positiveInteger(r['n_used']);
  const qualifier = str(r['qualifier']) ?? 'exact';
  const option = String(r['option'] ?? '');
  const lower = num(r['lower']);
  const upper = num(r['upper']);
  const notes: string[] = [];
  if (qualifier !== 'exact') notes.push(noteText.qualifier(qualifier));
  let sentence: string | null = null;
  if (estimate === null) notes.push(noteText.percentMissing());
  else if (n === null) notes.push(noteText.nUnknown());
  else if (lower !== null && upper !== null) {
    const ci = {
      kind: 'proportion',
      estimate,
      lower,
      upper,
      level: options.level,
      method: options.method,
      n,
      nEffective: n / options.deff,
    } as ProportionCI;
    sentence = explain(ci, { sampleType, labels: [capitalize(option)], caveat: false });
  } else {
    const why = str(r['interval_note']);
    if (why !== null) notes.push(why);
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
    row: (r[ROW] as number) + 1,
    n,
    estimate,
    lower,
    upper,
    moe: num(r['moe']),
    countMin: wholeOrZero(r['count_min']),
    countMax: wholeOrZero(r['count_max']),
    consistent,
    notes,
    scenarios: estimate === null || n !== null ? [] : scenarios.map(scenarioOf),
    sentence,
  };
}

function scenarioOf({ n, row }: { n: number; row: Row }): Scenario {
  return {
    n,
    lower: num(row['lower']) as number,
    upper: num(row['upper']) as number,
    moe: num(row['moe']),
    significant: null,
  };
}
