// The one-off commands: moe, ci, lead, compare, check. Each reads its
// numbers, calls @toplines/core, and prints a line of result and (where core
// has one) explain()'s sentence — or, with --json, one JSON object. At small
// n (#13) they warn about percentages no whole count out of n prints as, and
// take the p-value of `compare` and `lead` from an exact test where the
// expected counts are small, saying which test gave it.
import {
  binomialTest,
  consistentCounts,
  explain,
  fisherExactTest,
  leadTest,
  marginOfError,
  mcnemarExactTest,
  pairedDifference,
  proportionCI,
  significantFromN,
  TWO_PROPORTION_METHODS,
  twoProportionTest,
} from '@toplines/core';
import { PERCENT_TEXT, withIntervals } from '@toplines/data';
import {
  noExtraPositionals,
  type OptionSpec,
  type ParsedArgs,
  parseChoice,
  parseCommandArgs,
  parseDeff,
  parseLevel,
  parseMethod,
  parseN,
  parseShare,
  type Share,
  stringOption,
} from '../args';
import { BadDataError, UsageError } from '../errors';
import { count, levelText, percent, percentNumber, points, pValue } from '../format/number';
import { terminalSafe, wrap } from '../format/text';
import type { Io } from '../io';
import {
  compareText,
  dataText,
  type FigureName,
  type OneOffTest,
  smallSampleText,
  usageText,
} from '../messages';
import { loadInput } from '../reanalyze/input';
import { METHOD_NAMES } from '../reanalyze/terminal-names';
import { VERSION } from '../version';

const COMMON = { json: { type: 'boolean' } } as const satisfies OptionSpec;

/**
 * The smallest expected count at which `compare` keeps the large-sample z test:
 * the success–failure condition of the pooled two-proportion test (each of the
 * four cells, under the pooled proportion, at least 10: Diez, Çetinkaya-Rundel
 * & Barr, OpenIntro Statistics, 4th ed., §6.2.3, https://www.openintro.org/book/os/).
 * Cochran's 5 would leave 11/25 vs 5/25 (expected counts 8 and 17) to the z
 * test, whose p = 0.069 there is half Fisher's exact 0.13.
 */
const COMPARE_MIN_EXPECTED = 10;

/**
 * The smallest expected count (share × n / deff) at which `lead` keeps the
 * large-sample z test: 5, the rule `toplines reanalyze` follows for the same
 * leads (@toplines/data), so the two commands agree on a lead.
 */
const LEAD_MIN_EXPECTED = 5;

/** The interval methods of `compare`, as a sentence names them. */
const TWO_PROPORTION_NAMES: Record<(typeof TWO_PROPORTION_METHODS)[number], string> = {
  newcombe: 'Newcombe',
  wald: 'Wald',
  'agresti-caffo': 'Agresti–Caffo',
};

/** A warning of a one-off command: on stderr, and in the `warnings` of its `--json`. */
interface Warning {
  /** `impossible-percent`, `small-counts`, `approximate-counts` or `overlap-needed`. */
  code: string;
  message: string;
}

function emit(
  io: Io,
  command: string,
  json: boolean,
  data: Record<string, unknown>,
  lines: string[],
  warnings: readonly Warning[] = [],
): void {
  // Warnings and lines may quote a data package's cells (compare by reference): made safe for the terminal.
  for (const w of warnings) io.err(`warning: ${command}: ${terminalSafe(w.message)}\n`);
  if (json) {
    io.out(
      `${JSON.stringify({ schemaVersion: 1, tool: { name: 'toplines', version: VERSION }, command, ...data }, null, 2)}\n`,
    );
    return;
  }
  const width = Math.min(100, io.columns ?? 100);
  io.out(`${lines.flatMap((l) => wrap(terminalSafe(l), width)).join('\n')}\n`);
}

/**
 * The figure as printed, in percent units, and its decimals; null when it
 * cannot be checked against n: a proportion in exponent form, or one with
 * more than 10 decimals as a percentage (a computed figure, not a printed one).
 * A proportion counts as printed with the decimals it has in percent units
 * (0.45 as 45%, 0.405 as 40.5%), as `check` reads it.
 */
function printedPercent(share: Share): { value: number; decimals: number; text: string } | null {
  if (/e/i.test(share.text) || share.percentDecimals > 10) return null;
  const decimals = share.percentDecimals;
  const value = Number((share.value * 100).toFixed(Math.min(10, decimals + 2)));
  return { value, decimals, text: `${value.toFixed(decimals)}%` };
}

/**
 * A warning when no whole count out of n prints as the share given, naming the
 * nearest figures that are possible; null when one does (or it cannot be checked).
 */
function impossibleWarning(share: Share, n: number): Warning | null {
  const printed = printedPercent(share);
  if (printed === null) return null;
  if (consistentCounts(printed.value, n, { decimals: printed.decimals }) !== null) return null;
  const below = Math.floor((printed.value * n) / 100);
  const nearest = [below, below + 1]
    .filter((x) => x >= 0 && x <= n)
    .map((x) => `${count(x)}/${count(n)} = ${((100 * x) / n).toFixed(printed.decimals)}%`);
  return {
    code: 'impossible-percent',
    message: smallSampleText.impossiblePercent(printed.text, n, nearest),
  };
}

/** The impossible-percent warnings of shares of one sample; none for weighted figures (deff ≠ 1). */
function impossibleWarnings(shares: readonly Share[], n: number, deff: number): Warning[] {
  if (deff !== 1) return [];
  return shares.map((s) => impossibleWarning(s, n)).filter((w) => w !== null);
}

/** "11/25" */
function fraction(x: number, n: number): string {
  return `${count(x)}/${count(n)}`;
}

function labelsOption(text: string | undefined, command: string): string[] {
  if (text === undefined) return [];
  const parts = text.split(',').map((s) => s.trim());
  if (parts.length !== 2 || parts.some((p) => p === '')) {
    throw new UsageError(usageText.badLabels(text).replace(/^compare/, command), command);
  }
  return parts;
}

/** `toplines moe [P] --n N`. */
export async function moeCommand(argv: string[], io: Io): Promise<number> {
  const c = 'moe';
  const { values, positionals } = parseCommandArgs(c, argv, {
    ...COMMON,
    n: { type: 'string' },
    level: { type: 'string' },
    deff: { type: 'string' },
    population: { type: 'string' },
  });
  noExtraPositionals(c, positionals, 1);
  const share = positionals[0] === undefined ? null : parseShare(positionals[0], c, 'P, the share');
  const p = share === null ? 0.5 : share.value;
  const n = parseN(stringOption(values, 'n'), c, '--n, the sample size');
  const level = parseLevel(stringOption(values, 'level'), c);
  const deff = parseDeff(stringOption(values, 'deff'), c);
  const populationText = stringOption(values, 'population');
  const populationSize =
    populationText === undefined ? undefined : parseN(populationText, c, '--population');
  const moe = marginOfError(p, n, {
    level,
    deff,
    ...(populationSize === undefined ? {} : { populationSize }),
  });
  const extras = [
    deff === 1 ? null : `design effect ${deff}`,
    populationSize === undefined ? null : `population ${count(populationSize)}`,
  ]
    .filter((x) => x !== null)
    .join(', ');
  const warnings = share === null ? [] : impossibleWarnings([share], n, deff);
  emit(
    io,
    c,
    values['json'] === true,
    {
      input: { p, n, level, deff, populationSize: populationSize ?? null },
      result: { moe },
      test: null,
      warnings,
    },
    [
      `±${percentNumber(moe)} points — the margin of error at ${levelText(level)} of a ${percent(p)} share, n = ${count(n)}${extras === '' ? '' : ` (${extras})`}`,
    ],
    warnings,
  );
  return 0;
}

/** `toplines ci P --n N`. */
export async function ciCommand(argv: string[], io: Io): Promise<number> {
  const c = 'ci';
  const { values, positionals } = parseCommandArgs(c, argv, {
    ...COMMON,
    n: { type: 'string' },
    level: { type: 'string' },
    deff: { type: 'string' },
    method: { type: 'string' },
    rounding: { type: 'boolean' },
  });
  noExtraPositionals(c, positionals, 1);
  const share = parseShare(positionals[0], c, 'P, the share (0.405 or 40.5%)');
  const n = parseN(stringOption(values, 'n'), c, '--n, the sample size');
  const level = parseLevel(stringOption(values, 'level'), c);
  const deff = parseDeff(stringOption(values, 'deff'), c);
  const method = parseMethod(stringOption(values, 'method'), c);
  const rounding = values['rounding'] === true;
  const ci = proportionCI(share.value, n, {
    level,
    deff,
    method,
    ...(rounding ? { reportedDecimals: share.percentDecimals } : {}),
  });
  const lines = [
    `${percent(share.value, Math.max(1, share.percentDecimals))} (n = ${count(n)}): ${levelText(level)} CI ${percentNumber(ci.lower, 2)}% to ${percentNumber(ci.upper, 2)}% — ${METHOD_NAMES[method]}${deff === 1 ? '' : `, design effect ${deff}`}`,
  ];
  if (rounding && ci.reportedRange !== undefined) {
    lines.push(
      `covers every share that prints as ${share.text}: ${percentNumber(ci.reportedRange[0], 2)}% to ${percentNumber(ci.reportedRange[1], 2)}%${ci.counts == null ? '' : ` (${ci.counts} whole count${ci.counts === 1 ? '' : 's'} out of ${count(n)})`}`,
    );
  }
  lines.push(explain(ci));
  const warnings = impossibleWarnings([share], n, deff);
  emit(
    io,
    c,
    values['json'] === true,
    {
      input: { p: share.value, n, level, deff, method, rounding },
      result: ci,
      sentence: explain(ci),
      test: null,
      warnings,
    },
    lines,
    warnings,
  );
  return 0;
}

/** `toplines lead P1 P2 --n N [--multiple]`. */
export async function leadCommand(argv: string[], io: Io): Promise<number> {
  const c = 'lead';
  const { values, positionals } = parseCommandArgs(c, argv, {
    ...COMMON,
    n: { type: 'string' },
    level: { type: 'string' },
    deff: { type: 'string' },
    multiple: { type: 'boolean' },
    overlap: { type: 'string' },
    labels: { type: 'string' },
  });
  noExtraPositionals(c, positionals, 2);
  const share1 = parseShare(positionals[0], c, 'P1, the first share (0.405 or 40.5%)');
  const share2 = parseShare(positionals[1], c, 'P2, the second share (0.345 or 34.5%)');
  const [p1, p2] = [share1.value, share2.value];
  const n = parseN(stringOption(values, 'n'), c, '--n, the sample size');
  const level = parseLevel(stringOption(values, 'level'), c);
  const deff = parseDeff(stringOption(values, 'deff'), c);
  const labels = labelsOption(stringOption(values, 'labels'), c);
  const overlapText = stringOption(values, 'overlap');
  const multiple = values['multiple'] === true;
  if (overlapText !== undefined && !multiple)
    throw new UsageError(usageText.overlapWithoutMultiple(), c);
  const json = values['json'] === true;
  const input = { p1, p2, n, level, deff, multiple };
  const names = [labels[0] ?? 'The first option', labels[1] ?? 'the second'] as const;
  // The counts an exact test sees: of the effective sample n / deff, as `reanalyze` takes them.
  const m = n / deff;
  const smallest = Math.min(p1, p2) * m;
  const exactNotes = (impossible: readonly Warning[], counts: readonly number[]): Warning[] => [
    ...(impossible.length > 0
      ? [
          {
            code: 'approximate-counts',
            message: smallSampleText.nearestCounts(counts.map((x) => fraction(x, n))),
          },
        ]
      : []),
    ...(deff === 1
      ? []
      : [{ code: 'approximate-counts', message: smallSampleText.effectiveCounts() }]),
  ];
  const ctx: LeadContext = {
    io,
    c,
    json,
    input,
    share1,
    share2,
    n,
    level,
    deff,
    labels,
    names,
    m,
    smallest,
    exactNotes,
  };
  return multiple ? pairedLead(ctx, overlapText) : singleLead(ctx);
}

/** What the two kinds of lead of {@link leadCommand} share. */
interface LeadContext {
  io: Io;
  c: string;
  json: boolean;
  input: Record<string, unknown>;
  share1: Share;
  share2: Share;
  n: number;
  level: number;
  deff: number;
  labels: string[];
  names: readonly [string, string];
  /** The effective sample size n / deff. */
  m: number;
  /** The smaller expected count, min(p1, p2)·m. */
  smallest: number;
  exactNotes: (impossible: readonly Warning[], counts: readonly number[]) => Warning[];
}

/** `lead --multiple`: a paired difference, bounded over the overlap or at a given one. */
function pairedLead(ctx: LeadContext, overlapText: string | undefined): number {
  const {
    io,
    c,
    json,
    input,
    share1,
    share2,
    n,
    level,
    deff,
    labels,
    names,
    m,
    smallest,
    exactNotes,
  } = ctx;
  const [p1, p2] = [share1.value, share2.value];
  const overlapShare = overlapText === undefined ? null : parseShare(overlapText, c, '--overlap');
  const overlap = overlapShare?.value;
  const warnings = impossibleWarnings(
    overlapShare === null ? [share1, share2] : [share1, share2, overlapShare],
    n,
    deff,
  );
  const r = pairedDifference(p1, p2, n, {
    level,
    deff,
    ...(overlap === undefined ? {} : { overlap }),
  });
  const data = { input: { ...input, overlap: overlap ?? null }, result: r };
  if (overlap === undefined) {
    if (smallest < LEAD_MIN_EXPECTED) {
      warnings.push({
        code: 'overlap-needed',
        message: smallSampleText.pairedNeedsOverlap(smallest, LEAD_MIN_EXPECTED),
      });
    }
    const sentence = explain(r, { labels });
    const head = `Paired difference: ${points(r.difference)} points; ${levelText(level)} CI ${points(r.conservative.lower)} to ${points(r.conservative.upper)} at the least overlap (${percent(r.overlapRange[0])} chose both), ${points(r.liberal.lower)} to ${points(r.liberal.upper)} at the most (${percent(r.overlapRange[1])})`;
    const test: OneOffTest = 'paired-bounds';
    emit(
      io,
      c,
      json,
      { ...data, test, pValue: r.pValue, sentence, warnings },
      [head, sentence],
      warnings,
    );
    return 0;
  }
  const b = Math.round((p1 - overlap) * m);
  const cc = Math.round((p2 - overlap) * m);
  const discordant = Math.min(p1 - overlap, p2 - overlap) * m;
  if (Math.min(smallest, discordant) >= LEAD_MIN_EXPECTED) {
    const sentence = explain(r, { labels });
    const test: OneOffTest = 'paired-z';
    emit(
      io,
      c,
      json,
      { ...data, test, pValue: r.pValue, sentence, warnings },
      [
        `Paired difference: ${points(r.difference)} points, ${levelText(level)} CI ${points(r.lower)} to ${points(r.upper)}; ${smallSampleText.testName(test)}: ${pValue(r.pValue)}`,
        sentence,
      ],
      warnings,
    );
    return 0;
  }
  const exact = mcnemarExactTest(b, cc);
  warnings.push(
    {
      code: 'small-counts',
      message: smallSampleText.pairedSmall(
        Math.min(smallest, discordant),
        LEAD_MIN_EXPECTED,
        b,
        cc,
      ),
    },
    ...exactNotes(warnings, [b, cc]),
  );
  const verdict = smallSampleText.verdict(exact.pValue, level);
  const sentence = smallSampleText.pairedExactSentence(
    names,
    [percent(p1), percent(p2)],
    n,
    percent(overlap),
    points(r.difference).replace('+', ''),
    b,
    cc,
    pValue(exact.pValue),
    verdict,
    levelText(level),
    `${points(r.lower)} to ${points(r.upper)}`,
  );
  const test: OneOffTest = 'mcnemar-exact';
  emit(
    io,
    c,
    json,
    { ...data, test, pValue: exact.pValue, exact, sentence, warnings },
    [
      `Paired difference: ${points(r.difference)} points; ${smallSampleText.testName(test)} (${b} vs ${cc}): ${pValue(exact.pValue)}`,
      sentence,
    ],
    warnings,
  );
  return 0;
}

/** `lead` of one single-choice question: the z test, or the exact binomial test at small counts. */
function singleLead(ctx: LeadContext): number {
  const {
    io,
    c,
    json,
    input,
    share1,
    share2,
    n,
    level,
    deff,
    labels,
    names,
    m,
    smallest,
    exactNotes,
  } = ctx;
  const [p1, p2] = [share1.value, share2.value];
  const warnings = impossibleWarnings([share1, share2], n, deff);
  const r = leadTest(p1, p2, n, { level, deff });
  const xa = Math.round(p1 * m);
  const xb = Math.round(p2 * m);
  if (smallest >= LEAD_MIN_EXPECTED || xa + xb === 0) {
    const sentence = explain(r, { labels });
    const test: OneOffTest = 'z';
    emit(
      io,
      c,
      json,
      { input, result: r, test, pValue: r.pValue, sentence, warnings },
      [
        `Lead: ${points(r.difference)} points, ${levelText(level)} CI ${points(r.lower)} to ${points(r.upper)}; ${smallSampleText.testName(test)}: z = ${r.z.toFixed(2)}, ${pValue(r.pValue)}`,
        sentence,
      ],
      warnings,
    );
    return 0;
  }
  const exact = binomialTest(xa, xa + xb, 0.5);
  warnings.push(
    {
      code: 'small-counts',
      message: smallSampleText.leadSmall(smallest, LEAD_MIN_EXPECTED, xa + xb),
    },
    ...exactNotes(warnings, [xa, xb]),
  );
  const sentence = smallSampleText.leadExactSentence(
    names,
    [percent(p1), percent(p2)],
    n,
    points(Math.abs(r.difference)).replace('+', ''),
    xa + xb,
    [xa, xb],
    pValue(exact.pValue),
    smallSampleText.verdict(exact.pValue, level),
    levelText(level),
    points(r.upper - r.difference).replace('+', ''),
  );
  const test: OneOffTest = 'exact-binomial';
  emit(
    io,
    c,
    json,
    { input, result: r, test, pValue: exact.pValue, exact, sentence, warnings },
    [
      `Lead: ${points(r.difference)} points; ${smallSampleText.testName(test)} (${xa} vs ${xb}): ${pValue(exact.pValue)}`,
      sentence,
    ],
    warnings,
  );
  return 0;
}

/** The options of `compare`, in both its forms. */
const COMPARE_OPTIONS = {
  ...COMMON,
  n1: { type: 'string' },
  n2: { type: 'string' },
  level: { type: 'string' },
  method: { type: 'string' },
  deff1: { type: 'string' },
  deff2: { type: 'string' },
  labels: { type: 'string' },
  data: { type: 'string' },
} as const satisfies OptionSpec;

/**
 * `toplines compare P1 --n1 N1 P2 --n2 N2`, or
 * `toplines compare SURVEY/QUESTION/OPTION SURVEY/QUESTION/OPTION [--data FILE]`
 * (#16): two figures of a data package, with the comparability warnings.
 */
export async function compareCommand(argv: string[], io: Io): Promise<number> {
  const c = 'compare';
  const { values, positionals } = parseCommandArgs(c, argv, COMPARE_OPTIONS);
  noExtraPositionals(c, positionals, 2);
  // A share never holds "/"; a reference always does.
  const references = positionals.filter(isReference);
  if (references.length === 2)
    return compareReferences(positionals as [string, string], values, io);
  if (references.length === 1 && positionals.length === 2) {
    const share = positionals.find((p) => !isReference(p)) as string;
    throw new UsageError(compareText.mixedForms(share, references[0] as string), c);
  }
  if (stringOption(values, 'data') !== undefined)
    throw new UsageError(compareText.dataWithShares(), c);
  const share1 = parseShare(positionals[0], c, 'P1, the first sample’s share (0.45 or 45%)');
  const share2 = parseShare(positionals[1], c, 'P2, the second sample’s share (0.18 or 18%)');
  const n1 = parseN(stringOption(values, 'n1'), c, '--n1, the first sample size');
  const n2 = parseN(stringOption(values, 'n2'), c, '--n2, the second sample size');
  return compareShares(io, compareSettings(values), [share1, share2], [n1, n2]);
}

/** The options of `compare` besides the figures and their n. */
interface CompareSettings {
  level: number;
  method: (typeof TWO_PROPORTION_METHODS)[number];
  deffs: [number, number];
  labels: string[];
  json: boolean;
}

function compareSettings(values: ParsedArgs['values']): CompareSettings {
  const c = 'compare';
  return {
    level: parseLevel(stringOption(values, 'level'), c),
    method: parseChoice(
      stringOption(values, 'method'),
      c,
      '--method',
      TWO_PROPORTION_METHODS,
      'newcombe',
    ),
    deffs: [
      parseDeff(stringOption(values, 'deff1'), c),
      parseDeff(stringOption(values, 'deff2'), c),
    ],
    labels: labelsOption(stringOption(values, 'labels'), c),
    json: values['json'] === true,
  };
}

/** What a comparison by reference adds to the numeric one: its warnings first, its fields in `--json`. */
interface CompareExtras {
  warnings: Warning[];
  data: Record<string, unknown>;
  /** How explain() words the result (AAPOR wording for opt-in samples). */
  sampleType: 'probability' | 'nonprobability';
}

const NO_EXTRAS: CompareExtras = { warnings: [], data: {}, sampleType: 'probability' };

/** The comparison of two shares of independent samples of known n: both forms of `compare` end here. */
function compareShares(
  io: Io,
  settings: CompareSettings,
  [share1, share2]: [Share, Share],
  [n1, n2]: [number, number],
  extras: CompareExtras = NO_EXTRAS,
): number {
  const c = 'compare';
  const { level, method, labels, json } = settings;
  const [deff1, deff2] = settings.deffs;
  const [p1, p2] = [share1.value, share2.value];
  const input = { p1, n1, p2, n2, level, method, deff1, deff2 };
  const impossible = [
    ...impossibleWarnings([share1], n1, deff1),
    ...impossibleWarnings([share2], n2, deff2),
  ];
  // The 2×2 table of counts an exact test sees: of the effective sizes n / deff, rounded.
  const m1 = Math.max(1, Math.round(n1 / deff1));
  const m2 = Math.max(1, Math.round(n2 / deff2));
  const x1 = Math.round(p1 * m1);
  const x2 = Math.round(p2 * m2);
  const pooled = (x1 + x2) / (m1 + m2);
  const smallest = Math.min(m1, m2) * Math.min(pooled, 1 - pooled);
  const counts = { x1, n1: m1, x2, n2: m2 };
  const ctx: CompareContext = {
    io,
    c,
    json,
    input,
    labels,
    level,
    method,
    deffs: [deff1, deff2],
    sizes: [n1, n2],
    counts,
    smallest,
    impossible,
    extras,
  };
  return smallest >= COMPARE_MIN_EXPECTED ? compareLarge(ctx, p1, p2) : compareSmall(ctx);
}

/** What the two paths of {@link compareCommand} share. */
interface CompareContext {
  io: Io;
  c: string;
  json: boolean;
  input: Record<string, unknown>;
  labels: string[];
  level: number;
  method: (typeof TWO_PROPORTION_METHODS)[number];
  deffs: [number, number];
  /** The sample sizes as given. */
  sizes: [number, number];
  /** The 2×2 table an exact test sees: counts of the effective sizes. */
  counts: { x1: number; n1: number; x2: number; n2: number };
  /** The smallest expected cell count under the pooled share. */
  smallest: number;
  impossible: Warning[];
  extras: CompareExtras;
}

/** `compare` with enough counts: the large-sample z test and the interval of `method`. */
function compareLarge(ctx: CompareContext, p1: number, p2: number): number {
  const { io, c, json, input, labels, level, method, counts, smallest, extras } = ctx;
  const [n1, n2] = ctx.sizes;
  const [deff1, deff2] = ctx.deffs;
  const r = twoProportionTest(p1, n1, p2, n2, { level, method, deff1, deff2 });
  const sentence = explain(r, { labels, sampleType: extras.sampleType });
  const test: OneOffTest = 'z';
  const warnings = [...extras.warnings, ...ctx.impossible];
  emit(
    io,
    c,
    json,
    {
      input,
      ...extras.data,
      result: r,
      test,
      pValue: r.pValue,
      counts,
      smallestExpected: smallest,
      sentence,
      warnings,
    },
    [
      `Difference: ${points(r.difference)} points, ${levelText(level)} CI ${points(r.lower)} to ${points(r.upper)} (${method})`,
      `${smallSampleText.testName(test).replace(/^l/, 'L')}: z = ${r.z.toFixed(2)}, ${pValue(r.pValue)}`,
      sentence,
    ],
    warnings,
  );
  return 0;
}

/** `compare` at small counts: the difference, its interval and Fisher's exact test all from the counts. */
function compareSmall(ctx: CompareContext): number {
  const { io, c, json, input, labels, level, method, counts, smallest, impossible, extras } = ctx;
  const [n1, n2] = ctx.sizes;
  const [deff1, deff2] = ctx.deffs;
  const { x1, n1: m1, x2, n2: m2 } = counts;
  const exact = fisherExactTest(x1, m1, x2, m2, { level });
  const r = twoProportionTest(x1 / m1, n1, x2 / m2, n2, { level, method, deff1, deff2 });
  const shown = `${fraction(x1, m1)} and ${fraction(x2, m2)}`;
  const warnings: Warning[] = [
    ...extras.warnings,
    ...impossible,
    {
      code: 'small-counts',
      message: smallSampleText.compareSmall(
        smallest,
        COMPARE_MIN_EXPECTED,
        shown,
        TWO_PROPORTION_NAMES[method],
      ),
    },
    ...(impossible.length > 0
      ? [
          {
            code: 'approximate-counts',
            message: smallSampleText.nearestCounts([fraction(x1, m1), fraction(x2, m2)]),
          },
        ]
      : []),
    ...(deff1 === 1 && deff2 === 1
      ? []
      : [{ code: 'approximate-counts', message: smallSampleText.effectiveCounts() }]),
  ];
  const names = [labels[0] ?? 'The first sample', labels[1] ?? 'the second'] as const;
  const sentence = smallSampleText.compareExactSentence(
    names,
    [`${fraction(x1, m1)} (${percent(x1 / m1)})`, `${fraction(x2, m2)} (${percent(x2 / m2)})`],
    points(r.difference).replace('+', ''),
    pValue(exact.pValue),
    smallSampleText.verdict(exact.pValue, level),
    levelText(level),
    `${points(r.lower).replace('+', '')} to ${points(r.upper).replace('+', '')}`,
    TWO_PROPORTION_NAMES[method],
  );
  const test: OneOffTest = 'fisher';
  emit(
    io,
    c,
    json,
    {
      input,
      ...extras.data,
      result: r,
      test,
      pValue: exact.pValue,
      exact,
      counts,
      smallestExpected: smallest,
      sentence,
      warnings,
    },
    [
      `Difference of the counts ${shown}: ${points(r.difference)} points; ${smallSampleText.testName(test)}: ${pValue(exact.pValue)}`,
      sentence,
    ],
    warnings,
  );
  return 0;
}

/** `toplines check PERCENT --n N`: exit 1 when no whole count fits. */
export async function checkCommand(argv: string[], io: Io): Promise<number> {
  const c = 'check';
  const { values, positionals } = parseCommandArgs(c, argv, {
    ...COMMON,
    n: { type: 'string' },
    decimals: { type: 'string' },
  });
  noExtraPositionals(c, positionals, 1);
  const share = parseShare(positionals[0], c, 'PERCENT, the printed figure (40.5%)');
  const n = parseN(stringOption(values, 'n'), c, '--n, the sample size');
  const decimalsText = stringOption(values, 'decimals');
  let decimals = share.percentDecimals;
  if (decimalsText !== undefined) {
    decimals = Number(decimalsText);
    if (!/^\d+$/.test(decimalsText.trim()) || decimals > 10)
      throw new UsageError(usageText.badDecimals(decimalsText), c);
  }
  const percentValue = Number((share.value * 100).toFixed(Math.min(10, decimals + 2)));
  const printed = `${percentValue.toFixed(decimals)}%`;
  const range = consistentCounts(percentValue, n, { decimals });
  const exact = (x: number) =>
    `${count(x)}/${count(n)} = ${((100 * x) / n).toFixed(decimals + 2)}%`;
  const json = values['json'] === true;
  const input = { percent: percentValue, n, decimals };
  if (range === null) {
    const below = Math.floor((percentValue * n) / 100);
    const neighbours = [below, below + 1]
      .filter((x) => x >= 0 && x <= n)
      .map(exact)
      .join(', ');
    emit(io, c, json, { input, result: { possible: false, min: null, max: null } }, [
      `${printed} of ${count(n)}: not possible — ${dataText.impossible(printed, n).replace(/^.*?: /, '')} (nearest: ${neighbours})`,
    ]);
    if (!json) io.err(`${dataText.impossible(printed, n)}\n`);
    return 1;
  }
  const counts =
    range.min === range.max
      ? `exactly ${count(range.min)} respondents (${exact(range.min)})`
      : `${count(range.min)} to ${count(range.max)} respondents (${exact(range.min)} … ${exact(range.max)})`;
  emit(io, c, json, { input, result: { possible: true, ...range } }, [
    `${printed} of ${count(n)}: possible — ${counts}`,
  ]);
  return 0;
}

// ——— compare by reference (#16): two figures of a data package ———

/** One figure of a data package, found by its reference, with what the tables say of its question and survey. */
interface Figure extends FigureName {
  questionId: string;
  option: string;
  /** The percentage as printed, without its sign ("42.4"). */
  printed: string;
  share: Share;
  qualifier: string;
  /** The n it is out of (`n_used` of @toplines/data's withIntervals), or null. */
  n: number | null;
  /** The row of the questions table, when there is one. */
  question: Readonly<Record<string, unknown>> | null;
  /** The row of the surveys table, when there is one. */
  survey: Readonly<Record<string, unknown>> | null;
}

/** How many close ids an unknown reference's message lists. */
const CLOSE_IDS = 5;

/** A positional argument is a reference when it holds "/": no share does. */
function isReference(text: string): boolean {
  return text.includes('/');
}

/** A text cell, trimmed; null when empty or not text. */
function cell(row: Readonly<Record<string, unknown>> | null, column: string): string | null {
  const value = row?.[column];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** `compare SURVEY/QUESTION/OPTION SURVEY/QUESTION/OPTION`: look both up, warn, then compare as the numeric form. */
async function compareReferences(
  texts: [string, string],
  values: ParsedArgs['values'],
  io: Io,
): Promise<number> {
  const c = 'compare';
  const settings = compareSettings(values);
  const { pkg } = await loadInput(stringOption(values, 'data'), io.cwd);
  const results = pkg.results;
  if (results === undefined)
    throw new BadDataError(dataText.noResults(stringOption(values, 'data') ?? 'the data'));
  // n_used: base_n, else the survey's n for a whole-sample all-respondents row (one rule, in @toplines/data).
  const rows = withIntervals(results, {
    ...(pkg.surveys === undefined ? {} : { surveys: pkg.surveys }),
    ...(pkg.questions === undefined ? {} : { questions: pkg.questions }),
  }).objects() as Record<string, unknown>[];
  const surveys = (pkg.surveys?.objects() ?? []) as Record<string, unknown>[];
  const questions = (pkg.questions?.objects() ?? []) as Record<string, unknown>[];
  const a = findFigure(texts[0], rows, surveys, questions);
  const b = findFigure(texts[1], rows, surveys, questions);
  if (a.surveyId === b.surveyId) {
    const sameQuestion = a.questionId === b.questionId;
    const n = a.n ?? b.n;
    const checkAll = !sameQuestion || cell(a.question, 'response_type') === 'multiple';
    const suggestion = `toplines lead ${a.printed}% ${b.printed}% --n ${n === null ? 'N' : n}${checkAll ? ' --multiple' : ''}`;
    throw new UsageError(compareText.sameSurvey(a.surveyId, suggestion, sameQuestion), 'lead');
  }
  const warnings = comparabilityWarnings(
    a,
    b,
    pkg.surveys !== undefined || pkg.questions !== undefined,
  );
  const ns: [number | null, number | null] = [a.n, b.n];
  (['n1', 'n2'] as const).forEach((option, i) => {
    const given = stringOption(values, option);
    if (given === undefined) return;
    const figure = i === 0 ? a : b;
    if (figure.n !== null)
      throw new UsageError(compareText.nGivenTwice(`--${option}`, figure.reference, figure.n), c);
    ns[i] = parseN(given, c, `--${option}`);
    warnings.push({
      code: 'assumed-n',
      message: compareText.assumedN(figure.reference, `--${option}`, ns[i] as number),
    });
  });
  const optIn = [a, b].some((f) => cell(f.survey, 'sample_type') === 'nonprobability');
  const labels =
    settings.labels.length === 2
      ? settings.labels
      : [`Survey ${a.surveyId}`, `survey ${b.surveyId}`];
  const figures = [a, b].map((f, i) => figureJson(f, ns[i] ?? null));
  const data = { references: texts, figures };
  const [n1, n2] = ns;
  if (n1 === null || n2 === null)
    return compareUnknownN(io, settings, [a, b], [n1, n2], warnings, data);
  return compareShares(io, { ...settings, labels }, [a.share, b.share], [n1, n2], {
    warnings,
    data,
    sampleType: optIn ? 'nonprobability' : 'probability',
  });
}

/** A figure as `--json` gives it: what was looked up, and the n the test used. */
function figureJson(f: Figure, n: number | null): Record<string, unknown> {
  return {
    reference: f.reference,
    surveyId: f.surveyId,
    questionId: f.questionId,
    option: f.option,
    percent: Number(f.printed),
    printed: `${f.printed}%`,
    qualifier: f.qualifier,
    n,
    nInData: f.n,
    wording: cell(f.question, 'wording'),
    construct: cell(f.question, 'construct'),
    organization: cell(f.survey, 'organization'),
    population: cell(f.survey, 'population'),
    country: cell(f.survey, 'country'),
    mode: cell(f.survey, 'mode'),
    sampleType: cell(f.survey, 'sample_type'),
  };
}

/**
 * The whole-sample figure a reference names. SURVEY and QUESTION are ids
 * (no "/"), so the option is everything after the second "/".
 *
 * @throws {UsageError} a malformed or unknown reference, naming the closest ids
 * @throws {BadDataError} a reference that matches several rows, or one without a percentage
 */
function findFigure(
  text: string,
  rows: readonly Record<string, unknown>[],
  surveys: readonly Record<string, unknown>[],
  questions: readonly Record<string, unknown>[],
): Figure {
  const c = 'compare';
  const [surveyId = '', questionId = '', ...rest] = text.split('/');
  const option = rest.join('/');
  if (surveyId === '' || questionId === '' || option === '')
    throw new UsageError(compareText.badReference(text), c);
  const ofSurvey = rows.filter((r) => r['survey_id'] === surveyId);
  if (ofSurvey.length === 0) {
    const ids = [...new Set(rows.map((r) => String(r['survey_id'])))];
    throw new UsageError(compareText.unknownSurvey(text, surveyId, closest(surveyId, ids)), c);
  }
  const ofQuestion = ofSurvey.filter((r) => r['question_id'] === questionId);
  if (ofQuestion.length === 0) {
    const ids = [...new Set(ofSurvey.map((r) => String(r['question_id'])))];
    throw new UsageError(
      compareText.unknownQuestion(text, surveyId, questionId, closest(questionId, ids)),
      c,
    );
  }
  const ofOption = ofQuestion.filter((r) => r['option'] === option);
  if (ofOption.length === 0) {
    const options = [...new Set(ofQuestion.map((r) => String(r['option'])))];
    throw new UsageError(
      compareText.unknownOption(text, `${surveyId}/${questionId}`, option, options),
      c,
    );
  }
  const whole = ofOption.filter((r) => r['group_dim'] === 'total' && r['group_value'] === 'total');
  if (whole.length === 0) {
    const groups = ofOption.map((r) => `${String(r['group_dim'])}=${String(r['group_value'])}`);
    throw new UsageError(compareText.onlySubgroups(text, groups), c);
  }
  if (whole.length > 1) throw new BadDataError(compareText.ambiguous(text, whole.length));
  const row = whole[0] as Record<string, unknown>;
  const percentValue = row['percent'];
  if (typeof percentValue !== 'number' || !Number.isFinite(percentValue))
    throw new BadDataError(compareText.noPercent(text));
  const textCell = row[PERCENT_TEXT];
  const printed = typeof textCell === 'string' && textCell !== '' ? textCell : String(percentValue);
  const dot = printed.indexOf('.');
  const n = row['n_used'];
  return {
    reference: text,
    surveyId,
    questionId,
    option,
    printed,
    share: {
      value: percentValue / 100,
      percentDecimals: dot === -1 ? 0 : printed.length - dot - 1,
      text: `${printed}%`,
    },
    qualifier: cell(row, 'qualifier') ?? 'exact',
    n: typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : null,
    question:
      questions.find((q) => q['survey_id'] === surveyId && q['question_id'] === questionId) ?? null,
    survey: surveys.find((s) => s['survey_id'] === surveyId) ?? null,
  };
}

/** The ids closest to what was typed: those that contain it (or it them) first, then by edit distance. */
function closest(typed: string, ids: readonly string[]): string[] {
  const t = typed.toLowerCase();
  const score = (id: string) => {
    const s = id.toLowerCase();
    return s.includes(t) || t.includes(s) ? 0 : editDistance(t, s);
  };
  return [...ids]
    .map((id) => ({ id, d: score(id) }))
    .sort((x, y) => x.d - y.d || x.id.localeCompare(y.id))
    .slice(0, CLOSE_IDS)
    .map((x) => x.id);
}

/**
 * Levenshtein distance (insertions, deletions, substitutions), O(|a|·|b|).
 * Written here: main.ts's is private to the command names, and no
 * dependency of the CLI has one.
 */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      row.push(Math.min((previous[j] as number) + 1, (row[j - 1] as number) + 1, substitution));
    }
    previous = row;
  }
  return previous[b.length] as number;
}

/** A mode or sample type the data states ("unknown" and empty are not). */
function stated(row: Readonly<Record<string, unknown>> | null, column: string): string | null {
  const value = cell(row, column);
  return value === null || value.toLowerCase() === 'unknown' ? null : value;
}

const SAMPLE_TYPES: Record<string, string> = {
  probability: 'a probability sample',
  nonprobability: 'an opt-in (nonprobability) sample',
};

/**
 * Whether the two figures measure the same thing in the same way: one
 * warning per difference the surveys and questions tables record, and one
 * for what they leave unstated.
 */
function comparabilityWarnings(a: Figure, b: Figure, hasTables: boolean): Warning[] {
  const warnings: Warning[] = [];
  const add = (code: string, message: string) => warnings.push({ code, message });
  if (!hasTables) add('no-metadata', compareText.noMetadata());
  const differ = (column: string, table: 'question' | 'survey') => {
    const [x, y] = [cell(a[table], column), cell(b[table], column)];
    return x !== null && y !== null && x !== y ? ([x, y] as const) : null;
  };
  if (a.question !== null || b.question !== null) {
    const [ca, cb] = [cell(a.question, 'construct'), cell(b.question, 'construct')];
    if (ca !== null && cb !== null && ca !== cb)
      add('different-construct', compareText.differentConstruct(a, ca, b, cb));
    else if (ca === null || cb === null)
      add(
        'not-linked',
        compareText.notLinked([a, b].filter((f) => cell(f.question, 'construct') === null)),
      );
    const wording = differ('wording', 'question');
    if (wording !== null)
      add('different-wording', compareText.differentWording(a, wording[0], b, wording[1]));
    const [oa, ob] = [cell(a.question, 'construct_option'), cell(b.question, 'construct_option')];
    const sameAnswer = oa !== null && ob !== null && oa === ob;
    if (!sameAnswer && a.option.trim().toLowerCase() !== b.option.trim().toLowerCase())
      add('different-option', compareText.differentOption(a, a.option, b, b.option));
    const base = differ('base', 'question');
    if (base !== null) add('different-base', compareText.differentBase(a, base[0], b, base[1]));
  }
  if (a.survey !== null && b.survey !== null) {
    const population = differ('population', 'survey');
    if (population !== null)
      add(
        'different-population',
        compareText.differentPopulation(a, population[0], b, population[1]),
      );
    const country = differ('country', 'survey');
    if (country !== null)
      add('different-country', compareText.differentCountry(a, country[0], b, country[1]));
    const missing: string[] = [];
    for (const [column, name] of [
      ['mode', 'mode'],
      ['sample_type', 'sample type'],
    ] as const) {
      const [x, y] = [stated(a.survey, column), stated(b.survey, column)];
      if (x !== null && y !== null && x !== y) {
        if (column === 'mode') add('different-mode', compareText.differentMode(a, x, b, y));
        else
          add(
            'different-sample-type',
            compareText.differentSampleType(a, SAMPLE_TYPES[x] ?? x, b, SAMPLE_TYPES[y] ?? y),
          );
      }
      const unstated = [a, b].filter((f) => stated(f.survey, column) === null);
      if (unstated.length > 0)
        missing.push(
          `the ${name} of ${unstated.length === 2 ? 'either survey' : (unstated[0] as Figure).surveyId}`,
        );
    }
    const organization = differ('organization', 'survey');
    if (organization !== null)
      add(
        'different-organization',
        compareText.differentOrganization(a, organization[0], b, organization[1]),
      );
    if (missing.length > 0) add('design-not-stated', compareText.notStated(missing));
  }
  for (const f of [a, b]) {
    if (f.qualifier !== 'exact')
      add('qualified-figure', compareText.qualified(f.reference, `${f.printed}%`, f.qualifier));
  }
  return warnings;
}

/** The largest n per poll core's significantFromN looks at, as the reanalysis does. */
const SCAN_LIMIT = 5000;

/**
 * With an n unknown: core's significantFromN (the rule the reanalysis uses
 * across polls), the figures as printed, the known n where there is one.
 */
function smallestSignificantN(
  figures: readonly [Figure, Figure],
  ns: readonly [number | null, number | null],
  level: number,
  method: (typeof TWO_PROPORTION_METHODS)[number],
): number | null {
  const printed = (f: Figure, n: number | null) => ({
    percent: Number(f.printed),
    decimals: f.share.percentDecimals,
    n,
  });
  return significantFromN(printed(figures[0], ns[0]), printed(figures[1], ns[1]), {
    level,
    method,
    limit: SCAN_LIMIT,
  });
}

/** `compare` by reference with an n the data does not give: no test, the smallest n that would make the difference exceed its margin. */
function compareUnknownN(
  io: Io,
  settings: CompareSettings,
  figures: [Figure, Figure],
  ns: [number | null, number | null],
  warnings: Warning[],
  data: Record<string, unknown>,
): number {
  const [a, b] = figures;
  const unknown = ns[0] === null && ns[1] === null ? 'both' : ns[0] === null ? 'first' : 'second';
  const minimumN = smallestSignificantN(figures, ns, settings.level, settings.method);
  const difference = a.share.value - b.share.value;
  const missing = [0, 1].filter((i) => ns[i] === null);
  const all: Warning[] = [
    ...warnings,
    {
      code: 'n-unknown',
      message: compareText.nUnknown(
        missing.map((i) => figures[i]?.reference ?? ''),
        missing.map((i) => `--n${i + 1}`),
      ),
    },
  ];
  const sentence = compareText.minimumN(
    points(Math.abs(difference)).replace('+', ''),
    unknown,
    minimumN,
    SCAN_LIMIT,
  );
  const [n1, n2] = ns;
  const [deff1, deff2] = settings.deffs;
  emit(
    io,
    'compare',
    settings.json,
    {
      input: {
        p1: a.share.value,
        n1,
        p2: b.share.value,
        n2,
        level: settings.level,
        method: settings.method,
        deff1,
        deff2,
      },
      ...data,
      result: null,
      test: null,
      pValue: null,
      minimumN: { n: minimumN, of: unknown, limit: SCAN_LIMIT },
      sentence,
      warnings: all,
    },
    [
      `Difference: ${points(difference)} points (${a.printed}% vs ${b.printed}%); no test: n unknown for ${unknown === 'both' ? 'both polls' : `the ${unknown} poll`}`,
      sentence,
    ],
    all,
  );
  return 0;
}
