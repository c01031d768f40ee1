import { criticalValue } from './critical-value';
import { ToplinesError } from './errors';
import { leadStandardError, zTest } from './lead-test';
import {
  checkDeff,
  checkOptions,
  checkProportion,
  checkSampleSize,
  checkSingleChoiceSum,
  levelOption,
  readProperty,
  show,
} from './validate';

/** One poll's lead: two shares of one single-choice question and the sample size. */
export interface PollLead {
  /** Share of the first option, in [0, 1]. */
  p1: number;
  /** Share of the second option, in [0, 1]. */
  p2: number;
  /** The sample size, a positive integer. */
  n: number;
  /** The poll's design effect, > 0. Default `1`. */
  deff?: number;
}

/** Options of {@link leadChange}. */
export interface LeadChangeOptions {
  /** Confidence level, strictly between 0 and 1. Default `0.95`. */
  level?: number;
}

/** The result of {@link leadChange}. */
export interface LeadChange {
  /**
   * What this result is, for {@link explain} and code that handles several
   * kinds: `'lead-change'`.
   */
  kind: 'lead-change';
  /** The lead in the first poll, p1 − p2. */
  leadA: number;
  /** The lead in the second poll, p1 − p2. */
  leadB: number;
  /** leadB − leadA: how much the lead moved. */
  change: number;
  /** Standard error of the change. */
  se: number;
  /** Lower bound of the interval for the change, in [−2, 2]. */
  lower: number;
  /** Upper bound of the interval for the change, in [−2, 2]. */
  upper: number;
  /** The z statistic, change / se. */
  z: number;
  /** Two-sided p-value of the hypothesis that the lead did not change. */
  pValue: number;
  /** The confidence level used. */
  level: number;
}

/**
 * Change in a lead between two independent polls.
 *
 * "Option 1 led by 6 points in May and by 12 in June: did the lead grow?"
 * Each poll's lead p1 − p2 has the single-sample variance of
 * {@link leadTest}, deff·(p1 + p2 − (p1 − p2)²)/n; the polls are
 * independent samples, so the variance of the change is the sum of the two.
 * The interval is change ± z·se and the p-value that of the Wald z test.
 * Each lead lies in [−1, 1], so the change lies in [−2, 2], and the interval
 * is clipped to [−2, 2] (it reaches past only at samples of one or two).
 *
 * Reference: Franklin (2007), "The 'Margin of Error' for Differences in
 * Polls", ABC News Polling Unit (the lead's variance); independence of the
 * two samples gives the sum.
 *
 * Cost: O(1).
 *
 * @param pollA - the first poll's `{ p1, p2, n, deff }`
 * @param pollB - the second poll's `{ p1, p2, n, deff }`, same two options
 * @param options - `level` (default 0.95)
 * @returns both leads, the change, its standard error, interval, z and p-value
 * @throws {ToplinesError} for shares outside [0, 1] or summing past 1.01 in one poll, sizes
 *   that are not positive integers, a design effect ≤ 0, or level outside (0, 1)
 * @example
 * // Japan–U.S. relations "good" vs "bad": 42.4% vs 34.9% (API, n = 1,037); suppose an
 * // earlier poll of 1,000 had 50% vs 30%
 * const change = leadChange({ p1: 0.5, p2: 0.3, n: 1000 }, { p1: 0.424, p2: 0.349, n: 1037 });
 * change.change; // => -0.125
 * change.pValue < 0.01; // => true
 */
export function leadChange(
  pollA: PollLead,
  pollB: PollLead,
  options?: LeadChangeOptions,
): LeadChange {
  const fn = 'leadChange';
  const a = checkPoll(fn, 'pollA', pollA);
  const b = checkPoll(fn, 'pollB', pollB);
  const opts = checkOptions(fn, options);
  const level = levelOption(fn, opts['level']);
  const leadA = a.p1 - a.p2;
  const leadB = b.p1 - b.p2;
  const change = leadB - leadA;
  const seA = leadStandardError(a.p1, a.p2, a.n / a.deff);
  const seB = leadStandardError(b.p1, b.p2, b.n / b.deff);
  const se = Math.sqrt(seA * seA + seB * seB);
  const half = criticalValue(level) * se;
  return {
    kind: 'lead-change',
    leadA,
    leadB,
    change,
    se,
    // A lead lies in [−1, 1], so a change of lead in [−2, 2]: the interval is clipped to it.
    lower: Math.max(-2, change - half),
    upper: Math.min(2, change + half),
    ...zTest(change, se),
    level,
  };
}

function checkPoll(fn: string, name: string, poll: unknown): Required<PollLead> {
  if (poll === null || typeof poll !== 'object') {
    throw new ToplinesError(
      'invalid-type',
      fn,
      `requires ${name} to be an object { p1, p2, n }, got ${show(poll)}`,
    );
  }
  const read = (key: string) => readProperty(fn, poll, key, name);
  const [p1, p2, n, deff] = [read('p1'), read('p2'), read('n'), read('deff')];
  const checked = {
    p1: checkProportion(fn, `${name}.p1`, p1),
    p2: checkProportion(fn, `${name}.p2`, p2),
    n: checkSampleSize(fn, `${name}.n`, n),
    deff: deff === undefined ? 1 : checkDeff(fn, `${name}.deff`, deff),
  };
  checkSingleChoiceSum(
    fn,
    `${name}.p1 + ${name}.p2 = ${show(checked.p1)} + ${show(checked.p2)}`,
    checked.p1 + checked.p2,
  );
  return checked;
}
