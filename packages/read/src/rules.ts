// What a poll figure is: the rules that are this project's own, in one place.
//
// Every function here reads one sentence (already folded: full-width forms
// as ASCII, see text/fold.ts) and answers one question about it: where are
// its percentages, is this one a share of respondents or something else
// (a tariff, GDP, a change in points, a range, a margin of error), how is it
// qualified, what option and question does the sentence give it, which
// survey does the sentence name, and what does it say of that survey (n,
// margin of error, fieldwork dates, mode). Positions are offsets into the
// sentence. The word lists are plain English and general: nothing here
// names an article, a pollster or a topic. test/rules.test.ts has a test per
// pattern, on sentences of our own.
import { wordFraction, wordNumber } from './text/numbers';
import type { Qualifier, RejectReason, SurveyMode } from './types';

// ── Words ───────────────────────────────────────────────────────────────────

const MONTHS =
  'January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?';

/** Who a share can be of: respondents and the people a poll samples. */
export const RESPONDENT_NOUNS =
  /\b(?:respondents?|participants?|interviewees|people|persons|adults|voters|electorate|citizens|residents|the public|public|women|men|youth|young people|students|parents|consumers|households|readers|viewers|supporters|members|democrats|republicans|independents|those|them|all)\b/i;

/** Demonyms that do not end like one, and the places they name. */
const IRREGULAR_DEMONYMS: Readonly<Record<string, readonly string[]>> = {
  french: ['france'],
  dutch: ['netherlands', 'holland'],
  swiss: ['switzerland'],
  british: ['uk', 'britain', 'united kingdom', 'great britain'],
  britons: ['uk', 'britain', 'united kingdom', 'great britain'],
  brits: ['uk', 'britain', 'united kingdom', 'great britain'],
  american: ['us', 'usa', 'united states', 'america'],
  americans: ['us', 'usa', 'united states', 'america'],
  spanish: ['spain'],
  spaniards: ['spain'],
  polish: ['poland'],
  poles: ['poland'],
  danish: ['denmark'],
  danes: ['denmark'],
  finnish: ['finland'],
  finns: ['finland'],
  irish: ['ireland'],
  welsh: ['wales'],
  scots: ['scotland'],
  filipino: ['philippines'],
  filipinos: ['philippines'],
  kiwis: ['new zealand'],
  thai: ['thailand'],
  greek: ['greece'],
  greeks: ['greece'],
  czech: ['czechia', 'czech republic'],
  czechs: ['czechia', 'czech republic'],
  english: ['england'],
  swedes: ['sweden'],
  swedish: ['sweden'],
  norwegian: ['norway'],
  norwegians: ['norway'],
  portuguese: ['portugal'],
  scottish: ['scotland'],
  turks: ['turkey', 'türkiye'],
  turkish: ['turkey', 'türkiye'],
  belgian: ['belgium'],
  belgians: ['belgium'],
};

/** Capitalised words that end like a demonym but name a party, a faith or something else. */
const NOT_DEMONYM =
  /^(?:Republicans?|Christians?|Asians?|Africans?|Anglicans?|Lutherans?|Libertarians?|Vegetarians?|Vegans?|Humans?|Veterans?|Civilians?|Others?|Members?|Numbers?|Leaders?|Partners?|Workers?|Owners?|Customers?|Users?|Independents?)$/;

/**
 * Whether a word is a demonym — the people of a place ("Canadians",
 * "Japanese", "Britons", "Londoners", "French"): a capitalised word with a
 * demonym's ending, or one of the few that have none.
 *
 * @example
 * isDemonym('Canadians'); // => true
 * isDemonym('Republicans'); // => false
 */
export function isDemonym(word: string): boolean {
  const w = word.replace(/[’']s$/, '');
  if (IRREGULAR_DEMONYMS[w.toLowerCase()] !== undefined && /^\p{Lu}/u.test(w)) return true;
  return /^\p{Lu}\p{Ll}+(?:ans?|ians?|ers|ese|ish|is|ons)$/u.test(w) && !NOT_DEMONYM.test(w);
}

/**
 * Whether a place or its people (`word`: "Germany", "German", "Germans",
 * "French", "U.S.") name the place `label` ("Germany", "France", "U.S.").
 *
 * @example
 * placeMatches('French', 'France'); // => true
 * placeMatches('Koreans', 'South Korea'); // => true
 */
export function placeMatches(word: string, label: string): boolean {
  const norm = (t: string) =>
    t
      .toLowerCase()
      .replace(/\./g, '')
      .replace(/[’']s$/, '')
      .trim();
  const w = norm(word);
  const l = norm(label);
  if (w === '' || l === '') return false;
  if (w === l) return true;
  if ((IRREGULAR_DEMONYMS[w] ?? []).includes(l)) return true;
  if (w.length < 4) return false;
  // "Germany"–"German", "Canada"–"Canadians", "Japan"–"Japanese": the place, less at most one
  // letter, begins the word, and what is left of the word is an ending.
  return l.split(/\s+/).some((part) => {
    let k = 0;
    while (k < part.length && k < w.length && part[k] === w[k]) k++;
    return k >= 4 && part.length - k <= 1 && w.length - k <= 5;
  });
}

/**
 * Verbs of answering and opinion that follow a share of respondents as its
 * subject ("40% said", "63% opposed", "the 19.8% who answered").
 */
export const OPINION_VERBS =
  /^(?:said|say|says|saying|answered|answers?|answering|responded|respond|responding|replied|reply|believed?|believes|believing|think|thinks|thought|feel|feels|felt|support(?:s|ed|ing)?|oppose[sd]?|opposing|favou?r(?:s|ed|ing)?|approve[sd]?|approving|disapprove[sd]?|disapproving|agree[sd]?|agreeing|disagree[sd]?|prefer(?:s|red|ring)?|express(?:es|ed|ing)?|view(?:s|ed|ing)?|hold|holds|held|holding|chose|choose|chosen|choosing|cite[sd]?|citing|pick(?:s|ed)?|select(?:s|ed)?|named?|report(?:s|ed|ing)?|want(?:s|ed)?|trust(?:s|ed)?|distrust(?:s|ed)?|doubt(?:s|ed)?|advocat(?:e|es|ed|ing)|prioriti[sz](?:e|es|ed|ing)|back(?:s|ed)?|reject(?:s|ed|ing)?|describ(?:e|es|ed|ing)|consider(?:s|ed)?|regard(?:s|ed)?|rated?|gave|give|giving|stated?|states|indicated?|identified|mentioned|pointed|points?|listed|ranked|plan(?:s|ned)?|expect(?:s|ed)?|worr(?:y|ies|ied)|fear(?:s|ed)?|see|saw|sees|like[sd]?|dislike[sd]?|voted|would|will|do|does|did|are|were|had|have|has|know|knew|accept(?:s|ed)?|welcome[sd]?|endorse[sd]?|blame[sd]?|remain(?:s|ed)?|opted|called|urged|wished|hoped)\b/i;

/** Nouns of opinion: the subject of "stood at 33%", "reached 16.9%". */
export const OPINION_NOUNS =
  /\b(?:support|opposition|approval|disapproval|trust|distrust|confidence in|satisfaction|dissatisfaction|favou?rability|popularity|response|responses|answer|answers|views?|opinions?|sentiment|backing|respondents|rating|ratings)\b/i;

/** Words that say a sentence is about a survey. */
export const SURVEY_WORDS =
  /\b(?:surveys?|polls?|polling|polled|questionnaire|respondents?|surveyed|interviewed|findings|public opinion)\b/i;

/** Percentages that are not shares of respondents, by what their neighbours say. */
export const NOT_SHARES: readonly { reason: RejectReason; words: RegExp }[] = [
  { reason: 'tariff', words: /\b(?:tariffs?|dut(?:y|ies)|tax(?:es)?|levy|levies|VAT)\b/i },
  { reason: 'gdp', words: /\b(?:GDP|gross domestic product|GNP)\b/i },
  { reason: 'inflation', words: /\b(?:inflation|CPI|consumer prices?|price index)\b/i },
  { reason: 'growth', words: /\b(?:growth|grew|economy expanded|economic expansion)\b/i },
  { reason: 'turnout', words: /\bturnout\b/i },
  {
    reason: 'vote-share',
    words:
      /\b(?:of the (?:\w+\s+)?vote|votes cast|vote share|of the seats|seats|(?:at|in) the (?:\d{4}\s+)?(?:general\s+|federal\s+|last\s+|previous\s+|national\s+|presidential\s+|local\s+)?elections?)\b/i,
  },
  {
    reason: 'economic',
    words:
      /\b(?:exports?|imports?|trade deficit|trade surplus|market share|workforce|labou?r force|budget|spending|expenditures?|revenues?|sales|profits?|earnings|wages?|salar(?:y|ies)|interest rates?|unemployment|jobless|exchange rate|debt|deficit|investments?|population|stake|discount|yields?|emissions|share price|stocks?|(?:mortgage|base|bank|policy|savings|vacancy|poverty|birth|crime|mortality|fertility|employment|participation|tax|lending|borrowing|deposit|discount)\s+rates?|house prices|home prices)\b/i,
  },
  { reason: 'probability', words: /\b(?:chance|probability|likelihood|odds)\b/i },
  {
    reason: 'confidence-level',
    words: /\b(?:confidence (?:levels?|intervals?)|levels? of confidence)\b/i,
  },
  { reason: 'response-rate', words: /\b(?:response rate|completion rate|cooperation rate)\b/i },
];

/** Words right after a percentage that make it a change or a gap ("a 5% increase", "20% higher"). */
const CHANGE_AFTER =
  /^\s*(?:[-\s]?(?:point|pt))?\s*(?:increase|rise|drop|decline|decrease|jump|gain|fall|cut|hike|lead|gap|swing|higher|lower|more|less|up|down|year-on-year|annually|a year)\b/i;

/** Words right before a percentage that make it a change ("rose by 5%", "up 5%"). */
const CHANGE_BEFORE =
  /(?<!\bmak(?:e|es|ing)\s|\bmade\s)\b(?:(?:rose|risen|increased|grew|grown|fell|fallen|dropped|declined|decreased|jumped|climbed|slipped|gained|lost|cut|raised|reduced|lowered|shrank|shrunk)\s+(?:\w+\s+){0,2}?by|(?:rose|risen|rising|increased|grew|grown|fell|fallen|falling|dropped|declined|decreased|jumped|climbed|slipped|shrank|shrunk|surged|soared|slumped|plunged|edged (?:up|down))|up|down)\s+(?:about\s+|around\s+|nearly\s+|almost\s+|some\s+|roughly\s+|a further\s+|another\s+)?$/i;

/** What comes before a share that was the level a trend started from ("down from 45%", "rose from 40%"). */
const TREND_FROM =
  /\bfrom\s+(?:the\s+)?(?:about\s+|around\s+|nearly\s+|almost\s+|roughly\s+|some\s+|just\s+)?$/i;

/** What comes before a figure it is compared with ("compared with 40% in November", "than the 37% of homeowners"). */
const COMPARED_BEFORE =
  /\b(?:compared (?:with|to)|versus|vs\.?|against|than|as against)\s+(?:the\s+)?(?:about\s+|around\s+|nearly\s+|almost\s+|roughly\s+|some\s+|just\s+|only\s+)?$/i;

const TIME_WORDS =
  '(?:years?|months?|weeks?|days?|waves?|polls?|surveys?|rounds?|time|spring|summer|autumn|fall|winter|quarter)';
const NUMBER_WORDS = String.raw`(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})`;

/**
 * A time right after an earlier figure: "in January", "in November 2025",
 * "last month", "a year ago", "two years earlier", "in the previous wave",
 * "in its autumn survey", "in 2024".
 */
const TIME_AFTER = new RegExp(
  String.raw`^\s*(?:(?:recorded|measured|found|seen|reported|registered|given)\s+)?(` +
    String.raw`(?:in|at|during|by|as of|from)\s+(?:early\s+|late\s+|mid-?)?(?:(?:${MONTHS})(?:\s+\d{4})?|\d{4})\b` +
    String.raw`|(?:in|at|during)\s+(?:the|its|their|our|a)\s+(?:previous|last|prior|earlier|first|same|spring|summer|autumn|fall|winter|(?:${MONTHS})|\d{4})\b(?:\s+(?:${TIME_WORDS}|edition|wave|poll|survey|round)\b)?` +
    String.raw`|${NUMBER_WORDS}\s+${TIME_WORDS}\s+(?:ago|earlier|before|previously)\b` +
    String.raw`|(?:last|the previous|the prior)\s+${TIME_WORDS}\b` +
    String.raw`|a year ago\b|previously\b|before\b)`,
  'i',
);

/** What makes a percentage part of what respondents were told or shown, not an answer. */
const SHOWN_BEFORE =
  /\b(?:told|shown|informed|reminded|presented with|asked (?:whether|if|about|to)|hypothetical|if (?:the|a|an) [\w\s]+ (?:were|was))\b/i;

// ── Figures ─────────────────────────────────────────────────────────────────

/** How a figure is printed. */
export type FigureKind = 'percent' | 'words' | 'x-in-y' | 'fraction' | 'points';

/** A percentage (or a figure in points) printed in a sentence. */
export interface Figure {
  start: number;
  end: number;
  kind: FigureKind;
  /** In percent units (or points, for `points`). */
  percent: number;
  /** The number as text with the decimals as printed ("31.0"); for words, the number. */
  value: string;
}

const DIGIT_PERCENT =
  /(?<![\d.,])(\d{1,3}(?:\.\d+)?)\s?(?:%|percent\b|per\s?cent\b|pct\b|percentage(?![-\s]points?))/gi;
const POINTS =
  /(?<![\d.,])(\d{1,3}(?:\.\d+)?)(?:\s?-\s?|\s)(?:percentage[-\s]points?|points?\b|pts?\b|ppts?\b)/gi;
const TENS = 'twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety';
const UNITS = 'one|two|three|four|five|six|seven|eight|nine';
const TEENS = 'ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen';
const WORD_PERCENT = new RegExp(
  `\\b((?:${TENS})(?:[-\\s](?:${UNITS}))?|${UNITS}|${TEENS}|(?:a|one)\\s+hundred)\\s+(?:percent|per\\s?cent)\\b`,
  'gi',
);
const X_IN_Y = new RegExp(
  `\\b(${UNITS}|[1-9])\\s+(?:in|out\\s+of)\\s+(two|three|four|five|six|seven|eight|nine|ten|[2-9]|10)\\b`,
  'gi',
);
const FRACTION =
  /\b(?:half|a half|one half|(?:a|one|two)[-\s]thirds?|(?:a|one|three)[-\s]quarters?|(?:a|one|two|three|four)[-\s]fifths?)\b/gi;

/**
 * Every percentage printed in a sentence: digits ("40.5%", "41 percent",
 * "41 per cent"), words ("Twenty-six percent"), "one in four", fractions
 * ("two-thirds", "half") and figures in points ("5 points", "±3.2
 * percentage points"), in order, without overlaps. A number in words right
 * before a printed number in parentheses ("two-thirds (66%)") is the same
 * figure: only the printed one is returned.
 *
 * @param s - one sentence, folded
 * @returns the figures, by position
 * @example
 * findFigures('Twenty-six percent said no; 40.5% said yes.').map((f) => f.percent);
 * // => [26, 40.5]
 */
export function findFigures(s: string): Figure[] {
  const found: Figure[] = [];
  for (const [pattern, kind] of [
    [DIGIT_PERCENT, 'percent'],
    [POINTS, 'points'],
  ] as const) {
    for (const m of s.matchAll(pattern)) {
      const value = m[1] as string;
      found.push({
        start: m.index,
        end: m.index + m[0].length,
        kind,
        percent: Number(value),
        value,
      });
    }
  }
  for (const m of s.matchAll(WORD_PERCENT)) {
    const n = wordNumber(m[1] as string);
    if (n === null || n > 100) continue;
    found.push({
      start: m.index,
      end: m.index + m[0].length,
      kind: 'words',
      percent: n,
      value: String(n),
    });
  }
  for (const m of s.matchAll(X_IN_Y)) {
    const x = numberOf(m[1] as string);
    const y = numberOf(m[2] as string);
    if (x === null || y === null || x >= y) continue;
    const percent = round1((100 * x) / y);
    found.push({
      start: m.index,
      end: m.index + m[0].length,
      kind: 'x-in-y',
      percent,
      value: String(percent),
    });
  }
  for (const m of s.matchAll(FRACTION)) {
    const share = wordFraction(m[0]);
    if (share === null) continue;
    const percent = round1(100 * share);
    found.push({
      start: m.index,
      end: m.index + m[0].length,
      kind: 'fraction',
      percent,
      value: String(percent),
    });
  }
  found.sort((a, b) => a.start - b.start || kindRank(a) - kindRank(b));
  const kept: Figure[] = [];
  for (const f of found) {
    const last = kept[kept.length - 1];
    if (last !== undefined && f.start < last.end) continue;
    // "two-thirds (66%)", "a majority (56%)", "Nearly two-thirds of respondents (64%)": the printed number is the figure.
    if (
      f.kind !== 'percent' &&
      f.kind !== 'points' &&
      /^(?:\s+(?:of\s+)?[\p{L}’'-]+){0,4}\s*\(\s*\d{1,3}(?:\.\d+)?\s?(?:%|percent|per\s?cent)/iu.test(
        s.slice(f.end),
      )
    )
      continue;
    kept.push(f);
  }
  return kept;
}

function kindRank(f: Figure): number {
  return ['percent', 'points', 'words', 'x-in-y', 'fraction'].indexOf(f.kind);
}

function numberOf(word: string): number | null {
  return /^\d+$/.test(word) ? Number(word) : wordNumber(word);
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

/**
 * How the text qualifies a figure: "about", "nearly", "approximately" →
 * `approx`; "over", "more than" → `more-than`; "under", "less than" →
 * `less-than`; else `exact`. A fraction or "one in four" is `approx` unless
 * bounded.
 *
 * @param s - the sentence
 * @param figure - the figure in it
 * @returns the qualifier
 * @example
 * qualifierOf('nearly 70% agreed', findFigures('nearly 70% agreed')[0]); // => 'approx'
 */
export function qualifierOf(s: string, figure: Figure): Qualifier {
  const before = s.slice(Math.max(0, figure.start - 30), figure.start).toLowerCase();
  if (/(?:over|more than|above|upwards of|in excess of|at least|greater than)\s*$/.test(before))
    return 'more-than';
  if (/(?:under|less than|below|fewer than|at most|up to)\s*$/.test(before)) return 'less-than';
  if (
    /(?:about|approximately|approx\.?|nearly|almost|roughly|around|some|close to|an estimated|circa|~|≈)\s*$/.test(
      before,
    )
  )
    return 'approx';
  return figure.kind === 'x-in-y' || figure.kind === 'fraction' ? 'approx' : 'exact';
}

// ── Is it a share of respondents? ───────────────────────────────────────────

/** What the rest of the text says around a sentence. */
export interface FigureContext {
  /** The paragraph, or the sentence before, speaks of a survey. */
  nearbySurvey: boolean;
  /** The article has named or mentioned a survey before this sentence (or in it). */
  surveySeen: boolean;
  /** The figure before it in the sentence, when that one was read as a share (a list or a comparison may continue it). Default none. */
  previousShare?: { figure: Figure; strength: ShareStrength } | null;
  /** The sentence is a line of answers under a question printed on its own line ("How would you rate …?"). Default false. */
  underQuestion?: boolean;
  /** The sentence names a survey's organisation without a word for a survey ("Ipsum found …"). Default false. */
  namesSurvey?: boolean;
}

/** How strongly the words say a figure is a share of respondents (see {@link Verdict}). */
export type ShareStrength = 'attached' | 'clause' | 'sentence' | 'context';

/**
 * The verdict on one figure: a share of respondents (and how strongly the
 * sentence says so), or a rejection with its reason.
 */
export type Verdict =
  | {
      kind: 'share';
      /** `attached`: the words next to the figure say it (a verb of answering, "of respondents", a quoted answer); `clause`/`sentence`: words near it; `context`: only the sentences around. */
      strength: ShareStrength;
      /** The level a trend started from ("down from 45%"). */
      earlier: boolean;
    }
  | { kind: 'reject'; reason: RejectReason; span: { start: number; end: number } };

/**
 * Whether a figure is a share of respondents. In order: a figure in points
 * is a change (or, next to "±" or "margin of error", the margin); above 100
 * is no share; a range ("50% to 60%", "0.7–0.8 percent") is not one figure;
 * a verb of answering, a quoted answer or "of respondents" next to it makes
 * it a share; words of what respondents were told or shown, or of tariffs,
 * GDP, growth, inflation, turnout, trade, votes, odds next to it, in its
 * clause, or (with no sign of respondents) in its sentence make it
 * something else; respondents or a survey in its clause or sentence make it
 * a share, and so, weakly, does a survey in the sentences around; anything
 * else is rejected as not tied to a survey. A fraction or "one in four"
 * must have the words next to it.
 *
 * @param s - the sentence, folded
 * @param figure - one of its figures (from {@link findFigures})
 * @param figures - all of its figures
 * @param context - what the text around says
 * @returns the verdict
 * @example
 * const s = 'The 25% tariff hit exports, and 40% of voters said it was wrong.';
 * const [tariff, share] = findFigures(s);
 * classify(s, tariff, findFigures(s), { nearbySurvey: false, surveySeen: false }).kind; // => 'reject'
 * classify(s, share, findFigures(s), { nearbySurvey: false, surveySeen: false }).kind; // => 'share'
 */
export function classify(
  s: string,
  figure: Figure,
  figures: readonly Figure[],
  context: FigureContext,
): Verdict {
  const own = { start: figure.start, end: figure.end };
  const before = s.slice(0, figure.start);
  let after = s.slice(figure.end);
  if (figure.kind === 'points' || isMarginOfError(s, figure)) {
    return {
      kind: 'reject',
      reason: isMarginOfError(s, figure) ? 'margin-of-error' : 'change',
      span: own,
    };
  }
  if (figure.percent > 100) return { kind: 'reject', reason: 'above-100', span: own };
  const range = rangeAround(s, figure);
  if (range !== null) return { kind: 'reject', reason: 'range', span: range };
  const earlier = earlierOf(s, figure).earlier;
  // "from 1% to 2% of GDP": the first figure shares what follows the second.
  const pair = /^\s*(?:to|and|or|–|-)\s*\d{1,3}(?:\.\d+)?\s?(?:%|percent\b|per\s?cent\b)/i.exec(
    after,
  );
  if (pair !== null) after = after.slice(pair[0].length);

  if (attachedShare(before, after, s, figure, figures))
    return { kind: 'share', strength: 'attached', earlier };
  const wordy = figure.kind === 'x-in-y' || figure.kind === 'fraction';
  const clause = clauseAround(s, figure);
  if (SHOWN_BEFORE.test(s.slice(clause.start, figure.start)) || insideQuestion(s, figure))
    return { kind: 'reject', reason: 'shown-to-respondents', span: own };
  if (!earlier && (CHANGE_BEFORE.test(before) || CHANGE_AFTER.test(after)))
    return { kind: 'reject', reason: 'change', span: own };
  // The words right after the figure first ("8% sales tax and 2.1% inflation").
  const attached = notShareIn(s, firstWords(after, 6)) ?? notShareIn(s, lastWords(before, 3));
  if (attached !== null) return { kind: 'reject', reason: attached, span: own };
  // "27% pointed to the government, 23% to distributors", "61% …, compared with 37% of homeowners".
  const previous = context.previousShare ?? null;
  if (previous !== null && continuesShare(s, previous.figure, figure)) {
    const near2 = `${lastWords(s.slice(clause.start, figure.start), 8)} ${firstWords(s.slice(figure.end, clause.end), 4)}`;
    const reason = notShareIn(s, near2);
    if (reason !== null) return { kind: 'reject', reason, span: own };
    return {
      kind: 'share',
      strength: previous.strength === 'attached' ? 'clause' : previous.strength,
      earlier,
    };
  }
  // "Very expensive: 47%" on a line of its own under a question.
  if (context.underQuestion === true && isListItem(s, figure) && notShareIn(s, s) === null)
    return { kind: 'share', strength: 'sentence', earlier };
  if (wordy) return { kind: 'reject', reason: 'no-survey-context', span: own };
  const near = `${lastWords(s.slice(clause.start, figure.start), 8)} ${firstWords(s.slice(figure.end, clause.end), 4)}`;
  const inClause = notShareIn(s, near);
  if (inClause !== null) return { kind: 'reject', reason: inClause, span: own };
  const clauseText = s.slice(clause.start, clause.end);
  if (
    RESPONDENT_NOUNS.test(clauseText) ||
    SURVEY_WORDS.test(clauseText) ||
    OPINION_NOUNS.test(clauseText)
  )
    return { kind: 'share', strength: 'clause', earlier };
  const inSentence = notShareIn(s, s);
  if (inSentence !== null) return { kind: 'reject', reason: inSentence, span: own };
  // A level a trend started from ("down from 45%") is of the people the sentence's share is of.
  if (SURVEY_WORDS.test(s) || context.namesSurvey === true || (earlier && RESPONDENT_NOUNS.test(s)))
    return { kind: 'share', strength: 'sentence', earlier };
  if (context.nearbySurvey || (context.surveySeen && isListItem(s, figure)))
    return { kind: 'share', strength: 'context', earlier };
  return { kind: 'reject', reason: 'no-survey-context', span: own };
}

/** The first reason in {@link NOT_SHARES} whose words are in `text`, or null. */
export function notShareReason(text: string): RejectReason | null {
  for (const { reason, words } of NOT_SHARES) if (words.test(text)) return reason;
  return null;
}

/** A vote that has not happened: a poll's voting intention, not an election result. */
const HYPOTHETICAL_VOTE =
  /\b(?:would|will)\s+(?:\w+\s+)?(?:win|get|take|receive|gain|secure|vote|beat|lose)\b|\bif (?:the |an? )?(?:\w+\s+){0,2}elections? (?:were|was) held\b|\b(?:voting|vote) intentions?\b/i;

/** {@link notShareReason} in a sentence: "would win 31% of the vote" is a poll's voting intention. */
function notShareIn(s: string, text: string): RejectReason | null {
  const reason = notShareReason(text);
  return reason === 'vote-share' && HYPOTHETICAL_VOTE.test(s) ? null : reason;
}

/**
 * Whether a figure is an earlier level of a share, printed for comparison —
 * the level a trend started from ("down from 55% in January", "rose from
 * 40%") or a figure compared with at an earlier time ("compared with 40% in
 * November", "than the 36% of a year ago") — and the time the text gives
 * for it, as printed. A figure compared with another group's ("compared
 * with 37% of homeowners") is no earlier level: it has no time.
 *
 * @param s - the sentence, folded
 * @param figure - the figure
 * @returns whether it is earlier, and when (null when the text does not say)
 * @example
 * const s = '48% back the plan, down from 55% in January.';
 * earlierOf(s, findFigures(s)[1]); // => { earlier: true, when: 'in January' }
 */
export function earlierOf(s: string, figure: Figure): { earlier: boolean; when: string | null } {
  const before = s.slice(0, figure.start);
  // "compared with 2025's 39 per cent", "against last year's 40%".
  const owned = POSSESSIVE_TIME.exec(before);
  if (owned !== null) return { earlier: true, when: owned[1] as string };
  const time = TIME_AFTER.exec(s.slice(figure.end));
  const when = time === null ? null : (time[1] as string).trim();
  if (TREND_FROM.test(before)) return { earlier: true, when };
  if (COMPARED_BEFORE.test(before) && when !== null) return { earlier: true, when };
  return { earlier: false, when: null };
}

/** "compared with 2025's ", "from last year's " right before a figure: an earlier level, its time owning it. */
const POSSESSIVE_TIME =
  /\b(?:compared (?:with|to)|versus|vs\.?|against|than|from|down from|up from)\s+((?:\d{4}|last (?:year|month|week|spring|summer|autumn|fall|winter)|the previous (?:year|month|wave|poll|survey)|(?:January|February|March|April|May|June|July|August|September|October|November|December)(?:\s+\d{4})?))[’']s\s+(?:(?:about|around|nearly|almost|roughly|some|just)\s+)?$/i;

/** What joins a figure to the share before it in a list or a comparison. */
const CONTINUES =
  /(?:,|;|\band|\bor|\bcompared (?:with|to)|\bversus|\bvs\.?|\bagainst|\bas against|\bwhile|\bwhereas|\bwith|\bthan|\bahead of|\bfollowed by|\bbehind|\bbut)\s+(?:(?:only|just|another|a further|about|nearly|around|some|roughly|almost|over|under|more than|less than|fewer than|the)\s+)?(?:[^,;()\d]{1,40}?\s*\(\s*)?$/i;

/**
 * A figure that continues the share before it in the same sentence, with no
 * verb of its own: a list that shares its verb ("27% pointed to the
 * government, 23% to distributors and 19% to the weather"; "29% named the
 * leader and 26% the incumbent"), an item in parentheses ("well ahead of
 * health (17%)"), or the other side of a comparison ("61% of renters …,
 * compared with 37% of homeowners").
 *
 * @param s - the sentence, folded
 * @param previous - the figure before, read as a share
 * @param figure - the figure
 * @example
 * const s = '27% blamed the government, 23% distributors and 19% the weather.';
 * const [a, b] = findFigures(s);
 * continuesShare(s, a, b); // => true
 */
export function continuesShare(s: string, previous: Figure, figure: Figure): boolean {
  const between = s.slice(previous.end, figure.start);
  if (between.length > 160 || /[.!?](?:\s|$)/.test(between)) return false;
  return CONTINUES.test(between);
}

/**
 * The words next to the figure say it is a share of respondents: a verb of
 * answering after it ("40% said", "the 19.8% who answered", "70% of
 * Japanese believe", "a majority (56%) said"), "of respondents" after it, a
 * quoted answer right after it ("26.4% “should be increased”"), a quoted
 * answer or a list item right before it in parentheses ("“yes” (31.0%)",
 * "the EU (37.1%), ASEAN (37.0%)"), a label ("strongly in favour: 8.2%"), or
 * an answer or opinion noun as the subject of "at"/"reached" ("support for
 * X stood at 33%").
 */
function attachedShare(
  before: string,
  after: string,
  s: string,
  figure: Figure,
  figures: readonly Figure[],
): boolean {
  const rest = after.replace(/^\s*\)/, '');
  const of = splitOfPhrase(rest);
  let tail = rest;
  if (of !== null) {
    if (of.respondents) return true;
    if (of.verbAfter) return notShareReason(of.words) === null;
    tail = of.next;
  }
  // "one in four voters said", "40% Democrats approve": people, then a verb of answering.
  const people = /^\s+((?:[\w’'-]+\s+){0,2}?)([\w’'-]+)\s+/.exec(tail);
  if (
    people !== null &&
    (RESPONDENT_NOUNS.test(`${people[1]}${people[2]}`) || isDemonym(people[2] as string)) &&
    OPINION_VERBS.test(tail.slice(people[0].length))
  )
    return true;
  // "「支持しない」は51%": a quoted answer, then a topic marker, then the figure.
  if (
    /[」』”"]\s*(?:は|が|:)\s*$/.test(before) &&
    /[「『“"][^」』”"]{1,60}[」』”"]\s*(?:は|が|:)\s*$/.test(before)
  )
    return true;
  tail = tail
    .replace(/^\s*,?\s*(?:who|that)\s+/i, ' ')
    .replace(
      /^\s*(?:(?:only|still|also|now|either|each|strongly|somewhat|generally|mostly|further|actually|even|not|never|firmly)\s+)*/i,
      '',
    );
  if (
    OPINION_VERBS.test(tail) &&
    !/^(?:are|were|had|have|has|do|does|did|will|would)\s+(?:\d|expected|projected|forecast|estimated)/i.test(
      tail,
    ) &&
    // "Mortgage rates near 6.8% are a complaint": a weak verb after a figure of something else.
    !(
      /^(?:are|were|had|have|has|do|does|did|will|would)\b/i.test(tail) &&
      notShareReason(lastWords(before, 4)) !== null
    )
  )
    return true;
  if (/^\s*[“"]/.test(after)) return true;
  // "41% in favour", "30% against", "12% undecided": an answer right after the figure.
  if (
    /^\s*(?:in favou?r|against|undecided|unsure|not sure|don[’']?t know|no opinion)\b/i.test(tail)
  )
    return true;
  if (figure.kind === 'x-in-y' || figure.kind === 'fraction') return false;
  const inParens = /\(\s*$/.test(before) && /^\s*\)/.test(after);
  if (inParens && /[”"]\s*\(\s*$/.test(before)) return true;
  if (inParens && figures.filter((f) => isListItem(s, f)).length >= 2) return true;
  if (/[\w”")]\s*:\s*$/.test(before) && /\(\s*[^()]*$/.test(before)) return true;
  const subject = before.slice(Math.max(0, before.length - 80));
  if (
    /\b(?:at|reached|to|was|of)\s+(?:only\s+|just\s+|a mere\s+|relatively\s+\w+\s+at\s+)?$/i.test(
      subject,
    )
  ) {
    const clauseStart = Math.max(subject.lastIndexOf(','), subject.lastIndexOf(';'));
    const clauseBefore = subject.slice(clauseStart + 1);
    if (/[“"][^”"]+[”"]/.test(clauseBefore) && notShareReason(clauseBefore) === null) return true;
    if (OPINION_NOUNS.test(clauseBefore) && notShareReason(clauseBefore) === null) return true;
  }
  return false;
}

/**
 * "of X …" after a figure: the words of X (one to five), whether they name
 * respondents ("of Japanese respondents", "of those in their sixties") and
 * whether a verb of answering follows them ("of Japanese believe"). Null
 * when no "of" follows.
 */
export function splitOfPhrase(
  after: string,
): { words: string; next: string; respondents: boolean; verbAfter: boolean } | null {
  const of = /^\s*of\s+/i.exec(after);
  if (of === null) return null;
  const rest = after.slice(of[0].length);
  const words = [...rest.matchAll(/[^\s,;:()]+/g)].slice(0, 5);
  let fallback: { words: string; next: string; respondents: boolean; verbAfter: boolean } | null =
    null;
  for (let k = 1; k <= words.length; k++) {
    const w = words[k - 1] as RegExpMatchArray;
    const end = (w.index as number) + w[0].length;
    const phrase = rest.slice(0, end);
    if (/[,;:()]/.test(phrase)) break;
    const next = rest
      .slice(end)
      .replace(/^\s*,?\s*(?:who|that)\s+/i, ' ')
      .trimStart();
    const verbAfter = OPINION_VERBS.test(next);
    const respondents = RESPONDENT_NOUNS.test(phrase) && notShareReason(phrase) === null;
    if (verbAfter) return { words: phrase, next, respondents, verbAfter };
    if (respondents && fallback === null)
      fallback = { words: phrase, next, respondents, verbAfter };
  }
  return fallback ?? { words: '', next: rest, respondents: false, verbAfter: false };
}

/** A figure printed as an item of a list: "X (N%)" or "label: N%". */
export function isListItem(s: string, figure: Figure): boolean {
  const before = s.slice(0, figure.start);
  const after = s.slice(figure.end);
  if (/\(\s*$/.test(before) && /^\s*\)/.test(after) && /\S\s*\(\s*$/.test(before)) return true;
  return /[\w”")]\s*:\s*$/.test(before);
}

/** "±3.2%", "plus or minus 3 points", "margin of error of 3 points". */
function isMarginOfError(s: string, figure: Figure): boolean {
  const before = s.slice(Math.max(0, figure.start - 60), figure.start);
  if (/(?:±|\+\/-|\+-|plus or minus)\s*$/i.test(before)) return true;
  return /\b(?:margin of (?:sampling )?error|sampling error|margin of error)\b[^.;]*$/i.test(
    before,
  );
}

/** The span of a range the figure is part of ("50% to 60%", "0.7–0.8 percent", "between 40% and 45%"), or null. */
function rangeAround(s: string, figure: Figure): { start: number; end: number } | null {
  const before = s.slice(0, figure.start);
  const after = s.slice(figure.end);
  const number = String.raw`\d{1,3}(?:\.\d+)?\s?(?:%|percent\b|per\s?cent\b)?`;
  const lead = new RegExp(
    String.raw`(?:(between|from)\s+)?(${number})\s?(–|—|-|to|and)\s?$`,
    'i',
  ).exec(before);
  // "would beat Duval by 56% to 44%", "won 52% to 48%": a score of two shares, not a range.
  const score = (text: string) =>
    /\b(?:by|beat|beats|won|wins|lead|leads|leading|trail|trails|favou?rs?|favou?red|ahead|edges?|tops?|topped|led)\b[^,;.%\d]{0,60}(?:,\s*)?$/i.test(
      text,
    );
  if (lead !== null && /\d/.test(lead[2] as string)) {
    if (score(before.slice(0, lead.index)) && /%|per\s?cent|percent/i.test(lead[2] as string))
      return null;
    const word = (lead[1] ?? '').toLowerCase();
    const joiner = (lead[3] as string).toLowerCase();
    if (word === 'from') return null;
    if (joiner === 'and' && word !== 'between') return null;
    if (joiner === 'to' && !/[%t]\s?$/i.test((lead[2] as string).trim()) && word !== 'between') {
      // "1 to 2%": a range only when the first number is bare.
    }
    return {
      start: lead.index + (lead[1] === undefined ? 0 : (lead[1] as string).length + 1),
      end: figure.end,
    };
  }
  const trail = /^\s?(–|—|-|to|and)\s?(\d{1,3}(?:\.\d+)?)\s?(?:%|percent\b|per\s?cent\b)/i.exec(
    after,
  );
  if (trail !== null) {
    const joiner = (trail[1] as string).toLowerCase();
    if (/\bfrom\s+(?:about\s+|around\s+)?$/i.test(before)) return null;
    if (joiner === 'to' && score(before)) return null;
    if (joiner === 'and' && !/\bbetween\s+$/i.test(before)) return null;
    return { start: figure.start, end: figure.end + trail[0].length };
  }
  return null;
}

/** The figure is inside a quoted question ("“Would you pay a 10% tax?”"). */
function insideQuestion(s: string, figure: Figure): boolean {
  const open = Math.max(s.lastIndexOf('“', figure.start), s.lastIndexOf('"', figure.start));
  if (open === -1) return false;
  const close = s.slice(figure.end).search(/[”"]/);
  if (close === -1) return false;
  const quoted = s.slice(open, figure.end + close);
  return /\?\s*$/.test(quoted);
}

function lastWords(text: string, n: number): string {
  return text.split(/\s+/).filter(Boolean).slice(-n).join(' ');
}

function firstWords(text: string, n: number): string {
  return text.split(/\s+/).filter(Boolean).slice(0, n).join(' ');
}

/** Where a clause begins and ends: at ; : ( ) and commas, and at "while", "whereas", "but". */
export function clauseAround(
  s: string,
  figure: { start: number; end: number },
): {
  start: number;
  end: number;
} {
  const boundary = /[;:()、]|,(?![”"])|\s(?:while|whereas|but)\s/g;
  let start = 0;
  let end = s.length;
  for (const m of s.matchAll(boundary)) {
    const at = m.index;
    if (at + m[0].length <= figure.start) start = at + m[0].length;
    else if (at >= figure.end) {
      end = at;
      break;
    }
  }
  return { start, end };
}

// ── Labels: the option and the question ─────────────────────────────────────

const QUOTED = /[“"「『]([^”"」』]{1,160})[”"」』]/g;

/**
 * The option a figure gives a share of, as a short phrase of the sentence:
 * the label of "label: N%"; the quoted answer or list item before "(N%)";
 * the quoted answer in the figure's clause ("42% described it as “good”");
 * else the words after the figure ("63% opposed the plan" → "opposed the
 * plan"), at most eight words.
 *
 * @param s - the sentence
 * @param figure - the figure
 * @returns the option's label
 * @example
 * const s = 'Asked about the plan, 40.5% said “yes,” while 30% opposed it.';
 * optionLabel(s, findFigures(s)[0]); // => 'yes'
 */
export function optionLabel(s: string, figure: Figure): string {
  const figures = findFigures(s);
  const at = figures.findIndex((f) => f.start === figure.start);
  const previousEnd = at > 0 ? (figures[at - 1] as Figure).end : 0;
  const nextFigure = at >= 0 ? figures[at + 1] : undefined;
  const before = s.slice(0, figure.start);
  const after = s.slice(figure.end);
  const label = /(?:^|[(,;])\s*([^(),;:]{1,60}?)\s*:\s*$/.exec(before);
  if (label !== null && /\(\s*[^()]*$/.test(before)) return clean(label[1] as string);
  // "Very expensive: 47%" on a line of its own: the label is the option.
  if (label !== null && label.index === 0 && /^\s*[.;]?\s*$/.test(after))
    return clean(label[1] as string);
  if (/\(\s*$/.test(before) && /^\s*\)/.test(after)) {
    const head = before.replace(/\s*\(\s*$/, '');
    const quoted = /[“"「『]([^”"」』]{1,160})[”"」』]\s*$/.exec(head);
    if (quoted !== null) return clean(quoted[1] as string);
    const item =
      /^.*(?:[(,;:]|\b(?:and|or|were|was|are|is|included|including|include|such as|between|followed by|ahead of|behind|than|cited|as|by)\s)\s*([^(),;:]{1,80})$/i.exec(
        head,
      );
    const phrase = item === null ? head : (item[1] as string);
    // "Nearly two-thirds of respondents (64%) said …": a quantity, not an option — the predicate is.
    if (!QUANTITY_PHRASE.test(phrase.trim())) return clean(lastWords(phrase, 8));
  }
  // A quoted answer between the figure and the next, else between the one before and it.
  const clause = clauseAround(s, figure);
  const end = Math.min(clause.end, nextFigure?.start ?? s.length);
  const start = Math.max(clause.start, previousEnd);
  const afterQuote = firstQuoted(s.slice(figure.end, end));
  if (afterQuote !== null) return afterQuote;
  const beforeQuote = lastQuoted(s.slice(start, figure.start));
  if (beforeQuote !== null) return beforeQuote;
  let rest = after.replace(/^\s*\)/, '');
  const of = splitOfPhrase(rest);
  if (of?.verbAfter) rest = of.next;
  else if (of !== null) {
    // "of those aged 65 and over.", "of homeowners who hope to move said …": the group, then the predicate.
    const group = ofGroup(rest);
    if (group !== null) {
      const at = rest.indexOf(group.split(/\s+/).pop() as string);
      rest = at === -1 ? of.next : rest.slice(at + (group.split(/\s+/).pop() as string).length);
    } else if (of.respondents) rest = of.next;
  }
  // "70% of those in their sixties and 80% of those in their seventies said …": the verb they share.
  if (of?.respondents && !of.verbAfter && nextFigure !== undefined) {
    const between = s.slice(figure.end, nextFigure.start);
    if (/\b(?:and|or)\s+(?:\w+\s+){0,3}$/i.test(between) && !/[,;]/.test(between))
      return optionLabel(s, nextFigure);
  }
  rest = rest.replace(/^\s*,?\s*(?:who|that)\s+/i, '');
  const stop = rest.search(
    /[,;:()–—]|\s(?:while|whereas|but|compared)\b|\s(?:and|or)\s+(?:\w+\s+){0,2}\d|(?<!\b\p{Lu})[.!?](?:\s|$)/u,
  );
  const phrase = stop === -1 ? rest : rest.slice(0, stop);
  const words = clean(firstWords(phrase, 8));
  if (
    words !== '' &&
    !/^of\b/i.test(words) &&
    !isTimeOnly(words) &&
    // "in the latest Kanto Shimpo poll", "according to a survey": the survey, not an option.
    !/^(?:in|according to|from|by|for)\b.*\b(?:poll|survey|study|tracker|wave|barometer)s?\b/i.test(
      words,
    )
  )
    return words;
  // "61% support the plan, compared with 37% of homeowners", "48% back it, down from 55% in January":
  // the other side of a comparison is the same option.
  const previous = at > 0 ? (figures[at - 1] as Figure) : undefined;
  if (
    previous !== undefined &&
    (COMPARED_BEFORE.test(before) || TREND_FROM.test(before)) &&
    !/[.;]/.test(s.slice(previous.end, figure.start))
  )
    return optionLabel(s, previous);
  // "“X” was the second most popular response, chosen by 33.7%": the answer quoted earlier.
  const earlier = lastQuoted(s.slice(previousEnd, figure.start));
  if (earlier !== null && s.slice(previousEnd, figure.start).split(/\s+/).length <= 30)
    return earlier;
  // "The mayor's approval rating is 52 per cent": the subject.
  const subject = subjectOf(s.slice(clause.start, figure.start));
  if (subject !== '') return subject;
  // "… put support lower, at 44%": an opinion noun of the clause before.
  const noun = [...s.slice(0, clause.start).matchAll(new RegExp(OPINION_NOUNS.source, 'gi'))].pop();
  return noun !== undefined ? noun[0].toLowerCase() : clean(s.slice(figure.start, figure.end));
}

/** A quantity in words before a printed figure: "Nearly two-thirds of respondents", "a majority", "About a quarter". */
const QUANTITY_PHRASE =
  /^(?:(?:nearly|almost|about|around|roughly|some|just|over|under|more than|less than|fewer than|close to|well over|barely|only|a bare)\s+)?(?:an?\s+|the\s+)?(?:(?:slim|clear|narrow|large|big|small|solid|overwhelming)\s+)?(?:majority|minority|plurality|most|half|third|thirds|quarter|quarters|fifths?|tenths?|(?:one|two|three|four|five|six|seven|eight|nine|\d)\s+(?:in|out of)\s+(?:two|three|four|five|six|seven|eight|nine|ten|\d+)|two-thirds|three-quarters)\b(?:\s+(?:of\s+)?[\p{L}’'-]+){0,3}$/iu;

/** The words are only a time ("in January", "last month"). */
function isTimeOnly(words: string): boolean {
  const m = TIME_AFTER.exec(` ${words}`);
  return m !== null && m[0].trim().length === words.trim().length;
}

/**
 * The subject of "<subject> is/stood at/rose to <figure>", without its verb
 * and article: "The mayor's approval rating is" → "mayor's approval
 * rating"; "Harbour is on" → "Harbour"; "Trust in TV news was flat at" →
 * "Trust in TV news". Empty when nothing is left.
 *
 * @example
 * subjectOf("The mayor's approval rating is "); // => "mayor's approval rating"
 */
export function subjectOf(text: string): string {
  const words = clean(lastWords(text, 10))
    .replace(
      /(?:\s+(?:is|was|are|were|has been|have been|had been|stood|stands|stayed|stays|remained|remains|rose|risen|fell|fallen|climbed|dropped|slipped|reached|hit|held|came|comes|sat|sits|edged up|edged down|slips|slipped|put|puts))?(?:\s+(?:flat|steady|unchanged|little changed|lower|higher))?(?:\s+(?:at|to|on|around|near|of))?(?:\s+(?:only|just|a mere|about|around|nearly|some|roughly|almost))?\s*$/i,
      '',
    )
    .replace(/^(?:(?:the|a|an|its|their|his|her|our)\s+)/i, '')
    .trim();
  return /^(?:at|to|on|of|in|is|was|and|or|with|by|from)?$/i.test(words) ? '' : clean(words);
}

/** The first quoted phrase of a text that is not itself a number, cleaned; null if none. */
function firstQuoted(text: string): string | null {
  for (const m of text.matchAll(QUOTED)) {
    const t = m[1] as string;
    if (!/^\s*\d/.test(t) && !/\?\s*$/.test(t)) return clean(t);
  }
  return null;
}

function lastQuoted(text: string): string | null {
  let found: string | null = null;
  for (const m of text.matchAll(QUOTED)) {
    const t = m[1] as string;
    if (!/^\s*\d/.test(t) && !/\?\s*$/.test(t)) found = clean(t);
  }
  return found;
}

/**
 * A question the sentence quotes: "the question “What should Japan do?”".
 * Null when it quotes none.
 *
 * @example
 * quotedQuestion('The top answer to “Should the park open?” was yes, at 40%.');
 * // => 'Should the park open?'
 */
export function quotedQuestion(s: string): string | null {
  for (const m of s.matchAll(QUOTED)) {
    const t = (m[1] as string).trim();
    if (/\?$/.test(t) && t.split(/\s+/).length >= 3) return t;
  }
  return null;
}

/** The sentence says its answer follows the one before ("the second most popular response"). */
export function continuesQuestion(s: string): boolean {
  return /\b(?:second|third|fourth|fifth|next|least)\s+most\s+(?:popular|common|frequent|frequently cited|cited|chosen)\s+(?:response|answer|choice|option|reason)\b/i.test(
    s,
  );
}

function clean(text: string): string {
  return text
    .replace(/\[\d{1,3}\]/g, '')
    .replace(/\s+/g, ' ')
    .replace(/^[\s,;:“"'‘]+|[\s,;:.”"'’]+$/g, '')
    .trim();
}

/** Words that open a sentence without saying what it is about. */
const CONNECTIVES =
  /^(?:(?:however|furthermore|moreover|meanwhile|conversely|additionally|also|in addition|on the other hand|likewise|similarly|at the same time|overall|finally|first|second|third|still|yet|and|but|nevertheless|in contrast|by contrast|notably|in particular|specifically|for example|for instance)\b,?\s*)+/i;

/**
 * The topic a sentence names before its figures: "Regarding X,", "As for
 * X,", "On X,", "Concerning X,", "Asked about X,", "Looking ahead to X,";
 * or the words that introduce a list ("Reasons for support included …" →
 * "Reasons for support"). Null when there is none before `figureStart`.
 *
 * @param s - the sentence
 * @param figureStart - where the first figure of the question begins
 * @returns the topic, or null
 * @example
 * questionLeadIn('However, regarding the new park, 40% approved.', 40); // => 'the new park'
 */
export function questionLeadIn(s: string, figureStart: number, listItem = false): string | null {
  const head = s.slice(0, figureStart);
  const opening = CONNECTIVES.exec(head)?.[0].length ?? 0;
  const body = head.slice(opening);
  const lead =
    /^(?:regarding|as for|as to|on|concerning|with regard to|with respect to|when asked(?: about| whether| if)?|asked(?: about| whether| if)?|on the question of(?: whether)?|on the issue of|looking ahead to|in terms of|turning to)\s+/i.exec(
      body,
    );
  if (lead !== null) {
    const rest = body.slice(lead[0].length);
    // The topic runs to the last comma before the answers ("among Japan, the U.S., and Korea,").
    const firstQuote = rest.search(/[“"]/);
    let comma = lastCommaAtDepthZero(firstQuote === -1 ? rest : rest.slice(0, firstQuote));
    if (comma > 80) comma = commaAtDepthZero(rest);
    if (comma !== -1) return clean(rest.slice(0, comma));
  }
  if (!listItem) return null;
  const verb =
    /\s(?:included|include|includes|including|were|was|are|is|such as|cited|followed by)\s*:?\s/i.exec(
      body,
    );
  if (verb !== null) {
    const intro = body.slice(0, verb.index);
    if (
      intro.length >= 3 &&
      intro.length <= 140 &&
      !/\d/.test(intro) &&
      commaAtDepthZero(intro) === -1
    )
      return clean(intro);
  }
  return null;
}

function lastCommaAtDepthZero(text: string): number {
  let depth = 0;
  let last = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c === ',' && depth === 0) last = i;
  }
  return last;
}

function commaAtDepthZero(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c === ',' && depth === 0) return i;
  }
  return -1;
}

/**
 * A subgroup the figure is of: "of those in their sixties", "of those aged
 * 18 to 29", "among women", "of younger people". Null for the whole sample.
 *
 * @param s - the sentence
 * @param figure - the figure
 * @returns the subgroup as printed, and its kind (`age`, `gender`, `group`), or null
 * @example
 * const s = 'Over 70% of those in their sixties agreed.';
 * groupOf(s, findFigures(s)[0]); // => { value: 'in their sixties', dim: 'age' }
 */
export function groupOf(s: string, figure: Figure): Subgroup | null {
  const after = s.slice(figure.end);
  const before = s.slice(0, figure.start);
  const clause = clauseAround(s, figure);
  let value: string | null = null;
  // "Of the 296 voters under 35 in the sample, 66% said": a subgroup with its count, for the sentence.
  const counted = COUNTED_GROUP.exec(before);
  if (counted !== null) {
    const v = clean(stripSampleTail(counted[2] as string));
    return {
      value: v,
      dim: dimOf(v),
      n: Number((counted[1] as string).replace(/,/g, '')),
      lead: true,
    };
  }
  // "Women were more likely than men to say so (51% against 39%)".
  const likely = likelierGroups(s, figure);
  if (likely !== null) return { value: likely, dim: dimOf(likely) };
  // "lower among people aged 35 to 64 (21 per cent) than among those aged 65 and over (30 per cent)".
  const beforeParen =
    /\b(?:among|for)\s+([^,;()]{2,60}?)\s*\(\s*(?:about\s+|nearly\s+|around\s+)?$/i.exec(before);
  if (beforeParen !== null && !namesWholeSample(beforeParen[1] as string)) {
    const v = clean(
      (beforeParen[1] as string).replace(
        /^(?:people|those|respondents|adults)\s+(?=aged|in their|over|under)/i,
        '',
      ),
    );
    return { value: v, dim: dimOf(v) };
  }
  // "while men favor Keller 50% to 39%": the clause's subject, a group of people, and its verb.
  const lastClause = before.split(/[,;:]|\b(?:while|whereas|but)\b/).pop() ?? '';
  const subject =
    /^\s*(?:and\s+)?((?:[\p{L}\d][\p{L}\d’'-]*\s+){0,3}?[\p{L}][\p{L}’'-]*)\s+(\p{Ll}+)\b/u.exec(
      lastClause,
    );
  if (
    subject !== null &&
    OPINION_VERBS.test(subject[2] as string) &&
    !/^(?:are|were|is|was|had|have|has|do|does|did|will|would)$/i.test(subject[2] as string) &&
    peopleWords(subject[1] as string) &&
    !namesWholeSample(subject[1] as string) &&
    !/^(?:they|we|you|it|he|she|who|that|which|this|these)$/i.test(subject[1] as string)
  ) {
    const v = clean(subject[1] as string);
    return { value: v, dim: dimOf(v) };
  }
  // "Support was highest in Chennai, at 74 per cent".
  const place =
    /\b(?:in|among)\s+(\p{Lu}[\p{L}.’'-]*(?:\s+\p{Lu}[\p{L}.’'-]*)*)\s*,\s*(?:at|with)\s+(?:about\s+|around\s+|just\s+|only\s+)?$/u.exec(
      before,
    );
  if (place !== null) return { value: place[1] as string, dim: 'group' };
  // "Adults under 30 are less worried: 38% of them say …": "them" is the sentence's subject.
  if (
    /^\s*of\s+(?:them|those)\b(?!\s+(?:\d|who|aged|in|over|under|between|from|with|living|age))/i.test(
      after,
    )
  ) {
    const subject =
      /^\s*((?:[\p{L}\d][\p{L}\d’'-]*\s+){0,5}?[\p{L}\d][\p{L}\d’'-]*)\s+(?:are|were|is|was|have|had|seem|seemed|appear|appeared)\b[^.;]*[:;,]\s*(?:\S+\s+){0,2}$/u.exec(
        before,
      );
    const g = subject === null ? null : (subject[1] as string).trim();
    if (g !== null && peopleWords(g) && !namesWholeSample(g)) return { value: g, dim: dimOf(g) };
  }
  const those =
    /^\s*of\s+(?:those|people|respondents|voters|adults)\s+((?:(?:aged|in their|over|under|between|who are|from|living in|age)\s+|\d{2}\s+(?=(?:and|or)\s+(?:older|over|above|younger|under)\b))[^,;()]+?)(?=\s+(?:(?:and|or)(?!\s+(?:over|older|above|under|younger|below)\b)|\w+ed|\w+ing|said|say|agree|believe|think|support|oppose|favou?r|were|are|view\w*)\b|[,;()]|$)/i.exec(
      after,
    );
  if (those !== null) value = those[1] as string;
  const plain =
    /^\s*of\s+((?:younger|older|young|old|elderly)\s+(?:people|respondents|voters|adults|japanese|americans)|women|men|female respondents|male respondents)\b/i.exec(
      after,
    );
  if (value === null && plain !== null) value = plain[1] as string;
  if (value === null) {
    const of = ofGroup(after);
    if (of !== null && !namesWholeSample(of))
      value = of.replace(/^(?:in|from|living in)\s+(?=\p{Lu})/u, '');
  }
  // "Among renters, 61% …", "61% among renters": not "cooperation among Japan, the U.S. …".
  const among =
    /(?:^|[,;:(]\s*|\b(?:and|while|but|whereas|that|found|finds|shows?|showed)\s+|\d\s?(?:%|percent|per\s?cent)\s+)among\s+([^,;()]{2,60}?)(?=[,;()]|\s+(?:\d|with|the)\b|$)/i.exec(
      s.slice(Math.max(0, clause.start - 60), clause.end),
    );
  let lead = false;
  if (value === null && among !== null && !namesWholeSample((among[1] as string).trim())) {
    value = among[1] as string;
    lead = !/\d\s?(?:%|percent|per\s?cent)\s+among\b/i.test(among[0]);
  }
  if (value === null) return null;
  const v = clean(value);
  return lead ? { value: v, dim: dimOf(v), lead } : { value: v, dim: dimOf(v) };
}

/**
 * A subgroup a figure is of: its words as printed, its kind (`age`,
 * `gender`, `group`), its count when the text gives one, and whether it
 * opens the sentence ("Among women, …", "Of the 412 parents, …"), so that
 * the figures after it in the sentence are of it too unless they name
 * their own.
 */
export interface Subgroup {
  value: string;
  dim: string;
  n?: number;
  lead?: boolean;
}

/** The words name people: a word for respondents, a demonym, or a plural (or "men", "women", "people"). */
function peopleWords(phrase: string): boolean {
  const words = phrase.split(/\s+/).slice(0, 4);
  return (
    RESPONDENT_NOUNS.test(phrase) ||
    words.some(
      (w) =>
        isDemonym(w) ||
        /^(?:men|women|people|children|youth|elderly|public|staff|everyone|those|them)$/i.test(w) ||
        /\p{Ll}{2,}(?:s|ers|ists|ians|ees|olds)$/u.test(w),
    )
  );
}

/**
 * "A were more likely than B to … (X% against Y%)": the group of X is A, of Y is B.
 *
 * @example
 * const s = 'Women were more likely than men to agree (51% against 39%).';
 * likelierGroups(s, findFigures(s)[1]); // => 'men'
 */
export function likelierGroups(s: string, figure: Figure): string | null {
  const m =
    /(?:^|[.;:]\s*)((?:\p{L}[\p{L}\d’'-]*\s+){0,4}?\p{L}[\p{L}\d’'-]*)\s+(?:were|are|was|is)\s+(?:much\s+|far\s+|slightly\s+|somewhat\s+|twice as\s+)?(?:more|less)\s+likely\s+than\s+((?:\p{L}[\p{L}\d’'-]*\s+){0,4}?\p{L}[\p{L}\d’'-]*)\s+to\b[^()]*\(\s*([^()]*)\)/u.exec(
      s,
    );
  if (m === null) return null;
  const open = m.index + m[0].lastIndexOf('(');
  const close = m.index + m[0].length;
  const figures = findFigures(s).filter((f) => f.start > open && f.end < close);
  if (figures.length !== 2) return null;
  const at = figures.findIndex((f) => f.start === figure.start);
  if (at === -1) return null;
  return clean((at === 0 ? m[1] : m[2]) as string);
}

/** A subgroup's kind by its words: `age`, `gender`, else `group`. */
function dimOf(v: string): string {
  return /\b(?:age[ds]?|aged|\d+s|teens|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties|young|younger|old|older|elderly|years? old|year-olds?|generation|under \d+|over \d+)\b/i.test(
    v,
  )
    ? 'age'
    : /\b(?:women|men|male|female|gender)\b/i.test(v)
      ? 'gender'
      : 'group';
}

/** "Of the 296 voters under 35 in the sample, ", "Among the 412 renters surveyed, " right before a figure. */
const COUNTED_GROUP =
  /\b(?:of|among|for)\s+(?:the|these|those|its|their)\s+(\d{1,3}(?:,\d{3})+|\d{2,7})\s+([^,;()\d][^,;()]{1,80}?)\s*,\s*(?:(?:about|nearly|some|just|only|over|almost|roughly|around|more than|fewer than|less than)\s+)?$/i;

/** "in the sample", "surveyed", "polled" at the end of a group's words: they say nothing of the group. */
function stripSampleTail(text: string): string {
  return text
    .replace(/\s+(?:in|of) (?:the|this|our|its) (?:sample|survey|poll|study)\b/gi, '')
    .replace(/\s+(?:surveyed|polled|questioned|interviewed|asked|sampled)\s*$/i, '')
    .trim();
}

/** Whole-sample words: "respondents", "voters", "likely voters", "those surveyed", "them". */
const SAMPLE_PHRASE =
  /^(?:(?:all|the|those|these|its|their)\s+)*(?:(?:likely|registered|eligible|adult|all)\s+)?(?:respondents|people|persons|adults|voters|citizens|residents|participants|interviewees|public|electorate|sample|those|them|everyone|all|us)(?:\s+(?:surveyed|polled|asked|questioned|interviewed))?$/i;

/**
 * Whether the words of an "of …" phrase name the whole sample: "respondents",
 * "those surveyed", "Lakeview's respondents", "Japanese respondents",
 * "Canadians" (a demonym names the people a poll samples; when the survey
 * has samples by place, {@link partOf} reads the place).
 *
 * @example
 * namesWholeSample("Lakeview's respondents"); // => true
 * namesWholeSample('homeowners'); // => false
 */
export function namesWholeSample(phrase: string): boolean {
  let p = phrase
    .trim()
    .replace(/^(?:the\s+)?(?:[\p{Lu}][\p{L}.&-]*\s+)*[\p{Lu}][\p{L}.&-]*[’']s\s+/u, '')
    .replace(/^(?:the\s+)?(?:poll|survey|study)[’']s\s+/i, '');
  // "respondents who said they did not know": the answer, of the whole sample; but "those who
  // walk or cycle", "residents who drive to work" are groups.
  p = p.replace(
    /^((?:all\s+|the\s+|those\s+)*(?:respondents|people|adults|voters|those|participants|residents))\s+(?:who|that)\s+(?:(?:also|either|then)\s+)?(?:said|say|says|answered|responded|replied|told|chose|picked|selected|named|cited|gave|indicated|reported|opted|expressed)\b.*$/i,
    '$1',
  );
  const words = p.split(/\s+/);
  while (words.length > 1 && isDemonym(words[0] as string)) words.shift();
  p = words.join(' ');
  return SAMPLE_PHRASE.test(p) || (words.length === 1 && isDemonym(p));
}

/**
 * The words of the "of …" phrase right after a figure, up to its verb:
 * "of homeowners in the poll who hope to move said …" → "homeowners who hope
 * to move"; "of 18–24-year-olds said" → "18–24-year-olds". A verb right
 * after "who" or "that" belongs to the phrase. Null when no "of" follows or
 * the phrase runs past eight words.
 *
 * @example
 * ofGroup(' of homeowners in the poll who hope to move said rates were high');
 * // => 'homeowners who hope to move'
 */
export function ofGroup(after: string): string | null {
  const m = /^\s*\)?\s*of\s+/i.exec(after);
  if (m === null) return null;
  const rest = after.slice(m[0].length);
  const stop = rest.search(/[,;:()“”"]|[.!?](?:\s|$)/);
  const region = stop === -1 ? rest : rest.slice(0, stop);
  const tokens = [...region.matchAll(/\S+/g)];
  let end = region.length;
  for (let k = 1; k < tokens.length; k++) {
    const w = (tokens[k] as RegExpMatchArray)[0];
    const prev = (tokens[k - 1] as RegExpMatchArray)[0];
    if (OPINION_VERBS.test(w) && !/^(?:who|that|which)$/i.test(prev)) {
      end = (tokens[k] as RegExpMatchArray).index as number;
      break;
    }
  }
  const phrase = stripSampleTail(
    region
      .slice(0, end)
      .replace(/\[\d{1,3}\]/g, '')
      .trim()
      .replace(
        /(?:\s+(?:somewhat|greatly|strongly|very|mostly|generally|still|also|now|either|actually|even|not|never|firmly|only|largely|broadly|fully|totally|completely|partly|overwhelmingly|narrowly|clearly)(?:\s+(?:or|and)(?=\s))?)+$/i,
        '',
      ),
  );
  if (phrase === '' || phrase.split(/\s+/).length > 8) return null;
  // "of the first-round vote": a share of something, not of a group of people.
  if (!peopleWords(phrase) && !/^(?:in|from|living in)\s+\p{Lu}/u.test(phrase)) return null;
  return phrase;
}

/**
 * The sample of a survey with samples by place ("4,122 total (Germany:
 * 2,004; France: 2,118)") that a figure is of: a place or its people next
 * to the figure — "57% of German respondents", "41% of the French", "In
 * Germany, 33% …", "…; in France, 46% do", "44% in Japan". Null when the
 * words next to the figure name none (a place elsewhere in the sentence,
 * "Regarding the U.S., 60% …", is a topic, not a sample).
 *
 * @param s - the sentence, folded
 * @param figure - the figure
 * @param labels - the samples' labels, as printed
 * @returns the label of the sample, or null
 * @example
 * const s = 'In Germany, 33% support it; in France, 46% do.';
 * partOf(s, findFigures(s)[1], ['Germany', 'France']); // => 'France'
 */
export function partOf(s: string, figure: Figure, labels: readonly string[]): string | null {
  const find = (text: string): string | null => {
    for (const word of text.match(/[\p{Lu}][\p{L}.’'-]*(?:\s+[\p{Lu}][\p{L}.’'-]*)?/gu) ?? []) {
      for (const label of labels) {
        if (placeMatches(word, label)) return label;
        const first = word.split(/\s+/)[0] as string;
        if (first !== word && placeMatches(first, label)) return label;
      }
    }
    return null;
  };
  const of = ofGroup(s.slice(figure.end));
  if (of !== null && of.split(/\s+/).length <= 3) {
    const p = find(
      of.replace(/^(?:the|those|respondents|people|adults|voters)\s+(?:in|from)\s+/i, ''),
    );
    if (p !== null) return p;
  }
  // "Two-thirds of Koreans (66%)": the place before the printed figure.
  const ofBefore =
    /\bof\s+(?:the\s+)?(\p{Lu}[\p{L}.’'-]*(?:\s+\p{Lu}[\p{L}.’'-]*)?)(?:\s+(?:respondents|adults|people))?\s*\(\s*$/u.exec(
      s.slice(0, figure.start),
    );
  if (ofBefore !== null) {
    const p = find(ofBefore[1] as string);
    if (p !== null) return p;
  }
  const lead =
    /(?:^|[;,]\s*|\band\s+|\bwhile\s+)(?:[Ii]n|[Aa]mong|[Ff]or)\s+(?:the\s+)?(\p{Lu}[\p{L}.’' -]{1,40}?)\s*,\s*(?:(?:[Aa]bout|[Nn]early|[Ss]ome|[Jj]ust|[Oo]nly|[Oo]ver|[Aa]lmost|[Rr]oughly|[Aa]round)\s+)?$/u.exec(
      s.slice(0, figure.start),
    );
  if (lead !== null) {
    const p = find(lead[1] as string);
    if (p !== null) return p;
  }
  const inAfter =
    /^\s*(?:in|among)\s+(?:the\s+)?([\p{Lu}][\p{L}.’'-]*(?:\s+[\p{Lu}][\p{L}.’'-]*)?)/u.exec(
      s.slice(figure.end),
    );
  return inAfter === null ? null : find(inAfter[1] as string);
}

/**
 * A figure of all the samples together: "Across both countries, 68% …",
 * "overall", "combined", "in all three countries".
 *
 * @example
 * const s = 'Across both countries, 68% want a cap.';
 * isPooled(s, findFigures(s)[0]); // => true
 */
export function isPooled(s: string, figure: Figure): boolean {
  const clause = clauseAround(s, figure);
  const near = s.slice(Math.max(0, clause.start - 60), clause.end);
  return /\b(?:across|in|for)\s+(?:both|all|the two|the three|all (?:two|three|four|five|\d+))\s+(?:of the\s+)?(?:countries|nations|markets|regions|samples|surveys|states|provinces|territories|cities)\b|\b(?:combined|overall|in total|all respondents|the total sample|the full sample)\b/i.test(
    near,
  );
}

/**
 * A sentence that opens with the respondents a follow-up was asked of: "Of
 * those who were dissatisfied, 71% cited …", "Among respondents who oppose
 * the plan, …". Its figures are shares of an unstated number.
 *
 * @example
 * opensFollowUp('Of those who were dissatisfied, 71% cited waiting times.'); // => true
 */
export function opensFollowUp(s: string): boolean {
  return /^\W*(?:of|among|for)\s+(?:those|the\s+(?:respondents|people|voters|adults|ones)|respondents|people|voters|adults)\s+(?:who|that|which)\b[^,;]*,/i.test(
    s,
  );
}

/**
 * Samples stated side by side in prose: "interviewed 1,008 South Koreans and
 * 1,012 Japanese adults", "500 teachers and 700 parents". Each is a sample
 * of its own, with its n; none is the survey's n. Null for one sample.
 *
 * @example
 * samplesInProse('It interviewed 1,008 South Koreans and 1,012 Japanese adults.');
 * // => [{ label: 'South Koreans', n: 1008 }, { label: 'Japanese adults', n: 1012 }]
 */
export function samplesInProse(s: string): { label: string; n: number }[] | null {
  const re = new RegExp(
    String.raw`(?<![$€£¥\d.,])${COUNT}\s+((?:\p{L}[\p{L}.’'-]*\s+){0,2}(?:${SAMPLE_NOUNS}|\p{Lu}[\p{L}.’'-]*))(?![\p{L}])`,
    'gu',
  );
  const direct = sampleSizes(s).filter((x) => x.kind === 'direct');
  const found = [...s.matchAll(re)]
    .filter((m) => direct.some((x) => x.start === m.index))
    .filter(
      (m) =>
        isDemonym((m[2] as string).split(/\s+/)[0] as string) ||
        new RegExp(`(?:${SAMPLE_NOUNS})$`, 'i').test(m[2] as string),
    );
  for (let i = 0; i + 1 < found.length; i++) {
    const a = found[i] as RegExpMatchArray;
    const b = found[i + 1] as RegExpMatchArray;
    const between = s.slice((a.index as number) + a[0].length, b.index as number);
    if (!/^\s*(?:,\s*)?(?:and|as well as|plus)\s+$/i.test(between)) continue;
    const parts = [a, b].map((m) => ({
      label: clean(m[2] as string),
      n: toNumber(m[1] as string),
    }));
    if (
      (parts[0] as { label: string }).label.toLowerCase() ===
      (parts[1] as { label: string }).label.toLowerCase()
    )
      continue;
    return parts;
  }
  return null;
}

/** Whether a question label names a follow-up asked of some respondents ("Reasons for …"). */
export function isFollowUp(question: string): boolean {
  return /\b(?:reasons?|why)\b|\bamong (?:those|respondents) who\b|\bof those who\b/i.test(
    question,
  );
}

// ── The survey: who, when, how many, how ───────────────────────────────────

/** A survey the sentence names or mentions. */
export interface SurveyMention {
  start: number;
  end: number;
  /** Who ran it, as printed ("University of Tokyo", "JX Press"). */
  organization: string | null;
  /** Its name, when it has one ("First Public Perception Survey"). */
  name: string | null;
  /** "another poll", "a separate survey": a survey other than the one before. */
  another: boolean;
}

const ORG_WORD = /^\p{Lu}[\p{L}\p{N}.&’'–-]*$/u;
/** Capitalised words a survey's name may hold that are no organisation ("the First … Survey"). */
const NAME_WORD =
  /^(?:First|Second|Third|Fourth|Fifth|Annual|National|New|Joint|Global|International)$/;
/** Words between an article and a name that belong to neither ("the first … Survey"). */
const SKIPPED =
  /^(?:first|second|third|fourth|fifth|latest|new|annual|recent|national|joint|\d{4})$/;
const ORG_JOINER = /^(?:of|for|and|&|de|du|on|the)$/;
const NOT_ORG = new RegExp(
  `^(?:${MONTHS}|\\d{4}|Recent|New|Latest|Annual|Monthly|Weekly|Quarterly|National|Nationwide|Online|Telephone|Joint|Separate|Another|Earlier|Later|Previous|Same|This|That|The|A|An|Our|Its|Their|First|Second|Third|Survey|Poll|Study|Strained|In|According|Meanwhile|Likewise|These|Those|Also|However|Two|Three|Four|Five|Both|Several|Many|Most|Some|All|Few|Multiple|Various|Other|Each|Every|No)$`,
  'i',
);
const SURVEY_NOUN = /^(survey|poll|study|barometer|tracker)s?$/i;
/** Lower-case words between a pollster's name and "poll": "the Kanto Shimpo nationwide poll". */
const DESCRIPTOR =
  /^(?:nationwide|national|statewide|telephone|phone|online|web|internet|opinion|monthly|weekly|daily|tracking|quarterly|annual|public|exit|snap|regular|omnibus|panel|household|mail|postal|latest|new|recent|face-to-face|random|representative)$/;

/**
 * The surveys a sentence names: "a University of Tokyo survey", "a March
 * 2025 poll by the Asahi Shimbun", "a survey conducted by X and JX Press",
 * "API conducted the first … Survey", "according to a Gallup poll",
 * "another poll". A survey mentioned without a name ("the survey") is not
 * returned: it is the one named before.
 *
 * @param s - the sentence
 * @returns the mentions, by position
 * @example
 * surveyMentions('A March 2025 poll by the conservative Daily Planet found…')[0]?.organization;
 * // => 'Daily Planet'
 */
export function surveyMentions(s: string): SurveyMention[] {
  const tokens = [...s.matchAll(/[\p{L}\p{N}][\p{L}\p{N}.&’'–-]*|[,;:()]/gu)].map((m) => ({
    text: /^(?:\p{Lu}\.)+$/u.test(m[0]) ? m[0] : m[0].replace(/[.’']+$/, ''),
    start: m.index,
    end: m.index + (m[0] as string).length,
  }));
  const found: SurveyMention[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as (typeof tokens)[number];
    let noun = SURVEY_NOUN.test(token.text);
    let gluedStem: string | null = null;
    // "Shimbunpoll": a name and "poll" with the space lost.
    const glued = /^(\p{Lu}\p{Ll}+)(poll|survey)$/u.exec(token.text);
    if (!noun && glued !== null) {
      noun = true;
      gluedStem = glued[1] as string;
    }
    if (!noun) continue;
    // Words before: a name or an organisation ("a University of Tokyo survey").
    const run: string[] = gluedStem === null ? [] : [gluedStem];
    let j = i - 1;
    // "the Kanto Shimpo nationwide poll": descriptors between the name and the noun.
    let k = j;
    while (k >= 0 && DESCRIPTOR.test((tokens[k] as (typeof tokens)[number]).text)) k--;
    if (k < j && k >= 0 && ORG_WORD.test((tokens[k] as (typeof tokens)[number]).text)) j = k;
    while (j >= 0) {
      const t = (tokens[j] as (typeof tokens)[number]).text;
      if (ORG_WORD.test(t) && !NOT_ORG.test(t)) run.unshift(t);
      else if (NAME_WORD.test(t) && run.length > 0) run.unshift(t);
      else if (
        ORG_JOINER.test(t) &&
        run.length > 0 &&
        j > 0 &&
        ORG_WORD.test((tokens[j - 1] as (typeof tokens)[number]).text)
      )
        run.unshift(t);
      else break;
      j--;
    }
    while (run.length > 0 && ORG_JOINER.test(run[0] as string)) run.shift();
    while (j >= 0 && run.length > 0 && SKIPPED.test((tokens[j] as (typeof tokens)[number]).text))
      j--;
    const article = j >= 0 ? (tokens[j] as (typeof tokens)[number]).text.toLowerCase() : '';
    const capitalNoun = /^[A-Z]/.test(token.text) && gluedStem === null;
    let name: string | null = null;
    let organization: string | null = null;
    if (
      run.length > 0 &&
      capitalNoun &&
      j >= 0 &&
      /^(?:the|a|an|its|their|our|this)$/i.test(article)
    ) {
      name = `${run.join(' ')} ${token.text}`;
    } else if (run.length > 0 && !capitalNoun) {
      organization = run.join(' ').replace(/’s$|'s$/, '');
    }
    // Words after: "by the progressive Asahi Shimbun", "conducted by our website and JX Press".
    const after = s.slice(token.end);
    const by =
      /^\s*,?\s+(?:(?:conducted|carried out|commissioned|fielded|run|published|released|done)\s+)?(?:jointly\s+)?(?:by|from)\s+([^,;:()]{2,80})/i.exec(
        after,
      );
    if (organization === null && by !== null) organization = firstOrganization(by[1] as string);
    // "The survey of 2,000 UK adults, carried out online by Northgate Research, …".
    const later =
      /^[^.;]{0,80}?\b(?:conducted|carried out|commissioned|fielded|run|done)\s+(?:online\s+|by (?:tele)?phone\s+|jointly\s+)?by\s+([^,;:()]{2,80})/i.exec(
        after,
      );
    if (organization === null && by === null && later !== null)
      organization = firstOrganization(later[1] as string);
    // Words before a verb: "API conducted the first … Survey".
    if (organization === null && name !== null && j >= 0) {
      const head = s.slice(0, (tokens[j] as (typeof tokens)[number]).start);
      const verb =
        /(?:^|[.;]\s*|\band\s+)((?:[A-Z][\w.&’'-]*\s+){0,5}?[A-Z][\w.&’'-]*)\s+(?:has\s+|have\s+)?(?:conducted|carried out|commissioned|fielded|ran|released|published)\s+$/.exec(
          head,
        );
      if (verb !== null) organization = (verb[1] as string).trim();
    }
    const another =
      /^(?:another|separate|second|different|earlier|later|previous)$/i.test(
        j >= 0 ? (tokens[j] as (typeof tokens)[number]).text : '',
      ) ||
      /\b(?:another|a separate|a second|a different|an earlier|a later|a previous)\s+(?:\w+\s+)?$/i.test(
        s.slice(0, token.start),
      );
    if (organization === null && name === null && !another) continue;
    const start =
      run.length > 0 && gluedStem === null
        ? (tokens[j + 1] as (typeof tokens)[number]).start
        : token.start;
    found.push({ start, end: token.end, organization, name, another });
  }
  return found;
}

/** The first run of capitalised words in `text` (joined by "and" to a second). */
function firstOrganization(text: string): string | null {
  const cut = text.split(
    /\s+(?:between|in|on|from|among|of \d|during|with|found|showed|shows|revealed|reveals|suggests?|indicated?|conducted|carried|published|released|which|that|who|after|before|since|last|this|earlier)\b/,
  )[0] as string;
  const words = cut.split(/\s+/).filter(Boolean);
  const runs: string[][] = [];
  let current: string[] = [];
  for (const w of words) {
    const word = w.replace(/[.,]$/, '');
    if (ORG_WORD.test(word) && !NOT_ORG.test(word)) current.push(word);
    else if (ORG_JOINER.test(word) && current.length > 0 && word !== 'and') current.push(word);
    else if (word === 'and' && current.length > 0) {
      runs.push(current);
      current = [];
      runs.push(['and']);
    } else if (current.length > 0) {
      runs.push(current);
      current = [];
    }
  }
  if (current.length > 0) runs.push(current);
  const named = runs.filter((r) => r[0] !== 'and');
  if (named.length === 0) return null;
  const first = named[0] as string[];
  while (first.length > 0 && ORG_JOINER.test(first[first.length - 1] as string)) first.pop();
  const i = runs.indexOf(first);
  const joined =
    runs[i + 1]?.[0] === 'and' && runs[i + 2] !== undefined
      ? `${first.join(' ')} and ${(runs[i + 2] as string[]).join(' ')}`
      : first.join(' ');
  return joined === '' ? null : joined;
}

/** A sample size the sentence states, and how. */
export interface SampleSize {
  n: number;
  start: number;
  end: number;
  /**
   * `direct`: "n = 1,037", "1,037 respondents", "a survey of 1,000 adults"; `total`: "4,122 total (…)";
   * `group`: a subgroup's count ("Of the 296 voters under 35, …"); `issued`: the sample drawn or
   * contacted, not the interviews ("mailed to 3,000 adults", "out of 3,000").
   */
  kind: 'direct' | 'total' | 'group' | 'issued';
  parts: { label: string; n: number }[];
}

const COUNT = String.raw`(\d{1,3}(?:,\d{3})+|\d{2,7})`;
const SAMPLE_NOUNS =
  'respondents|adults|people|voters|residents|citizens|participants|interviews|responses|completes|individuals|households|persons|men and women|registered voters|likely voters|americans|britons|japanese|koreans|canadians|australians|owners|workers|employees|parents|teachers|students|patients|doctors|nurses|users|customers|members|farmers|women|men|renters|homeowners|retirees|pensioners|executives|managers|businesses|firms|companies|graduates|teenagers|youths';

/**
 * The sample sizes a sentence states: "n=1,037", "n = 500", "1,000 adults",
 * "a survey of 1,037 respondents", "interviewed 2,003 voters", and a total
 * with its parts, "4,122 total (Japan: 1,037; U.S.: 1,500)". A number of
 * anything else (countries, troops, dollars, years) is not a sample size.
 *
 * @param s - the sentence
 * @returns the sizes, by position
 * @example
 * sampleSizes('The poll of 1,037 adults (n=1,037) was online.').map((x) => x.n); // => [1037, 1037]
 */
export function sampleSizes(s: string): SampleSize[] {
  const found: SampleSize[] = [];
  const push = (
    n: number,
    start: number,
    end: number,
    kind: SampleSize['kind'],
    parts: SampleSize['parts'] = [],
  ) => {
    if (!Number.isSafeInteger(n) || n < 10) return;
    if (found.some((f) => start < f.end && end > f.start)) return;
    found.push({ n, start, end, kind, parts });
  };
  // A subgroup's count first ("Of the 296 voters under 35, 66% …"): not the survey's n.
  for (const m of s.matchAll(
    new RegExp(
      String.raw`\b(?:of|among|for)\s+(?:the|these|those|its|their)\s+${COUNT}\s+[^,;()\d][^,;()]{1,80}?\s*,`,
      'gi',
    ),
  ))
    push(toNumber(m[1] as string), m.index, m.index + m[0].length, 'group');
  // The sample drawn or contacted, not the interviews: "mailed to 3,000 adults", "out of 3,000".
  for (const m of s.matchAll(
    new RegExp(
      String.raw`\b(?:(?:mailed|sent|posted|distributed|issued|e-?mailed|delivered)\s+(?:out\s+)?to|out of|invited|contacted|approached|selected|drew|drawn)\s+(?:a\s+(?:random\s+)?sample\s+of\s+)?(?:about\s+|some\s+)?${COUNT}\b(?:\s+(?:[A-Za-z.’'-]+\s+){0,2}?(?:${SAMPLE_NOUNS}))?`,
      'gi',
    ),
  ))
    push(toNumber(m[1] as string), m.index, m.index + m[0].length, 'issued');
  for (const m of s.matchAll(new RegExp(String.raw`\bn\s?=\s?${COUNT}\b`, 'gi')))
    push(toNumber(m[1] as string), m.index, m.index + m[0].length, 'direct');
  for (const m of s.matchAll(
    new RegExp(String.raw`${COUNT}\s+(?:in\s+)?total\s*\(([^)]*)\)`, 'gi'),
  )) {
    const parts: SampleSize['parts'] = [];
    for (const p of (m[2] as string).matchAll(
      new RegExp(String.raw`([^:;,]+?)\s*:\s*${COUNT}`, 'g'),
    ))
      parts.push({ label: (p[1] as string).trim(), n: toNumber(p[2] as string) });
    push(toNumber(m[1] as string), m.index, m.index + m[0].length, 'total', parts);
  }
  for (const m of s.matchAll(
    new RegExp(
      String.raw`(?<![$€£¥\d.,])${COUNT}(?!\s?(?:%|percent|per\s?cent))\s+(?:[A-Za-z.’'-]+\s+){0,2}?(?:${SAMPLE_NOUNS})\b`,
      'gi',
    ),
  )) {
    const before = s.slice(Math.max(0, m.index - 12), m.index);
    if (/[$€£¥]\s*$|\b(?:in|since|of the)\s+$/i.test(before) && /^\d{4}$/.test(m[1] as string))
      continue;
    push(toNumber(m[1] as string), m.index, m.index + m[0].length, 'direct');
  }
  for (const m of s.matchAll(
    new RegExp(
      String.raw`\b(?:sample(?:\s+size)?|surveyed|interviewed|polled|questioned|(?:survey|poll|study|questionnaire)\s+of)\s+(?:of\s+)?(?:about\s+|some\s+)?${COUNT}\b(?!\s*(?:%|percent|per\s?cent|[-–]|to\b|and\b))`,
      'gi',
    ),
  )) {
    // "the survey of 2024": a year, not a count.
    if (/^(?:19|20)\d\d$/.test(m[1] as string)) continue;
    push(toNumber(m[1] as string), m.index, m.index + m[0].length, 'direct');
  }
  return found.sort((a, b) => a.start - b.start);
}

function toNumber(text: string): number {
  return Number(text.replace(/,/g, ''));
}

/**
 * The published margin of error in points: "±3.2 percentage points",
 * "margin of error of 3 points", "plus or minus 3.1%", "a margin of
 * sampling error of +/- 4". Null when the sentence gives none.
 *
 * @param s - the sentence
 * @returns the margin and where it is printed, or null
 * @example
 * marginOfError('The margin of error is ±3.2 percentage points.')?.points; // => 3.2
 */
export function marginOfError(s: string): { points: number; start: number; end: number } | null {
  const sign =
    /(?:±|\+\/-|\+-|plus or minus)\s*(\d{1,2}(?:\.\d+)?)\s?(?:%|percent\b|per\s?cent\b|percentage[-\s]points?|points?\b|pts?\b)?/i.exec(
      s,
    );
  const words = /\bmargin of (?:sampling )?error\b/i.test(s) || /\bsampling error\b/i.test(s);
  if (sign !== null && (words || /±/.test(sign[0]) || /plus or minus/i.test(sign[0]))) {
    return { points: Number(sign[1]), start: sign.index, end: sign.index + sign[0].length };
  }
  const plain =
    /\b(?:margin of (?:sampling )?error|sampling error)\b[^.;]{0,40}?(\d{1,2}(?:\.\d+)?)\s?(%|percent\b|per\s?cent\b|percentage[-\s]points?|points?\b|pts?\b)/i.exec(
      s,
    );
  if (plain !== null) {
    const start = plain.index + plain[0].lastIndexOf(plain[1] as string);
    return { points: Number(plain[1]), start, end: plain.index + plain[0].length };
  }
  return null;
}

/**
 * The fieldwork dates a sentence gives, when it is about a survey: "between
 * July 22 and 24, 2025", "August 19–21, 2025", "3–5 May 2025", "from 1 to 4
 * March 2024", "in October and November 2024", "a March 2025 survey". Days
 * become ISO dates; a month alone stays text.
 *
 * @param s - the sentence
 * @returns the dates as printed, with start and end when the days are given, or null
 * @example
 * fieldworkDates('The survey ran between July 22 and 24, 2025.');
 * // => { text: 'between July 22 and 24, 2025', start: '2025-07-22', end: '2025-07-24', at: 15 }
 */
export function fieldworkDates(
  s: string,
): { text: string; start: string | null; end: string | null; at: number } | null {
  const M = `(${MONTHS})`;
  const patterns: { re: RegExp; parse: (m: RegExpExecArray) => [string | null, string | null] }[] =
    [
      {
        re: new RegExp(
          `\\b(?:between\\s+)?${M}\\s+(\\d{1,2})\\s*(?:–|—|-|and|to|through|until)\\s*(\\d{1,2}),?\\s+(\\d{4})\\b`,
          'i',
        ),
        parse: (m) => [iso(m[4], m[1], m[2]), iso(m[4], m[1], m[3])],
      },
      {
        re: new RegExp(
          `\\b(?:between\\s+|from\\s+)?(\\d{1,2})\\s*(?:–|—|-|and|to)\\s*(\\d{1,2})\\s+${M},?\\s+(\\d{4})\\b`,
          'i',
        ),
        parse: (m) => [iso(m[4], m[3], m[1]), iso(m[4], m[3], m[2])],
      },
      {
        re: new RegExp(
          `\\b${M}\\s+(\\d{1,2})\\s*(?:–|—|-|to|through|until)\\s*${M}\\s+(\\d{1,2}),?\\s+(\\d{4})\\b`,
          'i',
        ),
        parse: (m) => [iso(m[5], m[1], m[2]), iso(m[5], m[3], m[4])],
      },
      {
        re: /\b(\d{4}-\d{2}-\d{2})\s*(?:–|—|-|to|through)\s*(\d{4}-\d{2}-\d{2})\b/,
        parse: (m) => [m[1] as string, m[2] as string],
      },
      {
        re: new RegExp(
          `\\b(?:in|during|conducted in|carried out in)\\s+${M}(?:\\s+and\\s+${M})?(?:\\s+(\\d{4}))?\\b`,
          'i',
        ),
        parse: () => [null, null],
      },
      {
        re: new RegExp(`\\b${M}\\s+(\\d{4})\\s+(?:survey|poll)\\b`, 'i'),
        parse: () => [null, null],
      },
    ];
  for (const { re, parse } of patterns) {
    const m = re.exec(s);
    if (m === null) continue;
    const [start, end] = parse(m);
    let text = m[0].replace(/\s+(?:survey|poll)$/i, '');
    text = text.replace(/^(?:conducted|carried out)\s+/i, '');
    return { text, start, end, at: m.index };
  }
  return null;
}

function iso(
  year: string | undefined,
  month: string | undefined,
  day: string | undefined,
): string | null {
  if (year === undefined || month === undefined || day === undefined) return null;
  const names = [
    'jan',
    'feb',
    'mar',
    'apr',
    'may',
    'jun',
    'jul',
    'aug',
    'sep',
    'oct',
    'nov',
    'dec',
  ];
  const m = names.indexOf(month.slice(0, 3).toLowerCase());
  const d = Number(day);
  if (m === -1 || d < 1 || d > 31) return null;
  const date = new Date(Date.UTC(Number(year), m, d));
  if (date.getUTCMonth() !== m) return null;
  return date.toISOString().slice(0, 10);
}

/**
 * The mode of a survey, when the sentence says it: "online survey", "web
 * panel", "by telephone", "face-to-face interviews", "a mail survey",
 * "mixed-mode".
 *
 * @param s - the sentence
 * @returns the mode and where it is printed, or null
 * @example
 * surveyMode('The poll was conducted online.')?.mode; // => 'online'
 */
export function surveyMode(s: string): { mode: SurveyMode; at: number } | null {
  const rules: [SurveyMode, RegExp][] = [
    ['mixed', /\b(?:mixed[-\s]mode|multi[-\s]mode)\b/i],
    [
      'online',
      /\b(?:online|internet|web(?:-based)?)\s+(?:survey|poll|panel|questionnaire|interviews?)\b|\b(?:survey|poll|questionnaire)\s+(?:was\s+)?(?:conducted|carried out|fielded|taken)\s+online\b|\b(?:conducted|carried out|fielded|taken|completed)\s+online\b|\b(?:interviewed|surveyed|polled|questioned)\b[^.;]{0,60}?\bonline\b|\(online\b/i,
    ],
    [
      'telephone',
      /\b(?:telephone|phone|landline|mobile phone|cellphone|cell phone)\s+(?:survey|poll|interviews?)\b|\bby (?:tele)?phone\b|\brandom digit dialing\b/i,
    ],
    ['face-to-face', /\b(?:face[-\s]to[-\s]face|in[-\s]person|door[-\s]to[-\s]door)\b/i],
    ['mail', /\b(?:mail|postal|mailed)\s+(?:survey|poll|questionnaire)\b|\bby (?:mail|post)\b/i],
  ];
  for (const [mode, re] of rules) {
    const m = re.exec(s);
    if (m !== null) return { mode, at: m.index };
  }
  return null;
}
