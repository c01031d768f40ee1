// One test per pattern and per rejection rule of src/rules.ts, on sentences
// written for these tests (none is taken from an article).
import { describe, expect, it } from 'vitest';
import {
  classify,
  type Figure,
  fieldworkDates,
  findFigures,
  groupOf,
  marginOfError,
  optionLabel,
  qualifierOf,
  questionLeadIn,
  sampleSizes,
  surveyMentions,
  surveyMode,
} from '../src/rules';
import { fold } from '../src/text/fold';

const NONE = { nearbySurvey: false, surveySeen: false };

function only(s: string): Figure {
  const figures = findFigures(s);
  expect(figures).toHaveLength(1);
  return figures[0] as Figure;
}

function verdict(s: string, index = 0, context = NONE) {
  const figures = findFigures(s);
  return classify(s, figures[index] as Figure, figures, context);
}

describe('figures as printed', () => {
  it('reads "40.5%" with its decimals', () => {
    expect(only('In the poll, 40.5% of voters said yes.')).toMatchObject({
      percent: 40.5,
      value: '40.5',
      kind: 'percent',
    });
  });
  it('keeps a trailing zero as printed: "31.0%"', () => {
    expect(only('Cats (31.0%) led the list.').value).toBe('31.0');
  });
  it('reads "41 percent" and "41 per cent"', () => {
    expect(only('About 41 percent of parents agreed.').percent).toBe(41);
    expect(only('Some 41 per cent of parents agreed.').percent).toBe(41);
  });
  it('reads a number in words: "Twenty-six percent"', () => {
    expect(only('Twenty-six percent of residents do not plan to move.')).toMatchObject({
      percent: 26,
      value: '26',
      kind: 'words',
    });
  });
  it('reads "one in four"', () => {
    expect(only('One in four drivers said they speed.')).toMatchObject({
      percent: 25,
      kind: 'x-in-y',
    });
  });
  it('reads "two-thirds" and "half"', () => {
    expect(only('Two-thirds of members backed the merger.').percent).toBe(66.7);
    expect(only('Half of the students said the test was hard.').percent).toBe(50);
  });
  it('takes the printed number of "a majority (56%)" and "two-thirds (66%)"', () => {
    expect(only('A majority (56%) said yes.').percent).toBe(56);
    expect(only('Two-thirds (66%) of tenants agreed.').percent).toBe(66);
  });
  it('reads full-width digits and ％', () => {
    expect(
      only(
        fold('回答者の４０．５％が賛成した。 In all, ４０．５％ agreed.'.split('。')[1] as string),
      ),
    ).toMatchObject({ percent: 40.5, value: '40.5' });
    expect(fold('４０．５％')).toBe('40.5%');
  });
  it('reads a figure in points apart from a share', () => {
    expect(only('Support is up 5 points.').kind).toBe('points');
  });
});

describe('qualifiers', () => {
  it('about / nearly → approx; over / more than → more-than; under → less-than', () => {
    const q = (s: string) => qualifierOf(s, only(s));
    expect(q('Nearly 70% of those asked agreed.')).toBe('approx');
    expect(q('Over 80% of those asked agreed.')).toBe('more-than');
    expect(q('Fewer than 10% of those asked agreed.')).toBe('less-than');
    expect(q('Exactly 12% of those asked agreed.')).toBe('exact');
  });
});

describe('shares of respondents', () => {
  it('a verb of answering after the figure', () => {
    expect(verdict('Of the dog owners, 63% opposed the leash law.')).toMatchObject({
      kind: 'share',
      strength: 'attached',
    });
  });
  it('"of respondents" after the figure', () => {
    expect(verdict('The plan won 48% of respondents over.')).toMatchObject({
      kind: 'share',
      strength: 'attached',
    });
  });
  it('"of <people> <verb>": "70% of Canadians believe"', () => {
    expect(verdict('A study says 70% of Canadians believe taxes are too high.')).toMatchObject({
      kind: 'share',
      strength: 'attached',
    });
  });
  it('"the 19.8% who said"', () => {
    expect(verdict('That beats the 19.8% who said “no.”')).toMatchObject({
      kind: 'share',
      strength: 'attached',
    });
  });
  it('an answer right after the figure: "41% in favour", "12% undecided"', () => {
    expect(verdict('The poll found 41% in favour.')).toMatchObject({
      kind: 'share',
      strength: 'attached',
    });
    expect(verdict('Another 12% undecided.')).toMatchObject({
      kind: 'share',
      strength: 'attached',
    });
  });
  it('a quoted answer right after the figure', () => {
    expect(verdict('Another 26.4% “would wait and see.”')).toMatchObject({
      kind: 'share',
      strength: 'attached',
    });
  });
  it('a quoted answer before "(N%)"', () => {
    expect(verdict('Top reasons were “price” (31.0%).')).toMatchObject({
      kind: 'share',
      strength: 'attached',
    });
  });
  it('a list of items "X (N%)"', () => {
    const s = 'Favourite fruits were apples (40%), pears (30%) and plums (20%).';
    for (let i = 0; i < 3; i++) expect(verdict(s, i).kind).toBe('share');
  });
  it('a label: "strongly agree: 8.2%"', () => {
    expect(verdict('Most agreed (strongly agree: 8.2%, somewhat agree: 40%).')).toMatchObject({
      kind: 'share',
    });
  });
  it('an opinion noun as subject: "support for X stood at 33%"', () => {
    expect(verdict('Support for the bridge stood at only 33%.')).toMatchObject({
      kind: 'share',
      strength: 'attached',
    });
  });
  it('respondents in the clause, without a verb next to the figure: medium', () => {
    expect(verdict('In the poll the tally came to 44%.')).toMatchObject({
      kind: 'share',
      strength: 'clause',
    });
  });
  it('only a survey in the sentences around: context (low)', () => {
    expect(
      verdict('The figure was 44%.', 0, { nearbySurvey: true, surveySeen: true }),
    ).toMatchObject({ kind: 'share', strength: 'context' });
  });
  it('"down from 45%": a share at an earlier time', () => {
    expect(verdict('Only 18% of voters approve, down from 45% a year ago.', 1)).toMatchObject({
      kind: 'share',
      earlier: true,
    });
  });
  it('"one in four" needs the words next to it', () => {
    expect(verdict('One in four voters said no.').kind).toBe('share');
    expect(verdict('It rains one in four days.').kind).toBe('reject');
  });
});

describe('percentages that are not shares of respondents', () => {
  const reason = (s: string, i = 0) => {
    const v = verdict(s, i);
    return v.kind === 'reject' ? v.reason : null;
  };
  it('a tariff', () => expect(reason('The 25% tariff on steel hurt exporters.')).toBe('tariff'));
  it('a tax', () => expect(reason('A 10% sales tax starts in May.')).toBe('tariff'));
  it('GDP', () => expect(reason('Defence spending will reach 2% of GDP.')).toBe('gdp'));
  it('growth', () => expect(reason('The economy saw growth of 1.2% last year.')).toBe('growth'));
  it('inflation', () => expect(reason('Inflation hit 3.4% in March.')).toBe('inflation'));
  it('turnout', () => expect(reason('Turnout was 58% in the city.')).toBe('turnout'));
  it('a share of exports', () => expect(reason('Cars make up 20% of exports.')).toBe('economic'));
  it('an election result', () =>
    expect(reason('The party won 42% of the vote.')).toBe('vote-share'));
  it('a chance', () =>
    expect(reason('Forecasters give a 70% chance of rain.')).toBe('probability'));
  it('a confidence level', () =>
    expect(reason('We report 95% confidence intervals.')).toBe('confidence-level'));
  it('a response rate', () => expect(reason('The response rate was 12%.')).toBe('response-rate'));
  it('a change in points: "up 5 points"', () =>
    expect(reason('Approval is up 5 points.')).toBe('change'));
  it('a change in percent: "rose by 4%"', () =>
    expect(reason('Rents rose by 4% this year.')).toBe('change'));
  it('a change: "a 5% increase"', () =>
    expect(reason('Members saw a 5% increase in fees.')).toBe('change'));
  it('a range: "50% to 60%"', () => {
    const v = verdict('Estimates put it in the 50% to 60% range.');
    expect(v).toMatchObject({ kind: 'reject', reason: 'range' });
  });
  it('a range: "0.7–0.8 percent"', () =>
    expect(reason('Costs may fall 0.7–0.8 percent.')).toBe('range'));
  it('a figure shown to respondents', () => {
    const s = 'When told that fares would rise by 10%, 40% said they would drive.';
    expect(reason(s, 0)).toBe('shown-to-respondents');
    expect(verdict(s, 1).kind).toBe('share');
  });
  it('a figure in a quoted question', () => {
    expect(reason('We asked, “Would you pay 15% more for green power?” in June.')).toBe(
      'shown-to-respondents',
    );
  });
  it('a margin of error: "±3.2 percentage points"', () => {
    expect(reason('The margin of error is ±3.2 percentage points.')).toBe('margin-of-error');
  });
  it('above 100%', () => expect(reason('Sales were 150% of the target.')).toBe('above-100'));
  it('nothing near it speaks of a survey', () =>
    expect(reason('The glass is 40% full.')).toBe('no-survey-context'));
  it('a verb of answering wins over a topic word: "on spending, 7% responded …"', () => {
    expect(verdict('On defence spending, 7% responded “more.”').kind).toBe('share');
  });
});

describe('labels', () => {
  it('the option: a quoted answer in the clause', () => {
    const s = 'Asked about the park, 40.5% said “yes,” while 30% said “no.”';
    const [a, b] = findFigures(s) as [Figure, Figure];
    expect(optionLabel(s, a)).toBe('yes');
    expect(optionLabel(s, b)).toBe('no');
  });
  it('the option: the words after the figure', () => {
    const s = 'In all, 63% opposed the new parking rules.';
    expect(optionLabel(s, only(s))).toBe('opposed the new parking rules');
  });
  it('the option: a list item and a label', () => {
    const s = 'Favourites were apples (40%) and pears (30%).';
    const [a, b] = findFigures(s) as [Figure, Figure];
    expect(optionLabel(s, a)).toBe('apples');
    expect(optionLabel(s, b)).toBe('pears');
    const t = 'Most agreed (strongly agree: 8.2%).';
    expect(optionLabel(t, only(t))).toBe('strongly agree');
  });
  it('the question: a lead-in ("Regarding X,") and a list intro', () => {
    const s = 'However, regarding the new park, 40% approved.';
    expect(questionLeadIn(s, s.indexOf('40'))).toBe('the new park');
    const t = 'Reasons for moving included “schools” (20%).';
    expect(questionLeadIn(t, t.indexOf('20'), true)).toBe('Reasons for moving');
  });
  it('a subgroup: "of those in their sixties", "among women"', () => {
    const s = 'Over 70% of those in their sixties agreed.';
    expect(groupOf(s, only(s))).toEqual({ value: 'in their sixties', dim: 'age' });
    const t = 'Among women, 55% agreed.';
    expect(groupOf(t, only(t))).toEqual({ value: 'women', dim: 'gender' });
  });
});

describe('the survey', () => {
  it('"a <Org> poll"', () => {
    expect(surveyMentions('A Daily Planet poll found most agreed.')[0]?.organization).toBe(
      'Daily Planet',
    );
  });
  it('"a March 2025 poll by the <adjective> <Org>"', () => {
    expect(
      surveyMentions('A March 2025 poll by the liberal Daily Planet found that…')[0]?.organization,
    ).toBe('Daily Planet');
  });
  it('"survey conducted by our team and <Org>"', () => {
    expect(
      surveyMentions(
        'A survey conducted by our team and North Star Research between May 1 and 3, 2025.',
      )[0]?.organization,
    ).toBe('North Star Research');
  });
  it('a survey\'s name, and "<Org> conducted the … Survey"', () => {
    const m = surveyMentions('Oak Institute conducted the Annual Garden Survey in spring.')[0];
    expect(m).toMatchObject({ name: 'Annual Garden Survey', organization: 'Oak Institute' });
  });
  it('"another poll" is a new survey', () => {
    expect(surveyMentions('Another poll found the opposite.')[0]?.another).toBe(true);
  });
  it('n: "n=1,037", "1,000 adults", "a survey of 2,003 voters"', () => {
    expect(sampleSizes('Sample: n=1,037.').map((x) => x.n)).toEqual([1037]);
    expect(sampleSizes('The poll of 1,000 adults ran online.').map((x) => x.n)).toEqual([1000]);
    expect(sampleSizes('It was a survey of 2,003 registered voters.').map((x) => x.n)).toEqual([
      2003,
    ]);
  });
  it('n: a total with its parts', () => {
    const [s] = sampleSizes('Responses: 3,000 total (North: 1,200; South: 1,800)');
    expect(s).toMatchObject({
      n: 3000,
      kind: 'total',
      parts: [
        { label: 'North', n: 1200 },
        { label: 'South', n: 1800 },
      ],
    });
  });
  it('n: not a number of other things, nor a percentage', () => {
    expect(
      sampleSizes(
        'Leaders from 49 countries and 1,000 troops came; 22 percent of respondents agreed.',
      ),
    ).toEqual([]);
  });
  it('margin of error: "±3.2 percentage points", "margin of error of 3 points", "plus or minus 4%"', () => {
    expect(marginOfError('It has a margin of error of ±3.2 percentage points.')?.points).toBe(3.2);
    expect(marginOfError('The margin of error of 3 points applies.')?.points).toBe(3);
    expect(marginOfError('Results are accurate to plus or minus 4%.')?.points).toBe(4);
  });
  it('fieldwork dates', () => {
    expect(fieldworkDates('Fieldwork ran August 19–21, 2025.')).toMatchObject({
      start: '2025-08-19',
      end: '2025-08-21',
    });
    expect(fieldworkDates('It ran from 3 to 5 May 2025.')).toMatchObject({
      start: '2025-05-03',
      end: '2025-05-05',
    });
    expect(fieldworkDates('It ran between July 22 and 24, 2025.')).toMatchObject({
      start: '2025-07-22',
      end: '2025-07-24',
    });
    expect(fieldworkDates('It was carried out in October and November 2024.')).toMatchObject({
      start: null,
      end: null,
    });
  });
  it('mode', () => {
    expect(surveyMode('It was an online survey.')?.mode).toBe('online');
    expect(surveyMode('Voters were reached by telephone.')?.mode).toBe('telephone');
    expect(surveyMode('Interviews were face-to-face.')?.mode).toBe('face-to-face');
    expect(surveyMode('A postal survey was sent.')?.mode).toBe('mail');
  });
});
