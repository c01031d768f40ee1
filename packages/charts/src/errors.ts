import { brandError, type ErrorFactory } from '@toplines/core/internal';

/**
 * The machine-readable kind of a {@link ChartError}.
 *
 * - `invalid-input`: the table is neither an array of row objects nor an arquero table
 * - `empty-table`: the table has no rows
 * - `missing-column`: a column the chart needs is absent (e.g. the interval
 *   columns that `withIntervals` of @toplines/data adds)
 * - `unknown-question`: no row has the question id asked for
 * - `unknown-survey`: no row has the survey id asked for
 * - `no-rows`: the rows left after choosing the question, survey, group and
 *   source are none (e.g. a group that the question does not report)
 * - `mixed-questions`: a one-question chart was given rows of several questions
 * - `mixed-surveys`: a one-question chart was given rows of several surveys
 * - `mixed-scales`: a diverging chart was given questions with different scales
 * - `not-exclusive`: a lead was asked for between options of a check-all question
 * - `not-a-scale`: a diverging chart was given a question without an order of options
 * - `invalid-option`: an option of the builder is out of range or of the wrong type
 * - `render-failed`: Vega could not compile or render the spec (render entry only)
 *
 * @example
 * const caught = (f: () => unknown) => { try { f(); } catch (e) { return e; } };
 * const e = caught(() => divergingChart(rows, { question: 'economic-partners' }));
 * e instanceof ChartError; // => true
 * (e as ChartError).code; // => 'not-a-scale'
 */
export type ChartErrorCode =
  | 'invalid-input'
  | 'empty-table'
  | 'missing-column'
  | 'unknown-question'
  | 'unknown-survey'
  | 'no-rows'
  | 'mixed-questions'
  | 'mixed-surveys'
  | 'mixed-scales'
  | 'not-exclusive'
  | 'not-a-scale'
  | 'invalid-option'
  | 'render-failed';

/**
 * The one error class of @toplines/charts. Every problem with a builder's
 * input or options throws it, with a `code` to branch on, the name of the
 * function that refused (`fn`), and a message that names the function and
 * what is wrong (the column, the id, the value), without a final period. It
 * carries the brand of the toplines packages' errors (`isLibraryError` of
 * `@toplines/core/internal`), which holds across the ESM and CJS builds where
 * `instanceof` does not.
 *
 * @example
 * let error;
 * try { shareChart([], { question: 'us-impression' }); } catch (e) { error = e; }
 * error instanceof ChartError; // => true
 * error.code; // => 'empty-table'
 * error.message; // => 'shareChart needs at least one row, got an empty table'
 */
export class ChartError extends Error {
  override readonly name = 'ChartError';
  /** What went wrong, for code to branch on. */
  readonly code: ChartErrorCode;
  /** The function that threw, e.g. `"shareChart"`. */
  readonly fn: string;

  constructor(code: ChartErrorCode, fn: string, message: string) {
    super(`${fn} ${message}`);
    this.code = code;
    this.fn = fn;
    brandError(this);
  }
}

/**
 * The error factory of the shared option checks of `@toplines/core/internal`
 * for the builder `fn`: their messages start with its name, which ChartError
 * adds itself. Internal.
 */
export function chartError(fn: string): ErrorFactory<ChartErrorCode> {
  const prefix = `${fn} `;
  return (code, message) =>
    new ChartError(code, fn, message.startsWith(prefix) ? message.slice(prefix.length) : message);
}
