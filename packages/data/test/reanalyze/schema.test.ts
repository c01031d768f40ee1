// The JSON Schema of `toplines reanalyze --json`: generated from the types,
// committed, and the bundled reanalysis validates against it.
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import { SCHEMA_PATH, schemaText } from '../../scripts/generate-schema.mjs';
import { load, reanalyze } from '../../src/index';

const committed = readFileSync(SCHEMA_PATH as string, 'utf8');
const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(committed));
const doc = { ...reanalyze(load()), tool: { name: 'toplines', version: '0.0.0' } };

describe('schema/reanalysis.schema.json', () => {
  it('is what the types generate (run npm run schema -w @toplines/data when it is not)', () => {
    expect(committed).toBe((schemaText as () => string)());
  }, 120_000); // the generator type-checks the package

  it('accepts the bundled reanalysis', () => {
    const ok = validate(JSON.parse(JSON.stringify(doc)));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('rejects a document with a field it does not describe, or a wrong type', () => {
    expect(validate({ ...doc, extra: 1 })).toBe(false);
    const broken = JSON.parse(JSON.stringify(doc));
    broken.surveys[0].questions[0].options[0].lower = 'wide';
    expect(validate(broken)).toBe(false);
    expect(validate({ ...doc, schemaVersion: 1 })).toBe(false);
  });
});
