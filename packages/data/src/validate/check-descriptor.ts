import { DataError } from '../errors';
import { castField } from '../format/cast-field';
import { UNHELD_COLUMN } from '../io/read-resource';
import { errorText, packageText, schemaText } from '../messages';
import type { FieldDescriptor, TableSchemaDescriptor } from '../types';
import { compilePattern, isCompiled, MAX_PATTERN_PROGRAM } from './pattern';

/** The field types of Table Schema v2 (https://datapackage.org/standard/table-schema/#field-types). */
export const FIELD_TYPES = [
  'string',
  'number',
  'integer',
  'boolean',
  'object',
  'array',
  'list',
  'datetime',
  'date',
  'time',
  'year',
  'yearmonth',
  'duration',
  'geopoint',
  'geojson',
  'any',
] as const;

/** Types whose values this package casts, so a bound is cast the same way and compared as such. */
const CAST_BOUNDS = ['integer', 'number', 'year', 'date'];
/** Types kept as text whose ISO forms compare as text. */
const TEXT_BOUNDS = ['datetime', 'time', 'yearmonth', 'duration'];

function fail(resource: string, what: string): never {
  throw new DataError('invalid-descriptor', errorText.schemaInvalid(resource, what));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A key as a list of names, or null when it is neither a name nor an array of names. */
function keyNames(value: unknown): string[] | null {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  return null;
}

/**
 * Checks a Table Schema before any cell is read, so that a mistake in the
 * descriptor is reported as such rather than as a crash or, worse, accepted:
 * fields are objects with distinct names and a known type; constraints have
 * the right types (a pattern compiles on the linear-time engine, a minimum
 * is a value of the field's type); missingValues is an array of strings;
 * primary and foreign keys name fields of the schema. Foreign keys' target
 * resources are checked by {@link checkForeignKeyTargets}. Internal.
 *
 * Cost: O(fields + key fields + pattern lengths).
 *
 * @param resource - the resource's name, for the message
 * @param schema - the schema as read from the descriptor
 * @returns the schema, typed
 * @throws {DataError} `invalid-descriptor` naming the resource, the field and the value
 * @example
 * checkTableSchema('t', { fields: [{ name: 'a', type: 'bogus' }] }); // throws DataError
 */
export function checkTableSchema(resource: string, schema: unknown): TableSchemaDescriptor {
  if (!isObject(schema)) fail(resource, schemaText.notAnObject(schema));
  const fields = schema['fields'];
  if (!Array.isArray(fields)) fail(resource, 'has no "fields" array');
  const names = new Set<string>();
  fields.forEach((field: unknown, i) => {
    if (!isObject(field)) fail(resource, schemaText.fieldNotAnObject(i, field));
    if (typeof field['name'] !== 'string') fail(resource, `has a field ${i} without a "name"`);
    const name = field['name'];
    if (name === UNHELD_COLUMN) fail(resource, schemaText.unheldField(name));
    if (names.has(name)) fail(resource, schemaText.duplicateField(name));
    names.add(name);
    checkField(resource, field as unknown as FieldDescriptor);
  });

  const missing = schema['missingValues'];
  if (
    missing !== undefined &&
    !(
      Array.isArray(missing) &&
      missing.every((m) => typeof m === 'string' || (isObject(m) && typeof m['value'] === 'string'))
    )
  ) {
    fail(resource, schemaText.missingValues(missing));
  }

  if (schema['primaryKey'] !== undefined) {
    const key = keyNames(schema['primaryKey']);
    if (key === null) fail(resource, schemaText.keyNotNames('primaryKey', schema['primaryKey']));
    for (const name of key)
      if (!names.has(name)) fail(resource, schemaText.keyUnknownField('primary key', name));
  }

  const foreignKeys = schema['foreignKeys'];
  if (foreignKeys !== undefined) {
    if (!Array.isArray(foreignKeys)) fail(resource, schemaText.foreignKeysNotArray(foreignKeys));
    foreignKeys.forEach((fk: unknown, i) => {
      const reference = isObject(fk) ? fk['reference'] : undefined;
      if (!isObject(fk) || !isObject(reference)) fail(resource, schemaText.foreignKeyShape(i));
      const local = keyNames(fk['fields']);
      const remote = keyNames(reference['fields']);
      if (local === null || remote === null || local.length === 0)
        fail(resource, schemaText.foreignKeyShape(i));
      if (local.length !== remote.length)
        fail(resource, schemaText.foreignKeyLength(i, local.length, remote.length));
      for (const name of local)
        if (!names.has(name)) fail(resource, schemaText.keyUnknownField('foreign key', name));
      const target = reference['resource'];
      if (target !== undefined && typeof target !== 'string')
        fail(resource, schemaText.foreignKeyShape(i));
      if (target === undefined || target === '') {
        // a key within the resource itself
        for (const name of remote)
          if (!names.has(name)) fail(resource, schemaText.foreignKeyRefField(resource, name));
      }
    });
  }
  return schema as unknown as TableSchemaDescriptor;
}

function checkField(resource: string, field: FieldDescriptor): void {
  const { name } = field;
  const type = field.type ?? 'string';
  if (typeof type !== 'string' || !(FIELD_TYPES as readonly string[]).includes(type))
    fail(resource, schemaText.fieldType(name, field.type, FIELD_TYPES));
  if (field.format !== undefined && typeof field.format !== 'string')
    fail(resource, schemaText.fieldProperty(name, 'format', 'a string', field.format));
  for (const values of ['trueValues', 'falseValues'] as const) {
    const v: unknown = field[values];
    if (v !== undefined && !(Array.isArray(v) && v.every((x) => typeof x === 'string')))
      fail(resource, schemaText.fieldProperty(name, values, 'an array of strings', v));
  }
  const c: unknown = field.constraints;
  if (c === undefined) return;
  if (!isObject(c)) fail(resource, schemaText.fieldProperty(name, 'constraints', 'an object', c));
  for (const flag of ['required', 'unique'])
    if (c[flag] !== undefined && typeof c[flag] !== 'boolean')
      fail(resource, schemaText.fieldProperty(name, flag, 'true or false', c[flag]));
  if (c['enum'] !== undefined && !Array.isArray(c['enum']))
    fail(resource, schemaText.fieldProperty(name, 'enum', 'an array', c['enum']));
  for (const length of ['minLength', 'maxLength']) {
    const v = c[length];
    if (v !== undefined && !(typeof v === 'number' && Number.isSafeInteger(v) && v >= 0))
      fail(resource, schemaText.fieldProperty(name, length, 'a whole number ≥ 0', v));
  }
  const pattern = c['pattern'];
  if (pattern !== undefined) {
    if (typeof pattern !== 'string')
      fail(resource, schemaText.fieldProperty(name, 'pattern', 'a string', pattern));
    const compiled = compilePattern(pattern);
    if (!isCompiled(compiled)) {
      fail(
        resource,
        compiled.kind === 'invalid'
          ? schemaText.patternInvalid(name, pattern, compiled.detail)
          : compiled.kind === 'unsupported'
            ? schemaText.patternUnsupported(name, pattern, compiled.detail)
            : schemaText.patternTooLarge(
                name,
                pattern,
                Number(compiled.detail),
                MAX_PATTERN_PROGRAM,
              ),
      );
    }
  }
  for (const bound of ['minimum', 'maximum'] as const) {
    const value = c[bound];
    if (value === undefined) continue;
    if (!CAST_BOUNDS.includes(type) && !TEXT_BOUNDS.includes(type))
      fail(resource, schemaText.boundNotApplicable(name, bound, type));
    if (boundOf(field, value) === null)
      fail(resource, schemaText.boundValue(name, bound, value, expectedBound(type)));
  }
}

function expectedBound(type: string): string {
  if (type === 'integer') return 'an integer';
  if (type === 'number') return 'a finite number';
  if (type === 'year') return 'a year';
  if (type === 'date') return 'a date written YYYY-MM-DD';
  return `a ${type} written as text`;
}

/**
 * A `minimum` or `maximum` as the value a cell of the field casts to (a
 * number for integer, number and year; the text for dates and other ISO
 * forms), or null when it is not one. Internal: {@link checkTableSchema}
 * refuses a bound that gives null, and the range check compares with this.
 *
 * @example
 * boundOf({ name: 'n', type: 'integer' }, '5'); // => 5
 * boundOf({ name: 'n', type: 'number' }, 'abc'); // => null
 */
export function boundOf(field: FieldDescriptor, value: unknown): number | string | null {
  const type = field.type ?? 'string';
  if (CAST_BOUNDS.includes(type)) {
    const text = typeof value === 'number' ? String(value) : value;
    if (typeof text !== 'string') return null;
    const cast = castField(text, field, []);
    return cast.ok && (typeof cast.value === 'number' || typeof cast.value === 'string')
      ? cast.value
      : null;
  }
  return typeof value === 'string' ? value : null;
}

/**
 * Checks that no two resources of a descriptor share a name. Internal.
 *
 * @throws {DataError} `invalid-descriptor` naming the name and both resources
 */
export function checkResourceNames(names: readonly unknown[]): void {
  const first = new Map<unknown, number>();
  names.forEach((name, i) => {
    const seen = first.get(name);
    if (seen !== undefined && typeof name === 'string')
      throw new DataError('invalid-descriptor', packageText.duplicateResource(name, seen, i));
    first.set(name, i);
  });
}

/**
 * Checks that each foreign key of a schema refers to a tabular resource of
 * the package, and to fields its schema has. Internal.
 *
 * @param resource - the resource whose schema it is
 * @param schema - its schema, already through {@link checkTableSchema}
 * @param tables - the package's tabular resources: name → schema
 * @throws {DataError} `invalid-descriptor` naming the missing resource or field
 */
export function checkForeignKeyTargets(
  resource: string,
  schema: TableSchemaDescriptor,
  tables: ReadonlyMap<string, TableSchemaDescriptor>,
): void {
  for (const fk of schema.foreignKeys ?? []) {
    const target = fk.reference.resource;
    if (target === undefined || target === '') continue;
    const targetSchema = tables.get(target);
    if (targetSchema === undefined) fail(resource, schemaText.foreignKeyResource(target));
    const known = new Set(targetSchema.fields.map((f) => f.name));
    for (const name of keyNames(fk.reference.fields) ?? [])
      if (!known.has(name)) fail(resource, schemaText.foreignKeyRefField(target, name));
  }
}
