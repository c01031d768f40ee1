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
import { makeStyle, terminalSafe } from '../format/text';
import { type Io, useColor } from '../io';
import { outText, usageText } from '../messages';
import { startProgress } from '../progress';
import {
  InvalidInputError,
  type LoadedInput,
  type LoadOptions,
  loadInput,
} from '../reanalyze/input';
import { jsonText, ndjsonText, type SurveySource } from '../reanalyze/json';
import { reportText } from '../reanalyze/terminal';

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
  let loaded: LoadedInput | null = await loadOrReport(positionals[0], io, values, {
    strict: values['strict'] === true,
    ...(encoding === undefined ? {} : { encoding }),
    ...(documents === undefined ? {} : { documents }),
  });
  const { input, warnings, notes } = loaded;
  // The engine reads the tables; the package also holds every cell's text and
  // line (for validation, done by now): let them go unless --out needs the package.
  const { results, surveys, questions } = loaded.pkg;
  // loadInput refuses a package without results.
  const tables = {
    results,
    ...(surveys === undefined ? {} : { surveys }),
    ...(questions === undefined ? {} : { questions }),
  };
  const pkg = out === undefined ? null : loaded.pkg;
  loaded = null;
  const memory = memoryBudget();
  const errStyle = makeStyle(useColor(io.env, io.stderrIsTTY));
  for (const note of notes) io.err(`${errStyle.dim('note:')} ${terminalSafe(note)}\n`);
  for (const w of warnings) io.err(`${errStyle.yellow('warning:')} ${terminalSafe(w.message)}\n`);

  // The report and --ndjson are written as each survey is analysed: a
  // progress line on the same terminal would cut into them, so it is drawn
  // only when standard output goes elsewhere (or, for --json, which is
  // written at the end, before the first piece is).
  const progress = startProgress(
    io.stdoutIsTTY && !json ? { ...io, stderrIsTTY: false } : io,
    'reanalysing',
  );
  const stream = analyzeOrUsage(() =>
    reanalyzeSurveys(tables as ReanalyzeInput, {
      ...options,
      input,
      warnings,
      onProgress: (done, total) => progress.update(done, total),
    }),
  );
  // --out needs the whole document (its HTML and CSVs): the surveys are kept as they pass.
  const kept: SurveyResult[] | null = out === undefined ? null : [];
  const source = sourceKeeping(stream, kept);
  const style = makeStyle(useColor(io.env, io.stdoutIsTTY));
  const pieces = ndjson
    ? ndjsonText(source)
    : json
      ? jsonText(source)
      : reportText(source, { style, width: io.columns ?? 100 });
  for (const piece of pieces) {
    if (piece !== '') {
      // --json writes only after the last survey: the progress line is cleared first.
      if (json) progress.done();
      io.out(piece);
    }
    // A slow reader holds the next survey back, rather than the text piling up in memory.
    await stdoutDrained();
    memory.check();
  }
  progress.done();

  if (out !== undefined && kept !== null && pkg !== null) {
    const { summary, acrossPolls } = source.finish();
    const doc: Reanalysis = { ...stream.head, summary, surveys: kept, acrossPolls };
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
 * collection is asked for now (the input read, its cells let go) and again
 * whenever, after a piece of output, the process holds more than the
 * budget; if what is live is itself near the budget, the budget grows with
 * it, so that collections never run after every survey. A collection is
 * asked for by the documented means of a flag set at run time (Node has no
 * API for it); where that is refused, nothing happens.
 */
function memoryBudget(): { check(): void } {
  let collect: (() => void) | null = null;
  try {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  } catch {
    // An embedder that refuses the flag: the heap grows as V8 sees fit.
  }
  let budget = MEMORY_BUDGET;
  collect?.();
  return {
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

/** A cap such as `--max-questions N`: a whole number ≥ 0; undefined when not given. */
function parseWhole(text: string | undefined, bad: (text: string) => string): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text.trim().replace(/_/g, ''));
  if (text.trim() === '' || !Number.isSafeInteger(n) || n < 0)
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
