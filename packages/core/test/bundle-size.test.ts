// The size budget: the whole package, bundled and minified by esbuild and gzipped (jStat is
// 18 kB; @stdlib's beta quantile alone 53 kB). The performance issue's target is 8 kB, which the
// package does not meet yet; the budget enforced here is its current size plus about 5%, so a
// regression fails CI. See scripts/size-check.mjs and docs/performance.md.
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ESM script without types
import { BUDGET, measure } from '../scripts/size-check.mjs';

describe('bundle size', () => {
  it('stays under its budget, gzipped, bundled and minified', async () => {
    const { gzipped, modules } = (await measure()) as {
      gzipped: number;
      modules: { path: string; bytes: number }[];
    };
    const largest = modules
      .slice(0, 5)
      .map((m) => `${m.path} ${m.bytes} B`)
      .join(', ');
    expect(gzipped, `gzipped bundle; largest minified modules: ${largest}`).toBeLessThan(BUDGET);
  });
});
