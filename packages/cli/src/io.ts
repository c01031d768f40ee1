/**
 * Where the command writes and what it knows about its terminal: injected so
 * that the tests can run `main` in-process and read both streams.
 */
export interface Io {
  /** Writes data (the report, JSON, a result) to standard output. */
  out(text: string): void;
  /**
   * Writes data already encoded as UTF-8 to standard output (the text
   * worker threads wrote); where absent, it is decoded and given to `out`.
   */
  outBytes?(bytes: Uint8Array): void;
  /** Writes messages (errors, warnings, progress) to standard error. */
  err(text: string): void;
  /** Environment variables (NO_COLOR, FORCE_COLOR, TOPLINES_DEBUG). */
  env: Readonly<Record<string, string | undefined>>;
  /** Whether standard output is a terminal (colour, width). */
  stdoutIsTTY: boolean;
  /** Whether standard error is a terminal (colour of messages, progress). */
  stderrIsTTY: boolean;
  /**
   * Width of the terminal in columns, when standard output is one and says
   * so; undefined (or 0, which {@link main} reads as undefined) gives the
   * default width, 100.
   */
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
    outBytes: (bytes) => {
      process.stdout.write(bytes);
    },
    err: (text) => {
      process.stderr.write(text);
    },
    env: process.env,
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    columns: process.stdout.isTTY ? usableColumns(process.stdout.columns) : undefined,
    cwd: process.cwd(),
  };
}

/**
 * A terminal width to go by, or undefined (the default width then applies):
 * a terminal can report 0 columns (a pseudo-terminal whose size was never
 * set, as some CI runners and `script` give).
 *
 * @example
 * usableColumns(120); // => 120
 * usableColumns(0); // => undefined
 */
export function usableColumns(columns: number | undefined): number | undefined {
  return columns !== undefined && Number.isFinite(columns) && columns >= 1
    ? Math.floor(columns)
    : undefined;
}

/**
 * Whether to colour a stream: never when NO_COLOR is set to anything
 * non-empty (https://no-color.org; the `--no-color` option sets it for its
 * run), always when FORCE_COLOR is set to something other than 0, else only
 * on a terminal.
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
