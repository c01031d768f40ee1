import type { ColumnTable } from 'arquero';
import { DATAPACKAGE_JSON, RESOURCE_TEXT } from '../bundled/datasets';
import { DataError } from '../errors';
import { errorText } from '../messages';
import type { DataPackageDescriptor, ToplinesPackage } from '../types';
import { parseDataPackage } from './parse-data-package';

let cached: ToplinesPackage | undefined;

/**
 * The bundled data package: the 2025 Japanese surveys on Japan–U.S.
 * relations (datasets/ in the repository), as four arquero tables — sources,
 * surveys, questions, results — with the descriptor. The CSVs are compiled
 * into the build, so this needs no file access and works the same in Node,
 * Deno and browsers. Parsed once; the tables are shared, which is safe since
 * arquero verbs never mutate a table.
 *
 * @returns the package, ready for {@link validate} and the table verbs
 * @example
 * const { results, surveys } = load();
 * surveys.numRows(); // => 10
 * results.filter((d) => d.question_id === 'us-impression').array('percent'); // => [40.5, 34.5]
 */
export function load(): ToplinesPackage {
  if (cached === undefined) {
    const pkg = parseDataPackage(DATAPACKAGE_JSON, (path) => {
      const text = RESOURCE_TEXT[path];
      if (text === undefined) throw new Error('not bundled');
      return text;
    });
    const { sources, surveys, questions, results } = pkg;
    if (!sources || !surveys || !questions || !results) {
      // Only reachable if the generated module is broken.
      throw new DataError('invalid-descriptor', errorText.descriptorNoResources());
    }
    cached = { ...pkg, sources, surveys, questions, results };
  }
  return cached;
}

/**
 * The bundled `sources` table: one row per source document.
 *
 * @example
 * sources().array('document')[0]; // => '000_32560c2190325972.txt'
 */
export function sources(): ColumnTable {
  return load().sources;
}

/**
 * The bundled `surveys` table: one row per survey sample, with its n when known.
 *
 * @example
 * surveys().filter((d) => d.survey_id === 'api-2025-jp').array('n'); // => [1037]
 */
export function surveys(): ColumnTable {
  return load().surveys;
}

/**
 * The bundled `questions` table: one row per question, with its response type and base.
 *
 * @example
 * questions().filter((d) => d.question_id === 'us-impression').array('response_type'); // => ['scale']
 */
export function questions(): ColumnTable {
  return load().questions;
}

/**
 * The bundled `results` table: one row per reported percentage, with its
 * qualifier, base_n and the verbatim quote.
 *
 * @example
 * results().columnNames().slice(0, 6);
 * // => ['survey_id', 'question_id', 'group_dim', 'group_value', 'option', 'percent']
 */
export function results(): ColumnTable {
  return load().results;
}

/**
 * The bundled Table Schemas and descriptor (a fresh copy): use it to check
 * your own CSVs against the same layout.
 *
 * @example
 * bundledDescriptor().resources.map((r) => r.name);
 * // => ['sources', 'surveys', 'questions', 'results']
 */
export function bundledDescriptor(): DataPackageDescriptor {
  return JSON.parse(DATAPACKAGE_JSON) as DataPackageDescriptor;
}
