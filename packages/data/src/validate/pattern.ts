// A Table Schema `pattern` comes from the user's descriptor: run on
// JavaScript's backtracking engine, `^(a+)+$` against 35 characters takes
// minutes. re2js (a pure-JS port of RE2) matches in time linear in the cell,
// whatever the pattern; what it cannot run in linear time (backreferences,
// lookaround) it refuses to compile, and the descriptor is refused with it;
// so is a pattern whose counted repeats make its program too large.
import { RE2JS } from 're2js';

/** A compiled pattern: whether a whole cell matches it. */
export interface CompiledPattern {
  /** True when the whole value matches (Table Schema patterns are anchored, as in XML Schema). */
  test(value: string): boolean;
}

/**
 * Why a pattern cannot be used: not a regular expression at all, one RE2
 * does not run, or one whose compiled program is too large (`detail` is then
 * its size in instructions).
 */
export type PatternProblem = { kind: 'invalid' | 'unsupported' | 'too-large'; detail: string };

/**
 * The largest compiled program run: linear time is O(program × cell), and
 * counted repeats multiply the program (`a{0,1000}` fifty times is 50,000
 * instructions, a minute on a 5,000-character cell). A pattern a schema
 * needs is tens of instructions; 1,000 keeps a cell of 1,000 characters
 * within about a quarter of a second in the worst case.
 */
export const MAX_PATTERN_PROGRAM = 1000;

const cache = new Map<string, CompiledPattern | PatternProblem>();

/** The cache holds at most this many patterns (a descriptor has a handful). */
const CACHED = 256;

/**
 * Compiles a Table Schema pattern for a linear-time match, or says why it
 * cannot be: `invalid` when it is not a regular expression (JavaScript's
 * parser, `u` flag, says so: compiling runs nothing), `unsupported` when it
 * is one but uses what RE2 refuses (a backreference, a lookaround). Internal.
 *
 * Cost: O(pattern) to compile, then O(value) per match.
 *
 * @example
 * const compiled = compilePattern('[a-z]+(-[a-z]+)*');
 * 'test' in compiled && compiled.test('a-b'); // => true
 * (compilePattern('(') as PatternProblem).kind; // => 'invalid'
 * (compilePattern('(a)\\1') as PatternProblem).kind; // => 'unsupported'
 */
export function compilePattern(pattern: string): CompiledPattern | PatternProblem {
  const cached = cache.get(pattern);
  if (cached !== undefined) return cached;
  const compiled = compile(pattern);
  if (cache.size >= CACHED) cache.clear();
  cache.set(pattern, compiled);
  return compiled;
}

function compile(pattern: string): CompiledPattern | PatternProblem {
  try {
    new RegExp(pattern, 'u');
  } catch (e) {
    return { kind: 'invalid', detail: messageOf(e) };
  }
  try {
    const re = RE2JS.compile(pattern);
    const size = programSize(re);
    if (size !== null && size > MAX_PATTERN_PROGRAM)
      return { kind: 'too-large', detail: String(size) };
    return { test: (value) => re.matches(value) };
  } catch (e) {
    return { kind: 'unsupported', detail: messageOf(e) };
  }
}

/**
 * The number of instructions of a compiled pattern, read from re2js's
 * compiled program (not part of its typed API: null if a version moves it,
 * and the size guard is then off while the linear-time guarantee holds).
 */
function programSize(re: RE2JS): number | null {
  const inst = (re as unknown as { re2Input?: { prog?: { inst?: unknown } } }).re2Input?.prog?.inst;
  return Array.isArray(inst) ? inst.length : null;
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** True for a compiled pattern, false for a problem. Internal. */
export function isCompiled(value: CompiledPattern | PatternProblem): value is CompiledPattern {
  return 'test' in value;
}
