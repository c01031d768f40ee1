import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/render.ts', 'src/jupyter.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  // No source maps in the tarball: they would carry every source file (#15).
  sourcemap: false,
  target: 'es2022',
  // import.meta.url in the CJS builds of the render and jupyter entries (font file paths).
  shims: true,
});
