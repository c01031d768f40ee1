// Writes a made-up archive of published toplines in the 11-column results
// layout (datasets/results.csv): S surveys × Q questions × K options, each
// question's shares summing to 100 with one decimal. Seeded, so the same
// arguments always write the same file. For the scale benchmark and tests;
// nothing in it is a real result.
//
//   node packages/cli/bench/generate-archive.mjs OUT.csv [SURVEYS] [QUESTIONS] [OPTIONS]
//   (defaults 400 × 100 × 5 = 200,000 rows)
import { createWriteStream } from 'node:fs';
import { pathToFileURL } from 'node:url';

const HEADER =
  'survey_id,question_id,group_dim,group_value,option,percent,qualifier,is_net,base_n,source_id,quote\n';
const SIZES = [500, 800, 1000, 1200, 2000];

/** mulberry32: a small seeded generator, enough for made-up shares. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** K shares in tenths of a point summing to exactly 1000 (largest remainder). */
function shares(k, next) {
  const weights = Array.from({ length: k }, () => 0.05 + next());
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (1000 * w) / sum);
  const tenths = exact.map(Math.floor);
  let left = 1000 - tenths.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i]).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    tenths[i] += 1;
  }
  return tenths;
}

/**
 * Writes the archive and resolves with its number of data rows.
 *
 * @example
 * await generateArchive('/tmp/big.csv'); // => 200000
 */
export async function generateArchive(path, surveys = 400, questions = 100, options = 5) {
  const next = random(20250601);
  const out = createWriteStream(path);
  const write = (text) =>
    out.write(text) ? Promise.resolve() : new Promise((r) => out.once('drain', r));
  await write(HEADER);
  let rows = 0;
  for (let s = 0; s < surveys; s++) {
    const n = SIZES[s % SIZES.length];
    let chunk = '';
    for (let q = 0; q < questions; q++) {
      const tenths = shares(options, next);
      for (let k = 0; k < options; k++) {
        const p = (tenths[k] / 10).toFixed(1);
        chunk += `s${s},q${q},total,total,option ${k},${p},exact,false,${n},src,option ${k} ${p}%\n`;
        rows++;
      }
    }
    await write(chunk);
  }
  await new Promise((resolve, reject) => out.end((e) => (e ? reject(e) : resolve())));
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [path, ...sizes] = process.argv.slice(2);
  if (path === undefined) {
    process.stderr.write('usage: generate-archive.mjs OUT.csv [SURVEYS] [QUESTIONS] [OPTIONS]\n');
    process.exit(2);
  }
  const rows = await generateArchive(path, ...sizes.map(Number));
  process.stderr.write(`wrote ${rows} rows to ${path}\n`);
}
