// The size budgets of @toplines/core, bundled and minified by esbuild and gzipped (jStat is
// 18 kB; @stdlib's beta quantile alone 53 kB): every export on its own under the performance
// issue's 8 kB, and the whole package at once under its budget, its size when the performance
// work ended plus about 1% (the whole is above 8 kB: docs/performance.md says why). A
// regression fails CI. See scripts/size-check.mjs (`npm run size`).
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ESM script without types
import * as size from '../scripts/size-check.mjs';

interface Measured {
  gzipped: number;
  exports: string[];
  modules: { path: string; bytes: number }[];
}
const { TARGET, WHOLE_BUDGET, DESIGN_BUDGET, CONTRACT } = size as {
  TARGET: number;
  WHOLE_BUDGET: number;
  DESIGN_BUDGET: number;
  CONTRACT: string[];
};
const measure = size.measure as (names?: string[], entry?: string) => Promise<Measured>;
const measureEach = size.measureEach as () => Promise<{ name: string; gzipped: number }[]>;

describe('bundle size', () => {
  // esbuild bundles every export: seconds on a loaded machine, so a generous timeout.
  it('keeps every export, imported on its own, under 8 kB gzipped', {
    timeout: 180_000,
  }, async () => {
    const each = await measureEach();
    // Every value export is measured: the nine contract functions among them.
    for (const name of CONTRACT) expect(each.map((e) => e.name)).toContain(name);
    const over = each.filter((e) => e.gzipped >= TARGET).map((e) => `${e.name} ${e.gzipped} B`);
    expect(over, 'exports at or over 8,192 B gzipped').toEqual([]);
  });

  it('keeps the whole package, every export at once, under its budget', {
    timeout: 180_000,
  }, async () => {
    const { gzipped, modules } = await measure();
    const largest = modules
      .slice(0, 5)
      .map((m) => `${m.path} ${m.bytes} B`)
      .join(', ');
    expect(gzipped, `gzipped bundle; largest minified modules: ${largest}`).toBeLessThan(
      WHOLE_BUDGET,
    );
  });

  it('keeps the ./design entry (microdata), every export at once, under its budget', {
    timeout: 180_000,
  }, async () => {
    const { gzipped, exports } = await measure(undefined, './design');
    expect(exports).toContain('designProportion');
    expect(gzipped, 'gzipped bundle of @toplines/core/design').toBeLessThan(DESIGN_BUDGET);
    // the main entry does not carry it
    const main = await measure();
    expect(main.exports).not.toContain('designProportion');
  });

  it('measures what a consumer bundles: one export costs less than all of them', {
    timeout: 180_000,
  }, async () => {
    const one = await measure(['consistentCounts']);
    const whole = await measure();
    expect(one.modules.map((m) => m.path)).not.toContain('src/special/beta-quantile.ts');
    expect(one.gzipped).toBeLessThan(whole.gzipped / 4);
  });
});
