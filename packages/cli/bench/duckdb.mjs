// Microdata beyond memory (#17): the DuckDB engine of `toplines weigh` (src/weigh/duckdb.ts,
// weighWithDuckDb) on 10^7 respondents, its wall time and peak memory, against the
// in-memory weightedToplines on 10^6 in the same run (and DuckDB on the same 10^6, for the
// ratio and the agreement of the numbers).
//
// The data are made by DuckDB itself, seeded by hash(row) (the same file every run), as
// Parquet in a temporary folder: 50 strata × 200 PSUs (10,000 PSUs of 1,000 respondents
// at 10^7), weights 20–100, fpc 2,000 PSUs per stratum, a binary question (yes/no, its
// share varying by PSU: a design effect) and a 4-category one (A–D); and at 10^6 rows a
// copy with 80 JK1 replicate weights (PSUs in 80 groups), whose degrees of freedom are
// given (80 − 1), so that the query sums the replicates without their 3,240 cross products.
// Each run is a child process (bench/duckdb-child.mjs), its wall time and peak RSS
// measured by /usr/bin/time -v (GNU time) when present, else by the child itself
// (process.resourceUsage().maxRSS). DuckDB runs with memory_limit (DUCKDB_MEMORY, 1GB by
// default) and spills beyond it to a temporary folder.
//
//   npm run bench:duckdb                 (builds the CLI and its packages first)
//   node packages/cli/bench/duckdb.mjs   (DUCKDB_ROWS=10000000 DUCKDB_MEMORY_ROWS=1000000
//                                         DUCKDB_MEMORY=1GB DUCKDB_THREADS=cores)
//
// Prints a Markdown table; docs/performance.md ("Microdata") keeps one.
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const PACKAGE = join(here, '..');
const CHILD = join(here, 'duckdb-child.mjs');
const TIME = '/usr/bin/time';
const ROWS = Number(process.env.DUCKDB_ROWS ?? 10_000_000);
const MEMORY_ROWS = Number(process.env.DUCKDB_MEMORY_ROWS ?? 1_000_000);
const MEMORY_LIMIT = process.env.DUCKDB_MEMORY ?? '1GB';
const THREADS = Number(process.env.DUCKDB_THREADS ?? cpus().length);
const REPLICATES = 80;

if (!existsSync(join(PACKAGE, '..', 'data', 'dist', 'index.js'))) {
  process.stderr.write('@toplines/data is not built: run `npm run bench:duckdb` from the root\n');
  process.exit(2);
}

const dir = mkdtempSync(join(tmpdir(), 'toplines-duckdb-bench-'));
const gnuTime = existsSync(TIME) && spawnSync(TIME, ['-v', 'true']).status === 0;
const PRELOAD = join(dir, 'max-rss.cjs');
const RSS_REPORT = join(dir, 'max-rss.txt');

/** Runs the child with `args`; returns its wall seconds, peak RSS (MB) and its JSON line. */
function measure(args) {
  const report = join(dir, 'time.txt');
  const start = performance.now();
  const run = gnuTime
    ? spawnSync(TIME, ['-v', '-o', report, process.execPath, CHILD, ...args], {
        encoding: 'utf8',
        maxBuffer: 1 << 28,
        cwd: PACKAGE,
      })
    : spawnSync(process.execPath, ['-r', PRELOAD, CHILD, ...args], {
        encoding: 'utf8',
        maxBuffer: 1 << 28,
        cwd: PACKAGE,
      });
  const elapsed = (performance.now() - start) / 1000;
  if (run.status !== 0) {
    throw new Error(`the child failed (exit ${run.status}):\n${run.stderr}`);
  }
  const output = JSON.parse(run.stdout.trim().split('\n').at(-1));
  if (!gnuTime) {
    return { seconds: elapsed, megabytes: Number(readFileSync(RSS_REPORT, 'utf8')) / 1024, output };
  }
  const text = readFileSync(report, 'utf8');
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(
    text,
  );
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(text);
  return {
    seconds:
      wall === null
        ? elapsed
        : Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]),
    megabytes: rss === null ? Number.NaN : Number(rss[1]) / 1024,
    output,
  };
}

/** The respondents as DuckDB writes them: `rows` rows, with `replicates` JK1 weights. */
async function generate(connection, file, rows, replicates) {
  const unit = '18446744073709551616.0';
  const repw = Array.from(
    { length: replicates },
    (_, r) =>
      `CASE WHEN "group" = ${r} THEN 0 ELSE "w" * ${replicates} / ${replicates - 1} END AS "repw${r + 1}"`,
  );
  await connection.run(`
    COPY (
      SELECT "stratum", "psu", "fpc", "w", "q2", "q4"${repw.length > 0 ? `, ${repw.join(', ')}` : ''}
      FROM (
        SELECT "stratum", "psu", 2000 AS "fpc", 20 + 80 * "u1" AS "w",
          CASE WHEN "u2" < 0.3 + 0.4 * "pc" THEN 'yes' ELSE 'no' END AS "q2",
          CASE WHEN "u3" < 0.1 + 0.2 * "pc" THEN 'A' WHEN "u3" < 0.45 THEN 'B'
               WHEN "u3" < 0.75 THEN 'C' ELSE 'D' END AS "q4",
          hash("psu" + 7) % ${Math.max(replicates, 1)} AS "group"
        FROM (
          SELECT i % 50 AS "stratum", (i % 50) * 1000 + (i // 50) % 200 AS "psu",
            hash(i) / ${unit} AS "u1", hash(i + 100000000000) / ${unit} AS "u2",
            hash(i + 200000000000) / ${unit} AS "u3",
            hash((i % 50) * 1000 + (i // 50) % 200) / ${unit} AS "pc"
          FROM range(${rows}) t(i)
        )
      )
    ) TO '${file}' (FORMAT parquet, COMPRESSION snappy)`);
  return statSync(file).size;
}

/** The largest relative difference of percent, se, lower and upper between two runs' rows. */
function largestDifference(a, b) {
  let worst = 0;
  a.forEach((row, i) => {
    for (const key of ['percent', 'se', 'lower', 'upper']) {
      const want = b[i][key];
      worst = Math.max(worst, Math.abs(row[key] - want) / Math.abs(want));
    }
  });
  return worst;
}

try {
  writeFileSync(
    PRELOAD,
    `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(RSS_REPORT)}, String(process.resourceUsage().maxRSS)));\n`,
  );
  // the runner as the command will run it: src/weigh/duckdb.ts bundled, its packages external
  // (in node_modules/.cache inside the package, so that they resolve)
  const cache = join(PACKAGE, 'node_modules', '.cache', 'toplines-bench');
  mkdirSync(cache, { recursive: true });
  const runner = join(cache, 'duckdb-runner.mjs');
  await build({
    entryPoints: [join(PACKAGE, 'src', 'weigh', 'duckdb.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    outfile: runner,
    logLevel: 'error',
  });

  process.stderr.write(`generating ${ROWS.toLocaleString('en-US')} rows with DuckDB…\n`);
  const instance = await DuckDBInstance.create(':memory:', { memory_limit: MEMORY_LIMIT });
  const connection = await instance.connect();
  const big = join(dir, 'big.parquet');
  const small = join(dir, 'small.parquet');
  const replicated = join(dir, 'replicates.parquet');
  const generated = performance.now();
  const bigSize = await generate(connection, big, ROWS, 0);
  const smallSize = await generate(connection, small, MEMORY_ROWS, 0);
  const repSize = await generate(connection, replicated, MEMORY_ROWS, REPLICATES);
  const generation = (performance.now() - generated) / 1000;
  connection.closeSync();
  instance.closeSync();

  const design = {
    weights: 'w',
    strata: 'stratum',
    psu: 'psu',
    fpc: 'fpc',
    questions: ['q2', 'q4'],
  };
  const replicateDesign = {
    weights: 'w',
    questions: ['q2', 'q4'],
    replicates: Array.from({ length: REPLICATES }, (_, r) => `repw${r + 1}`),
    replicateType: 'JK1',
    replicateOptions: { degf: REPLICATES - 1 },
  };
  const engine = [runner];
  const runs = [
    {
      label: `DuckDB, ${ROWS.toLocaleString('en-US')} rows`,
      file: big,
      size: bigSize,
      args: ['duckdb', ...engine, big, JSON.stringify(design), MEMORY_LIMIT, String(THREADS)],
    },
    {
      label: `DuckDB, ${MEMORY_ROWS.toLocaleString('en-US')} rows`,
      file: small,
      size: smallSize,
      args: ['duckdb', ...engine, small, JSON.stringify(design), MEMORY_LIMIT, String(THREADS)],
    },
    {
      label: `in memory (readMicrodata + weightedToplines), ${MEMORY_ROWS.toLocaleString('en-US')} rows`,
      file: small,
      size: smallSize,
      args: ['memory', '-', small, JSON.stringify(design)],
    },
    {
      label: `DuckDB, ${MEMORY_ROWS.toLocaleString('en-US')} rows × ${REPLICATES} JK1 replicate weights`,
      file: replicated,
      size: repSize,
      args: [
        'duckdb',
        ...engine,
        replicated,
        JSON.stringify(replicateDesign),
        MEMORY_LIMIT,
        String(THREADS),
      ],
    },
  ];
  const results = [];
  for (const run of runs) {
    process.stderr.write(`${run.label}…\n`);
    const m = measure(run.args);
    results.push({ ...run, ...m });
    process.stderr.write(
      `  ${m.seconds.toFixed(2)} s, ${m.megabytes.toFixed(0)} MB (${JSON.stringify(m.output.steps)})\n`,
    );
  }
  const [duckBig, duckSmall, memory, duckReplicates] = results;
  const agreement = largestDifference(duckSmall.output.rows, memory.output.rows);
  const mb = (x) => `${x.toFixed(0)} MB`;
  const lines = [
    `Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}; load average ${loadavg()[0].toFixed(1)} at the end; ` +
      `DuckDB memory_limit ${MEMORY_LIMIT}, ${THREADS} threads; ${gnuTime ? 'GNU time -v' : 'process.resourceUsage().maxRSS in each child'}; ` +
      `one run each; the Parquet files made by DuckDB in ${generation.toFixed(1)} s (not timed below).`,
    '',
    '| run | file | wall | peak RSS | rows/s |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const r of results) {
    const rows = r === duckBig ? ROWS : MEMORY_ROWS;
    lines.push(
      `| ${r.label} | ${(r.size / 1e6).toFixed(0)} MB Parquet | ${r.seconds.toFixed(2)} s | ${mb(r.megabytes)} | ${(rows / r.seconds / 1e6).toFixed(2)} M |`,
    );
  }
  lines.push(
    '',
    `DuckDB on ${ROWS.toLocaleString('en-US')} rows took ${(duckBig.seconds / memory.seconds).toFixed(1)}× the wall time of the in-memory path on ${MEMORY_ROWS.toLocaleString('en-US')} ` +
      `and ${(duckBig.megabytes / memory.megabytes).toFixed(2)}× its peak memory; on the same ${MEMORY_ROWS.toLocaleString('en-US')} rows DuckDB took ` +
      `${(duckSmall.seconds / memory.seconds).toFixed(2)}× its time and ${(duckSmall.megabytes / memory.megabytes).toFixed(2)}× its memory ` +
      `(in memory: reading ${memory.output.steps.read.toFixed(2)} s, weighing ${memory.output.steps.weigh.toFixed(2)} s). ` +
      `The two give the same toplines: largest relative difference of percent, se and interval ${agreement.toExponential(1)} ` +
      `(${memory.output.rows.length} rows). Peak RSS of the ${ROWS.toLocaleString('en-US')}-row run: ${mb(duckBig.megabytes)} with memory_limit ${MEMORY_LIMIT}; ` +
      `${REPLICATES} replicates at ${MEMORY_ROWS.toLocaleString('en-US')} rows: ${mb(duckReplicates.megabytes)}.`,
  );
  process.stdout.write(`${lines.join('\n')}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
