import { table } from 'arquero';
import { describe, expect, it } from 'vitest';
import { consistency, load, parseResultsCsv, withIntervals } from '../../src/index';
import reference from '../fixtures/reference-r.json';
import { RESULTS_HEADER } from '../helpers/mini-package';
import { columnsOf, expectNoNaN, expectTableEqual } from '../helpers/table-equal';

// Reference values: brute-force GRIM in test/fixtures/reference.R (R 4.2.2).
describe('consistency', () => {
  it('finds the counts that round to each printed percent', () => {
    const t = table({
      percent: reference.grim.map((g) => g.percent),
      base_n: reference.grim.map((g) => g.n),
      percent_text: ['40.5', '40.55', '33', '50.5'],
    });
    const out = consistency(t);
    expectTableEqual(out.select('count_min', 'count_max', 'consistent'), {
      count_min: reference.grim.map((g) => g.range[0] ?? null),
      count_max: reference.grim.map((g) => g.range[1] ?? null),
      consistent: [true, false, true, false],
    });
    expect(out.array('consistency_note')).toEqual([
      null,
      'no count out of n = 1000 rounds to 40.55% (2 decimals)',
      null,
      'no count out of n = 10 rounds to 50.5% (1 decimal)',
    ]);
  });

  it('reads the decimals from the printed text: "34.50" has 2', () => {
    const pkg = parseResultsCsv(
      `${RESULTS_HEADER}\np,q,total,total,a,34.50,exact,false,1037,s,34.50%\np,q,total,total,b,34.5,exact,false,1037,s,34.5%\n`,
    );
    // 358/1037 = 34.523…%: within ±0.05 of 34.5 but not within ±0.005 of 34.50
    expect(consistency(pkg.results!).array('consistent')).toEqual([false, true]);
  });

  it('says why a row is not checked: n unknown, a qualified figure, a missing percent', () => {
    const t = table({
      percent: [70, 70, null],
      qualifier: ['exact', 'approx', 'exact'],
      base_n: [null, 1000, 1000],
    });
    const out = consistency(t);
    expectNoNaN(out);
    expect(columnsOf(out)['consistent']).toEqual([null, null, null]);
    expect(out.array('consistency_note')).toEqual([
      'n unknown',
      'not checked: percent is approximate (qualifier approx), so no exact count is implied',
      'percent missing',
    ]);
  });

  it('uses n_used from withIntervals, and the survey n by the same rule', () => {
    const { results, surveys, questions } = load();
    const us = results.filter((d: { question_id: string }) => d.question_id === 'us-impression');
    expect(consistency(withIntervals(us)).array('count_min')).toEqual([420, 358]);
    expect(consistency(us, { surveys, questions }).array('count_min')).toEqual([420, 358]);
  });

  it('the bundled results are all consistent where they can be checked', () => {
    const { results, surveys, questions } = load();
    const out = consistency(results, { surveys, questions });
    expect(out.array('consistent')).not.toContain(false);
  });

  it('refuses bad decimals', () => {
    expect(() => consistency(table({ percent: [1] }), { decimals: -1 })).toThrow(
      'consistency requires decimals to be an integer from 0 to 10, got -1',
    );
  });
});
