// The DuckDB engine of `toplines weigh --engine duckdb`: a respondent file too large for
// memory (CSV or Parquet) aggregated by embedded DuckDB with the one query of
// @toplines/data's designSumsSql, and finished by weightedToplinesFromSums into the same
// tables as the in-memory weightedToplines. DuckDB (@duckdb/node-api) is an optional
// dependency of @toplines/cli: installed by default, loaded here only, so that the rest of
// the command works where its native binary is missing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AggregateDesign } from '@toplines/core/design';
import {
  DataError,
  designSumsSql,
  type SumsColumn,
  type WeightedToplinesFromSums,
  type WeightedToplinesFromSumsOptions,
  type WeightedToplinesOptions,
  weightedToplinesFromSums,
} from '@toplines/data';
import { UsageError } from '../errors';
import { duckDbText } from '../messages';

/**
 * What the DuckDB engine is asked: the file, weightedToplines' options, and how much
 * DuckDB may use. The shape of `toplines weigh`'s WeighRequest, plus the engine's settings.
 *
 * @example
 * // not run: illustrates the type
 * const request: DuckDbWeighRequest = {
 *   path: '/data/people.parquet',
 *   format: 'parquet',
 *   options: { questions: ['q1'], weights: 'w', strata: 'region', psu: 'psu' },
 *   memoryLimit: '1GB',
 * };
 */
export interface DuckDbWeighRequest {
  /** The file, absolute. */
  path: string;
  /** What it is: DuckDB reads CSV and Parquet (a `.sav` is refused). */
  format: 'csv' | 'sav' | 'parquet';
  /** A CSV's encoding: `utf-8` (the default), `utf-16` or `latin-1`, as DuckDB reads them. */
  encoding?: string;
  /**
   * weightedToplines' options (column names). An empty `questions` takes every text
   * column that is not the design's or `by`'s; a replicate column ending in `*` is a
   * prefix (`repw*`). A multistage `psu` without fpc uses its first stage (R's ultimate
   * clusters); with fpc at later stages it needs the in-memory engine.
   */
  options: WeightedToplinesOptions;
  /** DuckDB's `memory_limit` (e.g. `'1GB'`): beyond it DuckDB spills to a temporary folder. Default DuckDB's (80% of RAM). */
  memoryLimit?: string;
  /** DuckDB's `threads`. Default DuckDB's (the cores). */
  threads?: number;
}

/**
 * What weighWithDuckDb returns: weightedToplines' tables, and the design with its degrees
 * of freedom (what `toplines weigh` prints) and the design from sums the estimates used.
 */
export type DuckDbWeighed = Pick<WeightedToplinesFromSums, 'results' | 'surveys' | 'questions'> & {
  design: {
    /** R's degf(design): PSUs less strata, or the rank of the replicate weights less 1. */
    readonly degf: number;
    /** The design from sums (core's surveyDesignFromSums or replicateDesignFromSums). */
    readonly aggregate: AggregateDesign;
  };
};

/** The DuckDB types that read back as numbers (a CSV's columns are BIGINT, DOUBLE or VARCHAR). */
const NUMERIC =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL.*)$/;

/** A string as a DuckDB literal: single quotes, an embedded one doubled. */
function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/**
 * Weighted toplines of a respondent file by DuckDB, beyond memory.
 *
 * Reads a CSV or Parquet file with embedded DuckDB, runs the one query of
 * `designSumsSql` (the weighted sums by domain, PSU and answer; DuckDB streams the file
 * and keeps one group per domain, PSU and answer), and finishes the sums with
 * `weightedToplinesFromSums` (core's `designSharesFromSums`): the same results, surveys
 * and questions tables as the in-memory `weightedToplines`, to rounding. A CSV is read as
 * the in-memory reader reads it: empty cells and `NA` missing, a column of numbers
 * numbers, any other text; it is loaded once into a DuckDB table in a temporary folder
 * (disk, not memory), a Parquet file is read in place.
 *
 * Cost: DuckDB reads the rows 2·q·(1 + g) times for q questions and g `by` columns;
 * memory stays within `memoryLimit` (DuckDB spills beyond it).
 *
 * @param request - the file, its format, weightedToplines' options, `memoryLimit`, `threads`
 * @returns the results, surveys and questions tables, and the design: its degrees of
 *   freedom and the design from sums
 * @throws {UsageError} for a `.sav` (DuckDB does not read it), an fpc at a later stage, an
 *   encoding DuckDB does not read, or when @duckdb/node-api is not installed
 * @throws {DataError} `missing-column` for a column not in the file, and as
 *   weightedToplinesFromSums
 * @example
 * // not run: needs a file on disk
 * const w = await weighWithDuckDb({ path: '/data/apistrat.csv', format: 'csv',
 *   options: { questions: ['awards'], weights: 'pw', strata: 'stype', fpc: 'fpc' } });
 * w.results.numRows(); // 2
 */
export async function weighWithDuckDb(request: DuckDbWeighRequest): Promise<DuckDbWeighed> {
  const { path, format, options } = request;
  if (format === 'sav') throw new UsageError(duckDbText.noSav(path), 'weigh');
  const first = (value: string | readonly string[] | undefined): string | undefined =>
    typeof value === 'string' ? value : value?.[0];
  const fpcStages = typeof options.fpc === 'string' ? 1 : (options.fpc?.length ?? 0);
  const psuStages = typeof options.psu === 'string' ? 1 : (options.psu?.length ?? 0);
  if (fpcStages > 1 || (fpcStages === 1 && psuStages > 1)) {
    throw new UsageError(duckDbText.multistageFpc(), 'weigh');
  }
  const encoding = request.encoding?.trim().toLowerCase();
  if (encoding !== undefined && !['utf-8', 'utf8', 'utf-16', 'latin-1'].includes(encoding)) {
    throw new UsageError(duckDbText.encoding(request.encoding as string), 'weigh');
  }
  let api: typeof import('@duckdb/node-api');
  try {
    api = await import('@duckdb/node-api');
  } catch {
    throw new UsageError(duckDbText.notInstalled(), 'weigh');
  }

  const folder = mkdtempSync(join(tmpdir(), 'toplines-duckdb-'));
  const settings: Record<string, string> = { temp_directory: join(folder, 'spill') };
  if (request.memoryLimit !== undefined) settings['memory_limit'] = request.memoryLimit;
  if (request.threads !== undefined) settings['threads'] = String(request.threads);
  // a CSV is loaded into a table of an on-disk database (read once, spilled, not kept in memory)
  const instance = await api.DuckDBInstance.create(
    format === 'csv' ? join(folder, 'weigh.duckdb') : ':memory:',
    settings,
  );
  const connection = await instance.connect();
  try {
    let from: string;
    if (format === 'csv') {
      const csv = `read_csv(${literal(path)}, header = true, nullstr = ['', 'NA'], auto_type_candidates = ['BIGINT', 'DOUBLE', 'VARCHAR']${encoding === undefined ? '' : `, encoding = ${literal(encoding === 'utf8' ? 'utf-8' : encoding)}`})`;
      await connection.run(`CREATE TABLE "people" AS SELECT * FROM ${csv}`);
      from = '"people"';
    } else {
      from = `read_parquet(${literal(path)})`;
    }
    const described = (
      await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${from}`)
    ).getRowObjectsJS();
    const types = new Map(
      described.map((r) => [String(r['column_name']), String(r['column_type'])]),
    );
    const names = [...types.keys()];
    const list = (value: string | readonly string[] | undefined): string[] =>
      value === undefined ? [] : typeof value === 'string' ? [value] : [...value];
    const replicates = list(options.replicates).flatMap((name) =>
      name.endsWith('*') ? names.filter((c) => c.startsWith(name.slice(0, -1))) : [name],
    );
    const by = list(options.by);
    const design = [options.weights, first(options.strata), first(options.psu), first(options.fpc)];
    const used = new Set([...design, ...by, ...replicates].filter((c) => c !== undefined));
    const questions =
      options.questions.length > 0
        ? [...options.questions]
        : names.filter((c) => !used.has(c) && types.get(c) === 'VARCHAR');
    const unknown = [...new Set([...questions, ...used].filter((c) => !types.has(c as string)))];
    if (unknown.length > 0) {
      throw new DataError(
        'missing-column',
        duckDbText.unknownColumns(path, unknown as string[], names),
      );
    }
    const kind = (column: string): 'number' | 'string' | 'boolean' => {
      const type = types.get(column) ?? 'VARCHAR';
      return NUMERIC.test(type) ? 'number' : type === 'BOOLEAN' ? 'boolean' : 'string';
    };
    const labels = options.labels ?? {};
    const column = (name: string): SumsColumn => ({
      column: name,
      missing: [...(labels[name]?.missing ?? [])],
    });
    const more = options.replicateOptions ?? {};
    const { combined, ...replicateOptions } = more;
    const method = options.method ?? 'logit';
    const sums: WeightedToplinesFromSumsOptions = {
      weights: options.weights,
      questions: questions.map(column),
      by: by.map(column),
      ...(options.strata === undefined ? {} : { strata: options.strata }),
      ...(options.psu === undefined ? {} : { psu: options.psu }),
      ...(options.fpc === undefined ? {} : { fpc: first(options.fpc) as string }),
      ...(options.nest === undefined ? {} : { nest: options.nest }),
      ...(replicates.length === 0
        ? {}
        : {
            replicates,
            replicateMultipliers: combined === false,
            replicateOptions,
            ...(options.replicateType === undefined
              ? {}
              : { replicateType: options.replicateType }),
          }),
      ...(options.lonelyPsu === undefined ? {} : { lonelyPsu: options.lonelyPsu }),
      ...(options.level === undefined ? {} : { level: options.level }),
      method,
      ...(options.surveyId === undefined ? {} : { surveyId: options.surveyId }),
      labels,
      types: Object.fromEntries([...questions, ...by].map((c) => [c, kind(c)])),
    };
    const sql = designSumsSql({
      ...sums,
      from,
      dialect: 'duckdb',
      crossProducts: replicates.length > 0 && replicateOptions.degf === undefined,
      firstStep: method === 'logit' || method === 'likelihood',
    });
    const rows = (await connection.runAndReadAll(sql)).getRowObjectsJS();
    const weighed = weightedToplinesFromSums(rows, sums);
    return {
      results: weighed.results,
      surveys: weighed.surveys,
      questions: weighed.questions,
      design: Object.freeze({ degf: weighed.degf, aggregate: weighed.design }),
    };
  } finally {
    connection.closeSync();
    instance.closeSync();
    rmSync(folder, { recursive: true, force: true });
  }
}
