import { describe, expect, it } from 'vitest';
import { designFixture, expectError, fixtureDesign } from '../../test/design-helpers';
import { designProportion } from './design-proportion';
import { surveyDesign } from './survey-design';

const apiclus2 = fixtureDesign('county_remove'); // apiclus2: 126 schools in 40 districts, 26 counties
const apistrat = fixtureDesign('strat_fpc'); // apistrat: 200 schools in 3 strata

describe('surveyDesign', () => {
  it('counts strata, PSUs and degrees of freedom as R does', () => {
    const d = surveyDesign({
      weights: apiclus2.weights,
      strata: apiclus2.strata as string[],
      psu: apiclus2.psu?.[0] as number[],
      lonelyPsu: 'remove',
    });
    expect([d.strata, d.psus, d.degf, d.lonelyStrata]).toEqual([26, 40, 14, 17]);
    expect(d.kind).toBe('survey-design');
    expect(Object.isFrozen(d)).toBe(true);
    // the weights are a copy
    const weights = [1, 2, 3, 4];
    const small = surveyDesign({ weights });
    weights[0] = 100;
    expect(small.weights[0]).toBe(1);
    expect([small.psus, small.degf, small.varianceStages]).toEqual([4, 3, 1]);
  });

  it('uses every stage with fpc, the first alone without', () => {
    const f = fixtureDesign('clus2_fpc');
    const withFpc = surveyDesign({
      weights: f.weights,
      psu: f.psu as number[][],
      fpc: f.fpc as number[][],
    });
    expect([withFpc.stages, withFpc.varianceStages, withFpc.fpc]).toEqual([2, 2, true]);
    const without = surveyDesign({ weights: f.weights, psu: f.psu as number[][] });
    expect([without.stages, without.varianceStages, without.fpc]).toEqual([2, 1, false]);
  });

  it('takes PSU identifiers that restart in each stratum with nest: true', () => {
    const args = {
      weights: [1, 1, 1, 1, 1, 1],
      strata: ['a', 'a', 'a', 'b', 'b', 'b'],
      psu: [1, 2, 2, 1, 2, 2],
    };
    const error = expectError(
      () => surveyDesign(args),
      'inconsistent-input',
      'surveyDesign',
      'psu 1',
      '"a"',
      '"b"',
      'index 3',
      'nest: true',
    );
    // R: "Clusters not nested in strata at top level; you may want nest=TRUE."
    expect(designFixture.errors['notNested']).toContain('nest=TRUE');
    expect(error.message).toContain('one stratum');
    expect(surveyDesign({ ...args, nest: true }).psus).toBe(4);
  });

  it('refuses weights that are not finite and positive, with the index', () => {
    expectError(
      () => surveyDesign({ weights: [1, 0, 2] }),
      'out-of-range',
      'weights',
      'greater than 0',
      'got 0 at index 1',
    );
    expectError(() => surveyDesign({ weights: [1, -2, 2] }), 'out-of-range', 'got -2 at index 1');
    expectError(
      () => surveyDesign({ weights: [1, Number.NaN, 2] }),
      'not-finite',
      'got NaN at index 1',
    );
    expectError(
      () => surveyDesign({ weights: [1, Number.POSITIVE_INFINITY] }),
      'not-finite',
      'Infinity at index 1',
    );
    expectError(
      () => surveyDesign({ weights: [1, '2' as unknown as number] }),
      'invalid-type',
      'got "2" at index 1',
    );
    expectError(() => surveyDesign({ weights: [] }), 'empty-input', 'weights');
    expectError(
      () => surveyDesign({ weights: 'w' as unknown as number[] }),
      'invalid-type',
      'weights',
    );
    expectError(() => surveyDesign(undefined as never), 'invalid-type', 'options');
  });

  it('refuses arrays of another length than the weights', () => {
    expectError(
      () => surveyDesign({ weights: [1, 1, 1], psu: [1, 2] }),
      'length-mismatch',
      'psu',
      '(3, the length of weights), got 2',
    );
    expectError(
      () => surveyDesign({ weights: [1, 1, 1], strata: [1, 2, 2, 2] }),
      'length-mismatch',
      'strata',
    );
    expectError(
      () => surveyDesign({ weights: [1, 1, 1], fpc: [10, 10] }),
      'length-mismatch',
      'fpc',
    );
    expectError(
      () =>
        surveyDesign({
          weights: [1, 1, 1],
          psu: [
            [1, 2, 3],
            [1, 2],
          ],
        }),
      'length-mismatch',
      'psu[1]',
    );
  });

  it('refuses a missing identifier, with the index', () => {
    expectError(
      () => surveyDesign({ weights: [1, 1, 1], psu: [1, null as unknown as number, 2] }),
      'not-finite',
      'psu',
      'got null at index 1',
    );
    expectError(
      () =>
        surveyDesign({ weights: [1, 1, 1], strata: ['a', 'b', undefined as unknown as string] }),
      'not-finite',
      'strata',
      'index 2',
    );
  });

  it('refuses a design with a single PSU (R: "Design has only one primary sampling unit")', () => {
    expect(designFixture.errors['onePsu']).toBe('Design has only one primary sampling unit');
    expectError(
      () => surveyDesign({ weights: [1, 2, 3], psu: [7, 7, 7] }),
      'inconsistent-input',
      'at least two primary sampling units',
    );
  });

  it('refuses a stratum with one PSU under lonelyPsu \'fail\', naming it (R: "Stratum (Butte) has only one PSU at stage 1")', () => {
    expect(designFixture.errors['lonelyFail']).toBe('Stratum (Butte) has only one PSU at stage 1');
    const error = expectError(
      () =>
        surveyDesign({
          weights: apiclus2.weights,
          strata: apiclus2.strata as string[],
          psu: apiclus2.psu?.[0] as number[],
        }),
      'inconsistent-input',
      'has only one PSU at stage 1',
      "'remove', 'adjust' or 'average'",
    );
    expect(error.fn).toBe('surveyDesign');
    // the stratum it names (the first found; R names the first in sorted order) has one PSU
    const named = /stratum "([^"]+)"/.exec(error.message)?.[1] as string;
    const strata = apiclus2.strata as string[];
    const ids = (apiclus2.psu as number[][])[0] as number[];
    const psus = new Set(ids.filter((_, i) => strata[i] === named));
    expect(psus.size).toBe(1);
    // at the second stage of a multistage design with fpc
    expectError(
      () =>
        surveyDesign({
          weights: [1, 1, 1, 1, 1],
          psu: [
            [1, 1, 2, 2, 3],
            [1, 2, 3, 4, 5],
          ],
          fpc: [
            [10, 10, 10, 10, 10],
            [5, 5, 5, 5, 5],
          ],
        }),
      'inconsistent-input',
      'only one sampling unit at stage 2',
    );
  });

  it('accepts a single PSU that was certain to be sampled (fpc: the whole stratum), as R', () => {
    const d = surveyDesign({
      weights: [1, 1, 2, 2, 2],
      strata: ['a', 'a', 'b', 'b', 'b'],
      psu: [1, 2, 3, 3, 3],
      fpc: [10, 10, 1, 1, 1],
    });
    expect(d.lonelyStrata).toBe(1);
    expect(designProportion([1, 0, 1, 0, 1], d, { method: 'mean' }).se).toBeGreaterThan(0);
  });

  it("refuses 'average' when every stratum has a single PSU (R's variance is NaN)", () => {
    expectError(
      () =>
        surveyDesign({
          weights: [1, 1, 1],
          strata: ['a', 'b', 'c'],
          psu: [1, 2, 3],
          lonelyPsu: 'average',
        }),
      'inconsistent-input',
      "lonelyPsu 'average'",
      'no stratum to average over',
    );
  });

  it('reads fpc as population sizes or as fractions, and refuses a mixture (R: "Must have all fpc>=1 or all fpc<=1")', () => {
    expect(designFixture.errors['fpcMixed']).toBe('Must have all fpc>=1 or all fpc<=1');
    expectError(
      () => surveyDesign({ weights: [1, 1, 1, 1], strata: [1, 1, 2, 2], fpc: [10, 10, 0.5, 0.5] }),
      'inconsistent-input',
      'population sizes',
      'not both',
    );
    expectError(
      () => surveyDesign({ weights: [1, 1, 1, 1], fpc: [1, 1, 1, 1] }),
      'inconsistent-input',
      'got 1 for everyone',
    );
    const sizes = surveyDesign({
      weights: [1, 1, 1, 1],
      strata: [1, 1, 2, 2],
      fpc: [10, 10, 20, 20],
    });
    const fractions = surveyDesign({
      weights: [1, 1, 1, 1],
      strata: [1, 1, 2, 2],
      fpc: [0.2, 0.2, 0.1, 0.1],
    });
    const y = [1, 0, 0, 1];
    expect(designProportion(y, fractions, { method: 'mean' }).se).toBeCloseTo(
      designProportion(y, sizes, { method: 'mean' }).se,
      15,
    );
  });

  it('refuses fpc smaller than the sample (R: "FPC implies >100% sampling in some strata"), varying in a stratum, or negative', () => {
    expect(designFixture.errors['fpcTooSmall']).toBe('FPC implies >100% sampling in some strata');
    expectError(
      () =>
        surveyDesign({
          weights: apistrat.weights,
          strata: apistrat.strata as string[],
          fpc: apistrat.weights.map(() => 10),
        }),
      'out-of-range',
      'no smaller than the sample',
      'stratum "E" has 100 sampled units',
      'population of 10',
    );
    expectError(
      () => surveyDesign({ weights: [1, 1, 1, 1], strata: [1, 1, 2, 2], fpc: [10, 11, 20, 20] }),
      'inconsistent-input',
      'the same within a stratum',
      'index 0 and 11 at index 1',
    );
    expectError(
      () => surveyDesign({ weights: [1, 1], fpc: [-3, 10] }),
      'out-of-range',
      'got -3 at index 0',
    );
    expectError(
      () =>
        surveyDesign({
          weights: [1, 1, 1],
          psu: [
            [1, 2, 3],
            [1, 2, 3],
          ],
          fpc: [10, 10, 10],
        }),
      'length-mismatch',
      'one fpc per stage of psu (2)',
    );
  });

  it('refuses unknown options', () => {
    expectError(
      () => surveyDesign({ weights: [1, 1], lonelyPsu: 'certainty' as never }),
      'invalid-option',
      'lonelyPsu',
      '"fail", "remove", "adjust", "average"',
    );
    expectError(
      () => surveyDesign({ weights: [1, 1], nest: 'yes' as never }),
      'invalid-option',
      'nest',
    );
  });
});
