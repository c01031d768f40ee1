import { describe, expect, it } from 'vitest';
import { expectError, fixtureDesign } from '../../test/design-helpers';
import { replicateDesignFromSums } from './replicate-design-from-sums';
import { surveyDesign } from './survey-design';
import { surveyDesignFromSums } from './survey-design-from-sums';

/** The strata of a fixture design with their PSU counts, as a SQL GROUP BY gives them. */
function strataOf(name: string): { stratum: string; psus: number }[] {
  const f = fixtureDesign(name);
  const psus = new Map<string, Set<string>>();
  (f.strata as string[]).forEach((s, i) => {
    const set = psus.get(s) ?? new Set<string>();
    set.add(String(f.psu?.[0]?.[i]));
    psus.set(s, set);
  });
  return [...psus].map(([stratum, set]) => ({ stratum, psus: set.size }));
}

describe('surveyDesignFromSums', () => {
  it('counts strata, PSUs, lonely strata and degrees of freedom as surveyDesign does', () => {
    const f = fixtureDesign('county_remove'); // apiclus2: 40 districts in 26 counties
    const d = surveyDesignFromSums({ strata: strataOf('county_remove'), lonelyPsu: 'remove' });
    const r = surveyDesign({
      weights: f.weights,
      strata: f.strata as string[],
      psu: f.psu?.[0] as number[],
      lonelyPsu: 'remove',
    });
    expect([d.strata, d.psus, d.degf, d.lonelyStrata]).toEqual([
      r.strata,
      r.psus,
      r.degf,
      r.lonelyStrata,
    ]);
    expect([d.kind, d.fpc, d.nest, d.lonelyPsu]).toEqual([
      'aggregate-survey-design',
      false,
      false,
      'remove',
    ]);
    expect(Object.isFrozen(d)).toBe(true);
  });

  it('refuses the bad designs surveyDesign refuses, naming the stratum', () => {
    expectError(
      () => surveyDesignFromSums({ strata: strataOf('county_remove') }),
      'inconsistent-input',
      'surveyDesignFromSums',
      "lonelyPsu 'fail'",
      'only one PSU',
    );
    expectError(
      () => surveyDesignFromSums({ strata: [{ stratum: 'all', psus: 1 }] }),
      'inconsistent-input',
      'at least two primary sampling units',
    );
    expectError(
      () =>
        surveyDesignFromSums({
          strata: [
            { stratum: 'E', psus: 100, fpc: 4421 },
            { stratum: 'H', psus: 50, fpc: 0.1 },
          ],
        }),
      'inconsistent-input',
      'not both',
    );
    expectError(
      () =>
        surveyDesignFromSums({
          strata: [
            { stratum: 'E', psus: 100, fpc: 4421 },
            { stratum: 'H', psus: 50 },
          ],
        }),
      'inconsistent-input',
      'for 1 of 2',
    );
    expectError(
      () =>
        surveyDesignFromSums({
          strata: [
            { stratum: 'E', psus: 100, fpc: 4421 },
            { stratum: 'H', psus: 50, fpc: 40 },
          ],
        }),
      'out-of-range',
      'stratum "H" has 50 sampled PSUs but a population of 40',
    );
    expectError(
      () =>
        surveyDesignFromSums({
          strata: [
            { stratum: 'E', psus: 2 },
            { stratum: 'E', psus: 2 },
          ],
        }),
      'invalid-option',
      'strata[1].stratum',
      'not given before',
    );
    expectError(
      () => surveyDesignFromSums({ strata: [{ stratum: 'E', psus: 2.5 }] }),
      'out-of-range',
      'strata[0].psus',
      '2.5',
    );
    expectError(() => surveyDesignFromSums({ strata: [] }), 'empty-input', 'non-empty array');
    expectError(
      () =>
        surveyDesignFromSums({ strata: [{ stratum: 'E', psus: 3 }], lonelyPsu: 'drop' as never }),
      'invalid-option',
      'lonelyPsu',
    );
  });

  it('takes fpc as population sizes or as sampling fractions, as R does', () => {
    const sizes = surveyDesignFromSums({
      strata: [
        { stratum: 'E', psus: 100, fpc: 4421 },
        { stratum: 'H', psus: 50, fpc: 755 },
      ],
    });
    const fractions = surveyDesignFromSums({
      strata: [
        { stratum: 'E', psus: 100, fpc: 100 / 4421 },
        { stratum: 'H', psus: 50, fpc: 50 / 755 },
      ],
    });
    expect([sizes.fpc, fractions.fpc, sizes.degf]).toEqual([true, true, 148]);
  });
});

describe('replicateDesignFromSums', () => {
  it("sets svrepdesign's defaults for whole replicate weights", () => {
    expect(replicateDesignFromSums({ type: 'JK1', replicates: 15 }).scale).toBe(14 / 15);
    expect(replicateDesignFromSums({ type: 'bootstrap', replicates: 50 }).scale).toBe(1 / 49);
    expect(replicateDesignFromSums({ type: 'BRR', replicates: 24 }).scale).toBe(1 / 24);
    const fay = replicateDesignFromSums({ type: 'Fay', replicates: 24, rho: 0.5 });
    expect([fay.scale, fay.rho, fay.degf, fay.mse]).toEqual([1 / 6, 0.5, null, false]);
    expect(Array.from(fay.rscales)).toEqual(new Array(24).fill(1));
  });

  it('refuses what replicateDesign refuses', () => {
    expectError(
      () => replicateDesignFromSums({ type: 'JKn', replicates: 40 }),
      'invalid-option',
      'replicateDesignFromSums',
      'rscales',
    );
    expectError(
      () => replicateDesignFromSums({ type: 'Fay', replicates: 4 }),
      'invalid-option',
      'rho',
    );
    expectError(
      () => replicateDesignFromSums({ type: 'BRR', replicates: 4, scale: 0.5 }),
      'invalid-option',
      'scale',
    );
    expectError(
      () => replicateDesignFromSums({ type: 'JK1', replicates: 1 }),
      'out-of-range',
      'at least 2',
    );
    expectError(
      () => replicateDesignFromSums({ type: 'JK1', replicates: 4, degf: 0 }),
      'out-of-range',
      'degf',
    );
  });
});
