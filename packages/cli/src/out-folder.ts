// --out DIR, safely: the rules every command that writes a folder follows
// (`reanalyze --out`, `read --out`). The folder is written whole into a new
// folder beside DIR and renamed into place, so that a failure leaves DIR as
// it was and nothing is ever written through a symbolic link. DIR is
// replaced only when it is missing, empty, or a folder an earlier run of the
// same command wrote (it holds the command's marker and nothing else of the
// user's); with --force, only the command's own entries in DIR are replaced.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { lstat, mkdir, mkdtemp, readdir, readFile, rename, rm, rmdir } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { BadDataError, UsageError } from './errors';
import { VERSION } from './version';

/** The messages of refusals and failures, worded for the command. */
export interface FolderTexts {
  root(out: string): string;
  workingFolder(out: string): string;
  symlink(out: string): string;
  notAFolder(out: string): string;
  notEmpty(out: string, entries: readonly string[]): string;
  cannotCreateIn(out: string, folder: string, detail: string): string;
  cannotWrite(out: string, detail: string): string;
}

/** What a command writes into its folder. */
export interface FolderKind {
  /** The command, for usage errors (`reanalyze`, `read`). */
  command: string;
  /** The marker file that says a folder is this command's. */
  marker: string;
  /** The marker's `generator` (`toplines reanalyze`). */
  generator: string;
  /** What the marker's note says the folder is. */
  what: string;
  /** The names the command writes (the marker included): the only ones `--force` replaces. */
  entries: readonly string[];
  texts: FolderTexts;
}

/**
 * How --out DIR will be written: `create` (DIR is missing or empty: the new
 * folder is renamed to it), `replace` (an earlier run's folder: renamed
 * aside, the new one renamed in, the old one removed), `merge` (--force on a
 * folder with other files: each entry of the command renamed in, the rest
 * left alone).
 */
export interface OutputPlan {
  kind: 'create' | 'replace' | 'merge';
  /** The absolute path of DIR. */
  dir: string;
}

/** Files a desktop leaves in any folder: not the user's work. */
const DESKTOP_DROPPINGS = new Set(['.DS_Store', 'Thumbs.db', 'desktop.ini']);

/**
 * Decides where and how --out writes, before anything is computed, so that a
 * refusal comes first. Nothing is written.
 *
 * @param out - DIR as given
 * @param cwd - the working directory
 * @param force - `--force`
 * @param kind - what the command writes
 * @throws {UsageError} DIR is the root, the working folder or above it, a
 *   symbolic link, not a folder, or a folder of the user's without `force`
 * @throws {BadDataError} DIR cannot be examined (e.g. permission denied)
 */
export async function planFolder(
  out: string,
  cwd: string,
  force: boolean,
  kind: FolderKind,
): Promise<OutputPlan> {
  const { texts, command } = kind;
  const dir = resolve(cwd, out);
  if (dirname(dir) === dir) throw new UsageError(texts.root(out), command);
  // DIR is the working folder or holds it when the way from DIR to it does not go up.
  const up = relative(dir, cwd);
  if (up.split(sep)[0] !== '..' && !isAbsolute(up))
    throw new UsageError(texts.workingFolder(out), command);
  let info: Awaited<ReturnType<typeof lstat>>;
  try {
    info = await lstat(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'create', dir };
    throw new BadDataError(texts.cannotWrite(out, reason(e)));
  }
  if (info.isSymbolicLink()) throw new UsageError(texts.symlink(out), command);
  if (!info.isDirectory()) throw new UsageError(texts.notAFolder(out), command);
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (e) {
    throw new BadDataError(texts.cannotWrite(out, reason(e)));
  }
  if (entries.length === 0) return { kind: 'create', dir };
  const others = entries.filter(
    (name) => !kind.entries.includes(name) && !DESKTOP_DROPPINGS.has(name),
  );
  if (others.length === 0 && (await isOurs(dir, kind))) return { kind: 'replace', dir };
  if (force) return { kind: 'merge', dir };
  throw new UsageError(texts.notEmpty(out, others.length > 0 ? others : entries), command);
}

/** Whether a folder holds the command's marker (a regular file, read only then). */
async function isOurs(dir: string, kind: FolderKind): Promise<boolean> {
  const marker = join(dir, kind.marker);
  try {
    const info = await lstat(marker);
    if (!info.isFile() || info.size > 4096) return false;
    const content = JSON.parse(await readFile(marker, 'utf8')) as { generator?: unknown };
    return content.generator === kind.generator;
  } catch {
    return false;
  }
}

/**
 * The marker's text: what wrote the folder, and what a later run will do with it.
 *
 * @example
 * // not run: a fragment (kind is the command's FolderKind)
 * JSON.parse(markerText(kind)).markerVersion; // => 1
 */
export function markerText(kind: FolderKind): string {
  return `${JSON.stringify(
    {
      generator: kind.generator,
      version: VERSION,
      markerVersion: 1,
      note: `${kind.what} written by toplines. The next \`${kind.generator} --out\` to this folder replaces it as a whole.`,
    },
    null,
    2,
  )}\n`;
}

/**
 * Writes a folder safely: plans DIR ({@link planFolder}), makes a new
 * folder beside it (or, to merge, inside it), lets `fill` write into that,
 * adds the marker, and renames it into place; on failure, or when the
 * process is interrupted, the new folder is removed and DIR is left as it was.
 *
 * @param out - DIR as given
 * @param cwd - the working directory
 * @param force - `--force`
 * @param kind - what the command writes
 * @param fill - writes the command's entries into the folder it is given
 * @param writeMarker - writes the marker (the caller's writer, so that tests can make it fail)
 * @returns the absolute path of DIR and what `fill` returned
 * @throws {UsageError} where {@link planFolder} refuses DIR
 * @throws {BadDataError} when the folder cannot be written (permission, disk full)
 */
export async function writeFolder<T>(
  out: string,
  cwd: string,
  force: boolean,
  kind: FolderKind,
  fill: (folder: string) => Promise<T>,
  writeMarker: (path: string, text: string) => Promise<void>,
): Promise<{ dir: string; result: T }> {
  const plan = await planFolder(out, cwd, force, kind);
  const { dir } = plan;
  // Beside DIR (same file system, so that the rename is atomic), or inside it to merge.
  const home = plan.kind === 'merge' ? dir : dirname(dir);
  let temp: string;
  try {
    await mkdir(home, { recursive: true });
    temp = await mkdtemp(join(home, `.${basename(dir).slice(0, 100)}.toplines-tmp-`));
  } catch (e) {
    throw new BadDataError(kind.texts.cannotCreateIn(out, home, reason(e)));
  }
  // Interrupted (Ctrl-C), the new folder is removed before the process ends as it would have.
  const interrupted = (signal: NodeJS.Signals) => {
    rmSync(temp, { recursive: true, force: true });
    process.kill(process.pid, signal);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    const result = await fill(temp);
    await writeMarker(join(temp, kind.marker), markerText(kind));
    await moveIntoPlace(plan, temp, kind);
    return { dir, result };
  } catch (e) {
    if (e instanceof UsageError || e instanceof BadDataError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    // A failure of the file system is the user's environment (exit 1); any other error is a bug.
    if (typeof code === 'string') throw new BadDataError(kind.texts.cannotWrite(out, reason(e)));
    throw e;
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    await rm(temp, { recursive: true, force: true }).catch(() => undefined);
  }
}

/**
 * Puts the finished folder `temp` in place of DIR. `create`: one rename (over
 * an empty DIR too). `replace`: DIR renamed aside, `temp` renamed in, the old
 * folder removed; if the second rename fails the old one is put back.
 * `merge`: each entry of the command in DIR moved into `temp` and the new one
 * renamed in its place (renaming replaces a link itself, never what it points
 * to); `temp`, holding what was replaced, is removed by the caller.
 */
async function moveIntoPlace(plan: OutputPlan, temp: string, kind: FolderKind): Promise<void> {
  const { dir } = plan;
  if (plan.kind === 'create') {
    try {
      await rename(temp, dir);
    } catch (e) {
      // Windows does not rename over an empty folder: rmdir removes only an empty one.
      if (!['EPERM', 'EEXIST', 'EACCES'].includes((e as NodeJS.ErrnoException).code ?? '')) throw e;
      await rmdir(dir);
      await rename(temp, dir);
    }
    return;
  }
  if (plan.kind === 'replace') {
    // Checked again just before: DIR must still be a folder, not a link put there since.
    const info = await lstat(dir);
    if (info.isSymbolicLink() || !info.isDirectory())
      throw new UsageError(kind.texts.symlink(dir), kind.command);
    const aside = join(
      dirname(dir),
      `.${basename(dir).slice(0, 100)}.toplines-old-${randomBytes(6).toString('hex')}`,
    );
    await rename(dir, aside);
    try {
      await rename(temp, dir);
    } catch (e) {
      await rename(aside, dir);
      throw e;
    }
    await rm(aside, { recursive: true, force: true });
    return;
  }
  const replaced = join(temp, '.replaced');
  await mkdir(replaced);
  const moved: string[] = [];
  try {
    for (const name of kind.entries) {
      const target = join(dir, name);
      if (await exists(target)) {
        await rename(target, join(replaced, name));
        moved.push(name);
      }
      if (await exists(join(temp, name))) await rename(join(temp, name), target);
    }
  } catch (e) {
    // Put back what was moved aside; the new entries already in DIR stay.
    for (const name of moved) {
      await rm(join(dir, name), { recursive: true, force: true }).catch(() => undefined);
      await rename(join(replaced, name), join(dir, name)).catch(() => undefined);
    }
    throw e;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * A file-system error in words.
 *
 * @example
 * reason(Object.assign(new Error('x'), { code: 'EACCES' })); // => 'permission denied (EACCES)'
 */
export function reason(e: unknown): string {
  const error = e as NodeJS.ErrnoException;
  const words: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EROFS: 'the file system is read-only',
    ENOSPC: 'no space left on the device',
    ENOTDIR: 'a part of the path is not a folder',
    ENOENT: 'no such file or folder',
    EXDEV: 'it is on another file system than its folder',
    ENAMETOOLONG: 'the name is too long',
  };
  const code = error.code;
  return code !== undefined && words[code] !== undefined
    ? `${words[code]} (${code})`
    : error.message;
}
