// Weighted toplines beyond memory: designSumsSql writes the one SQL query whose GROUP BY
// gives the sums a design-based variance needs (any SQL engine runs it: DuckDB here,
// Spark SQL, Trino, BigQuery for larger data), and weightedToplinesFromSums finishes its
// rows with core's designSharesFromSums into the tables weightedToplines gives from the
// respondents. Pure and browser-safe: no engine is imported here.
import {
  type AggregateDesign,
  type Category,
  type DesignProportionMethod,
  type DomainSums,
  designSharesFromSums,
  LONELY_PSU_CHOICES,
  type LonelyPsu,
  REPLICATE_TYPES,
  type ReplicateDesignFromSumsOptions,
  type ReplicateType,
  replicateDesignFromSums,
  type SumsCell,
  surveyDesignFromSums,
} from '@toplines/core/design';
import { readChoice, readOptions } from '@toplines/core/internal';
import type { ColumnTable } from 'arquero';
import { DataError, dataError } from '../errors';
import { errorText, microdataText, sumsText } from '../messages';
import type { VariableLabels } from './types';
import {
  appendShares,
  microdataOptions,
  microdataTables,
  WEIGHTED_TOPLINES_COLUMNS,
} from './weighted-toplines';

/**
 * The SQL dialects {@link designSumsSql} writes: the query is the same, but for how an
 * identifier is quoted and what the double type is called.
 *
 * - `'duckdb'`, `'trino'`: `"name"`, `DOUBLE`
 * - `'postgres'`: `"name"`, `DOUBLE PRECISION`
 * - `'spark'` (Spark SQL, Databricks): `` `name` ``, `DOUBLE`, `STRING`
 * - `'bigquery'`: `` `name` ``, `FLOAT64`, `STRING`
 */
export const SQL_DIALECTS = ['duckdb', 'trino', 'postgres', 'spark', 'bigquery'] as const;

/** One of {@link SQL_DIALECTS}. */
export type SqlDialect = (typeof SQL_DIALECTS)[number];

/** A column of answers or of groups, with the codes that mean no answer. */
export interface SumsColumn {
  /** The column's name. */
  column: string;
  /**
   * Codes that mean no answer (an SPSS file's user-missing values), numbers or strings as
   * the column holds them, besides NULL and blank text. Default: none.
   */
  missing?: readonly (string | number)[];
}

/** Options of {@link designSumsSql}: the columns, as the source names them. */
export interface DesignSumsSqlOptions {
  /**
   * The rows to read, put after FROM as given: a table name (`survey.people`), a table
   * function (DuckDB's `read_parquet('people.parquet')`) or a subquery in parentheses.
   * It is SQL, not quoted: never build it from untrusted text. Required.
   */
  from: string;
  /** The column of the sampling weights. Required. */
  weights: string;
  /**
   * The column of the first-stage strata (or one per stage, as weightedToplines takes
   * them: the first is used). Default: none (one stratum).
   */
  strata?: string | readonly string[];
  /**
   * The column of the PSUs, or one per stage: the first stage's, whose variance is R's
   * ultimate-cluster one (a multistage variance with fpc at later stages needs the
   * respondents: weightedToplines). Default: every respondent is its own PSU, and the
   * query gives Σ(w − w̄)² by stratum instead of sums by PSU.
   */
  psu?: string | readonly string[];
  /** The column of the finite population correction (population sizes or fractions). Default: none. */
  fpc?: string;
  /** Whether PSU identifiers restart in each stratum. Default `false`: a PSU in two strata is reported. */
  nest?: boolean;
  /** The questions: column names, or columns with their missing codes. Required, at least one. */
  questions: readonly (string | SumsColumn)[];
  /** The columns to cross every question by (a question is not crossed by itself). Default: none. */
  by?: string | readonly (string | SumsColumn)[];
  /** The columns of replicate weights, instead of strata, PSUs and fpc. Default: none. */
  replicates?: readonly string[];
  /**
   * Whether `replicates` are multipliers of the weights (the sums are then of w·m_r)
   * rather than whole weights. Default `false`.
   */
  replicateMultipliers?: boolean;
  /**
   * Whether to sum the cross products of the replicate weights, R(R + 1)/2 columns, from
   * which each domain's degrees of freedom come (R's rank-based degf). Default `true`;
   * `false` when the design's degf is known (give it to weightedToplinesFromSums).
   */
  crossProducts?: boolean;
  /**
   * Whether to sum glm's first-iteration terms that the `'logit'` and `'likelihood'`
   * intervals need (two logarithms per row). Default `true`.
   */
  firstStep?: boolean;
  /** The SQL dialect. Default `'duckdb'`. */
  dialect?: SqlDialect;
}

/** What a dialect changes: identifier quotes and type names. */
interface Dialect {
  quote: '"' | '`';
  double: string;
  text: string;
}

const DIALECTS: Record<SqlDialect, Dialect> = {
  duckdb: { quote: '"', double: 'DOUBLE', text: 'VARCHAR' },
  trino: { quote: '"', double: 'DOUBLE', text: 'VARCHAR' },
  postgres: { quote: '"', double: 'DOUBLE PRECISION', text: 'VARCHAR' },
  spark: { quote: '`', double: 'DOUBLE', text: 'STRING' },
  bigquery: { quote: '`', double: 'FLOAT64', text: 'STRING' },
};

/** The columns of every row the query returns, before the replicate sums and cross products. */
export const DESIGN_SUMS_COLUMNS = [
  'part',
  'question',
  'grouping',
  'group_value',
  'stratum',
  'psu',
  'answer',
  'n',
  'sum_w',
  'ss_w',
  'sum_wt',
  'dev',
  'ww',
  'wwz',
  'psus',
  'fpc_min',
  'fpc_max',
  'bad_weights',
  'bad_ids',
  'bad_fpc',
  'bad_replicates',
] as const;

/** The columns checked and read from the options of designSumsSql and weightedToplinesFromSums. */
interface Spec {
  from: string;
  weights: string;
  strata: string | undefined;
  psu: string | undefined;
  fpc: string | undefined;
  nest: boolean;
  questions: SumsColumn[];
  by: SumsColumn[];
  replicates: string[];
  multipliers: boolean;
  crossProducts: boolean;
  firstStep: boolean;
  dialect: Dialect;
  dialectName: SqlDialect;
  /** The columns of strata and psu as given, a stage each: the first is used. */
  stages: Record<string, string[]>;
}

/**
 * The SQL query of the sums a design-based variance needs.
 *
 * One query, plain SQL (WITH, UNION ALL, JOIN, GROUP BY, SUM, COUNT, VAR_POP, LN): run it
 * on any engine — DuckDB on a file too large to load (`toplines weigh --engine duckdb`),
 * or Spark SQL, Trino or BigQuery on a warehouse table — and give its rows to
 * {@link weightedToplinesFromSums}, which finishes them with core's
 * `designSharesFromSums` into the tables {@link weightedToplines} gives from the
 * respondents. The engine does the one pass over the respondents; what comes back is
 * small: one row per domain (question × group), PSU and answer.
 *
 * Every question's domain is the respondents who answered it (NULL, blank text and the
 * `missing` codes left out), in the whole sample and within each value of each `by`
 * column (R's `subset(design, …)`): for each domain, PSU (or stratum, without PSUs) and
 * answer, the row `part = 'sums'` holds COUNT(*) `n`, Σw `sum_w`, Σ(w − w̄)² `ss_w`
 * (without PSUs), glm's first-iteration sums `sum_wt`, `dev`, `ww`, `wwz` (with w̃ = w
 * over the domain's mean weight, which a first aggregate `domains` gives), and with
 * replicate weights `r_1 … r_R` (Σ of each) and `x_a_b` (Σ w_a·w_b, a ≤ b). The rows
 * `part = 'strata'` describe the whole design: each stratum's PSUs, fpc and the count of
 * bad weights, identifiers, fpc and replicate weights; `part = 'psus'` names a PSU found
 * in two strata (without `nest`). Columns are quoted identifiers (an embedded quote
 * doubled; a backtick or backslash refused where backticks quote), missing codes
 * literals; `from` is put in as it is.
 *
 * Cost: the engine reads the rows 2·q·(1 + g) times for q questions and g `by` columns
 * (each domain's mean weight, then the sums); memory is that of a GROUP BY with one group
 * per domain, PSU and answer.
 *
 * @param options - `from`, `weights`, `questions` (required); `strata`, `psu`, `fpc`,
 *   `nest`, `by`, `replicates`, `replicateMultipliers`, `crossProducts`, `firstStep`,
 *   `dialect` (default `'duckdb'`)
 * @returns the query, as text
 * @throws {DataError} `invalid-option` for a missing or empty column name, a name with a
 *   NUL character (or a backtick or backslash in the Spark and BigQuery dialects), a
 *   missing code that is neither a finite number nor a string, replicates together with
 *   strata, psu or fpc, or an unknown dialect
 * @example
 * const sql = designSumsSql({
 *   from: "read_parquet('acs.parquet')",
 *   weights: 'PWGTP',
 *   strata: 'ST',
 *   psu: 'PUMA',
 *   questions: ['SEX', { column: 'SCHL', missing: [99] }],
 *   by: 'ST',
 * });
 * sql.startsWith('WITH "domains" AS ('); // => true
 * sql.includes('GROUP BY "question", "grouping", "group_value", "stratum", "psu", "answer"'); // => true
 */
export function designSumsSql(options: DesignSumsSqlOptions): string {
  return sqlOf(specOf('designSumsSql', options));
}

/** The options checked, as a Spec. */
function specOf(fn: string, options: unknown): Spec {
  const opts = readOptions(fn, dataError, options);
  const dialectName = readChoice(
    fn,
    dataError,
    'dialect',
    opts['dialect'] ?? 'duckdb',
    SQL_DIALECTS,
  );
  const from = opts['from'];
  if (typeof from !== 'string' || from.trim() === '') {
    throw new DataError(
      'invalid-option',
      errorText.option(fn, 'from', 'a table or a table expression', from),
    );
  }
  const stages: Record<string, string[]> = {};
  // a column name; strata and psu may be one per stage (the first is the variance's)
  const name = (key: string, required: boolean): string | undefined => {
    const v = opts[key];
    if (v === undefined && !required) return undefined;
    const list = Array.isArray(v) && key !== 'weights' && key !== 'fpc' ? v : [v];
    if (list.length === 0 || !list.every((c) => typeof c === 'string' && c !== '')) {
      throw new DataError('invalid-option', errorText.option(fn, key, 'a column name', v));
    }
    stages[key] = list as string[];
    return list[0] as string;
  };
  const columns = (key: string, required: boolean): SumsColumn[] => {
    const v = opts[key];
    if (v === undefined && !required) return [];
    const list = typeof v === 'string' ? [v] : v;
    if (!Array.isArray(list) || (required && list.length === 0)) {
      throw new DataError(
        'invalid-option',
        errorText.option(fn, key, 'an array of column names or { column, missing }', v),
      );
    }
    return list.map((c: unknown) => {
      const entry = typeof c === 'string' ? { column: c } : (c as SumsColumn | null);
      const missing = entry?.missing ?? [];
      if (
        typeof entry?.column !== 'string' ||
        entry.column === '' ||
        !Array.isArray(missing) ||
        !missing.every(
          (m) => typeof m === 'string' || (typeof m === 'number' && Number.isFinite(m)),
        )
      ) {
        throw new DataError(
          'invalid-option',
          errorText.option(fn, key, 'column names or { column, missing: codes }', c),
        );
      }
      return { column: entry.column, missing: [...missing] };
    });
  };
  const replicates = opts['replicates'];
  if (
    replicates !== undefined &&
    (!Array.isArray(replicates) ||
      replicates.length < 2 ||
      !replicates.every((r) => typeof r === 'string' && r !== ''))
  ) {
    throw new DataError(
      'invalid-option',
      errorText.option(fn, 'replicates', 'two or more column names', replicates),
    );
  }
  const spec: Spec = {
    from,
    weights: name('weights', true) as string,
    strata: name('strata', false),
    psu: name('psu', false),
    fpc: name('fpc', false),
    nest: opts['nest'] === true,
    questions: columns('questions', true),
    by: columns('by', false),
    replicates: (replicates as string[] | undefined) ?? [],
    multipliers: opts['replicateMultipliers'] === true,
    crossProducts: opts['crossProducts'] !== false,
    firstStep: opts['firstStep'] !== false,
    dialect: DIALECTS[dialectName],
    dialectName,
    stages,
  };
  if (spec.fpc !== undefined && (stages['psu']?.length ?? 0) > 1) {
    throw new DataError('invalid-option', sumsText.multistageFpc(fn));
  }
  if (spec.replicates.length > 0 && (spec.strata ?? spec.psu ?? spec.fpc) !== undefined) {
    throw new DataError('invalid-option', microdataText.replicatesAndPsu(fn));
  }
  // every name must quote in the dialect (checked now, not when the query is written)
  const all = [
    spec.weights,
    spec.strata,
    spec.psu,
    spec.fpc,
    ...spec.questions.map((q) => q.column),
    ...spec.by.map((b) => b.column),
    ...spec.replicates,
  ];
  for (const c of all) if (c !== undefined) identifier(fn, spec, c);
  for (const c of [...spec.questions, ...spec.by]) {
    for (const m of c.missing ?? []) literal(fn, spec, m);
  }
  return spec;
}

/** A column name as a quoted identifier: "a""b" (ANSI), or `a b` where backticks quote. */
function identifier(fn: string, spec: Spec, name: string): string {
  const q = spec.dialect.quote;
  if (name.includes('\u0000') || (q === '`' && /[`\\]/.test(name))) {
    throw new DataError('invalid-option', sumsText.unquotable(fn, name, spec.dialectName));
  }
  return q === '"' ? `"${name.replaceAll('"', '""')}"` : `\`${name}\``;
}

/** A missing code as a SQL literal: a number as written, a string quoted ('' doubled). */
function literal(fn: string, spec: Spec, value: string | number): string {
  if (typeof value === 'number') return String(value);
  if (value.includes('\u0000') || (spec.dialect.quote === '`' && /['\\]/.test(value))) {
    throw new DataError('invalid-option', sumsText.unquotable(fn, value, spec.dialectName));
  }
  return `'${value.replaceAll("'", "''")}'`;
}

/** The query of a checked spec. */
function sqlOf(spec: Spec): string {
  const fn = 'designSumsSql';
  const id = (name: string) => identifier(fn, spec, name);
  const { double, text } = spec.dialect;
  const w = `CAST(${id(spec.weights)} AS ${double})`;
  const asText = (name: string) => `CAST(${id(name)} AS ${text})`;
  const answered = (c: SumsColumn) =>
    [
      `${id(c.column)} IS NOT NULL`,
      `TRIM(${asText(c.column)}) <> ''`,
      ...((c.missing ?? []).length > 0
        ? [
            `${id(c.column)} NOT IN (${(c.missing ?? []).map((m) => literal(fn, spec, m)).join(', ')})`,
          ]
        : []),
    ].join(' AND ');
  const R = spec.replicates.length;
  const replicate = (r: string) =>
    spec.multipliers ? `${w} * CAST(${id(r)} AS ${double})` : `CAST(${id(r)} AS ${double})`;
  // each domain: a question, and the whole sample (grouping 0) or a by column's value
  const domains: { question: number; grouping: number; where: string; value: string }[] = [];
  spec.questions.forEach((q, qi) => {
    domains.push({ question: qi, grouping: 0, where: answered(q), value: "''" });
    spec.by.forEach((b, bi) => {
      if (b.column === q.column) return;
      domains.push({
        question: qi,
        grouping: bi + 1,
        where: `${answered(q)} AND ${answered(b)}`,
        value: asText(b.column),
      });
    });
  });
  const quoted = (name: string) => (spec.dialect.quote === '"' ? `"${name}"` : `\`${name}\``);
  const meanBranches = domains.map(
    (d) =>
      `  SELECT ${d.question} AS ${quoted('question')}, ${d.grouping} AS ${quoted('grouping')}, ${d.value} AS ${quoted('group_value')}, SUM(${w}) / COUNT(*) AS ${quoted('mean_w')}\n  FROM ${spec.from}\n  WHERE ${d.where}${d.grouping === 0 ? '' : `\n  GROUP BY ${d.value}`}`,
  );
  // strata and PSUs keep their type (the same column in every branch): grouping on
  // integers is faster than on text
  const stratum = spec.strata === undefined ? "''" : id(spec.strata);
  const psu = spec.psu === undefined ? 'NULL' : id(spec.psu);
  const rowBranches = domains.map((d) => {
    const q = spec.questions[d.question] as SumsColumn;
    const columns = [
      `${d.question} AS ${quoted('question')}`,
      `${d.grouping} AS ${quoted('grouping')}`,
      `${d.value} AS ${quoted('group_value')}`,
      `${stratum} AS ${quoted('stratum')}`,
      `${psu} AS ${quoted('psu')}`,
      `${asText(q.column)} AS ${quoted('answer')}`,
      `${w} AS ${quoted('w')}`,
      ...spec.replicates.map((r, i) => `${replicate(r)} AS ${quoted(`rw_${i + 1}`)}`),
    ];
    return `    SELECT ${columns.join(', ')}\n    FROM ${spec.from}\n    WHERE ${d.where}`;
  });
  const keys = ['question', 'grouping', 'group_value', 'stratum', 'psu', 'answer'].map(quoted);
  const k = (name: string) => quoted(name);
  const wt = k('wt');
  const u = k('u');
  const out = (expression: string, name: string) => ({ name, expression });
  const sums = [
    out("'sums'", 'part'),
    ...keys.map((key, i) => out(key, DESIGN_SUMS_COLUMNS[i + 1] as string)),
    out('COUNT(*)', 'n'),
    out(`SUM(${k('w')})`, 'sum_w'),
    out(spec.psu === undefined && R === 0 ? `COUNT(*) * VAR_POP(${k('w')})` : 'NULL', 'ss_w'),
    out(spec.firstStep ? `SUM(${wt})` : 'NULL', 'sum_wt'),
    out(spec.firstStep ? `SUM(2 * ${wt} * LN(1 + 1 / ${u}))` : 'NULL', 'dev'),
    out(spec.firstStep ? `SUM(${wt} * ${u} / ((${u} + 1) * (${u} + 1)))` : 'NULL', 'ww'),
    out(
      spec.firstStep
        ? `SUM(${wt} * ${u} / ((${u} + 1) * (${u} + 1)) * (LN(${u}) + (${u} + 1) / ${u}))`
        : 'NULL',
      'wwz',
    ),
    ...['psus', 'fpc_min', 'fpc_max', 'bad_weights', 'bad_ids', 'bad_fpc', 'bad_replicates'].map(
      (name) => out('NULL', name),
    ),
    ...spec.replicates.map((_, i) => out(`SUM(${k(`rw_${i + 1}`)})`, `r_${i + 1}`)),
    ...(spec.crossProducts
      ? crossNames(R).map(([a, b]) => out(`SUM(${k(`rw_${a}`)} * ${k(`rw_${b}`)})`, `x_${a}_${b}`))
      : []),
  ];
  const finite = (x: string) => `${x} > 0 AND ${x} < 1e308`;
  const countIf = (condition: string) => `SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;
  const f = spec.fpc === undefined ? undefined : `CAST(${id(spec.fpc)} AS ${double})`;
  const design: Record<string, string> = {
    part: "'strata'",
    stratum,
    n: 'COUNT(*)',
    psus: spec.psu === undefined ? 'COUNT(*)' : `COUNT(DISTINCT ${psu})`,
    fpc_min: f === undefined ? 'NULL' : `MIN(${f})`,
    fpc_max: f === undefined ? 'NULL' : `MAX(${f})`,
    bad_weights: countIf(`${w} IS NULL OR NOT (${finite(w)})`),
    bad_ids:
      spec.psu === undefined ? '0' : countIf(`${psu} IS NULL OR TRIM(${asText(spec.psu)}) = ''`),
    bad_fpc: f === undefined ? '0' : countIf(`${f} IS NULL OR NOT (${f} >= 0 AND ${f} < 1e308)`),
    bad_replicates:
      R === 0
        ? '0'
        : countIf(
            spec.replicates
              .map((r) => `${id(r)} IS NULL OR NOT (${id(r)} >= 0 AND ${id(r)} < 1e308)`)
              .join(' OR '),
          ),
    // over every respondent: the design's own degrees of freedom (the rank of all the
    // replicate weights), as the domain of everyone
    sum_w: `SUM(${w})`,
    ...Object.fromEntries(spec.replicates.map((r, i) => [`r_${i + 1}`, `SUM(${replicate(r)})`])),
    ...(spec.crossProducts
      ? Object.fromEntries(
          crossNames(R).map(([a, b]) => [
            `x_${a}_${b}`,
            `SUM(${replicate(spec.replicates[a - 1] as string)} * ${replicate(spec.replicates[b - 1] as string)})`,
          ]),
        )
      : {}),
  };
  const branch = (values: Record<string, string>) =>
    sums.map((c) => `${values[c.name] ?? 'NULL'} AS ${quoted(c.name)}`).join(', ');
  const rowsOf = `(\n${rowBranches.join('\n    UNION ALL\n')}\n    ) ${quoted('r')}`;
  const scaled = spec.firstStep
    ? `(\n  SELECT ${quoted('a')}.*, 2 * ${quoted('a')}.${wt} + 1 AS ${u}\n  FROM (\n    SELECT ${quoted('r')}.*, ${quoted('r')}.${k('w')} / ${quoted('d')}.${k('mean_w')} AS ${wt}\n    FROM ${rowsOf}\n    JOIN ${quoted('domains')} ${quoted('d')}\n      ON ${['question', 'grouping', 'group_value'].map((c) => `${quoted('r')}.${k(c)} = ${quoted('d')}.${k(c)}`).join(' AND ')}\n  ) ${quoted('a')}\n) ${quoted('s')}`
    : rowsOf;
  const parts = [
    `SELECT ${sums.map((c) => `${c.expression} AS ${quoted(c.name)}`).join(',\n  ')}\nFROM ${scaled}\nGROUP BY ${keys.join(', ')}`,
    `SELECT ${branch(design)}\nFROM ${spec.from}${spec.strata === undefined ? '' : `\nGROUP BY ${stratum}`}`,
  ];
  if (spec.strata !== undefined && spec.psu !== undefined && !spec.nest) {
    parts.push(
      `SELECT ${branch({
        part: "'psus'",
        stratum: `MIN(${stratum})`,
        group_value: `CAST(MAX(${stratum}) AS ${text})`,
        psu,
        psus: `COUNT(DISTINCT ${stratum})`,
      })}\nFROM ${spec.from}\nGROUP BY ${psu}\nHAVING COUNT(DISTINCT ${stratum}) > 1`,
    );
  }
  const body = `${parts.join('\nUNION ALL\n')}\n`;
  return spec.firstStep
    ? `WITH ${quoted('domains')} AS (\n${meanBranches.join('\n  UNION ALL\n')}\n)\n${body}`
    : body;
}

/** The pairs a ≤ b of 1…R, in order: the cross products' columns. */
function crossNames(R: number): [number, number][] {
  const pairs: [number, number][] = [];
  for (let a = 1; a <= R; a++) for (let b = a; b <= R; b++) pairs.push([a, b]);
  return pairs;
}

/** Options of {@link weightedToplinesFromSums}: the columns given to designSumsSql, and how to estimate. */
export interface WeightedToplinesFromSumsOptions
  extends Omit<DesignSumsSqlOptions, 'from' | 'dialect' | 'crossProducts' | 'firstStep'> {
  /** A stratum with one PSU, as weightedToplines' option. Default `'fail'`. */
  lonelyPsu?: LonelyPsu;
  /** The replication method of `replicates`. Required with replicates. */
  replicateType?: ReplicateType;
  /**
   * More about the replicates, as core's `replicateDesignFromSums` takes it: `scale`,
   * `rscales`, `mse`, `rho`, `degf`. Default: R's defaults for whole replicate weights.
   */
  replicateOptions?: Omit<ReplicateDesignFromSumsOptions, 'type' | 'replicates'>;
  /** Confidence level, in (0, 1). Default `0.95`. */
  level?: number;
  /** Interval method, as weightedToplines'. Default `'logit'`. */
  method?: DesignProportionMethod;
  /** The survey's id in the tables. Default `'microdata'`. */
  surveyId?: string;
  /**
   * The columns' labels: value labels name the options and groups, variable labels the
   * questions. Their missing codes must be given to designSumsSql (`missing` of a
   * column): the sums are already of the respondents who answered. Default: none.
   */
  labels?: Record<string, VariableLabels>;
  /**
   * How the answers and groups of a column read back from the query's text:
   * `'number'`, `'string'` or `'boolean'`, by column name. Default: numbers when every
   * value of the column reads as a number, else text (as parseMicrodataCsv reads a CSV).
   */
  types?: Record<string, 'number' | 'string' | 'boolean'>;
}

/** What {@link weightedToplinesFromSums} returns: weightedToplines' tables, and the design from sums. */
export interface WeightedToplinesFromSums {
  /** The results layout, with the columns of {@link WEIGHTED_TOPLINES_COLUMNS}, as weightedToplines gives it. */
  results: ColumnTable;
  /** One row: the survey, as weightedToplines gives it. */
  surveys: ColumnTable;
  /** One row per question, as weightedToplines gives it. */
  questions: ColumnTable;
  /** The design the estimates come from (core's surveyDesignFromSums or replicateDesignFromSums). */
  design: AggregateDesign;
  /**
   * The design's degrees of freedom (R's `degf(design)`): PSUs less strata, the degf given
   * with the replicates, or the rank of every respondent's replicate weights less 1 (from
   * the cross products the query sums over all rows). Each domain's own are in its rows'
   * intervals.
   */
  degf: number;
}

/** A number as a CSV (or an engine casting a number to text) writes it. */
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A row of the query, as an engine's client gives it (BIGINT counts may be bigint). */
type SumsRow = Record<string, unknown>;

/**
 * Weighted toplines from the sums of {@link designSumsSql}.
 *
 * Finishes the rows that {@link designSumsSql}'s query returns — from DuckDB, Spark SQL,
 * Trino, BigQuery or any engine — into the tables {@link weightedToplines} gives from the
 * respondents: the results layout (one row per question × group × option, with `se`,
 * the interval, `deff`, `n_effective` and `covariance`), the surveys and the questions.
 * Each domain's sums go to core's `designSharesFromSums`, so the numbers are the
 * respondents' to rounding (1e-12 on R's api data); the options are those given to
 * designSumsSql, and weightedToplines' own. A multistage design with fpc at later stages
 * needs the respondents (weightedToplines): the sums give the first stage's variance.
 *
 * Cost: O(rows) to gather the sums, and core's O(PSUs·k²) per domain.
 *
 * @param rows - the query's rows, as objects by column name (bigint counts are read)
 * @param options - the columns given to designSumsSql; `lonelyPsu`, `replicateType`,
 *   `replicateOptions`, `level`, `method`, `surveyId`, `labels`, `types`
 * @returns the results, surveys and questions tables, and the design
 * @throws {DataError} `invalid-value` for a weight that is not a number above 0, a
 *   missing stratum or PSU, an fpc that is missing or varies within a stratum, a
 *   replicate weight below 0, a PSU in two strata (without nest), or a question nobody
 *   answered; `invalid-option` for a bad option; core's ToplinesError for a design R's
 *   survey refuses (a lonely PSU under `'fail'`)
 * @example
 * // not run: needs an engine (see toplines weigh --engine duckdb)
 * const sql = designSumsSql({ from: 'people', weights: 'w', strata: 's', psu: 'c', questions: ['q'] });
 * const rows = await connection.runAndReadAll(sql).then((r) => r.getRowObjects());
 * weightedToplinesFromSums(rows, { weights: 'w', strata: 's', psu: 'c', questions: ['q'] }).results;
 */
export function weightedToplinesFromSums(
  rows: readonly Record<string, unknown>[],
  options: WeightedToplinesFromSumsOptions,
): WeightedToplinesFromSums {
  const fn = 'weightedToplinesFromSums';
  const opts = readOptions(fn, dataError, options);
  const spec = specOf(fn, { ...opts, from: 'rows' });
  if (!Array.isArray(rows)) {
    throw new DataError(
      'invalid-type',
      errorText.option(fn, 'rows', 'an array of row objects', rows),
    );
  }
  const { level, method, surveyId } = microdataOptions(fn, opts);
  const labels = (opts['labels'] ?? {}) as Record<string, VariableLabels>;
  const types = (opts['types'] ?? {}) as Record<string, string>;
  const num = (v: unknown): number => (typeof v === 'bigint' ? Number(v) : (v as number));
  const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

  // the design: each stratum's PSUs and fpc, and the bad values the engine counted
  const strata: { stratum: string; psus: number; fpc?: number }[] = [];
  const strataRows: SumsRow[] = [];
  const domains = new Map<string, SumsRow[]>();
  let n = 0;
  for (const row of rows) {
    const part = row['part'];
    if (part === 'strata') {
      const stratum = row['stratum'];
      n += num(row['n']);
      const bad = (key: string) => num(row[key] ?? 0);
      if (bad('bad_weights') > 0)
        throw new DataError(
          'invalid-value',
          sumsText.badWeights(fn, spec.weights, bad('bad_weights')),
        );
      if (bad('bad_replicates') > 0)
        throw new DataError('invalid-value', sumsText.badReplicates(fn, bad('bad_replicates')));
      if (
        stratum === null ||
        stratum === undefined ||
        (spec.strata !== undefined && str(stratum).trim() === '')
      )
        throw new DataError(
          'invalid-value',
          sumsText.missingIds(fn, 'stratum', spec.strata ?? '', num(row['n'])),
        );
      if (bad('bad_ids') > 0)
        throw new DataError(
          'invalid-value',
          sumsText.missingIds(fn, 'PSU', spec.psu ?? '', bad('bad_ids')),
        );
      if (
        bad('bad_fpc') > 0 ||
        (spec.fpc !== undefined && num(row['fpc_min']) !== num(row['fpc_max']))
      )
        throw new DataError(
          'invalid-value',
          sumsText.badFpc(fn, spec.fpc ?? '', str(stratum), row['fpc_min'], row['fpc_max']),
        );
      strataRows.push(row);
      strata.push({
        stratum: str(stratum),
        psus: num(row['psus']),
        ...(spec.fpc === undefined ? {} : { fpc: num(row['fpc_min']) }),
      });
    } else if (part === 'psus') {
      throw new DataError(
        'invalid-value',
        sumsText.psuInTwoStrata(fn, str(row['psu']), str(row['stratum']), str(row['group_value'])),
      );
    } else if (part === 'sums') {
      const key = `${num(row['question'])}\u0000${num(row['grouping'])}\u0000${str(row['group_value'])}`;
      const list = domains.get(key);
      if (list === undefined) domains.set(key, [row]);
      else list.push(row);
    } else {
      throw new DataError('invalid-value', sumsText.notSums(fn, part));
    }
  }
  if (n < 2) throw new DataError('invalid-value', microdataText.noRespondents(fn));

  let design: AggregateDesign;
  let degf: number;
  const described = [`weights ${spec.weights}`];
  const R = spec.replicates.length;
  if (R > 0) {
    if (opts['replicateType'] === undefined)
      throw new DataError('invalid-option', microdataText.noReplicateType(fn));
    const type = readChoice(fn, dataError, 'replicateType', opts['replicateType'], REPLICATE_TYPES);
    const more = readOptions(fn, dataError, opts['replicateOptions'], 'replicateOptions');
    design = replicateDesignFromSums({ ...more, type, replicates: R });
    described.push(`${R} ${type} replicate weights (${spec.replicates[0]}…)`);
    if (design.degf === null) {
      // R's degf(design): the rank of every respondent's replicate weights less 1, the
      // degrees of freedom of the domain of everyone
      const all = domainSums(
        strataRows.map((r) => ({ ...r, answer: 'all', sum_wt: null })),
        () => 'all',
        R,
      );
      degf = designSharesFromSums(all, design, { method: 'mean' }).df;
    } else degf = design.degf;
  } else {
    const lonelyPsu = readChoice(
      fn,
      dataError,
      'lonelyPsu',
      opts['lonelyPsu'] ?? 'fail',
      LONELY_PSU_CHOICES,
    );
    strata.sort((a, b) => (a.stratum < b.stratum ? -1 : a.stratum > b.stratum ? 1 : 0));
    design = surveyDesignFromSums({ strata, nest: spec.nest, lonelyPsu });
    degf = design.degf;
    if (spec.strata !== undefined) described.push(`strata ${spec.stages['strata']?.join(' + ')}`);
    if (spec.psu !== undefined) described.push(`PSUs ${spec.stages['psu']?.join(' + ')}`);
    if (spec.fpc !== undefined) described.push(`fpc ${spec.fpc}`);
  }

  /** How a column's text reads back: its type given, or numbers when every value is one. */
  const readers = new Map<string, (text: string) => Category>();
  const readerOf = (column: string, texts: Iterable<string>): ((text: string) => Category) => {
    let reader = readers.get(column);
    if (reader === undefined) {
      const type =
        types[column] ?? ([...texts].every((t) => NUMBER.test(t.trim())) ? 'number' : 'string');
      reader =
        type === 'number'
          ? (t) => Number(t)
          : type === 'boolean'
            ? (t) => t.trim().toLowerCase() === 'true'
            : (t) => t;
      readers.set(column, reader);
    }
    return reader;
  };
  const shownOf = (column: string) => {
    const named = new Map<unknown, string>(
      (labels[column]?.values ?? []).map((e) => [e.value, e.label]),
    );
    return (value: Category): string => named.get(value) ?? String(value);
  };

  const out = Object.fromEntries(
    WEIGHTED_TOPLINES_COLUMNS.map((name) => [name, [] as unknown[]]),
  ) as Record<(typeof WEIGHTED_TOPLINES_COLUMNS)[number], unknown[]>;
  const wording: (string | null)[] = [];
  spec.questions.forEach((q, qi) => {
    wording.push(labels[q.column]?.label ?? null);
    const total = domains.get(`${qi}\u0000${0}\u0000`);
    if (total === undefined)
      throw new DataError('invalid-value', microdataText.noAnswers(fn, q.column));
    // the answers of everyone who answered, in core's order (numbers, strings, booleans)
    const questionRows = [...domains.entries()].filter(([key]) => key.startsWith(`${qi}\u0000`));
    const read = readerOf(
      q.column,
      questionRows.flatMap(([, list]) => list.map((r) => str(r['answer']))),
    );
    const levels = [...new Set(total.map((r) => read(str(r['answer']))))].sort(compareCategories);
    const shown = levels.map(shownOf(q.column));
    const groups: { dim: string; value: string; rows: SumsRow[] }[] = [
      { dim: 'total', value: 'total', rows: total },
    ];
    spec.by.forEach((b, bi) => {
      if (b.column === q.column) return;
      const found = questionRows.filter(([key]) => key.startsWith(`${qi}\u0000${bi + 1}\u0000`));
      const readGroup = readerOf(
        b.column,
        found.map(([, list]) => str(list[0]?.['group_value'])),
      );
      const show = shownOf(b.column);
      const values = found
        .map(([, list]) => ({ value: readGroup(str(list[0]?.['group_value'])), rows: list }))
        .sort((a, c) => compareCategories(a.value, c.value));
      for (const g of values) groups.push({ dim: b.column, value: show(g.value), rows: g.rows });
    });
    for (const group of groups) {
      const sums = domainSums(group.rows, read, R);
      const shares = designSharesFromSums(sums, design, { level, method, levels });
      appendShares(out, shares, {
        surveyId,
        question: q.column,
        dim: group.dim,
        value: group.value,
        shown,
      });
    }
  });
  const questions = spec.questions.map((q) => q.column);
  return {
    ...microdataTables(out, { surveyId, n, described, questions, wording }),
    design,
    degf,
  };
}

/** One domain's rows as core's DomainSums: by PSU (or stratum), or per answer with replicates. */
function domainSums(rows: SumsRow[], read: (text: string) => Category, R: number): DomainSums {
  const num = (v: unknown): number =>
    v === null || v === undefined ? 0 : typeof v === 'bigint' ? Number(v) : (v as number);
  const categories: Category[] = [];
  const index = new Map<Category, number>();
  const answerOf = rows.map((r) => {
    const c = read(String(r['answer']));
    let i = index.get(c);
    if (i === undefined) {
      i = categories.length;
      index.set(c, i);
      categories.push(c);
    }
    return i;
  });
  const m = categories.length;
  const zeros = () => new Array<number>(m).fill(0);
  const firstStep = {
    scaledWeights: zeros(),
    deviance: zeros(),
    workingWeights: zeros(),
    workingResponses: zeros(),
  };
  const add = (array: number[], i: number, v: unknown) => {
    array[i] = (array[i] as number) + num(v);
  };
  rows.forEach((r, j) => {
    const i = answerOf[j] as number;
    add(firstStep.scaledWeights, i, r['sum_wt']);
    add(firstStep.deviance, i, r['dev']);
    add(firstStep.workingWeights, i, r['ww']);
    add(firstStep.workingResponses, i, r['wwz']);
  });
  const withFirst =
    rows[0]?.['sum_wt'] === null || rows[0]?.['sum_wt'] === undefined ? {} : { firstStep };
  if (R > 0) {
    const counts = zeros();
    const sumWeights = zeros();
    const replicateSums = categories.map(() => new Array<number>(R).fill(0));
    const crossGiven = rows[0]?.['x_1_1'] !== undefined && rows[0]?.['x_1_1'] !== null;
    const cross = new Array<number>(crossGiven ? R * R : 0).fill(0);
    rows.forEach((r, j) => {
      const i = answerOf[j] as number;
      add(counts, i, r['n']);
      add(sumWeights, i, r['sum_w']);
      const sums = replicateSums[i] as number[];
      for (let a = 1; a <= R; a++) {
        add(sums, a - 1, r[`r_${a}`]);
        if (crossGiven)
          for (let b = a; b <= R; b++) add(cross, (a - 1) * R + (b - 1), r[`x_${a}_${b}`]);
      }
    });
    return {
      categories,
      counts,
      sumWeights,
      replicateSums,
      ...(crossGiven ? { replicateCrossProducts: cross } : {}),
      ...withFirst,
    };
  }
  const cells = new Map<
    string,
    SumsCell & { counts: number[]; sumWeights: number[]; squaredDeviations?: number[] }
  >();
  rows.forEach((r, j) => {
    const i = answerOf[j] as number;
    const psu = r['psu'];
    const key = `${String(r['stratum'])}\u0000${psu === null || psu === undefined ? '' : String(psu)}`;
    let cell = cells.get(key);
    if (cell === undefined) {
      cell = {
        stratum: String(r['stratum']),
        ...(psu === null || psu === undefined
          ? { squaredDeviations: zeros() }
          : { psu: String(psu) }),
        counts: zeros(),
        sumWeights: zeros(),
      };
      cells.set(key, cell);
    }
    add(cell.counts, i, r['n']);
    add(cell.sumWeights, i, r['sum_w']);
    if (cell.squaredDeviations !== undefined) add(cell.squaredDeviations, i, r['ss_w']);
  });
  return { categories, cells: [...cells.values()], ...withFirst };
}

/** Numbers, then strings (by code unit), then booleans (false first): core's order, as weightedToplines sorts. */
function compareCategories(a: Category, b: Category): number {
  const rank = (v: Category): number => (typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : 2);
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  return a < b ? -1 : a > b ? 1 : 0;
}
