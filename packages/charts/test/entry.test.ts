// The spec-building entry stays free of vega, vega-lite's runtime, resvg and
// node: built-ins (browser- and Deno-friendly): check the built files and
// every chunk they import.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE } from './helpers';

const DIST = join(PACKAGE, 'dist');

/** Every module specifier a built file imports or requires, following relative chunks. */
function imports(file: string, seen = new Set<string>()): string[] {
  if (seen.has(file)) return [];
  seen.add(file);
  const code = readFileSync(file, 'utf8');
  const specs = [
    ...code.matchAll(/(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]/g),
    ...code.matchAll(/import\s*\(\s*['"]([^'"]+)['"]\s*\)/g),
    ...code.matchAll(/import\s*['"]([^'"]+)['"]/g),
    ...code.matchAll(/require\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((m) => m[1] as string);
  const out: string[] = [];
  for (const s of specs) {
    if (s.startsWith('.')) out.push(...imports(join(DIST, s.replace(/^\.\//, '')), seen));
    else out.push(s);
  }
  return out;
}

describe.skipIf(!existsSync(join(DIST, 'index.js')))('built entries', () => {
  for (const entry of ['index.js', 'index.cjs']) {
    it(`dist/${entry} imports neither vega nor resvg nor node: built-ins`, () => {
      const found = imports(join(DIST, entry));
      expect(
        found.filter(
          (s) => /^(vega|vega-lite|vega-.*|@resvg\/.*)$/.test(s) || s.startsWith('node:'),
        ),
      ).toEqual([]);
      expect(found.filter((s) => !s.startsWith('@toplines/'))).toEqual([]);
    });
  }

  it('dist/render.js is the one that loads vega and resvg', () => {
    const found = imports(join(DIST, 'render.js'));
    expect(found).toContain('vega');
    expect(found).toContain('@resvg/resvg-js');
  });
});
