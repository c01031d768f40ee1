import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  datasetsModule,
  MODULE_PATH,
  readDatasets,
  staleness,
} from '../../scripts/datasets-module.mjs';
import { DATAPACKAGE_JSON, RESOURCE_TEXT } from '../../src/bundled/datasets';
import {
  bundledDescriptor,
  load,
  questions,
  results,
  sources,
  surveys,
  validate,
} from '../../src/index';
import { expectNoNaN } from '../helpers/table-equal';

describe('the generated module src/bundled/datasets.ts', () => {
  // The module is committed and nothing regenerates it before the tests: it
  // is generated here in memory and compared with the file.
  const committed = readFileSync(MODULE_PATH, 'utf8');
  const files = readDatasets();

  it('is what datasets/ generates, byte for byte (else: npm run generate -w @toplines/data)', () => {
    const stale = staleness(committed, datasetsModule(files));
    expect(stale, stale ?? '').toBeNull();
  });

  it('holds each file of datasets/ as written', () => {
    expect(DATAPACKAGE_JSON).toBe(files.descriptorText);
    expect(Object.keys(RESOURCE_TEXT)).toEqual(files.resources.map((r) => r.path));
    for (const { path, text } of files.resources) expect(RESOURCE_TEXT[path], path).toBe(text);
  });

  it('is reported stale, with the command to run, when a dataset changes', () => {
    const changed = {
      ...files,
      resources: files.resources.map((r) =>
        r.path === 'results.csv' ? { ...r, text: r.text.replace(',40.5,', ',40.6,') } : r,
      ),
    };
    expect(changed.resources.find((r) => r.path === 'results.csv')?.text).not.toBe(
      files.resources.find((r) => r.path === 'results.csv')?.text,
    );
    const stale = staleness(committed, datasetsModule(changed));
    expect(stale).toMatch(
      /^src\/bundled\/datasets\.ts is stale: it differs from datasets\/ at line \d+/,
    );
    expect(stale).toContain('run npm run generate -w @toplines/data');
    expect(staleness(null, datasetsModule(files))).toContain('run npm run generate');
  });
});

describe('load', () => {
  it('returns the four tables, each with the columns of its schema', () => {
    const pkg = load();
    for (const resource of bundledDescriptor().resources) {
      const table = pkg[resource.name as 'sources' | 'surveys' | 'questions' | 'results'];
      const fields = (resource.schema as { fields: { name: string }[] }).fields.map((f) => f.name);
      const expected =
        resource.name === 'results'
          ? [...fields.slice(0, 6), 'percent_text', ...fields.slice(6)]
          : fields;
      expect(table.columnNames(), resource.name).toEqual(expected);
      expect(table.numRows(), resource.name).toBe(
        RESOURCE_TEXT[resource.path]!.trim().split('\n').length -
          1 -
          countEmbeddedNewlines(RESOURCE_TEXT[resource.path]!),
      );
      expectNoNaN(table);
    }
    expect(sources()).toBe(pkg.sources);
    expect(surveys()).toBe(pkg.surveys);
    expect(questions()).toBe(pkg.questions);
    expect(results()).toBe(pkg.results);
    expect(load()).toBe(pkg);
  });

  it('types cells by the schema: numbers, null for empty, booleans, the printed percent', () => {
    const api = surveys().filter((d: { survey_id: string }) => d.survey_id === 'api-2025-jp');
    expect(api.get('n', 0)).toBe(1037);
    expect(api.get('moe_reported', 0)).toBeNull();
    const jx = surveys().filter((d: { survey_id: string }) => d.survey_id === 'jxpress-2025-07');
    expect(jx.get('n', 0)).toBeNull();
    const us = results().filter((d: { question_id: string }) => d.question_id === 'us-impression');
    expect(us.array('percent')).toEqual([40.5, 34.5]);
    expect(us.array('is_net')).toEqual([false, false]);
    expect(us.array('base_n')).toEqual([1037, 1037]);
    const reasons = results().filter(
      (d: { question_id: string; option: string }) =>
        d.question_id === 'us-favorable-reasons' &&
        d.option === 'an important partner for Japan’s security',
    );
    expect(reasons.get('percent', 0)).toBe(31);
    expect(reasons.get('percent_text', 0)).toBe('31.0');
    expect(reasons.get('base_n', 0)).toBeNull();
    for (const value of results().array('is_net')) expect(typeof value).toBe('boolean');
  });
});

describe('validate(load())', () => {
  it('finds no errors in the bundled data package', () => {
    const { errors, warnings } = validate(load());
    // Warnings are allowed; list them so that the test output shows them.
    for (const warning of warnings) console.info(`warning [${warning.code}] ${warning.message}`);
    expect(errors.map((e) => e.message)).toEqual([]);
  });
});

/** Line breaks inside quoted cells, which the row count must not count. */
function countEmbeddedNewlines(text: string): number {
  let inQuote = false;
  let count = 0;
  for (const ch of text) {
    if (ch === '"') inQuote = !inQuote;
    else if (ch === '\n' && inQuote) count++;
  }
  return count;
}
