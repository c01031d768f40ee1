// The one-off commands: moe, ci, lead, compare, check. Each reads its
// numbers, calls @toplines/core, and prints a line of result and (where core
// has one) explain()'s sentence — or, with --json, one JSON object.
import {
  consistentCounts,
  explain,
  leadTest,
  marginOfError,
  pairedDifference,
  proportionCI,
  TWO_PROPORTION_METHODS,
  twoProportionTest,
} from '@toplines/core';
import {
  noExtraPositionals,
  type OptionSpec,
  parseChoice,
  parseCommandArgs,
  parseDeff,
  parseLevel,
  parseMethod,
  parseN,
  parseShare,
  stringOption,
} from '../args';
import { UsageError } from '../errors';
import { count, levelText, percent, percentNumber, points, pValue } from '../format/number';
import { wrap } from '../format/text';
import type { Io } from '../io';
import { dataText, usageText } from '../messages';
import { METHOD_NAMES } from '../reanalyze/terminal-names';
import { VERSION } from '../version';

const COMMON = { json: { type: 'boolean' } } as const satisfies OptionSpec;

function emit(
  io: Io,
  command: string,
  json: boolean,
  data: Record<string, unknown>,
  lines: string[],
): void {
  if (json) {
    io.out(
      `${JSON.stringify({ schemaVersion: 1, tool: { name: 'toplines', version: VERSION }, command, ...data }, null, 2)}\n`,
    );
    return;
  }
  const width = Math.min(100, io.columns ?? 100);
  io.out(`${lines.flatMap((l) => wrap(l, width)).join('\n')}\n`);
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
  const p =
    positionals[0] === undefined ? 0.5 : parseShare(positionals[0], c, 'P, the share').value;
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
  emit(
    io,
    c,
    values['json'] === true,
    { input: { p, n, level, deff, populationSize: populationSize ?? null }, result: { moe } },
    [
      `±${percentNumber(moe)} points — the margin of error at ${levelText(level)} of a ${percent(p)} share, n = ${count(n)}${extras === '' ? '' : ` (${extras})`}`,
    ],
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
  emit(
    io,
    c,
    values['json'] === true,
    {
      input: { p: share.value, n, level, deff, method, rounding },
      result: ci,
      sentence: explain(ci),
    },
    lines,
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
  const p1 = parseShare(positionals[0], c, 'P1, the first share (0.405 or 40.5%)').value;
  const p2 = parseShare(positionals[1], c, 'P2, the second share (0.345 or 34.5%)').value;
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
  if (multiple) {
    const overlap =
      overlapText === undefined ? undefined : parseShare(overlapText, c, '--overlap').value;
    const r = pairedDifference(p1, p2, n, {
      level,
      deff,
      ...(overlap === undefined ? {} : { overlap }),
    });
    const sentence = explain(r, { labels });
    const head = r.overlapKnown
      ? `Paired difference: ${points(r.difference)} points, ${levelText(level)} CI ${points(r.lower)} to ${points(r.upper)}, ${pValue(r.pValue)}`
      : `Paired difference: ${points(r.difference)} points; ${levelText(level)} CI ${points(r.conservative.lower)} to ${points(r.conservative.upper)} at the least overlap (${percent(r.overlapRange[0])} chose both), ${points(r.liberal.lower)} to ${points(r.liberal.upper)} at the most (${percent(r.overlapRange[1])})`;
    emit(io, c, json, { input: { ...input, overlap: overlap ?? null }, result: r, sentence }, [
      head,
      sentence,
    ]);
    return 0;
  }
  const r = leadTest(p1, p2, n, { level, deff });
  const sentence = explain(r, { labels });
  emit(io, c, json, { input, result: r, sentence }, [
    `Lead: ${points(r.difference)} points, ${levelText(level)} CI ${points(r.lower)} to ${points(r.upper)}, z = ${r.z.toFixed(2)}, ${pValue(r.pValue)}`,
    sentence,
  ]);
  return 0;
}

/** `toplines compare P1 --n1 N1 P2 --n2 N2`. */
export async function compareCommand(argv: string[], io: Io): Promise<number> {
  const c = 'compare';
  const { values, positionals } = parseCommandArgs(c, argv, {
    ...COMMON,
    n1: { type: 'string' },
    n2: { type: 'string' },
    level: { type: 'string' },
    method: { type: 'string' },
    deff1: { type: 'string' },
    deff2: { type: 'string' },
    labels: { type: 'string' },
  });
  noExtraPositionals(c, positionals, 2);
  const p1 = parseShare(positionals[0], c, 'P1, the first sample’s share (0.45 or 45%)').value;
  const p2 = parseShare(positionals[1], c, 'P2, the second sample’s share (0.18 or 18%)').value;
  const n1 = parseN(stringOption(values, 'n1'), c, '--n1, the first sample size');
  const n2 = parseN(stringOption(values, 'n2'), c, '--n2, the second sample size');
  const level = parseLevel(stringOption(values, 'level'), c);
  const method = parseChoice(
    stringOption(values, 'method'),
    c,
    '--method',
    TWO_PROPORTION_METHODS,
    'newcombe',
  );
  const deff1 = parseDeff(stringOption(values, 'deff1'), c);
  const deff2 = parseDeff(stringOption(values, 'deff2'), c);
  const labels = labelsOption(stringOption(values, 'labels'), c);
  const r = twoProportionTest(p1, n1, p2, n2, { level, method, deff1, deff2 });
  const sentence = explain(r, { labels });
  emit(
    io,
    c,
    values['json'] === true,
    { input: { p1, n1, p2, n2, level, method, deff1, deff2 }, result: r, sentence },
    [
      `Difference: ${points(r.difference)} points, ${levelText(level)} CI ${points(r.lower)} to ${points(r.upper)} (${method}), z = ${r.z.toFixed(2)}, ${pValue(r.pValue)}`,
      sentence,
    ],
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
