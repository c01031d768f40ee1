// significantFromN against R: the smallest n values come from
// packages/cli/test/fixtures/compare-references.R (R 4.2.2: the same scan
// with fisher.test and the Newcombe interval written in R), also found by
// docs/scripts/small-samples.R for the University of Tokyo waves.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fisherExactTest, significantFromN, ToplinesError } from '../src/index';

const R = JSON.parse(
  readFileSync(
    join(__dirname, '..', '..', 'cli', 'test', 'fixtures', 'compare-references-r.json'),
    'utf8',
  ),
) as { cases: Record<string, { value: number }> };

describe('significantFromN', () => {
  it('45% to 18%, n unknown: from 33 per wave (R)', () => {
    const n = significantFromN({ percent: 45, decimals: 0 }, { percent: 18, decimals: 0 });
    expect(n).toBe(R.cases['smallest_n_utokyo']?.value);
    // at 33: 15 vs 6, Fisher p < 0.05; 45% of 25 is no count's share, so 25 is skipped
    expect(fisherExactTest(15, 33, 6, 33).pValue).toBeLessThan(0.05);
  });

  it('one n known (42.4% of 1,037 vs 85.5%, n unknown): 55 (R)', () => {
    const n = significantFromN(
      { percent: 42.4, decimals: 1, n: 1037 },
      { percent: 85.5, decimals: 1 },
    );
    expect(n).toBe(R.cases['smallest_n_api_cabinet']?.value);
  });

  it('equal figures never differ; a small difference needs a large n or never', () => {
    expect(significantFromN({ percent: 40, decimals: 0 }, { percent: 40, decimals: 0 })).toBeNull();
    expect(
      significantFromN(
        { percent: 40.5, decimals: 1 },
        { percent: 40.4, decimals: 1 },
        { limit: 200 },
      ),
    ).toBeNull();
  });

  it('names bad input', () => {
    expect(() =>
      significantFromN({ percent: 145, decimals: 0 }, { percent: 18, decimals: 0 }),
    ).toThrow(ToplinesError);
    expect(() =>
      significantFromN({ percent: 45, decimals: 0.5 }, { percent: 18, decimals: 0 }),
    ).toThrow(/decimals/);
    expect(() =>
      significantFromN({ percent: 45, decimals: 0 }, { percent: 18, decimals: 0 }, { limit: 1e9 }),
    ).toThrow(/limit/);
    expect(() => significantFromN(null as never, { percent: 18, decimals: 0 })).toThrow(/figure/);
  });
});
