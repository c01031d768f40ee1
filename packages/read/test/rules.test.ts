// One test per pattern and per rejection rule of src/rules.ts, on sentences
// written for these tests (none is taken from an article).
import { describe, expect, it } from 'vitest';
import {
  classify,
  continuesShare,
  earlierOf,
  type Figure,
  type FigureContext,
  fieldworkDates,
  findFigures,
  groupOf,
  isDemonym,
  isPooled,
  likelierGroups,
  marginOfError,
  namesWholeSample,
  ofGroup,
  opensFollowUp,
  optionLabel,
  partOf,
  placeMatches,
  qualifierOf,
  questionLeadIn,
  sampleSizes,
  samplesInProse,
  subjectOf,
  surveyMentions,
  surveyMode,
} from '../src/rules';
import { fold } from '../src/text/fold';

const NONE: FigureContext = { nearbySurvey: false, surveySeen: false };

function only(s: string): Figure {
  const figures = findFigures(s);
  expect(figures).toHaveLength(1);
  return figures[0] as Figure;
}

function verdict(s: string, index = 0, context: FigureContext = NONE) {
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
    expect(groupOf(t, only(t))).toEqual({ value: 'women', dim: 'gender', lead: true });
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

// The rules added after measuring on held-out articles (docs/reading-articles.md,
// "On articles the rules never saw"), each on sentences written for these tests.

describe('earlier levels and comparisons', () => {
  it('"down from 30% in March": an earlier level, with its time', () => {
    const s = 'Some 24% of members approve, down from 30% in March.';
    expect(earlierOf(s, findFigures(s)[1] as Figure)).toEqual({ earlier: true, when: 'in March' });
    expect(earlierOf(s, findFigures(s)[0] as Figure).earlier).toBe(false);
  });
  it('"compared with 40% last year": earlier only with a time', () => {
    const s = 'Now 33% of drivers agree, compared with 40% last year.';
    expect(earlierOf(s, findFigures(s)[1] as Figure)).toEqual({ earlier: true, when: 'last year' });
    const t = 'Among cyclists, 70% agree, compared with 45% of drivers.';
    expect(earlierOf(t, findFigures(t)[1] as Figure)).toEqual({ earlier: false, when: null });
  });
  it('"two years ago", "in the previous wave", "in its spring survey"', () => {
    const when = (s: string) => earlierOf(s, findFigures(s)[1] as Figure).when;
    expect(when('It is 20% now, up from 12% two years ago.')).toBe('two years ago');
    expect(when('It is 20% now, up from 12% in the previous wave.')).toBe('in the previous wave');
    expect(when('It is 20% now, against 25% in its spring survey.')).toBe('in its spring survey');
  });
  it('the other side of a comparison is a share of another group, with the same option', () => {
    const s = 'Among cyclists, 70 percent back the lane, compared with 45 percent of drivers.';
    const [a, b] = findFigures(s) as [Figure, Figure];
    expect(
      verdict(s, 1, { ...NONE, previousShare: { figure: a, strength: 'attached' } }).kind,
    ).toBe('share');
    expect(groupOf(s, b)).toEqual({ value: 'drivers', dim: 'group' });
    expect(optionLabel(s, b)).toBe('back the lane');
  });
  it('a list that shares the verb of the share before it', () => {
    const s = '31% blamed the weather, 22% the council and 9% the bus company.';
    const [a, b, c] = findFigures(s) as [Figure, Figure, Figure];
    expect(continuesShare(s, a, b)).toBe(true);
    expect(continuesShare(s, b, c)).toBe(true);
    expect(verdict(s, 2, { ...NONE, previousShare: { figure: b, strength: 'clause' } }).kind).toBe(
      'share',
    );
    // …and without a share before it, a bare figure stays unread.
    expect(verdict('Then 22% the council.').kind).toBe('reject');
  });
  it('an item in parentheses after a share: "well ahead of parking (12%)"', () => {
    const s = 'Noise was named by 40% of tenants, well ahead of parking (12%).';
    const [a, b] = findFigures(s) as [Figure, Figure];
    expect(continuesShare(s, a, b)).toBe(true);
  });
});

describe('not shares, found on held-out articles', () => {
  const reason = (s: string, i = 0) => {
    const v = verdict(s, i);
    return v.kind === 'reject' ? v.reason : null;
  };
  it('a change without "by": "rents rose 6.1%", "wages have risen 2.5%"', () => {
    expect(reason('In the survey period rents rose 6.1% in the city.')).toBe('change');
    expect(reason('Wages have risen 2.5% over the year, the poll notes.')).toBe('change');
  });
  it('a rate: "mortgage rates near 7% are a worry", "a base rate of 4.5%"', () => {
    expect(reason('Mortgage rates near 7% are a worry for those polled.')).toBe('economic');
    expect(reason('The bank held its base rate at 4.5%, the survey noted.')).toBe('economic');
  });
  it('an election result: "of the party vote", "at the last election"', () => {
    expect(reason('At the last election the Greens won 14 per cent of the party vote.')).toBe(
      'vote-share',
    );
  });
});

describe('figures and labels, found on held-out articles', () => {
  it('"Almost half of members (47%) said …": one figure, the printed one; the predicate is the option', () => {
    const s = 'Almost half of members (47%) said the fee was too high.';
    const f = only(s);
    expect(f.percent).toBe(47);
    expect(optionLabel(s, f)).toBe('said the fee was too high');
    const t = 'About a fifth (19%) were against the merger.';
    expect(optionLabel(t, only(t))).toBe('were against the merger');
  });
  it('the subject as the label: "The council\'s approval rating is 41 per cent"', () => {
    const s = "The council's approval rating is 41 per cent, a poll shows.";
    expect(optionLabel(s, only(s))).toBe("council's approval rating");
    expect(subjectOf('Satisfaction with buses was flat at ')).toBe('Satisfaction with buses');
  });
  it('an answer line: "Too expensive: 38%"', () => {
    const s = 'Too expensive: 38%';
    expect(optionLabel(s, only(s))).toBe('Too expensive');
    expect(
      verdict(s, 0, { nearbySurvey: false, surveySeen: true, underQuestion: true }),
    ).toMatchObject({ kind: 'share', strength: 'sentence' });
  });
  it('a quoted answer in Japanese brackets: 「反対」は40%', () => {
    const s = fold('「反対」は４０％だった。');
    expect(verdict(s)).toMatchObject({ kind: 'share', strength: 'attached' });
    expect(optionLabel(s, only(s))).toBe('反対');
  });
  it('demonyms as respondents: "Four in five Danes support …"', () => {
    expect(verdict('Four in five Danes support the bridge.').kind).toBe('share');
    expect(isDemonym('Danes')).toBe(true);
    expect(isDemonym('Canadians')).toBe(true);
    expect(isDemonym('Republicans')).toBe(false);
  });
});

describe('groups and their bases', () => {
  it('"of <group> …": the group, up to its verb', () => {
    expect(ofGroup(' of tenants in the survey who pay by card said it was easy')).toBe(
      'tenants who pay by card',
    );
    expect(ofGroup(' of 25–34-year-olds agreed')).toBe('25–34-year-olds');
    const s = 'Some 58% of nurses said shifts were too long.';
    expect(groupOf(s, only(s))).toEqual({ value: 'nurses', dim: 'group' });
  });
  it('"of respondents", "of the poll\'s respondents", "of Danes": the whole sample', () => {
    for (const p of [
      'respondents',
      "Keystone's respondents",
      'Danish respondents',
      'likely voters',
    ])
      expect(namesWholeSample(p)).toBe(true);
    const s = 'In all, 58% of respondents[2] said yes.';
    expect(groupOf(s, only(s))).toBeNull();
  });
  it('"Of the 240 nurses in the sample, 61% …": the group with its count', () => {
    const s = 'Of the 240 nurses in the sample, 61% said shifts were too long.';
    expect(groupOf(s, only(s))).toEqual({ value: 'nurses', dim: 'group', n: 240, lead: true });
    expect(sampleSizes(s)).toMatchObject([{ n: 240, kind: 'group' }]);
  });
  it('"among" only at the start of a clause or after the figure', () => {
    const s = 'On trade among Canada, Mexico and the U.S., 44% said it helps.';
    expect(groupOf(s, only(s))).toBeNull();
    const t = 'Support was 52% among retirees.';
    expect(groupOf(t, only(t))?.value).toBe('retirees');
  });
  it('a sample by place: "of Dutch respondents", "In Belgium, …", "44% in Austria"', () => {
    const labels = ['Netherlands', 'Belgium', 'Austria'];
    const part = (s: string, i = 0) => partOf(s, findFigures(s)[i] as Figure, labels);
    expect(part('Some 30% of Dutch respondents agreed.')).toBe('Netherlands');
    expect(part('In Belgium, 41% agreed; in Austria, 38% did.', 1)).toBe('Austria');
    expect(part('Support stood at 44% in Austria.')).toBe('Austria');
    expect(part('Regarding Belgium, 41% were worried.')).toBeNull();
    expect(placeMatches('Koreans', 'South Korea')).toBe(true);
    expect(placeMatches('Australians', 'Austria')).toBe(false);
  });
  it('all the samples together: "across all three countries", "overall"', () => {
    const s = 'Across all three countries, 61% want a cap.';
    expect(isPooled(s, only(s))).toBe(true);
    const t = 'In Belgium, 41% want a cap.';
    expect(isPooled(t, only(t))).toBe(false);
  });
});

describe('the survey, found on held-out articles', () => {
  it('n: "1,018 U.S. adults", "a survey of 350 shop owners"', () => {
    expect(sampleSizes('A poll of 1,018 U.S. adults.').map((x) => x.n)).toEqual([1018]);
    expect(sampleSizes('A survey of 350 shop owners found it.').map((x) => x.n)).toEqual([350]);
    expect(sampleSizes('The survey of 2024 found it.')).toEqual([]);
  });
  it('n: the sample drawn is not the interviews ("sent to 4,000 homes, 1,210 responses")', () => {
    const sizes = sampleSizes(
      'The form was sent to 4,000 households and 1,210 valid responses came back.',
    );
    expect(sizes.map((x) => [x.n, x.kind])).toEqual([
      [4000, 'issued'],
      [1210, 'direct'],
    ]);
  });
  it('"Three polls" is no organisation; "the Riverside Herald nationwide poll" is', () => {
    expect(surveyMentions('Three polls show a tie.')).toEqual([]);
    expect(
      surveyMentions('It fell in the latest Riverside Herald nationwide poll.')[0]?.organization,
    ).toBe('Riverside Herald');
  });
  it('"The survey of 900 adults, carried out online by Oak Research, …"', () => {
    expect(
      surveyMentions('The survey of 900 adults, carried out online by Oak Research, found it.')[0]
        ?.organization,
    ).toBe('Oak Research');
  });
  it('fieldwork: "conducted by telephone from February 20 to 24, 2026", "Fieldwork: 2–9 May 2026"', () => {
    expect(
      fieldworkDates('The poll was conducted by telephone from February 20 to 24, 2026.'),
    ).toMatchObject({ start: '2026-02-20', end: '2026-02-24' });
    expect(fieldworkDates('Fieldwork: 2–9 May 2026.')).toMatchObject({
      start: '2026-05-02',
      end: '2026-05-09',
    });
  });
  it('mode: "interviewed 800 adults online"', () => {
    expect(surveyMode('Keystone interviewed 800 adults online.')?.mode).toBe('online');
  });
});

// Round 2 of the evaluation: rules added after reading the misses on the second set of articles.
describe('round 2: earlier levels, scores, votes', () => {
  it('"compared with 2024\'s 51 per cent": an earlier level whose time owns it', () => {
    const s = "Now 47 per cent agree, compared with 2024's 51 per cent.";
    expect(earlierOf(s, findFigures(s)[1] as Figure)).toEqual({ earlier: true, when: '2024' });
  });
  it('"would beat her rival by 53% to 47%": two shares, not a range', () => {
    const s = 'The poll found she would beat her rival by 53% to 47%.';
    expect(verdict(s, 0).kind).toBe('share');
    expect(verdict(s, 1).kind).toBe('share');
    expect(verdict('Estimates put it at 53% to 57% of the total.').kind).toBe('reject');
  });
  it('"would win 31% of the first-round vote": a poll\'s voting intention, not an election result', () => {
    expect(verdict('In the poll, Ortiz would win 33% of the vote.').kind).toBe('share');
    expect(verdict('In 2022, Ortiz won 33% of the vote.')).toMatchObject({
      kind: 'reject',
      reason: 'vote-share',
    });
  });
});

describe('round 2: groups', () => {
  it('"A were more likely than B to … (X% against Y%)"', () => {
    const s = 'Renters were more likely than owners to say so (62 per cent against 35 per cent).';
    const [a, b] = findFigures(s) as [Figure, Figure];
    expect(likelierGroups(s, a)).toBe('Renters');
    expect(likelierGroups(s, b)).toBe('owners');
  });
  it('"highest in Leeds, at 58 per cent": the place', () => {
    const s = 'Support was highest in Leeds, at 58 per cent, and lowest in Bath, at 31 per cent.';
    expect(groupOf(s, findFigures(s)[1] as Figure)).toEqual({ value: 'Bath', dim: 'group' });
  });
  it('"Pensioners are the most worried: 64% of them say …": "them" is the subject', () => {
    const s = 'Pensioners over 75 are the most worried: 64% of them say prices are too high.';
    expect(groupOf(s, only(s))).toEqual({ value: 'Pensioners over 75', dim: 'age' });
    const t = 'The survey is clear: 64% of them say prices are too high.';
    expect(groupOf(t, only(t))).toBeNull();
  });
  it('"of those 65 and older"', () => {
    const s = 'That compares with 52% of those 65 and older.';
    expect(groupOf(s, only(s))?.value).toBe('65 and older');
  });
  it('"the 16% of respondents who said they did not know": the whole sample', () => {
    expect(namesWholeSample('respondents who said they did not know')).toBe(true);
    expect(namesWholeSample('homeowners who hope to move')).toBe(false);
  });
  it('"of the first-round vote", "of the budget": no group of people', () => {
    expect(ofGroup(' of the first-round vote if the election were held')).toBeNull();
    expect(ofGroup(' of drivers said so')).toBe('drivers');
  });
});

describe('round 2: the survey', () => {
  it('"A second poll, by Opinia Research, …": the organisation after a comma', () => {
    expect(surveyMentions('A second poll, by Vale Research, put them level.')[0]).toMatchObject({
      organization: 'Vale Research',
      another: true,
    });
  });
  it("a sentence that names a survey's organisation speaks of the survey", () => {
    const s = 'Vale found she would win, with 41%.';
    expect(verdict(s, 0, { ...NONE, namesSurvey: true }).kind).toBe('share');
    expect(verdict(s).kind).toBe('reject');
  });
});

// Round 3: rules added after reading the misses on the third set of articles (bases first).
describe('round 3: bases', () => {
  it('"Of those who were unhappy, 64% …": a follow-up, of an unstated number', () => {
    expect(opensFollowUp('Of those who were unhappy, 64% cited the price.')).toBe(true);
    expect(opensFollowUp('Among respondents who use the bus, 40% said so.')).toBe(true);
    expect(opensFollowUp('Of the members, 64% cited the price.')).toBe(false);
  });
  it('samples side by side in prose: "820 teachers and 1,140 parents"', () => {
    expect(samplesInProse('It polled 820 teachers and 1,140 parents online.')).toEqual([
      { label: 'teachers', n: 820 },
      { label: 'parents', n: 1140 },
    ]);
    expect(samplesInProse('It was sent to 4,000 homes and 1,210 responses came back.')).toBeNull();
  });
  it('"lower among people aged 18 to 29 (31%) than among those over 60 (44%)"', () => {
    const s = 'Trust was lower among people aged 18 to 29 (31%) than among those over 60 (44%).';
    const [a, b] = findFigures(s) as [Figure, Figure];
    expect(groupOf(s, a)?.value).toBe('aged 18 to 29');
    expect(groupOf(s, b)?.value).toBe('over 60');
  });
  it('"while renters favour the plan 58% to 30%": the clause\'s subject', () => {
    const s = 'Owners are split, while renters favour the plan 58% to 30%.';
    expect(groupOf(s, findFigures(s)[0] as Figure)?.value).toBe('renters');
    const t = 'Overall, voters favour the plan 52% to 40%.';
    expect(groupOf(t, findFigures(t)[0] as Figure)).toBeNull();
  });
  it('"Two-thirds of Danes (66%)": the sample by place before a printed figure', () => {
    const s = 'Two-thirds of Danes (66%) agreed.';
    expect(partOf(s, only(s), ['Denmark', 'Norway'])).toBe('Denmark');
  });
  it('"Ortiz leads Lund 47% to 41%": a score, not a range', () => {
    const s = 'Ortiz leads her challenger Lund 47% to 41% in the poll.';
    expect(verdict(s, 0).kind).toBe('share');
    expect(verdict(s, 1).kind).toBe('share');
  });
});

// Found while writing notebook 04's illustrative paragraph (after round 3).
describe('groups defined by a relative clause', () => {
  it('"Among residents who drive to work, 41% …", "67% of those who walk or cycle": groups', () => {
    const s =
      'Among residents who drive to work, 41% support it, compared with 67% of those who walk or cycle.';
    const [a, b] = findFigures(s) as [Figure, Figure];
    expect(groupOf(s, a)?.value).toBe('residents who drive to work');
    expect(groupOf(s, b)?.value).toBe('those who walk or cycle');
  });
  it('"16% of respondents who said they did not know": the answer, of the whole sample', () => {
    const s = 'Figures exclude the 16% of respondents who said they did not know.';
    expect(groupOf(s, only(s))).toBeNull();
  });
});
