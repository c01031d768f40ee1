// Reading the command line: node:util parseArgs, and the number formats a
// reader of polls types ("40.5%", "0.405", "1,037").
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { PROPORTION_CI_METHODS, type ProportionCIMethod } from '@toplines/core';
import { UsageError } from './errors';
import { usageText } from './messages';

/** The options of a command, as parseArgs takes them. */
export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/** What {@link parseCommandArgs} returns. */
export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  positionals: string[];
}

/**
 * parseArgs, with its errors turned into a {@link UsageError} that names
 * the command (exit 2, no stack trace).
 *
 * @example
 * parseCommandArgs('moe', ['0.5', '--n', '1037'], { n: { type: 'string' } });
 * // => { values: { n: '1037' }, positionals: ['0.5'] }
 */
export function parseCommandArgs(command: string, argv: string[], options: OptionSpec): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({
      args: joinNegativeValues(argv, options),
      options,
      allowPositionals: true,
      strict: true,
    });
    return { values: values as ParsedArgs['values'], positionals };
  } catch (e) {
    const error = e as Error & { code?: string };
    throw new UsageError(usageText.parseArgs(command, error.message, error.code), command);
  }
}

/**
 * parseArgs takes the "-1" of `--deff -1` for an option and says the value
 * is missing; a value that looks like a negative number is the option's
 * value, so the command's own check can say what is wrong with it. Joined
 * as `--deff=-1` for string options only (no option of toplines is a digit).
 *
 * @example
 * joinNegativeValues(['--deff', '-1'], { deff: { type: 'string' } }); // => ['--deff=-1']
 */
export function joinNegativeValues(argv: readonly string[], options: OptionSpec): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const next = argv[i + 1];
    if (arg === '--') {
      out.push(...argv.slice(i));
      break;
    }
    const long = /^--([^=]+)$/.exec(arg)?.[1];
    const short = /^-([^-])$/.exec(arg)?.[1];
    const name =
      long ??
      (short === undefined
        ? undefined
        : Object.keys(options).find((key) => options[key]?.short === short));
    if (
      name !== undefined &&
      options[name]?.type === 'string' &&
      next !== undefined &&
      /^-(?:\d|\.\d)/.test(next)
    ) {
      out.push(`--${name}=${next}`);
      i++;
      continue;
    }
    out.push(arg);
  }
  return out;
}

/** A share as written on the command line: its value in [0, 1] and the text as printed. */
export interface Share {
  /** The proportion, in [0, 1]. */
  value: number;
  /** The decimals of the figure as a percentage ("40.5%" → 1; "0.405" → 1). */
  percentDecimals: number;
  /** The text as typed. */
  text: string;
}

/**
 * Reads a share: a proportion in [0, 1] ("0.405") or a percentage written
 * with its sign ("40.5%"). A bare number above 1 is a usage error that
 * suggests the % form: it is almost always a percentage typed without it.
 *
 * @example
 * parseShare('40.5%', 'lead', 'the first share'); // => { value: 0.405, percentDecimals: 1, text: '40.5%' }
 * parseShare('0.345', 'lead', 'the second share').value; // => 0.345
 * // a percentage needs its sign: the message says to write 40.5%
 * parseShare('40.5', 'lead', 'the first share'); // throws UsageError
 */
export function parseShare(text: string | undefined, command: string, what: string): Share {
  if (text === undefined || text.trim() === '') {
    throw new UsageError(usageText.missing(command, what), command);
  }
  const trimmed = text.trim();
  const asPercent = /^([+-]?(?:\d+\.?\d*|\.\d+))\s*%$/.exec(trimmed);
  if (asPercent !== null) {
    const number = asPercent[1] as string;
    const value = Number(number);
    if (value < 0 || value > 100) {
      throw new UsageError(usageText.percentRange(command, what, trimmed), command);
    }
    return { value: value / 100, percentDecimals: decimals(number), text: trimmed };
  }
  if (!/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(trimmed)) {
    throw new UsageError(usageText.notAShare(command, what, trimmed), command);
  }
  const value = Number(trimmed);
  if (value > 1)
    throw new UsageError(usageText.percentWithoutSign(command, what, trimmed), command);
  if (value < 0) throw new UsageError(usageText.negativeShare(command, what, trimmed), command);
  return { value, percentDecimals: Math.max(0, decimals(trimmed) - 2), text: trimmed };
}

/**
 * Reads a sample size: a positive whole number, with or without thousands
 * separators ("1037", "1,037", "1_037").
 *
 * @example
 * parseN('1,037', 'moe', '--n'); // => 1037
 * parseN('0', 'moe', '--n'); // throws UsageError
 */
export function parseN(text: string | undefined, command: string, name: string): number {
  if (text === undefined) throw new UsageError(usageText.missing(command, name), command);
  const trimmed = text.trim();
  if (!/^\d{1,3}(?:[,_]\d{3})*$|^\d+$/.test(trimmed) || Number(trimmed.replace(/[,_]/g, '')) < 1) {
    throw new UsageError(usageText.notASampleSize(command, name, text), command);
  }
  const n = Number(trimmed.replace(/[,_]/g, ''));
  if (!Number.isSafeInteger(n))
    throw new UsageError(usageText.notASampleSize(command, name, text), command);
  return n;
}

/**
 * Reads a confidence level: 0.95, or 95 / 95% as a percentage.
 *
 * @example
 * parseLevel('90', 'ci'); // => 0.9
 * parseLevel(undefined, 'ci'); // => 0.95
 */
export function parseLevel(text: string | undefined, command: string): number {
  if (text === undefined) return 0.95;
  const trimmed = text.trim().replace(/%$/, '');
  const value = Number(trimmed);
  if (trimmed === '' || !Number.isFinite(value)) {
    throw new UsageError(usageText.badLevel(command, text), command);
  }
  // 95 or 95% is a percentage; 2 is more likely a typo than a 2% level.
  if (value >= 1 && value < 50) throw new UsageError(usageText.badLevel(command, text), command);
  const level = value >= 1 ? value / 100 : value;
  if (!(level > 0 && level < 1)) throw new UsageError(usageText.badLevel(command, text), command);
  return level;
}

/**
 * Reads a design effect: a number above 0 (1 = simple random sampling).
 *
 * @example
 * parseDeff('1.8', 'ci'); // => 1.8
 */
export function parseDeff(text: string | undefined, command: string): number {
  if (text === undefined) return 1;
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0) {
    throw new UsageError(usageText.badDeff(command, text), command);
  }
  return value;
}

/**
 * Reads an interval method, with its common spellings ("clopper-pearson",
 * "exact", "agresti_coull").
 *
 * @example
 * parseMethod('exact', 'ci'); // => 'clopper-pearson'
 */
export function parseMethod(text: string | undefined, command: string): ProportionCIMethod {
  if (text === undefined) return 'wilson';
  const key = text.trim().toLowerCase().replace(/[_ ]/g, '-');
  const alias: Record<string, ProportionCIMethod> = { exact: 'clopper-pearson', score: 'wilson' };
  const method = alias[key] ?? key;
  if ((PROPORTION_CI_METHODS as readonly string[]).includes(method)) {
    return method as ProportionCIMethod;
  }
  throw new UsageError(
    usageText.badChoice(command, '--method', text, PROPORTION_CI_METHODS),
    command,
  );
}

/** Reads one of a fixed set of values. */
export function parseChoice<T extends string>(
  text: string | undefined,
  command: string,
  name: string,
  allowed: readonly T[],
  fallback: T,
): T {
  if (text === undefined) return fallback;
  const key = text.trim().toLowerCase();
  if ((allowed as readonly string[]).includes(key)) return key as T;
  throw new UsageError(usageText.badChoice(command, name, text, allowed), command);
}

/** The string value of an option (parseArgs gives string | boolean | arrays). */
export function stringOption(values: ParsedArgs['values'], name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

/** Throws a usage error when more positionals were given than the command takes. */
export function noExtraPositionals(command: string, positionals: string[], max: number): void {
  if (positionals.length > max) {
    throw new UsageError(usageText.extraArguments(command, positionals.slice(max)), command);
  }
}

function decimals(number: string): number {
  const dot = number.indexOf('.');
  return dot === -1 ? 0 : number.length - dot - 1;
}
