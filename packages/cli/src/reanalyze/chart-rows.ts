// The rows the charts draw, from the reanalysis: the leads of a question
// in the shape of @toplines/data's `leads()` rows, so that the lead chart
// draws what the reanalysis found and computes nothing itself.
import type { QuestionResult } from '@toplines/data';

/**
 * The leads of one question as `leads()` rows (proportion units), for
 * `leadChart`. Leads with n unknown or not computed have no interval and
 * are left out.
 *
 * @example
 * // not run: needs a QuestionResult from reanalyze()
 * leadRows(question)[0]; // { option_a: 'favorable impression', option_b: …, difference: 0.06, lower: 0.007, … }
 */
export function leadRows(q: QuestionResult): Record<string, unknown>[] {
  return q.leads
    .filter((l) => l.lower !== null && l.upper !== null)
    .map((l) => ({
      survey_id: q.surveyId,
      question_id: q.questionId,
      group_dim: q.groupDim,
      group_value: q.groupValue,
      source_id: q.sourceId,
      option_a: l.optionA,
      option_b: l.optionB,
      percent_a: l.percentA,
      percent_b: l.percentB,
      n_used: l.n,
      method: l.kind,
      difference: l.difference,
      lower: l.lower,
      upper: l.upper,
      z: l.z,
      p_value: l.pValue,
      significant: l.significant,
      lower_liberal: l.liberalLower,
      upper_liberal: l.liberalUpper,
      overlap_min: l.overlapRange?.[0] ?? null,
      overlap_max: l.overlapRange?.[1] ?? null,
      p_value_adjusted: l.pValueAdjusted,
      verdict:
        l.verdict === 'beyond-margin' && l.significantAdjusted === false
          ? 'within-margin after adjustment'
          : l.verdict,
      note: l.notes.length === 0 ? null : l.notes.join('; '),
    }));
}
