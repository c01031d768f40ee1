import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/render.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  // No source maps in the tarball: they would carry every source file (#15).
  sourcemap: false,
  target: 'es2022',
  // import.meta.url in the CJS build of the render entry (font file paths).
  shims: true,
});
