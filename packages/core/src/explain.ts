import { criticalValue } from './critical-value';
import { ToplinesError } from './errors';
import type { LeadChange } from './lead-change';
import type { LeadTest } from './lead-test';
import type { PairedDifference } from './paired-difference';
import type { ProportionCI } from './proportion-ci';
import { SAMPLE_TYPES, type SampleType, sampleCaveat } from './sample-caveat';
import type { TwoProportionTest } from './two-proportion-test';
import { booleanOption, checkMethod, checkOptions, show } from './validate';

/** Options of {@link explain}. */
export interface ExplainOptions {
  /**
   * How the sample was drawn. `'nonprobability'` (opt-in online panels)
   * follows AAPOR: no "margin of sampling error", a model-based credibility
   * interval and what it assumes. Default `'probability'`.
   */
  sampleType?: SampleType;
  /**
   * Names for what was measured: one for a proportion ("favourable"), two
   * for the two sides of a comparison ("favourable", "unfavourable"; "Aug
   * 2024", "Aug 2025"). Default: "the share", or "the first"/"the second".
   */
  labels?: string[];
  /**
   * Whether to end with the caveat of the sample type ({@link sampleCaveat}):
   * `false` leaves it out, for a report that states it once for a whole
   * survey. Default `true`.
   */
  caveat?: boolean;
}

/**
 * Any result {@link explain} can state, told apart by its `kind`:
 * `'proportion'`, `'lead'`, `'two-sample'`, `'paired'` or `'lead-change'`.
 */
export type Explainable =
  | ProportionCI
  | LeadTest
  | TwoProportionTest
  | PairedDifference
  | LeadChange;

/**
 * A result in plain language.
 *
 * Turns the result of {@link proportionCI}, {@link leadTest},
 * {@link twoProportionTest}, {@link pairedDifference} or {@link leadChange}
 * into one to three sentences a journalist or a student can read: the
 * figures, the interval in percentage points, and whether the difference is
 * larger than its margin of error — with the caveat a careful reader needs
 * (a lead's margin is not the headline margin; without the overlap of a
 * check-all question only bounds are possible). For opt-in panels
 * (`sampleType: 'nonprobability'`) it follows AAPOR's guidance: it never
 * speaks of a margin of sampling error, calls the interval a model-based
 * credibility interval and says what that assumes.
 *
 * Reference: AAPOR, "Margin of Sampling Error/Credibility Interval" and the
 * AAPOR Code of Professional Ethics and Practices (disclosure standards); Pew
 * Research Center, "5 key things to know about the margin of error in
 * election polls" (2016).
 *
 * Cost: O(1).
 *
 * @param result - a result of one of the functions above, unchanged
 * @param options - `sampleType` (default `'probability'`), `labels`, `caveat` (default true)
 * @returns the sentences
 * @throws {ToplinesError} for a value that is not one of those results (one without their
 *   `kind`), an unknown sample type, or a `caveat` that is not true or false
 * @example
 * explain(leadTest(0.405, 0.345, 1037), { labels: ['Favourable', 'unfavourable'] });
 * // => 'Favourable 40.5% vs unfavourable 34.5%: a 6.0-point lead, ±5.3 at 95% — larger than its margin of error. The poll’s headline ±3.0 is for one share, not for the gap between two.'
 * explain(proportionCI(0.405, 1037), { labels: ['Favourable'], sampleType: 'nonprobability' });
 * // => 'Favourable: 40.5%, with a 95% credibility interval of 37.6% to 43.5% (n = 1,037). This is an opt-in panel, not a random sample: the interval is model-based and assumes that, after weighting, the panel behaves like a random sample of the population. It is not a margin of sampling error, and it does not cover who chose to join.'
 * explain(proportionCI(0.405, 1037), { labels: ['Favourable'], sampleType: 'nonprobability', caveat: false });
 * // => 'Favourable: 40.5%, with a 95% credibility interval of 37.6% to 43.5% (n = 1,037).'
 */
export function explain(result: Explainable, options?: ExplainOptions): string {
  const fn = 'explain';
  const opts = checkOptions(fn, options);
  const sampleType =
    opts['sampleType'] === undefined
      ? 'probability'
      : checkMethod(fn, 'sampleType', opts['sampleType'], SAMPLE_TYPES);
  const labels = Array.isArray(opts['labels']) ? (opts['labels'] as unknown[]).map(String) : [];
  const optIn = sampleType === 'nonprobability';
  const sentence = booleanOption(fn, 'caveat', opts['caveat'], true)
    ? sampleCaveat(sampleType)
    : null;
  const caveat = sentence === null ? '' : ` ${sentence}`;
  if (result === null || typeof result !== 'object') {
    throw new ToplinesError('invalid-type', fn, `requires a result object, got ${show(result)}`);
  }
  const level = `${trim(100 * result.level)}%`;
  const kind: unknown = result.kind;
  switch (result.kind) {
    case 'paired': {
      const p = result;
      const [a, b] = [labels[0] ?? 'The first option', labels[1] ?? 'the second'];
      const head = `${a} ${pct(p.p1)} vs ${b} ${pct(p.p2)} (check-all question, n = ${count(p.n)}): a difference of ${pts(p.difference)} points.`;
      if (p.overlapKnown) {
        return `${head} With ${pct(p.overlap)} choosing both, the ${level} ${optIn ? 'credibility interval' : 'interval'} is ${pts(p.lower)} to ${pts(p.upper)} points — ${verdict(p.lower, p.upper, optIn)}.${caveat}`;
      }
      const cons = p.conservative;
      const lib = p.liberal;
      const sure = cons.lower > 0 || cons.upper < 0;
      const never = !(lib.lower > 0 || lib.upper < 0);
      const conclusion = sure
        ? 'larger than its margin whatever the overlap'
        : never
          ? 'within its margin whatever the overlap'
          : 'whether it is larger than its margin depends on how many chose both, which the source does not say';
      return `${head} The share who chose both is not reported; over every overlap the two shares allow, the ${level} interval runs from ${pts(cons.lower)} to ${pts(cons.upper)} points at the least overlap (conservative) and from ${pts(lib.lower)} to ${pts(lib.upper)} at the most: ${conclusion}.${caveat}`;
    }
    case 'lead-change': {
      const c = result;
      return `The lead moved from ${pts(c.leadA)} to ${pts(c.leadB)} points: a change of ${pts(c.change)}, ±${pts(c.upper - c.change)} at ${level} — ${verdict(c.lower, c.upper, optIn)}.${caveat}`;
    }
    case 'two-sample': {
      const t = result;
      const [a, b] = [labels[0] ?? 'The first sample', labels[1] ?? 'the second'];
      return `${a} ${pct(t.p1)} (n = ${count(t.n1)}) vs ${b} ${pct(t.p2)} (n = ${count(t.n2)}): a difference of ${pts(t.difference)} points, ${level} ${optIn ? 'credibility interval' : 'interval'} ${pts(t.lower)} to ${pts(t.upper)} — ${verdict(t.lower, t.upper, optIn)} (${pValue(t.pValue)}).${caveat}`;
    }
    case 'lead': {
      const l = result;
      const [a, b] = [labels[0] ?? 'The first option', labels[1] ?? 'the second'];
      const half = l.upper - l.difference;
      const lead = Math.abs(l.difference);
      const headline = criticalValue(l.level) * Math.sqrt(0.25 / l.nEffective);
      const margin = optIn ? 'credibility interval' : 'margin of error';
      const note = optIn
        ? ''
        : ` The poll’s headline ±${pts(headline)} is for one share, not for the gap between two.`;
      return `${a} ${pct(l.p1)} vs ${b} ${pct(l.p2)}: ${article(pts(lead))} ${pts(lead)}-point lead, ±${pts(half)} at ${level} — ${
        l.lower > 0 || l.upper < 0
          ? `larger than its ${margin}`
          : `within its ${margin}: the poll cannot tell which is ahead`
      }.${note}${caveat}`;
    }
    case 'proportion': {
      const c = result;
      const label = labels[0] ?? 'The share';
      return `${label}: ${pct(c.estimate)}, with a ${level} ${optIn ? 'credibility interval' : 'confidence interval'} of ${pct(c.lower)} to ${pct(c.upper)} (n = ${count(c.n)}).${caveat}`;
    }
  }
  throw new ToplinesError(
    'invalid-type',
    fn,
    `requires a result of proportionCI, leadTest, twoProportionTest, pairedDifference or leadChange, got an object of kind ${show(kind)}`,
  );
}

function verdict(lower: number, upper: number, optIn: boolean): string {
  const margin = optIn ? 'credibility interval' : 'margin of error';
  return lower > 0 || upper < 0
    ? `larger than its ${margin}`
    : `within its ${margin}: no clear difference`;
}

/** 0.405 → "40.5%". */
function pct(p: number): string {
  return `${(100 * p).toFixed(1)}%`;
}

/** 0.06 → "6.0" (percentage points, with a true minus sign). */
function pts(d: number): string {
  const text = (100 * d).toFixed(1);
  return text === '-0.0' ? '0.0' : text.replace('-', '−');
}

/** "a" or "an" before a number as it is read: an 8.9, an 11.0, an 18.5, a 1.8. */
function article(number: string): string {
  return /^(8|1[18](\.|$))/.test(number) ? 'an' : 'a';
}

function trim(x: number): string {
  return String(Number(x.toFixed(4)));
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

function pValue(p: number): string {
  return p < 0.001 ? 'p < 0.001' : `p = ${p.toPrecision(2)}`;
}
