// @toplines/data: tidy tables of published survey results (arquero), the
// bundled datasets, loaders, validation and table verbs. Re-exports only.
// No node: imports here: the Node-only readers live in ./node.ts.
export { DataError, type DataErrorCode } from './errors';
export { type CsvCell, csvField } from './format/csv-field';
export { type DecodedText, type DecodeTextOptions, decodeText } from './format/decode-text';
export { bundledDescriptor, load, questions, results, sources, surveys } from './io/bundled';
export { parseDataPackage, type ReadResource } from './io/parse-data-package';
export { type ParseResultsCsvOptions, parseResultsCsv } from './io/parse-results-csv';
export { PERCENT_TEXT } from './io/read-resource';
export {
  type ParseMicrodataCsvOptions,
  parseMicrodataCsv,
} from './microdata/parse-microdata-csv';
export { type ParseParquetOptions, parseParquet } from './microdata/parse-parquet';
export {
  DESIGN_SUMS_COLUMNS,
  type DesignSumsSqlOptions,
  designSumsSql,
  SQL_DIALECTS,
  type SqlDialect,
  type SumsColumn,
  type WeightedToplinesFromSums,
  type WeightedToplinesFromSumsOptions,
  weightedToplinesFromSums,
} from './microdata/sql';
export type { Microdata, VariableLabels } from './microdata/types';
export {
  WEIGHTED_TOPLINES_COLUMNS,
  type WeightedToplines,
  type WeightedToplinesOptions,
  weightedToplines,
} from './microdata/weighted-toplines';
export { SOURCE_ROW, sourceRowsOf } from './reanalyze/figure';
export type {
  AcrossPollsResult,
  Adjustment,
  InferredBase,
  Issue,
  LeadResult,
  OptionResult,
  PollRow,
  QuestionResult,
  Reanalysis,
  ReanalysisDocument,
  ReanalysisOptions,
  Scenario,
  Summary,
  SurveyResult,
  Verdict,
  WaveChange,
} from './reanalyze/model';
export { SCHEMA_VERSION } from './reanalyze/model';
export {
  DEFAULT_ASSUMED_N,
  type ReanalysisStream,
  type ReanalyzeInput,
  type ReanalyzeOptions,
  reanalyze,
  reanalyzeSurveys,
} from './reanalyze/reanalyze';
export type {
  CellValue,
  DataPackage,
  DataPackageDescriptor,
  FieldDescriptor,
  ForeignKeyDescriptor,
  ResourceData,
  ResourceDescriptor,
  Severity,
  TableSchemaDescriptor,
  ToplinesPackage,
  ValidationCode,
  ValidationIssue,
  ValidationReport,
} from './types';
export type { SampleOptions } from './util/table-input';
export type { ReadDocument } from './validate/check-results';
export { assertValid, type ValidateOptions, validate } from './validate/validate';
export {
  ACROSS_POLLS_COLUMNS,
  type AcrossPollsOptions,
  acrossPolls,
} from './verbs/across-polls';
export { type ConsistencyOptions, consistency } from './verbs/consistency';
export { LEAD_COLUMNS, type LeadsOptions, leads } from './verbs/leads';
export { type WithIntervalsOptions, withIntervals } from './verbs/with-intervals';
