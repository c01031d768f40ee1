// One measured run of bench/duckdb.mjs, in its own process (so that its peak memory is
// its own): `duckdb` runs weighWithDuckDb (the bundled runner of src/weigh/duckdb.ts) on a
// file; `memory` reads the file with @toplines/data's readMicrodata and runs
// weightedToplines. Prints one line of JSON: the seconds of each step and the toplines
// (question, group, option, percent, se, lower, upper, deff) for the agreement check.
//
//   node bench/duckdb-child.mjs duckdb RUNNER FILE OPTIONS_JSON [MEMORY_LIMIT] [THREADS]
//   node bench/duckdb-child.mjs memory - FILE OPTIONS_JSON
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const [mode, runner, file, optionsJson, memoryLimit, threads] = process.argv.slice(2);
const options = JSON.parse(optionsJson);
const start = performance.now();
let weighed;
const steps = {};
if (mode === 'duckdb') {
  const { weighWithDuckDb } = await import(pathToFileURL(runner).href);
  weighed = await weighWithDuckDb({
    path: file,
    format: file.endsWith('.csv') ? 'csv' : 'parquet',
    options,
    ...(memoryLimit ? { memoryLimit } : {}),
    ...(threads ? { threads: Number(threads) } : {}),
  });
  steps.weigh = (performance.now() - start) / 1000;
} else {
  const { weightedToplines } = await import('@toplines/data');
  const { readMicrodata } = await import('@toplines/data/node');
  const { table } = await readMicrodata(file);
  steps.read = (performance.now() - start) / 1000;
  const t = performance.now();
  weighed = weightedToplines(table, options);
  steps.weigh = (performance.now() - t) / 1000;
}
const rows = weighed.results
  .select(
    'question_id',
    'group_value',
    'option',
    'percent',
    'se',
    'lower',
    'upper',
    'deff',
    'base_n',
  )
  .objects();
process.stdout.write(
  `${JSON.stringify({ seconds: (performance.now() - start) / 1000, steps, rows, notes: weighed.surveys.get('notes', 0) })}\n`,
);
