// Every `@example` in the TSDoc of src/ is run, and each `// => value` it
// writes must be what the code returns: the documentation cannot drift from
// the implementation. An example line `expr; // => value`, or a line
// `// => value` after the line `expr;`, checks that expr equals value.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const srcDir = join(__dirname, '..', 'src');
const modules = import.meta.glob<Record<string, unknown>>(
  ['../src/**/*.ts', '!../src/**/*.test.ts'],
  {
    eager: true,
  },
);

/** Every exported value of src/, by name: the scope the examples run in. */
const scope: Record<string, unknown> = {};
for (const exports of Object.values(modules)) Object.assign(scope, exports);

interface Example {
  file: string;
  line: number;
  code: string[];
}

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) yield path;
  }
}

/** The `@example` blocks of a file, as lines of code without the ` * ` margin. */
function examplesOf(path: string): Example[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  const examples: Example[] = [];
  let current: Example | null = null;
  lines.forEach((raw, index) => {
    const text = raw.replace(/^\s*\*\s?/, '');
    const isDocLine = /^\s*\*/.test(raw) && !/^\s*\*\//.test(raw);
    if (current !== null && (!isDocLine || text.startsWith('@'))) {
      examples.push(current);
      current = null;
    }
    if (isDocLine && text.startsWith('@example')) {
      current = { file: relative(srcDir, path), line: index + 1, code: [] };
    } else if (current !== null) {
      current.code.push(text);
    }
  });
  return examples;
}

/** Turns an example into a function body that records [expression, actual, expected] triples. */
function instrument(code: string[]): string {
  const out: string[] = [];
  let previous: string | null = null;
  for (const line of code) {
    const inline = /^(.*?);?\s*\/\/ => (.*)$/.exec(line);
    if (inline !== null && inline[1]!.trim() !== '') {
      out.push(`__check(${JSON.stringify(inline[1]!.trim())}, (${inline[1]}), (${inline[2]}));`);
      previous = null;
    } else if (inline !== null && previous !== null) {
      out.pop();
      out.push(`__check(${JSON.stringify(previous)}, (${previous}), (${inline[2]}));`);
      previous = null;
    } else if (/^\s*\/\//.test(line) || line.trim() === '') {
      out.push(line);
    } else {
      out.push(line);
      previous = line
        .replace(/\/\/.*$/, '')
        .trim()
        .replace(/;$/, '');
    }
  }
  return out.join('\n');
}

const examples = [...sourceFiles(srcDir)].flatMap(examplesOf);

describe('TSDoc examples', () => {
  it('exist: every public function has one', async () => {
    const publicApi = await import('../src/index');
    for (const path of sourceFiles(srcDir)) {
      const text = readFileSync(path, 'utf8');
      for (const match of text.matchAll(
        /\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*export function (\w+)/g,
      )) {
        const [, doc, name] = match;
        if (!(name! in publicApi)) continue;
        expect(doc, `${name} in ${relative(srcDir, path)} has an @example`).toContain('@example');
      }
      for (const match of text.matchAll(/^export function (\w+)/gm)) {
        if (!(match[1]! in publicApi)) continue;
        expect(text.slice(0, match.index), `${match[1]} has a doc block`).toMatch(/\*\/\s*$/);
      }
    }
  });

  it.each(examples.map((e) => [`${e.file}:${e.line}`, e] as const))('%s', (_, example) => {
    const checks: Array<[string, unknown, unknown]> = [];
    const body = instrument(example.code);
    const names = Object.keys(scope);
    const run = new Function(...names, '__check', body);
    run(...names.map((name) => scope[name]), (source: string, actual: unknown, expected: unknown) =>
      checks.push([source, actual, expected]),
    );
    expect(checks.length, 'an example states at least one result with // =>').toBeGreaterThan(0);
    for (const [source, actual, expected] of checks) {
      expect(actual, source).toEqual(expected);
    }
  });
});
