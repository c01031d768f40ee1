// explainDesign: the sentences of designProportion and designLead, on R's apistrat (the
// fixture of test/fixtures/design.R); the numbers in them are the results' own.
import { describe, expect, it } from 'vitest';
import { expectError, fixtureDesign } from '../../test/design-helpers';
import { leadTest } from '../lead-test';
import { designLead } from './design-lead';
import { designProportion } from './design-proportion';
import { designShares } from './design-shares';
import { explainDesign } from './explain-design';
import { surveyDesign } from './survey-design';

const strat = fixtureDesign('strat_fpc');
const design = surveyDesign({
  weights: strat.weights,
  strata: strat.strata as string[],
  fpc: (strat.fpc as number[][])[0] as number[],
});
const awards = (strat.variables['awards'] as number[]).map((a) => a === 1);
const stype = strat.variables['stype'] as string[];

describe('explainDesign', () => {
  it('words a design-based share: interval, method and df, design effect, effective n', () => {
    const r = designProportion(awards, design);
    const text = explainDesign(r, { labels: ['awards'] });
    expect(text).toBe(
      `Awards: ${(100 * r.estimate).toFixed(1)}%, with a design-based 95% confidence interval of ${(100 * r.lower).toFixed(1)}% to ${(100 * r.upper).toFixed(1)}% (n = 200; logit method, t with 197 degrees of freedom). The design effect is ${(r.deff as number).toFixed(2)}: as precise as a simple random sample of ${Math.round((r.nEffective as number) * 10) / 10} (the effective n).`,
    );
    expect(explainDesign(designProportion(awards, design, { method: 'beta', level: 0.9 }))).toMatch(
      /^The share: .* design-based 90% confidence interval .* beta method, t with 197 degrees/,
    );
  });

  it('says a share the design fixes has no sampling variance, and a share of 0 no design effect', () => {
    const e = designProportion(
      stype.map((t) => t === 'E'),
      design,
    );
    expect(explainDesign(e, { labels: ['elementary schools'] })).toBe(
      'Elementary schools: 71.4% (n = 200), with no sampling variance: the design fixes it (the sample was stratified on it, or all its PSUs were taken with certainty); so no interval, a design effect of 0 and no effective n.',
    );
    const none = designProportion(
      awards.map(() => 0),
      design,
    );
    expect(explainDesign(none)).toMatch(/A share of 0\.0% has no design effect \(0\/0\)\.$/);
  });

  it('words a design-based lead, with the effective n that leadTest would need to agree', () => {
    const shares = designShares(
      awards.map((a) => (a ? 'yes' : 'no')),
      design,
    );
    const lead = designLead(shares, 'yes', 'no');
    const text = explainDesign(lead, { labels: ['yes', 'no'] });
    expect(text).toMatch(
      /^Yes \d+\.\d% vs no \d+\.\d%: a \d+\.\d-point lead, ±\d+\.\d at 95% \(design-based: the design's covariance of the two shares, normal quantile\) — (within|larger than) its margin of error\. Its design effect is \d\.\d\d: as precise as a simple random sample of [\d.,]+ rather than 200\.$/,
    );
    const same = leadTest(lead.p1, lead.p2, lead.n, { deff: lead.n / lead.nEffective });
    expect(text).toContain(`±${(100 * (same.upper - same.difference)).toFixed(1)} at 95%`);
    // a lead whose interval is cut at 100 points is given by its ends: 19 of 20 against 1
    const twenty = surveyDesign({ weights: Array.from({ length: 20 }, () => 1) });
    const cut = designLead(
      designShares(
        Array.from({ length: 20 }, (_, i) => (i === 0 ? 'b' : 'a')),
        twenty,
      ),
      'a',
      'b',
    );
    expect(cut.upper).toBe(1);
    expect(explainDesign(cut)).toMatch(
      /: a 90\.0-point lead, 95% interval \d+\.\d to 100\.0 points \(design-based/,
    );
    const fixed = designLead(designShares(stype, design), 'E', 'M');
    expect(explainDesign(fixed, { labels: ['E', 'M'] })).toMatch(
      /^E 71\.4% vs M 16\.4%: a 54\.9-point lead \(n = 200\), with no sampling variance: the design fixes both shares/,
    );
  });

  it('refuses what is not a design-based result', () => {
    expectError(
      () => explainDesign({ kind: 'proportion' } as never),
      'invalid-type',
      'explainDesign requires a result of designProportion or designLead',
      'kind "proportion"',
    );
    expectError(() => explainDesign(null as never), 'invalid-type', 'got null');
  });
});
