/// <reference types="vite/client" />
// Runs every `@example` in the TSDoc of src/ and checks each `// =>` value:
// the rules (how a value is compared, how an example is marked not run) are
// at the top of test-support/doc-examples.ts, shared by every package.
import { fileURLToPath } from 'node:url';
import * as arquero from 'arquero';
import { docExampleTests } from '../../../test-support/doc-examples';

docExampleTests({
  name: '@toplines/data',
  srcDir: fileURLToPath(new URL('../src', import.meta.url)),
  modules: import.meta.glob(['../src/**/*.ts', '!../src/**/*.test.ts'], { eager: true }),
  imports: { arquero },
});
