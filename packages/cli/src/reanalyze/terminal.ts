// The terminal report: one block per survey, then per question the shares
// with their intervals and flags, then the leads with explain()'s sentence.

import type {
  AcrossPollsResult,
  LeadResult,
  OptionResult,
  QuestionResult,
  Reanalysis,
  Summary,
  SurveyResult,
} from '@toplines/data';
import {
  count,
  dateRange,
  levelText,
  percent,
  percentNumber,
  points,
  pValue,
} from '../format/number';
import { displayWidth, indentWrap, pad, type Style, terminalSafeDeep, wrap } from '../format/text';
import { dataText, weighText } from '../messages';
import { type SurveySource, sourceOf } from './json';
import { METHOD_NAMES } from './terminal-names';

/** Options of {@link renderReport}. */
export interface RenderOptions {
  /** Line width in columns (at most 100). Default `100`. */
  width?: number;
  /** Colours (or none). */
  style: Style;
  /**
   * The tables the surveys were analysed from hold no text with a control
   * character (checked with {@link columnsHaveControls}): every string of a
   * survey comes from them or from the engine, so a survey is written
   * without being searched for any. Default `false`: each survey is searched.
   */
  cleanTables?: boolean;
}

const INDENT = 3;

/**
 * The report as text, every line at most `width` columns.
 *
 * @example
 * renderReport(doc, { style: makeStyle(false) }).split('\n')[0];
 * // => 'toplines reanalyze — bundled data: 2025 Japanese surveys on Japan–U.S. relations'
 */
export function renderReport(data: Reanalysis, options: RenderOptions): string {
  return [...reportText(sourceOf(data), options)].join('');
}

/**
 * The report piece by piece, each survey's block as soon as it is
 * analysed: the same text as {@link renderReport}, without holding the
 * reanalysis or the report whole (an archive of 200,000 figures makes a
 * report of hundreds of megabytes). The first lines' counts come from
 * `source.planned`, the closing summary from `source.finish()`.
 *
 * @param source - the reanalysis, one survey at a time
 * @param options - width and colours
 * @returns the pieces of text, in order
 * @example
 * // reanalyzeSurveys(load()) is a source too; doc is reanalyze(load())
 * const pieces = [...reportText(sourceOf(doc), { style: makeStyle(false) })];
 * pieces.join('') === renderReport(doc, { style: makeStyle(false) }); // => true
 */
export function* reportText(
  source: SurveySource,
  options: RenderOptions,
): Generator<string, void, undefined> {
  const writer = reportWriter(source.head, source.planned, options);
  yield writer.start();
  for (const survey of source.surveys) yield writer.survey(survey);
  yield* writer.end(source.finish());
}

/**
 * The report's parts as {@link reportText} writes them, for a caller that
 * takes the surveys from elsewhere (worker threads, each writing its
 * surveys' blocks with `survey`): its opening lines, each survey's block,
 * and its closing lines.
 *
 * @example
 * const writer = reportWriter(sourceOf(doc).head, sourceOf(doc).planned, { style: makeStyle(false) });
 * writer.start().split('\n')[0];
 * // => 'toplines reanalyze — bundled data: 2025 Japanese surveys on Japan–U.S. relations'
 * writer.survey(doc.surveys[0]).startsWith('\n\n━━━'); // => true
 */
export function reportWriter(
  head: SurveySource['head'],
  planned: SurveySource['planned'],
  options: RenderOptions,
): {
  start(): string;
  survey(survey: SurveyResult): string;
  end(tail: ReturnType<SurveySource['finish']>): string[];
} {
  // Escape sequences and control characters in the data are removed once,
  // here, before any wrapping or cutting: from the head, each survey and the tail.
  const safe = terminalSafeDeep(head);
  const width = Math.min(100, Math.max(60, options.width ?? 100));
  const s = options.style;
  // The blocks read the options (and the closing line the summary) from the document.
  const doc: Reanalysis = { ...safe, summary: {} as Summary, surveys: [], acrossPolls: [] };
  return {
    start: () => openingLines(doc, planned, width, s).join('\n'),
    survey: (survey) =>
      `\n\n${surveyBlock(options.cleanTables === true ? survey : terminalSafeDeep(survey), doc, width, s).join('\n')}`,
    end(given) {
      const tail = terminalSafeDeep(given);
      doc.summary = tail.summary;
      const pieces = tail.acrossPolls.map(
        (construct) => `\n\n${acrossBlock(construct, doc, width, s).join('\n')}`,
      );
      pieces.push(
        `\n\n${[s.dim('━'.repeat(width)), ...wrap(summaryLine(doc), width)].join('\n')}\n`,
      );
      return pieces;
    },
  };
}

/** The report's first lines: its title, what was analysed and how, and the legend of the marks. */
function openingLines(
  doc: Reanalysis,
  planned: SurveySource['planned'],
  width: number,
  s: Style,
): string[] {
  const lines: string[] = [];
  const o = doc.options;
  lines.push(s.bold(`toplines reanalyze — ${doc.input.title}`));
  if (doc.input.kind === 'article')
    lines.push(...wrap(dataText.machineRead(), width).map(s.yellow));
  const deff =
    doc.input.kind === 'microdata'
      ? weighText.designEffects()
      : o.deff === 'implied'
        ? "design effect: each survey's published margin's (1 where none is published)"
        : `design effect ${o.deff}`;
  const adjusted = ADJUSTMENT_TEXT[o.adjust];
  lines.push(
    ...wrap(
      `${plural(planned.surveys, 'survey')} · ${plural(planned.questions, 'question')} · ${plural(planned.figures, 'figure')} · intervals: ${METHOD_NAMES[o.method] ?? o.method}, ${levelText(o.level)}, ${deff} · ${adjusted}`,
      width,
    ).map(s.dim),
  );
  lines.push(
    ...wrap(
      `Leads: ${s.green('✔')} larger than its margin${o.adjust === 'none' ? '' : ', also after adjustment'} · ○ within it${o.adjust === 'none' ? '' : ', or only before adjustment'} · ${s.yellow('◐')} depends on the overlap (check-all) · ${s.yellow('?')} n unknown`,
      width,
    ).map((l) => s.dim(l)),
  );
  return lines;
}

function surveyBlock(survey: SurveyResult, doc: Reanalysis, width: number, s: Style): string[] {
  const lines: string[] = [s.cyan('━'.repeat(width))];
  const id = `[${survey.surveyId}]`;
  const titleLines = wrap(survey.title, width - displayWidth(id) - 2);
  const first = titleLines[0] ?? '';
  const gap = Math.max(1, width - displayWidth(first) - displayWidth(id));
  lines.push(`${s.bold(first)}${' '.repeat(gap)}${s.dim(id)}`);
  for (const t of titleLines.slice(1)) lines.push(s.bold(t));
  const who = [survey.organization, survey.sponsor === null ? null : `for ${survey.sponsor}`]
    .filter((x) => x !== null)
    .join(' ');
  if (who !== '') lines.push(...wrap(who, width));
  const facts = [
    `Fieldwork ${dateRange(survey.fieldStart, survey.fieldEnd) ?? 'dates not stated'}`,
    survey.n !== null
      ? `n = ${count(survey.n)}`
      : survey.questions.some((q) => q.n !== null)
        ? 'survey n not stated (bases per question from base_n)'
        : 'n not stated',
    survey.mode === null || survey.mode === 'unknown' ? 'mode not stated' : survey.mode,
    `sample: ${survey.sampleType === 'unknown' ? 'not described' : survey.sampleType}`,
  ];
  if (survey.population !== null) facts.push(survey.population);
  lines.push(...wrap(facts.join(' · '), width));
  lines.push(...wrap(marginLine(survey, doc), width));
  for (const caveat of survey.caveats) lines.push(...wrap(s.yellow(`Note: ${caveat}`), width));
  if (survey.questions.length === 0) {
    lines.push('', s.dim('   No results of this survey in the data.'));
  }
  for (const q of survey.questions) lines.push('', ...questionBlock(q, survey, doc, width, s));
  return lines;
}

/** One construct across the polls that measure it: the polls, the changes, the tests, the caveats. */
function acrossBlock(a: AcrossPollsResult, doc: Reanalysis, width: number, s: Style): string[] {
  const lines: string[] = [s.dim('━'.repeat(width))];
  lines.push(...wrap(s.bold(`Across polls: ${a.construct}`), width));
  lines.push(...indentWrap(a.sentence, INDENT, width));
  lines.push('');
  const cells = a.polls.map((p) => ({
    poll:
      p.organization !== null && displayWidth(p.organization) <= 36 ? p.organization : p.surveyId,
    date: dateRange(p.fieldStart, p.fieldEnd) ?? 'date not stated',
    option: p.option,
    share: p.percent === null ? '—' : `${p.percent}%`,
    n: p.n === null ? 'n ?' : count(p.n),
    ci:
      p.lower === null || p.upper === null
        ? ''
        : `${percentNumber(p.lower)}–${percentNumber(p.upper)}`,
  }));
  const w = (k: keyof (typeof cells)[number], min: number) =>
    Math.max(min, ...cells.map((c) => displayWidth(c[k])));
  const fixed = {
    date: w('date', 4),
    option: Math.min(16, w('option', 6)),
    share: w('share', 5),
    n: w('n', 1),
    ci: Math.max(
      displayWidth(`${levelText(doc.options.level)} CI`),
      ...cells.map((c) => displayWidth(c.ci)),
    ),
  };
  // The poll's name takes what the other columns leave of the line, cut with "…" if it must.
  const rest = INDENT + fixed.date + fixed.option + fixed.share + fixed.n + fixed.ci + 10;
  const widths = { ...fixed, poll: Math.max(8, Math.min(36, w('poll', 4), width - rest)) };
  const cut = (text: string, max: number) =>
    displayWidth(text) <= max ? text : `${[...text].slice(0, Math.max(1, max - 1)).join('')}…`;
  for (const c of cells) {
    c.poll = cut(c.poll, widths.poll);
    c.option = cut(c.option, widths.option);
  }
  const row = (c: Record<string, string>) =>
    `${' '.repeat(INDENT)}${pad(c['poll'] ?? '', widths.poll)}  ${pad(c['date'] ?? '', widths.date)}  ${pad(c['option'] ?? '', widths.option)}  ${pad(c['share'] ?? '', widths.share, 'right')}  ${pad(c['n'] ?? '', widths.n, 'right')}  ${c['ci'] ?? ''}`.trimEnd();
  lines.push(
    s.dim(
      row({
        poll: 'Poll',
        date: 'Fieldwork',
        option: 'Answer',
        share: 'Share',
        n: 'n',
        ci: `${levelText(doc.options.level)} CI`,
      }),
    ),
  );
  for (const c of cells) lines.push(row(c));
  for (const c of a.changes) {
    const head = `${c.organization}: ${c.percentFrom}% → ${c.percentTo}% (${points(c.difference)} points)`;
    const tail =
      c.verdict === 'n-unknown'
        ? c.minimumN === null
          ? 'n not given'
          : `n not given; larger than its margin at every n of ${count(c.minimumN)} or more per wave where both figures are possible counts`
        : `${VERDICT_TEXT[c.verdict]}, CI ${points(c.lower as number)} to ${points(c.upper as number)}, ${c.test === 'fisher' ? "Fisher's exact " : ''}${pValue(c.pValue as number)}`;
    lines.push(...indentWrap(`Change: ${head}; ${tail}`, INDENT, width));
  }
  if (a.trend !== null)
    lines.push(
      ...indentWrap(
        `Trend over the waves: ${pValue(a.trend.pValue)} (chi-square for a linear trend)`,
        INDENT,
        width,
      ),
    );
  if (a.homogeneity !== null)
    lines.push(
      ...indentWrap(
        `Do the polls agree? chi-square ${a.homogeneity.statistic.toFixed(2)} on ${a.homogeneity.df} df, ${pValue(a.homogeneity.pValue)}`,
        INDENT,
        width,
      ),
    );
  if (a.pooled !== null) {
    const p = a.pooled;
    lines.push(
      ...indentWrap(
        `Pooled (random effects, REML): ${percent(p.estimate)}, ${levelText(doc.options.level)} CI ${percent(p.lower)} to ${percent(p.upper)}; prediction interval ${percent(p.predictionLower)} to ${percent(p.predictionUpper)}; I² = ${(100 * p.i2).toFixed(0)}%, τ² = ${p.tau2.toPrecision(2)}`,
        INDENT,
        width,
      ),
    );
  }
  for (const caveat of a.caveats) lines.push(...indentWrap(s.yellow(caveat), INDENT, width));
  const notes = a.polls.filter((p) => p.constructNote !== null);
  for (const p of notes)
    lines.push(
      ...indentWrap(s.dim(`${p.organization ?? p.surveyId}: ${p.constructNote}`), INDENT, width),
    );
  return lines;
}

/** The survey's margin: the one it published, or none, and what the intervals here use. */
export function marginLine(survey: SurveyResult, doc: Reanalysis): string {
  const level = levelText(doc.options.level);
  const used =
    survey.n === null || survey.moeAtHalf === null
      ? null
      : survey.deff === 1
        ? `a simple random sample of ${count(survey.n)} has ±${percentNumber(survey.moeAtHalf)} points at ${level}`
        : `with a design effect of ${round(survey.deff)}, a sample of ${count(survey.n)} has ±${percentNumber(survey.moeAtHalf)} points at ${level}`;
  if (survey.moeReported === null) {
    return `Margin of error: none published${used === null ? '' : ` (for comparison, ${used})`}`;
  }
  const range = survey.impliedDeffRange;
  const implied =
    survey.impliedDeff === null
      ? 'no n to compare it with'
      : `implying a design effect of ${round(survey.impliedDeff)}${range === null ? '' : ` (${round(range[0])} to ${round(range[1])} with its rounding)`} at n = ${count(survey.n as number)}`;
  return `Margin of error: ±${percentNumber(survey.moeReported)} points published, ${implied}${used === null ? '' : `; intervals here use design effect ${round(survey.deff)}${survey.deffSource === 'published-margin' ? ' (from the published margin)' : ''}`}`;
}

function questionBlock(
  q: QuestionResult,
  survey: SurveyResult,
  doc: Reanalysis,
  width: number,
  s: Style,
): string[] {
  const lines: string[] = [];
  const type = `${q.responseType === 'multiple' ? 'check-all' : q.responseType}${q.responseTypeInferred ? ' (inferred)' : ''}`;
  const parts = [q.questionId, type];
  if (q.groupDim !== 'total' || q.groupValue !== 'total')
    parts.push(`${q.groupDim}: ${q.groupValue}`);
  parts.push(
    q.n === null ? (q.assumedN.length > 0 ? 'n unknown' : 'n varies') : `n = ${count(q.n)}`,
  );
  if (
    survey.questions.filter((x) => x.questionId === q.questionId).length > 1 &&
    q.sourceId !== null
  ) {
    parts.push(`source: ${q.sourceId}`);
  }
  const head = `── ${parts.join(' · ')}`;
  if (displayWidth(head) + 3 <= width) {
    lines.push(s.bold(`${head} ${'─'.repeat(width - displayWidth(head) - 1)}`));
  } else {
    lines.push(...wrap(head, width).map(s.bold));
  }
  if (q.wording !== null) lines.push(...indentWrap(q.wording, INDENT, width));
  if (q.base !== null && q.base.trim().toLowerCase() !== 'all respondents') {
    lines.push(...indentWrap(`Asked of ${q.base}`, INDENT, width).map(s.dim));
  }
  lines.push('');
  lines.push(...optionTable(q, doc, width, s));
  for (const caveat of q.caveats) lines.push(...indentWrap(s.yellow(caveat), INDENT, width));
  if (q.leads.length > 0) {
    lines.push(
      '',
      `${' '.repeat(INDENT)}${s.bold(q.leads[0]?.kind === 'paired' ? `Paired differences (${levelText(doc.options.level)})` : `Leads (${levelText(doc.options.level)})`)}`,
    );
    let previousTail: string | null = null;
    for (const lead of q.leads) {
      const tail = lead.sentence === null ? null : lastSentence(lead.sentence);
      lines.push(...leadLines(lead, width, s, tail, previousTail));
      previousTail = tail;
    }
  }
  return lines;
}

function optionTable(q: QuestionResult, doc: Reanalysis, width: number, s: Style): string[] {
  const allUnknown = q.options.every((o) => o.n === null);
  const level = levelText(doc.options.level);
  const ciHeader =
    allUnknown && q.assumedN.length > 0
      ? `${q.options.some((o) => o.bound !== null) ? `${level} bound` : '±points'} at n = ${q.assumedN.map(count).join(' / ')}`
      : `${level} CI`;
  const showCount = !allUnknown;
  const cells = q.options.map((o) => ({
    option: o.option + (o.isNet ? ' (net)' : ''),
    share: shareText(o),
    ci: intervalText(o, allUnknown),
    count: showCount ? countText(o) : '',
    notes: o.notes.filter((n) => !(allUnknown && n === 'n unknown')).join('; '),
    bad: o.consistent === false,
  }));
  const shareW = Math.max(5, ...cells.map((c) => displayWidth(c.share)));
  const ciW = Math.max(displayWidth(ciHeader), ...cells.map((c) => displayWidth(c.ci)));
  const countW = showCount ? Math.max(5, ...cells.map((c) => displayWidth(c.count))) : 0;
  const fixed = INDENT + 2 + shareW + 2 + ciW + (showCount ? 2 + countW : 0) + 2;
  const longest = Math.max(6, ...cells.map((c) => displayWidth(c.option)));
  const notesWanted = Math.min(34, Math.max(5, ...cells.map((c) => displayWidth(c.notes))));
  const optionW = Math.min(longest, 48, Math.max(20, width - fixed - notesWanted));
  const notesW = Math.max(12, width - fixed - optionW);
  const row = (option: string, share: string, ci: string, cnt: string, notes: string) =>
    `${' '.repeat(INDENT)}${pad(option, optionW)}  ${pad(share, shareW, 'right')}  ${pad(ci, ciW)}${showCount ? `  ${pad(cnt, countW, 'right')}` : ''}${notes === '' ? '' : `  ${notes}`}`.trimEnd();
  const lines = [s.dim(row('Option', 'Share', ciHeader, showCount ? 'Count' : '', 'Notes'))];
  for (const c of cells) {
    const optionLines = wrap(c.option, optionW);
    const noteLines = c.notes === '' ? [] : wrap(c.notes, notesW);
    const height = Math.max(optionLines.length, noteLines.length);
    for (let i = 0; i < height; i++) {
      const note = noteLines[i] ?? '';
      lines.push(
        row(
          optionLines[i] ?? '',
          i === 0 ? c.share : '',
          i === 0 ? c.ci : '',
          i === 0 ? c.count : '',
          c.bad ? s.red(note) : s.dim(note),
        ),
      );
    }
  }
  return lines;
}

/** "40.5%", "≈45%", ">80%", "<5%": the figure as printed, with its qualifier. */
export function shareText(o: OptionResult): string {
  if (o.percent === null) return '—';
  const printed = `${o.percentText ?? String(o.percent)}%`;
  const prefix =
    o.qualifier === 'approx'
      ? '≈'
      : o.qualifier === 'more-than'
        ? '>'
        : o.qualifier === 'less-than'
          ? '<'
          : '';
  return prefix + printed;
}

/** "37.6–43.5", or "±4.4 / ±3.1 / ±2.2" at the assumed sizes. */
export function intervalText(o: OptionResult, scenariosOnly: boolean): string {
  if (o.bound === 'lower' && o.lower !== null) return `above ${percentNumber(o.lower)}`;
  if (o.bound === 'upper' && o.upper !== null) return `below ${percentNumber(o.upper)}`;
  if (o.lower !== null && o.upper !== null)
    return `${percentNumber(o.lower)}–${percentNumber(o.upper)}`;
  if (o.scenarios.length > 0 && scenariosOnly) {
    return o.scenarios
      .map((x) =>
        o.bound === 'lower'
          ? `above ${percentNumber(x.lower)}`
          : o.bound === 'upper'
            ? `below ${percentNumber(x.upper)}`
            : x.moe === null
              ? `${percentNumber(x.lower)}–${percentNumber(x.upper)}`
              : `±${percentNumber(x.moe)}`,
      )
      .join(' / ');
  }
  return o.n === null ? 'n unknown' : '—';
}

/** "420", "524–534", "none" (no count fits), "" (not checked). */
export function countText(o: OptionResult): string {
  if (o.consistent === false) return 'none';
  if (o.countMin === null || o.countMax === null) return '';
  return o.countMin === o.countMax
    ? count(o.countMin)
    : `${count(o.countMin)}–${count(o.countMax)}`;
}

const MARKS: Record<LeadResult['verdict'], string> = {
  'beyond-margin': '✔',
  'within-margin': '○',
  'depends-on-overlap': '◐',
  'n-unknown': '?',
  'not-computed': '✗',
};

/** The verdict in words. */
export const VERDICT_TEXT: Record<LeadResult['verdict'], string> = {
  'beyond-margin': 'larger than its margin',
  'within-margin': 'within its margin',
  'depends-on-overlap': 'depends on the overlap',
  'n-unknown': 'n unknown',
  'not-computed': 'not computed',
};

/** The last sentence of a paragraph (after the last ". "), or null. */
export function lastSentence(text: string): string | null {
  const at = text.lastIndexOf('. ');
  return at === -1 ? null : text.slice(at + 2);
}

function leadLines(
  lead: LeadResult,
  width: number,
  s: Style,
  tail: string | null,
  previousTail: string | null,
): string[] {
  const mark = markOf(lead);
  const color =
    mark === '✔'
      ? s.green
      : lead.verdict === 'within-margin'
        ? s.dim
        : lead.verdict === 'not-computed'
          ? s.red
          : s.yellow;
  const pair = `${lead.optionA} vs ${lead.optionB}`;
  const diff = `${points(lead.difference)} points`;
  let head: string;
  if (lead.lower !== null && lead.upper !== null && lead.verdict !== 'n-unknown') {
    const ci = `CI ${points(lead.lower)} to ${points(lead.upper)}`;
    if (lead.kind === 'paired' && lead.liberalLower !== null && lead.liberalUpper !== null) {
      head = `${pair}: ${diff}, ${ci} at the least overlap, ${points(lead.liberalLower)} to ${points(lead.liberalUpper)} at the most, ${pText(lead)} (least overlap)`;
    } else {
      head = `${pair}: ${diff}, ${ci}, ${pText(lead)}`;
    }
  } else if (lead.verdict === 'n-unknown') {
    const from =
      lead.minimumN === null
        ? 'never larger than its margin'
        : `larger than its margin from n = ${count(lead.minimumN)}${lead.kind === 'paired' ? ' whatever the overlap' : ''}`;
    head = `${pair}: ${diff}; n unknown — ${from}`;
  } else {
    head = `${pair}: ${diff} — ${VERDICT_TEXT[lead.verdict]}`;
  }
  const headLines = wrap(head, width - INDENT - 2);
  const lines = headLines.map(
    (h, i) => `${' '.repeat(INDENT)}${i === 0 ? `${color(mark)} ` : '  '}${h}`,
  );
  const more = INDENT + 2;
  if (lead.scenarios.length > 0) {
    const text = lead.scenarios
      .map(
        (x) =>
          `n = ${count(x.n)}: ${x.significant === true ? 'larger' : x.significant === false ? 'within' : 'depends'} (${points(x.lower)} to ${points(x.upper)})`,
      )
      .join(' · ');
    lines.push(...indentWrap(text, more, width));
  }
  if (lead.sentence !== null) {
    let sentence = lead.sentence;
    // A closing sentence the previous lead of this question already said (the
    // poll's headline margin) is said once (`tail`: this sentence's last).
    if (tail !== null && tail === previousTail) sentence = sentence.slice(0, -tail.length - 1);
    const prefixed =
      lead.sentenceN === null ? sentence : `If n were ${count(lead.sentenceN)}: ${sentence}`;
    lines.push(...indentWrap(prefixed, more, width).map(s.dim));
  }
  for (const note of lead.notes)
    lines.push(...indentWrap(`Note: ${note}`, more, width).map(s.yellow));
  return lines;
}

/** The closing line: how many leads exceed their margin (adjusted), what the count check could say. */
export function summaryLine(doc: Reanalysis): string {
  const m = doc.summary;
  const adjusted =
    m.adjustment === 'none'
      ? ''
      : ` (${count(m.beyondMarginAdjusted)} after ${m.adjustment === 'holm' ? 'Holm' : 'Benjamini–Hochberg'} adjustment within each question)`;
  const parts = [
    `${plural(m.surveys, 'survey')}, ${plural(m.questions, 'question')}, ${plural(m.figures, 'figure')}.`,
    `${count(m.leads)} differences tested: ${count(m.beyondMargin)} larger than their margin${adjusted}, ${count(m.withinMargin)} within it${m.dependsOnOverlap > 0 ? `, ${count(m.dependsOnOverlap)} depending on the unreported overlap` : ''}${m.nUnknownLeads > 0 ? `, ${count(m.nUnknownLeads)} with n unknown (shown at assumed sizes)` : ''}.`,
    countSummary(m),
  ];
  if (m.nUnknownFigures > 0) parts.push(`${count(m.nUnknownFigures)} figures have no known n.`);
  return `Summary: ${parts.join(' ')}`;
}

/** What the count check found, and how much it could find. */
function countSummary(m: Reanalysis['summary']): string {
  const checked = m.checkableFigures + m.uncheckableFigures;
  if (checked === 0) return 'No figure could be checked against a whole count.';
  const bad =
    m.inconsistent === 0
      ? 'none is impossible'
      : `${count(m.inconsistent)} ${m.inconsistent === 1 ? 'is' : 'are'} no whole count's share`;
  const blind =
    m.uncheckableFigures === 0
      ? ''
      : `; for ${count(m.uncheckableFigures)} of them the check cannot fail at their n and decimals, so passing says nothing`;
  return `Count check: of ${count(checked)} figures checked, ${bad}${blind}.`;
}

/** The mark of a lead: ✔ only when larger than its margin after adjustment too. */
function markOf(lead: LeadResult): string {
  if (lead.verdict === 'beyond-margin' && lead.significantAdjusted === false) return '○';
  return MARKS[lead.verdict];
}

/** "p = 0.025, Holm 0.127, P(ahead) 0.99", or the exact test's p for small counts. */
function pText(lead: LeadResult): string {
  if (lead.pValue === null) return '';
  const parts = [`${lead.test === 'exact-binomial' ? 'exact ' : ''}${pValue(lead.pValue)}`];
  if (lead.pValueAdjusted !== null && lead.pValueAdjusted !== lead.pValue)
    parts.push(`adjusted ${pValue(lead.pValueAdjusted)}`);
  if (lead.probabilityAhead !== null)
    parts.push(
      `P(ahead) ${lead.probabilityAhead >= 0.9995 ? '> 0.999' : lead.probabilityAhead.toFixed(2)}`,
    );
  return parts.join(', ');
}

/** The adjustment, as the header says it. */
const ADJUSTMENT_TEXT: Record<Reanalysis['options']['adjust'], string> = {
  holm: 'lead p-values Holm-adjusted within each question',
  bh: 'lead p-values Benjamini–Hochberg-adjusted within each question',
  none: 'lead p-values not adjusted',
};

/** "1 survey", "10 surveys". */
export function plural(n: number, word: string): string {
  return `${count(n)} ${word}${n === 1 ? '' : 's'}`;
}

function round(x: number): string {
  return String(Number(x.toFixed(2)));
}
