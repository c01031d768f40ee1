import type { CredibilityInterval } from './credibility-interval';
import { criticalValue } from './critical-value';
import { ToplinesError } from './errors';
import { formatCount } from './internal/format-count';
import { pct, pts } from './internal/format-share';
import type { LeadChange } from './lead-change';
import { leadProbability } from './lead-probability';
import type { LeadTest } from './lead-test';
import type { PairedDifference } from './paired-difference';
import type { ProportionCI } from './proportion-ci';
import { SAMPLE_TYPES, type SampleType, sampleCaveat } from './sample-caveat';
import type { TwoProportionTest } from './two-proportion-test';
import { booleanOption, checkMethod, checkOptions, readProperty, show } from './validate';

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
  /**
   * How the survey was conducted (`'online'`, …), for the caveat: an
   * undescribed online sample's interval is a lower bound. Default: not stated.
   */
  mode?: string;
  /**
   * The margin of error the poll itself published, as a proportion (0.031
   * for ±3.1 points). A lead's sentence then quotes it ("the poll's
   * published ±3.1 is for one share"); without it, the sentence names the
   * margin of a simple random sample of that n instead, and never calls it
   * the poll's. Default: none published.
   */
  publishedMoe?: number;
}

/**
 * Any result {@link explain} can state, told apart by its `kind`:
 * `'proportion'`, `'credibility'`, `'lead'`, `'two-sample'`, `'paired'` or `'lead-change'`.
 */
export type Explainable =
  | ProportionCI
  | CredibilityInterval
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
 * larger than its margin of error or within it — never "a tie" or "a real
 * lead". A lead also gets the probability that the leader is really ahead
 * ({@link leadProbability}: uniform Dirichlet prior) and a reminder that a
 * lead's margin is not the margin of one share: the poll's own published
 * margin when `publishedMoe` gives it, otherwise that of a simple random
 * sample of the same n — never a "headline" margin the poll did not print.
 * For opt-in samples (`sampleType: 'nonprobability'`) it follows AAPOR: it
 * speaks of no margin of error, and says the interval was computed as if
 * the sample were random; it calls an interval a credibility interval only
 * when it is one (the result of `credibilityInterval`, a Bayesian posterior).
 *
 * Reference: AAPOR, "Margin of Sampling Error/Credibility Interval" (2016)
 * and the AAPOR Code of Professional Ethics and Practices (disclosure
 * standards); Pew Research Center, "5 key things to know about the margin of
 * error in election polls" (2016).
 *
 * Cost: O(1).
 *
 * @param result - a result of one of the functions above, unchanged
 * @param options - `sampleType` (default `'probability'`), `labels`, `caveat` (default true),
 *   `mode`, `publishedMoe`
 * @returns the sentences
 * @throws {ToplinesError} for a value that is not one of those results (one without their
 *   `kind`), an unknown sample type, a `caveat` that is not true or false, or a
 *   `publishedMoe` outside (0, 1)
 * @example
 * explain(leadTest(0.405, 0.345, 1037), { labels: ['favourable', 'unfavourable'] });
 * // => 'Favourable 40.5% vs unfavourable 34.5%: a 6.0-point lead, ±5.3 at 95% — larger than its margin of error; the probability that favourable is really ahead is 0.99. A simple random sample of 1,037 has a margin of ±3.0 for one share; the gap between two shares has its own, larger one.'
 * explain(leadTest(0.405, 0.345, 1037), { labels: ['favourable', 'unfavourable'], publishedMoe: 0.031 });
 * // => 'Favourable 40.5% vs unfavourable 34.5%: a 6.0-point lead, ±5.3 at 95% — larger than its margin of error; the probability that favourable is really ahead is 0.99. The poll’s published ±3.1 is for one share, not for the gap between two.'
 * explain(proportionCI(0.405, 1037), { labels: ['favourable'], sampleType: 'nonprobability', caveat: false });
 * // => 'Favourable: 40.5% (n = 1,037); computed as if this opt-in sample were a random one, the 95% interval is 37.6% to 43.5%.'
 */
export function explain(result: Explainable, options?: ExplainOptions): string {
  const fn = 'explain';
  const opts = checkOptions(fn, options);
  const sampleType =
    opts['sampleType'] === undefined
      ? 'probability'
      : checkMethod(fn, 'sampleType', opts['sampleType'], SAMPLE_TYPES);
  const labels = readLabels(fn, opts['labels']);
  const mode = typeof opts['mode'] === 'string' ? opts['mode'] : undefined;
  const sentence = booleanOption(fn, 'caveat', opts['caveat'], true)
    ? sampleCaveat(sampleType, mode === undefined ? undefined : { mode })
    : null;
  const published = publishedOption(fn, opts['publishedMoe']);
  if (result === null || typeof result !== 'object') {
    throw new ToplinesError('invalid-type', fn, `requires a result object, got ${show(result)}`);
  }
  checkResult(fn, result);
  return explainChecked(result, {
    optIn: sampleType === 'nonprobability',
    labels,
    caveat: sentence === null ? '' : ` ${sentence}`,
    publishedMoe: published,
  });
}

/**
 * {@link explain}'s options as read and checked: what {@link explainChecked} takes.
 */
export interface ExplainSettings {
  /** The sample is opt-in (`sampleType: 'nonprobability'`). */
  optIn: boolean;
  /** The labels, as strings. */
  labels: readonly string[];
  /** The closing caveat with its leading space, or `''` for none. */
  caveat: string;
  /** The published margin (a proportion), or null. */
  publishedMoe: number | null;
  /**
   * For a lead whose shares differ: the probability that the larger share is
   * really ahead, exactly as {@link leadProbability}(larger, smaller, n,
   * { deff: n / nEffective }) returns it, when the caller already has it;
   * computed here when absent.
   */
  probabilityAhead?: number;
}

/**
 * The sentences of {@link explain} for a result it has checked (or that one
 * of core's functions returned, unchanged) and options it has read: no
 * checks, no options object to read. For the reanalysis engine, which
 * explains hundreds of thousands of its own results (#18); explain's
 * checks took more time than its sentences.
 *
 * @param result - a result of proportionCI, credibilityInterval, leadTest,
 *   twoProportionTest, pairedDifference or leadChange
 * @param settings - the options, read
 * @returns the sentences, as {@link explain} gives them
 * @throws {ToplinesError} for a result of an unknown kind
 * @example
 * explainChecked(leadTest(0.405, 0.345, 1037), { optIn: false, labels: ['favourable', 'unfavourable'], caveat: '', publishedMoe: 0.031 });
 * // => 'Favourable 40.5% vs unfavourable 34.5%: a 6.0-point lead, ±5.3 at 95% — larger than its margin of error; the probability that favourable is really ahead is 0.99. The poll’s published ±3.1 is for one share, not for the gap between two.'
 */
export function explainChecked(result: Explainable, settings: ExplainSettings): string {
  const { optIn, labels, caveat } = settings;
  const published = settings.publishedMoe;
  const level = levelText(result.level);
  const kind: unknown = result.kind;
  switch (result.kind) {
    case 'paired': {
      const p = result;
      const [a, b] = [opening(labels[0]) ?? 'The first option', labels[1] ?? 'the second'];
      const head = `${a} ${pct(p.p1)} vs ${b} ${pct(p.p2)} (check-all question, n = ${formatCount(p.n)}): a difference of ${pts(p.difference)} points.`;
      if (p.overlapKnown) {
        return `${head} With ${pct(p.overlap)} choosing both, the ${level} interval${optIn ? AS_IF : ''} is ${pts(p.lower)} to ${pts(p.upper)} points — ${verdict(p.lower, p.upper, optIn)}.${caveat}`;
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
      return `${head} The share who chose both is not reported; over every overlap the two shares allow, the ${level} interval${optIn ? AS_IF : ''} runs from ${pts(cons.lower)} to ${pts(cons.upper)} points at the least overlap (conservative) and from ${pts(lib.lower)} to ${pts(lib.upper)} at the most: ${conclusion}.${caveat}`;
    }
    case 'lead-change': {
      const c = result;
      return `The lead moved from ${pts(c.leadA)} to ${pts(c.leadB)} points: a change of ${pts(c.change)}, ±${pts(c.upper - c.change)} at ${level}${optIn ? AS_IF : ''} — ${verdict(c.lower, c.upper, optIn)}.${caveat}`;
    }
    case 'two-sample': {
      const t = result;
      const [a, b] = [opening(labels[0]) ?? 'The first sample', labels[1] ?? 'the second'];
      return `${a} ${pct(t.p1)} (n = ${formatCount(t.n1)}) vs ${b} ${pct(t.p2)} (n = ${formatCount(t.n2)}): a difference of ${pts(t.difference)} points, ${level} interval${optIn ? AS_IF : ''} ${pts(t.lower)} to ${pts(t.upper)} — ${verdict(t.lower, t.upper, optIn)} (${pValue(t.pValue)}).${caveat}`;
    }
    case 'lead': {
      const l = result;
      const [a, b] = [opening(labels[0]) ?? 'The first option', labels[1] ?? 'the second'];
      const half = l.upper - l.difference;
      const lead = pts(Math.abs(l.difference));
      const within = !(l.lower > 0 || l.upper < 0);
      const head = `${a} ${pct(l.p1)} vs ${b} ${pct(l.p2)}: ${article(lead)} ${lead}-point lead`;
      const ahead = leaderAhead(
        l,
        l.difference >= 0 ? (labels[0] ?? 'the first option') : b,
        settings.probabilityAhead,
      );
      if (optIn) {
        return `${head}; computed as if this opt-in sample were a random one, its ${level} interval is ±${pts(half)}, and the lead is ${within ? 'within' : 'larger than'} it${ahead}.${caveat}`;
      }
      return `${head}, ±${pts(half)} at ${level} — ${within ? 'within' : 'larger than'} its margin of error${ahead}.${marginNote(l, published)}${caveat}`;
    }
    case 'proportion': {
      const c = result;
      const label = opening(labels[0]) ?? 'The share';
      if (optIn) {
        return `${label}: ${pct(c.estimate)} (n = ${formatCount(c.n)}); computed as if this opt-in sample were a random one, the ${level} interval is ${pct(c.lower)} to ${pct(c.upper)}.${caveat}`;
      }
      return `${label}: ${pct(c.estimate)}, with a ${level} confidence interval of ${pct(c.lower)} to ${pct(c.upper)} (n = ${formatCount(c.n)}).${caveat}`;
    }
    case 'credibility': {
      const c = result;
      const label = opening(labels[0]) ?? 'The share';
      return `${label}: ${pct(c.estimate)}, with a ${level} credibility interval of ${pct(c.lower)} to ${pct(c.upper)} (n = ${formatCount(c.n)}). ${c.model}${c.model.endsWith('.') ? '' : '.'}${caveat}`;
    }
  }
  return unknownKind('explain', kind);
}

/**
 * The closing sentence of a lead's explanation: the poll's published margin
 * is for one share, or the margin of one share at its n. The same for every
 * lead of a question: kept for the last lead asked.
 */
function marginNote(l: LeadTest, published: number | null): string {
  const last = lastNote;
  if (
    last.n === l.n &&
    last.nEffective === l.nEffective &&
    last.level === l.level &&
    last.published === published
  ) {
    return last.text;
  }
  let text: string;
  if (published !== null) {
    text = ` The poll’s published ±${pts(published)} is for one share, not for the gap between two.`;
  } else {
    const deff = l.n / l.nEffective;
    const oneShare = criticalValue(l.level) * Math.sqrt(0.25 / l.nEffective);
    text = ` A simple random sample of ${formatCount(l.n)}${Math.abs(deff - 1) > 1e-12 ? ` with a design effect of ${trim(deff)}` : ''} has a margin of ±${pts(oneShare)} for one share; the gap between two shares has its own, larger one.`;
  }
  lastNote = { n: l.n, nEffective: l.nEffective, level: l.level, published, text };
  return text;
}
let lastNote = {
  n: Number.NaN,
  nEffective: Number.NaN,
  level: Number.NaN,
  published: null as number | null,
  text: '',
};

/** Throws the error of a value that is not a result explain states. */
function unknownKind(fn: string, kind: unknown): never {
  throw new ToplinesError(
    'invalid-type',
    fn,
    `requires a result of proportionCI, leadTest, twoProportionTest, pairedDifference or leadChange, got an object of kind ${show(kind)}`,
  );
}

/** The labels option: strings, or values whose String() works; none when absent. */
function readLabels(fn: string, value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.map((label: unknown, i) => {
    try {
      return String(label);
    } catch {
      throw new ToplinesError(
        'invalid-option',
        fn,
        `requires labels to be strings, got ${show(label)} at index ${i}, which has no string form`,
      );
    }
  });
}

/** The fields each kind of result must have: [name, low, high] (integer sizes: high 0). */
const FIELDS: Record<string, [string, number, number][]> = {
  proportion: [
    ['estimate', 0, 1],
    ['lower', 0, 1],
    ['upper', 0, 1],
    ['n', 1, 0],
  ],
  lead: [
    ['p1', 0, 1],
    ['p2', 0, 1],
    ['difference', -1, 1],
    ['lower', -1, 1],
    ['upper', -1, 1],
    ['n', 1, 0],
    ['nEffective', 0, Number.MAX_VALUE],
  ],
  'two-sample': [
    ['p1', 0, 1],
    ['p2', 0, 1],
    ['difference', -1, 1],
    ['lower', -1, 1],
    ['upper', -1, 1],
    ['pValue', 0, 1],
    ['n1', 1, 0],
    ['n2', 1, 0],
  ],
  paired: [
    ['p1', 0, 1],
    ['p2', 0, 1],
    ['difference', -1, 1],
    ['overlap', 0, 1],
    ['lower', -1, 1],
    ['upper', -1, 1],
    ['conservative.lower', -1, 1],
    ['conservative.upper', -1, 1],
    ['liberal.lower', -1, 1],
    ['liberal.upper', -1, 1],
    ['n', 1, 0],
  ],
  'lead-change': [
    ['leadA', -1, 1],
    ['leadB', -1, 1],
    ['change', -2, 2],
    ['lower', -2, 2],
    ['upper', -2, 2],
  ],
};
FIELDS['credibility'] = FIELDS['proportion']!;

/**
 * Throws unless a result with a known `kind` has the fields its sentences
 * use, each a finite number in range (sizes: whole numbers from 1 to 2^53 − 1),
 * and a level in (0, 1). Results of another kind are left to the caller's error.
 */
function checkResult(fn: string, result: object): void {
  const read = (path: string): unknown =>
    path
      .split('.')
      .reduce<unknown>(
        (value, key) =>
          value !== null && typeof value === 'object'
            ? readProperty(fn, value, key, 'result')
            : undefined,
        result,
      );
  const kind = read('kind');
  const fields = typeof kind === 'string' && Object.hasOwn(FIELDS, kind) ? FIELDS[kind] : undefined;
  if (fields === undefined) unknownKind(fn, kind);
  if (kind === 'credibility' && typeof read('model') !== 'string') {
    throw new ToplinesError(
      'invalid-type',
      fn,
      `requires a result of kind "credibility" with model a string, got ${show(read('model'))}`,
    );
  }
  for (const [name, low, high] of [...fields, ['level', 0, 1] as [string, number, number]]) {
    const value = read(name);
    const integer = high === 0;
    const ok =
      typeof value === 'number' &&
      (integer
        ? Number.isInteger(value) && value >= 1 && value <= Number.MAX_SAFE_INTEGER
        : value >= low &&
          value <= high &&
          (name !== 'level' || (value > 0 && value < 1)) &&
          (name !== 'nEffective' || value > 0));
    if (!ok) {
      throw new ToplinesError(
        typeof value === 'number' && !Number.isFinite(value) ? 'not-finite' : 'invalid-type',
        fn,
        `requires a result of kind ${show(kind)} with ${name} ${integer ? 'a whole number from 1 to 9007199254740991' : `a number in [${low}, ${high === Number.MAX_VALUE ? '∞' : high}]`}, got ${show(value)}`,
      );
    }
  }
}

/** What an interval computed as if from a random sample is called for an opt-in one. */
const AS_IF = ' (computed as if this opt-in sample were a random one)';

function verdict(lower: number, upper: number, optIn: boolean): string {
  const margin = optIn ? 'that interval' : 'its margin of error';
  return lower > 0 || upper < 0 ? `larger than ${margin}` : `within ${margin}`;
}

/**
 * "; the probability that favourable is really ahead is 0.99" — the
 * Dirichlet posterior's (uniform prior, at the lead's effective n), or
 * nothing when it cannot be computed.
 */
function leaderAhead(l: LeadTest, leader: string, known: number | undefined): string {
  if (l.p1 === l.p2) return '';
  const [high, low] = l.p1 > l.p2 ? [l.p1, l.p2] : [l.p2, l.p1];
  const probability = known ?? leadProbability(high, low, l.n, { deff: l.n / l.nEffective });
  return `; the probability that ${leader} is really ahead is ${probability >= 0.9995 ? 'above 0.999' : probability >= 0.995 ? probability.toFixed(3) : probability.toFixed(2)}`;
}

/**
 * A label as the opening of a sentence: its first letter upper case
 * ("favourable" → "Favourable"); labels are otherwise used as given, so
 * pass them as they read mid-sentence. Undefined stays undefined.
 */
function opening(label: string | undefined): string | undefined {
  return label === undefined || label.length === 0
    ? label
    : label[0]?.toUpperCase() + label.slice(1);
}

/** The `publishedMoe` option: a margin in (0, 1), or null. */
function publishedOption(fn: string, value: unknown): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !(value > 0 && value < 1)) {
    throw new ToplinesError(
      'invalid-option',
      fn,
      `requires publishedMoe to be a margin in (0, 1) (0.031 for ±3.1 points), got ${show(value)}`,
    );
  }
  return value;
}

/** "a" or "an" before a number as it is read: an 8.9, an 11.0, an 18.5, a 1.8. */
function article(number: string): string {
  return /^(8|1[18](\.|$))/.test(number) ? 'an' : 'a';
}

function trim(x: number): string {
  return String(Number(x.toFixed(4)));
}

/** "95%": the level as the sentences print it, kept for the level last asked (one per reanalysis). */
function levelText(level: number): string {
  if (level !== lastLevel.level) lastLevel = { level, text: `${trim(100 * level)}%` };
  return lastLevel.text;
}
let lastLevel = { level: Number.NaN, text: '' };

function pValue(p: number): string {
  return p < 0.001 ? 'p < 0.001' : `p = ${p.toPrecision(2)}`;
}
