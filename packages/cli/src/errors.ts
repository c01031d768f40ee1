/**
 * The exit codes of the `toplines` command (sysexits-style where it helps):
 * 0 success, 1 bad data (a file that does not validate, numbers that cannot
 * come from one poll), 2 usage (an unknown option, a malformed number), 70 an
 * internal error (a bug: please report it).
 */
export const EXIT = { ok: 0, data: 1, usage: 2, internal: 70 } as const;

/** One of {@link EXIT}. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * A mistake in how the command was called: an unknown option, a missing or
 * malformed argument. Printed as one line (plus a hint) and exit code 2,
 * never with a stack trace.
 *
 * @example
 * const error = new UsageError('lead requires --n, the sample size', 'lead');
 * error.name; // => 'UsageError'
 * error.command; // => 'lead'
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  /** The command whose help the message points to, e.g. `"lead"`; null for the top level. */
  readonly command: string | null;

  constructor(message: string, command: string | null = null) {
    super(message);
    this.command = command;
  }
}

/**
 * A problem with the data the user gave: a file that is missing, empty or
 * does not validate, or a percentage no count out of n can produce (check).
 * Exit code 1. `details` are extra lines (one validation issue each).
 *
 * @example
 * const error = new BadDataError('my-poll.csv is empty', ['expected a header row: survey_id,question_id,…']);
 * error.details; // => ['expected a header row: survey_id,question_id,…']
 */
export class BadDataError extends Error {
  override readonly name = 'BadDataError';
  readonly details: readonly string[];

  constructor(message: string, details: readonly string[] = []) {
    super(message);
    this.details = details;
  }
}
