// The notes and caveats a reanalysis writes on figures, leads, questions
// and surveys: one place, like messages.ts. Internal.
import { noteText as verbNotes } from '../messages';
import { count } from './values';

const sizes = (ns: readonly number[]) => ns.map((n) => count(n)).join(', ');

/** Notes on one figure or lead, and caveats on a question or survey. Internal. */
export const noteText = {
  qualifier: (q: string) =>
    q === 'approx'
      ? 'approximate figure'
      : q === 'more-than'
        ? 'reported as "more than"'
        : q === 'less-than'
          ? 'reported as "less than"'
          : q,
  qualifiedLead: (option: string, q: string) =>
    `"${option}" is ${q === 'approx' ? 'approximate' : q === 'more-than' ? 'a "more than" figure' : 'a "less than" figure'}: the lead is only as exact as it`,
  percentMissing: () => 'no percentage',
  nUnknown: verbNotes.nUnknown,
  notComputed: verbNotes.notComputed,
  noCount: (printed: string, n: number | null) =>
    `no whole count out of ${n === null ? 'n' : count(n)} prints as ${printed}%`,
  differentN: verbNotes.differentN,
  surveyNUnknown: (assumed: readonly number[]) =>
    `Where the source gives no sample size, intervals and leads are shown as they would be at n = ${sizes(assumed)}.`,
  subsetNUnknown: (_base: string | null, n: number, assumed: readonly number[]) =>
    `The source does not say how many were asked: at most the survey's ${count(n)}, so shown at n = ${sizes(assumed)} (a quarter, half and all of the sample).`,
  questionNUnknown: (assumed: readonly number[]) =>
    `The sample size of these figures is unknown: shown at n = ${sizes(assumed)}.`,
  inferredType: (type: string, sum: number) =>
    type === 'single'
      ? `The data does not give the response type: treated as single-choice, since the shares sum to ${trim(sum)}%.`
      : `The data does not give the response type: treated as check-all, since the shares sum to ${trim(sum)}%.`,
  qualifiedFigures: () =>
    '≈ > <: approximate and "more/less than" figures get intervals as if exact, and no count check.',
  inconsistentFigures: () =>
    'A figure no whole count out of n can produce is a typo, a weighted figure, or a different base than stated.',
  pairedNote: () =>
    'Check-all question: respondents could choose several options, so two shares are compared as a paired difference; the share who chose both is not reported, so the interval is bounded over every overlap the two shares allow.',
  noImpliedDeff: () => 'No reported margin and n: the design effect used is 1.',
  unknownSurvey: (id: string, known: readonly string[]) =>
    `reanalyze found no survey "${id}" in the data; the surveys are ${known.map((k) => `"${k}"`).join(', ')}`,
};

function trim(x: number): string {
  return String(Number(x.toFixed(2)));
}
