#!/usr/bin/env node
// The packages as users install them: builds, packs every package with
// `npm pack`, installs the tarballs (not the workspace) into a new project in
// a temporary folder, and uses every entry from Node ESM, Node CommonJS,
// TypeScript (moduleResolution node16 and bundler), Deno and an esbuild
// browser bundle; then runs arethetypeswrong and publint --strict on each
// package. Prints the tables (docs/performance.md, "Packages as users
// install them") and exits 1 on any failure.
//
//   npm run test:consumer            # what CI runs (.ci/run)
//   node scripts/consumer-test.mjs --no-build --keep
//
// --no-build skips `turbo run build`; --keep leaves the temporary folder.
// The npm registry must be reachable (the packages' own dependencies are
// installed from it, as a user's would be).
import { spawn } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'node_modules', '.bin');
const PACKAGES = ['core', 'data', 'charts', 'read', 'cli'];
const args = new Set(process.argv.slice(2));
const started = performance.now();
const failures = [];

/** Runs a command without a shell; resolves with its exit code and output. */
function run(command, argv, { cwd = ROOT, env = {}, timeout = 300_000 } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, argv, {
      cwd,
      env: { ...process.env, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', (error) => resolve({ code: -1, stdout, stderr: `${stderr}${error}` }));
    child.on('close', (code, signal) =>
      resolve({
        code: code ?? -1,
        stdout,
        stderr: signal ? `${stderr}killed by ${signal}` : stderr,
      }),
    );
  });
}

/** Runs the tasks, at most `limit` at a time (the machine may have two cores). */
async function pool(tasks, limit = 2) {
  const out = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      out[i] = await tasks[i]();
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return out;
}

function step(text) {
  const s = ((performance.now() - started) / 1000).toFixed(0).padStart(4);
  process.stderr.write(`[${s} s] ${text}\n`);
}

function fail(where, detail) {
  failures.push(where);
  process.stderr.write(
    `FAIL ${where}\n${String(detail).trim().split('\n').slice(-25).join('\n')}\n\n`,
  );
}

const kB = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;
const MB = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function folderSize(folder) {
  let bytes = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) bytes += folderSize(path);
    else if (entry.isFile()) bytes += statSync(path).size;
  }
  return bytes;
}

function table(header, rows) {
  const lines = [header, header.map(() => '---'), ...rows];
  return lines.map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

// ── 1. Build and pack ──────────────────────────────────────────────────────

if (!args.has('--no-build')) {
  step('building every package (turbo)');
  const build = await run(join(BIN, 'turbo'), ['run', 'build', '--output-logs=errors-only']);
  if (build.code !== 0) {
    fail('build', build.stdout + build.stderr);
    process.exit(1);
  }
}

const temp = mkdtempSync(join(tmpdir(), 'toplines-consumer-'));
const tarballs = join(temp, 'tarballs');
const app = join(temp, 'app');
mkdirSync(tarballs);
mkdirSync(app);

step(`packing into ${tarballs}`);
const packed = {};
for (const name of PACKAGES) {
  const dir = join(ROOT, 'packages', name);
  const pack = await run('npm', ['pack', '--json', '--pack-destination', tarballs], { cwd: dir });
  if (pack.code !== 0) {
    fail(`npm pack ${name}`, pack.stderr);
    process.exit(1);
  }
  const [info] = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('[')));
  const files = info.files.map((f) => f.path);
  const problems = [];
  if (!files.includes('LICENSE')) problems.push('no LICENSE');
  for (const file of files.filter((f) => f.endsWith('.map'))) {
    // A source map that embeds the sources doubles what users download.
    const text = readFileSync(join(dir, file), 'utf8');
    if (/"sourcesContent"\s*:\s*\[\s*"/.test(text)) problems.push(`${file} embeds sourcesContent`);
  }
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  for (const target of Object.values(manifest.bin ?? {}))
    if (!files.includes(target.replace(/^\.\//, ''))) problems.push(`bin ${target} not packed`);
  // Every file the exports map names is in the tarball (types included).
  const targets = [];
  const collect = (value) => {
    if (typeof value === 'string') targets.push(value.replace(/^\.\//, ''));
    else if (value !== null && typeof value === 'object') Object.values(value).forEach(collect);
  };
  collect(manifest.exports ?? {});
  for (const target of targets)
    if (!target.includes('*') && !files.includes(target)) problems.push(`${target} not packed`);
  if (name === 'cli' && files.some((f) => /^dist\/bin\.(cjs|d\.cts|d\.ts)$/.test(f)))
    problems.push('unused dist/bin.cjs or bin types packed');
  for (const [dep, range] of Object.entries(manifest.dependencies ?? {}))
    if (dep.startsWith('@toplines/') && range === '*') problems.push(`${dep}: "*"`);
  if (problems.length > 0) fail(`tarball ${name}`, problems.join('\n'));
  packed[name] = { ...info, problems, manifest };
}

// ── 2. A new project that installs the tarballs ────────────────────────────

writeFileSync(
  join(app, 'package.json'),
  `${JSON.stringify({ name: 'toplines-consumer', private: true, type: 'module' }, null, 2)}\n`,
);
step('npm install <tarballs> in a new project');
const installStart = performance.now();
const install = await run(
  'npm',
  [
    'install',
    '--no-audit',
    '--no-fund',
    '--prefer-offline',
    '--loglevel=error',
    ...PACKAGES.map((name) => join(tarballs, packed[name].filename)),
  ],
  { cwd: app },
);
const installSeconds = (performance.now() - installStart) / 1000;
if (install.code !== 0) {
  fail('npm install', install.stderr);
  process.exit(1);
}
const installed = (spec) => join(app, 'node_modules', ...spec.split('/'));
for (const name of PACKAGES) {
  const dir = installed(`@toplines/${name}`);
  // Installed from the tarball: a real folder, not a link to the workspace.
  if (!existsSync(join(dir, 'package.json')) || lstatSync(dir).isSymbolicLink())
    fail(`install @toplines/${name}`, `${dir} missing`);
}
// Pins that live in the root's overrides must travel in the packages' own
// dependencies: the new project has no overrides.
for (const name of PACKAGES) {
  for (const [dep, range] of Object.entries(packed[name].manifest.dependencies ?? {})) {
    if (!/^\d+\.\d+\.\d+$/.test(range)) continue;
    const version = JSON.parse(readFileSync(join(installed(dep), 'package.json'), 'utf8')).version;
    if (version !== range) fail(`pin ${dep}`, `${name} pins ${range}, installed ${version}`);
  }
}
const installedBytes = folderSize(join(app, 'node_modules'));
const installedCount = Object.keys(
  JSON.parse(readFileSync(join(app, 'node_modules', '.package-lock.json'), 'utf8')).packages,
).length;

// ── 3. Every entry, from every runtime ─────────────────────────────────────

const CHECK = `const check = (ok, what) => { if (!ok) throw new Error('unexpected: ' + JSON.stringify(what)?.slice(0, 300)); };`;
const ROWS = `const { results, surveys, questions } = data.load();
const rows = data.withIntervals(results, { surveys, questions });
const spec = charts.shareChart(rows, { question: 'us-impression', surveys, questions });`;

/** Each entry: the modules it uses (as variables) and what it runs with them. */
const ENTRIES = [
  {
    spec: '@toplines/core',
    uses: { m: '@toplines/core' },
    ts: `import { proportionCI } from '@toplines/core';
export const lower: number = proportionCI(0.405, 1037).lower;`,
    body: `const r = m.proportionCI(0.405, 1037);
check(r.lower.toFixed(3) === '0.376' && r.upper.toFixed(3) === '0.435' && r.method === 'wilson', r);`,
  },
  {
    spec: '@toplines/core/design',
    uses: { m: '@toplines/core/design' },
    ts: `import { designProportion, surveyDesign } from '@toplines/core/design';
const design = surveyDesign({ weights: [1, 2, 1, 2], psu: [1, 1, 2, 2] });
export const estimate: number = designProportion([1, 0, 0, 1], design, { method: 'mean' }).estimate;`,
    body: `const design = m.surveyDesign({ weights: [1, 2, 1, 2, 1, 2], psu: [1, 1, 2, 2, 3, 3] });
const r = m.designProportion([1, 0, 1, 1, 0, 0], design, { method: 'mean' });
check(r.estimate.toFixed(4) === '0.4444' && r.se.toFixed(4) === '0.2940' && r.df === 2, r);`,
  },
  {
    spec: '@toplines/core/internal',
    uses: { m: '@toplines/core/internal', core: '@toplines/core' },
    ts: `import { isLibraryError } from '@toplines/core/internal';
export const branded: boolean = isLibraryError(new Error('x'));`,
    body: `let error;
try { core.proportionCI(40.5, 1037); } catch (e) { error = e; }
check(m.isLibraryError(error) && !m.isLibraryError(new Error('x')), String(error));`,
  },
  {
    spec: '@toplines/data',
    uses: { data: '@toplines/data' },
    ts: `import { load, weightedToplines, withIntervals } from '@toplines/data';
const { results, surveys, questions } = load();
export const rows: number = withIntervals(results, { surveys, questions }).numRows();
export const weigh: typeof weightedToplines = weightedToplines;`,
    body: `const { results, surveys, questions } = data.load();
const rows = data.withIntervals(results, { surveys, questions });
check(rows.numRows() > 100 && rows.columnNames().includes('lower'), rows.columnNames());`,
  },
  {
    spec: '@toplines/data/node',
    uses: { m: '@toplines/data/node', data: '@toplines/data' },
    ts: `import { readMicrodata, readResultsCsv } from '@toplines/data/node';
import { weightedToplines } from '@toplines/data';
export const read: Promise<unknown> = readResultsCsv('results.csv');
export const weighed: Promise<number> = readMicrodata('people.csv').then(
  (m) => weightedToplines(m.table, { questions: ['vote'], weights: 'w', strata: 'region' }).results.numRows(),
);`,
    body: `const pkg = await m.readResultsCsv('results.csv');
check(pkg.results.numRows() === 2, pkg.results.numRows());
const people = await m.readMicrodata('people.csv');
const w = data.weightedToplines(people.table, { questions: ['vote'], weights: 'w', strata: 'region' });
check(w.results.numRows() === 2 && w.results.get('percent', 0) === 62.5 && w.results.get('se', 0) > 0, w.results.objects());`,
  },
  {
    spec: '@toplines/data/schema/reanalysis.schema.json',
    json: true,
    body: `check(typeof schema === 'object' && schema !== null && 'definitions' in schema, Object.keys(schema));`,
  },
  {
    spec: '@toplines/charts',
    uses: { charts: '@toplines/charts', data: '@toplines/data' },
    ts: `import { shareChart } from '@toplines/charts';
import { load, withIntervals } from '@toplines/data';
const { results, surveys, questions } = load();
const rows = withIntervals(results, { surveys, questions });
export const spec: object = shareChart(rows, { question: 'us-impression', surveys, questions });`,
    body: `${ROWS}
check(typeof spec.$schema === 'string' && spec.$schema.includes('vega-lite'), spec.$schema);`,
  },
  {
    spec: '@toplines/charts/render',
    uses: { m: '@toplines/charts/render', charts: '@toplines/charts', data: '@toplines/data' },
    ts: `import { toSVG } from '@toplines/charts/render';
export const svg: Promise<string> = toSVG({ mark: 'point', data: { values: [{ a: 1 }] } });`,
    body: `${ROWS}
const svg = await m.toSVG(spec);
check(svg.startsWith('<svg'), svg.slice(0, 80));
const png = await m.toPNG(spec);
check(png[1] === 0x50 && png[2] === 0x4e && png[3] === 0x47, Array.from(png.slice(0, 4)));`,
  },
  {
    // Outside a Deno Jupyter kernel display() sends nothing and returns the bundle.
    spec: '@toplines/charts/jupyter',
    uses: { m: '@toplines/charts/jupyter', charts: '@toplines/charts', data: '@toplines/data' },
    ts: `import { type ChartBundle, display } from '@toplines/charts/jupyter';
export const bundle: Promise<ChartBundle> = display({ mark: 'point', data: { values: [{ a: 1 }] } });`,
    body: `${ROWS}
const bundle = await m.display(spec, { alt: 'shares' });
check(bundle['application/vnd.vegalite.v5+json'] === spec && bundle['text/plain'] === 'shares', Object.keys(bundle));
check(bundle['image/png'].startsWith('iVBORw0KGgo'), bundle['image/png'].slice(0, 16));`,
  },
  {
    spec: '@toplines/read',
    uses: { m: '@toplines/read' },
    ts: `import { readArticle, toResultsCsv } from '@toplines/read';
export const csv: string = toResultsCsv(readArticle('In a Gallup poll of 1,015 adults, 41% said yes.'));`,
    body: `const draft = m.readArticle('In a Gallup poll of 1,015 adults, 41% said yes, while 52% said no.');
check(draft.rows.length === 2 && draft.rows[0].value === '41' && draft.rows[0].n === 1015, draft.rows);
const { pkg } = m.toDataPackage(draft);
check(pkg.results.numRows() === 2, pkg.results.numRows());`,
  },
  {
    spec: '@toplines/cli',
    uses: { m: '@toplines/cli' },
    ts: `import { EXIT, type Io, main } from '@toplines/cli';
declare const io: Io;
export const code: Promise<number> = main(['moe', '--n', '1037'], io);
export const ok: 0 = EXIT.ok;`,
    body: `const written = [];
const io = { out: (t) => { written.push(t); }, err: (t) => { written.push(t); }, env: {}, stdoutIsTTY: false, stderrIsTTY: false, cwd: '.' };
const code = await m.main(['moe', '--n', '1037'], io);
check(code === 0 && written.join('').includes('±3.0 points'), written);`,
  },
];

// A results CSV for ./node, in the layout the data package's README gives.
writeFileSync(
  join(app, 'results.csv'),
  [
    'survey_id,question_id,group_dim,group_value,option,percent,qualifier,is_net,base_n,source_id,quote',
    'my-poll,q1,total,total,yes,40.5,exact,,1037,my-source,40.5% said yes',
    'my-poll,q1,total,total,no,34.5,exact,,1037,my-source,34.5% said no',
    '',
  ].join('\n'),
);

// A respondent file for ./node's readMicrodata and data's weightedToplines: 6 respondents, 2 strata.
writeFileSync(
  join(app, 'people.csv'),
  ['vote,w,region', 'yes,1,n', 'no,2,n', 'yes,1,n', 'no,2,s', 'yes,1,s', 'no,1,s', ''].join('\n'),
);

const slug = (spec) => spec.replace('@toplines/', '').replace(/[^a-z0-9]+/g, '-');

/** Whether the installed package.json declares a CommonJS form of the entry. */
function hasRequire(spec) {
  const [scope, name, ...rest] = spec.split('/');
  const manifest = JSON.parse(readFileSync(installed(`${scope}/${name}/package.json`), 'utf8'));
  const target = manifest.exports?.[rest.length === 0 ? '.' : `./${rest.join('/')}`];
  if (target === undefined) return false;
  if (typeof target === 'string') return target.endsWith('.json') || !target.endsWith('.mjs');
  return 'require' in target || ('default' in target && !('import' in target));
}

function esmSource(entry) {
  if (entry.json)
    return `${CHECK}\nimport schema from '${entry.spec}' with { type: 'json' };\n${entry.body}\n`;
  const imports = Object.entries(entry.uses)
    .map(([name, spec]) => `import * as ${name} from '${spec}';`)
    .join('\n');
  return `${CHECK}\n${imports}\n${entry.body}\nconsole.log('ok');\n`;
}

function cjsSource(entry) {
  const requires = entry.json
    ? `const schema = require('${entry.spec}');`
    : Object.entries(entry.uses)
        .map(([name, spec]) => `const ${name} = require('${spec}');`)
        .join('\n');
  return `${CHECK}\n(async () => {\n${requires}\n${entry.body}\nconsole.log('ok');\n})().catch((e) => { console.error(e); process.exit(1); });\n`;
}

const cells = new Map(); // `${spec}\t${runtime}` -> text
const cell = (spec, runtime, text) => cells.set(`${spec}\t${runtime}`, text);

mkdirSync(join(app, 'use'));
step('Node ESM and CommonJS: every entry');
await pool(
  ENTRIES.flatMap((entry) => {
    const base = join(app, 'use', slug(entry.spec));
    writeFileSync(`${base}.mjs`, esmSource(entry));
    writeFileSync(`${base}.cjs`, cjsSource(entry));
    const expectCjs = hasRequire(entry.spec);
    return [
      async () => {
        const r = await run(process.execPath, [`${base}.mjs`], { cwd: app });
        if (r.code === 0) cell(entry.spec, 'esm', 'ok');
        else {
          cell(entry.spec, 'esm', 'FAIL');
          fail(`ESM ${entry.spec}`, r.stderr);
        }
      },
      async () => {
        const r = await run(process.execPath, [`${base}.cjs`], { cwd: app });
        if (expectCjs && r.code === 0) cell(entry.spec, 'cjs', 'ok');
        else if (!expectCjs && r.code !== 0 && /ERR_PACKAGE_PATH_NOT_EXPORTED/.test(r.stderr))
          cell(entry.spec, 'cjs', 'none (ok: ESM only, as declared)');
        else {
          cell(entry.spec, 'cjs', 'FAIL');
          fail(
            `CommonJS ${entry.spec}`,
            expectCjs ? r.stderr : 'require() should fail: the package declares no CommonJS form',
          );
        }
      },
    ];
  }),
);

step('the toplines command (bin, ESM)');
{
  const bin = join(app, 'node_modules', '.bin', 'toplines');
  const moe = await run(bin, ['moe', '--n', '1037'], { cwd: app });
  const report = await run(bin, ['reanalyze', '--survey', 'api-2025-jp', '--no-color'], {
    cwd: app,
  });
  if (moe.code === 0 && moe.stdout.includes('±3.0 points') && report.code === 0) {
    cell('toplines (bin)', 'esm', 'ok');
  } else {
    cell('toplines (bin)', 'esm', 'FAIL');
    fail('toplines bin', moe.stderr + report.stderr);
  }
}

// ── TypeScript: node16 (ESM and CommonJS files) and bundler ────────────────

step('TypeScript: tsc --noEmit, moduleResolution node16 and bundler');
mkdirSync(join(app, 'ts'));
for (const entry of ENTRIES) {
  const base = join(app, 'ts', slug(entry.spec));
  if (entry.json) {
    // JSON: a default import where the resolution allows one without an import
    // attribute (bundler), require in a CommonJS file (node16).
    writeFileSync(
      `${base}.ts`,
      `import schema from '${entry.spec}';\nexport const used: object = schema;\n`,
    );
    writeFileSync(
      `${base}.cts`,
      `import schema = require('${entry.spec}');\nexport const used: object = schema;\n`,
    );
    continue;
  }
  // ESM (.ts in a "type": "module" project) for both resolutions, and a
  // CommonJS file (.cts, node16 only) where the package declares a require form.
  writeFileSync(`${base}.ts`, `${entry.ts}\n`);
  if (hasRequire(entry.spec))
    writeFileSync(
      `${base}.cts`,
      `import m = require('${entry.spec}');\nexport const used: readonly unknown[] = Object.values(m);\n`,
    );
}
const compilerOptions = {
  strict: true,
  noEmit: true,
  // As `tsc --init` sets it, and most projects: the declarations of vega,
  // arquero and flechette do not compile on their own under strict
  // (undeclared DOM names, implicit any), which is not what is tested here.
  skipLibCheck: true,
  target: 'es2022',
  lib: ['es2022'],
  types: ['node'],
  typeRoots: [join(ROOT, 'node_modules', '@types')],
  resolveJsonModule: true,
};
const tsModes = {
  node16: {
    module: 'node16',
    moduleResolution: 'node16',
    include: ['ts/*.ts', 'ts/*.cts'],
    exclude: ['ts/*schema-json.ts'],
  },
  bundler: { module: 'esnext', moduleResolution: 'bundler', include: ['ts/*.ts'] },
};
await pool(
  Object.entries(tsModes).map(([mode, { include, exclude = [], ...options }]) => async () => {
    const config = join(app, `tsconfig.${mode}.json`);
    writeFileSync(
      config,
      JSON.stringify(
        { compilerOptions: { ...compilerOptions, ...options }, include, exclude },
        null,
        2,
      ),
    );
    const r = await run(
      process.execPath,
      [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', config],
      { cwd: app },
    );
    const errors = `${r.stdout}${r.stderr}`;
    const elsewhere = errors.split('\n').filter((line) => line.startsWith('node_modules/'));
    for (const entry of ENTRIES) {
      const mine = errors.split('\n').filter((line) => line.startsWith(`ts/${slug(entry.spec)}.`));
      const ok = r.code === 0 || (mine.length === 0 && elsewhere.length === 0);
      cell(entry.spec, `ts-${mode}`, ok ? 'ok' : 'FAIL');
      if (!ok && mine.length > 0) fail(`TypeScript ${mode} ${entry.spec}`, mine.join('\n'));
    }
    if (r.code !== 0 && !/^(ts|node_modules)\//m.test(errors)) fail(`TypeScript ${mode}`, errors);
    if (elsewhere.length > 0)
      fail(`TypeScript ${mode}: errors in installed declarations`, elsewhere.join('\n'));
  }),
);

// ── Deno, offline, on the installed node_modules ──────────────────────────

step('Deno: deno run on the installed node_modules, offline');
const deno = join(BIN, 'deno');
let denoNote = '';
if (!existsSync(deno)) {
  denoNote = 'Deno not installed (node_modules/.bin/deno): not run';
} else {
  await pool(
    ENTRIES.map((entry) => async () => {
      const file = join(app, 'use', `${slug(entry.spec)}.mjs`);
      const r = await run(deno, ['run', '--cached-only', '--quiet', '-A', file], {
        cwd: app,
        env: { DENO_NO_UPDATE_CHECK: '1', DENO_DIR: join(temp, 'deno-cache') },
      });
      if (r.code === 0) cell(entry.spec, 'deno', 'ok');
      else if (/cached-only|not found in cache|Specifier not found in cache/i.test(r.stderr)) {
        cell(entry.spec, 'deno', 'not offline');
        denoNote = 'Deno could not resolve the packages offline: its cells say "not offline"';
      } else {
        cell(entry.spec, 'deno', 'FAIL');
        fail(`Deno ${entry.spec}`, r.stderr);
      }
    }),
  );
}

// ── Browser bundles (esbuild) ─────────────────────────────────────────────

step('browser bundles (esbuild, platform browser, minified)');
const esbuild = await import(join(ROOT, 'node_modules', 'esbuild', 'lib', 'main.js'));
const BUNDLES = [
  {
    name: '@toplines/core (everything)',
    spec: '@toplines/core',
    code: "export * from '@toplines/core';",
  },
  {
    name: 'shareChart of @toplines/charts',
    spec: '@toplines/charts',
    code: "export { shareChart } from '@toplines/charts';",
  },
  {
    name: 'load, withIntervals of @toplines/data (with the bundled surveys)',
    spec: '@toplines/data',
    code: "export { load, withIntervals } from '@toplines/data';",
  },
  {
    name: 'readArticle, toDataPackage of @toplines/read (with compromise)',
    spec: '@toplines/read',
    code: "export { readArticle, toDataPackage } from '@toplines/read';",
  },
];
const bundleRows = [];
for (const bundle of BUNDLES) {
  try {
    const result = await esbuild.build({
      stdin: { contents: bundle.code, resolveDir: app, loader: 'js' },
      bundle: true,
      format: 'esm',
      platform: 'browser',
      minify: true,
      write: false,
      logLevel: 'silent',
      metafile: true,
    });
    const text = result.outputFiles[0].text;
    const builtins = Object.values(result.metafile.inputs)
      .flatMap((input) => input.imports)
      .filter((i) => i.path.startsWith('node:') || i.external);
    if (builtins.length > 0) throw new Error(`imports ${builtins.map((i) => i.path).join(', ')}`);
    const bytes = Buffer.byteLength(text);
    const gzip = gzipSync(text, { level: 9 }).length;
    bundleRows.push([bundle.name, 'ok', kB(bytes), kB(gzip)]);
    cell(bundle.spec, 'browser', `ok, ${kB(gzip)} gz`);
  } catch (error) {
    bundleRows.push([bundle.name, 'FAIL', '', '']);
    cell(bundle.spec, 'browser', 'FAIL');
    fail(`browser bundle ${bundle.name}`, error.message);
  }
}

// ── arethetypeswrong and publint, on each package ─────────────────────────

step('arethetypeswrong --pack and publint --strict, on each package');
const lintRows = await pool(
  PACKAGES.map((name) => async () => {
    const dir = join(ROOT, 'packages', name);
    const attw = await run(
      join(BIN, 'attw'),
      // node16 profile: node10 (TypeScript's legacy resolution) cannot see
      // subpath exports such as ./render, and is not supported.
      ['--pack', dir, '--profile', 'node16', '--format', 'ascii'],
      { cwd: ROOT },
    );
    const publint = await run(join(BIN, 'publint'), ['--strict', dir], { cwd: ROOT });
    if (attw.code !== 0) fail(`attw @toplines/${name}`, attw.stdout + attw.stderr);
    if (publint.code !== 0) fail(`publint @toplines/${name}`, publint.stdout + publint.stderr);
    const info = packed[name];
    return [
      `@toplines/${name}`,
      kB(info.size),
      kB(info.unpackedSize),
      String(info.entryCount),
      info.problems.length === 0 ? 'ok' : 'FAIL',
      attw.code === 0 ? 'ok' : 'FAIL',
      publint.code === 0 ? 'ok' : 'FAIL',
    ];
  }),
);

// ── The tables ─────────────────────────────────────────────────────────────

const RUNTIMES = [
  ['esm', 'Node ESM'],
  ['cjs', 'Node CJS'],
  ['ts-node16', 'tsc node16'],
  ['ts-bundler', 'tsc bundler'],
  ['deno', 'Deno'],
  ['browser', 'browser bundle'],
];
const entryNames = [...ENTRIES.map((e) => e.spec), 'toplines (bin)'];
const entryTable = table(
  ['entry', ...RUNTIMES.map(([, title]) => title)],
  entryNames.map((spec) => [
    `\`${spec}\``,
    ...RUNTIMES.map(([key]) => cells.get(`${spec}\t${key}`) ?? '–'),
  ]),
);
const seconds = ((performance.now() - started) / 1000).toFixed(0);
const output = [
  `Node ${process.version}, npm install of the ${PACKAGES.length} tarballs into a new project: ${installSeconds.toFixed(0)} s; whole run ${seconds} s.`,
  '',
  entryTable,
  '',
  table(['browser bundle (esbuild, minified)', 'no node: imports', 'size', 'gzip'], bundleRows),
  '',
  table(
    ['package', 'tarball', 'unpacked', 'files', 'contents', 'attw --pack', 'publint --strict'],
    lintRows,
  ),
  '',
  `Installed: the new project's node_modules holds ${MB(installedBytes)} in ${installedCount} packages.`,
  denoNote === '' ? '' : `\n${denoNote}`,
  failures.length === 0 ? 'All checks passed.' : `FAILED: ${failures.join('; ')}`,
].join('\n');
process.stdout.write(`${output}\n`);

if (args.has('--keep')) step(`kept ${temp}`);
else rmSync(temp, { recursive: true, force: true });
process.exit(failures.length === 0 ? 0 : 1);
