import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // vega-lite 5 (the `vega-lite-v5` alias, used to check that specs compile
    // with v5 too) ships ESM without "type": "module": let Vite transform it.
    server: { deps: { inline: ['vega-lite-v5'] } },
    testTimeout: 30_000,
  },
});
