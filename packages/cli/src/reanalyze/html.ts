// The HTML report: one self-contained file (inline CSS, charts as inline
// SVG, no script, no network), beside the charts' .vl.json specs and PNGs.

import type {
  AcrossPollsResult,
  LeadResult,
  QuestionResult,
  Reanalysis,
  SurveyResult,
} from '@toplines/data';
import { count, dateRange, levelText, points, pValue } from '../format/number';
import { dataText, weighText } from '../messages';
import { VERSION } from '../version';
import {
  countText,
  intervalText,
  marginLine,
  shareText,
  summaryLine,
  VERDICT_TEXT,
} from './terminal';
import { METHOD_NAMES } from './terminal-names';

/** A rendered chart, as the report embeds and links it. */
export interface ChartFile {
  /** "share" or "lead". */
  kind: 'share' | 'lead';
  /** The SVG markup (ids made unique within the page). */
  svg: string;
  /** Path of the spec, relative to index.html. */
  spec: string;
  /** Path of the PNG, relative to index.html (null when not written). */
  png: string | null;
  /** The chart's text description (Vega-Lite `description`). */
  description: string;
}

/** Escapes text for HTML. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' }[c]};`,
  );
}

const e = escapeHtml;

/**
 * The anchor id of a question block: `q-` and its ids joined by `--` when
 * they are plain (letters, digits, `_`, single `-`), which the join keeps
 * apart; otherwise `qx-`, a slug of at most 60 characters and a hash of the
 * ids, so that ids differing only in punctuation or script ("vote 1",
 * "vote-1", two Japanese ids) never share an anchor, nor their charts.
 */
export function questionAnchor(q: QuestionResult): string {
  const parts = [q.surveyId, q.questionId];
  if (q.groupDim !== 'total' || q.groupValue !== 'total') parts.push(q.groupDim, q.groupValue);
  if (q.sourceId !== null) parts.push(q.sourceId);
  if (parts.every((p) => /^[A-Za-z0-9_]+(?:-[A-Za-z0-9_]+)*$/.test(p)))
    return `q-${parts.join('--')}`;
  const slug = parts
    .join('--')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .slice(0, 60);
  return `qx-${slug}-${fnv1a(JSON.stringify(parts))}`;
}

// FNV-1a (32 bits) in place of node:crypto: this module stays free of Node
// imports, and an anchor needs only to differ, not to resist an attacker.
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/**
 * The report page.
 *
 * @param doc - the reanalysis
 * @param charts - the rendered charts of each question, by {@link questionAnchor}
 * @param fontCss - @font-face rules for the charts' font (embedded, so the page needs no network)
 * @param cappedNote - when `--max-charts` left charts out, the sentence that says so (and how to draw them all)
 * @param listedNote - when `--max-questions` left questions out of `doc`, the sentence that says so (and how to list them all)
 * @returns the HTML document
 */
export function renderHtml(
  doc: Reanalysis,
  charts: Map<string, ChartFile[]>,
  fontCss = '',
  cappedNote: string | null = null,
  listedNote: string | null = null,
): string {
  const o = doc.options;
  const deff =
    doc.input.kind === 'microdata'
      ? weighText.designEffects()
      : o.deff === 'implied'
        ? 'the design effect each published margin implies (never below 1; 1 where none is published)'
        : `design effect ${o.deff}`;
  const toc = doc.surveys
    .map(
      (s) =>
        `<li><a href="#s-${slug(s.surveyId)}">${e(s.title)}</a> <span class="muted">(${s.questions.length} question${s.questions.length === 1 ? '' : 's'})</span></li>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="toplines ${VERSION}">
<title>toplines reanalysis — ${e(doc.input.title)}</title>
<style>${fontCss}
${CSS}</style>
</head>
<body>
<header>
<h1>Reanalysis of published survey results</h1>
<p class="lede">${e(doc.input.title)}. Intervals: ${e(METHOD_NAMES[o.method] ?? o.method)}, ${levelText(o.level)}, ${e(deff)}. Leads between options of a single-choice question use the variance of a difference within one sample; options of a check-all question are compared as paired differences, bounded over the unreported overlap.</p>
${doc.input.kind === 'article' ? `<p class="note machine-read"><strong>${e(dataText.machineRead())}</strong></p>\n` : ''}<p class="summary">${e(summaryLine(doc))}</p>
${listedNote === null ? '' : `<p class="note capped">${e(listedNote)}</p>\n`}${cappedNote === null ? '' : `<p class="note capped">${e(cappedNote)}</p>`}
${doc.warnings.length === 0 ? '' : `<details class="warnings"><summary>${doc.warnings.length} validation warning${doc.warnings.length === 1 ? '' : 's'}</summary><ul>${doc.warnings.map((w) => `<li>${e(w.message)}</li>`).join('')}</ul></details>`}
<nav aria-label="Surveys"><h2>Surveys</h2><ol>
${toc}
</ol></nav>
</header>
<main>
${doc.surveys.map((s) => surveySection(s, doc, charts)).join('\n')}
${doc.acrossPolls.map((a) => acrossSection(a, doc)).join('\n')}
</main>
<footer><p>Generated by <code>toplines reanalyze</code> ${VERSION}. Results as tables: <a href="results.csv">results.csv</a>, <a href="leads.csv">leads.csv</a>; the whole reanalysis: <a href="reanalysis.json">reanalysis.json</a>. Each chart's Vega-Lite spec is linked under it.</p></footer>
</body>
</html>
`;
}

function surveySection(s: SurveyResult, doc: Reanalysis, charts: Map<string, ChartFile[]>): string {
  const facts: [string, string][] = [
    ['Survey id', s.surveyId],
    [
      'Organisation',
      [s.organization, s.sponsor === null ? null : `for ${s.sponsor}`]
        .filter((x) => x !== null)
        .join(' ') || 'not stated',
    ],
    ['Fieldwork', dateRange(s.fieldStart, s.fieldEnd) ?? 'dates not stated'],
    ['Sample size', s.n === null ? 'not stated' : `n = ${count(s.n)}`],
    ['Mode', s.mode ?? 'not stated'],
    ['Sample type', s.sampleType === 'unknown' ? 'not described by the source' : s.sampleType],
    ['Population', s.population ?? 'not stated'],
    ['Margin of error', marginLine(s, doc).replace(/^Margin of error: /, '')],
  ];
  return `<section class="survey" id="s-${slug(s.surveyId)}" aria-labelledby="h-${slug(s.surveyId)}">
<h2 id="h-${slug(s.surveyId)}">${e(s.title)}</h2>
<dl class="facts">${facts.map(([k, v]) => `<dt>${e(k)}</dt><dd>${e(v)}</dd>`).join('')}</dl>
${s.caveats.map((c) => `<p class="caveat">${e(c)}</p>`).join('\n')}
${s.notes === null ? '' : `<details class="notes"><summary>Notes on the source</summary><p>${e(s.notes)}</p></details>`}
${s.questions.length === 0 ? '<p class="muted">No results of this survey in the data.</p>' : ''}
${s.questions.map((q) => questionArticle(q, doc, charts.get(questionAnchor(q)) ?? [])).join('\n')}
</section>`;
}

function questionArticle(q: QuestionResult, doc: Reanalysis, charts: ChartFile[]): string {
  const level = levelText(doc.options.level);
  const type = `${q.responseType === 'multiple' ? 'check-all' : q.responseType}${q.responseTypeInferred ? ' (inferred)' : ''}`;
  const meta = [
    `<code>${e(q.questionId)}</code>`,
    e(type),
    q.groupDim !== 'total' || q.groupValue !== 'total' ? e(`${q.groupDim}: ${q.groupValue}`) : null,
    e(q.base ?? 'base not stated'),
    q.n === null ? 'n unknown' : `n = ${count(q.n)}`,
    q.sourceId === null ? null : `source <code>${e(q.sourceId)}</code>`,
  ].filter((x) => x !== null);
  const allUnknown = q.options.every((x) => x.n === null) && q.assumedN.length > 0;
  const ciHead = allUnknown
    ? `±points at n = ${q.assumedN.map(count).join(' / ')}`
    : `${level} CI (%)`;
  const optionRows = q.options
    .map(
      (x) =>
        `<tr${x.consistent === false ? ' class="bad"' : ''}><th scope="row">${e(x.option)}${x.isNet ? ' <span class="tag">net</span>' : ''}</th><td class="num">${e(shareText(x))}</td><td class="num">${e(intervalText(x, allUnknown))}</td><td class="num">${e(countText(x))}</td><td>${e(x.notes.join('; '))}</td></tr>`,
    )
    .join('\n');
  const chart = (c: ChartFile) =>
    `<figure class="chart ${c.kind}"><div class="svg" role="img" aria-label="${e(c.description)}">${c.svg}</div><figcaption><a href="${e(c.spec)}">Vega-Lite spec</a>${c.png === null ? '' : ` · <a href="${e(c.png)}">PNG</a>`}</figcaption></figure>`;
  const share = charts
    .filter((c) => c.kind === 'share')
    .map(chart)
    .join('\n');
  const leadCharts = charts
    .filter((c) => c.kind === 'lead')
    .map(chart)
    .join('\n');
  return `<article class="question" id="${questionAnchor(q)}">
<h3>${e(q.wording ?? q.questionId)}</h3>
<p class="meta">${meta.join(' · ')}</p>
${share}
<table class="options">
<caption>Reported shares, ${e(ciHead)}, and the whole counts out of n that print as each figure</caption>
<thead><tr><th scope="col">Option</th><th scope="col" class="num">Share</th><th scope="col" class="num">${e(ciHead)}</th><th scope="col" class="num">Count</th><th scope="col">Notes</th></tr></thead>
<tbody>
${optionRows}
</tbody>
</table>
${q.caveats.length === 0 ? '' : `<ul class="caveats">${q.caveats.map((c) => `<li>${e(c)}</li>`).join('')}</ul>`}
${leadCharts}
${q.leads.length === 0 ? '' : leadsTable(q, level)}
</article>`;
}

function leadsTable(q: QuestionResult, level: string): string {
  const paired = q.leads[0]?.kind === 'paired';
  const rows = q.leads
    .map(
      (
        l,
      ) => `<tr class="${l.verdict}"><th scope="row">${e(l.optionA)} vs ${e(l.optionB)}</th><td class="num">${e(points(l.difference))}</td><td class="num">${e(leadInterval(l))}</td><td class="num">${l.pValue === null || l.verdict === 'n-unknown' ? '' : e(pValue(l.pValue))}</td><td class="num">${l.pValueAdjusted === null || l.verdict === 'n-unknown' ? '' : e(pValue(l.pValueAdjusted))}</td><td class="num">${l.probabilityAhead === null ? '' : e(l.probabilityAhead >= 0.9995 ? '> 0.999' : l.probabilityAhead.toFixed(2))}</td><td>${e(verdictText(l))}</td></tr>
<tr class="sentence"><td colspan="7">${e(sentenceText(l))}</td></tr>`,
    )
    .join('\n');
  return `<table class="leads">
<caption>${paired ? 'Paired differences (check-all question)' : 'Leads'}, ${level}</caption>
<thead><tr><th scope="col">${paired ? 'Difference' : 'Lead'}</th><th scope="col" class="num">Points</th><th scope="col" class="num">${level} CI</th><th scope="col" class="num">p</th><th scope="col" class="num">p adjusted (${e(q.adjustment === 'holm' ? 'Holm' : q.adjustment === 'bh' ? 'BH' : 'none')})</th><th scope="col" class="num">P(A ahead)</th><th scope="col">Verdict</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
}

function leadInterval(l: LeadResult): string {
  if (l.verdict === 'n-unknown') {
    return l.scenarios
      .map((x) => `n = ${count(x.n)}: ${points(x.lower)} to ${points(x.upper)}`)
      .join('; ');
  }
  if (l.lower === null || l.upper === null) return '';
  const main = `${points(l.lower)} to ${points(l.upper)}`;
  if (l.kind === 'paired' && l.liberalLower !== null && l.liberalUpper !== null) {
    return `${main} (least overlap); ${points(l.liberalLower)} to ${points(l.liberalUpper)} (most)`;
  }
  return main;
}

function verdictText(l: LeadResult): string {
  if (l.verdict === 'n-unknown') {
    return l.minimumN === null
      ? 'n unknown'
      : `n unknown: larger than its margin from n = ${count(l.minimumN)}`;
  }
  const adjusted =
    l.verdict === 'beyond-margin' && l.significantAdjusted === false
      ? ', but not after adjustment for the other comparisons of this question'
      : '';
  return (
    VERDICT_TEXT[l.verdict] + adjusted + (l.notes.length > 0 ? ` (${l.notes.join('; ')})` : '')
  );
}

/** One construct across polls: the polls, the changes and tests, the caveats. */
function acrossSection(a: AcrossPollsResult, doc: Reanalysis): string {
  const level = levelText(doc.options.level);
  const rows = a.polls
    .map(
      (p) =>
        `<tr><th scope="row">${e(p.organization ?? p.surveyId)}</th><td>${e(dateRange(p.fieldStart, p.fieldEnd) ?? 'not stated')}</td><td>${e(p.option)}</td><td class="num">${p.percent === null ? '—' : e(`${p.percent}%`)}</td><td class="num">${p.n === null ? 'not given' : e(count(p.n))}</td><td class="num">${p.lower === null || p.upper === null ? '' : e(`${(100 * p.lower).toFixed(1)}–${(100 * p.upper).toFixed(1)}`)}</td><td>${e(p.constructNote ?? '')}</td></tr>`,
    )
    .join('\n');
  const findings = [
    ...a.changes.map((c) =>
      c.verdict === 'n-unknown'
        ? `${c.organization}: ${c.percentFrom}% → ${c.percentTo}%; n not given${c.minimumN === null ? '' : `: larger than its margin at every n of ${count(c.minimumN)} or more per wave where both figures are possible counts`}`
        : `${c.organization}: ${c.percentFrom}% → ${c.percentTo}% (${points(c.difference)} points): ${VERDICT_TEXT[c.verdict]}, ${c.test === 'fisher' ? "Fisher's exact " : ''}${pValue(c.pValue as number)}`,
    ),
    ...(a.trend === null ? [] : [`Trend over the waves: ${pValue(a.trend.pValue)}`]),
    ...(a.pooled === null
      ? []
      : [
          `Pooled (random effects): ${(100 * a.pooled.estimate).toFixed(1)}%, ${level} CI ${(100 * a.pooled.lower).toFixed(1)}–${(100 * a.pooled.upper).toFixed(1)}; prediction interval ${(100 * a.pooled.predictionLower).toFixed(1)}–${(100 * a.pooled.predictionUpper).toFixed(1)}; I² ${(100 * a.pooled.i2).toFixed(0)}%`,
        ]),
  ];
  return `<section class="across" id="across-${slug(a.construct)}" aria-labelledby="h-across-${slug(a.construct)}">
<h2 id="h-across-${slug(a.construct)}">Across polls: ${e(a.construct)}</h2>
<p>${e(a.sentence)}</p>
<table class="across-polls"><caption>The polls of this construct, ${e(level)} CI</caption>
<thead><tr><th scope="col">Poll</th><th scope="col">Fieldwork</th><th scope="col">Answer</th><th scope="col" class="num">Share</th><th scope="col" class="num">n</th><th scope="col" class="num">${e(level)} CI</th><th scope="col">How it differs</th></tr></thead>
<tbody>
${rows}
</tbody></table>
${findings.length === 0 ? '' : `<ul>${findings.map((f) => `<li>${e(f)}</li>`).join('')}</ul>`}
${a.caveats.length === 0 ? '' : `<ul class="caveats">${a.caveats.map((c) => `<li>${e(c)}</li>`).join('')}</ul>`}
</section>`;
}

function sentenceText(l: LeadResult): string {
  if (l.sentence === null) return l.notes.join('; ');
  return l.sentenceN === null ? l.sentence : `If n were ${count(l.sentenceN)}: ${l.sentence}`;
}

function slug(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]+/g, '-');
}

/**
 * The page's Content-Security-Policy: nothing is loaded or run but its own
 * inline styles (the page, and the style attributes of the inline SVGs) and
 * the embedded font; no script at all, so data that slipped past escaping
 * could not run.
 */
const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src 'self' data:; base-uri 'none'; form-action 'none'";

const CSS = `
:root { color-scheme: light; --ink: #222; --muted: #666; --rule: #ddd; --blue: #0072B2; --orange: #D55E00; --green: #009E73; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 64rem; padding: 1.5rem; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: #fff; }
h1 { font-size: 1.6rem; margin: 0 0 .5rem; }
h2 { font-size: 1.3rem; margin: 2.5rem 0 .5rem; padding-top: .75rem; border-top: 3px solid var(--ink); }
nav h2 { border: 0; margin-top: 1rem; font-size: 1rem; }
h3 { font-size: 1.05rem; margin: 0 0 .25rem; }
.lede, .summary { max-width: 50rem; }
.summary { font-weight: 600; }
.muted, .meta, figcaption, caption { color: var(--muted); }
.meta { margin: 0 0 .75rem; font-size: .9rem; }
code { font-size: .9em; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; margin: .5rem 0 1rem; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
.caveat, .caveats { color: #7a4b00; background: #fff7e6; border-left: 3px solid #e69f00; padding: .4rem .75rem; }
.caveats { margin: .5rem 0; padding-left: 2rem; }
article.question { margin: 1.5rem 0 2rem; padding-top: 1rem; border-top: 1px solid var(--rule); }
figure.chart { margin: .5rem 0 1rem; overflow-x: auto; }
figure.chart .svg svg { display: block; max-width: 100%; height: auto; }
figure.chart svg text { font-family: Inter, "Helvetica Neue", Arial, sans-serif; }
table { border-collapse: collapse; margin: .5rem 0 1rem; width: 100%; font-size: .92rem; }
caption { text-align: left; font-size: .85rem; padding-bottom: .25rem; }
th, td { text-align: left; vertical-align: top; padding: .25rem .5rem; border-bottom: 1px solid var(--rule); }
thead th { border-bottom: 2px solid var(--ink); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tbody th { font-weight: 400; }
tr.bad td, tr.bad th { color: #b00020; }
tr.sentence td { color: var(--muted); font-size: .88rem; border-bottom: 1px solid var(--rule); padding-bottom: .6rem; }
tr.beyond-margin td:last-child { color: var(--green); font-weight: 600; }
tr.within-margin td:last-child { color: var(--muted); }
tr.depends-on-overlap td:last-child, tr.n-unknown td:last-child { color: #7a4b00; }
tr.beyond-margin, tr.within-margin, tr.depends-on-overlap, tr.n-unknown, tr.not-computed { border-top: 1px solid var(--rule); }
tr.beyond-margin th, tr.beyond-margin td, tr.within-margin th, tr.within-margin td, tr.depends-on-overlap th, tr.depends-on-overlap td, tr.n-unknown th, tr.n-unknown td { border-bottom: 0; }
.tag { font-size: .75rem; background: #eee; border-radius: 3px; padding: 0 .3rem; }
details { margin: .5rem 0; }
footer { margin-top: 3rem; border-top: 1px solid var(--rule); color: var(--muted); font-size: .9rem; }
@media print { figure.chart, article.question { break-inside: avoid; } }
`;
