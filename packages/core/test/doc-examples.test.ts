/// <reference types="vite/client" />
// Runs every `@example` in the TSDoc of src/ and checks each `// =>` value:
// the rules (how a value is compared, how an example is marked not run) are
// at the top of test-support/doc-examples.ts, shared by every package.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { docExampleTests, expectCheck, runExample } from '../../../test-support/doc-examples';

docExampleTests({
  name: '@toplines/core',
  srcDir: fileURLToPath(new URL('../src', import.meta.url)),
  modules: import.meta.glob(['../src/**/*.ts', '!../src/**/*.test.ts'], { eager: true }),
  publicApi: await import('../src/index'),
});

/** Runs the lines of an example and asserts its checks, as the harness does. */
async function check(...code: string[]): Promise<void> {
  const example = { file: 'self-test', line: 1, code, notRun: null };
  const checks = await runExample(example, {}, {}, '');
  expect(checks.length).toBeGreaterThan(0);
  for (const c of checks) expectCheck(c);
}

describe('the doc-example harness (its rule, on made-up examples)', () => {
  it('compares a printed value exactly, by deep equality', async () => {
    await check('0.1 + 0.2; // => 0.30000000000000004');
    await expect(check('0.1 + 0.2; // => 0.3')).rejects.toThrow();
    await check("({ a: [1, 'x'] }); // => { a: [1, 'x'] }");
    await expect(check("({ a: [1, 'x'], b: 2 }); // => { a: [1, 'x'] }")).rejects.toThrow();
  });

  it('reads a value on the next line, over several lines, and an expression over several', async () => {
    await check('const x = [1, 2];', 'x.length;', '// => 2');
    await check('[1,', '  2];', '// => [', '//   1, 2]');
    await check('[3, 1, 2]', '  .sort();', '// => [1, 2, 3]');
    await check('[3, 1, 2]', '  .sort()[0]; // => 1');
  });

  it('compares "(rounded)" figures to their printed decimals, objects on the printed keys', async () => {
    await check('0.00742; // => 0.0074 (rounded)');
    await check('39.6; // => 40 (rounded)');
    await expect(check('0.00751; // => 0.0074 (rounded)')).rejects.toThrow();
    await check(
      "({ d: 0.0600001, p: 0.0253, label: 'x' }); // => { d: 0.06, label: 'x' } (rounded)",
    );
    await expect(check("({ label: 'y' }); // => { label: 'x' } (rounded)")).rejects.toThrow();
  });

  it('checks "// throws Name" against the name of the error thrown', async () => {
    await check("JSON.parse('{'); // throws SyntaxError");
    await expect(check('JSON.parse("1"); // throws SyntaxError')).rejects.toThrow();
  });

  it('strips TypeScript types and allows await', async () => {
    await check('const n: number = await Promise.resolve(2);', 'n as number; // => 2');
  });
});
