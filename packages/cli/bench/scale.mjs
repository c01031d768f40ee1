// Archive scale (#18): `toplines reanalyze` on a generated results file of
// 200,000 rows (400 surveys × 100 questions × 5 options), each output run as
// a child process, its wall time and peak resident memory measured by
// /usr/bin/time -v (GNU time) when present, else by the child itself
// (process.resourceUsage().maxRSS, wall time around the spawn). Each output
// as the command runs it (in worker threads, for an archive this size) and in
// one thread (`--jobs 1`), the alternative; and two floors measured in the
// same run on the same file: `wc -l` (reading it) and a plain `node -e` CSV
// parse (reading and splitting it into cells).
//
//   npm run bench:scale                  (builds the CLI first)
//   node packages/cli/bench/scale.mjs    (SCALE_SURVEYS=400 SCALE_RUNS=1 by default)
//
// Prints a Markdown table; docs/performance.md ("Archive scale") keeps one.
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateArchive } from './generate-archive.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const BIN = join(here, '..', 'bin', 'toplines.js');
const TIME = '/usr/bin/time';
const SURVEYS = Number(process.env.SCALE_SURVEYS ?? 400);
const RUNS = Math.max(1, Number(process.env.SCALE_RUNS ?? 1));
const TARGET = { seconds: 10, megabytes: 500 };

if (!existsSync(join(here, '..', 'dist', 'bin.js'))) {
  process.stderr.write('packages/cli is not built: run `npm run bench:scale` from the root\n');
  process.exit(2);
}

const dir = mkdtempSync(join(tmpdir(), 'toplines-scale-'));
const file = join(dir, 'archive.csv');
const out = join(dir, 'out');
const gnuTime = existsSync(TIME) && spawnSync(TIME, ['-v', 'true']).status === 0;

/** The CSV floor: the file read and split into rows and cells, nothing more. */
const PARSE = `
const text = require('node:fs').readFileSync(process.argv[1], 'utf8');
let cells = 0;
for (const line of text.split('\\n')) if (line !== '') cells += line.split(',').length;
process.stdout.write(String(cells));`;

/** Written by a Node child at exit when GNU time is missing: its own peak RSS (process.resourceUsage). */
const PRELOAD = join(dir, 'max-rss.cjs');
const RSS_REPORT = join(dir, 'max-rss.txt');

/**
 * Runs a command with its standard output to a file in the temporary folder
 * (standard error, e.g. the validation warnings, discarded) and returns its
 * wall seconds, its peak RSS in MB and its exit status.
 */
function measure(command, args) {
  const report = join(dir, 'time.txt');
  const stdout = openSync(out, 'w');
  const node = command === process.execPath;
  const start = performance.now();
  const run = gnuTime
    ? spawnSync(TIME, ['-v', '-o', report, command, ...args], {
        stdio: ['ignore', stdout, 'ignore'],
      })
    : spawnSync(command, node ? ['-r', PRELOAD, ...args] : args, {
        stdio: ['ignore', stdout, 'ignore'],
      });
  const elapsed = (performance.now() - start) / 1000;
  closeSync(stdout);
  if (!gnuTime) {
    const kb =
      node && existsSync(RSS_REPORT) ? Number(readFileSync(RSS_REPORT, 'utf8')) : Number.NaN;
    return { seconds: elapsed, megabytes: kb / 1024, status: run.status };
  }
  const text = readFileSync(report, 'utf8');
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(
    text,
  );
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(text);
  const status = /Exit status: (\d+)/.exec(text);
  return {
    seconds:
      wall === null
        ? elapsed
        : Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]),
    megabytes: rss === null ? Number.NaN : Number(rss[1]) / 1024,
    status: status === null ? run.status : Number(status[1]),
  };
}

/** The median of the runs (by wall time), or the one run. */
function median(command, args) {
  const runs = Array.from({ length: RUNS }, () => measure(command, args));
  runs.sort((a, b) => a.seconds - b.seconds);
  return runs[Math.floor(runs.length / 2)];
}

try {
  writeFileSync(
    PRELOAD,
    `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(RSS_REPORT)}, String(process.resourceUsage().maxRSS)));\n`,
  );
  const rows = await generateArchive(file, SURVEYS, 100, 5);
  const size = statSync(file).size;
  const outputs = [
    ['`toplines reanalyze FILE` (terminal report)', []],
    ['`toplines reanalyze FILE --json`', ['--json']],
    ['`toplines reanalyze FILE --ndjson`', ['--ndjson']],
  ];
  const measures = [
    ['`wc -l` (floor: reading the file)', 'wc', ['-l', file], null],
    ['plain `node -e` CSV parse (floor)', process.execPath, ['-e', PARSE, file], null],
  ];
  // Each output as the command runs it (threads: one per core, at most 4, for
  // an archive this size), then in one thread (`--jobs 1`), the alternative.
  for (const [label, flags] of outputs) {
    measures.push([label, process.execPath, [BIN, 'reanalyze', file, ...flags], TARGET]);
    measures.push([
      `${label.replace(/`$/, ' --jobs 1`')} (one thread)`,
      process.execPath,
      [BIN, 'reanalyze', file, ...flags, '--jobs', '1'],
      null,
    ]);
  }
  const results = [];
  for (const [label, command, args, target] of measures) {
    const m = median(command, args);
    const output = existsSync(out) ? statSync(out).size : 0;
    results.push({ label, target, output, ...m });
    process.stderr.write(
      `${label}: ${m.seconds.toFixed(2)} s, ${m.megabytes.toFixed(0)} MB (exit ${m.status})\n`,
    );
  }
  const floor = results[1];
  const mb = (x) => `${x.toFixed(0)} MB`;
  const lines = [
    `${rows.toLocaleString('en-US')} rows (${SURVEYS} surveys × 100 questions × 5 options), ${(size / 1e6).toFixed(1)} MB; ` +
      `Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}; load average ${loadavg()[0].toFixed(1)} at the end; ` +
      `${RUNS === 1 ? 'one run each' : `median of ${RUNS} runs`}; ${gnuTime ? 'GNU time -v' : 'process.resourceUsage().maxRSS in each Node child'}.`,
    '',
    '| measure | wall | peak RSS | output | wall vs one thread | wall vs node CSV parse | RSS vs node CSV parse | target | met |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const [i, r] of results.entries()) {
    // The one-thread run of an output follows it.
    const alone = r.target === null ? null : results[i + 1];
    const met =
      r.target === null
        ? ''
        : r.status === 0 && r.seconds < r.target.seconds && r.megabytes < r.target.megabytes
          ? 'yes'
          : 'no';
    lines.push(
      `| ${r.label} | ${r.seconds.toFixed(2)} s | ${mb(r.megabytes)} | ${(r.output / 1e6).toFixed(0)} MB | ` +
        `${alone === null || alone === undefined ? '' : `${(r.seconds / alone.seconds).toFixed(2)}×`} | ` +
        `${(r.seconds / floor.seconds).toFixed(1)}× | ${(r.megabytes / floor.megabytes).toFixed(1)}× | ` +
        `${r.target === null ? '' : `< ${r.target.seconds} s, < ${r.target.megabytes} MB`} | ${met} |`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
