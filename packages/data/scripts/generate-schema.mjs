// Writes schema/reanalysis.schema.json, the JSON Schema of the document
// `toplines reanalyze --json` prints (the ReanalysisDocument type), from the
// TypeScript types themselves, so that the schema cannot drift from them.
// `node scripts/generate-schema.mjs` writes it; `--check` exits 1 when the
// committed file differs. The test in test/reanalyze/schema.test.ts checks it too.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGenerator } from 'ts-json-schema-generator';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SCHEMA_PATH = join(root, 'schema', 'reanalysis.schema.json');

/** The schema as text, generated from src/reanalyze/model.ts. */
export function schemaText() {
  const schema = createGenerator({
    path: join(root, 'src', 'reanalyze', 'model.ts'),
    tsconfig: join(root, 'tsconfig.json'),
    type: 'ReanalysisDocument',
    expose: 'export',
    additionalProperties: false,
    skipTypeCheck: true,
  }).createSchema('ReanalysisDocument');
  schema.title = 'toplines reanalyze --json';
  schema.description =
    'The reanalysis of published toplines that `toplines reanalyze --json` prints and reanalyze() in @toplines/data returns (plus the tool). Proportions in [0, 1]; percent units only in fields named percent…; unknowns are null.';
  return `${JSON.stringify(schema, null, 2)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = schemaText();
  if (process.argv.includes('--check')) {
    if (readFileSync(SCHEMA_PATH, 'utf8') !== text) {
      console.error(`${SCHEMA_PATH} is stale: run npm run schema -w @toplines/data`);
      process.exit(1);
    }
  } else {
    writeFileSync(SCHEMA_PATH, text);
    console.log(`wrote ${SCHEMA_PATH}`);
  }
}
