import { describe, expect, it } from 'vitest';
import { designFixture, expectError } from '../../test/design-helpers';
import { designProportion } from './design-proportion';
import { replicateDesign } from './replicate-design';

const weights = [10, 10, 10, 10, 10, 10, 10, 10];
const psu = [0, 0, 1, 1, 2, 2, 3, 3];
/** A delete-one-PSU jackknife over 4 PSUs: whole weights. */
const jk = [0, 1, 2, 3].map((drop) => psu.map((p) => (p === drop ? 0 : (10 * 4) / 3)));

describe('replicateDesign', () => {
  it("sets scale and rscales as R's svrepdesign does for each type", () => {
    expect(replicateDesign({ weights, replicates: jk, type: 'JK1' }).scale).toBe(0.75);
    expect(replicateDesign({ weights, replicates: jk, type: 'bootstrap' }).scale).toBe(1 / 3);
    expect(replicateDesign({ weights, replicates: jk, type: 'BRR' }).scale).toBe(0.25);
    expect(replicateDesign({ weights, replicates: jk, type: 'Fay', rho: 0.5 }).scale).toBe(1);
    const jkn = replicateDesign({ weights, replicates: jk, type: 'JKn', rscales: 0.5 });
    expect([jkn.scale, Array.from(jkn.rscales)]).toEqual([1, [0.5, 0.5, 0.5, 0.5]]);
    // multipliers: JK1's scale and JKn's rscales from the largest multiplier, as R guesses them
    const multipliers = jk.map((r) => r.map((v) => v / 10));
    expect(
      replicateDesign({ weights, replicates: multipliers, type: 'JK1', combined: false }).scale,
    ).toBeCloseTo(0.75, 15);
    const rscales = replicateDesign({
      weights,
      replicates: multipliers,
      type: 'JKn',
      combined: false,
    }).rscales;
    for (const r of rscales) expect(r).toBeCloseTo(0.75, 15);
  });

  it('gives the same variance from whole weights and from multipliers', () => {
    const y = [1, 0, 1, 1, 0, 0, 1, 0];
    const whole = designProportion(y, replicateDesign({ weights, replicates: jk, type: 'JK1' }));
    const multipliers = replicateDesign({
      weights,
      replicates: jk.map((r) => r.map((v) => v / 10)),
      type: 'JK1',
      combined: false,
    });
    expect(designProportion(y, multipliers).se).toBeCloseTo(whole.se, 15);
  });

  it('computes degf as the rank of the replicate weights less 1, or takes it', () => {
    expect(replicateDesign({ weights, replicates: jk, type: 'JK1' }).degf).toBe(3);
    // two identical replicates add no rank
    expect(
      replicateDesign({ weights, replicates: [...jk, jk[0] as number[]], type: 'JK1' }).degf,
    ).toBe(3);
    expect(replicateDesign({ weights, replicates: jk, type: 'JK1', degf: 10 }).degf).toBe(10);
  });

  it('refuses bad replicate weights, with the replicate and the index', () => {
    expectError(
      () => replicateDesign({ weights, replicates: [jk[0] as number[]], type: 'JK1' }),
      'out-of-range',
      'at least two replicates, got 1',
    );
    expectError(
      () => replicateDesign({ weights, replicates: [jk[0] as number[], [1, 2]], type: 'JK1' }),
      'length-mismatch',
      'replicates[1]',
      '(8, the length of weights), got 2',
    );
    expectError(
      () =>
        replicateDesign({
          weights,
          replicates: [jk[0] as number[], [1, 1, 1, -1, 1, 1, 1, 1]],
          type: 'JK1',
        }),
      'out-of-range',
      'replicates[1]',
      'got -1 at index 3',
    );
    expectError(
      () =>
        replicateDesign({
          weights,
          replicates: [jk[0] as number[], [1, 1, 1, Number.NaN, 1, 1, 1, 1]],
          type: 'JK1',
        }),
      'not-finite',
      'NaN at index 3',
    );
    expectError(
      () => replicateDesign({ weights, replicates: jk[0] as never, type: 'JK1' }),
      'invalid-type',
      'replicates',
    );
    expectError(
      () =>
        replicateDesign({ weights: [10, 0, 10, 10, 10, 10, 10, 10], replicates: jk, type: 'JK1' }),
      'out-of-range',
      'weights',
      'got 0 at index 1',
    );
  });

  it('refuses what R refuses or ignores about type, scale, rscales and rho', () => {
    expect(designFixture.errors['jknCombinedNoRscales']).toBe(
      'Must provide rscales for combined JKn weights',
    );
    expectError(
      () => replicateDesign({ weights, replicates: jk, type: 'JKn' }),
      'invalid-option',
      'rscales',
      "'JKn'",
    );
    expect(designFixture.errors['fayNoRho']).toBe(
      "With type='Fay' you must supply the correct rho",
    );
    expectError(
      () => replicateDesign({ weights, replicates: jk, type: 'Fay' }),
      'invalid-option',
      'rho',
    );
    expectError(
      () => replicateDesign({ weights, replicates: jk, type: 'BRR', rho: 0.3 }),
      'invalid-option',
      "rho for type 'Fay' only",
    );
    expectError(
      () => replicateDesign({ weights, replicates: jk, type: 'Fay', rho: 1 }),
      'out-of-range',
      'rho',
      '[0, 1)',
    );
    expectError(
      () => replicateDesign({ weights, replicates: jk, type: 'BRR', scale: 0.5 }),
      'invalid-option',
      '1/R',
    );
    expectError(
      () => replicateDesign({ weights, replicates: jk, type: 'JK1', scale: 0 }),
      'out-of-range',
      'scale',
    );
    expectError(
      () => replicateDesign({ weights, replicates: jk, type: 'JK1', rscales: [1, 1] }),
      'length-mismatch',
      'rscales',
      '(4)',
    );
    expectError(
      () => replicateDesign({ weights, replicates: jk, type: 'JK1', rscales: [0, 0, 0, 0] }),
      'out-of-range',
      'all 0',
    );
    expectError(
      () => replicateDesign({ weights, replicates: jk, type: 'jackknife' as never }),
      'invalid-option',
      'type',
      '"JK1"',
    );
    expectError(
      () => replicateDesign({ weights, replicates: jk, type: 'JK1', degf: 0 }),
      'out-of-range',
      'degf',
    );
  });
});
