// The one-off commands at small n (#13): impossible percentages are warned
// about, and compare and lead take their p-values from exact tests where the
// counts are small. Reference p-values come from R (stats), written to
// fixtures/small-samples-r.json by fixtures/small-samples.R, which records
// R's version.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { FIXTURES, flat, SUBPROCESS_TIMEOUT, toplines } from './helpers';

// Each test runs the command, often several times: see SUBPROCESS_TIMEOUT.
vi.setConfig({ testTimeout: SUBPROCESS_TIMEOUT });

interface RCase {
  call: string;
  pValue: number;
}
const R = JSON.parse(readFileSync(join(FIXTURES, 'small-samples-r.json'), 'utf8')) as {
  source: string;
  rVersion: string;
  cases: Record<string, RCase>;
};
const r = (name: string): number => {
  const c = R.cases[name];
  if (c === undefined) throw new Error(`no R case ${name} in small-samples-r.json`);
  return c.pValue;
};

function json(args: string[]) {
  const run = toplines([...args, '--json']);
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout);
}

describe('compare at small counts (the issue: 45% vs 18%, n = 25 each)', () => {
  const args = ['compare', '45%', '--n1', '25', '18%', '--n2', '25'];

  it('warns that neither figure is possible out of 25, naming the nearest that are', () => {
    const run = toplines(args);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(
      'warning: compare: 45% is not possible out of 25: no whole count rounds to it; the nearest possible figures are 11/25 = 44% and 12/25 = 48%',
    );
    expect(run.stderr).toContain(
      '18% is not possible out of 25: no whole count rounds to it; the nearest possible figures are 4/25 = 16% and 5/25 = 20%',
    );
    expect(run.stderr).toContain('the nearest whole counts (11/25 and 5/25)');
    expect(run.stderr).toContain('its p-value is then approximate');
  });

  it("takes the p-value from Fisher's exact test on 11/25 vs 5/25 and does not call it significant", () => {
    const run = toplines(args);
    const out = flat(run.stdout);
    expect(out).toContain(
      "Difference of the counts 11/25 and 5/25: +24.0 points; Fisher's exact test: p = 0.13",
    );
    expect(out).toContain("Fisher's exact test gives p = 0.13, not significant at the 5% level");
    expect(out).toContain('(Newcombe), is approximate at these counts');
    expect(out).not.toContain('larger than its margin');
    expect(out).not.toMatch(/(?<!not )significant/);
    expect(flat(run.stderr)).toContain(
      "an expected count is 8.0, below 10: the large-sample z test would mislead here, so the p-value is from Fisher's exact test",
    );
  });

  it('--json: test, p-value within 1e-9 of R, the counts and the warnings', () => {
    const doc = json(args);
    expect(doc.test).toBe('fisher');
    expect(doc.counts).toEqual({ x1: 11, n1: 25, x2: 5, n2: 25 });
    // R: fisher.test(matrix(c(11, 14, 5, 20), 2))$p.value
    expect(Math.abs(doc.pValue - r('fisher_11_25_5_25'))).toBeLessThan(1e-9);
    expect(doc.pValue).toBeGreaterThan(0.05);
    expect(doc.exact.kind).toBe('fisher');
    expect(doc.warnings.map((w: { code: string }) => w.code)).toEqual([
      'impossible-percent',
      'impossible-percent',
      'small-counts',
      'approximate-counts',
    ]);
  });

  it.each([
    [['compare', '30%', '--n1', '10', '0%', '--n2', '12'], 'fisher_3_10_0_12', { x1: 3, x2: 0 }],
    [['compare', '13%', '--n1', '15', '57%', '--n2', '14'], 'fisher_2_15_8_14', { x1: 2, x2: 8 }],
  ])('%j matches R’s fisher.test (%s)', (command, name, counts) => {
    const doc = json(command);
    expect(doc.test).toBe('fisher');
    expect(doc.counts).toMatchObject(counts);
    expect(Math.abs(doc.pValue - r(name))).toBeLessThan(1e-9);
    // possible figures: no impossible-percent warning
    expect(doc.warnings.map((w: { code: string }) => w.code)).toEqual(['small-counts']);
  });
});

describe('compare at large counts keeps the z test', () => {
  it('52% of 400 vs 46% of 450: the pooled z test, as R’s prop.test without correction', () => {
    const args = ['compare', '52%', '--n1', '400', '46%', '--n2', '450'];
    const run = toplines(args);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('\nLarge-sample z test: z = 1.75, p = 0.081\n');
    expect(run.stdout).not.toContain('Fisher');
    const doc = json(args);
    expect(doc.test).toBe('z');
    expect(doc.warnings).toEqual([]);
    // R: prop.test(c(208, 207), c(400, 450), correct = FALSE)$p.value
    expect(Math.abs(doc.pValue - r('prop_208_400_207_450'))).toBeLessThan(1e-9);
  });
});

describe('lead at small counts', () => {
  it('30% vs 10% of 20: the exact conditional binomial test of the 8 who chose either', () => {
    const args = ['lead', '30%', '10%', '--n', '20'];
    const run = toplines(args);
    expect(run.code).toBe(0);
    expect(flat(run.stdout)).toContain(
      'Lead: +20.0 points; exact conditional binomial test (6 vs 2): p = 0.29',
    );
    expect(flat(run.stdout)).toContain('not significant at the 5% level');
    expect(flat(run.stderr)).toContain('an expected count is 2.0, below 5');
    const doc = json(args);
    expect(doc.test).toBe('exact-binomial');
    // R: binom.test(6, 8, 0.5)$p.value
    expect(Math.abs(doc.pValue - r('binom_6_8'))).toBeLessThan(1e-9);
    expect(doc.warnings.map((w: { code: string }) => w.code)).toEqual(['small-counts']);
  });

  it('an impossible percent: 45% vs 18% of 25 warns and tests the nearest counts 11 vs 5', () => {
    const args = ['lead', '45%', '18%', '--n', '25'];
    const run = toplines(args);
    expect(run.stderr).toContain(
      'warning: lead: 45% is not possible out of 25: no whole count rounds to it; the nearest possible figures are 11/25 = 44% and 12/25 = 48%',
    );
    expect(flat(run.stderr)).toContain('the nearest whole counts (11/25 and 5/25)');
    const doc = json(args);
    expect(doc.test).toBe('exact-binomial');
    expect(doc.exact).toMatchObject({ x: 11, n: 16 });
    // R: binom.test(11, 16, 0.5)$p.value
    expect(Math.abs(doc.pValue - r('binom_11_16'))).toBeLessThan(1e-9);
  });

  it('a lead at large counts keeps the z test and warns of nothing', () => {
    const doc = json(['lead', '40.5%', '34.5%', '--n', '1037']);
    expect(doc.test).toBe('z');
    expect(doc.pValue).toBe(doc.result.pValue);
    expect(doc.warnings).toEqual([]);
  });

  it('--multiple without --overlap: says an exact McNemar test needs the overlap', () => {
    const doc = json(['lead', '40%', '16%', '--n', '25', '--multiple']);
    expect(doc.test).toBe('paired-bounds');
    expect(doc.warnings).toHaveLength(1);
    expect(doc.warnings[0].code).toBe('overlap-needed');
    expect(doc.warnings[0].message).toContain(
      'an exact McNemar test needs the share who chose both: give it with --overlap',
    );
  });

  it("--multiple --overlap: McNemar's exact test on b = 8, c = 2", () => {
    const args = ['lead', '40%', '16%', '--n', '25', '--multiple', '--overlap', '8%'];
    const run = toplines(args);
    expect(flat(run.stdout)).toContain("McNemar's exact test (8 vs 2): p = 0.11");
    const doc = json(args);
    expect(doc.test).toBe('mcnemar-exact');
    expect(doc.exact).toMatchObject({ b: 8, c: 2 });
    // R: binom.test(8, 8 + 2, 0.5)$p.value
    expect(Math.abs(doc.pValue - r('mcnemar_exact_8_2'))).toBeLessThan(1e-9);
  });
});

describe('moe and ci warn of an impossible percent', () => {
  it('moe 45% --n 25', () => {
    const run = toplines(['moe', '45%', '--n', '25']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('±19.5 points');
    expect(run.stderr).toBe(
      'warning: moe: 45% is not possible out of 25: no whole count rounds to it; the nearest possible figures are 11/25 = 44% and 12/25 = 48%\n',
    );
    const doc = json(['moe', '45%', '--n', '25']);
    expect(doc.test).toBeNull();
    expect(doc.warnings).toHaveLength(1);
  });

  it('a proportion counts as printed with its decimals in percent units', () => {
    // 0.45 is read as 45% (impossible out of 25), 0.44 as 44% (11/25)
    expect(toplines(['moe', '0.45', '--n', '25']).stderr).toContain('45% is not possible');
    expect(toplines(['moe', '0.44', '--n', '25']).stderr).toBe('');
    // 45.0% has one decimal: 45.0% of 1037 is possible (467/1037 = 45.03%)
    expect(toplines(['moe', '45.0%', '--n', '1037']).stderr).toBe('');
  });

  it('no check for weighted figures (a design effect)', () => {
    expect(toplines(['moe', '45%', '--n', '25', '--deff', '1.5']).stderr).toBe('');
  });

  it('ci 45% --n 25', () => {
    const doc = json(['ci', '45%', '--n', '25']);
    expect(doc.warnings[0].code).toBe('impossible-percent');
  });
});

it('the R reference values record their source and R version', () => {
  expect(R.rVersion).toMatch(/^\d+\.\d+\.\d+$/);
  expect(R.source).toContain('small-samples.R');
});
