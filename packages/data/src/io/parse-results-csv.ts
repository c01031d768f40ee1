import { DataError } from '../errors';
import { errorText } from '../messages';
import type { DataPackage, ResourceDescriptor, TableSchemaDescriptor } from '../types';
import { bundledDescriptor } from './bundled';
import { packageOf } from './parse-data-package';
import { readResource } from './read-resource';

/**
 * Options of {@link parseResultsCsv}.
 *
 * @example
 * // not run: a fragment (text is the CSV the caller read)
 * parseResultsCsv(text, { file: 'my-toplines.csv' });
 */
export interface ParseResultsCsvOptions {
  /** The file name used in validation messages. Default `"results.csv"`. */
  file?: string;
}

/**
 * Reads a CSV of toplines in the `results` layout (survey_id, question_id,
 * group_dim, group_value, option, percent, qualifier, is_net, base_n,
 * source_id, quote), typed by the bundled results schema, as a one-resource
 * data package. {@link validate} then checks types, required values,
 * enums, keys and the percentages; foreign keys to surveys, questions and
 * sources are not checked (the package does not hold them), and since the
 * question types are unknown a group of shares past 100% is a warning, not
 * an error.
 *
 * @param text - the CSV text, with a header row
 * @param options - `file`: the name used in messages (default `"results.csv"`)
 * @returns a package whose `results` is the typed table
 * @throws {DataError} `invalid-type` when `text` is not a string; `invalid-option`
 *   when `options` is not an object or `options.file` not a string
 * @example
 * const pkg = parseResultsCsv(
 *   'survey_id,question_id,group_dim,group_value,option,percent,qualifier,is_net,base_n,source_id,quote\n' +
 *   'my-poll,q1,total,total,yes,40.50,exact,false,1000,my-source,40.50% said yes\n',
 * );
 * pkg.results?.get('percent', 0); // => 40.5
 * pkg.results?.get('percent_text', 0); // => '40.50'
 */
export function parseResultsCsv(text: string, options: ParseResultsCsvOptions = {}): DataPackage {
  if (options === null || typeof options !== 'object') {
    throw new DataError(
      'invalid-option',
      errorText.option('parseResultsCsv', 'options', 'an object such as { file }', options),
    );
  }
  if (options.file !== undefined && typeof options.file !== 'string') {
    throw new DataError(
      'invalid-option',
      errorText.option('parseResultsCsv', 'options.file', 'a file name', options.file),
    );
  }
  const file = options.file ?? 'results.csv';
  if (typeof text !== 'string') {
    throw new DataError('invalid-type', errorText.unreadable(file, `got ${typeof text}, not text`));
  }
  const descriptor = bundledDescriptor();
  const resource = descriptor.resources.find((r) => r.name === 'results') as ResourceDescriptor;
  const schema = resource.schema as TableSchemaDescriptor;
  const data = readResource(text, 'results', file, schema);
  return packageOf({ ...descriptor, resources: [{ ...resource, path: file }] }, [data]);
}
