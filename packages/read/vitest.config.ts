import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Several tests take a second or more alone (property runs, esbuild, a whole
    // reanalysis); CI runs every package at once on two cores.
    testTimeout: 30_000,
  },
});
