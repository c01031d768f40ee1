import { checkMethod } from './validate';

/** How a poll's sample was drawn, as the surveys table records it. */
export type SampleType = 'probability' | 'nonprobability' | 'unknown';

/** The sample types, in the order of {@link SampleType}. */
export const SAMPLE_TYPES = ['probability', 'nonprobability', 'unknown'] as const;

const OPT_IN_CAVEAT =
  'This is an opt-in panel, not a random sample: the interval is model-based and assumes that, after weighting, the panel behaves like a random sample of the population. It is not a margin of sampling error, and it does not cover who chose to join.';
const UNKNOWN_SAMPLE =
  'The source does not say how the sample was drawn; the interval assumes a random sample.';

/**
 * The caveat a sample type needs, as a sentence.
 *
 * The sentence {@link explain} ends each of its findings with for polls of
 * this sample type, on its own, so a report can say it once for a whole
 * survey instead of after every figure: for an opt-in panel
 * (`'nonprobability'`), AAPOR's point that the interval is model-based and
 * not a margin of sampling error; for a poll whose source does not say how
 * it sampled (`'unknown'`), that the interval assumes a random sample; for a
 * probability sample, none.
 *
 * Reference: AAPOR, "Margin of Sampling Error/Credibility Interval".
 *
 * Cost: O(1).
 *
 * @param sampleType - `'probability'`, `'nonprobability'` or `'unknown'`
 * @returns the sentence, or null for a probability sample
 * @throws {ToplinesError} for another sample type
 * @example
 * sampleCaveat('unknown');
 * // => 'The source does not say how the sample was drawn; the interval assumes a random sample.'
 * sampleCaveat('probability');
 * // => null
 */
export function sampleCaveat(sampleType: SampleType): string | null {
  const type = checkMethod('sampleCaveat', 'sampleType', sampleType, SAMPLE_TYPES);
  return type === 'nonprobability' ? OPT_IN_CAVEAT : type === 'unknown' ? UNKNOWN_SAMPLE : null;
}
