import { DataError } from '../errors';
import { countCell, percentCell } from '../format/figure-text';
import { parseCsv } from '../format/parse-csv';
import { sniffDelimiter } from '../format/sniff-delimiter';
import { errorText } from '../messages';
import type {
  DataPackage,
  ResourceData,
  ResourceDescriptor,
  TableSchemaDescriptor,
} from '../types';
import { bundledDescriptor } from './bundled';
import { packageOf } from './parse-data-package';
import { resourceOfCells } from './read-resource';
import { DEFAULT_SURVEY, isSimpleLayout, readSimpleLayout, surveyIdOfFile } from './simple-layout';

/**
 * Options of {@link parseResultsCsv}.
 *
 * @example
 * // not run: a fragment (text is the CSV the caller read)
 * parseResultsCsv(text, { file: 'my-toplines.csv' });
 */
export interface ParseResultsCsvOptions {
  /**
   * The file name used in validation messages, and whose name (without
   * folder and extension) is the survey id of a simple-layout file without a
   * survey column. Default `"results.csv"`.
   */
  file?: string;
  /**
   * The survey id of a simple-layout file without a survey column. Default:
   * from `file` ("my-poll.csv" → "my-poll"), or `"survey"` when its name gives none.
   */
  survey?: string;
}

/**
 * Reads a CSV of toplines as a one-resource data package, in either of two
 * layouts. {@link validate} then checks it.
 *
 * - The full `results` layout (a header with `question_id`): survey_id,
 *   question_id, group_dim, group_value, option, percent, qualifier, is_net,
 *   base_n, source_id, quote, typed by the bundled results schema, with its
 *   validation (types, required values, enums, keys, the percentages).
 * - The simple layout (any other header): `question`, `option`, `percent`
 *   required; `survey`, `group`, `n`, `moe` (the survey's published margin,
 *   points), `quote`, `confidence` and any column of the full layout by its
 *   full name optional. What is missing becomes a documented default with
 *   a warning, never data: one survey named from `file` (or `survey`), the
 *   whole sample (`total`/`total`) where there is no group, `exact` (the
 *   figure taken as printed), not a net, n unknown, no source, no quote.
 *   The package then also has a `surveys` table of the survey ids with the
 *   n and margin the whole-sample rows state (null where they do not).
 *
 * Either way the separator is sniffed from the header (comma, semicolon or
 * tab), and percent cells may be written `40.5`, `40.5%`, full-width
 * `４０．５％`, and `40,5` where the separator is not a comma; the printed
 * text (its decimals) is kept in `percent_text`. Foreign keys to surveys,
 * questions and sources are not checked (the package does not hold them),
 * and since the question types are unknown a group of shares past 100% is
 * a warning, not an error.
 *
 * @param text - the CSV text, with a header row (bytes of another encoding: {@link decodeText} first)
 * @param options - `file`: the name used in messages and for the default survey id (default
 *   `"results.csv"`); `survey`: that survey id, when the caller chooses it
 * @returns a package whose `results` is the typed table (and, for the simple layout, `surveys`)
 * @throws {DataError} `invalid-type` when `text` is not a string; `invalid-option`
 *   when `options` is not an object or `options.file` not a string
 * @example
 * const pkg = parseResultsCsv(
 *   'survey_id,question_id,group_dim,group_value,option,percent,qualifier,is_net,base_n,source_id,quote\n' +
 *   'my-poll,q1,total,total,yes,40.50,exact,false,1000,my-source,40.50% said yes\n',
 * );
 * pkg.results?.get('percent', 0); // => 40.5
 * pkg.results?.get('percent_text', 0); // => '40.50'
 * const simple = parseResultsCsv('question;option;percent;n\nvote;yes;40,5%;1037\n', { file: 'my-poll.csv' });
 * simple.results?.get('survey_id', 0); // => 'my-poll'
 * simple.results?.get('percent_text', 0); // => '40.5'
 * simple.surveys?.get('n', 0); // => 1037
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
  if (
    options.survey !== undefined &&
    (typeof options.survey !== 'string' || options.survey.trim() === '')
  ) {
    throw new DataError(
      'invalid-option',
      errorText.option('parseResultsCsv', 'options.survey', 'a survey id', options.survey),
    );
  }
  const file = options.file ?? 'results.csv';
  if (typeof text !== 'string') {
    throw new DataError('invalid-type', errorText.unreadable(file, `got ${typeof text}, not text`));
  }
  const descriptor = bundledDescriptor();
  const resource = descriptor.resources.find((r) => r.name === 'results') as ResourceDescriptor;
  const schema = resource.schema as TableSchemaDescriptor;
  const delimiter = sniffDelimiter(text);
  const decimalComma = delimiter !== ',';
  const csv = parseCsv(text, { delimiter });
  const dialect = { ...resource.dialect, delimiter };
  if (isSimpleLayout(csv.header)) {
    const simple = readSimpleLayout(csv, file, schema, {
      decimalComma,
      surveyId: options.survey ?? surveyIdOfFile(file),
      surveyFrom:
        options.survey !== undefined
          ? 'given'
          : surveyIdOfFile(file) === DEFAULT_SURVEY
            ? 'fallback'
            : 'file',
    });
    const read = resourceOfCells(simple.csv, 'results', file, simple.schema);
    const data: ResourceData = {
      ...read,
      readIssues: [...read.readIssues, ...simple.issues],
      columnNames: simple.columnNames,
    };
    const pkg = packageOf(
      { ...descriptor, resources: [{ ...resource, path: file, schema: simple.schema, dialect }] },
      [data],
    );
    return { ...pkg, surveys: simple.surveys };
  }
  // The full layout: its figures may be written as in the simple one.
  const percent = csv.header.indexOf('percent');
  const baseN = csv.header.indexOf('base_n');
  for (const row of csv.rows) {
    if (percent !== -1 && row[percent] !== undefined)
      row[percent] = percentCell(row[percent], decimalComma);
    if (baseN !== -1 && row[baseN] !== undefined) row[baseN] = countCell(row[baseN], decimalComma);
  }
  const data = resourceOfCells(csv, 'results', file, schema);
  return packageOf({ ...descriptor, resources: [{ ...resource, path: file, dialect }] }, [data]);
}
