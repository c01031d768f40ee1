// The main entry must run in Deno and browsers: no node: imports outside src/node.ts.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as api from '../src/index';

const src = join(dirname(fileURLToPath(import.meta.url)), '..', 'src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** The modules of the ./node entry: node.ts and what only it imports (the respondent-file readers). */
const NODE_ONLY = ['node.ts', 'microdata/parse-sav.ts', 'microdata/read-microdata.ts'];

describe('the main entry', () => {
  it('imports nothing from Node outside src/node.ts', () => {
    const offenders = files(src)
      .filter((path) => path.endsWith('.ts') && !NODE_ONLY.includes(relative(src, path)))
      .filter((path) => /from ['"](node:|fs['"]|path['"]|url['"])/.test(readFileSync(path, 'utf8')))
      .map((path) => relative(src, path));
    expect(offenders).toEqual([]);
  });

  it('imports the Node-only modules from src/node.ts alone', () => {
    const importers = files(src)
      .filter((path) => path.endsWith('.ts') && !NODE_ONLY.includes(relative(src, path)))
      .filter((path) =>
        /from '\.{1,2}\/(?:microdata\/)?(?:parse-sav|read-microdata)'/.test(
          readFileSync(path, 'utf8'),
        ),
      )
      .map((path) => relative(src, path));
    expect(importers).toEqual([]);
  });

  it('exports the documented API and no default', () => {
    expect(Object.keys(api).sort()).toEqual(
      [
        'ACROSS_POLLS_COLUMNS',
        'WEIGHTED_TOPLINES_COLUMNS',
        'DataError',
        'decodeText',
        'csvField',
        'acrossPolls',
        'DEFAULT_ASSUMED_N',
        'LEAD_COLUMNS',
        'SCHEMA_VERSION',
        'SOURCE_ROW',
        'sourceRowsOf',
        'reanalyze',
        'reanalyzeSurveys',
        'PERCENT_TEXT',
        'assertValid',
        'bundledDescriptor',
        'consistency',
        'leads',
        'load',
        'parseDataPackage',
        'parseResultsCsv',
        'parseMicrodataCsv',
        'parseParquet',
        'questions',
        'results',
        'sources',
        'surveys',
        'validate',
        'withIntervals',
        'weightedToplines',
        'DESIGN_SUMS_COLUMNS',
        'designSumsSql',
        'SQL_DIALECTS',
        'weightedToplinesFromSums',
      ].sort(),
    );
  });
});
