// The sentences of a design-based result (designProportion, designLead), in the words of
// '@toplines/core''s explain. Here, in the ./design entry, and not in explain: the main
// entry's whole-package budget (packages/core/scripts/size-check.mjs) had 14 B left, and
// explain would have carried these sentences to every consumer of the toplines API.
import { ToplinesError } from '../errors';
import { formatCount } from '../internal/format-count';
import { pct, pts } from '../internal/format-share';
import type { LeadTest } from '../lead-test';
import { show } from '../validate';
import type { DesignProportion } from './design-proportion';

/** Options of {@link explainDesign}. */
export interface ExplainDesignOptions {
  /**
   * Names for what was measured: one for a proportion ("awards"), two for the two options
   * of a lead. Default: "the share", or "the first"/"the second".
   */
  labels?: readonly string[];
}

/** Why a share has no sampling variance, as the sentences and `toplines weigh` say it. */
const fixed = (what: string) =>
  `no sampling variance: the design fixes ${what} (the sample was stratified on it, or all its PSUs were taken with certainty)`;

/**
 * A design-based result in plain language.
 *
 * The sentences of {@link designProportion} (kind `'design-proportion'`) and of
 * {@link designLead} (a lead of kind `'lead'`), as `explain` of `@toplines/core` words
 * its results: the figures and the interval in percentage points, said to be
 * design-based, with the method (R's svyciprop: logit, likelihood, beta or mean, t with
 * the design's degrees of freedom; a lead: the design's covariance of the two shares, as
 * R's svycontrast, normal quantile), the design effect and the effective n — the size of
 * a simple random sample as precise. A share the design fixes (se 0: the sample was
 * stratified on it) is said to have no sampling variance, with no interval and no
 * effective n; a lead is larger than its margin of error or within it, never "a tie".
 *
 * Reference: Lumley (2010), Complex Surveys: A Guide to Analysis Using R, Wiley, §2.2;
 * Kish (1965), Survey Sampling, Wiley, §8.2 (the design effect); AAPOR, "Margin of
 * Sampling Error/Credibility Interval" (2016).
 *
 * Cost: O(1).
 *
 * @param result - a result of designProportion or designLead, unchanged
 * @param options - `labels`
 * @returns the sentences
 * @throws {ToplinesError} for a value that is not one of those results
 * @example
 * const design = surveyDesign({ weights: [1, 2, 1, 2, 1, 2], psu: [1, 1, 2, 2, 3, 3] });
 * explainDesign(designProportion([1, 0, 1, 1, 0, 0], design, { method: 'mean' }), { labels: ['yes'] });
 * // => 'Yes: 44.4%, with a design-based 95% confidence interval of 0.0% to 100.0% (n = 6; mean method, t with 2 degrees of freedom). The design effect is 5.25: as precise as a simple random sample of 1.1 (the effective n).'
 */
export function explainDesign(
  result: DesignProportion | LeadTest,
  options?: ExplainDesignOptions,
): string {
  const fn = 'explainDesign';
  const labels = options?.labels ?? [];
  if (!Array.isArray(labels)) {
    throw new ToplinesError(
      'invalid-option',
      fn,
      `requires labels to be an array of strings, got ${show(labels)}`,
    );
  }
  const kind: unknown = result === null || typeof result !== 'object' ? undefined : result.kind;
  if (kind === 'design-proportion') {
    const r = result as DesignProportion;
    const label = opening(labels[0]) ?? 'The share';
    const level = levelText(r.level);
    if (r.se === 0 && r.estimate > 0 && r.estimate < 1) {
      return `${label}: ${pct(r.estimate)} (n = ${formatCount(r.n)}), with ${fixed('it')}; so no interval, a design effect of 0 and no effective n.`;
    }
    const head = `${label}: ${pct(r.estimate)}, with a design-based ${level} confidence interval of ${pct(r.lower)} to ${pct(r.upper)} (n = ${formatCount(r.n)}; ${r.method} method, t with ${r.df} degrees of freedom).`;
    if (r.deff === null || r.nEffective === null) {
      return `${head} A share of ${pct(r.estimate)} has no design effect (0/0).`;
    }
    return `${head} The design effect is ${r.deff.toFixed(2)}: as precise as a simple random sample of ${formatCount(Math.round(r.nEffective * 10) / 10)} (the effective n).`;
  }
  if (kind === 'lead') {
    const l = result as LeadTest;
    const [a, b] = [opening(labels[0]) ?? 'The first option', labels[1] ?? 'the second'];
    const lead = pts(Math.abs(l.difference));
    const head = `${a} ${pct(l.p1)} vs ${b} ${pct(l.p2)}: a ${lead}-point lead`;
    if (l.se === 0) {
      return `${head} (n = ${formatCount(l.n)}), with ${fixed('both shares')}; so no margin of error to compare it with.`;
    }
    const within = !(l.lower > 0 || l.upper < 0);
    const deff = l.n / l.nEffective;
    // an interval cut at ±100 points is given as its ends, not as a ± it does not have
    const cut = l.upper >= 1 || l.lower <= -1;
    const margin = cut
      ? `, ${levelText(l.level)} interval ${pts(l.lower)} to ${pts(l.upper)} points`
      : `, ±${pts(l.upper - l.difference)} at ${levelText(l.level)}`;
    return `${head}${margin} (design-based: the design's covariance of the two shares, normal quantile) — ${within ? 'within' : 'larger than'} its margin of error. Its design effect is ${deff.toFixed(2)}: as precise as a simple random sample of ${formatCount(Math.round(l.nEffective * 10) / 10)} rather than ${formatCount(l.n)}.`;
  }
  throw new ToplinesError(
    'invalid-type',
    fn,
    `requires a result of designProportion or designLead, got ${kind === undefined ? show(result) : `an object of kind ${show(kind)}`}`,
  );
}

/** "awards" → "Awards". */
function opening(label: string | undefined): string | undefined {
  const text = label === undefined ? undefined : String(label);
  return text === undefined || text.length === 0 ? text : text[0]?.toUpperCase() + text.slice(1);
}

/** 0.95 → "95%". */
function levelText(level: number): string {
  return `${Number((100 * level).toFixed(4))}%`;
}
