// --out DIR: the HTML report, the charts (.vl.json + .png) and the CSVs.
// Loaded only when --out is given: it is the one module that pulls in the
// charts' renderer (vega, resvg).
//
// The report is written whole into a new folder beside DIR and renamed into
// place, so that a failure leaves DIR as it was and nothing is ever written
// through a symbolic link. DIR is replaced only when it is missing, empty, or
// a report an earlier run wrote (it holds REPORT_MARKER and nothing else of
// the user's); with --force, only the report's own entries in DIR are replaced.
import { createHash, randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import {
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rename,
  rm,
  rmdir,
  writeFile,
} from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { DataPackage, QuestionResult, Reanalysis, SurveyResult } from '@toplines/data';
import { BadDataError, UsageError } from '../errors';
import type { Io } from '../io';
import { outText } from '../messages';
import { startProgress } from '../progress';
import { VERSION } from '../version';
import { leadRows } from './chart-rows';
import { leadsCsv, resultsCsv, withBom } from './csv';
import { type ChartFile, questionAnchor, renderHtml } from './html';
import { toJson } from './json';

/** What {@link writeReport} wrote. */
export interface WrittenReport {
  /** Path of index.html (as given, relative to the working directory when possible). */
  index: string;
  charts: number;
  files: number;
  /** The charts the report has (drawn or not): more than `charts` when `maxCharts` left some out. */
  chartsPlanned: number;
}

/**
 * How many charts `--out` draws unless `--max-charts` says otherwise: about
 * 250 questions of the results layout (a share chart and a lead chart each),
 * a report that opens in a browser in seconds and renders in about a minute.
 */
export const DEFAULT_MAX_CHARTS = 500;

/** Options of {@link writeReport}. */
export interface WriteReportOptions {
  /** Write the PNGs. Default `true`. */
  png?: boolean;
  /** Write into a folder that holds other files, replacing only the report's entries. Default `false`. */
  force?: boolean;
  /**
   * Draw at most this many charts (share and lead charts, whole questions in
   * report order); the report still lists every question, and says how many
   * charts were left out and how to draw them. Default {@link DEFAULT_MAX_CHARTS}.
   */
  maxCharts?: number;
  /**
   * Begin results.csv and leads.csv with a UTF-8 byte-order mark, by which
   * Excel (on Windows, in Japan, in many locales) knows they are UTF-8 and not
   * its local encoding. Default `false`.
   */
  bom?: boolean;
  /** Writes one new file; tests pass a failing one to check that nothing is left half-written. Default `fs.writeFile`. */
  writeFile?: (path: string, data: string | Uint8Array) => Promise<void>;
}

/**
 * The file every report holds: it tells a later run that the folder is a
 * report it may replace as a whole. Its content names the tool, version and
 * marker schema.
 */
export const REPORT_MARKER = '.toplines-report';

/** The entries of a report folder, the only names `--force` replaces. */
export const REPORT_ENTRIES = [
  'index.html',
  'results.csv',
  'leads.csv',
  'reanalysis.json',
  'charts',
  REPORT_MARKER,
] as const;

/** Files a desktop leaves in any folder: not the user's work, so a report holding them is still a report. */
const DESKTOP_DROPPINGS = new Set(['.DS_Store', 'Thumbs.db', 'desktop.ini']);

/**
 * How --out DIR will be written: `create` (DIR is missing or empty: the new
 * folder is renamed to it), `replace` (a report an earlier run wrote: renamed
 * aside, the new one renamed in, the old one removed), `merge` (--force on a
 * folder with other files: each report entry renamed in, the rest left alone).
 */
export interface OutputPlan {
  kind: 'create' | 'replace' | 'merge';
  /** The absolute path of DIR. */
  dir: string;
}

/**
 * Decides where and how --out writes, before anything is computed, so that a
 * refusal comes first. Nothing is written.
 *
 * @param out - DIR as given
 * @param cwd - the working directory
 * @param force - `--force`
 * @throws {UsageError} DIR is the root, the working folder or above it, a
 *   symbolic link, not a folder, or a folder of the user's without `force`
 * @throws {BadDataError} DIR cannot be examined (e.g. permission denied)
 */
export async function planOutput(out: string, cwd: string, force: boolean): Promise<OutputPlan> {
  const dir = resolve(cwd, out);
  if (dirname(dir) === dir) throw new UsageError(outText.root(out), 'reanalyze');
  // DIR is the working folder or holds it when the way from DIR to it does not go up.
  const up = relative(dir, cwd);
  if (up.split(sep)[0] !== '..' && !isAbsolute(up))
    throw new UsageError(outText.workingFolder(out), 'reanalyze');
  let info: Awaited<ReturnType<typeof lstat>>;
  try {
    info = await lstat(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'create', dir };
    throw new BadDataError(outText.cannotWrite(out, reason(e)));
  }
  if (info.isSymbolicLink()) throw new UsageError(outText.symlink(out), 'reanalyze');
  if (!info.isDirectory()) throw new UsageError(outText.notAFolder(out), 'reanalyze');
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (e) {
    throw new BadDataError(outText.cannotWrite(out, reason(e)));
  }
  if (entries.length === 0) return { kind: 'create', dir };
  const others = entries.filter(
    (name) => !(REPORT_ENTRIES as readonly string[]).includes(name) && !DESKTOP_DROPPINGS.has(name),
  );
  if (others.length === 0 && (await isReport(dir))) return { kind: 'replace', dir };
  if (force) return { kind: 'merge', dir };
  throw new UsageError(outText.notEmpty(out, others.length > 0 ? others : entries), 'reanalyze');
}

/** Whether a folder holds the marker of a report (a regular file, read only then). */
async function isReport(dir: string): Promise<boolean> {
  const marker = join(dir, REPORT_MARKER);
  try {
    const info = await lstat(marker);
    if (!info.isFile() || info.size > 4096) return false;
    const content = JSON.parse(await readFile(marker, 'utf8')) as { generator?: unknown };
    return content.generator === 'toplines reanalyze';
  } catch {
    return false;
  }
}

/** The marker's text: what wrote the folder, and what a later run will do with it. */
function markerText(): string {
  return `${JSON.stringify(
    {
      generator: 'toplines reanalyze',
      version: VERSION,
      markerVersion: 1,
      note: 'A report written by toplines. The next `toplines reanalyze --out` to this folder replaces it as a whole.',
    },
    null,
    2,
  )}\n`;
}

/**
 * Writes the report folder: `index.html` (self-contained: charts as inline
 * SVG, no script, no network), `charts/*.vl.json` and `charts/*.png`,
 * `results.csv`, `leads.csv`, `reanalysis.json` and the marker
 * {@link REPORT_MARKER}. Everything is written into a new folder beside DIR
 * (or, with `force`, inside it) and renamed into place; on failure that folder
 * is removed and DIR is left as it was.
 *
 * @param doc - the reanalysis
 * @param _pkg - the package it came from (reserved for source documents)
 * @param out - the folder: missing, empty, or a report an earlier run wrote
 * @param io - for the working directory and the progress indicator
 * @param options - `png` (default true), `force` (default false), `bom` (default false)
 * @throws {UsageError} where {@link planOutput} refuses DIR
 * @throws {BadDataError} when the report cannot be written (permission, disk full)
 */
export async function writeReport(
  doc: Reanalysis,
  _pkg: DataPackage,
  out: string,
  io: Io,
  options: WriteReportOptions = {},
): Promise<WrittenReport> {
  const plan = await planOutput(out, io.cwd, options.force === true);
  const { dir } = plan;
  const write = options.writeFile ?? ((path, data) => writeFile(path, data, { flag: 'wx' }));
  // Beside DIR (same file system, so that the rename is atomic), or inside it to merge.
  const home = plan.kind === 'merge' ? dir : dirname(dir);
  let temp: string;
  try {
    await mkdir(home, { recursive: true });
    temp = await mkdtemp(join(home, `.${basename(dir).slice(0, 100)}.toplines-tmp-`));
  } catch (e) {
    throw new BadDataError(outText.cannotCreateIn(out, home, reason(e)));
  }
  // Interrupted (Ctrl-C), the new folder is removed before the process ends as it would have.
  const interrupted = (signal: NodeJS.Signals) => {
    rmSync(temp, { recursive: true, force: true });
    process.kill(process.pid, signal);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    const max = options.maxCharts ?? DEFAULT_MAX_CHARTS;
    const written = await writeInto(
      temp,
      doc,
      io,
      options.png !== false,
      write,
      max,
      options.bom === true,
    );
    await moveIntoPlace(plan, temp);
    const shown = relative(io.cwd, join(dir, 'index.html'));
    return {
      index: shown.startsWith('..') ? join(dir, 'index.html') : shown,
      charts: written.charts,
      files: written.files,
      chartsPlanned: written.planned,
    };
  } catch (e) {
    if (e instanceof UsageError || e instanceof BadDataError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    // A failure of the file system is the user's environment (exit 1); any other error is a bug.
    if (typeof code === 'string') throw new BadDataError(outText.cannotWrite(out, reason(e)));
    throw e;
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    await rm(temp, { recursive: true, force: true }).catch(() => undefined);
  }
}

/** Writes every file of the report into the new folder `root`. */
async function writeInto(
  root: string,
  doc: Reanalysis,
  io: Io,
  png: boolean,
  write: (path: string, data: string | Uint8Array) => Promise<void>,
  maxCharts: number,
  bom: boolean,
): Promise<{ charts: number; files: number; planned: number }> {
  const chartsDir = join(root, 'charts');
  await mkdir(chartsDir);
  const { shareChart, leadChart } = await import('@toplines/charts');
  const { toSVG, toPNG, fontFiles } = await import('@toplines/charts/render');

  const meta = chartMeta(doc);
  const jobs: { q: QuestionResult; s: SurveyResult; kind: 'share' | 'lead' }[] = [];
  let planned = 0;
  for (const s of doc.surveys) {
    for (const q of s.questions) {
      const kinds: ('share' | 'lead')[] = [];
      // A restatement is analysed (and drawn) under the question it restates.
      if (q.restates === null && q.options.some((o) => o.estimate !== null)) kinds.push('share');
      // A lead chart draws the leads the reanalysis computed (with an interval).
      if (leadRows(q).length > 0) kinds.push('lead');
      planned += kinds.length;
      // Whole questions, in report order, up to the cap; the rest are counted, not drawn.
      if (planned <= maxCharts) for (const kind of kinds) jobs.push({ q, s, kind });
    }
  }
  const capped =
    planned > jobs.length ? outText.chartsCapped(planned, jobs.length, maxCharts) : null;
  const charts = new Map<string, ChartFile[]>();
  const progress = startProgress(io, 'rendering charts');
  let files = 0;
  let index = 0;
  try {
    for (const job of jobs) {
      const anchor = questionAnchor(job.q);
      const name = `${chartName(job.q)}.${job.kind}`;
      const rows = chartRows(job.q);
      const selection = {
        question: job.q.questionId,
        survey: job.q.surveyId,
        group: { dim: job.q.groupDim, value: job.q.groupValue },
        ...(job.q.sourceId === null ? {} : { source: job.q.sourceId }),
        level: doc.options.level,
        ...meta,
      };
      const spec =
        job.kind === 'share' ? shareChart(rows, selection) : leadChart(leadRows(job.q), selection);
      const svg = await toSVG(spec);
      await write(join(chartsDir, `${name}.vl.json`), `${JSON.stringify(spec, null, 2)}\n`);
      files++;
      let pngPath: string | null = null;
      if (png) {
        await write(join(chartsDir, `${name}.png`), await toPNG(spec));
        pngPath = `charts/${name}.png`;
        files++;
      }
      const list = charts.get(anchor) ?? [];
      list.push({
        kind: job.kind,
        svg: uniqueIds(svg, `c${index}-`),
        spec: `charts/${name}.vl.json`,
        png: pngPath,
        description:
          typeof spec.description === 'string'
            ? spec.description
            : (job.q.wording ?? job.q.questionId),
      });
      charts.set(anchor, list);
      index++;
      progress.update(index, jobs.length);
    }
  } finally {
    progress.done();
  }
  await write(join(root, 'results.csv'), withBom(resultsCsv(doc), bom));
  await write(join(root, 'leads.csv'), withBom(leadsCsv(doc), bom));
  await write(join(root, 'reanalysis.json'), `${JSON.stringify(toJson(doc), null, 2)}\n`);
  await write(
    join(root, 'index.html'),
    renderHtml(doc, charts, await fontFaces(fontFiles()), capped),
  );
  await write(join(root, REPORT_MARKER), markerText());
  files += 4;
  return { charts: jobs.length, files, planned };
}

/**
 * Puts the finished folder `temp` in place of DIR. `create`: one rename (over
 * an empty DIR too). `replace`: DIR renamed aside, `temp` renamed in, the old
 * report removed; if the second rename fails the old one is put back.
 * `merge`: each report entry of DIR moved into `temp` and the new one renamed
 * in its place (renaming replaces a link itself, never what it points to);
 * `temp`, holding what was replaced, is removed by the caller.
 */
async function moveIntoPlace(plan: OutputPlan, temp: string): Promise<void> {
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
      throw new UsageError(outText.symlink(dir), 'reanalyze');
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
    for (const name of REPORT_ENTRIES) {
      const target = join(dir, name);
      if (await exists(target)) {
        await rename(target, join(replaced, name));
        moved.push(name);
      }
      await rename(join(temp, name), target);
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

/** A file-system error in words: "permission denied (EACCES)". */
function reason(e: unknown): string {
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

/** How long the readable part of a chart's file name may be. */
const NAME_LENGTH = 60;

/**
 * The file name (without extension) of a question's charts: a readable slug
 * of its ids, at most 60 characters, then the first 8 hex digits of the
 * SHA-256 of the full ids, so that ids that differ only in punctuation or in
 * a script the slug drops ("vote 1" and "vote-1", two Japanese ids) never
 * share a file, and a long id never makes a name too long for the file system.
 *
 * @example
 * chartName({ surveyId: 'api-2025-jp', questionId: 'us-impression', groupDim: 'total',
 *   groupValue: 'total', sourceId: 'api-interim-2025' } as QuestionResult);
 * // => 'api-2025-jp--us-impression--api-interim-2025-9492c14c'
 */
export function chartName(q: QuestionResult): string {
  const parts = [q.surveyId, q.questionId];
  if (q.groupDim !== 'total' || q.groupValue !== 'total') parts.push(q.groupDim, q.groupValue);
  if (q.sourceId !== null) parts.push(q.sourceId);
  const slug =
    parts
      .join('--')
      .replace(/[^A-Za-z0-9_-]+/g, '-')
      .slice(0, NAME_LENGTH)
      .replace(/^-+|-+$/g, '') || 'question';
  const hash = createHash('sha256')
    .update(JSON.stringify([q.surveyId, q.questionId, q.groupDim, q.groupValue, q.sourceId]))
    .digest('hex')
    .slice(0, 8);
  return `${slug}-${hash}`;
}

/** The rows a chart builder reads, from the reanalysis (so charts and tables agree). */
function chartRows(q: QuestionResult): Record<string, unknown>[] {
  return q.options.map((o) => ({
    survey_id: q.surveyId,
    question_id: q.questionId,
    group_dim: q.groupDim,
    group_value: q.groupValue,
    source_id: q.sourceId,
    option: o.option,
    percent: o.percent,
    percent_text: o.percentText,
    qualifier: o.qualifier,
    is_net: o.isNet,
    n_used: o.n,
    estimate: o.estimate,
    lower: o.lower,
    upper: o.upper,
  }));
}

/** The surveys and questions tables the builders caption with, from the reanalysis. */
function chartMeta(doc: Reanalysis): { surveys: object[]; questions: object[] } {
  const surveys = doc.surveys.map((s) => ({
    survey_id: s.surveyId,
    title: s.title,
    organization: s.organization,
    country: s.country,
    field_start: s.fieldStart,
    field_end: s.fieldEnd,
    n: s.n,
  }));
  const questions = doc.surveys.flatMap((s) =>
    s.questions.map((q) => ({
      survey_id: q.surveyId,
      question_id: q.questionId,
      wording: q.wording,
      response_type: q.responseType,
      base: q.base,
      scale_order: null,
    })),
  );
  return { surveys, questions };
}

/**
 * Prefixes every id of an SVG (and the references to it), so that several
 * charts inlined in one page do not share clip paths or gradients.
 *
 * @example
 * uniqueIds('<clipPath id="clip1"/><g clip-path="url(#clip1)"/>', 'c0-');
 * // => '<clipPath id="c0-clip1"/><g clip-path="url(#c0-clip1)"/>'
 */
export function uniqueIds(svg: string, prefix: string): string {
  return svg
    .replace(/\bid="([^"]+)"/g, (_, id: string) => `id="${prefix}${id}"`)
    .replace(/url\(#([^)]+)\)/g, (_, id: string) => `url(#${prefix}${id})`)
    .replace(/href="#([^"]+)"/g, (_, id: string) => `href="#${prefix}${id}"`);
}

/**
 * @font-face rules embedding the charts' font (Inter, SIL Open Font License)
 * as data: URLs: the SVGs were laid out with its widths, and a page opened
 * from file:// may not load a font file beside it (CORS).
 */
async function fontFaces(files: string[]): Promise<string> {
  const rules: string[] = [];
  for (const file of files) {
    const weight = /bold/i.test(file) ? 700 : 400;
    const data = (await readFile(file)).toString('base64');
    rules.push(
      `@font-face { font-family: "Inter"; font-weight: ${weight}; font-style: normal; src: url(data:font/ttf;base64,${data}) format("truetype"); }`,
    );
  }
  return rules.join('\n');
}
