import { describe, expect, it } from 'vitest';
import { expectError, fixtureDesign } from '../../test/design-helpers';
import { designProportion } from './design-proportion';
import { designShares } from './design-shares';
import { replicateDesign } from './replicate-design';
import { surveyDesign } from './survey-design';

const clus1 = fixtureDesign('clus1_wr');
const design = surveyDesign({ weights: clus1.weights, psu: clus1.psu?.[0] as number[] });
const y = clus1.variables['sch_wide'] as number[];
const stype = clus1.variables['stype'] as string[];

describe('designProportion', () => {
  it('is p(1 − p)/(n − 1) for equal weights and no clusters (R svymean on an SRS)', () => {
    const ys = [1, 0, 0, 1, 1, 1, 0, 1, 0, 1];
    const r = designProportion(ys, surveyDesign({ weights: ys.map(() => 3) }), { method: 'mean' });
    expect(r.estimate).toBe(0.6);
    expect(r.se).toBeCloseTo(Math.sqrt((0.6 * 0.4) / 9), 15);
    expect(r.df).toBe(9);
  });

  it('takes booleans and 0/1 alike, and a domain of everyone as no domain', () => {
    const a = designProportion(y, design);
    expect(
      designProportion(
        y.map((v) => v === 1),
        design,
      ),
    ).toEqual(a);
    const all = designProportion(y, design, { domain: y.map(() => true) });
    expect(all).toEqual(a);
  });

  it('does not change with the scale of the weights but for the design effect without replacement', () => {
    const scaled = surveyDesign({
      weights: clus1.weights.map((w) => w * 7),
      psu: clus1.psu?.[0] as number[],
    });
    const a = designProportion(y, design, { deffReference: 'with-replacement' });
    const b = designProportion(y, scaled, { deffReference: 'with-replacement' });
    for (const key of ['estimate', 'se', 'lower', 'upper', 'deff'] as const) {
      expect(b[key] as number).toBeCloseTo(a[key] as number, 12);
    }
  });

  it('compares with sampling with replacement when the weights sum to n (R: NA)', () => {
    const mean = clus1.weights.reduce((s, w) => s + w, 0) / clus1.weights.length;
    const normalised = surveyDesign({
      weights: clus1.weights.map((w) => w / mean),
      psu: clus1.psu?.[0] as number[],
    });
    const r = designProportion(y, normalised);
    expect(r.deffReference).toBe('with-replacement');
    expect(r.deff).toBeCloseTo(
      designProportion(y, design, { deffReference: 'with-replacement' }).deff as number,
      12,
    );
    expectError(
      () => designProportion(y, normalised, { deffReference: 'without-replacement' }),
      'inconsistent-input',
      'weights sum to',
      'with-replacement',
    );
  });

  it('gives a share of 0 or 1 a point interval (beta: Clopper–Pearson at n), a null design effect', () => {
    const zeros = y.map(() => 0);
    for (const method of ['logit', 'likelihood', 'mean'] as const) {
      const r = designProportion(zeros, design, { method });
      expect([r.estimate, r.lower, r.upper, r.se, r.deff, r.nEffective]).toEqual([
        0,
        0,
        0,
        0,
        null,
        null,
      ]);
    }
    const beta = designProportion(zeros, design, { method: 'beta' });
    expect(beta.lower).toBe(0);
    expect(beta.upper).toBeGreaterThan(0);
    expect(beta.upper).toBeLessThan(0.2);
    const ones = designProportion(
      y.map(() => 1),
      design,
      { method: 'beta' },
    );
    expect(ones.upper).toBe(1);
    expect(ones.lower).toBeGreaterThan(0.8);
  });

  it('never gives NaN', () => {
    for (const method of ['logit', 'likelihood', 'beta', 'mean'] as const) {
      for (const domain of [undefined, stype.map((s) => s === 'H'), stype.map((s) => s === 'M')]) {
        const r = designProportion(y, design, { method, ...(domain ? { domain } : {}) });
        for (const v of Object.values(r))
          if (typeof v === 'number') expect(Number.isNaN(v)).toBe(false);
        expect(r.lower).toBeLessThanOrEqual(r.estimate);
        expect(r.upper).toBeGreaterThanOrEqual(r.estimate);
      }
    }
  });

  it('equals the share of designShares for each category', () => {
    const shares = designShares(stype, design, { method: 'likelihood' });
    shares.categories.forEach((category, i) => {
      const r = designProportion(
        stype.map((s) => s === category),
        design,
        { method: 'likelihood' },
      );
      const share = shares.shares[i] as (typeof shares.shares)[number];
      for (const key of ['estimate', 'se', 'lower', 'upper', 'deff'] as const) {
        expect(share[key] as number).toBeCloseTo(r[key] as number, 12);
      }
    });
  });

  it('refuses y that is not binary, missing in the domain, or of another length, with the index', () => {
    expectError(
      () =>
        designProportion(
          y.map((v, i) => (i === 5 ? 2 : v)),
          design,
        ),
      'out-of-range',
      'binary',
      'got 2 at index 5',
    );
    expectError(
      () => designProportion(y.map((v, i) => (i === 5 ? 'yes' : v)) as never, design),
      'invalid-type',
      'got "yes" at index 5',
    );
    const missing = y.map((v, i) => (i === 5 ? null : v)) as never;
    expectError(
      () => designProportion(missing, design),
      'not-finite',
      'got null at index 5',
      'domain',
    );
    // missing outside the domain is fine
    const domain = y.map((_, i) => i !== 5);
    expect(designProportion(missing, design, { domain }).n).toBe(y.length - 1);
    expectError(
      () => designProportion(y.slice(1), design),
      'length-mismatch',
      'y',
      `(${y.length}, the design's), got ${y.length - 1}`,
    );
    expectError(() => designProportion(5 as never, design), 'invalid-type', 'y');
  });

  it('refuses a domain with no respondents, of another length, or not boolean', () => {
    expectError(
      () => designProportion(y, design, { domain: y.map(() => false) }),
      'empty-input',
      'domain',
      'at least one respondent',
    );
    expectError(() => designProportion(y, design, { domain: [true] }), 'length-mismatch', 'domain');
    expectError(
      () => designProportion(y, design, { domain: y.map(() => 'E') as never }),
      'invalid-type',
      'domain',
      'index 0',
    );
  });

  it('refuses a domain whose degrees of freedom are below 1 (all in one PSU)', () => {
    const psu = clus1.psu?.[0] as number[];
    expectError(
      () => designProportion(y, design, { domain: psu.map((p) => p === psu[0]) }),
      'inconsistent-input',
      'degrees of freedom',
      'are 0',
    );
  });

  it("refuses a domain whose strata all have one PSU under 'average' (R's variance is NaN)", () => {
    const county = fixtureDesign('county_average');
    const d = surveyDesign({
      weights: county.weights,
      strata: county.strata as string[],
      psu: county.psu?.[0] as number[],
      lonelyPsu: 'average',
    });
    const strata = county.strata as string[];
    // two counties of one district each: 2 PSUs in 2 strata
    const domain = strata.map((s) => s === 'Butte' || s === 'Colusa');
    expectError(
      () =>
        designProportion(county.variables['sch_wide'] as number[], d, { domain, method: 'mean' }),
      'inconsistent-input',
      "lonelyPsu 'average'",
    );
  });

  it('refuses a design it did not make, bad options, and likelihood for replicates', () => {
    expectError(
      () => designProportion(y, { kind: 'survey-design', n: 3 } as never),
      'invalid-type',
      'design',
      'surveyDesign or replicateDesign',
    );
    expectError(
      () => designProportion(y, design, { level: 95 }),
      'percentage-not-proportion',
      'level',
    );
    expectError(
      () => designProportion(y, design, { method: 'wilson' as never }),
      'invalid-option',
      'method',
      '"logit"',
    );
    expectError(
      () => designProportion(y, design, { deffReference: 'srs' as never }),
      'invalid-option',
      'deffReference',
    );
    const rep = replicateDesign({
      weights: [1, 1, 1, 1],
      replicates: [
        [0, 0, 2, 2],
        [2, 2, 0, 0],
      ],
      type: 'JK1',
    });
    expectError(
      () => designProportion([1, 0, 1, 1], rep, { method: 'likelihood' }),
      'invalid-option',
      'likelihood',
      'NA',
    );
  });
});
