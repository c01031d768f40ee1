// results.csv and leads.csv: every computed column, one row per figure and
// one per difference, for a spreadsheet or R.
import { type CsvCell, csvField, type Reanalysis } from '@toplines/data';

/** A cell; written by @toplines/data's csvField (RFC 4180 quoting, the formula-injection guard). */
type Cell = CsvCell;

/** The UTF-8 byte-order mark, U+FEFF: Excel reads a CSV that begins with it as UTF-8. */
export const UTF8_BOM = '\ufeff';

/**
 * A CSV's text, with a UTF-8 byte-order mark first when `bom` (`--bom`): Excel
 * opens a CSV without one in the machine's local encoding (Shift_JIS in
 * Japan), which turns every non-ASCII character into mojibake.
 *
 * @example
 * withBom('a,b\n', true).charCodeAt(0); // => 0xfeff
 * withBom('a,b\n', false); // => 'a,b\n'
 */
export function withBom(text: string, bom: boolean): string {
  return bom && !text.startsWith(UTF8_BOM) ? UTF8_BOM + text : text;
}

/** Rows put together before a piece of CSV text is handed on: about 1 MB of text for results.csv. */
const ROWS_PER_PIECE = 4096;

/** A CSV's lines in pieces of {@link ROWS_PER_PIECE} rows, each line ending in `\n`. */
function* csvPieces(header: string[], rows: Iterable<Cell[]>): Generator<string, void, undefined> {
  yield `${header.map(csvField).join(',')}\n`;
  let lines: string[] = [];
  for (const row of rows) {
    lines.push(row.map(csvField).join(','));
    if (lines.length === ROWS_PER_PIECE) {
      yield `${lines.join('\n')}\n`;
      lines = [];
    }
  }
  if (lines.length > 0) yield `${lines.join('\n')}\n`;
}

/**
 * results.csv's text whole ({@link resultsCsvText} joined), for the tests and small documents.
 *
 * @example
 * resultsCsv(doc).split('\n')[0]?.startsWith('survey_id,question_id'); // => true
 */
export function resultsCsv(doc: Reanalysis): string {
  return [...resultsCsvText(doc)].join('');
}

/**
 * The figures with their computed columns: the results layout's columns,
 * then n_used, estimate, lower, upper, moe (proportions), the count range and
 * consistency, notes, explain()'s sentence, and the intervals at each assumed
 * n where n is unknown (scenario_n_1, scenario_lower_1, …) — in pieces of a
 * few thousand rows, never the whole file as one string (a 200,000-row
 * archive's is past what a call's arguments or V8's strings hold, #18).
 *
 * @returns the pieces of text, in order; joined, the CSV
 * @example
 * resultsCsvText(doc).next().value?.startsWith('survey_id,question_id'); // => true
 */
export function* resultsCsvText(doc: Reanalysis): Generator<string, void, undefined> {
  // A loop, not Math.max(...all): spreading 200,000 values overflows the stack.
  let scenarios = 0;
  for (const s of doc.surveys)
    for (const q of s.questions)
      for (const o of q.options) scenarios = Math.max(scenarios, o.scenarios.length);
  const header = [
    'survey_id',
    'question_id',
    'group_dim',
    'group_value',
    'source_id',
    'option',
    'percent',
    'percent_text',
    'qualifier',
    'is_net',
    'input_row',
    'response_type',
    'response_type_inferred',
    'base',
    'n_used',
    'estimate',
    'lower',
    'upper',
    'moe',
    'method',
    'level',
    'deff',
    'count_min',
    'count_max',
    'consistent',
    'notes',
    'sentence',
  ];
  for (let i = 1; i <= scenarios; i++)
    header.push(
      `scenario_n_${i}`,
      `scenario_lower_${i}`,
      `scenario_upper_${i}`,
      `scenario_moe_${i}`,
    );
  yield* csvPieces(header, resultRows(doc, scenarios));
}

/** results.csv's rows, one per figure, with `scenarios` groups of scenario columns. */
function* resultRows(doc: Reanalysis, scenarios: number): Generator<Cell[], void, undefined> {
  for (const s of doc.surveys) {
    for (const q of s.questions) {
      for (const o of q.options) {
        const row: Cell[] = [
          q.surveyId,
          q.questionId,
          q.groupDim,
          q.groupValue,
          q.sourceId,
          o.option,
          o.percent,
          o.percentText,
          o.qualifier,
          o.isNet,
          o.row,
          q.responseType,
          q.responseTypeInferred,
          q.base,
          o.n,
          o.estimate,
          o.lower,
          o.upper,
          o.moe,
          doc.options.method,
          doc.options.level,
          s.deff,
          o.countMin,
          o.countMax,
          o.consistent,
          o.notes.join('; '),
          o.sentence,
        ];
        for (let i = 0; i < scenarios; i++) {
          const x = o.scenarios[i];
          row.push(x?.n, x?.lower, x?.upper, x?.moe);
        }
        yield row;
      }
    }
  }
}

/**
 * leads.csv's text whole ({@link leadsCsvText} joined), for the tests and small documents.
 *
 * @example
 * leadsCsv(doc).split('\n')[0]?.includes('p_value'); // => true
 */
export function leadsCsv(doc: Reanalysis): string {
  return [...leadsCsvText(doc)].join('');
}

/**
 * Every lead and paired difference with its computed columns, in pieces as
 * {@link resultsCsvText}.
 *
 * @returns the pieces of text, in order; joined, the CSV
 * @example
 * leadsCsvText(doc).next().value?.includes('p_value'); // => true
 */
export function* leadsCsvText(doc: Reanalysis): Generator<string, void, undefined> {
  const header = [
    'survey_id',
    'question_id',
    'group_dim',
    'group_value',
    'source_id',
    'kind',
    'option_a',
    'option_b',
    'percent_a',
    'percent_b',
    'n_used',
    'difference',
    'lower',
    'upper',
    'se',
    'z',
    'p_value',
    'test',
    'p_value_adjusted',
    'adjustment',
    'significant_adjusted',
    'probability_ahead',
    'liberal_lower',
    'liberal_upper',
    'overlap_min',
    'overlap_max',
    'significant',
    'verdict',
    'minimum_n',
    'level',
    'deff',
    'sentence_n',
    'sentence',
    'notes',
  ];
  yield* csvPieces(header, leadRowsOf(doc));
}

/** leads.csv's rows, one per lead or paired difference. */
function* leadRowsOf(doc: Reanalysis): Generator<Cell[], void, undefined> {
  for (const s of doc.surveys) {
    for (const q of s.questions) {
      for (const l of q.leads) {
        yield [
          q.surveyId,
          q.questionId,
          q.groupDim,
          q.groupValue,
          q.sourceId,
          l.kind,
          l.optionA,
          l.optionB,
          l.percentA,
          l.percentB,
          l.n,
          l.difference,
          l.lower,
          l.upper,
          l.se,
          l.z,
          l.pValue,
          l.test,
          l.pValueAdjusted,
          q.adjustment,
          l.significantAdjusted,
          l.probabilityAhead,
          l.liberalLower,
          l.liberalUpper,
          l.overlapRange?.[0],
          l.overlapRange?.[1],
          l.significant,
          l.verdict,
          l.minimumN,
          doc.options.level,
          s.deff,
          l.sentenceN,
          l.sentence,
          l.notes.join('; '),
        ];
      }
    }
  }
}
