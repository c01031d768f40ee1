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
  designModel: (method: string, df: number | null) =>
    `design-based (${method}, t with ${df === null ? "the design's" : df} degrees of freedom)`,
  ownDeffModel: (method: string, nEffective: number) =>
    `${method} at the effective n p(1 − p)/se² = ${count(Math.round(nEffective * 10) / 10)} (the design's variance; the method was chosen for the run)`,
  designSentence: (model: string) =>
    ` The interval is ${model}, as R's svyciprop gives it from the respondent-level design.`,
  nUnknown: verbNotes.nUnknown,
  noVariance: verbNotes.noVariance,
  noVarianceLead: verbNotes.noVarianceLead,
  notComputed: verbNotes.notComputed,
  noCount: (printed: string, n: number | null) =>
    `no whole count out of ${n === null ? 'n' : count(n)} prints as ${printed}%`,
  differentN: verbNotes.differentN,
  surveyNUnknown: (assumed: readonly number[]) =>
    `Where the source gives no sample size, intervals and leads are shown as they would be at n = ${sizes(assumed)}.`,
  subsetNUnknown: (_base: string | null, n: number, assumed: readonly number[]) =>
    `The source does not say how many were asked: at most the survey's ${count(n)}, so shown at n = ${sizes(assumed)} (a quarter, half and all of the sample).`,
  inferredType: (type: string, sum: number) =>
    type === 'single'
      ? `The data does not give the response type: treated as single-choice, since the shares sum to ${trim(sum)}%.`
      : `The data does not give the response type: treated as check-all, since the shares sum to ${trim(sum)}%.`,
  qualifiedFigures: () =>
    '≈ > <: an approximate figure gets the interval of the rounded figure; a "more than" or "less than" figure a one-sided bound taken at the printed figure; neither gets a count check.',
  inconsistentFigures: () =>
    'A figure no whole count out of n can produce is a typo, a weighted figure, or a different base than stated.',
  pairedNote: () =>
    'Check-all question: respondents could choose several options, so two shares are compared as a paired difference; the share who chose both is not reported, so the interval is bounded over every overlap the two shares allow.',
  marginBelowSrs: (moe: number, srs: number, n: number) =>
    `The published margin, ±${pts(moe)}, is smaller than a simple random sample of ${count(n)} allows (±${pts(srs)} at 95%) even after its rounding: the intervals here use a design effect of 1, not a smaller one.`,
  impliedBelowOne: (point: number, range: readonly [number, number]) =>
    `The published margin implies a design effect of ${trim(point)} (${trim(range[0])} to ${trim(range[1])} once its rounding is counted); below 1 is not possible for a weighted sample, so the intervals use 1.`,
  restated: (questionId: string) =>
    `restates the figures of ${questionId}: analysed there, not again here`,
  approxInterval: () =>
    'the interval is for the rounded figure the source gives; the exact figure may lie on either side of it',
  boundSentence: (
    label: string,
    printed: string,
    bound: 'lower' | 'upper',
    value: number,
    level: number,
    n: number,
    optIn: boolean,
  ) =>
    `${label}: ${bound === 'lower' ? 'more' : 'less'} than ${printed}% (n = ${count(n)}); ${optIn ? 'computed as if this opt-in sample were a random one, ' : ''}a one-sided ${trim(100 * level)}% ${bound} bound, taken at ${printed}%, puts the share ${bound === 'lower' ? 'above' : 'below'} ${(100 * value).toFixed(1)}%.`,
  inferredBase: (b: {
    n: number;
    min: number;
    max: number;
    questionId: string;
    options: readonly string[];
    percent: number;
    of: number;
  }) =>
    `Asked only of those who answered ${b.options.map((o) => `"${o}"`).join(' or ')} to ${b.questionId}: ${trim(b.percent)}% of ${count(b.of)}, so about ${count(b.n)} respondents${b.min === b.max ? '' : ` (${count(b.min)} to ${count(b.max)}, as the rounding of ${trim(b.percent)}% allows)`}. The base is inferred, not stated by the source: the intervals use ${count(b.n)}, and the count check is not run.`,
  subgroupNUnknown: (reference: number, surveyKnown: boolean, sizes: readonly number[]) =>
    `The size of this group is not reported: shown at a tenth, a quarter and half of ${surveyKnown ? "the survey's" : 'an assumed survey'} n of ${count(reference)} (n = ${sizes.map(count).join(', ')}), never more than the survey.`,
  adjusted: (method: string, k: number) =>
    `${k} comparisons in this question: p-values adjusted by ${method === 'holm' ? "Holm's method (family-wise error)" : method === 'bh' ? 'Benjamini–Hochberg (false discovery rate)' : method}.`,
  comparedNets: () =>
    'Scale question: its nets are compared with each other, not every pair of scale points, and no component with a net.',
  comparedEnds: () =>
    'Scale question without nets: the two ends of the scale are compared, not every pair of scale points.',
  smallCounts: () =>
    'an expected count is below 5: the p-value is from the exact conditional binomial test of the two options among those who chose either, and the large-sample interval may mislead',
  unweightedAssumed: () =>
    'The counts assume unweighted figures: the source does not say whether the figures are weighted, and a weighted share need not be any whole count’s.',
  differentWordings: (k: number) =>
    `${k} differently worded questions: a change between them can be a change of question, not of opinion.`,
  pollsWithoutN: (unknown: number, total: number) =>
    `${unknown} of the ${total} polls give no sample size: they cannot be tested, pooled or weighted, and are shown as printed.`,
  poolingDifferentThings: () =>
    'The pooled estimate averages differently worded questions, that is, different things: read it as a summary of the polls, not as one measurement.',
  acrossSentence: (
    construct: string,
    polls: number,
    withN: number,
    changes: readonly {
      organization: string;
      percentFrom: number;
      percentTo: number;
      verdict: string;
      minimumN: number | null;
    }[],
  ) => {
    const parts = [
      `${polls} poll${polls === 1 ? '' : 's'} measure ${construct}; ${withN} give${withN === 1 ? 's' : ''} a sample size.`,
    ];
    for (const c of changes) {
      const move = `${c.organization}: ${trim(c.percentFrom)}% to ${trim(c.percentTo)}%`;
      parts.push(
        c.verdict === 'n-unknown'
          ? `${move}, sample sizes not given; ${c.minimumN === null ? 'no sample size would make the change larger than its margin' : `larger than its margin at every n of ${count(c.minimumN)} or more per wave where both figures are possible counts`}.`
          : `${move}, ${c.verdict === 'beyond-margin' ? 'larger than its margin' : 'within its margin'}.`,
      );
    }
    return parts.join(' ');
  },
  unknownSurvey: (id: string, known: readonly string[]) =>
    `reanalyze found no survey "${id}" in the data; the surveys are ${known.map((k) => `"${k}"`).join(', ')}`,
};

/** 0.031 → "3.1" (percentage points, one decimal). */
function pts(p: number): string {
  return (100 * p).toFixed(1);
}

function trim(x: number): string {
  return String(Number(x.toFixed(2)));
}
