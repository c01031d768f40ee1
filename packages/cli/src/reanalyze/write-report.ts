// --out DIR: the HTML report, the charts (.vl.json + .png) and the CSVs.
// Loaded only when --out is given: it is the one module that pulls in the
// charts' renderer (vega, resvg).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import type { DataPackage, QuestionResult, Reanalysis, SurveyResult } from '@toplines/data';
import { BadDataError } from '../errors';
import type { Io } from '../io';
import { startProgress } from '../progress';
import { leadRows } from './chart-rows';
import { leadsCsv, resultsCsv } from './csv';
import { type ChartFile, questionAnchor, renderHtml } from './html';
import { toJson } from './json';

/** What {@link writeReport} wrote. */
export interface WrittenReport {
  /** Path of index.html (as given, relative to the working directory when possible). */
  index: string;
  charts: number;
  files: number;
}

/**
 * Writes the report folder: `index.html` (self-contained: charts as inline
 * SVG, no script, no network), `charts/*.vl.json` and `charts/*.png`,
 * `results.csv`, `leads.csv` and `reanalysis.json`.
 *
 * @param doc - the reanalysis
 * @param _pkg - the package it came from (reserved for source documents)
 * @param out - the folder, created when missing
 * @param io - for the progress indicator
 * @param options - `png`: write the PNGs (default true)
 */
export async function writeReport(
  doc: Reanalysis,
  _pkg: DataPackage,
  out: string,
  io: Io,
  options: { png: boolean } = { png: true },
): Promise<WrittenReport> {
  const dir = resolve(io.cwd, out);
  const chartsDir = join(dir, 'charts');
  try {
    await mkdir(chartsDir, { recursive: true });
  } catch (e) {
    throw new BadDataError(`cannot create the folder "${out}": ${(e as Error).message}`);
  }
  const { shareChart, leadChart } = await import('@toplines/charts');
  const { toSVG, toPNG, fontFiles } = await import('@toplines/charts/render');

  const meta = chartMeta(doc);
  const jobs: { q: QuestionResult; s: SurveyResult; kind: 'share' | 'lead' }[] = [];
  for (const s of doc.surveys) {
    for (const q of s.questions) {
      if (q.options.some((o) => o.estimate !== null)) jobs.push({ q, s, kind: 'share' });
      const plain = q.options.filter((o) => !o.isNet && o.estimate !== null);
      if (q.responseType !== 'multiple' && q.n !== null && plain.length >= 2)
        jobs.push({ q, s, kind: 'lead' });
    }
  }
  const charts = new Map<string, ChartFile[]>();
  const progress = startProgress(io, 'rendering charts');
  let files = 0;
  let index = 0;
  for (const job of jobs) {
    const anchor = questionAnchor(job.q);
    const name = `${anchor.slice(2)}.${job.kind}`;
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
    await writeFile(join(chartsDir, `${name}.vl.json`), `${JSON.stringify(spec, null, 2)}\n`);
    files++;
    let png: string | null = null;
    if (options.png) {
      await writeFile(join(chartsDir, `${name}.png`), await toPNG(spec));
      png = `charts/${name}.png`;
      files++;
    }
    const list = charts.get(anchor) ?? [];
    list.push({
      kind: job.kind,
      svg: uniqueIds(svg, `c${index}-`),
      spec: `charts/${name}.vl.json`,
      png,
      description:
        typeof spec.description === 'string'
          ? spec.description
          : (job.q.wording ?? job.q.questionId),
    });
    charts.set(anchor, list);
    index++;
    progress.update(index, jobs.length);
  }
  progress.done();
  await writeFile(join(dir, 'results.csv'), resultsCsv(doc));
  await writeFile(join(dir, 'leads.csv'), leadsCsv(doc));
  await writeFile(join(dir, 'reanalysis.json'), `${JSON.stringify(toJson(doc), null, 2)}\n`);
  await writeFile(join(dir, 'index.html'), renderHtml(doc, charts, await fontFaces(fontFiles())));
  files += 4;
  const shown = relative(io.cwd, join(dir, 'index.html'));
  return {
    index: shown.startsWith('..') ? join(dir, 'index.html') : shown,
    charts: jobs.length,
    files,
  };
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
