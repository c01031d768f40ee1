// The held-out half of `npm run read:eval`: how well `toplines read` reads
// articles its rules were not written from. Imported by read-eval.mjs.
//
// The articles are packages/read/eval/articles/NAME.{txt,md,html}, written for
// this evaluation; packages/read/eval/expected/NAME.csv holds, for each, the
// figures a careful person would transcribe (survey,question,group,option,
// percent,n), written before the reader was run on the article.
// packages/read/eval/rounds.json puts them in rounds: round 1 was written
// before any change to the rules (and the rules were then changed while
// reading its misses, so it is no longer out of sample); round 2 after those
// changes. Each round gets its own total: the last round's is the
// out-of-sample figure for the rules as they stand.
//
// The rules of the measure (also in docs/reading-articles.md):
// - A transcribed figure is matched to a row read when the row's percent is
//   the same and its sentence holds the words of the figure's labels; or,
//   failing that, when the row comes from a sentence that prints the
//   transcribed number and holds at least a third of those words (the reader
//   found the right sentence but took another number from it: percent wrong).
//   Pairs are taken best first (same percent, then the most label words in
//   the sentence, then the same group); each row counts for one figure.
// - recall: matched / transcribed; precision: matched / read.
// - percent right, group right, survey right, n right: of the matched pairs.
//   Group: both empty, or the words of one (less "aged", "those", "year",
//   "old", "respondents"…) all among the other's, a place and its people
//   counting as one word ("South Korea", "South Koreans"). Survey: each transcribed
//   survey is paired with the read survey most of its figures went to (one
//   to one); an earlier wave is a survey of its own. n right: the same n, or
//   both empty.
// - n wrong: a matched row with an n that is not the transcribed one — an n
//   the text does not state for that figure is the worst error, since the
//   reanalysis then computes an interval from it. n missed: the text states
//   the figure's n and the row has none.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';

const FORMATS = { '.txt': 'text', '.md': 'markdown', '.html': 'html' };

const STOP = new Set(
  'the a an of to in on for and or is are was were be been that this it its their they them with by as at from who what which said say says saying than their there about'.split(
    ' ',
  ),
);
const GROUP_STOP = new Set(
  'aged age ages year years old olds those people respondents adults voters who are in of the and'.split(
    ' ',
  ),
);

/** The words of a text: folded (full-width as ASCII), lower case, a plural's s dropped. */
function words(text, stop = STOP) {
  return (text ?? '')
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '' && !stop.has(w))
    .map((w) => (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w));
}

/** A CSV line split into cells (RFC 4180 quotes). */
function cells(line) {
  const out = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(cell);
      cell = '';
    } else cell += c;
  }
  out.push(cell);
  return out;
}

function readExpected(path) {
  const [header, ...lines] = readFileSync(path, 'utf8').split(/\r?\n/).filter(Boolean);
  const names = cells(header);
  return lines.map((line) => {
    const row = Object.fromEntries(cells(line).map((v, i) => [names[i], v]));
    return {
      survey: row.survey,
      question: row.question,
      group: row.group === '' ? null : row.group,
      option: row.option,
      percentText: row.percent,
      percent: Number(row.percent),
      n: row.n === '' || row.n === undefined ? null : Number(row.n),
    };
  });
}

/** Two words of a group are the same: equal, or a place and its people ("korea", "korean"; "japan", "japanese"). */
function sameWord(x, y) {
  if (x === y) return true;
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  return short.length >= 5 && long.startsWith(short);
}

function groupRight(expected, read) {
  const a = [...new Set(words(expected, GROUP_STOP))];
  const b = [...new Set(words(read, GROUP_STOP))];
  if (a.length === 0 && b.length === 0) return true;
  if (a.length === 0 || b.length === 0) return false;
  const within = (xs, ys) => xs.every((x) => ys.some((y) => sameWord(x, y)));
  return within(a, b) || within(b, a);
}

/** The sentence prints the number (digits, full-width folded), not as part of another. */
function prints(sentence, number) {
  const escaped = number.replace('.', '\\.');
  return new RegExp(`(?<![\\d.,])${escaped}(?![\\d]|\\.\\d)`).test(sentence.normalize('NFKC'));
}

function match(expected, rows) {
  const pairs = [];
  expected.forEach((e, ei) => {
    const want = words(`${e.question} ${e.option} ${e.group ?? ''}`);
    rows.forEach((r, ri) => {
      const have = new Set(words(r.quote.text));
      const cover = want.length === 0 ? 0 : want.filter((w) => have.has(w)).length / want.length;
      const group = groupRight(e.group, r.group) ? 1 : 0;
      if (Math.abs(r.percent - e.percent) < 0.05)
        pairs.push({ ei, ri, score: 10 + 3 * cover + group });
      else if (cover >= 1 / 3 && prints(r.quote.text, e.percentText))
        pairs.push({ ei, ri, score: 3 * cover + group });
    });
  });
  pairs.sort((a, b) => b.score - a.score || a.ei - b.ei || a.ri - b.ri);
  const byExpected = new Map();
  const usedRows = new Set();
  for (const p of pairs) {
    if (byExpected.has(p.ei) || usedRows.has(p.ri)) continue;
    byExpected.set(p.ei, p.ri);
    usedRows.add(p.ri);
  }
  return { byExpected, usedRows };
}

/** Each transcribed survey paired with the read survey most of its matched figures went to. */
function surveyMap(expected, rows, byExpected) {
  const counts = new Map();
  for (const [ei, ri] of byExpected) {
    const k = `${expected[ei].survey}\u0000${rows[ri].survey}`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const map = new Map();
  const taken = new Set();
  for (const [k] of [...counts].sort((a, b) => b[1] - a[1])) {
    const [e, r] = k.split('\u0000');
    if (map.has(e) || taken.has(r)) continue;
    map.set(e, r);
    taken.add(r);
  }
  return map;
}

/**
 * Reads every held-out article and scores it.
 *
 * @param {string} root - the repository
 * @param {(text: string, options: object) => object} readArticle - @toplines/read's
 * @returns {string[]} the report's lines (Markdown)
 */
export function heldOutReport(root, readArticle) {
  const dir = join(root, 'packages', 'read', 'eval');
  const names = readdirSync(join(dir, 'articles'))
    .filter((f) => FORMATS[extname(f)] !== undefined)
    .sort();
  const { rounds } = JSON.parse(readFileSync(join(dir, 'rounds.json'), 'utf8'));
  const roundOf = (file) => rounds.find((r) => r.articles.includes(file))?.round ?? null;
  for (const file of names)
    if (roundOf(file) === null) throw new Error(`read:eval: ${file} is in no round of rounds.json`);
  const per = [];
  const misses = [];
  const extras = [];
  const wrong = [];
  for (const file of names) {
    const name = file.slice(0, -extname(file).length);
    const expectedPath = join(dir, 'expected', `${name}.csv`);
    if (!existsSync(expectedPath)) throw new Error(`read:eval: ${expectedPath} is missing`);
    const expected = readExpected(expectedPath);
    const draft = readArticle(readFileSync(join(dir, 'articles', file), 'utf8'), {
      format: FORMATS[extname(file)],
      source: file,
    });
    const rows = draft.rows;
    const { byExpected, usedRows } = match(expected, rows);
    const surveys = surveyMap(expected, rows, byExpected);
    const d = {
      round: roundOf(file),
      file,
      format: FORMATS[extname(file)],
      expected: expected.length,
      read: rows.length,
      matched: byExpected.size,
      percent: 0,
      group: 0,
      survey: 0,
      nRight: 0,
      nWrong: 0,
      nMissed: 0,
      nStated: expected.filter((e) => e.n !== null).length,
    };
    for (const [ei, ri] of byExpected) {
      const e = expected[ei];
      const r = rows[ri];
      const faults = [];
      if (Math.abs(r.percent - e.percent) < 0.05) d.percent++;
      else faults.push(`percent ${r.percent} for ${e.percentText}`);
      if (groupRight(e.group, r.group)) d.group++;
      else faults.push(`group “${r.group ?? ''}” for “${e.group ?? ''}”`);
      if (surveys.get(e.survey) === r.survey) d.survey++;
      else faults.push(`survey ${r.survey} for ${e.survey}`);
      if (r.n === e.n) d.nRight++;
      else if (r.n !== null) {
        d.nWrong++;
        faults.push(`n ${r.n} for ${e.n ?? 'none stated'}`);
      } else {
        d.nMissed++;
        faults.push(`no n for ${e.n}`);
      }
      if (faults.length > 0) wrong.push({ file, e, r, faults });
    }
    expected.forEach((e, ei) => {
      if (byExpected.has(ei)) return;
      const rejected = draft.rejected.find((x) => Math.abs((x.percent ?? -1) - e.percent) < 0.05);
      misses.push({ file, e, rejected });
    });
    rows.forEach((r, ri) => {
      if (!usedRows.has(ri)) extras.push({ file, r });
    });
    per.push(d);
  }

  const out = [];
  const line = (s = '') => out.push(s);
  const pct = (x, n) => (n === 0 ? '—' : `${((100 * x) / n).toFixed(1)}%`);
  const cell = (t) => String(t).replace(/\|/g, '\\|').replace(/\s+/g, ' ');
  const short = (t, n = 60) => (t.length > n ? `${t.slice(0, n - 1)}…` : t);
  const sum = (k) => per.reduce((a, d) => a + d[k], 0);

  line(`## toplines read on ${per.length} held-out articles, in ${rounds.length} rounds`);
  line();
  line(
    '| round | article | format | figures transcribed | rows read | matched | recall | precision | percent right | group right | survey right | n right | n wrong | n missed |',
  );
  line(
    '| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  );
  const rowOf = (d, bold = (x) => x) =>
    `| ${d.round} | ${bold(d.file)} | ${d.format} | ${bold(d.expected)} | ${bold(d.read)} | ${bold(d.matched)} | ${bold(pct(d.matched, d.expected))} | ${bold(pct(d.matched, d.read))} | ${bold(pct(d.percent, d.matched))} | ${bold(pct(d.group, d.matched))} | ${bold(pct(d.survey, d.matched))} | ${bold(pct(d.nRight, d.matched))} | ${bold(d.nWrong)} | ${bold(d.nMissed)} |`;
  const totalOf = (list, round, file) => {
    const add = (k) => list.reduce((a, d) => a + d[k], 0);
    return {
      round,
      file,
      format: '',
      expected: add('expected'),
      read: add('read'),
      matched: add('matched'),
      percent: add('percent'),
      group: add('group'),
      survey: add('survey'),
      nRight: add('nRight'),
      nWrong: add('nWrong'),
      nMissed: add('nMissed'),
    };
  };
  for (const r of rounds) {
    const list = per.filter((d) => d.round === r.round);
    for (const d of list) line(rowOf(d));
    line(
      rowOf(totalOf(list, r.round, `round ${r.round}: ${list.length} articles`), (x) => `**${x}**`),
    );
  }
  line(rowOf(totalOf(per, '', `all ${per.length}`), (x) => `**${x}**`));
  line();
  for (const r of rounds) line(`- Round ${r.round}: ${r.about}.`);
  line();
  line(
    `Rows read: ${sum('read')}, of which ${sum('read') - extras.length} match a transcribed figure; ${extras.filter((x) => x.r.confidence === 'high').length} of the ${extras.length} that match none are of high confidence. Figures whose n the text states: ${sum('nStated')}.`,
  );
  line();
  line(`### Transcribed figures not found (${misses.length})`);
  line();
  if (misses.length === 0) line('None.');
  for (const m of misses)
    line(
      `- ${m.file}: ${m.e.percentText} (${cell(m.e.survey)} / ${cell(m.e.question)} / ${cell(m.e.group ?? 'total')} / ${cell(m.e.option)})${m.rejected === undefined ? '' : ` — left out as ${m.rejected.reason}: “${cell(short(m.rejected.quote.text, 100))}”`}`,
    );
  line();
  line(`### Matched, with something wrong (${wrong.length})`);
  line();
  if (wrong.length === 0) line('None.');
  for (const w of wrong)
    line(
      `- ${w.file}: ${w.r.percentText} (${cell(w.e.option)}): ${w.faults.join('; ')} — “${cell(short(w.r.quote.text, 100))}”`,
    );
  line();
  line(`### Rows read that match no transcribed figure (${extras.length})`);
  line();
  if (extras.length === 0) line('None.');
  for (const x of extras)
    line(
      `- ${x.file}: ${x.r.percentText} (${x.r.confidence}; ${cell(x.r.survey)} / ${cell(short(x.r.option, 40))}) — “${cell(short(x.r.quote.text, 120))}”`,
    );
  return out;
}
