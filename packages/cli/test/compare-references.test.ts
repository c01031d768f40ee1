// `toplines compare SURVEY/QUESTION/OPTION SURVEY/QUESTION/OPTION` (#16 item 3):
// two figures of a data package, looked up with their n and compared as the
// numeric form compares them, with warnings when they come from different
// constructs, wordings, populations, countries, modes or sample types.
// Reference values come from R (stats), written to
// fixtures/compare-references-r.json by fixtures/compare-references.R, which
// records R's version. fixtures/compare-references/ holds three invented polls.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { FIXTURES, flat, hasStack, SUBPROCESS_TIMEOUT, toplines } from './helpers';

// Each test runs the command, often several times: see SUBPROCESS_TIMEOUT.
vi.setConfig({ testTimeout: SUBPROCESS_TIMEOUT });

const R = JSON.parse(readFileSync(join(FIXTURES, 'compare-references-r.json'), 'utf8')) as {
  source: string;
  rVersion: string;
  cases: Record<string, { call: string; value: number }>;
};
const r = (name: string): number => {
  const c = R.cases[name];
  if (c === undefined) throw new Error(`no R case ${name} in compare-references-r.json`);
  return c.value;
};

interface Warning {
  code: string;
  message: string;
}

function json(args: string[]) {
  const run = toplines([...args, '--json']);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as Record<string, unknown> & {
    warnings: Warning[];
    figures: Record<string, unknown>[];
  };
}

const codes = (warnings: readonly Warning[]) => warnings.map((w) => w.code);

const UTOKYO = [
  'utokyo-2024-08/us-relations-assessment/positive',
  'utokyo-2025-08/us-relations-assessment/positive',
];
const API_GOOD = 'api-2025-jp/us-relations-current/good';
const CABINET = 'cabinet-secretariat-2024-10/relations-assessment/going well';
const PACKAGE = ['--data', 'compare-references'];

describe('compare by reference: the University of Tokyo waves (45% in Aug 2024, 18% in Aug 2025)', () => {
  it('has no n for either wave: no test, and the smallest n per wave from which the change exceeds its margin (R: 33)', () => {
    const run = toplines(['compare', ...UTOKYO]);
    expect(run.code).toBe(0);
    expect(r('smallest_n_utokyo')).toBe(33);
    expect(flat(run.stdout)).toContain(
      'Difference: +27.0 points (45% vs 18%); no test: n unknown for both polls',
    );
    expect(flat(run.stdout)).toContain(
      'larger than its margin of error at every n per poll from 33 on, of the n up to 5,000 at which both printed figures are possible',
    );
    expect(run.stderr).toContain(
      `warning: compare: the data gives no n for ${UTOKYO[0]} and ${UTOKYO[1]}`,
    );
  });

  it('the waves are one construct with one wording: no construct or wording warning, but an unstated mode and sample type', () => {
    const out = json(['compare', ...UTOKYO]);
    expect(codes(out.warnings)).toEqual(['design-not-stated', 'n-unknown']);
    expect(out.warnings[0]?.message).toBe(
      'the data does not state the mode of either survey, nor the sample type of either survey: whether the two were collected the same way cannot be checked',
    );
    expect(out['result']).toBeNull();
    expect(out['test']).toBeNull();
    expect(out['pValue']).toBeNull();
    expect(out['minimumN']).toEqual({ n: 33, of: 'both', limit: 5000 });
    expect(out.figures.map((f) => [f['percent'], f['n'], f['construct']])).toEqual([
      [45, null, 'japan-us-relations-current'],
      [18, null, 'japan-us-relations-current'],
    ]);
  });

  it('--n1 and --n2 supply the n the data lacks, said in a warning, and the test is the numeric form’s (R prop.test)', () => {
    const args = ['compare', ...UTOKYO, '--n1', '1000', '--n2', '1000'];
    const out = json(args);
    const numeric = json(['compare', '45%', '--n1', '1000', '18%', '--n2', '1000']);
    expect(out['test']).toBe('z');
    expect((out['pValue'] as number) / r('prop_450_1000_180_1000')).toBeCloseTo(1, 8);
    expect(out['result']).toEqual(numeric['result']);
    expect(codes(out.warnings)).toEqual(['design-not-stated', 'assumed-n', 'assumed-n']);
    expect(out.warnings[1]?.message).toBe(
      `the data gives no n for ${UTOKYO[0]}: the test uses 1,000, from --n1`,
    );
  });
});

describe('compare by reference: the API “good” (42.4% of 1,037) vs the Cabinet Secretariat “going well” (85.5%)', () => {
  it('warns that the wordings, the answers, the populations and the organisations differ, quoting both', () => {
    const run = toplines(['compare', API_GOOD, CABINET]);
    expect(run.code).toBe(0);
    const err = run.stderr;
    expect(err).toContain(
      'warning: compare: the questions are worded differently, as the data records them: “Current state of the Japan–U.S. relationship (good / bad)” (api-2025-jp) and “Appraisal of Japan–U.S. relations (are they going well?)” (cabinet-secretariat-2024-10); a change can be a change of question',
    );
    expect(err).toContain(
      'warning: compare: the answers compared differ: “good” (api-2025-jp) and “going well” (cabinet-secretariat-2024-10)',
    );
    expect(err).toContain(
      "warning: compare: the surveys' populations differ as the data records them: “respondents in Japan” (api-2025-jp) and “Japanese respondents (not described in the source)” (cabinet-secretariat-2024-10)",
    );
    expect(err).toContain('warning: compare: the surveys are by different organisations');
    expect(err).toContain(
      'the data does not state the mode of cabinet-secretariat-2024-10, nor the sample type of either survey',
    );
    expect(err).not.toContain('construct');
  });

  it('takes the API’s n from its survey (1,037) and gives the smallest n of the Cabinet poll from which the gap exceeds its margin (R: 55)', () => {
    const out = json(['compare', API_GOOD, CABINET]);
    expect(codes(out.warnings)).toEqual([
      'different-wording',
      'different-option',
      'different-population',
      'different-organization',
      'design-not-stated',
      'n-unknown',
    ]);
    expect(out.figures.map((f) => [f['printed'], f['n']])).toEqual([
      ['42.4%', 1037],
      ['85.5%', null],
    ]);
    expect(r('smallest_n_api_cabinet')).toBe(55);
    expect(out['minimumN']).toEqual({ n: 55, of: 'second', limit: 5000 });
    expect(out['sentence']).toContain('at every n of the second poll from 55 on');
  });
});

describe('compare by reference: what the questions and surveys tables record (invented polls)', () => {
  const wave2024 = 'wave-2024/cabinet-approval/approve';
  const wave2025 = 'wave-2025/cabinet-approval/approve';
  const us = 'us-2025/president-approval/approve';

  it('a change of mode and of sample type between waves, tested as the numeric form (R prop.test), in AAPOR wording for the opt-in wave', () => {
    const out = json(['compare', wave2024, wave2025, ...PACKAGE]);
    const numeric = json(['compare', '41%', '--n1', '1000', '35.5%', '--n2', '800']);
    expect(codes(out.warnings)).toEqual(['different-mode', 'different-sample-type']);
    expect(out.warnings[0]?.message).toBe(
      'the surveys used different modes, telephone (wave-2024) and online (wave-2025): people answer the same question differently online, by telephone and face to face, so part of the difference may be the mode',
    );
    expect(out.warnings[1]?.message).toContain(
      'a probability sample (wave-2024) and an opt-in (nonprobability) sample (wave-2025)',
    );
    expect(out['result']).toEqual(numeric['result']);
    expect(out['test']).toBe('z');
    expect(out['pValue']).toBeCloseTo(r('prop_410_1000_284_800'), 12);
    expect(out['sentence']).toContain('computed as if this opt-in sample were a random one');
  });

  it('different constructs, wordings and countries', () => {
    const out = json(['compare', wave2024, us, ...PACKAGE]);
    expect(codes(out.warnings)).toEqual([
      'different-construct',
      'different-wording',
      'different-country',
      'different-organization',
    ]);
    expect(out.warnings[0]?.message).toBe(
      `the questions table links these figures to different constructs, "cabinet-approval" (${wave2024}) and "president-approval" (${us}): they measure different things, so their difference is not a change of opinion`,
    );
    expect(out.warnings[2]?.message).toBe(
      'the surveys are of different countries, Japan (wave-2024) and United States (us-2025): a difference between them is one between countries, not a change over time',
    );
    expect(out['pValue']).toBeCloseTo(r('prop_410_1000_528_1200'), 12);
  });

  it('questions not linked by a construct are said to be so', () => {
    const run = toplines(['compare', API_GOOD, 'api-2025-jp/korea-relations-current/good']);
    // One survey: refused before any warning.
    expect(run.code).toBe(2);
    const out = json(['compare', 'api-2025-jp/korea-relations-current/good', UTOKYO[1] as string]);
    expect(out.warnings[0]).toEqual({
      code: 'not-linked',
      message:
        'these questions are not linked as measuring the same thing: api-2025-jp/korea-relations-current/good has no construct in the questions table, so a difference between the figures may be a difference of question',
    });
  });

  it('a results CSV: its base_n, the small-count rule (Fisher, R) and a warning that comparability cannot be checked', () => {
    const out = json([
      'compare',
      'class-a/trust/yes',
      'class-b/trust/yes',
      '--data',
      'compare-references.csv',
    ]);
    expect(codes(out.warnings)).toEqual([
      'no-metadata',
      'impossible-percent',
      'impossible-percent',
      'small-counts',
      'approximate-counts',
    ]);
    expect(out['test']).toBe('fisher');
    expect(out['counts']).toEqual({ x1: 11, n1: 25, x2: 5, n2: 25 });
    expect(out['pValue']).toBeCloseTo(r('fisher_11_25_5_25'), 12);
  });
});

describe('compare by reference: usage errors', () => {
  it('two options of one survey are not independent samples: a usage error naming lead, with the command to run', () => {
    const run = toplines(['compare', API_GOOD, 'api-2025-jp/us-relations-current/bad']);
    expect(run.code).toBe(2);
    expect(hasStack(run.stderr)).toBe(false);
    expect(flat(run.stderr)).toContain(
      'toplines: compare: both figures are from survey "api-2025-jp": two options of one poll come from the same respondents, not from independent samples, so compare\'s test does not apply; use toplines lead instead: toplines lead 42.4% 34.9% --n 1037',
    );
    expect(run.stderr).toContain('see: toplines lead --help');
    expect(run.stdout).toBe('');
  });

  it('two questions of one survey: lead --multiple', () => {
    const run = toplines(['compare', API_GOOD, 'api-2025-jp/korea-relations-current/good']);
    expect(run.code).toBe(2);
    expect(flat(run.stderr)).toContain(
      "two questions of one poll come from the same respondents, not from independent samples, so compare's test does not apply; use toplines lead instead: toplines lead 42.4% 31.8% --n 1037 --multiple",
    );
  });

  it('an unknown survey lists the closest survey ids', () => {
    const run = toplines([
      'compare',
      'utokyo-2024-8/us-relations-assessment/positive',
      UTOKYO[1] as string,
    ]);
    expect(run.code).toBe(2);
    expect(flat(run.stderr)).toContain(
      'toplines: compare: no survey "utokyo-2024-8" in the data (reference "utokyo-2024-8/us-relations-assessment/positive"); the closest survey ids are "utokyo-2024-08", "utokyo-2025-08"',
    );
  });

  it('an unknown question lists the survey’s closest questions; an unknown option, the question’s options', () => {
    const question = toplines([
      'compare',
      'utokyo-2024-08/us-relations/positive',
      UTOKYO[1] as string,
    ]);
    expect(question.code).toBe(2);
    expect(flat(question.stderr)).toContain(
      'survey "utokyo-2024-08" has no question "us-relations" (reference "utokyo-2024-08/us-relations/positive"); its closest questions are "us-relations-assessment"',
    );
    const option = toplines([
      'compare',
      API_GOOD,
      'cabinet-secretariat-2024-10/relations-assessment/good',
    ]);
    expect(option.code).toBe(2);
    expect(flat(option.stderr)).toContain(
      'cabinet-secretariat-2024-10/relations-assessment has no option "good" (reference "cabinet-secretariat-2024-10/relations-assessment/good"); its options are "going well"',
    );
  });

  it('a reference and a share together, --data with shares, and --n1 for a figure whose n the data gives', () => {
    const mixed = toplines(['compare', API_GOOD, '18%', '--n2', '1000']);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain('not one of each');
    const data = toplines(['compare', '45%', '--n1', '1000', '18%', '--n2', '1000', ...PACKAGE]);
    expect(data.code).toBe(2);
    expect(data.stderr).toContain('--data applies to references');
    const twice = toplines(['compare', API_GOOD, CABINET, '--n1', '1000']);
    expect(twice.code).toBe(2);
    expect(flat(twice.stderr)).toContain(
      `--n1 gives the n of ${API_GOOD}, but the data already gives it (n = 1,037); leave out --n1`,
    );
  });

  it('a missing --data file is a data error (exit 1)', () => {
    const run = toplines(['compare', ...UTOKYO, '--data', 'no-such.csv']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('cannot read "no-such.csv"');
  });
});

it('records the R version of its reference values', () => {
  expect(R.source).toMatch(/^R version \d+\.\d+\.\d+/);
  expect(R.rVersion).toMatch(/^\d+\.\d+\.\d+$/);
});
