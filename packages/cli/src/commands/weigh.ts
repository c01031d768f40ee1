// `toplines weigh FILE`: weighted toplines from a respondent-level file (CSV, SPSS .sav,
// Parquet), design-based as R's survey package gives them (@toplines/data's
// weightedToplines), printed as a table; --json and --out DIR are the reanalysis of those
// toplines, as `toplines reanalyze` writes it.
import { basename, extname, isAbsolute, relative, resolve } from 'node:path';
import type { DesignProportionMethod } from '@toplines/core/design';
import {
  type DataPackage,
  type Microdata,
  type Reanalysis,
  reanalyze,
  type WeightedToplines,
  type WeightedToplinesOptions,
  weightedToplines,
} from '@toplines/data';
import { microdataFormat, readMicrodata } from '@toplines/data/node';
import { noExtraPositionals, parseCommandArgs, parseLevel, stringOption } from '../args';
import { UsageError } from '../errors';
import { makeStyle, pad, type Style, terminalSafe } from '../format/text';
import { type Io, useColor } from '../io';
import { outText, usageText, weighText } from '../messages';
import { jsonText, sourceOf } from '../reanalyze/json';

const OPTIONS = {
  weights: { type: 'string' },
  strata: { type: 'string', multiple: true },
  psu: { type: 'string', multiple: true },
  fpc: { type: 'string', multiple: true },
  nest: { type: 'boolean' },
  'lonely-psu': { type: 'string' },
  replicates: { type: 'string' },
  'replicate-type': { type: 'string' },
  by: { type: 'string', multiple: true },
  question: { type: 'string', multiple: true },
  level: { type: 'string' },
  method: { type: 'string' },
  engine: { type: 'string' },
  encoding: { type: 'string' },
  json: { type: 'boolean' },
  out: { type: 'string' },
  force: { type: 'boolean' },
} as const;

/** The interval methods of `--method`, as core's designProportion names them. */
const METHODS: readonly DesignProportionMethod[] = ['logit', 'likelihood', 'beta', 'mean'];

/** The engines of `--engine`: in memory (here), or DuckDB (files beyond memory). */
export const ENGINES = ['memory', 'duckdb'] as const;

/**
 * What a weighing engine is asked: the file and weightedToplines' options (column names;
 * `questions` already chosen). The DuckDB engine (packages/cli/src/weigh/duckdb.ts,
 * `weighWithDuckDb(request)`) answers it with the same {@link WeightedToplines} as the
 * in-memory one.
 */
export interface WeighRequest {
  /** The file, absolute. */
  path: string;
  /** What it is, from its extension. */
  format: 'csv' | 'sav' | 'parquet';
  /** A CSV's encoding (`--encoding`), when given. */
  encoding?: string;
  /** weightedToplines' options: questions, weights, the design's columns, by, level, method, surveyId. */
  options: WeightedToplinesOptions;
}

/**
 * What an engine returns: the tables of weightedToplines and a design with its degrees
 * of freedom (core's design in memory; a design from sums for DuckDB).
 */
export type Weighed = Pick<WeightedToplines, 'results' | 'surveys' | 'questions'> & {
  design: { readonly degf: number };
};

/**
 * `toplines weigh FILE --weights W [options]`. Returns the exit code.
 *
 * @example
 * // not run: needs a file on disk
 * await weighCommand(['apistrat.sav', '--weights', 'pw', '--strata', 'stype', '--fpc', 'fpc'], io); // 0
 */
export async function weighCommand(argv: string[], io: Io): Promise<number> {
  const command = 'weigh';
  const { values, positionals } = parseCommandArgs(command, argv, OPTIONS);
  noExtraPositionals(command, positionals, 1);
  const file = positionals[0];
  if (file === undefined) throw new UsageError(weighText.noFile(), command);
  const weights = stringOption(values, 'weights');
  if (weights === undefined || weights.trim() === '')
    throw new UsageError(usageText.missing(command, '--weights COLUMN, the weights'), command);
  const format = microdataFormat(file);
  if (format === null) throw new UsageError(weighText.badExtension(file), command);
  const method = parseChoice(stringOption(values, 'method'), METHODS, 'logit', weighText.badMethod);
  const engine = parseChoice(
    stringOption(values, 'engine'),
    ENGINES,
    'memory',
    weighText.badEngine,
  );
  const level = parseLevel(stringOption(values, 'level'), command);
  const out = stringOption(values, 'out');
  if (out !== undefined && out.trim() === '')
    throw new UsageError(usageText.missing(command, '--out DIR, a folder'), command);
  const force = values['force'] === true;
  if (force && out === undefined) throw new UsageError(outText.forceWithoutOut(), command);
  const replicates = stringOption(values, 'replicates');
  const replicateType = stringOption(values, 'replicate-type');
  if ((replicates === undefined) !== (replicateType === undefined))
    throw new UsageError(weighText.replicatesTogether(), command);
  const lonelyPsu = stringOption(values, 'lonely-psu');
  if (out !== undefined)
    await (await import('../reanalyze/write-report')).planOutput(out, io.cwd, force);

  const path = resolve(io.cwd, file);
  // Read by the name given, so that messages say it (relative to the process's folder
  // when the command runs in another, as the tests do).
  const shown = isAbsolute(file) || io.cwd === process.cwd() ? file : relative(process.cwd(), path);
  const encoding = stringOption(values, 'encoding');
  const surveyId = basename(file, extname(file));
  const design: Omit<WeightedToplinesOptions, 'questions'> = {
    weights: weights.trim(),
    ...columns('strata', values['strata']),
    ...columns('psu', values['psu']),
    ...columns('fpc', values['fpc']),
    ...columns('by', values['by']),
    ...(values['nest'] === true ? { nest: true } : {}),
    ...(lonelyPsu === undefined
      ? {}
      : { lonelyPsu: lonelyPsu.trim() as NonNullable<WeightedToplinesOptions['lonelyPsu']> }),
    ...(replicateType === undefined
      ? {}
      : {
          replicateType: replicateType.trim() as NonNullable<
            WeightedToplinesOptions['replicateType']
          >,
        }),
    level,
    method,
    surveyId,
  };
  const asked = names(values['question']);

  let weighed: Weighed;
  if (engine === 'duckdb') {
    // The seam for files beyond memory: the DuckDB runner of weigh/duckdb.ts answers the
    // same request with the same tables (see WeighRequest).
    weighed = await duckDbEngine({
      path,
      format,
      ...(encoding === undefined ? {} : { encoding }),
      options: {
        ...design,
        questions: asked,
        ...(replicates === undefined ? {} : { replicates: names([replicates]) }),
      },
    });
  } else {
    const data = await readMicrodata(shown, {
      format,
      ...(encoding === undefined ? {} : { encoding }),
    });
    const style = makeStyle(useColor(io.env, io.stderrIsTTY));
    for (const note of data.notes) io.err(`${style.dim('note:')} ${terminalSafe(note)}\n`);
    const replicateColumns =
      replicates === undefined ? [] : expandColumns(replicates, data.table.columnNames());
    const questions = asked.length > 0 ? asked : defaultQuestions(data, design, replicateColumns);
    if (questions.length === 0) throw new UsageError(weighText.noQuestions(), command);
    if (asked.length === 0)
      io.err(`${style.dim('note:')} ${terminalSafe(weighText.chosenQuestions(questions))}\n`);
    weighed = weightedToplines(data.table, {
      ...design,
      questions,
      ...(replicateColumns.length === 0 ? {} : { replicates: replicateColumns }),
      labels: data.labels,
    });
  }

  const doc = () =>
    reanalyze(weighed, {
      level,
      input: { kind: 'microdata', path: file, title: weighText.title(file) },
    });
  if (values['json'] === true) {
    for (const piece of jsonText(sourceOf(doc()))) io.out(piece);
  } else {
    io.out(tableText(weighed, file, { style: makeStyle(useColor(io.env, io.stdoutIsTTY)), level }));
  }
  if (out !== undefined) {
    const { writeReport } = await import('../reanalyze/write-report');
    const pkg: DataPackage = {
      descriptor: { resources: [] },
      resources: [],
      results: weighed.results,
      surveys: weighed.surveys,
      questions: weighed.questions,
    };
    const report: Reanalysis = doc();
    const written = await writeReport(report, pkg, out, io, { force });
    const style = makeStyle(useColor(io.env, io.stderrIsTTY));
    io.err(
      `${style.green('wrote')} ${terminalSafe(written.index)} (${written.charts} charts, ${written.files} files)\n`,
    );
  }
  return 0;
}

/**
 * The DuckDB engine (`--engine duckdb`): `weighWithDuckDb(request)` of
 * packages/cli/src/weigh/duckdb.ts (its request is a WeighRequest with DuckDB's settings),
 * loaded only when asked for, as is @duckdb/node-api, an optional peer dependency.
 */
async function duckDbEngine(request: WeighRequest): Promise<Weighed> {
  return (await import('../weigh/duckdb')).weighWithDuckDb(request);
}

/**
 * The questions when none is named: every column of text, and every column with value
 * labels (an SPSS file's categorical variables), but the design's and --by's.
 */
function defaultQuestions(
  data: Microdata,
  design: Omit<WeightedToplinesOptions, 'questions'>,
  replicates: readonly string[],
): string[] {
  const used = new Set<string>(
    [design.weights, design.strata, design.psu, design.fpc, design.by, replicates]
      .flat()
      .filter((c): c is string => typeof c === 'string'),
  );
  return data.table.columnNames().filter((name) => {
    if (used.has(name)) return false;
    if ((data.labels[name]?.values.length ?? 0) > 0) return true;
    const column = data.table.array(name) as ArrayLike<unknown>;
    return Array.from(column).some((v) => typeof v === 'string');
  });
}

/** `--replicates`: names separated by commas, or a prefix ending in `*` (`repw*`). */
function expandColumns(text: string, all: readonly string[]): string[] {
  return names([text]).flatMap((name) =>
    name.endsWith('*') ? all.filter((c) => c.startsWith(name.slice(0, -1))) : [name],
  );
}

/** A repeatable option's names, each value split at commas. */
function names(given: unknown): string[] {
  const list = Array.isArray(given) ? (given as string[]) : [];
  return list
    .flatMap((text) => text.split(','))
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** A column option as weightedToplines takes it: omitted, one name, or one per stage. */
function columns(name: 'strata' | 'psu' | 'fpc' | 'by', given: unknown): Record<string, string[]> {
  const list = names(given);
  return list.length === 0 ? {} : { [name]: list };
}

function parseChoice<T extends string>(
  text: string | undefined,
  allowed: readonly T[],
  fallback: T,
  message: (text: string) => string,
): T {
  if (text === undefined) return fallback;
  const key = text.trim().toLowerCase();
  const found = allowed.find((a) => a.toLowerCase() === key);
  if (found === undefined) throw new UsageError(message(text), 'weigh');
  return found;
}

/**
 * The weighted toplines as a terminal table: per question, each group's options with the
 * base n, the share, its interval, the design effect and the effective n.
 */
export function tableText(
  weighed: Weighed,
  file: string,
  settings: { style: Style; level: number },
): string {
  const { style, level } = settings;
  const rows = weighed.results.objects() as Record<string, unknown>[];
  const survey = weighed.surveys.objects()[0] as Record<string, unknown>;
  const wording = new Map(
    (weighed.questions.objects() as Record<string, unknown>[]).map((q) => [
      q['question_id'],
      q['wording'],
    ]),
  );
  const method = String(rows[0]?.['method'] ?? '');
  const lines: string[] = [
    style.bold(terminalSafe(`${file}: ${String(survey['notes'])}`)),
    style.dim(weighText.legend(method, level, weighed.design.degf)),
    '',
  ];
  const header = [
    pad('group', 18),
    pad('option', 22),
    pad('base n', 7, 'right'),
    pad('%', 6, 'right'),
    pad(`${Math.round(level * 100)}% interval`, 13, 'right'),
    pad('deff', 6, 'right'),
    pad('n eff', 8, 'right'),
  ].join('  ');
  let question: unknown = null;
  // The shares the design fixes (se 0 inside (0, 1)) of each group, noted after their question.
  let fixed = new Map<string, string[]>();
  const noteFixed = () => {
    for (const [group, options] of fixed)
      lines.push(style.dim(`  ${terminalSafe(weighText.fixedShares(group, options))}`));
    fixed = new Map();
  };
  for (const r of rows) {
    if (r['question_id'] !== question) {
      noteFixed();
      question = r['question_id'];
      const words = wording.get(question);
      if (lines.length > 3) lines.push('');
      lines.push(
        style.bold(
          terminalSafe(`${String(question)}${typeof words === 'string' ? ` — ${words}` : ''}`),
        ),
      );
      lines.push(style.dim(`  ${header}`));
    }
    const group =
      r['group_dim'] === 'total'
        ? 'total'
        : `${String(r['group_dim'])} ${String(r['group_value'])}`;
    const deff = r['deff'];
    const nEff = r['n_effective'];
    const percent = r['percent'] as number;
    if (r['se'] === 0 && percent > 0 && percent < 100) {
      const list = fixed.get(group) ?? [];
      list.push(String(r['option']));
      fixed.set(group, list);
    }
    lines.push(
      `  ${[
        pad(terminalSafe(group), 18),
        pad(terminalSafe(String(r['option'])), 22),
        pad(String(r['base_n']), 7, 'right'),
        pad((r['percent'] as number).toFixed(1), 6, 'right'),
        pad(
          `${(100 * (r['lower'] as number)).toFixed(1)}–${(100 * (r['upper'] as number)).toFixed(1)}`,
          13,
          'right',
        ),
        pad(typeof deff === 'number' ? deff.toFixed(2) : '—', 6, 'right'),
        pad(typeof nEff === 'number' && Number.isFinite(nEff) ? nEff.toFixed(1) : '—', 8, 'right'),
      ].join('  ')}`,
    );
  }
  noteFixed();
  return `${lines.join('\n')}\n`;
}
