#!/usr/bin/env node
// Writes src/bundled/datasets.ts from ../../datasets (datapackage.json and
// the CSV files it names), so that the bundled data ship inside the build and
// load with no file access in Node, Deno and browsers. The module is
// committed; test/io/bundled.test.ts fails when it differs from datasets/.
//
//   node scripts/generate-datasets.mjs          write the module
//   node scripts/generate-datasets.mjs --check  exit 1 if the module is stale
//
// `npm run generate -w @toplines/data` runs the first.
import { readFileSync, writeFileSync } from 'node:fs';
import { datasetsModule, MODULE_PATH, readDatasets, staleness } from './datasets-module.mjs';

const files = readDatasets();
const source = datasetsModule(files);

let current = null;
try {
  current = readFileSync(MODULE_PATH, 'utf8');
} catch {
  current = null;
}
const stale = staleness(current, source);
if (process.argv.includes('--check')) {
  if (stale !== null) {
    console.error(stale);
    process.exit(1);
  }
} else if (stale !== null) {
  writeFileSync(MODULE_PATH, source);
  console.log(`wrote ${MODULE_PATH} (${files.resources.length} files)`);
}
