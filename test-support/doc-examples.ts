// The doc-example harness of every package: each `@example` block in the
// TSDoc of a package's src/ is run, and each result it writes with `// =>`
// must be what the code returns, so that the documentation cannot drift
// from the implementation. A package's test/doc-examples.test.ts calls
// `docExampleTests` with its source folder and modules.
//
// How an example is read
//   - `expr; // => value` checks that `expr` returns `value`. So does
//     `// => value` on the line after a line `expr;` (a one-line expression).
//     A value may go on over the following `//` lines until its brackets close.
//   - Every exported value of the package's src/ modules is in scope, by
//     name; the example's own `const`s are too. Examples are TypeScript: type
//     annotations are stripped before they run, and `await` may be used.
//   - A package's test may give a `prelude`, code run before each example
//     (charts: `rows`, the bundled results with intervals); the example runs
//     in a block of its own, so it may declare the same names again.
//   - `import { a, b as c } from 'x';` and `import * as x from 'x';` lines
//     work for the package's own name (its src/ exports) and for the modules
//     the package's test passes as `imports` (arquero, say).
//   - `expr; // throws UsageError` checks that `expr` throws (or rejects
//     with) an error whose name is UsageError; text after the name is a note.
//   - An example that runs must state at least one result with `// =>` or
//     `// throws`.
//
// How a printed value is compared (one rule, the one core has always used)
//   - `value` is a JavaScript expression, compared with the actual result by
//     deep equality (vitest's toEqual): numbers exactly, as JavaScript prints
//     them (0.06000000000000005, not 0.06), strings exactly, arrays element
//     by element, objects key by key (a key whose value is undefined counts
//     as absent). Copy what the code prints.
//   - `value (rounded)`: a summary. Each number in `value` is compared to
//     the printed decimals, |actual − printed| ≤ ½·10^−d where d is the
//     number of decimals written (0.0074 matches 0.00742…; 40 matches
//     39.5…40.5), and an object matches on the keys it prints (the others
//     are left out of the summary). Strings and booleans stay exact.
//
// Examples that are not run
//   An example whose first line is `// not run: <reason>` is not run: it
//   needs a file or a terminal, or it is an illustrative fragment. It shows
//   as a skipped test named with its reason, and the harness prints how many
//   examples ran and how many were not run, with the reasons. Any other
//   example runs; one without `// =>` fails, so none is skipped silently.
//   A package's test may also list files whose examples are not run for now
//   (`notRunFiles`, `file` or `file:line` → reason: a file being rewritten
//   by someone else); they are counted and printed the same way.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/** The first line of an example that is not run, before its reason. */
export const NOT_RUN = '// not run:';

/** The marker after a printed value that is a rounded summary. */
const ROUNDED = '(rounded)';

/** One `@example` block: where it is and its lines, without the ` * ` margin. */
export interface Example {
  file: string;
  line: number;
  code: string[];
  /** The reason given by a first line `// not run: <reason>`; null when it runs. */
  notRun: string | null;
}

/** What a package's test/doc-examples.test.ts passes to {@link docExampleTests}. */
export interface DocExampleOptions {
  /** The package's name, for the printed counts. */
  name: string;
  /** The package's src/ folder. */
  srcDir: string;
  /** The modules of src/ (from `import.meta.glob`, eager): their exports are the examples' scope. */
  modules: Record<string, unknown>;
  /** Modules an example may import, by specifier; the package's own name is always there. */
  imports?: Record<string, unknown>;
  /** Code run before each example, in an outer scope (TypeScript; imports allowed). */
  prelude?: string;
  /** Files of src/ (`verbs/leads.ts`) or examples (`lead-chart.ts:89`) not run for now, with the reason. */
  notRunFiles?: Record<string, string>;
  /** When given, every exported function of src/ that this public API holds must have an @example. */
  publicApi?: Record<string, unknown>;
}

/** Defines the tests of a package's examples: one per example, a count, and the coverage check. */
export function docExampleTests(options: DocExampleOptions): void {
  const { name, srcDir, modules, publicApi } = options;
  const scope: Record<string, unknown> = {};
  for (const exports of Object.values(modules)) Object.assign(scope, exports);
  const imports: Record<string, unknown> = { ...options.imports, [name]: scope };
  const notRunFiles = options.notRunFiles ?? {};
  const examples = [...sourceFiles(srcDir)]
    .flatMap((path) => examplesOf(path, srcDir))
    .map((e) => {
      const reason = notRunFiles[`${e.file}:${e.line}`] ?? notRunFiles[e.file];
      return e.notRun === null && reason !== undefined ? { ...e, notRun: reason } : e;
    });
  const run = examples.filter((e) => e.notRun === null);
  const notRun = examples.filter((e) => e.notRun !== null);

  describe(`TSDoc examples of ${name}`, () => {
    it(`counts: ${run.length} run, ${notRun.length} not run`, () => {
      const lines = [`${name}: ${run.length} examples run, ${notRun.length} not run`];
      for (const e of notRun) lines.push(`  not run ${e.file}:${e.line} — ${e.notRun}`);
      console.info(lines.join('\n'));
      for (const e of notRun) {
        expect(e.notRun, `${e.file}:${e.line} gives a reason after "${NOT_RUN}"`).not.toBe('');
      }
      const known = new Set(examples.flatMap((e) => [e.file, `${e.file}:${e.line}`]));
      for (const key of Object.keys(notRunFiles)) {
        expect(known.has(key), `notRunFiles names ${key}, an example or a file with some`).toBe(
          true,
        );
      }
    });

    if (publicApi !== undefined) {
      it('exist: every public function has one', () => {
        for (const path of sourceFiles(srcDir)) missingExamples(path, srcDir, publicApi);
      });
    }

    for (const example of notRun) {
      it.skip(`${example.file}:${example.line} — not run: ${example.notRun}`, () => {});
    }

    it.each(run.map((e) => [`${e.file}:${e.line}`, e] as const))('%s', async (_, example) => {
      const checks = await runExample(example, scope, imports, options.prelude ?? '');
      expect(checks.length, 'an example states a result with // => or // throws').toBeGreaterThan(
        0,
      );
      for (const check of checks) expectCheck(check);
    });
  });
}

/** Asserts one check by the rule at the top of this file. */
export function expectCheck(check: Check): void {
  if (check.rounded) {
    expect(project(check.actual, check.expected), check.source).toEqual(unwrap(check.expected));
  } else {
    expect(check.actual, check.source).toEqual(check.expected);
  }
}

/** The .ts files of a folder and its subfolders, tests left out. */
export function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name < b.name ? -1 : 1,
  )) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) yield path;
  }
}

/** The `@example` blocks of a file. */
export function examplesOf(path: string, srcDir: string): Example[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  const examples: Example[] = [];
  let current: Example | null = null;
  const close = () => {
    if (current === null) return;
    while (current.code.length > 0 && current.code.at(-1)?.trim() === '') current.code.pop();
    const first = current.code.find((line) => line.trim() !== '')?.trim() ?? '';
    if (first.startsWith(NOT_RUN)) current.notRun = first.slice(NOT_RUN.length).trim();
    examples.push(current);
    current = null;
  };
  lines.forEach((raw, index) => {
    const text = raw.replace(/^\s*\*\s?/, '');
    const isDocLine = /^\s*\*/.test(raw) && !/^\s*\*\//.test(raw);
    if (current !== null && (!isDocLine || text.startsWith('@'))) close();
    if (isDocLine && text.startsWith('@example')) {
      current = { file: relative(srcDir, path), line: index + 1, code: [], notRun: null };
    } else if (current !== null) {
      current.code.push(text);
    }
  });
  close();
  return examples;
}

/** One `// =>` (or `// throws`) of an example, once run. */
export interface Check {
  source: string;
  actual: unknown;
  expected: unknown;
  rounded: boolean;
}

/** What a `// throws` check records: the name of the error thrown, or null. */
async function thrownName(run: () => unknown): Promise<string | null> {
  try {
    await run();
    return null;
  } catch (e) {
    return e instanceof Error ? e.name : String(e);
  }
}

/** Runs an example with `scope` (and `imports`, after `prelude`) and returns its checks. */
export async function runExample(
  example: Example,
  scope: Record<string, unknown>,
  imports: Record<string, unknown>,
  prelude: string,
): Promise<Check[]> {
  const checks: Check[] = [];
  const setup = prelude.split('\n').map(importLine).join('\n');
  const body = `${setup}\n{\n${instrument(example.code)}\n}`;
  const { outputText, diagnostics } = ts.transpileModule(`(async () => {\n${body}\n})`, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
    reportDiagnostics: true,
  });
  if (diagnostics !== undefined && diagnostics.length > 0) {
    const messages = diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    throw new Error(`the example does not parse: ${messages.join('; ')}\n${body}`);
  }
  const names = Object.keys(scope);
  const make = new Function(
    ...names,
    '__check',
    '__rounded',
    '__import',
    '__throws',
    `return ${outputText.trim()}`,
  );
  const example$ = make(
    ...names.map((name) => scope[name]),
    (source: string, actual: unknown, expected: unknown, rounded: boolean) =>
      checks.push({ source, actual, expected, rounded }),
    (value: number, decimals: number) => new Rounded(value, decimals),
    (specifier: string) => {
      if (!(specifier in imports)) throw new Error(`the example imports '${specifier}', not given`);
      return imports[specifier];
    },
    async (source: string, run: () => unknown, name: string) =>
      checks.push({ source, actual: await thrownName(run), expected: name, rounded: false }),
  ) as () => Promise<void>;
  await example$();
  return checks;
}

/**
 * Turns an example into code that calls `__check(source, actual, expected,
 * rounded)` for each `// =>`. Internal; exported for the harness's tests.
 */
export function instrument(code: readonly string[]): string {
  const out: string[] = [];
  // the statement being read: its lines in `out` from `start`, and its code
  let start = -1;
  let statement = '';
  for (let i = 0; i < code.length; i++) {
    const line = importLine(code[i] as string);
    const throws = /\/\/ throws (\w+)/.exec(line);
    const arrow = throws !== null ? throws.index : line.indexOf('// =>');
    const hasArrow = arrow >= 0 && isCode(line, arrow);
    const text = codePart(hasArrow ? line.slice(0, arrow) : line).trim();
    if (text !== '') {
      if (start < 0 || !continues(statement, text)) {
        start = out.length;
        statement = text;
      } else {
        statement += `\n${text}`;
      }
    }
    if (!hasArrow) {
      out.push(line);
      continue;
    }
    if (throws !== null) {
      if (start < 0) throw new Error(`"// throws" follows no expression`);
      const source = statement.replace(/;$/, '');
      out.splice(start);
      out.push(`await __throws(${JSON.stringify(source)}, () => (${source}), '${throws[1]}');`);
      start = -1;
      statement = '';
      continue;
    }
    // the value, and its continuation lines until its brackets close
    let value = line.slice(arrow + '// =>'.length).trim();
    while (!balanced(value) && i + 1 < code.length && /^\s*\/\//.test(code[i + 1] as string)) {
      i++;
      value += ` ${(code[i] as string).replace(/^\s*\/\/\s?/, '').trim()}`;
    }
    const rounded = value.endsWith(ROUNDED);
    if (rounded) value = roundedLiterals(value.slice(0, -ROUNDED.length).trim());
    if (start < 0) throw new Error(`"// => ${value}" follows no expression`);
    const source = statement.replace(/;$/, '');
    // the statement's own lines are replaced by its check
    out.splice(start);
    out.push(`__check(${JSON.stringify(source)}, (${source}), (${value}), ${rounded});`);
    start = -1;
    statement = '';
  }
  return out.join('\n');
}

/** True when a line of code goes on with the statement before it rather than starting one. */
function continues(statement: string, line: string): boolean {
  return (
    !balanced(statement) || /^(\.|\?\.|\)|\]|\})/.test(line) || /[,([{=+\-*/&|?:]$/.test(statement)
  );
}

/** An `import … from '…';` line as a `const` from `__import`; any other line as it is. */
function importLine(line: string): string {
  const match = /^\s*import\s+(type\s+)?(.+?)\s+from\s+['"]([^'"]+)['"];?\s*$/.exec(line);
  if (match === null) return line;
  const [, typeOnly, bindings, specifier] = match as unknown as [string, string, string, string];
  if (typeOnly !== undefined) return `// ${line.trim()}`;
  const namespace = /^\*\s+as\s+(\w+)$/.exec(bindings);
  const target = namespace !== null ? namespace[1] : bindings.replace(/\s+as\s+/g, ': ');
  return `const ${target} = __import(${JSON.stringify(specifier)});`;
}

/** True when position `at` of a line is code, not inside a string. */
function isCode(line: string, at: number): boolean {
  return codePart(line.slice(0, at)).length === at;
}

/** A line up to its `//` comment, strings (and the `//` in them) kept. */
function codePart(line: string): string {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote !== null) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"' || ch === '`') {
      quote = ch;
    } else if (ch === '/' && line[i + 1] === '/') {
      return line.slice(0, i);
    }
  }
  return line;
}

/** True when every bracket opened in `text`, outside strings, is closed. */
function balanced(text: string): boolean {
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote !== null) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"' || ch === '`') quote = ch;
    else if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') depth--;
  }
  return depth <= 0;
}

/** Wraps each number literal of a value, outside strings, as `__rounded(value, decimals)`. */
function roundedLiterals(value: string): string {
  let out = '';
  let quote: string | null = null;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i] as string;
    if (quote !== null) {
      out += ch;
      if (ch === '\\') out += value[++i] ?? '';
      else if (ch === quote) quote = null;
      continue;
    }
    if (ch === "'" || ch === '"' || ch === '`') {
      quote = ch;
      out += ch;
      continue;
    }
    const number = /^-?\d+(\.\d+)?(?![\w.])/.exec(value.slice(i));
    if (number !== null && !/[\w$.]/.test(value[i - 1] ?? '')) {
      const decimals = number[1] === undefined ? 0 : number[1].length - 1;
      out += `__rounded(${number[0]}, ${decimals})`;
      i += number[0].length - 1;
      continue;
    }
    out += ch;
  }
  return out;
}

/** A printed number: the value as written and its decimals. */
class Rounded {
  constructor(
    readonly value: number,
    readonly decimals: number,
  ) {}

  matches(actual: unknown): boolean {
    if (typeof actual !== 'number') return false;
    // the float slack lets 0.0074 match 0.00745 printed by toFixed-style rounding
    return Math.abs(actual - this.value) <= 0.5 * 10 ** -this.decimals * (1 + 1e-9);
  }
}

/**
 * The actual value reshaped to what a rounded summary prints: a number that
 * matches its printed figure becomes that figure, and an object keeps only
 * the keys printed. Compared with {@link unwrap} of the summary, a mismatch
 * shows as an ordinary toEqual diff.
 */
function project(actual: unknown, expected: unknown): unknown {
  if (expected instanceof Rounded) return expected.matches(actual) ? expected.value : actual;
  if (Array.isArray(expected) && Array.isArray(actual)) {
    return actual.map((item, i) => (i < expected.length ? project(item, expected[i]) : item));
  }
  if (isPlainObject(expected) && isPlainObject(actual)) {
    const kept: Record<string, unknown> = {};
    for (const key of Object.keys(expected)) {
      if (key in actual) kept[key] = project(actual[key], expected[key]);
    }
    return kept;
  }
  return actual;
}

/** A rounded summary with its printed figures as plain numbers. */
function unwrap(expected: unknown): unknown {
  if (expected instanceof Rounded) return expected.value;
  if (Array.isArray(expected)) return expected.map(unwrap);
  if (isPlainObject(expected)) {
    return Object.fromEntries(Object.entries(expected).map(([k, v]) => [k, unwrap(v)]));
  }
  return expected;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Fails for each exported function of a file that the public API holds and has no @example. */
function missingExamples(path: string, srcDir: string, publicApi: Record<string, unknown>): void {
  const text = readFileSync(path, 'utf8');
  for (const match of text.matchAll(/\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*export function (\w+)/g)) {
    const [, doc, name] = match;
    if (!(name! in publicApi)) continue;
    expect(doc, `${name} in ${relative(srcDir, path)} has an @example`).toContain('@example');
  }
  for (const match of text.matchAll(/^export function (\w+)/gm)) {
    if (!(match[1]! in publicApi)) continue;
    expect(text.slice(0, match.index), `${match[1]} has a doc block`).toMatch(/\*\/\s*$/);
  }
}
