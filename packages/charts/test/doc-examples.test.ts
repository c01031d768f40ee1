/// <reference types="vite/client" />
// Runs every `@example` in the TSDoc of src/ and checks each `// =>` value:
// the rules (how a value is compared, how an example is marked not run) are
// at the top of test-support/doc-examples.ts, shared by every package.
import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as core from '@toplines/core';
import * as data from '@toplines/data';
import { docExampleTests } from '../../../test-support/doc-examples';
import * as render from '../src/render';

docExampleTests({
  name: '@toplines/charts',
  srcDir: fileURLToPath(new URL('../src', import.meta.url)),
  modules: import.meta.glob(['../src/**/*.ts', '!../src/**/*.test.ts'], { eager: true }),
  imports: {
    '@toplines/core': core,
    '@toplines/data': data,
    '@toplines/charts/render': render,
    'node:fs': fs,
  },
  // The examples of charts start from the bundled data with intervals: `rows`,
  // and `results`, `surveys` and `questions` as load() returns them.
  prelude: [
    "import { load, withIntervals } from '@toplines/data';",
    'const { results, surveys, questions } = load();',
    'const rows = withIntervals(results, { surveys, questions });',
  ].join('\n'),
});
