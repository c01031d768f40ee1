import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const HERE = dirname(fileURLToPath(import.meta.url));
export const PACKAGE = join(HERE, '..');

/** A file of a package in the nearest node_modules up from this package. */
export function nodeModule(path: string): string {
  let dir = PACKAGE;
  for (;;) {
    const candidate = join(dir, 'node_modules', path);
    if (existsSync(candidate)) return candidate;
    const up = dirname(dir);
    if (up === dir) throw new Error(`cannot find node_modules/${path}`);
    dir = up;
  }
}

export function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** True when tests should rewrite golden and snapshot files. */
export const UPDATE = process.env['UPDATE_GOLDEN'] === '1';
