import { rmSync } from 'node:fs';
import { defineConfig, type Options } from 'tsup';

// Two builds: the library (ESM and CommonJS, with types) and the command,
// ESM only — bin/toplines.js imports dist/bin.js, so a CommonJS copy of the
// command would only weigh down the tarball. tsup runs the builds of an
// array in parallel, and `clean` in either would race with the other's
// output: dist/ is emptied once, here, before both.
rmSync(new URL('./dist', import.meta.url), { recursive: true, force: true });

const shared: Options = {
  clean: false,
  target: 'es2022',
  // No source maps: they would point at src/, which the tarball does not
  // hold (bundlers warn about the missing sources), and the built code is
  // not minified, so a stack trace reads as it is.
  sourcemap: false,
  // An optional dependency (tsup leaves only dependencies and peerDependencies out of the
  // bundle): DuckDB's native binding, loaded by `weigh --engine duckdb` when installed.
  external: ['@duckdb/node-api'],
};

export default defineConfig([
  // ESM: the library, the command and its worker thread together, sharing their chunks.
  {
    ...shared,
    entry: ['src/index.ts', 'src/bin.ts', 'src/reanalyze-worker.ts'],
    format: ['esm'],
    dts: { entry: 'src/index.ts' },
  },
  // CommonJS: the library only, with string-width inside it: that package is
  // ESM only, and esbuild's CommonJS interop reads its default export from
  // require() as the namespace object, not the function
  // (scripts/consumer-test.mjs found it).
  {
    ...shared,
    entry: ['src/index.ts'],
    format: ['cjs'],
    dts: true,
    noExternal: ['string-width', 'strip-ansi', 'ansi-regex', 'get-east-asian-width'],
  },
]);
