// A results CSV as a user has it: the simple layout (question, option,
// percent, …), percent cells as people type them, any separator. Every test
// checks what is read cell by cell: a default is named as such, nothing is
// made up.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { proportionCI } from '@toplines/core';
import { describe, expect, it } from 'vitest';
import { parseResultsCsv, reanalyze, validate } from '../../src/index';
import { readDataPackage, readDocuments, readResultsCsv } from '../../src/node';
import { RESULTS_HEADER } from '../helpers/mini-package';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'encodings');

const codes = (issues: readonly { code: string }[]) => issues.map((i) => i.code);

describe('the simple layout: question,option,percent', () => {
  it('four columns are enough: defaults, no made-up figure, n, source or quote', () => {
    const pkg = parseResultsCsv(
      'question,option,percent\nvote,Party A,40.5\nvote,Party B,34.5\nvote,Undecided,25.0\n',
      { file: 'polls/my-poll.csv' },
    );
    expect(pkg.results?.objects()[0]).toEqual({
      survey_id: 'my-poll',
      question_id: 'vote',
      group_dim: 'total',
      group_value: 'total',
      option: 'Party A',
      percent: 40.5,
      percent_text: '40.5',
      qualifier: 'exact',
      is_net: false,
      base_n: null,
      source_id: null,
      quote: null,
      moe: null,
      confidence: null,
    });
    expect(pkg.results?.array('percent_text')).toEqual(['40.5', '34.5', '25.0']);
    expect(pkg.surveys?.objects()).toEqual([{ survey_id: 'my-poll', n: null, moe_reported: null }]);
    const { errors, warnings } = validate(pkg);
    expect(errors).toEqual([]);
    expect(warnings.map((w) => w.message)).toEqual([
      'polls/my-poll.csv, header (row 0): no survey column: every row is taken as one survey, "my-poll" ' +
        '(from the file name); add a survey column to name it, or to hold several surveys',
      'polls/my-poll.csv, header (row 0): no quote column: the figures are not tied to the words of a ' +
        'source, so none can be checked against it; add a quote column with the sentence each figure comes from',
    ]);
    // n unknown: the reanalysis gives the intervals at assumed sizes, none at an invented n
    const option = reanalyze(pkg).surveys[0]?.questions[0]?.options[0];
    expect(option?.n).toBeNull();
    expect(option?.lower).toBeNull();
    expect(option?.scenarios.map((s) => s.n)).toEqual([500, 1000, 2000]);
  });

  it('a file name that gives no id, and a survey id the caller chooses', () => {
    const text = 'question,option,percent\nq,a,40\n';
    expect(parseResultsCsv(text, { file: '世論調査.csv' }).results?.get('survey_id', 0)).toBe(
      'survey',
    );
    const given = parseResultsCsv(text, { file: 'standard input', survey: 'survey' });
    expect(given.results?.get('survey_id', 0)).toBe('survey');
    expect(validate(given).warnings[0]?.message).toBe(
      'standard input, header (row 0): no survey column: every row is taken as one survey, "survey"; ' +
        'add a survey column to name it, or to hold several surveys',
    );
  });

  it('n is each row’s base, and the survey’s n on whole-sample rows; moe is the published margin', () => {
    const pkg = parseResultsCsv(
      'question,option,percent,n,moe\nvote,A,40.5,1037,3.1\nvote,B,34.5,1037,3.1\n',
      { file: 'api.csv' },
    );
    expect(pkg.results?.array('base_n')).toEqual([1037, 1037]);
    expect(pkg.surveys?.objects()).toEqual([{ survey_id: 'api', n: 1037, moe_reported: 3.1 }]);
    const survey = reanalyze(pkg).surveys[0];
    expect(survey?.n).toBe(1037);
    expect(survey?.moeReported).toBe(0.031);
    // 3.1 points at n = 1,037 implies a design effect of (3.1 / 3.043)² ≈ 1.038
    expect(survey?.deff).toBeCloseTo(1.0377, 3);
    const a = survey?.questions[0]?.options[0];
    const ci = proportionCI(0.405, 1037, { deff: survey?.deff as number });
    expect(a?.n).toBe(1037);
    expect(a?.lower).toBeCloseTo(ci.lower, 12);
    expect(a?.upper).toBeCloseTo(ci.upper, 12);
  });

  it('the interval of 40.5% of 1,037 (Wilson, 95%): 37.55% to 43.52%', () => {
    const pkg = parseResultsCsv(
      'question,option,percent,n\nvote,A,40.5%,"1,037"\nvote,B,34.5%,1037\n',
    );
    const a = reanalyze(pkg).surveys[0]?.questions[0]?.options[0];
    expect(a?.lower).toBeCloseTo(0.37553, 5);
    expect(a?.upper).toBeCloseTo(0.43518, 5);
  });

  it('groups: a group value is dimension "group"; an empty one or "Total" the whole sample', () => {
    const pkg = parseResultsCsv(
      'question,option,percent,group,n\nq,a,40,,1000\nq,a,45,men,480\nq,a,38,Total,1000\n',
    );
    expect(pkg.results?.array('group_dim')).toEqual(['total', 'group', 'total']);
    expect(pkg.results?.array('group_value')).toEqual(['total', 'men', 'total']);
    // two whole-sample rows of one question and option: the primary key says so
    expect(codes(validate(pkg).errors)).toEqual(['primary-key']);
  });

  it('header names in any case; the full layout’s names where the user has them', () => {
    const pkg = parseResultsCsv(
      'Survey_ID,Question,Option,Percent,Qualifier,IS_NET,Source_ID,Quote\n' +
        'p1,q,yes,70,more-than,false,src,more than 70%\n',
    );
    expect(pkg.results?.objects()[0]).toMatchObject({
      survey_id: 'p1',
      question_id: 'q',
      qualifier: 'more-than',
      is_net: false,
      source_id: 'src',
      quote: 'more than 70%',
    });
    expect(validate(pkg)).toEqual({ errors: [], warnings: [] });
  });

  it('confidence is carried, and checked against high, medium, low', () => {
    const pkg = parseResultsCsv('question,option,percent,confidence\nq,a,40,high\nq,b,30,sure\n');
    expect(pkg.results?.array('confidence')).toEqual(['high', 'sure']);
    expect(validate(pkg).errors.map((e) => e.message)).toEqual([
      'results.csv, row 2 (line 3), column "confidence": "sure" is not one of "high", "medium", "low"',
    ]);
  });

  it('whole-sample rows that disagree on n or on the margin leave it unknown, with a warning', () => {
    const pkg = parseResultsCsv(
      'question,option,percent,n,moe\nq1,a,40,1037,3.1\nq2,a,50,1000,3.2\nq2,b,30,1000,3.2\n',
    );
    expect(pkg.surveys?.objects()).toEqual([{ survey_id: 'results', n: null, moe_reported: null }]);
    const { warnings } = validate(pkg);
    expect(codes(warnings)).toContain('survey-n-unclear');
    expect(warnings.find((w) => w.code === 'survey-moe-unclear')?.message).toBe(
      'results.csv, row 2 (line 3), column "moe": the whole-sample rows of survey "results" give ' +
        'different margins of error (3.1, 3.2): a survey publishes one margin, for its whole sample; it is left unknown',
    );
    // each row keeps its own n
    expect(pkg.results?.array('base_n')).toEqual([1037, 1000, 1000]);
  });
});

describe('what is wrong is named as the file names it', () => {
  it('no question column', () => {
    const { errors } = validate(parseResultsCsv('option,percent\nyes,40\n'));
    expect(errors.map((e) => e.message)).toEqual([
      'results.csv, header (row 0), column "question": missing column "question": the schema of resource "results" requires it',
    ]);
  });

  it('a percent that is not a number, in the column as written', () => {
    const { errors } = validate(parseResultsCsv('Question,Option,Percent\nq,yes,forty\n'));
    expect(errors.map((e) => e.message)).toEqual([
      'results.csv, row 1 (line 2), column "Percent": "forty" is not a number',
    ]);
  });

  it('a decimal comma in a comma-separated file is not read as a decimal mark', () => {
    const { errors } = validate(parseResultsCsv('question,option,percent\nq,yes,"40,5"\n'));
    expect(errors[0]?.message).toBe(
      'results.csv, row 1 (line 2), column "percent": "40,5" is not a number',
    );
  });

  it('an empty survey cell, rows of the wrong length, two columns for one field', () => {
    const survey = validate(parseResultsCsv('survey,question,option,percent\n,q,a,40\n'));
    expect(survey.errors.map((e) => e.message)).toEqual([
      'results.csv, row 1 (line 2), column "survey": a value is required but the cell is empty',
    ]);
    const short = validate(parseResultsCsv('question,option,percent\nq,a\n'));
    expect(short.errors.map((e) => e.message)).toContain(
      'results.csv, row 1 (line 2): the row has 2 cells but the header has 3',
    );
    const twice = validate(parseResultsCsv('question,option,percent,n,base_n\nq,a,40,100,100\n'));
    expect(twice.errors.map((e) => e.message)).toEqual([
      'results.csv, header (row 0), column "base_n": columns "n" and "base_n" both give "base_n": keep one; "base_n" is ignored',
    ]);
  });

  it('a quote column with empty cells: one warning, not an error', () => {
    const { errors, warnings } = validate(
      parseResultsCsv('survey,question,option,percent,quote\np,q,a,40,40% said a\np,q,b,30,\n'),
    );
    expect(errors).toEqual([]);
    expect(warnings.map((w) => w.message)).toEqual([
      'results.csv, row 2 (line 3), column "quote": 1 row has no quote (row 2): their figures are not tied to the words of a source',
    ]);
  });
});

describe('percent cells as people type them', () => {
  const read = (header: string, cell: string, separator = ',') =>
    parseResultsCsv(`${header.split(',').join(separator)}\nq${separator}a${separator}${cell}\n`)
      .results;

  it.each([
    ['40.5', ',', 40.5, '40.5'],
    ['40.5%', ',', 40.5, '40.5'],
    ['40.5 %', ',', 40.5, '40.5'],
    ['40,5', ';', 40.5, '40.5'],
    ['40,50 %', ';', 40.5, '40.50'],
    ['40,5', '\t', 40.5, '40.5'],
    ['４０．５％', ',', 40.5, '40.5'],
    ['４０．５ ％', ';', 40.5, '40.5'],
    ['31.0', ',', 31, '31.0'],
  ])('%j with separator %j reads %d, printed %j', (cell, separator, percent, printed) => {
    const results = read('question,option,percent', cell, separator);
    expect(results?.get('percent', 0)).toBe(percent);
    expect(results?.get('percent_text', 0)).toBe(printed);
  });

  it('counts with thousands separators and full-width digits', () => {
    const n = (cell: string, separator = ',') =>
      read('question,option,percent,n', `40${separator}${cell}`, separator)?.get('base_n', 0);
    expect(n('"1,037"')).toBe(1037);
    expect(n('１０３７')).toBe(1037);
    expect(n('1.037', ';')).toBe(1037);
    expect(n('1 037', ';')).toBe(1037);
  });

  it('margins written ±3.1, 3,1 points, ３．１ポイント', () => {
    const moe = (cell: string, separator = ',') =>
      read('question,option,percent,moe', `40${separator}${cell}`, separator)?.get('moe', 0);
    expect(moe('±3.1')).toBe(3.1);
    expect(moe('3,1 points', ';')).toBe(3.1);
    expect(moe('３．１ポイント')).toBe(3.1);
  });

  it('the full layout takes them too, and keeps its validation', () => {
    const pkg = parseResultsCsv(
      `${RESULTS_HEADER.split(',').join(';')}\np;q;total;total;yes;40,5 %;exact;false;1037;s;40,5 % said yes\n`,
    );
    expect(pkg.results?.get('percent_text', 0)).toBe('40.5');
    expect(validate(pkg)).toEqual({ errors: [], warnings: [] });
    const missing = validate(parseResultsCsv('survey_id,question_id,option,percent\np,q,a,40\n'));
    expect(codes(missing.errors)).toEqual([
      'missing-column',
      'missing-column',
      'missing-column',
      'missing-column',
      'missing-column',
      'missing-column',
    ]);
  });
});

describe('separators, line ends, quoted line breaks', () => {
  it('semicolon and tab are sniffed from the header; CRLF and a quoted line break are read', () => {
    for (const separator of [';', '\t']) {
      const text = ['question', 'option', 'percent', 'quote']
        .join(separator)
        .concat('\r\n', ['q', 'a, b', '40', '"40%\r\nsaid a, b"'].join(separator), '\r\n');
      const pkg = parseResultsCsv(text);
      expect(pkg.results?.objects()[0]).toMatchObject({
        option: 'a, b',
        percent: 40,
        quote: '40%\r\nsaid a, b',
      });
      expect(validate(pkg).errors).toEqual([]);
    }
  });
});

describe('quotes that state the figure in words', () => {
  const check = (percent: string, quote: string) =>
    validate(
      parseResultsCsv(`survey,question,option,percent,quote\np,q,a,${percent},"${quote}"\n`),
    );

  it('"Twenty-six percent" states 26: no issue', () => {
    expect(check('26', 'Twenty-six percent do not plan to vaccinate')).toEqual({
      errors: [],
      warnings: [],
    });
    expect(check('100', 'one hundred percent')).toEqual({ errors: [], warnings: [] });
  });

  it('full-width digits and a decimal comma in the quote state the figure', () => {
    expect(check('40.5', '支持は４０．５％').errors).toEqual([]);
    expect(check('40.5', 'Gut: 40,5 %').errors).toEqual([]);
  });

  it('a quote with no digits that does not spell the figure is a warning, not an error', () => {
    const { errors, warnings } = check('25', 'one in four voters');
    expect(errors).toEqual([]);
    expect(warnings.map((w) => w.message)).toEqual([
      'results.csv, row 1 (line 2), column "quote": the quote states no figure in digits, nor "25" in words: check that it states 25% (as "one in four" or "a majority" may)',
    ]);
    // "twenty" is not in "twenty-six"
    expect(codes(check('20', 'twenty-six percent').warnings)).toEqual(['quote-without-figure']);
  });

  it('a quote whose digits are another figure stays an error', () => {
    expect(codes(check('41', '40% said a').errors)).toEqual(['quote-missing-percent']);
  });
});

describe('the Node readers decode what they read', () => {
  it('readResultsCsv reads an Excel CSV in Shift_JIS', async () => {
    const pkg = await readResultsCsv(join(FIXTURES, 'excel-cp932.csv'));
    expect(pkg.results?.array('question_id')).toEqual([
      '日米関係をどう評価するか',
      '日米関係をどう評価するか',
      '日米関係をどう評価するか',
    ]);
    expect(pkg.results?.array('option')).toEqual(['良い', '悪い', 'わからない']);
    expect(pkg.results?.array('percent')).toEqual([40.5, 45.2, 14.3]);
    expect(pkg.surveys?.objects()).toEqual([
      { survey_id: 'excel-cp932', n: 1037, moe_reported: null },
    ]);
    await expect(readResultsCsv(join(FIXTURES, 'image.png'))).rejects.toMatchObject({
      code: 'unreadable-resource',
      message: expect.stringContaining('image.png is not a text file'),
    });
  });

  it('readDataPackage decodes a Shift_JIS resource; readDocuments a Shift_JIS source text', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'toplines-sjis-'));
    const ascii = (text: string) => Buffer.from(text, 'ascii');
    writeFileSync(
      join(dir, 'datapackage.json'),
      JSON.stringify({
        resources: [
          {
            name: 'results',
            path: 'results.csv',
            schema: { fields: [{ name: 'option' }, { name: 'percent', type: 'number' }] },
          },
        ],
      }),
    );
    // The option "良い" (good) in CP932, written byte by byte: 0x97 0xC7 0x82 0xA2
    writeFileSync(
      join(dir, 'results.csv'),
      Buffer.concat([
        ascii('option,percent\r\n'),
        Buffer.from([0x97, 0xc7, 0x82, 0xa2]),
        ascii(',40.5\r\n'),
      ]),
    );
    const pkg = await readDataPackage(dir);
    expect(pkg.results?.objects()).toEqual([
      { option: '良い', percent: 40.5, percent_text: '40.5' },
    ]);
    writeFileSync(join(dir, 'article.txt'), Buffer.from([0x97, 0xc7, 0x82, 0xa2, 0x34, 0x30]));
    expect(readDocuments(dir)('article.txt')).toBe('良い40');
  });
});
