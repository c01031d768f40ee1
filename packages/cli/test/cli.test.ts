// The built command, run as a subprocess: exit codes, what goes to stdout
// and what to stderr, the messages a user reads.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load, reanalyze } from '@toplines/data';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { displayWidth } from '../src/format/text';
import { VERSION } from '../src/version';
import {
  FIXTURES,
  flat,
  hasAnsi,
  hasStack,
  PACKAGE,
  SUBPROCESS_TIMEOUT,
  toplines,
} from './helpers';

// Each test runs the command, often several times: see SUBPROCESS_TIMEOUT.
vi.setConfig({ testTimeout: SUBPROCESS_TIMEOUT });

describe('toplines reanalyze (bundled data)', () => {
  const run = toplines(['reanalyze']);

  it('exits 0 with the report on stdout and nothing on stderr', () => {
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('First Japan–U.S.–Korea Public Perception Survey – Japan sample');
    expect(run.stdout).toContain('Fieldwork 19–21 Aug 2025 · n = 1,037 · online');
  });

  it('reports shares with intervals, counts, leads and their sentences', () => {
    expect(run.stdout).toMatch(/favorable impression\s+40\.5%\s+37\.6–43\.5\s+420/);
    expect(run.stdout).toContain(
      '✔ favorable impression vs unfavorable impression: +6.0 points, CI +0.7 to +11.3, p = 0.025',
    );
    expect(flat(run.stdout)).toContain(
      'a 6.0-point lead, ±5.3 at 95% — larger than its margin of error',
    );
    expect(run.stdout).toContain('○ deterioration vs improvement');
  });

  it('bounds paired differences of check-all questions over the overlap', () => {
    expect(run.stdout).toContain('Paired differences (95%)');
    expect(run.stdout).toContain('The share who chose both is not reported');
  });

  it('shows results at plausible sample sizes where n is unknown', () => {
    expect(flat(run.stdout)).toContain(
      'Where the source gives no sample size, intervals and leads are shown as they would be at n = 500, 1,000, 2,000.',
    );
    expect(run.stdout).toContain('±points at n = 500 / 1,000 / 2,000');
    expect(flat(run.stdout)).toMatch(/n unknown — larger than its margin from n = [\d,]+/);
    expect(run.stdout).toContain('If n were 1,000:');
  });

  it('keeps every line within 100 columns and uses no colour in a pipe', () => {
    for (const line of run.stdout.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(100);
    expect(hasAnsi(run.stdout)).toBe(false);
  });

  it('ends with a summary', () => {
    expect(run.stdout).toMatch(
      /Summary: 10 surveys, \d+ questions, 128 figures\. \d+ differences tested/,
    );
  });

  it('keeps the chart renderer off the default path', () => {
    // Its wall time (< 1 s) is measured by the benchmark (packages/core/bench), not here.
    for (const file of readdirSync(join(PACKAGE, 'dist')).filter((f) => f.endsWith('.js'))) {
      const text = readFileSync(join(PACKAGE, 'dist', file), 'utf8');
      expect(text, file).not.toMatch(/^import [^;]*from ["']@toplines\/charts(\/render)?["']/m);
      expect(text, file).not.toMatch(/from ["']vega/);
    }
  });
});

describe('toplines reanalyze options', () => {
  it('--json prints one stable document', () => {
    const run = toplines(['reanalyze', '--json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const doc = JSON.parse(run.stdout);
    expect(doc.schemaVersion).toBe(2);
    expect(doc.tool.name).toBe('toplines');
    expect(doc.surveys).toHaveLength(10);
    const q = doc.surveys[0].questions.find(
      (x: { questionId: string }) => x.questionId === 'us-impression',
    );
    expect(q.options[0]).toMatchObject({
      option: 'favorable impression',
      percent: 40.5,
      n: 1037,
      countMin: 420,
      countMax: 420,
      consistent: true,
    });
    expect(q.options[0].lower).toBeCloseTo(0.37552621249703577, 12);
    expect(q.leads[0]).toMatchObject({ kind: 'lead', verdict: 'beyond-margin', significant: true });
    expect(q.leads[0].pValue).toBeCloseTo(0.0253, 3);
  });

  it('--json is reanalyze(load()) of @toplines/data plus the tool, and nothing else', () => {
    const printed = JSON.parse(toplines(['reanalyze', '--json']).stdout);
    const { tool, ...rest } = printed;
    expect(tool).toEqual({ name: 'toplines', version: VERSION });
    expect(rest).toEqual(JSON.parse(JSON.stringify(reanalyze(load()))));
  });

  it('--method, --level, --survey change the analysis', () => {
    const run = toplines([
      'reanalyze',
      '--survey',
      'api-2025-jp',
      '--method',
      'clopper-pearson',
      '--level',
      '0.9',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('1 survey · ');
    expect(run.stdout).toContain('Clopper–Pearson (exact), 90%');
    expect(run.stdout).toContain('90% CI');
    expect(run.stdout).not.toContain('JX Press');
  });

  it('--deff scales every interval', () => {
    const doc = JSON.parse(
      toplines(['reanalyze', '--json', '--deff', '2', '--survey', 'api-2025-jp']).stdout,
    );
    expect(doc.surveys[0].deff).toBe(2);
    // 1.959964 × √(2 × 0.25 / 1037) = 0.04304
    expect(doc.surveys[0].moeAtHalf).toBeCloseTo(0.043, 3);
    expect(doc.surveys[0].deffSource).toBe('option');
  });

  it('an unknown survey is a usage error that lists the surveys', () => {
    const run = toplines(['reanalyze', '--survey', 'nope']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('no survey "nope" in the data; the surveys are "api-2025-jp"');
  });

  it('bad option values are usage errors', () => {
    expect(toplines(['reanalyze', '--method', 'magic']).code).toBe(2);
    expect(toplines(['reanalyze', '--level', '2']).stderr).toContain(
      '--level must be a confidence level',
    );
    expect(toplines(['reanalyze', '--deff', '0']).code).toBe(2);
    expect(toplines(['reanalyze', '--bogus']).stderr).toContain(
      'reanalyze: unknown option --bogus',
    );
  });
});

describe("toplines reanalyze on a user's data", () => {
  it('reads a results CSV, warns on stderr, and infers the response type', () => {
    const run = toplines(['reanalyze', 'my-poll.csv']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('warning: my-poll.csv, row 4 (line 5), column "percent"');
    expect(run.stdout).not.toContain('warning');
    expect(run.stdout).toContain('treated as check-all, since the shares sum to 109.7%');
    expect(run.stdout).toContain('Party A vs Party B: +6.0 points, CI +0.7 to +11.3');
    // the file has no surveys table, but its rows give base_n
    expect(run.stdout).toContain('survey n not stated (bases per question from base_n)');
  });

  it('--strict turns warnings into errors', () => {
    const run = toplines(['reanalyze', 'my-poll.csv', '--strict']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('1 warning and --strict was given');
  });

  it('reads a data package and the design effect its margin implies', () => {
    const run = toplines(['reanalyze', 'my-package']);
    expect(run.code).toBe(0);
    expect(flat(run.stdout)).toContain(
      '±4.0 points published, implying a design effect of 1.67 (1.28 to 2.11 with its rounding) at n = 1,000',
    );
    const implied = JSON.parse(
      toplines(['reanalyze', 'my-package/datapackage.json', '--deff', 'implied', '--json']).stdout,
    );
    expect(implied.surveys[0].impliedDeff).toBeCloseTo(1.6659, 3);
    expect(implied.surveys[0].deff).toBeCloseTo(1.6659, 3);
    expect(implied.surveys[0].moeAtHalf).toBeCloseTo(0.04, 10);
    // the default is the published margin's design effect; --deff 1 turns it off
    const byDefault = JSON.parse(toplines(['reanalyze', 'my-package', '--json']).stdout);
    expect(byDefault.surveys[0].deff).toBe(implied.surveys[0].deff);
    expect(byDefault.surveys[0].deffSource).toBe('published-margin');
    const off = JSON.parse(toplines(['reanalyze', 'my-package', '--json', '--deff', '1']).stdout);
    expect(off.surveys[0].deff).toBe(1);
  });
});

describe('bad input: a clear message naming file, row and column, exit 1, no stack', () => {
  const cases: [string, string[], RegExp][] = [
    ['missing file', ['reanalyze', 'nope.csv'], /cannot read "nope\.csv": no such file or folder/],
    [
      'empty CSV',
      ['reanalyze', 'empty.csv'],
      /empty\.csv is empty: expected a CSV with a header row/,
    ],
    [
      'header only',
      ['reanalyze', 'header-only.csv'],
      /header-only\.csv has a header but no data rows/,
    ],
    [
      'missing column',
      ['reanalyze', 'missing-column.csv'],
      /missing-column\.csv, header \(row 0\), column "percent": missing column "percent"/,
    ],
    [
      'non-numeric percent',
      ['reanalyze', 'non-numeric.csv'],
      /non-numeric\.csv, row 1 \(line 2\), column "percent": "about forty" is not a number/,
    ],
    [
      'proportions where percentages are meant',
      ['reanalyze', 'proportions.csv'],
      /proportions\.csv, row 1 \(line 2\), column "percent": the percent column holds proportions, not percentages.*40\.5 for 40\.5%/,
    ],
    [
      'n = 0',
      ['reanalyze', 'n-zero.csv'],
      /n-zero\.csv, row 1 \(line 2\), column "base_n": "0" is below the minimum 1/,
    ],
    [
      'percent over 100',
      ['reanalyze', 'over-100.csv'],
      /over-100\.csv, row 1 \(line 2\), column "percent": "140" is above the maximum 100/,
    ],
    [
      'single question summing to 140%',
      ['reanalyze', 'sum-140'],
      /sum-140\/results\.csv, row 1 \(line 2\), column "percent": .* sum to 140% .*check-all question labelled "single"/,
    ],
  ];
  for (const [name, args, message] of cases) {
    it(name, () => {
      const run = toplines(args);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(message);
      expect(run.stderr.startsWith('toplines: ')).toBe(true);
      expect(hasStack(run.stderr)).toBe(false);
    });
  }
});

describe('one-off commands', () => {
  it('moe', () => {
    const run = toplines(['moe', '--n', '1037']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      '±3.0 points — the margin of error at 95% of a 50.0% share, n = 1,037\n',
    );
    expect(run.stderr).toBe('');
  });

  it('ci with a method', () => {
    const run = toplines(['ci', '0.405', '--n', '1037', '--method', 'clopper-pearson']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^40\.5% \(n = 1,037\): 95% CI 37\.\d\d% to 43\.\d\d% — Clopper–Pearson \(exact\)\n/,
    );
  });

  it('ci --rounding widens to every share that prints as the figure', () => {
    const run = toplines(['ci', '51%', '--n', '1037', '--rounding']);
    expect(run.stdout).toContain('covers every share that prints as 51%');
    expect(run.stdout).toContain('(11 whole counts out of 1,037)');
  });

  it('lead, with a percent sign or without', () => {
    const a = toplines(['lead', '0.405', '0.345', '--n', '1037']);
    const b = toplines(['lead', '40.5%', '34.5%', '--n', '1,037']);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).toContain(
      'Lead: +6.0 points, 95% CI +0.7 to +11.3; large-sample z test: z = 2.24, p = 0.025',
    );
    expect(flat(a.stdout)).toContain(
      'a 6.0-point lead, ±5.3 at 95% — larger than its margin of error',
    );
  });

  it('lead --multiple: a paired difference bounded over the overlap', () => {
    const run = toplines(['lead', '56.5%', '53.2%', '--n', '536', '--multiple']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Paired difference: +3.3 points');
    expect(run.stdout).toContain('at the least overlap');
  });

  it('compare', () => {
    const run = toplines(['compare', '0.45', '--n1', '1000', '0.18', '--n2', '1000']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^Difference: \+27\.0 points, 95% CI \+23\.0 to \+30\.8 \(newcombe\)\nLarge-sample z test: z = 13\.00, p < 0\.001\n/,
    );
    expect(run.stderr).toBe('');
    expect(flat(run.stdout)).toContain(
      'a difference of 27.0 points, 95% interval 23.0 to 30.8 — larger than its margin of error',
    );
  });

  it('check: possible', () => {
    const run = toplines(['check', '40.5%', '--n', '1037']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      '40.5% of 1,037: possible — exactly 420 respondents (420/1,037 = 40.501%)\n',
    );
  });

  it('check: impossible is exit 1, the answer on stdout and the message on stderr', () => {
    const run = toplines(['check', '40.55%', '--n', '100']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('40.55% of 100: not possible');
    expect(run.stderr).toContain('40.55% is not possible out of 100');
  });

  it('--json for a one-off command', () => {
    const doc = JSON.parse(toplines(['lead', '0.405', '0.345', '--n', '1037', '--json']).stdout);
    expect(doc).toMatchObject({
      schemaVersion: 1,
      command: 'lead',
      input: { p1: 0.405, p2: 0.345, n: 1037 },
    });
    expect(doc.result.pValue).toBeCloseTo(0.0253, 3);
    expect(typeof doc.sentence).toBe('string');
  });
});

describe('usage errors: exit 2, a hint, no stack', () => {
  const cases: [string[], string][] = [
    [
      ['lead', '40.5', '34.5', '--n', '1037'],
      'lead: P1, the first share (0.405 or 40.5%) is 40.5, above 1: for a percentage write 40.5% (or the proportion 0.405)',
    ],
    [
      ['moe', '--n', '0'],
      'moe: --n, the sample size must be a sample size, a whole number of at least 1, got "0"',
    ],
    [['ci', '0.4'], 'ci requires --n, the sample size'],
    [['ci', 'forty', '--n', '10'], 'must be a share such as 0.405 or 40.5%, got "forty"'],
    [['ci', '140%', '--n', '10'], 'must be a percentage from 0% to 100%, got 140%'],
    [['lead', '0.4', '--n', '10'], 'lead requires P2, the second share'],
    [['moe', '--n', '10', '--nope'], 'moe: unknown option --nope'],
    [['reanalyse-all'], 'unknown command "reanalyse-all"'],
    [['lead2', '0.4'], 'unknown command "lead2": did you mean "lead"?'],
    [['compare', '0.4', '0.3', '--n1', '10'], 'compare requires --n2, the second sample size'],
  ];
  for (const [args, message] of cases) {
    it(args.join(' '), () => {
      const run = toplines(args);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(message);
      expect(run.stderr).toContain('see: toplines');
      expect(hasStack(run.stderr)).toBe(false);
    });
  }

  it('no command prints the help on stderr', () => {
    const run = toplines([]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('Usage');
  });

  it('shares of one question that cannot come from one sample: bad data, exit 1', () => {
    const run = toplines(['lead', '0.7', '0.5', '--n', '100']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'toplines: lead: leadTest requires two shares of one single-choice question',
    );
    expect(hasStack(run.stderr)).toBe(false);
  });
});

describe('help and version', () => {
  for (const command of ['reanalyze', 'moe', 'ci', 'lead', 'compare', 'check']) {
    it(`${command} --help has an example`, () => {
      const run = toplines([command, '--help']);
      expect(run.code).toBe(0);
      expect(run.stderr).toBe('');
      expect(run.stdout).toContain(`toplines ${command}`);
      expect(run.stdout).toMatch(/Examples\n {2}npx toplines /);
      expect(toplines(['help', command]).stdout).toBe(run.stdout);
    });
  }

  it('--help and --version', () => {
    expect(toplines(['--help']).stdout).toContain('Commands');
    expect(toplines(['--version']).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    const pkg = JSON.parse(readFileSync(join(PACKAGE, 'package.json'), 'utf8'));
    expect(toplines(['--version']).stdout.trim()).toBe(pkg.version);
  });
});

describe('colour', () => {
  it('FORCE_COLOR colours, NO_COLOR wins', () => {
    expect(hasAnsi(toplines(['reanalyze', 'my-package'], { FORCE_COLOR: '1' }).stdout)).toBe(true);
    expect(
      hasAnsi(toplines(['reanalyze', 'my-package'], { FORCE_COLOR: '1', NO_COLOR: '1' }).stdout),
    ).toBe(false);
    expect(hasAnsi(toplines(['moe', '--n', '0'], { FORCE_COLOR: '1', NO_COLOR: '1' }).stderr)).toBe(
      false,
    );
  });
});

describe('--out DIR', () => {
  const dir = mkdtempSync(join(tmpdir(), 'toplines-out-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes index.html, the charts as .vl.json and .png, and the CSVs', () => {
    const run = toplines(['reanalyze', join(FIXTURES, 'my-package'), '--out', dir]);
    expect(run.code).toBe(0);
    // a share chart per question, and a lead chart per question with leads (the check-all one too)
    expect(run.stderr).toMatch(/^wrote .*index\.html \(4 charts, \d+ files\)\n$/);
    expect(existsSync(join(dir, 'index.html'))).toBe(true);
    const charts = readdirSync(join(dir, 'charts'));
    expect(charts.filter((f) => f.endsWith('.vl.json'))).toHaveLength(4);
    expect(charts.filter((f) => f.endsWith('.png'))).toHaveLength(4);
    const png = readFileSync(join(dir, 'charts', charts.find((f) => f.endsWith('.png')) as string));
    expect([...png.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
    const spec = JSON.parse(
      readFileSync(
        join(dir, 'charts', charts.find((f) => f.endsWith('.vl.json')) as string),
        'utf8',
      ),
    );
    expect(spec.$schema).toMatch(/vega-lite/);
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    expect(html.match(/<svg/g)).toHaveLength(4);
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
    const csv = readFileSync(join(dir, 'results.csv'), 'utf8').split('\n');
    expect(csv[0]).toBe(
      'survey_id,question_id,group_dim,group_value,source_id,option,percent,percent_text,qualifier,is_net,input_row,response_type,response_type_inferred,base,n_used,estimate,lower,upper,moe,method,level,deff,count_min,count_max,consistent,notes,sentence',
    );
    expect(csv).toHaveLength(7);
    expect(readFileSync(join(dir, 'leads.csv'), 'utf8').split('\n')[0]).toContain('p_value');
  });
});
