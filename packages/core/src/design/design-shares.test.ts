import { describe, expect, it } from 'vitest';
import { expectError, fixtureDesign } from '../../test/design-helpers';
import { leadTest } from '../lead-test';
import { designLead } from './design-lead';
import { designProportion } from './design-proportion';
import { designShares } from './design-shares';
import { surveyDesign } from './survey-design';

const clus1 = fixtureDesign('clus1_wr');
const design = surveyDesign({ weights: clus1.weights, psu: clus1.psu?.[0] as number[] });
const stype = clus1.variables['stype'] as string[];

describe('designShares', () => {
  it('has shares that sum to 1 and a covariance whose rows sum to 0', () => {
    const s = designShares(stype, design);
    expect(s.categories).toEqual(['E', 'H', 'M']);
    expect(s.shares.reduce((sum, x) => sum + x.estimate, 0)).toBeCloseTo(1, 15);
    for (const row of s.covariance) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 15);
    expect(s.kind).toBe('design-shares');
  });

  it('orders categories ascending by default, numbers before strings before booleans, or as levels says', () => {
    const d = surveyDesign({ weights: [1, 1, 1, 1, 1, 1] });
    expect(designShares(['b', 2, 'a', true, 1, false], d).categories).toEqual([
      1,
      2,
      'a',
      'b',
      false,
      true,
    ]);
    const s = designShares(['b', 'a', 'b', 'a', 'b', 'a'], d, { levels: ['b', 'a', 'c'] });
    expect(s.categories).toEqual(['b', 'a', 'c']);
    expect(s.shares[2]).toMatchObject({ estimate: 0, lower: 0, upper: 0, deff: null });
  });

  it('keeps every category of the whole sample in a domain', () => {
    const h = designShares(stype, design, { domain: stype.map((x) => x === 'H') });
    expect(h.categories).toEqual(['E', 'H', 'M']);
    expect(h.shares.map((x) => x.estimate)).toEqual([0, 1, 0]);
  });

  it('refuses missing answers in the domain, answers not in levels, and bad levels', () => {
    const missing = stype.map((x, i) => (i === 3 ? null : x)) as never;
    expectError(() => designShares(missing, design), 'not-finite', 'got null at index 3');
    expectError(
      () => designShares(stype, design, { levels: ['E', 'H'] }),
      'invalid-option',
      'one of levels',
      '"M"',
    );
    expectError(
      () => designShares(stype, design, { levels: ['E', 'E'] }),
      'invalid-option',
      'distinct',
      'twice',
    );
    expectError(() => designShares(stype, design, { levels: [] }), 'empty-input', 'levels');
    expectError(() => designShares(stype.slice(2), design), 'length-mismatch', 'category');
  });
});

describe('designLead', () => {
  const shares = designShares(stype, design);

  it('is the difference with the variance V11 + V22 − 2V12, normal interval', () => {
    const lead = designLead(shares, 'E', 'M');
    const v = shares.covariance;
    const se = Math.sqrt((v[0]?.[0] as number) + (v[2]?.[2] as number) - 2 * (v[0]?.[2] as number));
    expect(lead.se).toBeCloseTo(se, 15);
    expect(lead.kind).toBe('lead');
    expect(lead.difference).toBeCloseTo(
      (shares.shares[0]?.estimate as number) - (shares.shares[2]?.estimate as number),
      15,
    );
  });

  it('agrees with leadTest at the design effect n / nEffective', () => {
    const lead = designLead(shares, 'E', 'M', { level: 0.9 });
    const t = leadTest(lead.p1, lead.p2, lead.n, { deff: lead.n / lead.nEffective, level: 0.9 });
    for (const key of ['difference', 'se', 'lower', 'upper', 'z', 'pValue'] as const) {
      expect(t[key]).toBeCloseTo(lead[key], 12);
    }
  });

  it('refuses what is not a designShares result, unknown or equal categories', () => {
    expectError(() => designLead({} as never, 'E', 'M'), 'invalid-type', 'designShares');
    expectError(
      () => designLead(shares, 'E', 'X'),
      'invalid-option',
      'second',
      '"X"',
      '"E", "H", "M"',
    );
    expectError(() => designLead(shares, 'E', 'E'), 'invalid-option', 'two different categories');
    expectError(() => designLead(shares, 'E', 'M', { level: 0 }), 'out-of-range', 'level');
  });
});

describe('a share the design fixes', () => {
  // apistrat (R's survey package) stratified on stype, with fpc: each stratum's share of
  // the population is known, so its variance is 0 — R's svymean gives rounding noise
  // (se ~ 1e-17, deff ~ 1e-30), an effective n of 10^32
  const strat = fixtureDesign('strat_fpc');
  const d = surveyDesign({
    weights: strat.weights,
    strata: strat.strata as string[],
    fpc: (strat.fpc as number[][])[0] as number[],
  });
  const types = strat.variables['stype'] as string[];

  it('has se 0, the point as its interval, deff 0 and no effective n, for every method', () => {
    for (const method of ['logit', 'likelihood', 'beta', 'mean'] as const) {
      const s = designShares(types, d, { method });
      for (const x of s.shares) {
        expect(x.se).toBe(0);
        expect([x.lower, x.upper]).toEqual([x.estimate, x.estimate]);
        expect(x.deff).toBe(0);
        expect(x.nEffective).toBeNull();
      }
      for (const row of s.covariance) for (const v of row) expect(v).toBe(0);
    }
    const e = designProportion(
      types.map((t) => t === 'E'),
      d,
    );
    expect(e).toMatchObject({ se: 0, deff: 0, nEffective: null });
    expect(Number.isFinite(designLead(designShares(types, d), 'E', 'M').se)).toBe(true);
  });

  it('keeps a small but real variance (the tolerance is 1e-15·p(1 − p))', () => {
    const awards = designShares(strat.variables['awards'] as string[], d);
    for (const x of awards.shares) {
      expect(x.se).toBeGreaterThan(0);
      expect(x.nEffective).toBeGreaterThan(0);
    }
  });
});
