import { ToplinesError } from './errors';
import { checkMethod, checkOptions, show } from './validate';

/** How a poll's sample was drawn, as the surveys table records it. */
export type SampleType = 'probability' | 'nonprobability' | 'unknown';

/** The sample types, in the order of {@link SampleType}. */
export const SAMPLE_TYPES = ['probability', 'nonprobability', 'unknown'] as const;

const OPT_IN_CAVEAT =
  'This is an opt-in (nonprobability) sample, so no margin of sampling error applies: an interval computed as if it were a random sample counts only the chance of drawing these respondents, not who chose to take part, and understates the uncertainty.';
const UNKNOWN_SAMPLE =
  'The source does not say how the sample was drawn; the intervals assume a random sample.';
const UNKNOWN_ONLINE =
  'The source does not say how this online sample was drawn. If it is an opt-in panel, as most online samples are, no margin of sampling error applies, and the intervals here, which assume a random sample, are a lower bound on the uncertainty.';

/** Options of {@link sampleCaveat}. */
export interface SampleCaveatOptions {
  /**
   * How the survey was conducted, as the surveys table records it
   * (`"online"`, `"telephone"`, …). An undescribed sample collected online
   * gets the warning that its interval is a lower bound. Default: not stated.
   */
  mode?: string;
}

/**
 * The caveat a sample type needs, as a sentence.
 *
 * The sentence {@link explain} ends each of its findings with for polls of
 * this sample type, on its own, so a report can say it once for a whole
 * survey instead of after every figure: for an opt-in panel
 * (`'nonprobability'`), AAPOR's point that no margin of sampling error
 * applies and an interval computed as if from a random sample understates
 * the uncertainty; for a poll whose source does not say how it sampled
 * (`'unknown'`), that the intervals assume a random sample — and, when it
 * was conducted online (`mode: 'online'`), that they are then a lower bound
 * on the uncertainty; for a probability sample, none.
 *
 * Reference: AAPOR, "Margin of Sampling Error/Credibility Interval" (2016)
 * and "Opt-In Surveys and Margin of Error" statements.
 *
 * Cost: O(1).
 *
 * @param sampleType - `'probability'`, `'nonprobability'` or `'unknown'`
 * @param options - `mode`: how the survey was conducted (e.g. `'online'`)
 * @returns the sentence, or null for a probability sample
 * @throws {ToplinesError} for another sample type
 * @example
 * sampleCaveat('unknown');
 * // => 'The source does not say how the sample was drawn; the intervals assume a random sample.'
 * sampleCaveat('unknown', { mode: 'online' });
 * // => 'The source does not say how this online sample was drawn. If it is an opt-in panel, as most online samples are, no margin of sampling error applies, and the intervals here, which assume a random sample, are a lower bound on the uncertainty.'
 * sampleCaveat('probability');
 * // => null
 */
export function sampleCaveat(sampleType: SampleType, options?: SampleCaveatOptions): string | null {
  const fn = 'sampleCaveat';
  const type = checkMethod(fn, 'sampleType', sampleType, SAMPLE_TYPES);
  const mode = checkOptions(fn, options)['mode'];
  if (mode !== undefined && typeof mode !== 'string') {
    throw new ToplinesError('invalid-type', fn, `requires mode to be a string, got ${show(mode)}`);
  }
  if (type === 'nonprobability') return OPT_IN_CAVEAT;
  if (type === 'unknown')
    return mode?.trim().toLowerCase() === 'online' ? UNKNOWN_ONLINE : UNKNOWN_SAMPLE;
  return null;
}
