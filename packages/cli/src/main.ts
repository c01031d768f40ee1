// The `toplines` command: dispatch, help, and the one place errors become
// messages and exit codes (never a stack trace for a user's mistake).
import { isLibraryError } from '@toplines/core/internal';
import {
  checkCommand,
  ciCommand,
  compareCommand,
  leadCommand,
  moeCommand,
} from './commands/one-off';
import { BadDataError, EXIT, UsageError } from './errors';
import { makeStyle, terminalSafe } from './format/text';
import { type Io, usableColumns, useColor } from './io';
import { dataText, helpText, usageText } from './messages';
import { VERSION } from './version';

type Command = (argv: string[], io: Io) => Promise<number>;

const COMMANDS: Record<string, { run: Command; help: () => string }> = {
  reanalyze: {
    run: async (argv, io) => (await import('./commands/reanalyze')).reanalyzeCommand(argv, io),
    help: helpText.reanalyze,
  },
  read: {
    run: async (argv, io) => (await import('./commands/read')).readCommand(argv, io),
    help: helpText.read,
  },
  weigh: {
    run: async (argv, io) => (await import('./commands/weigh')).weighCommand(argv, io),
    help: helpText.weigh,
  },
  moe: { run: moeCommand, help: helpText.moe },
  ci: { run: ciCommand, help: helpText.ci },
  lead: { run: leadCommand, help: helpText.lead },
  compare: { run: compareCommand, help: helpText.compare },
  check: { run: checkCommand, help: helpText.check },
};

/** Spellings people type for a command. */
const ALIASES: Record<string, string> = {
  reanalyse: 'reanalyze',
  weight: 'weigh',
  margin: 'moe',
  interval: 'ci',
  grim: 'check',
};

/**
 * Runs the command line `argv` (without `node` and the script) and returns
 * the exit code: 0 success, 1 bad data, 2 usage, 70 internal error. Data
 * goes to `io.out`, messages to `io.err`.
 *
 * @example
 * await main(['moe', '--n', '1037'], io); // => 0
 * written.join('');
 * // => '±3.0 points — the margin of error at 95% of a 50.0% share, n = 1,037\n'
 */
export async function main(commandLine: string[], given: Io): Promise<number> {
  const { argv, io } = globalOptions(commandLine, given);
  const style = makeStyle(useColor(io.env, io.stderrIsTTY));
  const first = argv[0];
  let command: string | null = null;
  try {
    if (first === undefined) {
      io.err(helpText.main());
      return EXIT.usage;
    }
    if (first === '--help' || first === '-h') {
      io.out(helpText.main());
      return EXIT.ok;
    }
    if (first === '--version' || first === '-v') {
      io.out(`${VERSION}\n`);
      return EXIT.ok;
    }
    if (first === 'help') {
      const topic = argv[1];
      if (topic === undefined) io.out(helpText.main());
      else io.out(commandFor(topic).help());
      return EXIT.ok;
    }
    const entry = commandFor(first);
    command = ALIASES[first] ?? first;
    const rest = argv.slice(1);
    const dashDash = rest.indexOf('--');
    const flags = dashDash === -1 ? rest : rest.slice(0, dashDash);
    if (flags.includes('--help') || flags.includes('-h')) {
      io.out(entry.help());
      return EXIT.ok;
    }
    return await entry.run(rest, io);
  } catch (e) {
    return report(e, command, io, style);
  }
}

/**
 * What every command takes, settled here before a command reads its own
 * options: `--no-color` (anywhere before `--`) is removed and turns into
 * NO_COLOR for this run, which every command reads through `useColor`; a
 * terminal width of 0 or less (or not a number) is unknown, so the default
 * width (100) applies rather than a report one column wide.
 */
function globalOptions(argv: string[], io: Io): { argv: string[]; io: Io } {
  const dashDash = argv.indexOf('--');
  const options = dashDash === -1 ? argv : argv.slice(0, dashDash);
  const noColor = options.includes('--no-color');
  const kept = noColor
    ? [
        ...options.filter((a) => a !== '--no-color'),
        ...(dashDash === -1 ? [] : argv.slice(dashDash)),
      ]
    : argv;
  const env = noColor ? { ...io.env, NO_COLOR: '1' } : io.env;
  return { argv: kept, io: { ...io, env, columns: usableColumns(io.columns) } };
}

function commandFor(name: string): { run: Command; help: () => string } {
  const entry = COMMANDS[ALIASES[name] ?? name];
  if (entry !== undefined) return entry;
  if (name.startsWith('-'))
    throw new UsageError(`unknown option ${name}: ${usageText.noCommand()}`);
  throw new UsageError(usageText.unknownCommand(name, suggest(name, Object.keys(COMMANDS))));
}

/** Turns an error into its message on stderr and an exit code. */
function report(
  e: unknown,
  command: string | null,
  io: Io,
  style: ReturnType<typeof makeStyle>,
): number {
  // Messages quote what the user gave (a file's cells, a command name, a
  // path): made safe for the terminal, as the report's data is.
  const message = terminalSafe(e instanceof Error ? e.message : String(e));
  const prefix = style.red('toplines:');
  if (e instanceof UsageError) {
    io.err(`${prefix} ${message}\n${style.dim(usageText.seeHelp(e.command ?? command))}\n`);
    return EXIT.usage;
  }
  if (e instanceof BadDataError) {
    io.err(`${prefix} ${message}\n${e.details.map((d) => `  ${terminalSafe(d)}\n`).join('')}`);
    return EXIT.data;
  }
  // Errors of the library packages (core, data, charts), recognised by their
  // brand: not by instanceof, as the ESM and CJS builds each have their own
  // class, nor by name, which any error can take.
  if (isLibraryError(e)) {
    io.err(`${prefix} ${command === null ? '' : `${command}: `}${message}\n`);
    return EXIT.data;
  }
  io.err(`${prefix} ${dataText.internal(message)}\n`);
  if (io.env['TOPLINES_DEBUG'] !== undefined && e instanceof Error && e.stack !== undefined) {
    io.err(`${terminalSafe(e.stack)}\n`);
  }
  return EXIT.internal;
}

/** The closest command name within two edits, for "did you mean". */
export function suggest(name: string, names: string[]): string | null {
  let best: string | null = null;
  let bestDistance = 3;
  for (const candidate of names) {
    const d = distance(name.toLowerCase(), candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] as number;
      row[j] = Math.min(
        (row[j] as number) + 1,
        (row[j - 1] as number) + 1,
        previous + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      previous = current;
    }
  }
  return row[b.length] as number;
}
