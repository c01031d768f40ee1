import { defineConfig } from 'tsup';

export default defineConfig({
  // Three entries: the public API, ./design (design-based estimates from
  // microdata) and ./internal, what the other @toplines packages share
  // (message formatting, option checks, the error brand). No code splitting:
  // each entry is whole on its own, so the main entry does not grow by what
  // only ./design or ./internal uses; the error brand is a registered symbol,
  // the same in every copy.
  entry: ['src/index.ts', 'src/design.ts', 'src/internal.ts'],
  format: ['esm', 'cjs'],
  splitting: false,
  dts: true,
  clean: true,
  // No source maps: they would point at src/, which the tarball does not
  // hold (bundlers warn about the missing sources), and the built code is
  // not minified, so a stack trace reads as it is.
  sourcemap: false,
  target: 'es2022',
});
