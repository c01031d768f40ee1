/// <reference types="vite/client" />
// Runs every `@example` in the TSDoc of src/ and checks each `// =>` value:
// the rules (how a value is compared, how an example is marked not run) are
// at the top of test-support/doc-examples.ts, shared by every package.
import { fileURLToPath } from 'node:url';
import * as core from '@toplines/core';
import * as data from '@toplines/data';
import { docExampleTests } from '../../../test-support/doc-examples';

docExampleTests({
  name: '@toplines/cli',
  srcDir: fileURLToPath(new URL('../src', import.meta.url)),
  modules: import.meta.glob(
    ['../src/**/*.ts', '!../src/**/*.test.ts', '!../src/bin.ts', '!../src/reanalyze-worker.ts'],
    {
      eager: true,
    },
  ),
  imports: { '@toplines/core': core, '@toplines/data': data },
  // The examples start from `doc`, the reanalysis of the bundled data, and
  // `io`, an Io that keeps what is written to standard output in `written`
  // and to standard error in `messages` (neither stream is a terminal).
  prelude: [
    "import { load, reanalyze } from '@toplines/data';",
    'const doc = reanalyze(load());',
    'const written: string[] = [];',
    'const messages: string[] = [];',
    'const io = {',
    '  out: (text: string) => { written.push(text); },',
    '  err: (text: string) => { messages.push(text); },',
    "  env: {}, stdoutIsTTY: false, stderrIsTTY: false, cwd: '.',",
    '};',
  ].join('\n'),
});
