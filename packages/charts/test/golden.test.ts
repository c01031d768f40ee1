// Every builder's spec: valid against the Vega-Lite v5 and v6 JSON schemas,
// compiled by vega-lite 5 and 6, and equal to its committed golden *.vl.json
// (UPDATE_GOLDEN=1 rewrites them).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import * as vl6 from 'vega-lite';
import * as vl5 from 'vega-lite-v5/build/src/index.js';
import { describe, expect, it } from 'vitest';
import { SCHEMA_URL } from '../src/index';
import { CASES } from './cases';
import { HERE, nodeModule, readJson, UPDATE } from './helpers';

const GOLDEN = join(HERE, 'golden');
const ajv = (path: string) =>
  new Ajv({
    strict: false,
    allowUnionTypes: true,
    allErrors: false,
    validateFormats: false,
  }).compile(readJson(nodeModule(path)) as object);
const validateV5 = ajv('vega-lite-v5/build/vega-lite-schema.json');
const validateV6 = ajv('vega-lite/build/vega-lite-schema.json');

describe.each(CASES)('$name', ({ name, spec }) => {
  const built = spec();

  it('names the v5 schema, the Inter font and a description', () => {
    expect(built.$schema).toBe(SCHEMA_URL);
    expect((built as { config?: { font?: string } }).config?.font).toBe('Inter');
    expect(typeof built.description).toBe('string');
    expect((built.description ?? '').length).toBeGreaterThan(40);
  });

  it('validates against the Vega-Lite v5 JSON schema', () => {
    const ok = validateV5(built);
    expect(validateV5.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('validates against the Vega-Lite v6 JSON schema', () => {
    const ok = validateV6(built);
    expect(validateV6.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('compiles with vega-lite 5 and 6, without warnings', () => {
    const warnings: string[] = [];
    const logger = {
      level: () => logger,
      error: (...m: unknown[]) => warnings.push(m.join(' ')) && logger,
      warn: (...m: unknown[]) => warnings.push(m.join(' ')) && logger,
      info: () => logger,
      debug: () => logger,
    };
    // biome-ignore lint/suspicious/noExplicitAny: the two versions' Logger types differ
    expect(vl6.compile(built, { logger: logger as any }).spec).toBeTruthy();
    // biome-ignore lint/suspicious/noExplicitAny: the two versions' Logger types differ
    expect(vl5.compile(built as any, { logger: logger as any }).spec).toBeTruthy();
    expect(warnings).toEqual([]);
  });

  it('matches its golden spec', () => {
    const file = join(GOLDEN, `${name}.vl.json`);
    const text = `${JSON.stringify(built, null, 2)}\n`;
    if (UPDATE || !existsSync(file)) {
      mkdirSync(GOLDEN, { recursive: true });
      writeFileSync(file, text);
    }
    // Numbers are compared to 12 significant digits: a change in the last bits of a bound
    // (from @toplines/core) is not a change in the chart.
    expect(roundNumbers(JSON.parse(text))).toEqual(
      roundNumbers(JSON.parse(readFileSync(file, 'utf8'))),
    );
  });
});

/** A copy of a JSON value with every number rounded to 12 significant digits. */
function roundNumbers(value: unknown): unknown {
  if (typeof value === 'number') return Number(value.toPrecision(12));
  if (Array.isArray(value)) return value.map(roundNumbers);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, roundNumbers(v)]));
  }
  return value;
}
