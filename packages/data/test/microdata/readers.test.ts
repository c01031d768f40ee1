// The respondent-file readers: the CSV, SPSS .sav and Parquet copies of the api fixtures
// (make-api.R, make-parquet.mjs) give the same table once the .sav's value labels are
// applied; what each says about its columns; and the files they refuse.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ColumnTable } from 'arquero';
import { describe, expect, it } from 'vitest';
import {
  type DataError,
  type Microdata,
  parseMicrodataCsv,
  weightedToplines,
} from '../../src/index';
import { parseSav, readMicrodata } from '../../src/node';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'microdata');
const FILES = ['apistrat', 'apiclus1', 'apiclus2'] as const;

/** The columns of a table as plain arrays, value labels applied (a code without one stays). */
function labelled({ table, labels }: Microdata): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const name of table.columnNames()) {
    const names = new Map((labels[name]?.values ?? []).map((e) => [e.value, e.label]));
    out[name] = Array.from(
      table.array(name) as ArrayLike<string | number>,
      (v) => names.get(v) ?? v,
    );
  }
  return out;
}

async function failure(run: () => Promise<unknown>): Promise<DataError> {
  try {
    await run();
  } catch (e) {
    return e as DataError;
  }
  throw new Error('did not throw');
}

describe('readMicrodata: the same respondents from CSV, SPSS and Parquet', () => {
  for (const name of FILES) {
    it(`${name}: .csv, .sav (labels applied) and .parquet give identical tables`, async () => {
      const csv = await readMicrodata(join(fixtures, `${name}.csv`));
      const sav = await readMicrodata(join(fixtures, `${name}.sav`));
      const parquet = await readMicrodata(join(fixtures, `${name}.parquet`));
      expect([csv.format, sav.format, parquet.format]).toEqual(['csv', 'sav', 'parquet']);
      const rows = (csv.table as ColumnTable).numRows();
      expect(rows).toBe({ apistrat: 200, apiclus1: 183, apiclus2: 126 }[name]);
      expect(labelled(sav)).toEqual(labelled(csv));
      expect(labelled(parquet)).toEqual(labelled(csv));
      expect(csv.labels).toEqual({});
      expect(parquet.labels).toEqual({});
    });
  }

  it('.sav: variable labels, value labels and user-missing codes (as null in the table)', async () => {
    const sav = await readMicrodata(join(fixtures, 'apistrat.sav'));
    expect({ ...sav.labels['stype'] }).toEqual({
      label: 'School type',
      values: [
        { value: 1, label: 'E' },
        { value: 2, label: 'H' },
        { value: 3, label: 'M' },
      ],
      missing: [],
    });
    expect(sav.labels['target_met']?.missing).toEqual([9]);
    expect(sav.labels['target_met']?.values.at(-1)).toEqual({ value: 9, label: 'no target set' });
    expect(sav.table.array('target_met')).not.toContain(9);
    expect(sav.labels['pw']).toBeUndefined();
    // every case, not only the first (sav-reader 2.0.8 alone stops after one)
    expect(sav.table.numRows()).toBe(200);
  });

  it('weightedToplines gives the same numbers from the .sav (labels) as from the CSV', async () => {
    const options = {
      questions: ['stype', 'awards', 'target_met'],
      weights: 'pw',
      strata: 'stype',
      fpc: 'fpc',
    };
    const csv = await readMicrodata(join(fixtures, 'apistrat.csv'));
    const sav = await readMicrodata(join(fixtures, 'apistrat.sav'));
    const a = weightedToplines(csv.table, options).results;
    const b = weightedToplines(sav.table, { ...options, labels: sav.labels }).results;
    const numbers = (t: ColumnTable) =>
      t
        .select('question_id', 'group_value', 'option', 'percent', 'se', 'lower', 'upper', 'base_n')
        .objects();
    expect(numbers(b)).toEqual(numbers(a));
  });

  it('parseMicrodataCsv: a semicolon file with decimal commas, NA and empty cells missing', () => {
    const { table } = parseMicrodataCsv('q;w;code\nyes;1,5;3\nno;2;NA\n;0,25;\n');
    expect(table.objects()).toEqual([
      { q: 'yes', w: 1.5, code: 3 },
      { q: 'no', w: 2, code: null },
      { q: null, w: 0.25, code: null },
    ]);
  });
});

describe('readMicrodata: files that are not what they say', () => {
  const dir = mkdtempSync(join(tmpdir(), 'toplines-microdata-'));
  const csvText = readFileSync(join(fixtures, 'apistrat.csv'));
  const savBytes = readFileSync(join(fixtures, 'apistrat.sav'));

  it('a CSV named .sav, a CSV named .parquet, a .sav named .csv', async () => {
    writeFileSync(join(dir, 'fake.sav'), csvText);
    writeFileSync(join(dir, 'fake.parquet'), csvText);
    writeFileSync(join(dir, 'fake.csv'), savBytes);
    const sav = await failure(() => readMicrodata(join(dir, 'fake.sav')));
    expect(sav.code).toBe('unreadable-resource');
    expect(sav.message).toBe(
      `"${join(dir, 'fake.sav')}" is not an SPSS .sav file: it does not begin with $FL2`,
    );
    const parquet = await failure(() => readMicrodata(join(dir, 'fake.parquet')));
    expect(parquet.code).toBe('unreadable-resource');
    expect(parquet.message).toMatch(/is not a readable Parquet file: /);
    const csv = await failure(() => readMicrodata(join(dir, 'fake.csv')));
    expect(csv.code).toBe('unreadable-resource');
  });

  it('a .sav cut short, a .zsav, an unknown extension, a missing file', async () => {
    const cut = await failure(() =>
      parseSav(savBytes.subarray(0, savBytes.length - 500), { file: 'cut.sav' }),
    );
    expect(cut.message).toMatch(/^"cut.sav" ends after \d+ of the 200 cases its header announces$/);
    const zsav = Buffer.from(savBytes);
    zsav.write('$FL3', 0, 'latin1');
    expect((await failure(() => parseSav(zsav, { file: 'z.sav' }))).message).toMatch(
      /ZLIB-compressed/,
    );
    expect((await failure(() => readMicrodata(join(dir, 'data.xlsx')))).message).toMatch(
      /cannot tell the format of .*data\.xlsx/,
    );
    expect((await failure(() => readMicrodata(join(dir, 'none.csv')))).code).toBe(
      'unreadable-resource',
    );
  });

  it('a CSV row with another number of cells than the header, and a CSV without rows', () => {
    expect(() => parseMicrodataCsv('a,b\n1,2\n3\n', { file: 'x.csv' })).toThrow(
      'x.csv, row 2 (line 3): the row has 1 cells but the header has 2',
    );
    expect(() => parseMicrodataCsv('a,b\n', { file: 'x.csv' })).toThrow(
      '"x.csv" has no respondents (no data rows)',
    );
  });
});
