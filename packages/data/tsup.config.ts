import { defineConfig } from 'tsup';

export default defineConfig({
  // Two entries: the main one (no node: imports, runs in Deno and browsers)
  // and ./node (file paths). Splitting also in CJS, so that both entries
  // share one DataError class rather than each bundling its own copy.
  entry: ['src/index.ts', 'src/node.ts'],
  format: ['esm', 'cjs'],
  splitting: true,
  dts: true,
  clean: true,
  // No source maps: they would point at src/, which the tarball does not
  // hold (bundlers warn about the missing sources), and the built code is
  // not minified, so a stack trace reads as it is.
  sourcemap: false,
  target: 'es2022',
  // import.meta.url in the CJS build (parse-sav.ts loads sav-reader with createRequire):
  // tsup's shim, from __filename
  shims: true,
  // keep "node:fs" in ./node: Deno resolves Node built-ins only by the node: prefix
  removeNodeProtocol: false,
});
