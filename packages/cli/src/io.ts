/**
 * Where the command writes and what it knows about its terminal: injected so
 * that the tests can run `main` in-process and read both streams.
 */
export interface Io {
  /** Writes data (the report, JSON, a result) to standard output. */
  out(text: string): void;
  /** Writes messages (errors, warnings, progress) to standard error. */
  err(text: string): void;
  /** Environment variables (NO_COLOR, FORCE_COLOR, TOPLINES_DEBUG). */
  env: Readonly<Record<string, string | undefined>>;
  /** Whether standard output is a terminal (colour, width). */
  stdoutIsTTY: boolean;
  /** Whether standard error is a terminal (colour of messages, progress). */
  stderrIsTTY: boolean;
  /** Width of the terminal in columns, when standard output is one. */
  columns?: number | undefined;
  /** The working directory, to resolve paths. */
  cwd: string;
}

/**
 * The process's own streams as an {@link Io}.
 *
 * @example
 * // not run: reads the process's arguments and writes to its streams
 * const code = await main(process.argv.slice(2), processIo());
 */
export function processIo(): Io {
  return {
    out: (text) => {
      process.stdout.write(text);
    },
    err: (text) => {
      process.stderr.write(text);
    },
    env: process.env,
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    columns: process.stdout.isTTY ? process.stdout.columns : undefined,
    cwd: process.cwd(),
  };
}

/**
 * Whether to colour a stream: never when NO_COLOR is set to anything
 * non-empty (https://no-color.org), always when FORCE_COLOR is set to
 * something other than 0, else only on a terminal.
 *
 * @example
 * useColor({ NO_COLOR: '1' }, true); // => false
 */
export function useColor(env: Io['env'], isTTY: boolean): boolean {
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  const force = env['FORCE_COLOR'];
  if (force !== undefined && force !== '' && force !== '0') return true;
  return isTTY && env['TERM'] !== 'dumb';
}
