// The simple layout of a results CSV: `question,option,percent` and what
// else the user has (survey, group, n, moe, quote, confidence, or any column
// of the full layout by its full name), read into the full results layout
// with documented defaults in place of what is missing — never a made-up
// figure, n, margin or quote. Internal: parseResultsCsv calls it.
import { type ColumnTable, table } from 'arquero';
import { issue } from '../errors';
import { castField } from '../format/cast-field';
import { countCell, marginCell, percentCell } from '../format/figure-text';
import type { CsvText } from '../format/parse-csv';
import { simpleText } from '../messages';
import type { FieldDescriptor, TableSchemaDescriptor, ValidationIssue } from '../types';
import { TOTAL } from '../util/sample-size';

/** The short names of the simple layout and the column of the full layout each fills. */
const ALIASES: Readonly<Record<string, string>> = {
  question: 'question_id',
  survey: 'survey_id',
  group: 'group_value',
  n: 'base_n',
};

/** The columns of the full results layout, in its order. */
const FULL = [
  'survey_id',
  'question_id',
  'group_dim',
  'group_value',
  'option',
  'percent',
  'qualifier',
  'is_net',
  'base_n',
  'source_id',
  'quote',
] as const;

/** Columns only the simple layout has: the survey's published margin, and `toplines read`'s flag. */
const SIMPLE_FIELDS: readonly FieldDescriptor[] = [
  {
    name: 'moe',
    type: 'number',
    description:
      "The survey's published margin of error, in percentage points (3.1 for ±3.1); " +
      'read from the whole-sample rows',
    constraints: { minimum: 0, maximum: 100 },
  },
  {
    name: 'confidence',
    type: 'string',
    description: 'How sure `toplines read` was of the row: carried, not analysed',
    constraints: { enum: ['high', 'medium', 'low'] },
  },
];

/** The id of the one survey of a file without a survey column, when its name gives none. */
export const DEFAULT_SURVEY = 'survey';

/**
 * Whether a results CSV header is in the simple layout: any header without
 * `question_id` (the full layout's header has it, and is read as before).
 *
 * @example
 * isSimpleLayout(['question', 'option', 'percent']); // => true
 */
export function isSimpleLayout(header: readonly string[]): boolean {
  return !header.includes('question_id');
}

/**
 * The survey id a file's name gives: its name without folder and extension,
 * lower-cased, every run of other characters than a–z and 0–9 made a
 * hyphen ("My Poll 2025.csv" → "my-poll-2025"); {@link DEFAULT_SURVEY} when
 * nothing is left (standard input, a name in another script).
 *
 * @example
 * surveyIdOfFile('/data/My Poll 2025.csv'); // => 'my-poll-2025'
 * surveyIdOfFile('-'); // => 'survey'
 */
export function surveyIdOfFile(file: string): string {
  const name = (file.split(/[\\/]/).pop() ?? '').replace(/\.[^.]*$/, '');
  const id = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return id === '' ? DEFAULT_SURVEY : id;
}

/** The simple layout read into the full one. */
export interface SimpleResults {
  /** The cells in the full layout (defaults appended as columns), each row as long as the header. */
  csv: CsvText;
  /** The schema they are checked against: the results schema, with fewer columns required. */
  schema: TableSchemaDescriptor;
  /** Full column name → the file's own name, where they differ (`question_id` → `question`). */
  columnNames: Record<string, string>;
  /** What the reader found: the defaults it used, missing quotes, rows of the wrong length. */
  issues: ValidationIssue[];
  /** One row per survey: its id, and its n and published margin where the rows state them. */
  surveys: ColumnTable;
}

/**
 * Reads a results CSV in the simple layout into the full layout.
 *
 * What is missing becomes a documented default, never data: no survey
 * column → one survey, `surveyId` (a warning says so); no group → the
 * whole sample (`total`/`total`), a group → dimension `group`; no
 * qualifier → `exact` (the figure is taken as printed); no is_net →
 * `false`; no n → n unknown (the reanalysis tries assumed sizes); no
 * source → none; no quote → a warning. The survey's n is the n of its
 * whole-sample rows and its published margin their `moe`, where they agree
 * (a warning where they do not). Percent cells may be written `40.5%`,
 * `４０．５％`, and `40,5` when `decimalComma`; counts `1,037`.
 *
 * @param csv - the file's cells
 * @param file - the file name in issues
 * @param options - `decimalComma`: the separator is not a comma, so "40,5" is 40.5;
 *   `surveyId`: the survey of a file without a survey column, and `surveyFrom`
 *   where it comes from (the file name, the fallback, or the caller)
 */
export function readSimpleLayout(
  csv: CsvText,
  file: string,
  results: TableSchemaDescriptor,
  options: { decimalComma: boolean; surveyId: string; surveyFrom: 'file' | 'fallback' | 'given' },
): SimpleResults {
  const issues: ValidationIssue[] = [];
  // The question is always "question" here (a header with question_id is the full layout).
  const columnNames: Record<string, string> = { question_id: 'question' };
  const width = csv.header.length;
  // A second column for a field already given: reported, then left out.
  const dropped = new Set<number>();
  // The header, each known column under its full name.
  const named = csv.header.map((written, j) => {
    const key = written.trim().toLowerCase();
    const full =
      ALIASES[key] ??
      ((FULL as readonly string[]).includes(key) || SIMPLE_FIELDS.some((f) => f.name === key)
        ? key
        : null);
    if (full === null) return written;
    const first = csv.header.findIndex(
      (other, k) =>
        k < j && (ALIASES[other.trim().toLowerCase()] ?? other.trim().toLowerCase()) === full,
    );
    if (first !== -1) {
      issues.push(
        issue(
          'duplicate-column',
          'error',
          { file, row: 0, column: written },
          written,
          simpleText.sameColumn(csv.header[first] as string, written, full),
        ),
      );
      dropped.add(j);
      return written;
    }
    if (full !== written) columnNames[full] = written;
    return full;
  });
  const header = named.filter((_, j) => !dropped.has(j));
  const at = (name: string) => header.indexOf(name);
  const has = (name: string) => at(name) !== -1;

  // Every row as long as the header: a row of another length is reported
  // here with its own count, as checkSchema would, before defaults are added.
  const rows = csv.rows.map((cells, i) => {
    if (cells.length !== width) {
      issues.push(
        issue(
          'row-length',
          'error',
          { file, row: i + 1, line: csv.lines[i] ?? null, column: null },
          String(cells.length),
          simpleText.rowLength(cells.length, width),
        ),
      );
    }
    return Array.from({ length: width }, (_, j) => cells[j] ?? '').filter(
      (_, j) => !dropped.has(j),
    );
  });

  // Figures as people type them.
  const rewrite = (name: string, cell: (text: string) => string) => {
    const j = at(name);
    if (j !== -1) for (const row of rows) row[j] = cell(row[j] as string);
  };
  rewrite('percent', (t) => percentCell(t, options.decimalComma));
  rewrite('base_n', (t) => countCell(t, options.decimalComma));
  rewrite('moe', (t) => marginCell(t, options.decimalComma));

  // Defaults: a column the file does not have is appended; an empty cell of
  // one it has takes the same default.
  const fill = (name: string, value: (row: string[]) => string) => {
    const j = at(name);
    if (j === -1) {
      header.push(name);
      for (const row of rows) row.push(value(row));
    } else {
      for (const row of rows) if ((row[j] as string).trim() === '') row[j] = value(row);
    }
  };
  if (!has('survey_id')) {
    issues.push(
      issue(
        'default-survey',
        'warning',
        { file, row: 0, column: null },
        options.surveyId,
        simpleText.defaultSurvey(options.surveyId, options.surveyFrom),
      ),
    );
    fill('survey_id', () => options.surveyId);
  }
  const valueAt = at('group_value');
  const dimAt = at('group_dim');
  const isTotal = (text: string | undefined) =>
    text === undefined || text.trim() === '' || text.trim().toLowerCase() === TOTAL;
  if (valueAt !== -1) {
    for (const row of rows) if (isTotal(row[valueAt])) row[valueAt] = TOTAL;
  }
  fill('group_dim', (row) => (valueAt === -1 || row[valueAt] === TOTAL ? TOTAL : 'group'));
  if (valueAt === -1) fill('group_value', (row) => (row[at('group_dim')] === TOTAL ? TOTAL : ''));
  if (dimAt !== -1 && valueAt !== -1) {
    // a dimension written "Total" is the whole sample's
    for (const row of rows) if (isTotal(row[dimAt]) && row[valueAt] === TOTAL) row[dimAt] = TOTAL;
  }
  fill('qualifier', () => 'exact');
  fill('is_net', () => 'false');

  if (!has('quote')) {
    issues.push(
      issue(
        'no-quote',
        'warning',
        { file, row: 0, column: null },
        null,
        simpleText.noQuoteColumn(),
      ),
    );
  } else {
    const j = at('quote');
    const empty = rows.flatMap((row, i) => ((row[j] as string).trim() === '' ? [i + 1] : []));
    if (empty.length > 0) {
      const first = empty[0] as number;
      issues.push(
        issue(
          'no-quote',
          'warning',
          {
            file,
            row: first,
            line: csv.lines[first - 1] ?? null,
            column: columnNames['quote'] ?? 'quote',
          },
          null,
          simpleText.emptyQuotes(empty),
        ),
      );
    }
  }

  const schema = simpleSchema(results, has('source_id'));
  const surveys = surveysOf(header, rows, schema, file, csv.lines, columnNames, issues);
  return {
    csv: { ...csv, header, rows },
    schema,
    columnNames,
    issues,
    surveys,
  };
}

/**
 * The results schema of the simple layout: the full layout's fields, with
 * only the survey, question, group, option, percent, qualifier and is_net
 * required (the reader fills the ones the file leaves out), plus `moe` and
 * `confidence`; no foreign keys (there are no other tables); the primary
 * key without source_id unless the file has that column.
 */
function simpleSchema(results: TableSchemaDescriptor, hasSource: boolean): TableSchemaDescriptor {
  const optional = new Set(['base_n', 'source_id', 'quote']);
  const fields = results.fields.map((field) => {
    if (!optional.has(field.name)) return field;
    const { required: _, ...constraints } = field.constraints ?? {};
    return { ...field, constraints };
  });
  return {
    fields: [...fields, ...SIMPLE_FIELDS],
    missingValues: [''],
    primaryKey: [
      'survey_id',
      'question_id',
      'group_dim',
      'group_value',
      'option',
      ...(hasSource ? ['source_id'] : []),
    ],
  };
}

/**
 * One row per survey, in order of first appearance: its n, where all its
 * whole-sample rows that give an n give the same one, and its published
 * margin, where all its whole-sample rows that give a margin agree;
 * otherwise unknown, with a warning. Cells that do not cast are left to
 * validation.
 */
function surveysOf(
  header: readonly string[],
  rows: readonly string[][],
  schema: TableSchemaDescriptor,
  file: string,
  lines: readonly number[],
  columnNames: Readonly<Record<string, string>>,
  issues: ValidationIssue[],
): ColumnTable {
  const col = (name: string) => header.indexOf(name);
  const [survey, dim, value, nAt, moeAt] = [
    'survey_id',
    'group_dim',
    'group_value',
    'base_n',
    'moe',
  ].map(col) as number[];
  const field = (name: string) => schema.fields.find((f) => f.name === name) as FieldDescriptor;
  const numberOf = (cell: string | undefined, name: string): number | null => {
    if (cell === undefined) return null;
    const cast = castField(cell, field(name), ['']);
    return cast.ok && typeof cast.value === 'number' ? cast.value : null;
  };
  const found = new Map<
    string,
    { ns: Map<number, number>; moes: Map<number, number>; subgroupMoe: number | null }
  >();
  rows.forEach((row, i) => {
    const id = row[survey as number] as string;
    let s = found.get(id);
    if (s === undefined) {
      s = { ns: new Map(), moes: new Map(), subgroupMoe: null };
      found.set(id, s);
    }
    const whole = row[dim as number] === TOTAL && row[value as number] === TOTAL;
    const n = nAt === -1 ? null : numberOf(row[nAt as number], 'base_n');
    const moe = moeAt === -1 ? null : numberOf(row[moeAt as number], 'moe');
    if (whole && n !== null && !s.ns.has(n)) s.ns.set(n, i + 1);
    if (whole && moe !== null && !s.moes.has(moe)) s.moes.set(moe, i + 1);
    if (!whole && moe !== null && s.subgroupMoe === null) s.subgroupMoe = i + 1;
  });
  const ids: string[] = [];
  const ns: (number | null)[] = [];
  const moes: (number | null)[] = [];
  const where = (row: number, column: string) => ({
    file,
    row,
    line: lines[row - 1] ?? null,
    column: columnNames[column] ?? column,
  });
  for (const [id, s] of found) {
    ids.push(id);
    ns.push(s.ns.size === 1 ? ([...s.ns.keys()][0] as number) : null);
    moes.push(s.moes.size === 1 ? ([...s.moes.keys()][0] as number) : null);
    if (s.ns.size > 1) {
      const row = [...s.ns.values()][1] as number;
      issues.push(
        issue(
          'survey-n-unclear',
          'warning',
          where(row, 'base_n'),
          null,
          simpleText.surveyNs(id, [...s.ns.keys()]),
        ),
      );
    }
    if (s.moes.size > 1) {
      const row = [...s.moes.values()][1] as number;
      issues.push(
        issue(
          'survey-moe-unclear',
          'warning',
          where(row, 'moe'),
          null,
          simpleText.surveyMoes(id, [...s.moes.keys()]),
        ),
      );
    }
    if (s.subgroupMoe !== null && s.moes.size === 0) {
      issues.push(
        issue(
          'survey-moe-unclear',
          'warning',
          where(s.subgroupMoe, 'moe'),
          null,
          simpleText.subgroupMoe(id),
        ),
      );
    }
  }
  return table({ survey_id: ids, n: ns, moe_reported: moes });
}
