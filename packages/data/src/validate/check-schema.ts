import { groupKey } from '@toplines/core/internal';
import { issue } from '../errors';
import { castField } from '../format/cast-field';
import { missingValuesOf } from '../io/read-resource';
import { issueText } from '../messages';
import type {
  CellValue,
  DataPackage,
  FieldDescriptor,
  ResourceData,
  ValidationIssue,
} from '../types';
import { boundOf } from './check-descriptor';
import { type CompiledPattern, compilePattern, isCompiled } from './pattern';

/** The fields of a key, as an array (a Table Schema allows a single name). */
export function keyFields(fields: string | readonly string[] | undefined): readonly string[] {
  if (fields === undefined) return [];
  return typeof fields === 'string' ? [fields] : fields;
}

/** Where an issue of a resource is: its file, row, line and column. */
type Where = (
  row: number | null,
  column: string | null,
) => { file: string; row: number | null; line: number | null; column: string | null };

/**
 * Checks one resource against its Table Schema: header, row lengths, types,
 * constraints (required, enum, pattern, format, minimum/maximum, lengths,
 * unique), duplicate rows and the primary key. Internal.
 */
export function checkSchema(resource: ResourceData): ValidationIssue[] {
  const { path: file, lines } = resource;
  const where: Where = (row, column) => ({
    file,
    row,
    line: row === null || row === 0 ? null : (lines[row - 1] ?? null),
    column,
  });
  const issues = checkHeader(resource, where);
  const cells = cellChecks(resource);
  const keys = resource.rows.map((row, i) => checkRow(row, i + 1, cells, resource, where, issues));
  checkDuplicates(resource, cells, keys, where, issues);
  return issues;
}

/** The header: duplicate columns, required columns missing, columns the schema does not have. */
function checkHeader(resource: ResourceData, where: Where): ValidationIssue[] {
  const { schema, header } = resource;
  const issues: ValidationIssue[] = [];
  const seen = new Set<string>();
  for (const column of header) {
    if (seen.has(column)) {
      issues.push(
        issue(
          'duplicate-column',
          'error',
          where(0, column),
          column,
          issueText.duplicateColumn(column),
        ),
      );
    }
    seen.add(column);
  }
  const fieldNames = new Set(schema.fields.map((f) => f.name));
  for (const field of schema.fields) {
    // A column the schema does not require may be left out: its cells are all unknown.
    if (!header.includes(field.name) && field.constraints?.required === true) {
      issues.push(
        issue(
          'missing-column',
          'error',
          where(0, field.name),
          null,
          issueText.missingColumn(field.name, resource.name),
        ),
      );
    }
  }
  for (const column of header) {
    if (!fieldNames.has(column)) {
      issues.push(
        issue(
          'extra-column',
          'warning',
          where(0, column),
          column,
          issueText.extraColumn(column, resource.name),
        ),
      );
    }
  }
  return issues;
}

/** What the cell checks of a resource need, prepared once (not per cell). */
interface CellChecks {
  missing: ReturnType<typeof missingValuesOf>;
  primaryKey: readonly string[];
  /** The schema's fields present in the header, with their column index. */
  present: { field: FieldDescriptor; index: number }[];
  /** Per field: its compiled pattern and cast bounds. */
  rules: Map<
    FieldDescriptor,
    {
      pattern: CompiledPattern | null;
      minimum: number | string | null;
      maximum: number | string | null;
    }
  >;
  /** Per present field: whether it is part of the primary key. */
  keyed: boolean[];
  /** Per unique field: value → first row. */
  uniqueSeen: Map<string, Map<string, number>>;
}

/**
 * The checks' preparation. Patterns are compiled once per field; validate()
 * has checked the schema (checkTableSchema), so every pattern compiles and
 * every bound casts.
 */
function cellChecks(resource: ResourceData): CellChecks {
  const { schema, header } = resource;
  const primaryKey = keyFields(schema.primaryKey);
  const present = schema.fields
    .map((field) => ({ field, index: header.indexOf(field.name) }))
    .filter(({ index }) => index >= 0);
  const rules = new Map(
    present.map(({ field }) => {
      const c = field.constraints ?? {};
      const compiled = typeof c.pattern === 'string' ? compilePattern(c.pattern) : null;
      return [
        field,
        {
          pattern: compiled !== null && isCompiled(compiled) ? compiled : null,
          minimum: c.minimum === undefined ? null : boundOf(field, c.minimum),
          maximum: c.maximum === undefined ? null : boundOf(field, c.maximum),
        },
      ] as const;
    }),
  );
  return {
    missing: missingValuesOf(schema),
    primaryKey,
    present,
    rules,
    keyed: present.map(({ field }) => primaryKey.includes(field.name)),
    uniqueSeen: new Map(),
  };
}

/**
 * One data row: its length and every cell's type and constraints. Returns
 * the row's primary-key values (in the order of `present`; null where a cell
 * does not cast), the only values kept per row.
 */
function checkRow(
  cells: readonly string[],
  row: number,
  checks: CellChecks,
  resource: ResourceData,
  where: Where,
  issues: ValidationIssue[],
): CellValue[] {
  const { header } = resource;
  if (cells.length !== header.length) {
    issues.push(
      issue(
        'row-length',
        'error',
        where(row, null),
        String(cells.length),
        issueText.rowLength(cells.length, header.length),
      ),
    );
  }
  const key: CellValue[] = [];
  for (let k = 0; k < checks.present.length; k++) {
    const { field, index } = checks.present[k] as CellChecks['present'][number];
    const text = cells[index] ?? '';
    // Where the issue is: built only for an issue (a file of 200,000 rows has 2 million cells).
    const at = () => where(row, field.name);
    const cast = castField(text, field, checks.missing);
    if (!cast.ok) {
      issues.push(issue('type', 'error', at(), text, issueText.type(text, cast.expected)));
      if (checks.keyed[k]) key.push(null);
      continue;
    }
    if (checks.keyed[k]) key.push(cast.value);
    checkCell(cast.value, text, row, field, checks, at, issues);
  }
  return key;
}

/** One cast cell against its field's constraints. */
function checkCell(
  value: CellValue,
  text: string,
  row: number,
  field: FieldDescriptor,
  checks: CellChecks,
  at: () => ReturnType<Where>,
  issues: ValidationIssue[],
): void {
  const c = field.constraints ?? {};
  const { primaryKey } = checks;
  if (value === null) {
    if (c.required === true || primaryKey.includes(field.name)) {
      issues.push(issue('required', 'error', at(), text, issueText.required()));
    }
    return;
  }
  if (
    Array.isArray(c.enum) &&
    !c.enum.some((allowed) => allowed === value || String(allowed) === text)
  ) {
    issues.push(issue('enum', 'error', at(), text, issueText.enum(text, c.enum)));
  }
  const rule = checks.rules.get(field);
  if (
    typeof c.pattern === 'string' &&
    typeof value === 'string' &&
    rule?.pattern != null &&
    !rule.pattern.test(value)
  ) {
    issues.push(issue('pattern', 'error', at(), text, issueText.pattern(text, c.pattern)));
  }
  if (field.format === 'uri' && typeof value === 'string' && !isAbsoluteUri(value)) {
    issues.push(issue('format', 'error', at(), text, issueText.formatUri(text)));
  }
  if (rule?.minimum != null && compare(value, rule.minimum) < 0) {
    issues.push(issue('minimum', 'error', at(), text, issueText.minimum(text, rule.minimum)));
  }
  if (rule?.maximum != null && compare(value, rule.maximum) > 0) {
    issues.push(issue('maximum', 'error', at(), text, issueText.maximum(text, rule.maximum)));
  }
  if (
    typeof value === 'string' &&
    typeof c.minLength === 'number' &&
    [...value].length < c.minLength
  ) {
    issues.push(issue('length', 'error', at(), text, issueText.minLength(text, c.minLength)));
  }
  if (
    typeof value === 'string' &&
    typeof c.maxLength === 'number' &&
    [...value].length > c.maxLength
  ) {
    issues.push(issue('length', 'error', at(), text, issueText.maxLength(text, c.maxLength)));
  }
  if (c.unique === true) {
    let values = checks.uniqueSeen.get(field.name);
    if (values === undefined) {
      values = new Map();
      checks.uniqueSeen.set(field.name, values);
    }
    const key = JSON.stringify(value);
    const first = values.get(key);
    if (first === undefined) values.set(key, row);
    else if (!primaryKey.includes(field.name) || primaryKey.length > 1) {
      // a one-field primary key is reported once, as a primary-key issue
      issues.push(issue('unique', 'error', at(), text, issueText.unique(text, first)));
    }
  }
}

/**
 * Duplicate rows, then the primary key (an exact repeat is reported once, as a
 * duplicate row). Where the primary key is complete, rows are grouped by it
 * and only rows of one key are compared cell by cell: two equal rows have
 * equal keys, so no key of the whole row is made for each row (a second of a
 * 200,000-row archive's validation, #18). The issues are those of a key per
 * whole row: the first equal row named, in row order.
 */
function checkDuplicates(
  resource: ResourceData,
  checks: CellChecks,
  keys: CellValue[][],
  where: Where,
  issues: ValidationIssue[],
): void {
  const { primaryKey, present, keyed } = checks;
  // Rows by their whole text, where the key does not group them (no key, or a key cell empty).
  const rowSeen = new Map<string, number>();
  // Rows by their key: the rows of each key that are not repeats, first row first.
  const keySeen = new Map<string, number | number[]>();
  // Each key field's place among the kept values of a row (they follow `present`'s order).
  const keptNames = present.filter((_, k) => keyed[k]).map(({ field }) => field.name);
  const keyIndex = primaryKey.map((name) =>
    present.some(({ field }) => field.name === name) ? keptNames.indexOf(name) : -1,
  );
  const byKey = primaryKey.length > 0 && keyIndex.every((k) => k >= 0);
  const { rows } = resource;
  const duplicate = (row: number, firstCopy: number) =>
    issues.push(
      issue('duplicate-row', 'error', where(row, null), null, issueText.duplicateRow(firstCopy)),
    );
  for (let i = 0; i < rows.length; i++) {
    const cells = rows[i] as readonly string[];
    const row = i + 1;
    const values = byKey ? keyIndex.map((k) => keys[i]?.[k] ?? null) : null;
    if (values === null || values.some((v) => v === null)) {
      // groupKey, not JSON text: for a row of strings it joins them (a key per row, #18).
      const whole = groupKey(...cells);
      const firstCopy = rowSeen.get(whole);
      if (firstCopy !== undefined) duplicate(row, firstCopy);
      else rowSeen.set(whole, row);
      continue; // an empty key cell is reported as required
    }
    const key = groupKey(...values);
    const seen = keySeen.get(key);
    if (seen === undefined) {
      keySeen.set(key, i);
      continue;
    }
    const earlier = typeof seen === 'number' ? [seen] : seen;
    const copy = earlier.find((j) => sameCells(rows[j] as readonly string[], cells));
    if (copy !== undefined) {
      duplicate(row, copy + 1);
      continue;
    }
    if (typeof seen === 'number') keySeen.set(key, [seen, i]);
    else seen.push(i);
    const column = primaryKey.length === 1 ? (primaryKey[0] as string) : null;
    issues.push(
      issue(
        'primary-key',
        'error',
        where(row, column),
        values.map(String).join(', '),
        issueText.primaryKey(primaryKey, values, (earlier[0] as number) + 1),
      ),
    );
  }
}

/** Whether two rows hold the same cells (a row's length is its own: a short row differs). */
function sameCells(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

/**
 * Checks the foreign keys of one resource against the resources of the
 * package; a key to a resource the package does not hold is not checked.
 * Rows with an empty key field are not checked (an empty foreign key is
 * allowed; `required` says otherwise). Internal.
 */
export function checkForeignKeys(resource: ResourceData, pkg: DataPackage): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const fk of resource.schema.foreignKeys ?? []) {
    const fields = keyFields(fk.fields);
    const refFields = keyFields(fk.reference?.fields);
    const refName = fk.reference?.resource ? fk.reference.resource : resource.name;
    const target = pkg.resources.find((r) => r.name === refName);
    if (target === undefined || fields.length === 0 || fields.length !== refFields.length) continue;
    if (fields.some((f) => !resource.header.includes(f))) continue; // reported as missing-column
    if (refFields.some((f) => !target.header.includes(f))) continue;
    const known = new Set<string>();
    const refColumns = refFields.map((f) => target.table.array(f));
    for (let i = 0; i < target.table.numRows(); i++) {
      known.add(JSON.stringify(refColumns.map((column) => column[i] ?? null)));
    }
    const columns = fields.map((f) => resource.table.array(f));
    for (let i = 0; i < resource.table.numRows(); i++) {
      const values = columns.map((column) => column[i] ?? null);
      if (values.some((v) => v === null)) continue;
      if (known.has(JSON.stringify(values))) continue;
      const row = i + 1;
      issues.push(
        issue(
          'foreign-key',
          'error',
          { file: resource.path, row, line: resource.lines[i] ?? null, column: fields.join(', ') },
          values.map(String).join(', '),
          issueText.foreignKey(fields, values, refName, refFields),
        ),
      );
    }
  }
  return issues;
}

function isAbsoluteUri(value: string): boolean {
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

function compare(value: CellValue, bound: number | string): number {
  if (typeof value === 'number' && typeof bound === 'number') return value - bound;
  const a = String(value);
  const b = String(bound);
  return a < b ? -1 : a > b ? 1 : 0;
}
