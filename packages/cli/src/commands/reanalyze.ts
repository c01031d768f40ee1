import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { isLibraryError } from '@toplines/core/internal';
import {
  DEFAULT_ASSUMED_N,
  type Reanalysis,
  type ReanalysisOptions,
  type ReanalysisStream,
  type ReanalyzeInput,
  reanalyzeSurveys,
  type SurveyResult,
} from '@toplines/data';
import {
  noExtraPositionals,
  parseCommandArgs,
  parseDeff,
  parseLevel,
  parseMethod,
  stringOption,
} from '../args';
import { UsageError } from '../errors';
import { columnsHaveControls, makeStyle, terminalSafe } from '../format/text';
import { type Io, useColor } from '../io';
import { MAX_JOBS, outText, usageText } from '../messages';
import { startProgress } from '../progress';
import {
  InvalidInputError,
  type LoadedInput,
  type LoadOptions,
  loadInput,
} from '../reanalyze/input';
import {
  jsonWriter,
  ndjsonHeader,
  ndjsonTail,
  type Piece,
  type SurveySource,
} from '../reanalyze/json';
import { jobsFor, ReanalysisThreads, tableData, workerScript } from '../reanalyze/parallel';
import { reportWriter } from '../reanalyze/terminal';
import { type OutputFormat, surveyWriter } from '../reanalyze/worker';

/** Bytes a thread wrote, as text, for an {@link Io} that takes only text. */
const UTF8 = new TextDecoder();

const OPTIONS = {
  method: { type: 'string' },
  level: { type: 'string' },
  deff: { type: 'string' },
  'assume-n': { type: 'string' },
  adjust: { type: 'string' },
  survey: { type: 'string', multiple: true },
  out: { type: 'string' },
  json: { type: 'boolean' },
  ndjson: { type: 'boolean' },
  'max-charts': { type: 'string' },
  'max-questions': { type: 'string' },
  jobs: { type: 'string' },
  strict: { type: 'boolean' },
  'no-png': { type: 'boolean' },
  force: { type: 'boolean' },
  encoding: { type: 'string' },
  documents: { type: 'string' },
  bom: { type: 'boolean' },
} as const;

/**
 * `toplines reanalyze [FILE]`: the main job. Returns the exit code.
 *
 * @example
 * await reanalyzeCommand(['--json'], io); // => 0
 * // one JSON document on standard output
 * JSON.parse(written.join('')).schemaVersion; // => 2
 */
export async function reanalyzeCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs('reanalyze', argv, OPTIONS);
  noExtraPositionals('reanalyze', positionals, 1);
  const deffText = stringOption(values, 'deff');
  const options: ReanalysisOptions = {
    method: parseMethod(stringOption(values, 'method'), 'reanalyze'),
    level: parseLevel(stringOption(values, 'level'), 'reanalyze'),
    deff:
      deffText === undefined || deffText.trim().toLowerCase() === 'implied'
        ? 'implied'
        : parseDeff(deffText, 'reanalyze'),
    adjust: parseAdjust(stringOption(values, 'adjust')),
    assumeN: parseAssumeN(stringOption(values, 'assume-n')),
    surveys: parseSurveys(values['survey'] as string[] | undefined),
  };
  const out = stringOption(values, 'out');
  if (out !== undefined && out.trim() === '')
    throw new UsageError(usageText.missing('reanalyze', '--out DIR, a folder'), 'reanalyze');
  const force = values['force'] === true;
  if (force && out === undefined) throw new UsageError(outText.forceWithoutOut(), 'reanalyze');
  const maxChartsText = stringOption(values, 'max-charts');
  if (maxChartsText !== undefined && out === undefined)
    throw new UsageError(outText.maxChartsWithoutOut(), 'reanalyze');
  const maxCharts = parseMaxCharts(maxChartsText);
  const maxQuestionsText = stringOption(values, 'max-questions');
  if (maxQuestionsText !== undefined && out === undefined)
    throw new UsageError(outText.maxQuestionsWithoutOut(), 'reanalyze');
  const maxQuestions = parseWhole(maxQuestionsText, outText.badMaxQuestions);
  const jobsGiven = parseWhole(stringOption(values, 'jobs'), outText.badJobs, 1, MAX_JOBS);
  const bom = values['bom'] === true;
  if (bom && out === undefined) throw new UsageError(outText.bomWithoutOut(), 'reanalyze');
  const json = values['json'] === true;
  const ndjson = values['ndjson'] === true;
  if (json && ndjson) throw new UsageError(outText.jsonAndNdjson(), 'reanalyze');
  // Where --out may write is decided before any work, so that a refusal comes first.
  if (out !== undefined)
    await (await import('../reanalyze/write-report')).planOutput(out, io.cwd, force);

  const encoding = stringOption(values, 'encoding');
  if (encoding !== undefined && encoding.trim() === '')
    throw new UsageError(
      usageText.missing('reanalyze', '--encoding NAME, e.g. shift_jis'),
      'reanalyze',
    );
  const documents = stringOption(values, 'documents');
  if (documents !== undefined && documents.trim() === '')
    throw new UsageError(usageText.missing('reanalyze', '--documents DIR, a folder'), 'reanalyze');
  let threads: ReanalysisThreads | null = null;
  try {
    let loaded: LoadedInput | null = await loadOrReport(positionals[0], io, values, {
      strict: values['strict'] === true,
      ...(encoding === undefined ? {} : { encoding }),
      ...(documents === undefined ? {} : { documents }),
    });
    const memory = memoryBudget();
    const errStyle = makeStyle(useColor(io.env, io.stderrIsTTY));
    for (const note of loaded.notes) io.err(`${errStyle.dim('note:')} ${terminalSafe(note)}\n`);
    for (const w of loaded.warnings)
      io.err(`${errStyle.yellow('warning:')} ${terminalSafe(w.message)}\n`);
    // The report and --ndjson are written as each survey is analysed: a
    // progress line on the same terminal would cut into them, so it is drawn
    // only when standard output goes elsewhere (or, for --json, which is
    // written at the end, before the first piece is).
    const progress = startProgress(
      io.stdoutIsTTY && !json ? { ...io, stderrIsTTY: false } : io,
      'reanalysing',
    );
    const format: OutputFormat = ndjson ? 'ndjson' : json ? 'json' : 'report';
    const width = io.columns ?? 100;
    const color = useColor(io.env, io.stdoutIsTTY);
    // The package also holds every cell's text and line (for validation, done
    // by now): it is kept only for --out; the analysis reads the tables.
    let read: ReadInput | null = tablesOf(loaded, out !== undefined);
    loaded = null;
    // What reading left behind is given back before the analysis starts.
    memory.collect();
    const work = await prepare(read, options, {
      format,
      width,
      color,
      jobsGiven,
      progress,
    });
    read = null;
    threads = work.threads;
    const { head, planned, pieces, tail, kept, pkg } = work;
    const parallel = threads !== null;
    if (parallel) {
      // The threads load their modules while this thread gives back what
      // setting the work up left behind.
      threads?.spawn();
      memory.collect();
    }
    const write = async (piece: Piece) => {
      if (typeof piece === 'string') {
        if (piece === '') return;
        io.out(piece);
      } else if (io.outBytes !== undefined) io.outBytes(piece);
      else io.out(UTF8.decode(piece));
      // A slow reader holds the next survey back, rather than the text piling up in memory.
      await stdoutDrained();
      if (!parallel) memory.check();
    };

    if (format === 'json') {
      // The document puts the summary before the surveys: theirs is set aside until the last.
      const writer = jsonWriter(head);
      try {
        for await (const piece of pieces) {
          writer.survey(piece);
          if (!parallel) memory.check();
        }
        const rest = tail();
        progress.done();
        for (const piece of writer.end(rest)) await write(piece);
      } finally {
        writer.close();
      }
    } else {
      const report =
        format === 'report'
          ? reportWriter(head, planned, { style: makeStyle(color), width })
          : null;
      await write(report === null ? ndjsonHeader(head) : report.start());
      for await (const piece of pieces) await write(piece);
      const rest = tail();
      for (const piece of report === null ? [ndjsonTail(rest)] : report.end(rest))
        await write(piece);
    }
    progress.done();

    if (out !== undefined && kept !== null && pkg !== null) {
      const { summary, acrossPolls } = tail();
      const doc: Reanalysis = { ...head, summary, surveys: kept, acrossPolls };
      // Only here: the charts' renderer (vega, resvg) loads on demand, so that
      // the terminal report stays fast.
      const { DEFAULT_MAX_CHARTS, DEFAULT_MAX_QUESTIONS, writeReport } = await import(
        '../reanalyze/write-report'
      );
      const written = await writeReport(doc, pkg, out, io, {
        png: values['no-png'] !== true,
        force,
        bom,
        ...(maxCharts === undefined ? {} : { maxCharts }),
        ...(maxQuestions === undefined ? {} : { maxQuestions }),
      });
      const everyQuestion = written.questionsListed === written.questions;
      if (!everyQuestion)
        io.err(
          `${errStyle.yellow('warning:')} ${outText.questionsCapped(written.questions, written.questionsListed, maxQuestions ?? DEFAULT_MAX_QUESTIONS)}\n`,
        );
      if (written.chartsPlanned > written.charts)
        io.err(
          `${errStyle.yellow('warning:')} ${outText.chartsCapped(written.chartsPlanned, written.charts, maxCharts ?? DEFAULT_MAX_CHARTS, everyQuestion)}\n`,
        );
      io.err(
        `${errStyle.green('wrote')} ${terminalSafe(written.index)} (${written.charts} charts, ${written.files} files)\n`,
      );
    }
    return 0;
  } finally {
    await threads?.stop();
  }
}

/** What the analysis reads of the input: the tables, and the package itself only for --out. */
interface ReadInput {
  input: LoadedInput['input'];
  warnings: LoadedInput['warnings'];
  tables: Exclude<ReanalyzeInput, { resources: unknown }>;
  /** The package (every cell's text and line), for --out; else null, and let go. */
  pkg: LoadedInput['pkg'] | null;
}

/** Whether any text cell of the tables has a character a control sequence starts with. */
function tablesHaveControls(tables: ReadInput['tables']): boolean {
  const columnsOf = (t: ReadInput['tables']['results'] | undefined) =>
    t === undefined ? [] : tableData(t).columns;
  return columnsHaveControls([
    ...columnsOf(tables.results),
    ...columnsOf(tables.surveys),
    ...columnsOf(tables.questions),
  ]);
}

/** The input's tables (loadInput refuses a package without results). */
function tablesOf(loaded: LoadedInput, keep: boolean): ReadInput {
  const { results, surveys, questions } = loaded.pkg;
  return {
    input: loaded.input,
    warnings: loaded.warnings,
    tables: {
      results,
      ...(surveys === undefined ? {} : { surveys }),
      ...(questions === undefined ? {} : { questions }),
    } as ReadInput['tables'],
    pkg: keep ? loaded.pkg : null,
  };
}

/** How {@link prepare} is to analyse. */
interface PrepareOptions {
  format: OutputFormat;
  width: number;
  color: boolean;
  jobsGiven: number | undefined;
  progress: { update(done: number, total: number): void };
}

/** What writing the output needs, and nothing of the input besides (but the package, for --out). */
interface Prepared {
  head: ReanalysisStream['head'];
  planned: ReanalysisStream['planned'];
  /** Each survey's text, in order. */
  pieces: Iterable<Piece> | AsyncIterable<Piece>;
  /** The summary and the across-polls comparisons, once every piece is taken. */
  tail(): ReturnType<ReanalysisStream['finish']>;
  kept: SurveyResult[] | null;
  pkg: LoadedInput['pkg'] | null;
  /** The threads the surveys are analysed in (to be stopped), or null: this thread. */
  threads: ReanalysisThreads | null;
}

/**
 * Sets the analysis up: in this thread, the engine's stream; in threads
 * (`--jobs`, or a large archive), the shards to send them (made from the
 * results' columns as each is sent) and the across-polls comparisons,
 * computed now; the threads start when {@link ReanalysisThreads.spawn} or
 * the first piece asks. Nothing returned holds the package's cells (but the
 * package itself, for --out).
 */
async function prepare(
  read: ReadInput,
  options: ReanalysisOptions,
  how: PrepareOptions,
): Promise<Prepared> {
  const { input, warnings, tables, pkg } = read;
  const keep = pkg !== null;
  const stream = analyzeOrUsage(() =>
    reanalyzeSurveys(tables, {
      ...options,
      input,
      warnings,
      onProgress: (done, total) => how.progress.update(done, total),
    }),
  );
  const setup = {
    format: how.format,
    options: { ...options, input },
    // No survey's text reads the warnings, which can be many: the threads are not sent them.
    head: { ...stream.head, warnings: [] },
    planned: stream.planned,
    width: how.width,
    color: how.color,
    // Searched once here, rather than every survey's strings as it is written.
    cleanTables: how.format === 'report' && !tablesHaveControls(tables),
  };
  const { head, planned } = stream;
  // --out needs the whole document (its HTML and CSVs), so it runs in this thread.
  const jobs =
    keep || stream.surveyIds.length < 2 ? 1 : jobsFor(how.jobsGiven, tables.results.numRows());
  const script = jobs > 1 ? workerScript() : null;
  if (script !== null) {
    const threads = ReanalysisThreads.of(jobs, script);
    let done = 0;
    const parallel = threads.run({
      setup,
      tables,
      ids: stream.surveyIds,
      onSurvey: (count) => {
        done += count;
        how.progress.update(done, planned.questions);
      },
    });
    const acrossPolls = stream.acrossPolls();
    return {
      head,
      planned,
      pieces: parallel.pieces,
      tail: () => ({ summary: parallel.summary(), acrossPolls }),
      kept: null,
      pkg: null,
      threads,
    };
  }
  // --out keeps the surveys as they pass.
  const kept: SurveyResult[] | null = keep ? [] : null;
  const source = sourceKeeping(stream, kept);
  const writeSurvey = surveyWriter(setup);
  return {
    head,
    planned,
    pieces: (function* () {
      for (const survey of source.surveys) yield writeSurvey(survey);
    })(),
    tail: () => source.finish(),
    kept,
    pkg,
    threads: null,
  };
}

/**
 * The stream as the writers read it, keeping each survey in `kept` (when
 * given) as it passes, and computing the summary and across-polls once.
 */
function sourceKeeping(stream: ReanalysisStream, kept: SurveyResult[] | null): SurveySource {
  let tail: ReturnType<ReanalysisStream['finish']> | null = null;
  return {
    head: stream.head,
    planned: stream.planned,
    surveys:
      kept === null
        ? stream.surveys
        : (function* () {
            for (const survey of stream.surveys) {
              kept.push(survey);
              yield survey;
            }
          })(),
    finish: () => {
      tail ??= stream.finish();
      return tail;
    },
  };
}

/** Resident memory the streamed outputs keep to, when they can: see {@link memoryBudget}. */
const MEMORY_BUDGET = 384 * 1024 * 1024;

/**
 * Keeps a long reanalysis near {@link MEMORY_BUDGET} of resident memory.
 * Reading and validating a large file, then analysing survey after survey,
 * leaves dead objects behind faster than V8 chooses to collect them: a
 * 200,000-row archive reached 900 MB resident for about 250 MB live before
 * V8's first full collection, and 640 MB before its second. So a full
 * collection is asked for by `collect()` (the command calls it once the
 * input is read and its cells let go) and by `check()` whenever, after a
 * piece of output, the process holds more than the budget; if what is live
 * is itself near the budget, the budget grows with it, so that collections
 * never run after every survey. (With threads, each holds its own heap and
 * `check()` is not called: the process's size is not this heap's.) A collection is
 * asked for by the documented means of a flag set at run time (Node has no
 * API for it); where that is refused, nothing happens.
 */
function memoryBudget(): { check(): void; collect(): void } {
  let collect: (() => void) | null = null;
  try {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  } catch {
    // An embedder that refuses the flag: the heap grows as V8 sees fit.
  }
  let budget = MEMORY_BUDGET;
  return {
    collect: () => collect?.(),
    check() {
      if (collect === null || process.memoryUsage.rss() <= budget) return;
      collect();
      const after = process.memoryUsage.rss();
      if (after > 0.75 * budget) budget = 1.5 * after;
    },
  };
}

/**
 * Resolves once the process's standard output has written what it was given:
 * into a pipe, Node queues what the reader has not taken yet, and a report
 * of hundreds of megabytes would pile up in memory. Read from the process
 * itself, not from {@link Io} (which has no such hook): with another Io (the
 * tests), its standard output has nothing queued and this resolves at once.
 */
function stdoutDrained(): Promise<void> {
  return process.stdout.writableNeedDrain
    ? new Promise((resolve) => process.stdout.once('drain', () => resolve()))
    : Promise.resolve();
}

/** `--max-charts N`: a whole number ≥ 0; undefined when not given (the default cap). */
function parseMaxCharts(text: string | undefined): number | undefined {
  return parseWhole(text, outText.badMaxCharts);
}

/** A count such as `--max-questions N`: a whole number in [min, max]; undefined when not given. */
function parseWhole(
  text: string | undefined,
  bad: (text: string) => string,
  min = 0,
  max = Number.MAX_SAFE_INTEGER,
): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text.trim().replace(/_/g, ''));
  if (text.trim() === '' || !Number.isSafeInteger(n) || n < min || n > max)
    throw new UsageError(bad(text), 'reanalyze');
  return n;
}

/**
 * Reads the input; when it does not validate and --json was given, every
 * issue goes to stdout as JSON (`{ valid: false, input, errors, warnings }`;
 * with --ndjson, as one line with `"record": "invalid"`)
 * before the error reaches main, which prints its message and exits 1.
 */
async function loadOrReport(
  path: string | undefined,
  io: Io,
  values: Record<string, unknown>,
  load: LoadOptions,
): Promise<LoadedInput> {
  try {
    return await loadInput(path, io.cwd, load);
  } catch (e) {
    if (values['json'] === true && e instanceof InvalidInputError)
      io.out(`${JSON.stringify(e.toJson(), null, 2)}\n`);
    else if (values['ndjson'] === true && e instanceof InvalidInputError)
      io.out(`${JSON.stringify({ record: 'invalid', ...e.toJson() })}\n`);
    throw e;
  }
}

/**
 * `--survey ID[,ID…]`, repeatable. A value with no id in it (`--survey ''`)
 * is a usage error: left out, it would select every survey.
 */
function parseSurveys(given: readonly string[] | undefined): string[] {
  const ids: string[] = [];
  for (const text of given ?? []) {
    const parts = text
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    if (parts.length === 0) throw new UsageError(usageText.emptySurvey(text), 'reanalyze');
    ids.push(...parts);
  }
  return ids;
}

/** The engine's option errors (e.g. an unknown --survey) are usage errors here. */
function analyzeOrUsage<T>(run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (isLibraryError(e) && e.code === 'invalid-option')
      throw new UsageError(e.message, 'reanalyze');
    throw e;
  }
}

/** `--adjust holm|bh|none` (default holm). */
function parseAdjust(text: string | undefined): ReanalysisOptions['adjust'] {
  if (text === undefined) return 'holm';
  const key = text.trim().toLowerCase();
  const alias: Record<string, ReanalysisOptions['adjust']> = {
    holm: 'holm',
    bh: 'bh',
    fdr: 'bh',
    'benjamini-hochberg': 'bh',
    none: 'none',
  };
  const value = alias[key];
  if (value === undefined) throw new UsageError(usageText.badAdjust(text), 'reanalyze');
  return value;
}

function parseAssumeN(text: string | undefined): number[] {
  if (text === undefined) return [...DEFAULT_ASSUMED_N];
  const parts = text.split(/[\s,;]+/).filter((p) => p !== '');
  const ns = parts.map((p) => Number(p.replace(/_/g, '')));
  if (parts.length === 0 || ns.some((n) => !Number.isInteger(n) || n < 1)) {
    throw new UsageError(usageText.badAssumeN(text), 'reanalyze');
  }
  return [...new Set(ns)].sort((a, b) => a - b);
}
