import type { ColumnTable } from 'arquero';

/**
 * A field of a Frictionless Table Schema (v2): the part of it this package reads.
 *
 * Supported types: `string`, `integer`, `number`, `boolean`, `date`, `year`;
 * any other type is read as a string and not checked. Supported constraints:
 * `required`, `unique`, `enum`, `pattern`, `minimum`, `maximum`, `minLength`,
 * `maxLength`; `format: "uri"` on strings.
 *
 * @example
 * // not run: illustrates the type
 * const field: FieldDescriptor = { name: 'percent', type: 'number', constraints: { required: true, minimum: 0, maximum: 100 } };
 */
export interface FieldDescriptor {
  /** Column name, as in the CSV header. */
  name: string;
  /** Table Schema type. Default `"string"`. */
  type?: string;
  /** Type format, e.g. `"uri"` for a string or `"default"` for a date (YYYY-MM-DD). */
  format?: string;
  /** Human description of the column. */
  description?: string;
  /** Texts that mean true, for a boolean. Default `["true", "True", "TRUE", "1"]`. */
  trueValues?: string[];
  /** Texts that mean false, for a boolean. Default `["false", "False", "FALSE", "0"]`. */
  falseValues?: string[];
  /** Constraints every value must meet. */
  constraints?: {
    required?: boolean;
    unique?: boolean;
    enum?: unknown[];
    pattern?: string;
    minimum?: number | string;
    maximum?: number | string;
    minLength?: number;
    maxLength?: number;
  };
}

/**
 * A foreign key of a Table Schema. An empty or absent `resource` means the same resource.
 *
 * @example
 * // not run: illustrates the type
 * const fk: ForeignKeyDescriptor = { fields: ['source_id'], reference: { resource: 'sources', fields: ['source_id'] } };
 */
export interface ForeignKeyDescriptor {
  fields: string | string[];
  reference: { resource?: string; fields: string | string[] };
}

/**
 * A Frictionless Table Schema (v2): the part of it this package reads.
 *
 * @example
 * // not run: illustrates the type
 * const schema: TableSchemaDescriptor = { fields: [{ name: 'id' }], primaryKey: ['id'] };
 */
export interface TableSchemaDescriptor {
  fields: FieldDescriptor[];
  /** Texts that mean "no value". Default `[""]`. */
  missingValues?: string[];
  primaryKey?: string | string[];
  foreignKeys?: ForeignKeyDescriptor[];
}

/**
 * A tabular resource of a Data Package descriptor.
 *
 * @example
 * // not run: illustrates the type
 * const resource: ResourceDescriptor = { name: 'results', path: 'results.csv', schema: { fields: [{ name: 'percent', type: 'number' }] } };
 */
export interface ResourceDescriptor {
  name: string;
  /** Path of the CSV file, relative to the descriptor. */
  path: string;
  /** The Table Schema, inline (a path to a JSON schema is read through `readResource`). */
  schema?: TableSchemaDescriptor | string;
  format?: string;
  /** CSV dialect: only `delimiter`, `quoteChar` and `header` (must be true) are read. */
  dialect?: { delimiter?: string; quoteChar?: string; header?: boolean };
  [key: string]: unknown;
}

/**
 * A Frictionless Data Package (v2) descriptor: the part of it this package reads.
 *
 * @example
 * bundledDescriptor().resources.length; // => 4
 */
export interface DataPackageDescriptor {
  name?: string;
  title?: string;
  resources: ResourceDescriptor[];
  [key: string]: unknown;
}

/**
 * A cell value after casting by its Table Schema type. Dates stay ISO `YYYY-MM-DD` strings.
 *
 * @example
 * // a string, not a Date
 * surveys().get('field_start', 0); // => '2025-08-19'
 */
export type CellValue = string | number | boolean | null;

/**
 * One tabular resource as read: the typed arquero table, and the cells as
 * written in the CSV so that validation can point at the text.
 *
 * @example
 * // the text cell
 * load().resources.find((r) => r.name === 'results')?.rows[0]?.[5]; // => '45'
 */
export interface ResourceData {
  /** Resource name, e.g. `"results"`. */
  readonly name: string;
  /** Path of its CSV, as the descriptor gives it (used as `file` in issues). */
  readonly path: string;
  /** The resource's Table Schema. */
  readonly schema: TableSchemaDescriptor;
  /**
   * The typed table: one column per schema field (integers and numbers as
   * numbers, booleans as booleans, empty cells and cells that fail to cast as
   * `null`, dates as ISO strings). A `percent` field also gets a
   * `percent_text` column: the figure as printed ("31.0"), whose decimals tell
   * the rounding precision.
   */
  readonly table: ColumnTable;
  /** The CSV header as written. */
  readonly header: readonly string[];
  /** The data rows as written (text cells), in file order. */
  readonly rows: readonly (readonly string[])[];
  /** The 1-based line of the file each data row starts on. */
  readonly lines: readonly number[];
  /** Problems met while reading the text (CSV syntax; the defaults of a simple-layout CSV). */
  readonly readIssues: readonly ValidationIssue[];
  /**
   * The file's own name of each column whose schema field has another name
   * (a results CSV in the simple layout: `question` for `question_id`, `n`
   * for `base_n`): issues name the column as the file does. `header` then
   * holds the field names.
   */
  readonly columnNames?: Readonly<Record<string, string>>;
}

/**
 * A Data Package as read by {@link parseDataPackage}, {@link parseResultsCsv}
 * or {@link load}: its descriptor, each tabular resource, and the four tables
 * of the toplines layout when the package has them.
 *
 * @example
 * const pkg = parseResultsCsv(
 *   'survey_id,question_id,group_dim,group_value,option,percent,qualifier,is_net,base_n,source_id,quote\n' +
 *   'p,q,total,total,yes,40.5,exact,false,1037,s,40.5%\n',
 * );
 * pkg.results?.numRows(); // => 1
 * // a results CSV alone
 * pkg.surveys; // => undefined
 */
export interface DataPackage {
  readonly descriptor: DataPackageDescriptor;
  readonly resources: readonly ResourceData[];
  readonly sources?: ColumnTable;
  readonly surveys?: ColumnTable;
  readonly questions?: ColumnTable;
  readonly results?: ColumnTable;
}

/**
 * A Data Package that holds all four tables of the toplines layout, like the bundled one.
 *
 * @example
 * const { sources, surveys, questions, results } = load();
 * [sources, surveys, questions, results].every((t) => t.numRows() > 0); // => true
 */
export interface ToplinesPackage extends DataPackage {
  readonly sources: ColumnTable;
  readonly surveys: ColumnTable;
  readonly questions: ColumnTable;
  readonly results: ColumnTable;
}

/**
 * How bad a {@link ValidationIssue} is: errors make data invalid, warnings ask for a look.
 *
 * @example
 * validate(load()).warnings.filter((i) => i.severity === 'error'); // => []
 */
export type Severity = 'error' | 'warning';

/**
 * The machine-readable kind of a {@link ValidationIssue}.
 *
 * Schema and file: `csv-syntax`, `missing-column`, `extra-column` (warning),
 * `duplicate-column`, `row-length`, `type`, `required`, `enum`, `pattern`,
 * `format`, `minimum`, `maximum`, `length`, `unique`, `primary-key`,
 * `duplicate-row`, `foreign-key`.
 *
 * Survey logic: `sum-over-100` (a single-choice or scale question whose exact,
 * non-net shares exceed 100 beyond rounding), `likely-multiple` (the same, by
 * more than 10 points: a check-all question labelled single), `sum-unknown-type`
 * (warning: shares past 100 where the question type is unknown),
 * `inconsistent-percent` (no count out of n rounds to the printed percent),
 * `base-exceeds-n`, `base-differs-from-n` (warning).
 *
 * Quotes: `quote-missing-percent` (the quote does not contain the figure as
 * printed), `quote-without-figure` (warning: a quote with no figure in
 * digits nor in words, such as "a quarter"), `quote-not-in-source`,
 * `document-missing` (warning: the source text was not available to check
 * against).
 *
 * The simple layout of a results CSV (warnings): `default-survey` (no
 * survey column: one survey, named from the file), `no-quote` (no quote
 * column, or empty quotes), `survey-n-unclear` and `survey-moe-unclear`
 * (whole-sample rows that disagree on the survey's n or margin).
 *
 * @example
 * validate(load()).errors.filter((i) => i.code === 'foreign-key'); // => []
 */
export type ValidationCode =
  | 'csv-syntax'
  | 'missing-column'
  | 'extra-column'
  | 'duplicate-column'
  | 'row-length'
  | 'type'
  | 'required'
  | 'enum'
  | 'pattern'
  | 'format'
  | 'minimum'
  | 'maximum'
  | 'length'
  | 'unique'
  | 'primary-key'
  | 'duplicate-row'
  | 'foreign-key'
  | 'sum-over-100'
  | 'likely-multiple'
  | 'sum-unknown-type'
  | 'inconsistent-percent'
  | 'proportions-not-percent'
  | 'base-exceeds-n'
  | 'base-differs-from-n'
  | 'quote-missing-percent'
  | 'quote-not-in-source'
  | 'quote-without-figure'
  | 'document-missing'
  | 'default-survey'
  | 'no-quote'
  | 'survey-n-unclear'
  | 'survey-moe-unclear';

/**
 * One problem found by {@link validate}, located in the file.
 *
 * Row convention: `row` counts data rows from 1; the header is row 0; `null`
 * for a problem with a whole file. `line` is the 1-based line of the file
 * where the row starts (it differs from `row + 1` only when a quoted cell
 * spans lines).
 *
 * @example
 * // not run: the shape of one issue, as printed
 * // { code: 'type', severity: 'error', file: 'results.csv', row: 5, line: 6,
 * //   column: 'percent', value: 'about seven',
 * //   message: 'results.csv, row 5 (line 6), column "percent": "about seven" is not a number' }
 */
export interface ValidationIssue {
  readonly code: ValidationCode;
  readonly severity: Severity;
  /** The resource's file, e.g. `"results.csv"`. */
  readonly file: string;
  /** 1-based data row (header = 0), or `null` for the whole file. */
  readonly row: number | null;
  /** 1-based line of the file the row starts on, or `null`. */
  readonly line: number | null;
  /** Column name, or `null` when the issue is about a whole row. */
  readonly column: string | null;
  /** The offending value as written in the file (or a computed figure such as a sum), or `null`. */
  readonly value: string | null;
  /** What is wrong, in a sentence that names the file, row, column and value. */
  readonly message: string;
}

/**
 * The result of {@link validate}: errors and warnings, each in file order.
 *
 * @example
 * const { errors, warnings } = validate(load());
 * errors; // => []
 * warnings.every((w) => w.severity === 'warning'); // => true
 */
export interface ValidationReport {
  readonly errors: ValidationIssue[];
  readonly warnings: ValidationIssue[];
}
