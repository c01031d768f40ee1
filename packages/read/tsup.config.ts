import { defineConfig } from 'tsup';

export default defineConfig({
  // One entry, no node: imports: it runs in Node, Deno and browsers.
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  // No source maps: they would point at src/, which the tarball does not hold.
  sourcemap: false,
  target: 'es2022',
});
