// The performance benchmark of @toplines/core: `npm run bench` in packages/core.
//
// It draws 1,000,000 random (x, n) cases (n from 10 to 5,000, x from 0 to n, a seeded
// generator), times each kernel on all of them (median of 5 rounds, process.hrtime.bigint),
// and prints a table with the alternative each figure is measured against and the ratio.
// statsmodels and scipy are timed on the same cases by bench/alternatives.py when
// /usr/bin/python3 has them; the Clopper–Pearson bounds are checked against R's qbeta when
// Rscript is present. designProportion on 1,000,000 respondents of a stratified cluster
// sample is timed against R's survey::svymean on the same data (bench/design.mjs).
// Options: --cases N (default 1e6), --rounds R (default 5), --json, --design-only (the
// design-based rows alone).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { designBench } from './design.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i < 0 ? fallback : Number(argv[i + 1]);
};
const CASES = option('cases', 1_000_000);
// jStat and @stdlib are timed on the first JS_CASES cases (with toplines on the same ones):
// at 1.5–9 µs a case, a million would take minutes.
const JS_CASES = Math.min(CASES, option('js-cases', 50_000));
const ROUNDS = option('rounds', 5);
const PYTHON = '/usr/bin/python3';
const Z = 1.959963984540054;

const work = mkdtempSync(join(tmpdir(), 'toplines-bench-'));
try {
  await main();
} finally {
  rmSync(work, { recursive: true, force: true });
}

async function main() {
  // The TypeScript source, bundled as it is (no build needed).
  const kernelsFile = join(work, 'kernels.mjs');
  await build({
    entryPoints: [join(here, 'kernels.ts')],
    bundle: true,
    format: 'esm',
    platform: 'node',
    // jstat and @stdlib are CommonJS and require Node's built-ins: give the bundle a require.
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
    outfile: kernelsFile,
    logLevel: 'error',
  });
  const K = await import(pathToFileURL(kernelsFile).href);
  if (argv.includes('--design-only')) {
    const rows = [];
    designRows(designBench(K, work, ROUNDS), (...r) => rows.push(r));
    for (const [what, ours, alt, altName, target, [ratio, met]] of rows) {
      console.log(
        `${what}: ${ours} against ${altName} ${alt}: ${ratio === undefined ? '' : `${ratio.toFixed(3)}×`} ${target} ${met === undefined ? '' : met ? 'met' : 'NOT MET'}`,
      );
    }
    return;
  }

  const { counts, ns, ps } = drawCases(CASES);
  writeFileSync(join(work, 'counts.f64'), new Uint8Array(counts.buffer));
  writeFileSync(join(work, 'ns.f64'), new Uint8Array(ns.buffer));
  const lower = new Float64Array(CASES);
  const upper = new Float64Array(CASES);
  const sink = { lower, upper };

  const js = {
    plain: () => Object.assign(sink, K.plainWilson(ps, ns, Z)),
    wilson: () => Object.assign(sink, K.proportionCIs(ps, ns, { method: 'wilson' })),
    wilsonOneAtATime: () => K.oneAtATime(ps, ns, 'wilson', lower, upper),
    cp: () => Object.assign(sink, K.proportionCIs(ps, ns, { method: 'clopper-pearson' })),
  };
  // Python runs once after each round of the JavaScript kernels, so both sides of a ratio are
  // timed under the same load (the machine may be shared); a ratio is the median of the
  // per-round ratios.
  const pyRounds = [];
  const { times, samples } = timeInterleaved(js, ROUNDS, CASES, () => {
    const py = runPython();
    if (py) pyRounds.push(py);
  });
  const python = pyRounds.length === ROUNDS ? summarisePython(pyRounds) : undefined;
  const ratio = (ours, theirs) => median(ours.map((t, i) => t / theirs[i]));
  const [psJs, nsJs] = [ps.subarray(0, JS_CASES), ns.subarray(0, JS_CASES)];
  const bounds = {}; // each library's last bounds, for the accuracy rows
  const others = {
    cpSubset: () => K.proportionCIs(psJs, nsJs, { method: 'clopper-pearson' }),
    jstat: () => (bounds.jstat = K.jstatClopperPearson(ps, ns, JS_CASES)),
    stdlib: () => (bounds.stdlib = K.stdlibClopperPearson(ps, ns, JS_CASES)),
  };
  const subset = timeInterleaved(others, ROUNDS, JS_CASES);
  Object.assign(times, subset.times);
  Object.assign(samples, subset.samples);
  const cp = K.proportionCIs(ps, ns, { method: 'clopper-pearson' });

  const r = runR(cp, counts, ns);
  if (r) {
    r.subsetWorst = worstError(cp, r.bounds, JS_CASES);
    r.jstatWorst = worstError(bounds.jstat, r.bounds, JS_CASES);
    r.stdlibWorst = worstError(bounds.stdlib, r.bounds, JS_CASES);
  }
  const size = await bundleSize();
  const startup = await importTime();
  const cli = reanalyzeTime();
  const design = designBench(K, work, ROUNDS);

  const rows = [];
  const row = (what, ours, alt, altName, target, pass) =>
    rows.push({ what, ours, alt, altName, target, pass });
  const f = (v, unit = 'ns') => (v === undefined ? 'n/a' : `${fmt(v)} ${unit}`);
  const wilsonFloor = ratio(samples.wilson, samples.plain);
  row('Wilson, bulk (a case)', f(times.wilson), f(times.plain), 'hand-written loop', '≤ 1.3×', [
    wilsonFloor,
    wilsonFloor <= 1.3,
  ]);
  const smW = python?.nsPerCase.statsmodels_wilson;
  const smWRatio = python && ratio(samples.wilson, python.samples.statsmodels_wilson);
  row('Wilson, bulk (a case)', f(times.wilson), f(smW), 'statsmodels wilson', '< 1× (faster)', [
    smWRatio,
    smWRatio && smWRatio < 1,
  ]);
  row(
    'Wilson, one-case API in a loop',
    f(times.wilsonOneAtATime),
    f(times.wilson),
    'bulk Wilson',
    '(information)',
    [ratio(samples.wilsonOneAtATime, samples.wilson), undefined],
  );
  const smB = python?.nsPerCase.statsmodels_beta;
  const smBRatio = python && ratio(samples.cp, python.samples.statsmodels_beta);
  row('Clopper–Pearson, bulk (a case)', f(times.cp), f(smB), 'statsmodels beta (scipy)', '≤ 0.5×', [
    smBRatio,
    smBRatio && smBRatio <= 0.5,
  ]);
  const bii = python?.nsPerCase.scipy_betaincinv;
  row(
    'Clopper–Pearson, bulk (a case)',
    f(times.cp),
    f(bii),
    'bare scipy betaincinv',
    '(information)',
    [python && ratio(samples.cp, python.samples.scipy_betaincinv), undefined],
  );
  row(
    `Clopper–Pearson, ${JS_CASES.toLocaleString('en-US')} cases (a case)`,
    f(times.cpSubset),
    f(times.jstat),
    'jStat 1.9 beta.inv',
    '(information)',
    [ratio(samples.cpSubset, samples.jstat), undefined],
  );
  row(
    `Clopper–Pearson, ${JS_CASES.toLocaleString('en-US')} cases (a case)`,
    f(times.cpSubset),
    f(times.stdlib),
    '@stdlib beta quantile',
    '(information)',
    [ratio(samples.cpSubset, samples.stdlib), undefined],
  );
  if (r) {
    row(
      'Clopper–Pearson, max relative error',
      fmt(r.worst),
      r.rTime === undefined ? 'exact' : `R qbeta ${fmt(r.rTime)} ns`,
      'R qbeta (the reference)',
      '≤ 1e-13; 0 at x = 0, 1 at x = n',
      [undefined, r.worst <= 1e-13 && r.edgesExact],
    );
    for (const [name, worst] of [
      ['jStat 1.9 beta.inv', r.jstatWorst],
      ['@stdlib beta quantile', r.stdlibWorst],
    ]) {
      row(
        `max relative error vs R, ${JS_CASES.toLocaleString('en-US')} cases`,
        fmt(r.subsetWorst),
        fmt(worst),
        name,
        '(information)',
        [undefined, undefined],
      );
    }
  }
  row(
    `bundle: largest export alone (${size.largest.name})`,
    f(size.largest.gzipped, 'B'),
    f(size.stdlib, 'B'),
    '@stdlib beta quantile alone',
    '< 8192 B',
    [size.largest.gzipped / size.stdlib, size.largest.gzipped < 8192],
  );
  row(
    'bundle: DESIGN.md contract',
    f(size.contract, 'B'),
    f(size.jstat, 'B'),
    'jStat 1.9, whole',
    '(information)',
    [size.contract / size.jstat, undefined],
  );
  row(
    'bundle: whole package',
    f(size.whole, 'B'),
    f(size.jstat, 'B'),
    'jStat 1.9, whole',
    '< 8192 B',
    [size.whole / size.jstat, size.whole < 8192],
  );
  row(
    'import @toplines/core',
    f(startup.added, 'ms'),
    f(startup.bare, 'ms'),
    'node -e "" (start)',
    '< 10 ms added',
    [startup.added / startup.bare, startup.added < 10],
  );
  row('toplines reanalyze (wall)', cli === undefined ? 'n/a' : f(cli, 'ms'), '', '', '< 1000 ms', [
    undefined,
    cli === undefined ? undefined : cli < 1000,
  ]);
  designRows(design, row);

  const meta = {
    node: process.version,
    cpu: (await import('node:os')).cpus()[0]?.model,
    cases: CASES,
    rounds: ROUNDS,
    python: python ? python.versions : 'not available',
    r: r ? r.version : 'not available',
    rSurvey: design.r ? design.r.version : `not available (${design.reason})`,
  };
  if (argv.includes('--json')) {
    console.log(
      JSON.stringify({ meta, times, python, r, size, startup, cli, design, rows }, null, 2),
    );
    return;
  }
  console.log(
    `@toplines/core benchmark — ${CASES.toLocaleString('en-US')} cases (n 10–5,000), median of ${ROUNDS}, ${meta.node}, ${meta.cpu}`,
  );
  if (!python)
    console.log(
      `Python comparison skipped: ${PYTHON} with statsmodels and scipy was not found (${pythonReason}).`,
    );
  if (!r) console.log(`R comparison skipped: Rscript was not found (${rReason}).`);
  console.log('');
  const header = ['measure', 'toplines', 'alternative', 'against', 'ratio', 'target', 'met'];
  const body = rows.map((x) => [
    x.what,
    x.ours,
    x.alt,
    x.altName,
    x.pass[0] === undefined || x.pass[0] === null ? '' : `${x.pass[0].toFixed(2)}×`,
    x.target,
    x.pass[1] === undefined ? '' : x.pass[1] ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => String(b[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const b of body) console.log(line(b));
}

/**
 * The rows of the design-based benchmark: designProportion (the default logit interval, and
 * the mean alone) against R's svymean, whose time is that of svymean itself (the design is
 * built beforehand, untimed); surveyDesign against svydesign and svyciprop as information;
 * and the agreement of the estimate and its standard error with R's.
 */
function designRows(design, row) {
  const n = design.n.toLocaleString('en-US');
  const ms = (v) => (v === undefined ? 'n/a' : `${fmt(v)} ms`);
  const { ours, r } = design;
  const ratio = (a, b) => (b === undefined ? undefined : a / b);
  const logitRatio = ratio(ours.logit, r?.svymean);
  row(
    `designProportion, ${n} respondents (logit)`,
    ms(ours.logit),
    ms(r?.svymean),
    'R svymean alone',
    '< 1× (faster)',
    [logitRatio, logitRatio === undefined ? undefined : logitRatio < 1],
  );
  const meanRatio = ratio(ours.mean, r?.svymean);
  row(
    `designProportion, ${n} respondents (mean)`,
    ms(ours.mean),
    ms(r?.svymean),
    'R svymean alone',
    '< 1× (faster)',
    [meanRatio, meanRatio === undefined ? undefined : meanRatio < 1],
  );
  row(
    `designProportion, ${n} respondents (logit)`,
    ms(ours.logit),
    ms(r?.svyciprop),
    'R svyciprop (logit), 1 run',
    '(information)',
    [ratio(ours.logit, r?.svyciprop), undefined],
  );
  row(
    `surveyDesign, ${n} respondents`,
    ms(ours.build),
    ms(r?.svydesign),
    'R svydesign',
    '(information)',
    [ratio(ours.build, r?.svydesign), undefined],
  );
  if (r) {
    const error = Math.max(
      Math.abs(ours.result.estimate - r.mean) / r.mean,
      Math.abs(ours.result.meanSe - r.se) / r.se,
      Math.abs(ours.result.lower - r.lower) / r.lower,
      Math.abs(ours.result.upper - r.upper) / r.upper,
    );
    row(
      'designProportion, max relative error',
      fmt(error),
      r.version,
      'R svymean, svyciprop',
      '≤ 1e-9',
      [undefined, error <= 1e-9],
    );
  }
}

/** Seeded cases: n uniform on 10…5000, x uniform on 0…n (a 32-bit xorshift generator). */
function drawCases(k) {
  let state = 0x9e3779b9;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  const counts = new Float64Array(k);
  const ns = new Float64Array(k);
  const ps = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    const n = 10 + Math.floor(next() * 4991);
    const x = Math.floor(next() * (n + 1));
    counts[i] = x;
    ns[i] = n;
    ps[i] = x / n;
  }
  return { counts, ns, ps };
}

/**
 * Ns a case of each kernel, the kernels interleaved round by round (`afterRound` runs after
 * each round): `samples` holds every round's figure, `times` their medians.
 */
function timeInterleaved(kernels, rounds, cases, afterRound = () => {}) {
  const samples = Object.fromEntries(Object.keys(kernels).map((k) => [k, []]));
  for (const kernel of Object.values(kernels)) kernel(); // warm up
  for (let r = 0; r < rounds; r++) {
    for (const [name, kernel] of Object.entries(kernels)) {
      globalThis.gc?.(); // run with --expose-gc: no collection left over from the last kernel
      const start = process.hrtime.bigint();
      kernel();
      samples[name].push(Number(process.hrtime.bigint() - start) / cases);
    }
    afterRound();
  }
  const times = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
  return { times, samples };
}

/** The rounds of alternatives.py as one result: medians, with every round kept in `samples`. */
function summarisePython(results) {
  const names = Object.keys(results[0].nsPerCase);
  const samples = Object.fromEntries(names.map((k) => [k, results.map((x) => x.nsPerCase[k])]));
  return {
    versions: results[0].versions,
    samples,
    nsPerCase: Object.fromEntries(names.map((k) => [k, median(samples[k])])),
  };
}

let pythonReason = '';
function runPython() {
  if (!existsSync(PYTHON)) {
    pythonReason = `no ${PYTHON}`;
    return undefined;
  }
  const result = spawnSync(PYTHON, [join(here, 'alternatives.py'), work, '1'], {
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    pythonReason = (result.stderr || 'failed').trim().split('\n').pop();
    return undefined;
  }
  return JSON.parse(result.stdout);
}

let rReason = '';
/** R's qbeta on the same cases: the relative error of every bound, and R's own time. */
function runR(cp, counts, ns) {
  const script = `
    x <- readBin(file.path(dir, "counts.f64"), "double", n = k, endian = "little")
    n <- readBin(file.path(dir, "ns.f64"), "double", n = k, endian = "little")
    t <- system.time({
      lo <- ifelse(x == 0, 0, qbeta(0.025, x, n - x + 1))
      hi <- ifelse(x == n, 1, qbeta(0.975, x + 1, n - x))
    })[["elapsed"]]
    writeBin(c(lo, hi), file.path(dir, "r-bounds.f64"), endian = "little")
    cat(t, R.version.string, sep = "\\n")`;
  const result = spawnSync('Rscript', ['-e', `dir <- "${work}"; k <- ${CASES}`, '-e', script], {
    encoding: 'utf8',
  });
  if (result.error || result.status !== 0) {
    rReason = result.error ? result.error.message : result.stderr.trim();
    return undefined;
  }
  const [elapsed, version] = result.stdout.trim().split('\n');
  const bounds = new Float64Array(readFileSync(join(work, 'r-bounds.f64')).buffer.slice(0));
  const worst = worstError(cp, bounds, CASES);
  let edgesExact = true;
  for (let i = 0; i < CASES; i++) {
    if (counts[i] === 0 && cp.lower[i] !== 0) edgesExact = false;
    if (counts[i] === ns[i] && cp.upper[i] !== 1) edgesExact = false;
  }
  return { worst, edgesExact, bounds, rTime: (Number(elapsed) * 1e9) / CASES, version };
}

/** The largest relative error of the first `count` bounds against R's (lower, then upper). */
function worstError({ lower, upper }, rBounds, count) {
  let worst = 0;
  for (let i = 0; i < count; i++) {
    for (const [ours, theirs] of [
      [lower[i], rBounds[i]],
      [upper[i], rBounds[CASES + i]],
    ]) {
      const err = ours === theirs ? 0 : Math.abs(ours - theirs) / Math.abs(theirs);
      worst = Math.max(worst, Number.isNaN(err) ? Number.POSITIVE_INFINITY : err);
    }
  }
  return worst;
}

/**
 * Gzipped sizes, bundled and minified by esbuild as a consumer's bundler would (the same
 * measurement as `npm run size`): the largest export on its own, the contract, the whole.
 */
async function bundleSize() {
  const size = await import(pathToFileURL(join(root, 'scripts/size-check.mjs')).href);
  const whole = await size.measure();
  const each = await size.measureEach(whole.exports);
  return {
    largest: each[0],
    contract: (await size.measure(size.CONTRACT)).gzipped,
    whole: whole.gzipped,
    jstat: await gzippedBundle("export { default } from 'jstat';"),
    stdlib: await gzippedBundle(
      "export { default } from '@stdlib/stats-base-dists-beta-quantile';",
    ),
  };
}

/** A module's gzipped size, bundled and minified by esbuild for a browser. */
async function gzippedBundle(contents) {
  const out = await build({
    stdin: { contents, resolveDir: root, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'error',
  });
  return gzipSync(out.outputFiles[0].contents, { level: 9 }).length;
}

/**
 * What importing the package adds to a Node process, and what a bare Node start costs, as
 * medians of 15 fresh processes. The import is timed inside each process (performance.now()
 * around `await import()`), which is steadier than a difference of two wall times. The
 * package is bundled as tsup builds dist/index.js (ESM, not minified), so no build is needed.
 */
async function importTime() {
  const file = join(work, 'core.mjs');
  await build({
    entryPoints: [join(root, 'src/index.ts')],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    outfile: file,
    logLevel: 'error',
  });
  const url = JSON.stringify(pathToFileURL(file).href);
  const code = `const t = performance.now(); await import(${url}); console.log(performance.now() - t);`;
  const added = [];
  const bare = [];
  for (let i = 0; i < 15; i++) {
    added.push(Number(execFileSync(process.execPath, ['--input-type=module', '-e', code])));
    const start = process.hrtime.bigint();
    execFileSync(process.execPath, ['-e', '']);
    bare.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return { bare: median(bare), added: median(added) };
}

/** Wall time of `node packages/cli/bin/toplines.js reanalyze`, median of 5, when it works. */
function reanalyzeTime() {
  const bin = join(root, '../cli/bin/toplines.js');
  if (!existsSync(bin)) return undefined;
  const t = [];
  for (let i = 0; i < 5; i++) {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, [bin, 'reanalyze'], {
      cwd: join(root, '../..'),
      encoding: 'utf8',
    });
    if (result.status !== 0) return undefined;
    t.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(t);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

function fmt(v) {
  if (!Number.isFinite(v)) return String(v);
  if (v !== 0 && Math.abs(v) < 1e-3) return v.toExponential(1);
  return v >= 100 ? Math.round(v).toLocaleString('en-US') : v.toPrecision(3);
}
