// Every user-facing text of @toplines/read: why a figure was rejected, why a
// row is not of high confidence, and the errors. No final period.
import type { RejectReason } from './types';

/** Why a percentage is not a poll figure, one sentence each. */
export const rejectText: Record<RejectReason, string> = {
  'margin-of-error': "the survey's published margin of error (kept on the survey)",
  change: 'a change or a gap (in points, "up 5%", "a 5% increase"), not a share of respondents',
  range: 'a range ("50% to 60%"), not one figure',
  tariff: 'a tariff or tax rate',
  gdp: 'a share of GDP',
  growth: 'a growth rate',
  inflation: 'an inflation rate',
  turnout: 'an election turnout',
  economic: 'an economic figure (trade, spending, budget, workforce, population, rates)',
  'vote-share': "an election result (a share of the vote or of seats), not a poll's",
  probability: 'a chance or probability',
  'confidence-level': 'a confidence level',
  'response-rate': "the survey's response rate",
  'shown-to-respondents': 'part of what respondents were told, shown or asked, not an answer',
  'above-100': 'above 100%: not a share of respondents',
  'no-survey-context': 'nothing near it says it is a share of survey respondents',
};

/** Why a row's confidence is not high. */
export const reasonText = {
  clause:
    'no verb of answering or "of respondents" next to the figure; its clause speaks of respondents or a survey',
  sentence:
    'no verb of answering or "of respondents" next to the figure; its sentence speaks of a survey',
  context: 'only the sentences around it speak of a survey',
  words: 'a fraction or "one in four" in words: the percentage is not printed',
  earlier:
    'an earlier level cited for comparison ("down from 55% in January"): read into a survey of its own (…-earlier), without n',
  assumedSurvey: (key: string) =>
    `printed before the text names a survey: taken to be of the first survey it names (${key})`,
  noSurvey: 'the text names no survey',
};

/** Errors (TypeError for a wrong argument). */
export const readError = {
  notText: (value: unknown) => `readArticle requires the article as a string, got ${typeof value}`,
  badFormat: (format: unknown) =>
    `readArticle requires format to be 'text', 'markdown' or 'html', got ${JSON.stringify(format)}`,
  badSource: (value: unknown) => `readArticle requires source to be a string, got ${typeof value}`,
};

/** Texts of the draft data package. */
export const packageText = {
  notStated: 'not stated in the article',
  surveyTitle: (who: string | null, key: string) =>
    who === null ? `Survey reported in the article (${key})` : `Survey by ${who}`,
  surveyNotes: (facts: readonly string[]) =>
    `Read by machine from the article: check every fact against it.${facts.length === 0 ? '' : ` ${facts.join(' ')}`}`,
  fact: (what: string, quote: string) => `${what} from “${quote}”.`,
  earlierTitle: (of: string, when: string | null) =>
    `Earlier figures of ${of} cited by the article${when === null ? '' : ` (${when})`}`,
  earlierNote: (of: string) =>
    `Figures the article cites from an earlier time, for comparison with ${of}: their n is not stated (the current poll's is not theirs), so no interval is computed for them.`,
  questionNotes: (responseType: string, sum: number) =>
    `Read by machine. Response type ${responseType} is a guess (options sum to ${sum.toFixed(1)}%): check it.`,
  followUpBase: 'a subset of respondents (a follow-up question): the text does not say how many',
};
