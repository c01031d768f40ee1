// designSharesFromSums and designProportionFromSums on small designs: what a domain's
// sums must be, and properties the estimates from respondents have. Their agreement with
// the respondents' path and with R on the api data is in test/design-sums.test.ts.
import { describe, expect, it } from 'vitest';
import { expectError } from '../../test/design-helpers';
import { designProportion } from './design-proportion';
import { designProportionFromSums } from './design-proportion-from-sums';
import { designShares } from './design-shares';
import { designSharesFromSums } from './design-shares-from-sums';
import { replicateDesignFromSums } from './replicate-design-from-sums';
import type { DomainSums } from './sums';
import { surveyDesign } from './survey-design';
import { surveyDesignFromSums } from './survey-design-from-sums';

// 8 respondents: strata a and b of two PSUs each
const weights = [10, 12, 10, 14, 15, 15, 18, 15];
const strata = ['a', 'a', 'a', 'a', 'b', 'b', 'b', 'b'];
const psu = [1, 1, 2, 2, 3, 3, 4, 4];
const x = ['no', 'yes', 'yes', 'yes', 'no', 'no', 'no', 'yes'];
const design = surveyDesignFromSums({
  strata: [
    { stratum: 'a', psus: 2 },
    { stratum: 'b', psus: 2 },
  ],
});
const cells = [
  { stratum: 'a', psu: 1, counts: [1, 1], sumWeights: [10, 12] },
  { stratum: 'a', psu: 2, counts: [0, 2], sumWeights: [0, 24] },
  { stratum: 'b', psu: 3, counts: [2, 0], sumWeights: [30, 0] },
  { stratum: 'b', psu: 4, counts: [1, 1], sumWeights: [18, 15] },
];
const sums: DomainSums = { categories: ['no', 'yes'], cells };
const respondents = surveyDesign({ weights, strata, psu });

describe('designSharesFromSums', () => {
  it('gives what designShares gives from the respondents', () => {
    const got = designSharesFromSums(sums, design, { method: 'mean' });
    const want = designShares(x, respondents, { method: 'mean' });
    expect(got.categories).toEqual(want.categories);
    got.shares.forEach((s, a) => {
      expect(s.estimate).toBeCloseTo(want.shares[a]?.estimate as number, 14);
      expect(s.se).toBeCloseTo(want.shares[a]?.se as number, 14);
    });
    expect(got.kind).toBe('design-shares');
    expect([got.n, got.df, got.sumWeights]).toEqual([8, 2, 109]);
  });

  it('does not depend on the order of the cells or the categories', () => {
    const a = designSharesFromSums(sums, design, { method: 'beta' });
    const reversed = designSharesFromSums(
      {
        categories: ['yes', 'no'],
        cells: [...cells].reverse().map((c) => ({
          ...c,
          counts: [...c.counts].reverse(),
          sumWeights: [...c.sumWeights].reverse(),
        })),
      },
      design,
      { method: 'beta' },
    );
    expect(reversed.categories).toEqual(['no', 'yes']);
    reversed.shares.forEach((s, i) => {
      expect(s.se).toBeCloseTo(a.shares[i]?.se as number, 15);
      expect(s.lower).toBeCloseTo(a.shares[i]?.lower as number, 15);
    });
  });

  it('gives a category of levels that nobody chose a share of 0', () => {
    const s = designSharesFromSums(sums, design, {
      method: 'mean',
      levels: ['maybe', 'no', 'yes'],
    });
    expect(s.shares.map((share) => share.estimate)).toEqual([0, 58 / 109, 51 / 109]);
  });

  it('merges cells of the same PSU, as one GROUP BY row per answer would give', () => {
    const split = [
      { stratum: 'a', psu: 1, counts: [1, 0], sumWeights: [10, 0] },
      { stratum: 'a', psu: 1, counts: [0, 1], sumWeights: [0, 12] },
      ...cells.slice(1),
    ];
    const s = designSharesFromSums({ ...sums, cells: split }, design, { method: 'mean' });
    expect(s.shares[0]?.se).toBeCloseTo(
      designSharesFromSums(sums, design, { method: 'mean' }).shares[0]?.se as number,
      15,
    );
  });

  it('refuses sums that do not fit the design, naming the cell', () => {
    const fn = 'designSharesFromSums';
    const run =
      (changed: Partial<DomainSums>, d = design) =>
      () =>
        designSharesFromSums({ ...sums, ...changed }, d, { method: 'mean' });
    expectError(
      run({ cells: [{ ...cells[0], stratum: 'c' } as never] }),
      'inconsistent-input',
      fn,
      'stratum',
      '"c"',
      'cells[0]',
    );
    expectError(
      run({ cells: [...cells, { ...cells[0], psu: 9 } as never] }),
      'inconsistent-input',
      'no more PSUs in stratum "a" than the design\'s 2',
    );
    expectError(
      run({ cells: [...cells.slice(0, 3), { ...cells[3], psu: 1 } as never] }),
      'inconsistent-input',
      'psu 1',
      'nest: true',
    );
    expectError(
      run({ cells: [{ ...cells[0], counts: [1] } as never] }),
      'length-mismatch',
      'cells[0].counts',
      'one number per category (2)',
    );
    expectError(
      run({ cells: [{ ...cells[0], sumWeights: [10, -1] } as never] }),
      'out-of-range',
      'cells[0].sumWeights',
      '-1',
    );
    expectError(
      run({ cells: [{ ...cells[0], sumWeights: [10, Number.NaN] } as never] }),
      'out-of-range',
      'NaN',
    );
    expectError(
      run({ cells: [cells[1] as never, { stratum: 'a', counts: [1, 1], sumWeights: [1, 1] }] }),
      'inconsistent-input',
      'psu',
    );
    expectError(
      run({ cells: cells.map((c) => ({ ...c, counts: [0, 0], sumWeights: [0, 0] })) }),
      'empty-input',
      'at least one respondent',
    );
    expectError(run({ cells: [] }), 'empty-input', 'cells');
    expectError(run({ categories: ['no', 'no'] }), 'invalid-type', 'distinct');
    expectError(
      () => designSharesFromSums(sums, design, { levels: ['yes'] }),
      'invalid-option',
      'one of levels',
      '"no"',
    );
    expectError(
      () => designSharesFromSums(sums, respondents as never),
      'invalid-type',
      'surveyDesignFromSums',
    );
  });

  it("asks for glm's first-iteration sums for 'logit' and 'likelihood' only", () => {
    expectError(
      () => designSharesFromSums(sums, design),
      'invalid-option',
      'firstStep',
      "'beta' or 'mean'",
    );
    expect(designSharesFromSums(sums, design, { method: 'beta' }).method).toBe('beta');
  });
});

describe('a design without clusters: Σw and Σ(w − w̄)² by stratum', () => {
  // 6 respondents, each its own PSU: strata a (10, 10, 10) and b (15, 25, 20)
  const elements = surveyDesignFromSums({
    strata: [
      { stratum: 'a', psus: 3 },
      { stratum: 'b', psus: 3 },
    ],
    lonelyPsu: 'adjust',
  });
  const y = [0, 1, 1, 0, 0, 1];
  const byRespondent = surveyDesign({
    weights: [10, 10, 10, 15, 25, 20],
    strata: ['a', 'a', 'a', 'b', 'b', 'b'],
  });
  const elementSums: DomainSums = {
    categories: [0, 1],
    cells: [
      { stratum: 'a', counts: [1, 2], sumWeights: [10, 20], squaredDeviations: [0, 0] },
      { stratum: 'b', counts: [2, 1], sumWeights: [40, 20], squaredDeviations: [50, 0] },
    ],
  };

  it('gives what designProportion gives, in a domain too', () => {
    const got = designProportionFromSums(elementSums, elements, { method: 'mean' });
    const want = designProportion(y, byRespondent, { method: 'mean' });
    expect(got.se).toBeCloseTo(want.se, 15);
    expect(got.df).toBe(want.df);
    // the domain of the last four respondents: stratum a keeps its three PSUs
    const domain = [false, false, true, true, true, true];
    const inDomain = designProportionFromSums(
      {
        categories: [0, 1],
        cells: [
          { stratum: 'a', counts: [0, 1], sumWeights: [0, 10], squaredDeviations: [0, 0] },
          elementSums.cells?.[1] as never,
        ],
      },
      elements,
      { method: 'mean' },
    );
    const respondentsDomain = designProportion(y, byRespondent, { method: 'mean', domain });
    expect(inDomain.se).toBeCloseTo(respondentsDomain.se, 15);
    expect([inDomain.n, inDomain.df]).toEqual([respondentsDomain.n, respondentsDomain.df]);
  });

  it('needs the squared deviations and no more respondents than the stratum has', () => {
    expectError(
      () =>
        designProportionFromSums(
          { categories: [0, 1], cells: [{ stratum: 'a', counts: [1, 2], sumWeights: [10, 20] }] },
          elements,
          { method: 'mean' },
        ),
      'invalid-type',
      'designProportionFromSums',
      'squaredDeviations',
    );
    expectError(
      () =>
        designProportionFromSums(
          {
            categories: [0, 1],
            cells: [
              { stratum: 'a', counts: [2, 2], sumWeights: [20, 20], squaredDeviations: [0, 0] },
            ],
          },
          elements,
          { method: 'mean' },
        ),
      'inconsistent-input',
      'no more respondents in stratum "a" than the design\'s 3, got 4',
    );
  });
});

describe('designProportionFromSums', () => {
  it('counts 1 or true by default, or the category named', () => {
    const yes = designProportionFromSums(sums, design, { method: 'mean', category: 'yes' });
    expect(yes.estimate).toBe(51 / 109);
    expect(yes.kind).toBe('design-proportion');
    expectError(
      () => designProportionFromSums(sums, design, { method: 'mean' }),
      'invalid-option',
      'category',
      '"no", "yes"',
    );
    const binary = designProportionFromSums(
      { categories: [true, false], cells: cells.map((c) => ({ ...c })) },
      design,
      { method: 'mean' },
    );
    expect(binary.estimate).toBe(58 / 109);
  });
});

describe('replicate designs from sums', () => {
  // 4 PSUs of 2 respondents (weight 10), delete-one jackknife
  const y = [1, 0, 1, 1, 0, 0, 1, 0];
  const jk = replicateDesignFromSums({ type: 'JK1', replicates: 4 });
  const repSums = (drop: number, answer: number): number =>
    y.reduce(
      (sum, v, i) => sum + (v === answer && Math.floor(i / 2) !== drop ? (10 * 4) / 3 : 0),
      0,
    );
  const base: DomainSums = {
    categories: [0, 1],
    counts: [4, 4],
    sumWeights: [40, 40],
    replicateSums: [0, 1].map((answer) => [0, 1, 2, 3].map((r) => repSums(r, answer))),
  };

  it('needs the replicate cross products for the degrees of freedom, unless degf is given', () => {
    expectError(
      () => designProportionFromSums(base, jk, { method: 'mean' }),
      'invalid-option',
      'replicateCrossProducts',
      'degf',
    );
    const withDegf = replicateDesignFromSums({ type: 'JK1', replicates: 4, degf: 3 });
    const r = designProportionFromSums(base, withDegf, { method: 'mean' });
    expect([r.estimate, r.df]).toEqual([0.5, 3]);
    // a replicate weight of (4/3)·10 on the 6 respondents outside the dropped PSU
    const cross = new Array<number>(16).fill(0);
    for (let a = 0; a < 4; a++)
      for (let b = 0; b < 4; b++) cross[a * 4 + b] = (a === b ? 6 : 4) * (40 / 3) ** 2;
    expect(
      designProportionFromSums({ ...base, replicateCrossProducts: cross }, jk, { method: 'mean' })
        .df,
    ).toBe(3);
  });

  it('refuses replicate sums of another shape', () => {
    expectError(
      () =>
        designProportionFromSums({ ...base, replicateSums: [[1, 2, 3, 4]] }, jk, {
          method: 'mean',
        }),
      'invalid-type',
      'replicateSums',
    );
    expectError(
      () =>
        designProportionFromSums(
          {
            ...base,
            replicateSums: [
              [1, 2, 3],
              [1, 2, 3],
            ],
          },
          jk,
          {
            method: 'mean',
          },
        ),
      'length-mismatch',
      'replicateSums[0]',
      '(4)',
    );
  });
});
