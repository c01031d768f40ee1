import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/render.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  // import.meta.url in the CJS build of the render entry (font file paths).
  shims: true,
});
