// Every user-facing message of @toplines/data, in one place (Vega-Lite's
// habit): errors, validation issues and the notes the verbs write into tables.
// Messages name the file, row, column and value; no final period.

import { show } from '@toplines/core/internal';

/** Formats a value for a message: strings quoted, the rest as written. Core's, shared. */
export { show };

/** A percent for a message: rounded to 10 decimals so that 100.10000000000001 reads 100.1. */
export function showPercent(value: number): string {
  return String(Number(value.toFixed(10)));
}

function list(values: readonly unknown[]): string {
  return values.map(show).join(', ');
}

/** `results.csv, row 3 (line 4), column "percent"` */
export function location(
  file: string,
  row: number | null,
  line: number | null,
  column: string | null,
): string {
  let where = file;
  if (row === 0) where += ', header (row 0)';
  else if (row !== null) where += `, row ${row}${line !== null ? ` (line ${line})` : ''}`;
  if (column !== null) where += `, column ${show(column)}`;
  return where;
}

/** Validation issues: the part after the location. */
export const issueText = {
  unterminatedQuote: () => 'a quoted cell is never closed (a missing closing quote)',
  textAfterQuote: () => 'text follows a closing quote inside a cell (quote the whole cell)',
  missingColumn: (column: string, resource: string) =>
    `missing column ${show(column)}: the schema of resource ${show(resource)} requires it`,
  extraColumn: (column: string, resource: string) =>
    `column ${show(column)} is not in the schema of resource ${show(resource)} and is ignored`,
  duplicateColumn: (column: string) =>
    `column ${show(column)} appears more than once in the header`,
  rowLength: (got: number, expected: number) =>
    `the row has ${got} cells but the header has ${expected}`,
  type: (value: string, expected: string) => `${show(value)} is not ${expected}`,
  required: () => 'a value is required but the cell is empty',
  enum: (value: string, allowed: readonly unknown[]) =>
    `${show(value)} is not one of ${list(allowed)}`,
  pattern: (value: string, pattern: string) =>
    `${show(value)} does not match the pattern ${pattern}`,
  formatUri: (value: string) => `${show(value)} is not an absolute URI`,
  minimum: (value: string, minimum: unknown) =>
    `${show(value)} is below the minimum ${String(minimum)}`,
  maximum: (value: string, maximum: unknown) =>
    `${show(value)} is above the maximum ${String(maximum)}`,
  minLength: (value: string, min: number) => `${show(value)} is shorter than ${min} characters`,
  maxLength: (value: string, max: number) => `${show(value)} is longer than ${max} characters`,
  unique: (value: string, firstRow: number) =>
    `${show(value)} must be unique but already appears in row ${firstRow}`,
  primaryKey: (fields: readonly string[], values: readonly unknown[], firstRow: number) =>
    `duplicate primary key (${fields.join(', ')}) = (${list(values)}): row ${firstRow} has the same key`,
  duplicateRow: (firstRow: number) => `the row repeats row ${firstRow} exactly`,
  foreignKey: (
    fields: readonly string[],
    values: readonly unknown[],
    resource: string,
    refFields: readonly string[],
  ) =>
    `(${fields.join(', ')}) = (${list(values)}) is not a (${refFields.join(', ')}) of resource ${show(resource)}`,
  sumOver100: (what: string, sum: number, allowance: number, rows: readonly number[]) =>
    `the exact, non-net shares of ${what} sum to ${showPercent(sum)}%, more than 100% plus ` +
    `${showPercent(allowance)} points of rounding (rows ${rows.join(', ')}); ` +
    'options of a single-choice question exclude each other',
  likelyMultiple: (what: string, type: string, sum: number, rows: readonly number[]) =>
    `the exact, non-net shares of ${what} sum to ${showPercent(sum)}% (rows ${rows.join(', ')}), ` +
    `far past 100%: is this a check-all question labelled ${show(type)}? ` +
    'Set its response_type to "multiple" in questions.csv if respondents could pick several options',
  sumUnknownType: (what: string, sum: number, rows: readonly number[]) =>
    `the exact, non-net shares of ${what} sum to ${showPercent(sum)}% (rows ${rows.join(', ')}): ` +
    'fine for a check-all question, impossible for a single-choice one; ' +
    'the question type is unknown (no questions table, or the question is not in it)',
  proportionsNotPercent: (largest: string, row: number) =>
    `the percent column holds proportions, not percentages: every value is at most 1 ` +
    `(the largest, ${largest}, at row ${row}); write each figure as printed, ` +
    `${showPercent(Number(largest) * 100)} for ${showPercent(Number(largest) * 100)}%`,
  inconsistentPercent: (text: string, n: number, decimals: number) =>
    `no count out of n = ${n} rounds to ${text}% (${decimals} decimal${decimals === 1 ? '' : 's'}): ` +
    'a typo, a different base, or a weighted figure',
  baseExceedsN: (baseN: number, surveyId: string, n: number) =>
    `base_n ${baseN} is larger than the n = ${n} of survey ${show(surveyId)}`,
  baseDiffersFromN: (baseN: number, surveyId: string, n: number) =>
    `base_n ${baseN} of a whole-sample row of a question asked of all respondents differs ` +
    `from the n = ${n} of survey ${show(surveyId)}`,
  quoteMissingPercent: (percentText: string) =>
    `the quote does not contain the percent as printed, ${show(percentText)}`,
  quoteWithoutFigure: (percentText: string) =>
    `the quote states no figure in digits, nor ${show(percentText)} in words: check that it states ` +
    `${percentText}% (as "one in four" or "a majority" may)`,
  quoteNotInSource: (document: string) =>
    `the quote is not in the source text ${show(document)} (whitespace-normalised substring match)`,
  documentMissing: (document: string, sourceId: string) =>
    `the text of document ${show(document)} (source ${show(sourceId)}) is not available, so its quotes were not checked`,
} as const;

/** What the reader of the simple layout (`question,option,percent`, …) says about what it filled in. */
export const simpleText = {
  defaultSurvey: (id: string, from: 'file' | 'fallback' | 'given') =>
    `no survey column: every row is taken as one survey, ${show(id)}` +
    (from === 'file'
      ? ' (from the file name)'
      : from === 'fallback'
        ? ' (no file name gives an id)'
        : '') +
    '; add a survey column to name it, or to hold several surveys',
  noQuoteColumn: () =>
    'no quote column: the figures are not tied to the words of a source, so none can be ' +
    'checked against it; add a quote column with the sentence each figure comes from',
  emptyQuotes: (rows: readonly number[]) =>
    `${rows.length} row${rows.length === 1 ? ' has' : 's have'} no quote (row${rows.length === 1 ? '' : 's'} ` +
    `${rows.slice(0, 10).join(', ')}${rows.length > 10 ? ', …' : ''}): ` +
    'their figures are not tied to the words of a source',
  sameColumn: (first: string, second: string, full: string) =>
    `columns ${show(first)} and ${show(second)} both give ${show(full)}: keep one; ${show(second)} is ignored`,
  rowLength: (got: number, expected: number) => issueText.rowLength(got, expected),
  surveyNs: (id: string, ns: readonly number[]) =>
    `the whole-sample rows of survey ${show(id)} give different n (${ns.join(', ')}): ` +
    "the survey's n is left unknown, and each row keeps its own",
  surveyMoes: (id: string, moes: readonly number[]) =>
    `the whole-sample rows of survey ${show(id)} give different margins of error (${moes.map(showPercent).join(', ')}): ` +
    'a survey publishes one margin, for its whole sample; it is left unknown',
  subgroupMoe: (id: string) =>
    `survey ${show(id)} has a moe only on subgroup rows: a survey's published margin is that ` +
    'of its whole sample, so none is used (each figure gets its own interval from its n)',
} as const;

/** The names of a question's group in sum messages. */
export function questionGroup(
  surveyId: unknown,
  questionId: unknown,
  groupDim: unknown,
  groupValue: unknown,
  sourceId: unknown,
): string {
  return (
    `question ${show(questionId)} of survey ${show(surveyId)} ` +
    `(group ${String(groupDim)}/${String(groupValue)}, source ${show(sourceId)})`
  );
}

/** Messages of `decodeText`: a file that is not text, or not in the encoding read. */
export const encodingText = {
  option: (name: string, expected: string, value: unknown) =>
    `decodeText requires ${name} to be ${expected}, got ${show(value)}`,
  notBytes: (value: unknown) =>
    `decodeText requires the bytes of a file (a Uint8Array), got ${show(value)}`,
  notText: (file: string, offset: number) =>
    `${file} is not a text file: it holds a NUL byte (at byte ${offset}), as an image, a ` +
    'spreadsheet (.xlsx) or another binary file does, and has no UTF-16 byte-order mark; ' +
    'save it as UTF-8 text (a table as CSV UTF-8)',
  utf32: (file: string) =>
    `${file} is UTF-32 (by its byte-order mark), which is not read: save it as UTF-8 text (a table as CSV UTF-8)`,
  unknown: (file: string) =>
    `${file}: its encoding could not be recognised (it is not UTF-8, and no encoding the ` +
    'detector knows fits its bytes); save it as UTF-8 text (a table as CSV UTF-8)',
  unknownEncoding: (file: string, label: string) =>
    `${file}: ${show(label)} is not an encoding this runtime can decode ` +
    '(e.g. utf-8, shift_jis, euc-jp, windows-1252, utf-16le)',
  undecodable: (
    file: string,
    encoding: string,
    how: 'bom' | 'utf-8' | 'guessed' | 'given',
    offset: number,
    byte: number | null,
    line: number,
  ) =>
    `${file} cannot be decoded as ${encodingName(encoding)} (${ENCODING_HOW[how]}): ` +
    (byte === null
      ? 'the text ends inside a character'
      : `the bytes from 0x${byte.toString(16).toUpperCase().padStart(2, '0')} at byte ${offset} (line ${line}) are not valid ${encodingName(encoding)}`) +
    '; give the encoding the file was saved in (--encoding in the toplines command), or save it as UTF-8 text (a table as CSV UTF-8)',
} as const;

/** An encoding as people write it: "UTF-8", "Shift_JIS", "EUC-JP", "windows-1252". */
export function encodingName(encoding: string): string {
  if (encoding === 'shift_jis') return 'Shift_JIS';
  return encoding.startsWith('windows-') ? encoding : encoding.toUpperCase();
}

const ENCODING_HOW = {
  bom: 'named by its byte-order mark',
  'utf-8': 'its bytes looked like UTF-8',
  guessed: 'the encoding guessed from its bytes',
  given: 'the encoding given',
} as const;

/** Messages of thrown {@link DataError}s. */
export const errorText = {
  invalidData: (errors: number, warnings: number) =>
    `the data package has ${errors} error${errors === 1 ? '' : 's'}` +
    (warnings > 0 ? ` (and ${warnings} warning${warnings === 1 ? '' : 's'})` : ''),
  moreIssues: (count: number) => `… and ${count} more`,
  descriptorNotJson: (detail: string) => `the data package descriptor is not valid JSON: ${detail}`,
  descriptorNotObject: (value: unknown) =>
    `the data package descriptor must be a JSON object, got ${show(value)}`,
  descriptorNoResources: () => 'the data package descriptor has no "resources" array',
  resourceInvalid: (index: number, what: string) => `resource ${index} of the descriptor ${what}`,
  schemaInvalid: (resource: string, what: string) =>
    `the schema of resource ${show(resource)} ${what}`,
  headerFalse: (resource: string) =>
    `resource ${show(resource)} has dialect.header = false; a CSV without a header row is not supported`,
  unreadable: (path: string, detail: string) => `cannot read ${show(path)}: ${detail}`,
  unsafePath: (resource: string, what: string, path: string, reason: string) =>
    `resource ${show(resource)} has an unsafe ${what} ${show(path)}: ${reason}; ` +
    'a Data Package names its files by paths relative to its folder, inside it, ' +
    'without ".." segments (Frictionless Data Package v2)',
  unsafeDocument: (document: string, reason: string) =>
    `the source document ${show(document)} is not read: ${reason}; ` +
    'a document is named by a path relative to the documents folder, inside it',
  missingColumns: (fn: string, columns: readonly string[]) =>
    `${fn} requires the table to have column${columns.length === 1 ? '' : 's'} ${list(columns)}`,
  notATable: (fn: string, value: unknown) => `${fn} requires an arquero table, got ${show(value)}`,
  option: (fn: string, name: string, expected: string, value: unknown) =>
    `${fn} requires ${name} to be ${expected}, got ${show(value)}`,
} as const;

/**
 * What is wrong with a Table Schema or a descriptor's resources: the part
 * after `errorText.schemaInvalid` ("the schema of resource "results" …").
 */
export const schemaText = {
  notAnObject: (value: unknown) => `is not an object, got ${show(value)}`,
  fieldNotAnObject: (index: number, value: unknown) =>
    `has a field ${index} that is not an object, got ${show(value)}`,
  duplicateField: (field: string) => `names field ${show(field)} more than once`,
  unheldField: (field: string) =>
    `has a field named ${show(field)}, a name a table column cannot have: rename it`,
  fieldType: (field: string, type: unknown, known: readonly string[]) =>
    `has field ${show(field)} of type ${show(type)}, which is not a Table Schema type (${known.join(', ')})`,
  fieldProperty: (field: string, property: string, expected: string, value: unknown) =>
    `has field ${show(field)} whose ${property} is not ${expected}, got ${show(value)}`,
  patternInvalid: (field: string, pattern: string, detail: string) =>
    `has field ${show(field)} whose pattern ${show(pattern)} is not a valid regular expression: ${detail}`,
  patternUnsupported: (field: string, pattern: string, detail: string) =>
    `has field ${show(field)} whose pattern ${show(pattern)} is not run: patterns run on a ` +
    'linear-time engine (RE2 syntax), which refuses backreferences and lookaround because ' +
    `they can take exponential time (${detail})`,
  patternTooLarge: (field: string, pattern: string, size: number, max: number) =>
    `has field ${show(field)} whose pattern ${show(pattern.length > 80 ? `${pattern.slice(0, 80)}…` : pattern)} ` +
    `compiles to ${size} instructions, more than the ${max} checked in bounded time ` +
    '(large counted repeats such as {0,1000} multiply it): simplify it',
  boundNotApplicable: (field: string, bound: string, type: string) =>
    `has field ${show(field)} with a ${bound} constraint, which does not apply to type ${show(type)} ` +
    '(only to integer, number, year, date, datetime, time, yearmonth and duration)',
  boundValue: (field: string, bound: string, value: unknown, expected: string) =>
    `has field ${show(field)} whose ${bound} ${show(value)} is not ${expected}`,
  missingValues: (value: unknown) =>
    `has missingValues ${show(value)}: expected an array of strings (or of {"value": …} objects), e.g. [""]`,
  keyNotNames: (what: string, value: unknown) =>
    `has a ${what} that is not a field name or an array of field names, got ${show(value)}`,
  keyUnknownField: (what: string, name: string) =>
    `has a ${what} naming ${show(name)}, which is not one of its fields`,
  foreignKeysNotArray: (value: unknown) =>
    `has foreignKeys that are not an array of {fields, reference}, got ${show(value)}`,
  foreignKeyShape: (index: number) =>
    `has foreign key ${index} without "fields" and a "reference" with "fields"`,
  foreignKeyLength: (index: number, fields: number, refFields: number) =>
    `has foreign key ${index} with ${fields} field${fields === 1 ? '' : 's'} referring to ${refFields}: the two lists must have the same length`,
  foreignKeyResource: (resource: string) =>
    `has a foreign key to resource ${show(resource)}, which the data package does not have (as a table with a schema)`,
  foreignKeyRefField: (resource: string, name: string) =>
    `has a foreign key to field ${show(name)} of resource ${show(resource)}, which that resource's schema does not have`,
} as const;

/** Problems with the data package as a whole (see {@link schemaText} for one schema). */
export const packageText = {
  duplicateResource: (name: string, first: number, second: number) =>
    `the data package has two resources named ${show(name)} (resources ${first} and ${second}): each resource needs its own name`,
  notAPackage: (fn: string, value: unknown) =>
    `${fn} requires a data package (from load, parseDataPackage or parseResultsCsv), got ${show(value)}`,
} as const;

/** Why a path named in a descriptor or a sources table is refused (see `errorText.unsafePath`). */
export const unsafePathReason = {
  absolute: () => 'it is an absolute path',
  url: (scheme: string) => `it is a URL (${scheme}:), and only local files are read`,
  parent: () => 'it has a ".." segment, which could leave the folder',
  control: () => 'it contains a control character',
  outside: () => 'it leads outside the folder through a symbolic link',
} as const;

/** Notes the verbs write into the `interval_note`, `note` and `consistency_note` columns. */
export const noteText = {
  nUnknown: () => 'n unknown',
  percentMissing: () => 'percent missing',
  qualified: (qualifier: string) => {
    if (qualifier === 'approx') return 'percent is approximate (qualifier approx)';
    if (qualifier === 'more-than') return 'percent is a lower bound (qualifier more-than)';
    if (qualifier === 'less-than') return 'percent is an upper bound (qualifier less-than)';
    return `percent is qualified (qualifier ${qualifier})`;
  },
  notComputed: (detail: string) => `not computed: ${detail}`,
  noVariance: () =>
    'no sampling variance (se 0): the design fixes this share, as a stratum’s share of a stratified sample',
  noVarianceLead: () =>
    'no sampling variance (se 0 for both shares): the design fixes the two shares, so their difference is not an estimate to test (the sample was stratified on the question, or all its PSUs were taken with certainty)',
  differentN: (a: number, b: number) =>
    `the two figures have different bases (n = ${a.toLocaleString('en-US')} and ${b.toLocaleString('en-US')}): not one sample`,
  notChecked: (qualifier: string) =>
    `not checked: ${noteText.qualified(qualifier)}, so no exact count is implied`,
  noCount: (text: string, n: number, decimals: number) =>
    `no count out of n = ${n} rounds to ${text}% (${decimals} decimal${decimals === 1 ? '' : 's'})`,
  pairedOverlap: () =>
    'check-all question, overlap not reported: difference, lower, upper, z and p_value are the ' +
    'conservative end (the smallest overlap the two shares allow); lower_liberal and ' +
    'upper_liberal the liberal end (the largest)',
  roundingPaired: () =>
    'rounding not taken into account: the paired comparison takes the printed figures as exact',
  roundingQualified: () =>
    'rounding not taken into account: a qualified figure implies no exact count',
  roundingFewerDecimals: (a: number, b: number) =>
    `the two figures are printed with different decimals (${a} and ${b}): rounding taken at ${Math.min(a, b)}`,
  roundingMixedDecimals: (a: number, b: number) =>
    `rounding not taken into account: the two figures are printed with different decimals (${a} and ${b}), ` +
    'and the one with more cannot be written with fewer',
  join: (notes: readonly (string | null)[]) => {
    const kept = notes.filter((note): note is string => note !== null);
    return kept.length === 0 ? null : [...new Set(kept)].join('; ');
  },
} as const;

/** The messages of weightedToplines and the respondent-file readers (microdata). */
export const microdataText = {
  unknownColumns: (fn: string, missing: readonly string[], columns: readonly string[]) =>
    `${fn} found no column ${list(missing)} in the table; its columns are ${list(columns)}`,
  noQuestions: (fn: string) => `${fn} requires questions, the names of one or more columns`,
  badWeight: (fn: string, column: string, value: unknown, row: number) =>
    `${fn} requires every weight (column ${show(column)}) to be a number above 0, got ${show(value)} at row ${row}`,
  missingId: (fn: string, what: string, column: string, row: number) =>
    `${fn} requires a ${what} for every respondent, but column ${show(column)} is empty at row ${row}`,
  badFpc: (fn: string, column: string, value: unknown, row: number) =>
    `${fn} requires fpc (column ${show(column)}) to be a number, got ${show(value)} at row ${row}`,
  badReplicate: (fn: string, column: string, value: unknown, row: number) =>
    `${fn} requires replicate weights (column ${show(column)}) to be numbers of at least 0, got ${show(value)} at row ${row}`,
  replicatesAndPsu: (fn: string) =>
    `${fn} takes either replicate weights or strata, psu and fpc, not both`,
  noReplicateType: (fn: string) =>
    `${fn} requires replicateType (JK1, JKn, BRR, Fay or bootstrap) with replicates`,
  noAnswers: (fn: string, question: string) =>
    `${fn} found no answer to ${show(question)}: every respondent's is missing`,
  noRespondents: (fn: string) => `${fn} requires a table with at least two respondents`,
  designNote: (parts: readonly string[], n: number) =>
    `design-based, ${parts.join(', ')}; ${n} respondents (computed from respondent-level data)`,
  notFormat: (file: string, format: string, detail: string) =>
    `${show(file)} is not ${format}: ${detail}`,
  unknownExtension: (file: string) =>
    `cannot tell the format of ${show(file)} from its name: respondent files are .csv, .tsv, .txt, .sav or .parquet`,
  zsav: (file: string) =>
    `${show(file)} is a ZLIB-compressed SPSS file (.zsav), which is not read: save it from SPSS or PSPP as a .sav (uncompressed or bytecode-compressed)`,
  savCases: (file: string, expected: number, got: number) =>
    `${show(file)} ends after ${got} of the ${expected} cases its header announces`,
  emptyFile: (file: string) => `${show(file)} has no respondents (no data rows)`,
  duplicateColumn: (file: string, column: string) =>
    `${show(file)} has two columns named ${show(column)}`,
} as const;

/** The messages of designSumsSql and weightedToplinesFromSums (weighted toplines from SQL sums). */
export const sumsText = {
  unquotable: (fn: string, name: string, dialect: string) =>
    `${fn} cannot quote ${show(name)} in the ${dialect} dialect: a NUL character${dialect === 'spark' || dialect === 'bigquery' ? ', a backtick, a backslash or (in a missing code) a quote' : ''} has no safe quoting there; rename the column or recode the value`,
  badWeights: (fn: string, column: string, count: number) =>
    `${fn} requires every weight (column ${show(column)}) to be a number above 0, but the engine counted ${count} ${count === 1 ? 'row' : 'rows'} whose weight is missing, 0, negative or not finite`,
  badReplicates: (fn: string, count: number) =>
    `${fn} requires replicate weights to be numbers of at least 0, but the engine counted ${count} ${count === 1 ? 'row' : 'rows'} with one missing, negative or not finite`,
  missingIds: (fn: string, what: string, column: string, count: number) =>
    `${fn} requires a ${what} for every respondent, but column ${show(column)} is empty in ${count} ${count === 1 ? 'row' : 'rows'}`,
  badFpc: (fn: string, column: string, stratum: string, min: unknown, max: unknown) =>
    `${fn} requires fpc (column ${show(column)}) to be one number ≥ 0 within each stratum, got ${min === max ? `${show(min)} or a missing value` : `${show(min)} to ${show(max)}`} in stratum ${show(stratum)}`,
  psuInTwoStrata: (fn: string, psu: string, first: string, second: string) =>
    `${fn} requires each PSU to lie in one stratum, got psu ${show(psu)} in strata ${show(first)} and ${show(second)}: pass nest: true if PSU identifiers restart in each stratum`,
  multistageFpc: (fn: string) =>
    `${fn} gives the variance of the first stage: a multistage design with fpc at later stages needs the respondents (weightedToplines)`,
  notSums: (fn: string, part: unknown) =>
    `${fn} requires the rows of designSumsSql's query (part 'sums', 'strata' or 'psus'), got a row with part ${show(part)}`,
} as const;
