// The browser budget of #15: `import { shareChart } from '@toplines/charts'` alone, bundled
// for the browser by esbuild, minified and gzipped, is under 10 kB, and holds no `node:`
// built-in and nothing of @toplines/data (its bundled tables, arquero, acorn). The sizes are
// printed. See scripts/size-check.mjs (`npm run size`).
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ESM script without types
import * as size from '../scripts/size-check.mjs';

interface Measured {
  minified: number;
  gzipped: number;
  text: string;
  modules: { path: string; bytes: number }[];
  external: string[];
}
const { TARGET, BUILDERS } = size as { TARGET: number; BUILDERS: string[] };
const measure = size.measure as (names: string[]) => Promise<Measured>;

describe('bundle size', () => {
  it('keeps shareChart alone, bundled for the browser, under 10 kB gzipped', {
    timeout: 180_000,
  }, async () => {
    const one = await measure(['shareChart']);
    const all = await measure(BUILDERS);
    console.log(
      `@toplines/charts for the browser (esbuild, minified, gzipped): shareChart alone ${one.minified} B minified, ${one.gzipped} B gzipped (budget ${TARGET} B); every builder ${all.minified} B minified, ${all.gzipped} B gzipped`,
    );
    const largest = one.modules
      .slice(0, 5)
      .map((m) => `${m.path} ${m.bytes} B`)
      .join(', ');
    expect(one.gzipped, `gzipped bundle; largest minified modules: ${largest}`).toBeLessThan(
      TARGET,
    );
  });

  it('bundles no node: built-in and nothing of @toplines/data', { timeout: 180_000 }, async () => {
    // esbuild fails to resolve a node: built-in for the browser: measure() would throw.
    const { text, external, modules } = await measure(BUILDERS);
    expect(external).toEqual([]);
    expect(text).not.toMatch(/["'`]node:/);
    expect(
      modules
        .map((m) => m.path)
        .filter((p) => /packages\/data\/|@toplines\/data|arquero|acorn/.test(p)),
    ).toEqual([]);
  });
});
