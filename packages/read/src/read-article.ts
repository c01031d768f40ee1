// readArticle(): the article's sentences walked in order, the rules of
// rules.ts applied to each, and what they find put together into a draft —
// which survey each figure belongs to, which figures form one question, and
// how sure the reader is of each row.
import { readError, reasonText, rejectText } from './messages';
import {
  classify,
  continuesQuestion,
  earlierOf,
  type Figure,
  fieldworkDates,
  findFigures,
  groupOf,
  isFollowUp,
  isListItem,
  isPooled,
  marginOfError,
  opensFollowUp,
  optionLabel,
  partOf,
  qualifierOf,
  questionLeadIn,
  quotedQuestion,
  type ShareStrength,
  SURVEY_WORDS,
  type Subgroup,
  type SurveyMention,
  sampleSizes,
  samplesInProse,
  surveyMentions,
  surveyMode,
  type Verdict,
} from './rules';
import { fold } from './text/fold';
import { type Sentence, sentences } from './text/sentences';
import { articleText } from './text/to-text';
import type {
  ArticleDraft,
  Confidence,
  DraftRow,
  DraftSurvey,
  ReadArticleOptions,
  RejectedFigure,
  Span,
} from './types';

/** A figure kept as a share, before it is given its question. */
interface Kept {
  figure: Figure;
  verdict: Extract<Verdict, { kind: 'share' }>;
  survey: DraftSurvey | null;
  /** Where in the sentence the survey mention it was given sits (to split questions by survey). */
  sentence: number;
}

/**
 * Reads the poll figures of an article: every percentage printed as a share
 * of a survey's respondents becomes a row with its survey, a short question
 * and option label taken from the sentence, the percentage as printed, the
 * sentence it came from (verbatim, with offsets) and a confidence flag; the
 * surveys it names come with what the text says of them (organisation, n,
 * published margin of error, fieldwork dates, mode), each with its quote;
 * and every other percentage (tariffs, GDP, growth, inflation, turnout, a
 * change in points, a range, a figure respondents were shown) is listed as
 * rejected with the reason. Nothing is inferred that the text does not
 * state: an n the text does not give stays null. The rules are in
 * rules.ts; compromise splits the sentences and reads numbers in words.
 *
 * @param text - the article
 * @param options - `format` ('text' default, 'markdown', 'html'), `source` (a file name)
 * @returns the draft: rows, surveys, rejected percentages and the text they refer to
 * @throws {TypeError} when `text` is not a string or an option is not one of its values
 * @example
 * const draft = readArticle('A Gallup poll of 1,015 adults found 41% in favour, while 52% said no.');
 * draft.rows.map((r) => [r.option, r.value, r.n]);
 * // => [['in favour', '41', 1015], ['said no', '52', 1015]]
 */
export function readArticle(text: string, options: ReadArticleOptions = {}): ArticleDraft {
  const format = options.format ?? 'text';
  if (options.source !== undefined && typeof options.source !== 'string')
    throw new TypeError(readError.badSource(options.source));
  const plain = articleText(text, format);
  const folded = fold(plain);
  const all = sentences(plain);
  const surveys: DraftSurvey[] = [];
  const rejected: RejectedFigure[] = [];
  const kept: Kept[] = [];
  // Facts found before any survey is named wait for the first one.
  const pending: ((survey: DraftSurvey) => void)[] = [];
  let current: DraftSurvey | null = null;
  let surveySeen = false;

  all.forEach((sentence, index) => {
    const s = folded.slice(sentence.start, sentence.end);
    const quote = span(plain, sentence.start, sentence.end);
    const mentions = surveyMentions(s).map((m) => ({
      m,
      survey: resolve(surveys, m, current, quote),
    }));
    // "In a runoff, Ipsum found …": a survey named by its organisation alone.
    const named = organisationMentions(s, surveys, mentions);
    mentions.push(...named);
    mentions.sort((a, b) => a.m.start - b.m.start);
    for (const { m, survey } of mentions)
      survey.mentions.push(span(plain, sentence.start + m.start, sentence.start + m.end));
    if (mentions.length > 0 || SURVEY_WORDS.test(s)) surveySeen = true;
    const nearbySurvey = paragraphSpeaksOfSurvey(all, index, folded);
    const underQuestion = questionAbove(all, index, folded) !== null;
    const figures = findFigures(s);
    let previousShare: { figure: Figure; strength: ShareStrength } | null = null;
    for (const figure of figures) {
      const verdict = classify(s, figure, figures, {
        nearbySurvey,
        surveySeen,
        previousShare,
        underQuestion,
        namesSurvey: named.length > 0,
      });
      if (verdict.kind === 'reject') {
        previousShare = null;
        const at = span(
          plain,
          sentence.start + verdict.span.start,
          sentence.start + verdict.span.end,
        );
        if (!rejected.some((r) => r.figure.start === at.start && r.figure.end === at.end))
          rejected.push({
            text: at.text,
            percent: figure.percent,
            figure: at,
            quote,
            reason: verdict.reason,
            why: rejectText[verdict.reason],
          });
        continue;
      }
      const before = mentions.filter((x) => x.m.start < figure.start);
      const afterIt = mentions.filter((x) => x.m.start >= figure.end);
      const survey = before[before.length - 1]?.survey ?? afterIt[0]?.survey ?? current;
      kept.push({ figure, verdict, survey, sentence: index });
      previousShare = { figure, strength: verdict.strength };
    }
    const last = mentions[mentions.length - 1];
    if (last !== undefined) current = last.survey;
    const facts = surveyFacts(s, sentence, plain, index, all, folded);
    const target = last?.survey ?? current;
    if (facts.length > 0) {
      if (target !== null) for (const apply of facts) apply(target);
      else pending.push(...facts);
    }
  });

  // What was printed before the first survey is named goes to that survey.
  const first = surveys[0] ?? null;
  const fallback = first ?? newSurvey(surveys, 'survey');
  for (const apply of pending) apply(fallback);
  const earlierSurveys = new Map<string, DraftSurvey>();
  // An earlier figure ("down from 55% in January") is of a survey of its own: the current
  // poll's n is not its n. One per survey and time the text gives.
  const earlierFor = (survey: DraftSurvey, when: string | null, quote: Span): DraftSurvey => {
    const k = `${survey.key}\u0000${(when ?? '').toLowerCase()}`;
    let e = earlierSurveys.get(k);
    if (e === undefined) {
      e = newSurvey(surveys, `${survey.key}-earlier`);
      e.earlierOf = survey.key;
      e.organization = survey.organization;
      if (when !== null) e.fieldwork = { value: { text: when, start: null, end: null }, quote };
      earlierSurveys.set(k, e);
    }
    e.mentions.push(quote);
    return e;
  };
  const rows = buildRows(kept, all, folded, plain, fallback, first === null, earlierFor);
  return {
    source: options.source ?? null,
    format,
    text: plain,
    title: titleOf(plain),
    rows,
    surveys: surveys.filter((s) => rows.some((r) => r.survey === s.key) || hasFacts(s)),
    rejected,
  };
}

function span(text: string, start: number, end: number): Span {
  return { start, end, text: text.slice(start, end) };
}

function titleOf(text: string): string {
  const line = text.split('\n').find((l) => l.trim() !== '') ?? '';
  const t = line.trim();
  return t.length <= 200 ? t : `${t.slice(0, 199)}…`;
}

function hasFacts(s: DraftSurvey): boolean {
  return s.organization !== null || s.name !== null;
}

// ── Surveys ─────────────────────────────────────────────────────────────────

function key(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’']s\b/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/g, '');
}

function newSurvey(surveys: DraftSurvey[], wanted: string): DraftSurvey {
  const base = wanted === '' ? 'survey' : wanted;
  let k = base;
  for (let i = 2; surveys.some((s) => s.key === k); i++) k = `${base}-${i}`;
  const survey: DraftSurvey = {
    key: k,
    name: null,
    organization: null,
    n: null,
    samples: null,
    moe: null,
    fieldwork: null,
    mode: null,
    mentions: [],
    earlierOf: null,
  };
  surveys.push(survey);
  return survey;
}

/** Two names of one survey or organisation: the same words, less an article and an ordinal. */
const same = (a: string, b: string) => plainName(a) === plainName(b);

function plainName(text: string): string {
  return key(
    text.replace(
      /^(?:(?:the|a|an)\s+)?(?:(?:first|second|third|fourth|fifth|\d+(?:st|nd|rd|th))\s+)?/i,
      '',
    ),
  );
}

/** The survey a mention names: one already named (same organisation or name), or a new one. */
function resolve(
  surveys: DraftSurvey[],
  m: SurveyMention,
  current: DraftSurvey | null,
  quote: Span,
): DraftSurvey {
  const found = surveys.find(
    (s) =>
      (m.organization !== null &&
        s.organization !== null &&
        same(s.organization.value, m.organization)) ||
      (m.name !== null && s.name !== null && same(s.name.value, m.name)),
  );
  const survey =
    found ??
    (m.organization === null && m.name === null && !m.another && current !== null
      ? current
      : newSurvey(surveys, plainName(m.organization ?? m.name ?? '')));
  if (survey.organization === null && m.organization !== null)
    survey.organization = { value: m.organization, quote };
  if (survey.name === null && m.name !== null) survey.name = { value: m.name, quote };
  return survey;
}

/** First words of an organisation's name that do not name it alone. */
const GENERIC_ORG_WORD =
  /^(?:University|National|Institute|Center|Centre|Research|Public|Policy|Foundation|Association|Council|Department|Ministry|Office|Agency|Bureau|Group|Polling|Survey|International|American|British|European|Japan|Japanese|United|New|North|South|East|West|Central|Global|General|Federal|State|City|County|Royal|Daily|Weekly|Times|News|Media)$/;

/**
 * Where a sentence names the organisation of a survey already read, without a
 * word for a survey ("Ipsum found …", "Ipsum's figures"): mentions of that
 * survey. Only whole names, and not inside a mention already found.
 */
function organisationMentions(
  s: string,
  surveys: readonly DraftSurvey[],
  found: readonly { m: SurveyMention; survey: DraftSurvey }[],
): { m: SurveyMention; survey: DraftSurvey }[] {
  const out: { m: SurveyMention; survey: DraftSurvey }[] = [];
  for (const survey of surveys) {
    const full = survey.organization?.value;
    if (full === undefined || survey.earlierOf !== null || full.length < 3) continue;
    // "Vale found …" for Vale Research: the first word, when it is a name and not a generic word.
    const first = full.split(/\s+/)[0] as string;
    const org =
      first !== full &&
      first.length >= 4 &&
      /^\p{Lu}\p{Ll}/u.test(first) &&
      !GENERIC_ORG_WORD.test(first)
        ? first
        : full;
    const re = new RegExp(
      `(?<![\\p{L}\\p{N}])${org.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`,
      'gu',
    );
    for (const m of s.matchAll(re)) {
      const start = m.index;
      const end = start + m[0].length;
      if ([...found, ...out].some((x) => start < x.m.end + 40 && end > x.m.start - 40)) continue;
      out.push({ m: { start, end, organization: full, name: null, another: false }, survey });
    }
  }
  return out;
}

/** The paragraph of a sentence, or the sentence before it, speaks of a survey. */
function paragraphSpeaksOfSurvey(all: readonly Sentence[], index: number, folded: string): boolean {
  const me = all[index] as Sentence;
  return all.some(
    (o, i) =>
      (o.paragraph === me.paragraph || i === index - 1) &&
      SURVEY_WORDS.test(folded.slice(o.start, o.end)),
  );
}

/** A short line about a survey's method ("Survey Period", "Number of Responses"). */
const METHOD_HEADING =
  /\b(?:survey|period|fieldwork|dates?|method|methodology|sample|responses|respondents|mode)\b/i;

/** The facts a sentence states about a survey, as functions that set them on the survey they belong to. */
function surveyFacts(
  s: string,
  sentence: Sentence,
  plain: string,
  index: number,
  all: readonly Sentence[],
  folded: string,
): ((survey: DraftSurvey) => void)[] {
  const quote = span(plain, sentence.start, sentence.end);
  const previous = all[index - 1];
  const heading =
    previous !== undefined &&
    previous.paragraph !== sentence.paragraph &&
    previous.end - previous.start <= 40 &&
    METHOD_HEADING.test(folded.slice(previous.start, previous.end));
  const aboutSurvey =
    heading || SURVEY_WORDS.test(s) || /\b(?:conducted|fieldwork|carried out)\b/i.test(s);
  const facts: ((survey: DraftSurvey) => void)[] = [];
  // "1,008 South Koreans and 1,012 Japanese adults": samples side by side, no one n.
  const prose = samplesInProse(s);
  if (prose !== null)
    facts.push((survey) => {
      survey.samples ??= {
        value: { total: prose.reduce((a, p) => a + p.n, 0), parts: prose },
        quote,
      };
    });
  for (const size of sampleSizes(s)) {
    // A subgroup's count or the sample drawn is not the survey's n.
    if (size.kind === 'group' || size.kind === 'issued') continue;
    if (prose?.some((p) => p.n === size.n) === true) continue;
    if (size.kind === 'total') {
      facts.push((survey) => {
        survey.samples ??= { value: { total: size.n, parts: size.parts }, quote };
      });
    } else {
      facts.push((survey) => {
        survey.n ??= { value: size.n, quote };
      });
    }
  }
  const moe = marginOfError(s);
  if (moe !== null)
    facts.push((survey) => {
      survey.moe ??= { value: moe.points, quote };
    });
  if (aboutSurvey) {
    const dates = fieldworkDates(s);
    if (dates !== null)
      facts.push((survey) => {
        survey.fieldwork ??= {
          value: { text: dates.text, start: dates.start, end: dates.end },
          quote,
        };
      });
    const mode = surveyMode(s);
    if (mode !== null)
      facts.push((survey) => {
        survey.mode ??= { value: mode.mode, quote };
      });
  }
  return facts;
}

// ── Rows and questions ──────────────────────────────────────────────────────

/** The question and group of the last figure of a sentence that is not an earlier level. */
interface LastQuestion {
  question: string;
  questionId: string;
  group: string | null;
  dim: string;
}

function buildRows(
  kept: Kept[],
  all: readonly Sentence[],
  folded: string,
  plain: string,
  fallback: DraftSurvey,
  noSurveyNamed: boolean,
  earlierFor: (survey: DraftSurvey, when: string | null, quote: Span) => DraftSurvey,
): DraftRow[] {
  const rows: DraftRow[] = [];
  const labels = new Map<string, number>();
  const ids = new Set<string>();
  let previous: {
    survey: string;
    question: string;
    questionId: string;
    heading: number | null;
  } | null = null;
  let i = 0;
  while (i < kept.length) {
    const sentenceIndex = (kept[i] as Kept).sentence;
    const inSentence: Kept[] = [];
    while (i < kept.length && (kept[i] as Kept).sentence === sentenceIndex)
      inSentence.push(kept[i++] as Kept);
    const sentence = all[sentenceIndex] as Sentence;
    const s = folded.slice(sentence.start, sentence.end);
    const quote = span(plain, sentence.start, sentence.end);
    const heading = questionAbove(all, sentenceIndex, folded);
    // The question and group of the figure before, in this sentence: an earlier level shares them.
    let last: LastQuestion | null = null;
    // "Of the 412 parents of teenagers, 47% …, ahead of bullying (21%)": a group opening the sentence is every figure's.
    let leadGroup: Subgroup | null = null;
    for (const group of questionGroups(s, inSentence)) {
      const firstKept = group[0] as Kept;
      const inherited = last as LastQuestion | null;
      const current = firstKept.survey ?? fallback;
      const earlier = firstKept.verdict.earlier ? earlierOf(s, firstKept.figure) : null;
      const survey = earlier === null ? current : earlierFor(current, earlier.when, quote);
      const previousEnd = groupStart(s, inSentence, firstKept);
      const listItem = isListItem(s, firstKept.figure);
      const lead = questionLeadIn(
        s.slice(previousEnd),
        firstKept.figure.start - previousEnd,
        listItem,
      );
      const underHeading = heading !== null && heading >= 0 && listItem && lead === null;
      const continued =
        previous !== null &&
        previous.survey === survey.key &&
        ((lead === null && continuesQuestion(s)) || (underHeading && previous.heading === heading))
          ? previous
          : null;
      let question: string;
      let questionId: string;
      if (earlier !== null && inherited !== null) {
        // "48% back the plan, down from 55% in January": the same question, in the earlier survey.
        question = inherited.question;
        questionId = inherited.questionId;
        ids.add(`${survey.key}/${questionId}`);
      } else if (continued !== null) {
        question = continued.question;
        questionId = continued.questionId;
      } else {
        question =
          lead ??
          (underHeading ? headingText(all[heading as number] as Sentence, plain) : null) ??
          quotedQuestion(s) ??
          optionLabel(s, firstKept.figure);
        question = question.length > 120 ? `${question.slice(0, 119)}…` : question;
        const labelKey = `${survey.key}\u0000${question.toLowerCase()}`;
        const seen = labels.get(labelKey) ?? 0;
        labels.set(labelKey, seen + 1);
        if (seen > 0) question = `${question} (${seen + 1})`;
        questionId = key(question) || 'question';
        for (let k = 2; ids.has(`${survey.key}/${questionId}`); k++)
          questionId = `${key(question) || 'question'}-${k}`;
        ids.add(`${survey.key}/${questionId}`);
      }
      previous = {
        survey: survey.key,
        question,
        questionId,
        heading: underHeading ? heading : null,
      };
      const followUp = isFollowUp(question) || opensFollowUp(s);
      const options = new Map<string, number>();
      const parts = current.samples?.value.parts ?? [];
      for (const k of group) {
        const f = k.figure;
        let groupValue: string | null = null;
        let groupDim = 'total';
        let n: number | null = null;
        const part =
          earlier === null && parts.length > 0
            ? partOf(
                s,
                f,
                parts.map((p) => p.label),
              )
            : null;
        let sub = groupOf(s, f);
        if (sub?.lead === true) leadGroup = sub;
        else if (sub === null && earlier === null) sub = leadGroup;
        if (part !== null) {
          // "57% of German respondents" in a survey of "Germany: 2,004; France: 2,118".
          groupValue = part;
          groupDim = 'sample';
          n = parts.find((p) => p.label === part)?.n ?? null;
        } else if (earlier !== null && inherited !== null) {
          // An earlier level is of the group of the figure it is compared with.
          groupValue = inherited.group;
          groupDim = inherited.dim;
        } else if (sub !== null) {
          // A subgroup has an n only when the text gives it ("Of the 296 voters under 35, …").
          groupValue = sub.value;
          groupDim = sub.dim;
          n = earlier === null ? (sub.n ?? null) : null;
        } else if (earlier !== null) {
          // An earlier level with no figure before it: the whole sample, n unknown.
        } else if (!followUp && k.verdict.strength !== 'context') {
          // The whole sample: the survey's n; all the samples together, their total.
          n =
            parts.length > 0 && isPooled(s, f)
              ? (current.samples?.value.total ?? null)
              : (current.n?.value ?? null);
        }
        let option = optionLabel(s, f) || 'option';
        const optionKey = `${groupValue ?? ''}\u0000${option.toLowerCase()}`;
        const count = options.get(optionKey) ?? 0;
        options.set(optionKey, count + 1);
        if (count > 0) option = `${option} (${count + 1})`;
        const { confidence, reasons } = confidenceOf(
          k,
          survey,
          firstKept.survey === null,
          noSurveyNamed,
        );
        rows.push({
          survey: survey.key,
          question,
          questionId,
          group: groupValue,
          groupDim,
          option,
          percent: f.percent,
          value: f.value,
          percentText: plain.slice(sentence.start + f.start, sentence.start + f.end),
          qualifier: qualifierOf(s, f),
          isNet: isNet(s, f),
          n,
          quote,
          figure: span(plain, sentence.start + f.start, sentence.start + f.end),
          confidence,
          reasons,
        });
        if (earlier === null) last = { question, questionId, group: groupValue, dim: groupDim };
      }
    }
  }
  return rows;
}

/** A heading over a list of results: "Key results", "Main findings", "At a glance". */
const RESULTS_HEADING =
  /^(?:(?:the\s+)?(?:key|main|top|headline|selected)\s+)?(?:results?|findings?|figures|numbers|highlights|toplines?|top lines?|at a glance|in numbers|in figures)$/i;

/**
 * The line a line of answers stands under: the line is a paragraph of its
 * own ("Very expensive: 47%"), and so are the lines of answers before it, up
 * to a line that asks ("How would you rate the cost of dental care?"),
 * introduces them ("… rated the cost as follows:") or heads a list of
 * results ("Key results"). The sentence index of a question (its text is the
 * question), -1 for a results heading (no question), or null.
 */
function questionAbove(all: readonly Sentence[], index: number, folded: string): number | null {
  const alone = (i: number) =>
    (all[i - 1]?.paragraph ?? -1) !== (all[i] as Sentence).paragraph &&
    (all[i + 1]?.paragraph ?? -1) !== (all[i] as Sentence).paragraph;
  const text = (i: number) => folded.slice((all[i] as Sentence).start, (all[i] as Sentence).end);
  const answerLine = (i: number) => {
    const t = text(i);
    const figures = findFigures(t);
    return figures.length === 1 && isListItem(t, figures[0] as Figure);
  };
  if (!alone(index) || !answerLine(index)) return null;
  for (let i = index - 1; i >= 0 && index - i <= 30; i--) {
    if (!alone(i)) return null;
    if (answerLine(i)) continue;
    const t = text(i).trim();
    if (RESULTS_HEADING.test(t)) return -1;
    return /[?:]$/.test(t) && t.length <= 200 && findFigures(t).length === 0 ? i : null;
  }
  return null;
}

/** A heading line as a question label: as printed, less a final colon. */
function headingText(sentence: Sentence, plain: string): string {
  return plain.slice(sentence.start, sentence.end).trim().replace(/\s*:$/, '');
}

/**
 * The figures of one sentence split into questions: a new question at a
 * change of survey, at an aside in parentheses with its own verb ("(70%
 * hold a negative view)"), at an earlier level ("down from 45%"), and at a
 * new topic ("regarding …") between two figures.
 */
function questionGroups(s: string, figures: readonly Kept[]): Kept[][] {
  const groups: Kept[][] = [];
  let previous: Kept | null = null;
  for (const k of figures) {
    const last = groups[groups.length - 1];
    const split =
      last === undefined ||
      previous === null ||
      k.survey !== previous.survey ||
      k.verdict.earlier ||
      previous.verdict.earlier ||
      isAside(s, k.figure) !== isAside(s, previous.figure) ||
      /\b(?:regarding|as for|as to|concerning|on the question of|asked about|looking ahead)\b/i.test(
        s.slice(previous.figure.end, k.figure.start),
      );
    if (split) groups.push([k]);
    else last.push(k);
    previous = k;
  }
  return groups;
}

/** A figure that opens an aside in parentheses with its own verb: "(70% hold a negative view)". */
function isAside(s: string, f: Figure): boolean {
  return (
    /\(\s*(?:about\s+|nearly\s+|over\s+)?$/i.test(s.slice(0, f.start)) &&
    /^\s+[a-z]/.test(s.slice(f.end))
  );
}

/** Where the text of a group's question may begin: after the figure before the group. */
function groupStart(_s: string, figures: readonly Kept[], first: Kept): number {
  const i = figures.indexOf(first);
  return i <= 0 ? 0 : (figures[i - 1] as Kept).figure.end;
}

/** A figure followed by its own breakdown in parentheses ("23.7% in favour (strongly: 8.2%, …)"). */
function isNet(s: string, f: Figure): boolean {
  return (
    /^[^()]{0,60}\(\s*[^():]{1,40}:\s*\d/.test(s.slice(f.end)) && !/^\s*\)/.test(s.slice(f.end))
  );
}

function confidenceOf(
  k: Kept,
  survey: DraftSurvey,
  assumedSurvey: boolean,
  noSurveyNamed: boolean,
): { confidence: Confidence; reasons: string[] } {
  const reasons: string[] = [];
  let level = 0; // 0 high, 1 medium, 2 low
  const lower = (to: number, why: string) => {
    level = Math.max(level, to);
    reasons.push(why);
  };
  const { strength, earlier } = k.verdict;
  if (strength === 'clause') lower(1, reasonText.clause);
  if (strength === 'sentence') lower(1, reasonText.sentence);
  if (strength === 'context') lower(2, reasonText.context);
  if (k.figure.kind === 'x-in-y' || k.figure.kind === 'fraction') lower(1, reasonText.words);
  if (earlier) lower(1, reasonText.earlier);
  if (noSurveyNamed) lower(1, reasonText.noSurvey);
  else if (assumedSurvey) lower(1, reasonText.assumedSurvey(survey.key));
  return { confidence: (['high', 'medium', 'low'] as const)[level] as Confidence, reasons };
}
