import type { ColumnTable } from 'arquero';
import { DataError, type DataErrorCode } from '../errors';
import { errorText, unsafePathReason } from '../messages';
import type {
  DataPackage,
  DataPackageDescriptor,
  ResourceData,
  ResourceDescriptor,
  TableSchemaDescriptor,
} from '../types';
import {
  checkForeignKeyTargets,
  checkResourceNames,
  checkTableSchema,
} from '../validate/check-descriptor';
import { readResource as readTable } from './read-resource';

/**
 * Reads the text of a file named in a descriptor (a resource's `path`, or a schema's).
 *
 * @example
 * // not run: a fragment (files is the caller's map of path to text)
 * const read: ReadResource = (path) => files[path];
 */
export type ReadResource = (path: string) => string;

const TOPLINES_TABLES = ['sources', 'surveys', 'questions', 'results'] as const;

/**
 * The code of a path refused by {@link checkResourcePath}. `DataErrorCode`
 * in errors.ts does not list 'unsafe-path' yet; until it does, it is widened
 * here (one place to remove).
 */
export const UNSAFE_PATH: DataErrorCode = 'unsafe-path';

/**
 * Why a path named in a descriptor is unsafe to read, or null when it is a
 * plain relative path: not absolute (`/x`, `\\x`, `C:\x`), not a URL
 * (`https:`, `file:`, any `scheme:`), no `..` segment (either separator),
 * no control character. The string alone: no file-system access, so the
 * browser-safe reader and the Node reader apply the same rule. Internal.
 *
 * @example
 * unsafePathProblem('data/results.csv'); // => null
 * unsafePathProblem('../secret.csv'); // => 'it has a ".." segment, which could leave the folder'
 */
export function unsafePathProblem(path: string): string | null {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(path)) return unsafePathReason.control();
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(path);
  // A one-letter scheme is a Windows drive ("C:"): absolute, not a URL.
  if (scheme !== null && (scheme[1] as string).length > 1)
    return unsafePathReason.url((scheme[1] as string).toLowerCase());
  if (scheme !== null || path.startsWith('/') || path.startsWith('\\'))
    return unsafePathReason.absolute();
  if (path.split(/[\\/]/).includes('..')) return unsafePathReason.parent();
  return null;
}

/**
 * Throws the `unsafe-path` {@link DataError} for a path a descriptor names
 * that {@link unsafePathProblem} refuses; the message names the resource
 * and the path, never anything read. Internal.
 */
export function checkResourcePath(
  resource: string,
  what: 'path' | 'schema path',
  path: string,
): void {
  const problem = unsafePathProblem(path);
  if (problem !== null)
    throw new DataError(UNSAFE_PATH, errorText.unsafePath(resource, what, path, problem));
}

/**
 * Reads a Frictionless Data Package (v2) from its descriptor and a function
 * that returns the text of each file it names.
 *
 * Every resource with a Table Schema becomes an arquero table typed by that
 * schema (see {@link ResourceData}); resources without a schema are left
 * out. Reading is lenient — a cell that does not fit its type becomes `null`
 * — so that {@link validate} can then report every problem with its file,
 * row, column and value. No file-system access: in Node use
 * `readDataPackage` from `@toplines/data/node`, in a browser fetch the files
 * first.
 *
 * @param json - the descriptor: the text of datapackage.json, or the parsed object
 * @param readResource - returns the text of a path named in the descriptor
 * @returns the package: its descriptor, resources, and the `sources`,
 *   `surveys`, `questions` and `results` tables when it has resources of those names
 * @throws {DataError} `invalid-descriptor` when the descriptor is not JSON, has no
 *   resources, a resource without a name or path, two resources of one name,
 *   or a Table Schema that does not hold together (an unknown field type, a
 *   pattern that is not a regular expression or uses a backreference or
 *   lookaround, a minimum that is not a value of its field's type,
 *   missingValues that are not an array of strings, a primary or foreign key
 *   naming a field or resource that is not there); `invalid-option` when
 *   `readResource` is not a function; `unsafe-path` when a
 *   resource or schema path is absolute, a URL or has a `..` segment (checked
 *   before `readResource` is called); `unreadable-resource` when
 *   `readResource` throws
 * @example
 * const files = {
 *   'datapackage.json': JSON.stringify({ resources: [{ name: 'results', path: 'r.csv',
 *     schema: { fields: [{ name: 'option' }, { name: 'percent', type: 'number' }] } }] }),
 *   'r.csv': 'option,percent\nyes,40.5\nno,\n',
 * };
 * const pkg = parseDataPackage(files['datapackage.json'], (path) => files[path]);
 * pkg.results?.array('percent'); // => [40.5, null]
 */
export function parseDataPackage(
  json: string | DataPackageDescriptor,
  readResource: ReadResource,
): DataPackage {
  if (typeof readResource !== 'function') {
    throw new DataError(
      'invalid-option',
      errorText.option('parseDataPackage', 'readResource', 'a function', readResource),
    );
  }
  const descriptor = parseDescriptor(json);
  checkResourceNames(
    descriptor.resources.map((r: unknown) => (r as { name?: unknown } | null)?.name),
  );
  const resources: ResourceData[] = [];
  descriptor.resources.forEach((resource, index) => {
    if (resource === null || typeof resource !== 'object') {
      throw new DataError(
        'invalid-descriptor',
        errorText.resourceInvalid(index, 'is not an object'),
      );
    }
    if (typeof resource.name !== 'string' || resource.name === '') {
      throw new DataError('invalid-descriptor', errorText.resourceInvalid(index, 'has no "name"'));
    }
    if (resource.schema === undefined) return; // not tabular: nothing to read
    if (typeof resource.path !== 'string' || resource.path === '') {
      throw new DataError(
        'invalid-descriptor',
        errorText.resourceInvalid(index, `(${resource.name}) needs "path" to be one file name`),
      );
    }
    checkResourcePath(resource.name, 'path', resource.path);
    const schema = readSchema(resource, readResource);
    if (resource.dialect?.header === false) {
      throw new DataError('invalid-descriptor', errorText.headerFalse(resource.name));
    }
    const text = readText(readResource, resource.path);
    const dialect: { delimiter?: string; quoteChar?: string } = {};
    if (typeof resource.dialect?.delimiter === 'string')
      dialect.delimiter = resource.dialect.delimiter;
    if (typeof resource.dialect?.quoteChar === 'string')
      dialect.quoteChar = resource.dialect.quoteChar;
    resources.push(readTable(text, resource.name, resource.path, schema, dialect));
  });
  const tables = new Map(resources.map((r) => [r.name, r.schema]));
  for (const r of resources) checkForeignKeyTargets(r.name, r.schema, tables);
  return packageOf(descriptor, resources);
}

/** Assembles a package object from read resources. Internal. */
export function packageOf(
  descriptor: DataPackageDescriptor,
  resources: readonly ResourceData[],
): DataPackage {
  const tables: Partial<Record<(typeof TOPLINES_TABLES)[number], ColumnTable>> = {};
  for (const name of TOPLINES_TABLES) {
    const found = resources.find((r) => r.name === name);
    if (found !== undefined) tables[name] = found.table;
  }
  return { descriptor, resources, ...tables };
}

function parseDescriptor(json: string | DataPackageDescriptor): DataPackageDescriptor {
  let value: unknown = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch (e) {
      throw new DataError('invalid-descriptor', errorText.descriptorNotJson((e as Error).message));
    }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new DataError('invalid-descriptor', errorText.descriptorNotObject(value));
  }
  const resources = (value as { resources?: unknown }).resources;
  if (!Array.isArray(resources)) {
    throw new DataError('invalid-descriptor', errorText.descriptorNoResources());
  }
  return value as DataPackageDescriptor;
}

function readSchema(resource: ResourceDescriptor, read: ReadResource): TableSchemaDescriptor {
  let schema: unknown = resource.schema;
  if (typeof schema === 'string') {
    checkResourcePath(resource.name, 'schema path', schema);
    const text = readText(read, schema);
    try {
      schema = JSON.parse(text);
    } catch (e) {
      throw new DataError(
        'invalid-descriptor',
        errorText.schemaInvalid(resource.name, `is not valid JSON: ${(e as Error).message}`),
      );
    }
  }
  return checkTableSchema(resource.name, schema);
}

function readText(read: ReadResource, path: string): string {
  let text: unknown;
  try {
    text = read(path);
  } catch (e) {
    throw new DataError('unreadable-resource', errorText.unreadable(path, (e as Error).message));
  }
  if (typeof text !== 'string') {
    throw new DataError(
      'unreadable-resource',
      errorText.unreadable(path, `got ${typeof text}, not text`),
    );
  }
  return text;
}
