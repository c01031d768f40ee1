// The size of @toplines/charts in a browser, as a consumer's bundler sees it: the main entry
// bundled by esbuild for the browser (ESM, minified), then gzipped — the approach of
// packages/core/scripts/size-check.mjs. `npm run size -w @toplines/charts` prints the size of
// `import { shareChart } from '@toplines/charts'` alone and of every builder at once, and what
// each module adds. test/bundle-size.test.ts enforces the budget in CI: shareChart alone under
// 10 kB gzipped (#15: it was 147 kB with @toplines/data's bundled tables, arquero and acorn),
// with no `node:` built-in and no @toplines/data in the bundle.
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/** The budget of #15 for `shareChart` on its own: under 10 kB gzipped (10,000 B, the stricter reading). */
export const TARGET = 10_000;

/** The builders, every one a consumer may import from the main entry. */
export const BUILDERS = [
  'shareChart',
  'leadChart',
  'comparisonChart',
  'trendChart',
  'marginCurve',
  'divergingChart',
  'smallMultiples',
];

const srcDir = new URL('../src/', import.meta.url).pathname;

/**
 * Bundles `export { …names } from './index'` (the main entry's source) for the browser,
 * minified; returns the minified and gzipped sizes, each module's minified bytes, and the
 * imports esbuild left out of the bundle (a `node:` built-in would be one).
 */
export async function measure(names) {
  const result = await build({
    stdin: {
      contents: `export { ${names.join(', ')} } from './index';`,
      resolveDir: srcDir,
      loader: 'ts',
      sourcefile: 'entry.ts',
    },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const output = result.outputFiles[0].contents;
  const meta = Object.values(result.metafile.outputs)[0];
  const modules = Object.entries(meta.inputs)
    .filter(([, { bytesInOutput }]) => bytesInOutput > 0)
    .map(([path, { bytesInOutput }]) => ({
      path: path.replace(/^.*?packages\/charts\//, '').replace(/^\.\.\/core\//, '@toplines/core/'),
      bytes: bytesInOutput,
    }))
    .sort((a, b) => b.bytes - a.bytes);
  const external = meta.imports.filter((i) => i.external).map((i) => i.path);
  return {
    minified: output.length,
    gzipped: gzipSync(output, { level: 9 }).length,
    text: result.outputFiles[0].text,
    modules,
    external,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const kb = (bytes) => `${bytes.toLocaleString('en-US')} B`;
  const one = await measure(['shareChart']);
  const all = await measure(BUILDERS);
  console.log('@toplines/charts, bundled for the browser and minified by esbuild, then gzipped\n');
  console.log(
    `shareChart alone: ${kb(one.minified)} minified, ${kb(one.gzipped)} gzipped (budget ${kb(TARGET)})`,
  );
  console.log(`every builder: ${kb(all.minified)} minified, ${kb(all.gzipped)} gzipped`);
  console.log(`imports left out of the bundle: ${one.external.join(', ') || 'none'}`);
  console.log('\nmodules of shareChart alone (minified bytes):');
  for (const m of one.modules) console.log(`${kb(m.bytes).padStart(9)}  ${m.path}`);
  if (one.gzipped >= TARGET || one.external.length > 0) {
    console.error('over budget, or not self-contained');
    process.exitCode = 1;
  }
}
