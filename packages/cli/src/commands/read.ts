// `toplines read ARTICLE`: the poll figures of an article (text, Markdown or
// HTML; `-` for standard input) as the simple results CSV, a draft data
// package (--out DIR) or the draft as JSON (--json). The reading itself is
// @toplines/read's; this file reads the bytes, prints and writes.
import { readFile, stat, writeFile } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import { type DataPackage, decodeText } from '@toplines/data';
import {
  type ArticleDraft,
  type ArticleFormat,
  readArticle,
  toDataPackage,
  toResultsCsv,
} from '@toplines/read';
import { noExtraPositionals, parseCommandArgs, stringOption } from '../args';
import { BadDataError, UsageError } from '../errors';
import { makeStyle, terminalSafe } from '../format/text';
import { type Io, useColor } from '../io';
import { readText, usageText } from '../messages';
import { type FolderKind, writeFolder } from '../out-folder';

const OPTIONS = {
  out: { type: 'string' },
  json: { type: 'boolean' },
  force: { type: 'boolean' },
  format: { type: 'string' },
} as const;

/** The path that reads standard input. */
const STDIN = '-';

/** The files of a draft package, and its marker. */
const DRAFT_KIND: FolderKind = {
  command: 'read',
  marker: '.toplines-draft',
  generator: 'toplines read',
  what: 'A draft data package',
  entries: [
    'datapackage.json',
    'sources.csv',
    'surveys.csv',
    'questions.csv',
    'results.csv',
    '.toplines-draft',
  ],
  texts: {
    root: (out) => readText.outRoot(out),
    workingFolder: (out) => readText.outWorkingFolder(out),
    symlink: (out) => readText.outSymlink(out),
    notAFolder: (out) => readText.outNotAFolder(out),
    notEmpty: (out, entries) => readText.outNotEmpty(out, entries),
    cannotCreateIn: (out, folder, detail) => readText.cannotCreateIn(out, folder, detail),
    cannotWrite: (out, detail) => readText.cannotWrite(out, detail),
  },
};

/**
 * `toplines read ARTICLE`: returns the exit code. An article with no poll
 * figures is exit 1, with a message on standard error and nothing on
 * standard output.
 *
 * @example
 * // not run: needs an article.txt on disk
 * await readCommand(['article.txt'], io); // => 0
 * written.join('').split('\n')[0]; // => 'survey,question,group,option,percent,n,moe,quote,confidence'
 */
export async function readCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs('read', argv, OPTIONS);
  noExtraPositionals('read', positionals, 1);
  const path = positionals[0];
  if (path === undefined || path === '')
    throw new UsageError(
      usageText.missing('read', 'ARTICLE, a .txt, .md or .html file (or - for standard input)'),
      'read',
    );
  const out = stringOption(values, 'out');
  if (out !== undefined && out.trim() === '')
    throw new UsageError(usageText.missing('read', '--out DIR, a folder'), 'read');
  const force = values['force'] === true;
  if (force && out === undefined) throw new UsageError(readText.forceWithoutOut(), 'read');
  const json = values['json'] === true;
  if (json && out !== undefined) throw new UsageError(readText.jsonAndOut(), 'read');
  const format = parseFormat(stringOption(values, 'format'));

  const draft = await readDraft(path, io.cwd, format);
  const style = makeStyle(useColor(io.env, io.stderrIsTTY));
  if (draft.rows.length === 0) {
    io.err(
      `${style.yellow('toplines:')} ${terminalSafe(readText.noFigures(path, draft.rejected.length))}\n`,
    );
    for (const r of draft.rejected.slice(0, 10))
      io.err(`  ${terminalSafe(readText.rejectedLine(r.text, r.why))}\n`);
    return 1;
  }
  if (out !== undefined) {
    const { files } = toDataPackage(draft);
    const { dir } = await writeFolder(
      out,
      io.cwd,
      force,
      DRAFT_KIND,
      async (folder) => {
        for (const [name, text] of Object.entries(files))
          await writeFile(join(folder, name), text, { flag: 'wx' });
      },
      (file, text) => writeFile(file, text, { flag: 'wx' }),
    );
    io.err(`${style.green('wrote')} ${terminalSafe(join(dir, 'datapackage.json'))}\n`);
  } else if (json) {
    io.out(`${JSON.stringify(draft, null, 2)}\n`);
  } else {
    io.out(toResultsCsv(draft));
  }
  io.err(`${terminalSafe(summary(draft))}\n`);
  io.err(`${style.yellow(readText.checkEveryRow())}\n`);
  return 0;
}

/** What was read, in one line: figures, surveys, confidence, rejections. */
function summary(draft: ArticleDraft): string {
  const low = draft.rows.filter((r) => r.confidence === 'low').length;
  const medium = draft.rows.filter((r) => r.confidence === 'medium').length;
  const surveys = new Set(draft.rows.map((r) => r.survey)).size;
  const withN = draft.surveys.filter((s) => s.n !== null).length;
  return readText.summary(draft.rows.length, surveys, withN, medium, low, draft.rejected.length);
}

function parseFormat(text: string | undefined): ArticleFormat | undefined {
  if (text === undefined) return undefined;
  const key = text.trim().toLowerCase();
  const known: Record<string, ArticleFormat> = {
    text: 'text',
    txt: 'text',
    markdown: 'markdown',
    md: 'markdown',
    html: 'html',
    htm: 'html',
  };
  const format = known[key];
  if (format === undefined) throw new UsageError(readText.badFormat(text), 'read');
  return format;
}

/** The format a file's extension says: .html/.htm, .md/.markdown, else text. */
function formatOf(path: string): ArticleFormat {
  const ext = extname(path).toLowerCase();
  if (ext === '.html' || ext === '.htm' || ext === '.xhtml') return 'html';
  if (ext === '.md' || ext === '.markdown') return 'markdown';
  return 'text';
}

/**
 * Reads and decodes an article (a file, or standard input for `-`) and reads its figures.
 *
 * @throws {BadDataError} a missing, unreadable or empty file or standard input
 * @throws {DataError} (from decodeText) bytes that are not text or cannot be decoded
 */
async function readDraft(
  path: string,
  cwd: string,
  format: ArticleFormat | undefined,
): Promise<ArticleDraft> {
  let bytes: Uint8Array;
  if (path === STDIN) {
    bytes = await readStdin();
    if (bytes.length === 0) throw new BadDataError(readText.emptyStdin());
  } else {
    const full = resolve(cwd, path);
    try {
      const info = await stat(full);
      if (info.isDirectory()) throw new BadDataError(readText.isFolder(path));
    } catch (e) {
      if (e instanceof BadDataError) throw e;
      throw new BadDataError(readText.notFound(path));
    }
    try {
      bytes = await readFile(full);
    } catch (e) {
      throw new BadDataError(readText.unreadable(path, (e as Error).message));
    }
  }
  const shown = path === STDIN ? 'standard input' : path;
  const { text } = decodeText(bytes, { file: shown });
  if (text.trim() === '') throw new BadDataError(readText.empty(shown));
  return readArticle(text, {
    format: format ?? (path === STDIN ? 'text' : formatOf(path)),
    source: path === STDIN ? STDIN : basename(path),
  });
}

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * `toplines reanalyze ARTICLE.txt`: reads the article's figures into a
 * draft data package, for the reanalysis to run on, with the note that says
 * they were read by machine.
 *
 * @param path - the article (.txt, .md, .html, .htm), or `-`
 * @param cwd - the directory relative paths start from
 * @returns the draft package, the draft, and the note for the top of the report
 * @throws {BadDataError} for an article that cannot be read or holds no poll figures
 */
export async function readArticleInput(
  path: string,
  cwd: string,
): Promise<{ pkg: DataPackage; draft: ArticleDraft; note: string }> {
  const draft = await readDraft(path, cwd, undefined);
  if (draft.rows.length === 0)
    throw new BadDataError(readText.noFigures(path, draft.rejected.length));
  const { pkg } = toDataPackage(draft);
  return { pkg, draft, note: readText.machineRead(path, draft.rows.length) };
}

/**
 * Whether a file's first line is the header of a results table (tab,
 * comma or semicolon separated, naming question, option or percent): such a
 * .txt is a CSV to reanalyse, not an article. False when it cannot be read.
 *
 * @param full - the file's absolute path
 * @example
 * // not run: needs a file on disk
 * await looksLikeTable('/tmp/excel-export.txt'); // => true
 */
export async function looksLikeTable(full: string): Promise<boolean> {
  try {
    const { text } = decodeText((await readFile(full)).subarray(0, 4096), { file: full });
    const first = text.split(/\r?\n/).find((line) => line.trim() !== '') ?? '';
    const cells = first.split(/[\t,;]/).map((c) => c.trim().replace(/^"|"$/g, '').toLowerCase());
    return (
      cells.length >= 2 &&
      cells.some((c) => ['question', 'option', 'percent', 'question_id'].includes(c))
    );
  } catch {
    return false;
  }
}
