// --out DIR: the HTML report, the charts (.vl.json + .png) and the CSVs.
// Loaded only when --out is given: it is the one module that pulls in the
// charts' renderer (vega, resvg).
//
// The report is written whole into a new folder beside DIR and renamed into
// place, so that a failure leaves DIR as it was and nothing is ever written
// through a symbolic link. DIR is replaced only when it is missing, empty, or
// a report an earlier run wrote (it holds REPORT_MARKER and nothing else of
// the user's); with --force, only the report's own entries in DIR are replaced.
// Those rules are out-folder.ts's, shared with `toplines read --out`.
import { createHash } from 'node:crypto';
import { mkdir, open, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { DataPackage, QuestionResult, Reanalysis, SurveyResult } from '@toplines/data';
import type { Io } from '../io';
import { outText } from '../messages';
import { type FolderKind, type OutputPlan, planFolder, writeFolder } from '../out-folder';
import { startProgress } from '../progress';
import { leadRows } from './chart-rows';
import { leadsCsvText, resultsCsvText, UTF8_BOM } from './csv';
import { type ChartFile, questionAnchor, renderHtml } from './html';
import { wholeJsonText } from './json';

/** What {@link writeReport} wrote. */
export interface WrittenReport {
  /** Path of index.html (as given, relative to the working directory when possible). */
  index: string;
  charts: number;
  files: number;
  /** The charts the listed questions have (drawn or not): more than `charts` when `maxCharts` left some out. */
  chartsPlanned: number;
  /** The questions of the reanalysis. */
  questions: number;
  /** The questions index.html lists: fewer than `questions` when `maxQuestions` left some out. */
  questionsListed: number;
}

/**
 * How many questions index.html lists unless `--max-questions` says
 * otherwise: a question's tables take about 5 KB of HTML, so 2,000 make a
 * page of about 10 MB (with the charts), which a browser opens; a
 * 200,000-row archive's 40,000 would make one of about 200 MB (#18).
 */
export const DEFAULT_MAX_QUESTIONS = 2000;

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
  /**
   * List at most this many questions in index.html (whole surveys' questions
   * in report order, the last survey's cut short); the page says how many
   * were left out and how to list them. results.csv, leads.csv and
   * reanalysis.json hold every question. Default {@link DEFAULT_MAX_QUESTIONS}.
   */
  maxQuestions?: number;
  /**
   * Writes one new file; tests pass a failing one to check that nothing is
   * left half-written. Given, it receives results.csv, leads.csv and
   * reanalysis.json whole (fine for a test's document); by default those are
   * streamed to their files piece by piece. Default `fs.writeFile`.
   */
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

/** What `reanalyze --out` writes, for the shared rules of out-folder.ts. */
const REPORT_KIND: FolderKind = {
  command: 'reanalyze',
  marker: REPORT_MARKER,
  generator: 'toplines reanalyze',
  what: 'A report',
  entries: REPORT_ENTRIES,
  texts: outText,
};

export type { OutputPlan };

/**
 * Decides where and how --out writes, before anything is computed, so that a
 * refusal comes first. Nothing is written. The rules are out-folder.ts's.
 *
 * @param out - DIR as given
 * @param cwd - the working directory
 * @param force - `--force`
 * @throws {UsageError} DIR is the root, the working folder or above it, a
 *   symbolic link, not a folder, or a folder of the user's without `force`
 * @throws {BadDataError} DIR cannot be examined (e.g. permission denied)
 */
export async function planOutput(out: string, cwd: string, force: boolean): Promise<OutputPlan> {
  return planFolder(out, cwd, force, REPORT_KIND);
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
  const write = options.writeFile ?? ((path, data) => writeFile(path, data, { flag: 'wx' }));
  const max = options.maxCharts ?? DEFAULT_MAX_CHARTS;
  const maxQuestions = options.maxQuestions ?? DEFAULT_MAX_QUESTIONS;
  const custom = options.writeFile;
  const stream =
    custom === undefined
      ? streamFile
      : (path: string, pieces: Iterable<string>) => custom(path, [...pieces].join(''));
  const { dir, result: written } = await writeFolder(
    out,
    io.cwd,
    options.force === true,
    REPORT_KIND,
    (temp) =>
      writeInto(
        temp,
        doc,
        io,
        options.png !== false,
        write,
        max,
        options.bom === true,
        stream,
        maxQuestions,
      ),
    write,
  );
  const shown = relative(io.cwd, join(dir, 'index.html'));
  return {
    index: shown.startsWith('..') ? join(dir, 'index.html') : shown,
    charts: written.charts,
    files: written.files,
    chartsPlanned: written.planned,
    questions: written.questions,
    questionsListed: written.listed,
  };
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
  stream: (path: string, pieces: Iterable<string>) => Promise<void>,
  maxQuestions: number,
): Promise<{ charts: number; files: number; planned: number; questions: number; listed: number }> {
  const chartsDir = join(root, 'charts');
  await mkdir(chartsDir);
  const { shareChart, leadChart } = await import('@toplines/charts');
  const { toSVG, toPNG, fontFiles } = await import('@toplines/charts/render');

  const meta = chartMeta(doc);
  const page = listedPart(doc, maxQuestions);
  const questions = doc.surveys.reduce((sum, s) => sum + s.questions.length, 0);
  const listed = page.surveys.reduce((sum, s) => sum + s.questions.length, 0);
  const jobs: { q: QuestionResult; s: SurveyResult; kind: 'share' | 'lead' }[] = [];
  let planned = 0;
  // Charts only of the questions the page lists: it is where they are shown.
  for (const s of page.surveys) {
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
    planned > jobs.length
      ? outText.chartsCapped(planned, jobs.length, maxCharts, listed === questions)
      : null;
  const cut = listed < questions ? outText.questionsCapped(questions, listed, maxQuestions) : null;
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
  // Streamed: at archive size none of the three fits in one string (#18).
  await stream(join(root, 'results.csv'), withBomFirst(resultsCsvText(doc), bom));
  await stream(join(root, 'leads.csv'), withBomFirst(leadsCsvText(doc), bom));
  await stream(join(root, 'reanalysis.json'), wholeJsonText(doc));
  await write(
    join(root, 'index.html'),
    renderHtml(page, charts, await fontFaces(fontFiles()), capped, cut),
  );
  // The marker is written by writeFolder, last.
  files += 4;
  return { charts: jobs.length, files, planned, questions, listed };
}

/**
 * The part of the reanalysis index.html lists: its first `max` questions in
 * report order (the survey at the cut with its first questions, the surveys
 * after it left out); the summary and the rest are the whole document's. The
 * document itself when it has no more than `max`.
 */
function listedPart(doc: Reanalysis, max: number): Reanalysis {
  let left = max;
  const surveys: SurveyResult[] = [];
  for (const s of doc.surveys) {
    if (s.questions.length <= left) {
      left -= s.questions.length;
      surveys.push(s);
      continue;
    }
    if (left > 0) surveys.push({ ...s, questions: s.questions.slice(0, left) });
    return { ...doc, surveys };
  }
  return doc;
}

/** The pieces of a CSV, after a UTF-8 byte-order mark when `bom` (`--bom`; see csv.ts's withBom). */
function* withBomFirst(pieces: Iterable<string>, bom: boolean): Generator<string, void, undefined> {
  if (bom) yield UTF8_BOM;
  yield* pieces;
}

/**
 * Writes a new file (never over an existing one, nor through a link: `wx`)
 * from pieces of text, one at a time, so that no whole-file string is built.
 */
async function streamFile(path: string, pieces: Iterable<string>): Promise<void> {
  const file = await open(path, 'wx');
  try {
    for (const piece of pieces) if (piece !== '') await file.write(piece);
  } finally {
    await file.close();
  }
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
