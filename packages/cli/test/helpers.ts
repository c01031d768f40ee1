// Runs the built command as a subprocess, as a user would.
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Io } from '../src/io';

export const PACKAGE = join(dirname(fileURLToPath(import.meta.url)), '..');
export const BIN = join(PACKAGE, 'bin', 'toplines.js');
export const FIXTURES = join(PACKAGE, 'test', 'fixtures');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/**
 * The timeout of a test that runs the command as a subprocess, often several
 * times in one test: a run takes about half a second on an idle machine and
 * several seconds on a loaded CI runner, so vitest's 5-second default is too
 * short. A file of such tests sets it with
 * `vi.setConfig({ testTimeout: SUBPROCESS_TIMEOUT })`; a hung run is killed by
 * the spawn timeout below.
 */
export const SUBPROCESS_TIMEOUT = 60_000;

/** Runs `node bin/toplines.js …args` in the fixtures folder; never through a shell. */
export function toplines(args: string[], env: Record<string, string> = {}, cwd = FIXTURES): Run {
  if (!existsSync(join(PACKAGE, 'dist', 'bin.js'))) {
    throw new Error(
      'packages/cli is not built: run `npx turbo run build --filter=@toplines/cli...` first',
    );
  }
  const start = performance.now();
  const result: SpawnSyncReturns<string> = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...env },
    timeout: 120_000,
  });
  return {
    code: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    ms: performance.now() - start,
  };
}

/** True when the text holds an ANSI escape. */
export function hasAnsi(text: string): boolean {
  return text.includes('\u001b[');
}

/** True when the text looks like a JavaScript stack trace. */
export function hasStack(text: string): boolean {
  return /\n\s+at .+[(:]\d+/.test(text) || /^\s+at /m.test(text);
}

/** The text with its line breaks and indentation collapsed: phrases survive wrapping. */
export function flat(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}

/** An Io that drops what is written, in the folder `cwd` (for writeReport run in-process). */
export function ioAt(cwd: string): Io {
  return {
    out: () => undefined,
    err: () => undefined,
    env: {},
    stdoutIsTTY: false,
    stderrIsTTY: false,
    cwd,
  };
}
