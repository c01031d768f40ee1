#!/usr/bin/env node
// How well `toplines read` reads articles, in two tables:
// 1. in sample: the five source texts of the bundled data, measured against
//    the figures transcribed by hand in datasets/results.csv. The rules were
//    written while reading these texts, so this measures fit, not
//    generalisation;
// 2. held out: the articles of packages/read/eval/ (written for the
//    evaluation, each with the figures a person transcribed from it before
//    the reader was run on it), scored by read-eval-heldout.mjs.
//
//   npm run read:eval                      # builds @toplines/read, prints Markdown
//   TOPLINES_SEEDS=/path/to/seeds npm run read:eval
//
// The source texts are third-party articles: they are not in the repository.
// They are read from TOPLINES_SEEDS, by default <repository>/../shared/seeds,
// each by the file name in datasets/sources.csv's `document` column. Without
// them the first table is skipped, with a note on standard error, and the
// held-out table is printed all the same.
//
// The rules of the measure (also in docs/reading-articles.md):
// - recall: a bundled row is found when a row read from its source text has
//   the same percentage (as a number) and a quote (the sentence read) that
//   overlaps the bundled quote in the text; each read row counts for at most
//   one bundled row. "figure inside" is stricter: the read figure itself lies
//   within the bundled quote.
// - precision: read rows that match a bundled row, over all rows read. A read
//   row that matches none is listed below the table for a human to judge: it
//   may be a real poll share that the bundled data leaves out.
// - n: the sample size read for each survey of the bundled data that states one.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// Not a turbo task's input: read:eval runs outside turbo, after its build.
const { env } = process;
const SEEDS = resolve(env['TOPLINES_SEEDS'] ?? join(ROOT, '..', 'shared', 'seeds'));

const { readArticle } = await import('@toplines/read');
const { heldOutReport } = await import('./read-eval-heldout.mjs');
const out = [];
if (existsSync(SEEDS)) out.push(...(await inSampleReport()), '');
else
  process.stderr.write(
    `read:eval: the source texts are not at ${SEEDS} (set TOPLINES_SEEDS to the folder that holds them): the in-sample table is skipped\n`,
  );
out.push(...heldOutReport(ROOT, readArticle));
process.stdout.write(`${out.join('\n')}\n`);

/** The first table: the five source texts of the bundled data. */
async function inSampleReport() {
  const { readDataPackage } = await import('@toplines/data/node');
  const pkg = await readDataPackage(join(ROOT, 'datasets'));
  const bundledRows = pkg.results.objects();
  const sources = pkg.sources.objects();
  const surveys = pkg.surveys.objects();

  /** Where a quote is in a text: exact, else with any run of white space matching any other. */
  function locate(text, quote) {
    const at = text.indexOf(quote);
    if (at !== -1) return { start: at, end: at + quote.length };
    const pattern = quote
      .trim()
      .split(/\s+/)
      .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('\\s+');
    const m = new RegExp(pattern).exec(text);
    return m === null ? null : { start: m.index, end: m.index + m[0].length };
  }

  const overlaps = (a, b) => a.start < b.end && b.start < a.end;
  const inside = (figure, q) => figure.start >= q.start && figure.end <= q.end;
  const pct = (x, n) => (n === 0 ? '—' : `${((100 * x) / n).toFixed(1)}%`);

  const perDocument = [];
  const misses = [];
  const unmatched = [];
  const drafts = new Map();
  let totalBundled = 0;
  let totalFound = 0;
  let totalMatched = 0;
  let totalInside = 0;
  let totalHigh = 0;
  let totalHighMatched = 0;

  for (const source of sources) {
    const path = join(SEEDS, source.document);
    if (!existsSync(path)) {
      process.stderr.write(`read:eval: ${source.document} is not in ${SEEDS}\n`);
      process.exit(1);
    }
    const text = readFileSync(path, 'utf8');
    const draft = readArticle(text, { source: source.document });
    drafts.set(source.source_id, draft);
    const bundled = bundledRows.filter((r) => r.source_id === source.source_id);
    const used = new Set();
    let matched = 0;
    let figureInside = 0;
    for (const b of bundled) {
      const q = locate(draft.text, b.quote);
      const candidates = draft.rows
        .map((row, i) => ({ row, i }))
        .filter(({ row, i }) => !used.has(i) && row.percent === b.percent && q !== null);
      const best =
        candidates.find(({ row }) => inside(row.figure, q)) ??
        candidates.find(({ row }) => overlaps(row.quote, q));
      if (best === undefined) {
        const rejected = q === null ? undefined : draft.rejected.find((r) => overlaps(r.figure, q));
        misses.push({ source, b, why: rejected === undefined ? null : rejected });
        continue;
      }
      used.add(best.i);
      matched++;
      if (inside(best.row.figure, q)) figureInside++;
    }
    draft.rows.forEach((row, i) => {
      if (!used.has(i)) unmatched.push({ source, row });
    });
    const high = draft.rows.filter((r) => r.confidence === 'high');
    totalHigh += high.length;
    totalHighMatched += draft.rows.filter((r, i) => r.confidence === 'high' && used.has(i)).length;
    perDocument.push({
      source,
      bundled: bundled.length,
      found: draft.rows.length,
      matched,
      figureInside,
      low: draft.rows.filter((r) => r.confidence === 'low').length,
      rejected: draft.rejected.length,
    });
    totalBundled += bundled.length;
    totalFound += draft.rows.length;
    totalMatched += matched;
    totalInside += figureInside;
  }

  const out = [];
  const line = (s = '') => out.push(s);
  const short = (t, n = 60) => (t.length > n ? `${t.slice(0, n - 1)}…` : t);
  const cell = (t) => String(t).replace(/\|/g, '\\|').replace(/\s+/g, ' ');

  line('## toplines read on the five source texts of the bundled data');
  line();
  line(
    '| source text | bundled figures | rows read | matched | recall | figure inside quote | precision (matched / read) | low-confidence rows | percentages rejected |',
  );
  line('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const d of perDocument) {
    line(
      `| ${cell(short(d.source.title))} | ${d.bundled} | ${d.found} | ${d.matched} | ${pct(d.matched, d.bundled)} | ${pct(d.figureInside, d.bundled)} | ${pct(d.matched, d.found)} | ${d.low} | ${d.rejected} |`,
    );
  }
  line(
    `| **all five** | **${totalBundled}** | **${totalFound}** | **${totalMatched}** | **${pct(totalMatched, totalBundled)}** | **${pct(totalInside, totalBundled)}** | **${pct(totalMatched, totalFound)}** | **${perDocument.reduce((a, d) => a + d.low, 0)}** | **${perDocument.reduce((a, d) => a + d.rejected, 0)}** |`,
  );
  line();
  line(
    `Rows of high confidence: ${totalHigh}, of which ${totalHighMatched} match a bundled row (${pct(totalHighMatched, totalHigh)}).`,
  );
  line();
  line('### Sample sizes read');
  line();
  line('| bundled survey | n in the bundled data | n read from its source text |');
  line('| --- | ---: | --- |');
  for (const s of surveys) {
    const draft = drafts.get(s.source_id);
    const n = (x) => x.toLocaleString('en-US');
    const direct = draft?.surveys.filter((x) => x.n !== null) ?? [];
    const parts = (draft?.surveys ?? []).flatMap((x) =>
      x.samples === null
        ? []
        : x.samples.value.parts.map((p) => ({ key: x.key, total: x.samples.value.total, ...p })),
    );
    let read =
      direct.length === 0
        ? 'none stated'
        : direct.map((x) => `${n(x.n.value)} (${x.key})`).join(', ');
    if (s.n !== null && !direct.some((x) => x.n.value === s.n)) {
      const part = parts.find((p) => p.n === s.n);
      read =
        part === undefined
          ? `${read} ✗`
          : `${n(part.n)}, “${part.label}” of the total ${n(part.total)} (${part.key}) ✓`;
    } else if (s.n !== null) read = `${read} ✓`;
    line(`| ${s.survey_id} | ${s.n === null ? '—' : n(s.n)} | ${read} |`);
  }
  line();
  line(`### Bundled figures not found (${misses.length})`);
  line();
  if (misses.length === 0) line('None.');
  for (const m of misses) {
    line(
      `- ${m.source.document}: ${m.b.percent_text}% (${m.b.survey_id} / ${m.b.question_id} / ${m.b.option}) — “${cell(short(m.b.quote, 120))}”${m.why === null ? '' : ` — rejected: ${m.why.why}`}`,
    );
  }
  line();
  line(`### Rows read that match no bundled figure (${unmatched.length}): for a human to judge`);
  line();
  if (unmatched.length === 0) line('None.');
  for (const u of unmatched) {
    line(
      `- ${u.source.document}: ${u.row.percentText} (${u.row.confidence}; ${cell(u.row.survey)} / ${cell(short(u.row.question, 50))} / ${cell(short(u.row.option, 40))}) — “${cell(short(u.row.quote.text, 140))}”`,
    );
  }
  return out;
}
