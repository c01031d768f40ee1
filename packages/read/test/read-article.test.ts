// readArticle, toResultsCsv and toDataPackage on short articles written for these tests.
import { validate } from '@toplines/data';
import { describe, expect, it } from 'vitest';
import { readArticle, SIMPLE_COLUMNS, toDataPackage, toResultsCsv } from '../src/index';

const ARTICLE = `Town Poll Finds Support for the New Park
A survey by North Star Research of 1,037 adults, conducted online between May 3 and 5, 2025, asked residents about the park. The margin of error is ±3.0 percentage points.
Regarding the new park, 40.5% said they “support it,” while 34.5% said they “oppose it.” Reasons for support included “more green space” (31.0%) and “safer play areas” (16.0%).
Over 70% of those in their sixties backed it. The town's 8% sales tax and 2.1% inflation were not part of the survey.`;

describe('readArticle', () => {
  const draft = readArticle(ARTICLE, { source: 'town.txt' });

  it('reads every poll figure with its percentage as printed and its sentence', () => {
    expect(draft.rows.map((r) => r.value)).toEqual(['40.5', '34.5', '31.0', '16.0', '70']);
    for (const r of draft.rows) {
      expect(draft.text.slice(r.quote.start, r.quote.end)).toBe(r.quote.text);
      expect(r.quote.text).toContain(r.percentText);
    }
  });

  it('labels options and questions from the sentence', () => {
    const [support, oppose, green] = draft.rows;
    expect(support).toMatchObject({ question: 'the new park', option: 'support it' });
    expect(oppose).toMatchObject({ question: 'the new park', option: 'oppose it' });
    expect(green).toMatchObject({ question: 'Reasons for support', option: 'more green space' });
  });

  it('finds the survey: organisation, n, margin, fieldwork, mode, each with its sentence', () => {
    expect(draft.surveys).toHaveLength(1);
    const [s] = draft.surveys;
    expect(s?.organization?.value).toBe('North Star Research');
    expect(s?.n?.value).toBe(1037);
    expect(s?.moe?.value).toBe(3);
    expect(s?.fieldwork?.value).toMatchObject({ start: '2025-05-03', end: '2025-05-05' });
    expect(s?.mode?.value).toBe('online');
    expect(s?.n?.quote.text).toContain('1,037 adults');
  });

  it('gives n to whole-sample rows only: not to a follow-up or a subgroup', () => {
    expect(draft.rows.map((r) => r.n)).toEqual([1037, 1037, null, null, null]);
    expect(draft.rows[4]).toMatchObject({
      group: 'in their sixties',
      groupDim: 'age',
      qualifier: 'more-than',
    });
  });

  it('rejects the tax, the inflation rate and the margin of error, with reasons', () => {
    expect(draft.rejected.map((r) => [r.text, r.reason])).toEqual(
      [
        ['±3.0 percentage points', 'margin-of-error'],
        ['8%', 'tariff'],
        ['2.1%', 'inflation'],
      ].map(([t, r]) => [t?.replace('±', ''), r]),
    );
  });

  it('invents no n', () => {
    const d = readArticle('A Daily Planet poll found 41% in favour.');
    expect(d.surveys[0]?.n).toBeNull();
    expect(d.rows[0]?.n).toBeNull();
  });

  it('marks what it is unsure of', () => {
    const d = readArticle('The figure was 44%. It came from a poll last week.');
    expect(d.rows[0]?.confidence).toBe('low');
    expect(d.rows[0]?.reasons.length).toBeGreaterThan(0);
  });

  it('reads HTML: tags, scripts and entities stripped', () => {
    const html =
      '<html><head><script>var x = "99%";</script></head><body><h1>Poll</h1><p>In a <a href="https://example.org">Daily Planet</a> poll, <b>41&nbsp;%</b> said &ldquo;yes.&rdquo;</p></body></html>';
    const d = readArticle(html, { format: 'html' });
    expect(d.text).not.toContain('<');
    expect(d.rows.map((r) => [r.value, r.option])).toEqual([['41', 'yes']]);
  });

  it('reads Markdown: markup stripped', () => {
    const md =
      '# Poll\n\nIn a **Daily Planet** poll, _41%_ said [yes](https://example.org).\n\n- Cats (30%)\n- Dogs (25%)\n';
    const d = readArticle(md, { format: 'markdown' });
    expect(d.text).not.toMatch(/[*_[\]#]/);
    expect(d.rows.map((r) => r.value)).toEqual(['41', '30', '25']);
  });

  it('reads full-width digits and ％, quoting them as printed', () => {
    const d = readArticle('In a Daily Planet poll, ４０．５％ said yes.');
    expect(d.rows[0]).toMatchObject({ percent: 40.5, value: '40.5', percentText: '４０．５％' });
  });

  it('refuses what is not text', () => {
    expect(() => readArticle(42 as unknown as string)).toThrow(TypeError);
    expect(() => readArticle('x', { format: 'pdf' as 'text' })).toThrow(/format/);
  });
});

describe('toResultsCsv', () => {
  it('writes the simple layout, percent as printed', () => {
    const csv = toResultsCsv(readArticle(ARTICLE));
    const [header, first] = csv.split('\n');
    expect(header).toBe(SIMPLE_COLUMNS.join(','));
    expect(first).toMatch(/^north-star-research,the new park,,support it,40\.5,1037,3(?:\.0)?,"/);
  });
});

describe('toDataPackage', () => {
  it('is a data package in the bundled layout that validates', () => {
    const { pkg, files } = toDataPackage(readArticle(ARTICLE, { source: 'town.txt' }));
    expect(Object.keys(files).sort()).toEqual([
      'datapackage.json',
      'questions.csv',
      'results.csv',
      'sources.csv',
      'surveys.csv',
    ]);
    expect(validate(pkg).errors).toEqual([]);
    expect(pkg.results?.array('percent')).toEqual([40.5, 34.5, 31, 16, 70]);
    expect(pkg.surveys?.array('n')).toEqual([1037]);
    expect(pkg.questions?.array('response_type')).toContain('multiple');
  });
});

// What the held-out articles showed (docs/reading-articles.md, "On articles the
// rules never saw"), on short articles written for these tests.
describe('readArticle: bases and earlier figures', () => {
  it('puts an earlier level in a survey of its own, same question, no n', () => {
    const d = readArticle(
      'A Keystone Polling survey of 640 members found that 36% back the new fee, down from 44% in April.',
    );
    expect(d.rows.map((r) => [r.survey, r.question, r.value, r.n])).toEqual([
      ['keystone-polling', 'back the new fee', '36', 640],
      ['keystone-polling-earlier', 'back the new fee', '44', null],
    ]);
    const earlier = d.surveys.find((s) => s.key === 'keystone-polling-earlier');
    expect(earlier).toMatchObject({ earlierOf: 'keystone-polling', n: null });
    expect(earlier?.fieldwork?.value.text).toBe('in April');
    const { pkg } = toDataPackage(d);
    expect(validate(pkg).errors).toEqual([]);
    expect(pkg.surveys?.array('n')).toEqual([640, null]);
  });

  it('gives an earlier level the group of the figure it is compared with', () => {
    const d = readArticle(
      'In the Keystone Polling survey of 640 members, among those aged 60 and over, 52% said the club is well run, up from 47% last year.',
    );
    expect(d.rows.map((r) => [r.survey, r.group, r.value, r.n])).toEqual([
      ['keystone-polling', 'those aged 60 and over', '52', null],
      ['keystone-polling-earlier', 'those aged 60 and over', '47', null],
    ]);
  });

  it('reads the other side of a comparison as another group of the same question', () => {
    const d = readArticle(
      'A Keystone Polling survey of 640 members found that among cyclists, 70 percent back the lane, compared with 45 percent of drivers.',
    );
    expect(d.rows.map((r) => [r.survey, r.group, r.option, r.value, r.n])).toEqual([
      ['keystone-polling', 'cyclists', 'back the lane', '70', null],
      ['keystone-polling', 'drivers', 'back the lane', '45', null],
    ]);
  });

  it('ties a base to a sample only where the text names it; all samples together get the total', () => {
    const d = readArticle(
      [
        'Three-country survey by Lowland Research, n=1,210 adults; 3,300 total (Netherlands: 1,210; Belgium: 1,050; Austria: 1,040).',
        'Some 30% of Dutch respondents want a cap. In Belgium, 41% agree; in Austria, 38% do.',
        'Across all three countries, 36% say the same.',
      ].join('\n'),
    );
    expect(d.rows.map((r) => [r.group, r.value, r.n])).toEqual([
      ['Netherlands', '30', 1210],
      ['Belgium', '41', 1050],
      ['Austria', '38', 1040],
      [null, '36', 3300],
    ]);
  });

  it('gives a subgroup the count the text states for it, and the survey its own n', () => {
    const d = readArticle(
      'A Keystone Polling survey of 640 members found 58% in favour. Of the 120 members under 30 in the sample, 71% said they were in favour.',
    );
    expect(d.surveys[0]?.n?.value).toBe(640);
    expect(d.rows.map((r) => [r.group, r.value, r.n])).toEqual([
      [null, '58', 640],
      ['members under 30', '71', 120],
    ]);
  });

  it('takes the responses received as n, not the sample the questionnaire was sent to', () => {
    const d = readArticle(
      'The Harbour Board questionnaire was sent to 2,500 residents and 912 valid responses were received. Of those, 63% said they use the ferry.',
    );
    expect(d.surveys[0]?.n?.value).toBe(912);
  });

  it('gives no n to a row tied to the survey only by the sentences around it', () => {
    const d = readArticle(
      'A Keystone Polling survey of 640 members was released today.\nThe Green slate is on 31 per cent.',
    );
    expect(d.rows.map((r) => [r.value, r.confidence, r.n])).toEqual([['31', 'low', null]]);
  });
});

describe('readArticle: tables and answer lines', () => {
  it('reads an HTML table of answers under its caption as one question', () => {
    const html = `<p>A Keystone Polling survey of 640 members was carried out online.</p>
<table><caption>How safe do you feel cycling in town?</caption>
<tr><th>Answer</th><th>%</th></tr>
<tr><td>Very safe</td><td>12</td></tr>
<tr><td>Fairly safe</td><td>40</td></tr>
<tr><td>Not safe</td><td>48</td></tr></table>`;
    const d = readArticle(html, { format: 'html' });
    expect(d.text).toContain('Very safe: 12%');
    expect(d.rows.map((r) => [r.question, r.option, r.value, r.n])).toEqual([
      ['How safe do you feel cycling in town?', 'Very safe', '12', 640],
      ['How safe do you feel cycling in town?', 'Fairly safe', '40', 640],
      ['How safe do you feel cycling in town?', 'Not safe', '48', 640],
    ]);
    expect(new Set(d.rows.map((r) => r.questionId)).size).toBe(1);
  });

  it('reads a Markdown table of answers, and leaves other tables as rows of cells', () => {
    const md =
      'A Keystone Polling survey of 640 members.\n\n| Option | Share |\n| --- | --- |\n| Yes | 55% |\n| No | 45% |\n\n| Year | Members |\n| --- | --- |\n| 2024 | 610 |\n';
    const d = readArticle(md, { format: 'markdown' });
    expect(d.rows.map((r) => [r.option, r.value])).toEqual([
      ['Yes', '55'],
      ['No', '45'],
    ]);
    expect(d.text).toContain('2024 | 610');
  });
});

describe('readArticle: round 2 of the evaluation', () => {
  it('gives a group that opens the sentence, with its count, to the figures after it', () => {
    const d = readArticle(
      'A Keystone Polling survey of 640 members. Of the 150 members under 30 in the sample, 44% said fees were their biggest worry, ahead of parking (20%) and noise (11%).',
    );
    expect(d.rows.map((r) => [r.group, r.value, r.n])).toEqual([
      ['members under 30', '44', 150],
      ['members under 30', '20', 150],
      ['members under 30', '11', 150],
    ]);
  });

  it('reads a list of "label: N per cent" under a "Key results" heading as results of the survey', () => {
    const d = readArticle(
      'A Keystone Polling survey of 640 members.\n\nKey results\n\n- Members who walk to the club: 38 per cent\n- Members who drive: 51 per cent\n',
      { format: 'markdown' },
    );
    expect(d.rows.map((r) => [r.option, r.value, r.n, r.confidence])).toEqual([
      ['Members who walk to the club', '38', 640, 'medium'],
      ['Members who drive', '51', 640, 'medium'],
    ]);
  });

  it('gives a figure to the survey whose organisation the sentence names', () => {
    const d = readArticle(
      'A Vale Research poll of 900 voters found Ortiz on 40%. A second poll, by Hill Insight, had her on 37%. In a runoff, Vale found she would beat Lund by 55% to 45%.',
    );
    expect(d.rows.map((r) => [r.survey, r.value, r.n])).toEqual([
      ['vale-research', '40', 900],
      ['hill-insight', '37', null],
      ['vale-research', '55', 900],
      ['vale-research', '45', 900],
    ]);
  });
});
