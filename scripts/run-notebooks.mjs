#!/usr/bin/env node
// Executes every notebook in notebooks/ headlessly and writes the outputs
// back into it, so the committed notebooks show their charts on any Git host.
//
//   npm run notebooks                      # all of them
//   npm run notebooks -- 03                # those whose file name contains "03"
//
// Needs: the packages built (`npm run build`; this script builds them when a
// dist/ is missing), Debian's `jupyter-nbconvert` with `python3-nbclient`,
// `jupyter-client` and `python3-ipykernel` (apt-get install -y …), and deno
// (a dev dependency). It installs the Deno kernel spec into the user's
// Jupyter directory (`deno jupyter --install`), then runs
// `jupyter nbconvert --to notebook --execute --inplace` on each notebook,
// which fails on the first cell that throws. Afterwards it removes the
// per-cell execution timestamps nbconvert records, so that re-running an
// unchanged notebook changes nothing but what really changed.
//
// The Deno kernel (2.x) can report a cell finished before the last outputs
// it sent have gone out, and nbconvert then drops them. The notebooks' display
// helpers (notebooks/lib/display.ts) pause after each output to prevent it;
// this script also counts, in every code cell, the calls `await chart(`,
// `await table(`, `await markdown(` and `await show(`, and runs a notebook
// again (up to three times) when a cell has fewer outputs than calls.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const NOTEBOOKS = join(ROOT, 'notebooks');
const DENO = join(ROOT, 'node_modules', '.bin', process.platform === 'win32' ? 'deno.cmd' : 'deno');
const TIMEOUT_SECONDS = 600;
const ATTEMPTS = 3;
const DISPLAY_CALL = /\bawait\s+(?:chart|table|markdown|show)\(/g;

function fail(message) {
  console.error(`run-notebooks: ${message}`);
  process.exit(1);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: ROOT, ...options });
  if (result.error) {
    const hint =
      result.error.code === 'ENOENT'
        ? command === 'jupyter'
          ? " (install Debian's jupyter-nbconvert python3-nbclient jupyter-client python3-ipykernel)"
          : ' (run npm ci)'
        : '';
    fail(`cannot run ${command}: ${result.error.message}${hint}`);
  }
  return result.status ?? 1;
}

// 1. The packages the notebooks import must be built.
const missing = ['core', 'data', 'charts', 'read', 'cli'].filter(
  (p) => !existsSync(join(ROOT, 'packages', p, 'dist', 'index.js')),
);
if (missing.length > 0) {
  console.log(`run-notebooks: building (${missing.join(', ')} not built)`);
  if (run('npx', ['turbo', 'run', 'build', '--output-logs=errors-only']) !== 0) {
    fail('the build failed');
  }
}

// 2. The Deno kernel spec, in the user's Jupyter data directory.
if (!existsSync(DENO)) fail(`${relative(ROOT, DENO)} not found: run npm ci`);
if (run(DENO, ['jupyter', '--install', '--force']) !== 0) fail('deno jupyter --install failed');

// 3. Execute each notebook in place.
const filter = process.argv.slice(2);
const notebooks = readdirSync(NOTEBOOKS)
  .filter((f) => f.endsWith('.ipynb'))
  .filter((f) => filter.length === 0 || filter.some((s) => f.includes(s)))
  .sort();
if (notebooks.length === 0) fail(`no notebook matches ${filter.join(' ')}`);

const failed = [];
for (const name of notebooks) {
  const file = join(NOTEBOOKS, name);
  const original = readFileSync(file, 'utf8');
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    console.log(
      `\nrun-notebooks: executing notebooks/${name}${attempt > 1 ? ` (attempt ${attempt})` : ''}`,
    );
    const started = Date.now();
    const result = execute(file);
    if (result === 'failed') {
      failed.push(name);
      break;
    }
    const missing = tidy(file);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (missing.length === 0) {
      console.log(`run-notebooks: ${name} ok (${seconds} s)`);
      break;
    }
    console.log(`run-notebooks: ${name}: outputs missing in ${missing.join('; ')}`);
    if (attempt === ATTEMPTS) {
      failed.push(`${name} (outputs missing after ${ATTEMPTS} runs)`);
    } else {
      writeFileSync(file, original);
    }
  }
}

if (failed.length > 0) fail(`${failed.length} notebook(s) failed: ${failed.join(', ')}`);
console.log(`\nrun-notebooks: ${notebooks.length} notebook(s) executed`);

/** Runs nbconvert on one notebook, in place. */
function execute(file) {
  const status = run(
    'jupyter',
    [
      'nbconvert',
      '--to',
      'notebook',
      '--execute',
      '--inplace',
      '--ExecutePreprocessor.kernel_name=deno',
      `--ExecutePreprocessor.timeout=${TIMEOUT_SECONDS}`,
      file,
    ],
    {
      // The kernel starts in the notebook's folder (relative imports of
      // ./lib and ./data). NO_COLOR keeps ANSI colour codes out of the
      // committed text outputs.
      cwd: NOTEBOOKS,
      env: { ...process.env, NO_COLOR: '1', PYDEVD_DISABLE_FILE_VALIDATION: '1' },
    },
  );
  return status === 0 ? 'ok' : 'failed';
}

/**
 * Removes volatile metadata (execution timestamps) and returns the cells
 * with fewer outputs than display calls, or with an error output.
 */
function tidy(file) {
  const nb = JSON.parse(readFileSync(file, 'utf8'));
  const missing = [];
  nb.cells.forEach((cell, index) => {
    if (cell.metadata) delete cell.metadata.execution;
    if (cell.cell_type !== 'code') return;
    const source = Array.isArray(cell.source) ? cell.source.join('') : cell.source;
    const expected = (source.match(DISPLAY_CALL) ?? []).length;
    const outputs = cell.outputs ?? [];
    const displayed = outputs.filter((o) => o.output_type === 'display_data').length;
    if (outputs.some((o) => o.output_type === 'error')) missing.push(`cell ${index + 1} (error)`);
    else if (displayed < expected) missing.push(`cell ${index + 1} (${displayed} of ${expected})`);
  });
  writeFileSync(file, `${JSON.stringify(nb, null, 1)}\n`);
  return missing;
}
