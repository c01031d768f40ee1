import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DataError, load, validate } from '../src/index';
import { readDataPackage, readDocuments, readResultsCsv } from '../src/node';
import { RESULTS_HEADER } from './helpers/mini-package';
import { columnsOf } from './helpers/table-equal';

const datasets = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'datasets');

describe('@toplines/data/node', () => {
  it('readDataPackage reads datasets/ (folder or descriptor) like the bundled load()', async () => {
    for (const path of [datasets, join(datasets, 'datapackage.json')]) {
      const pkg = await readDataPackage(path);
      for (const name of ['sources', 'surveys', 'questions', 'results'] as const) {
        expect(columnsOf(pkg[name]!), name).toEqual(columnsOf(load()[name]));
      }
    }
  });

  it('readResultsCsv reads a file and names it in issues', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'toplines-data-'));
    const file = join(dir, 'mine.csv');
    writeFileSync(file, `${RESULTS_HEADER}\np,q,total,total,yes,forty,exact,false,,s,forty\n`);
    const pkg = await readResultsCsv(file);
    const { errors } = validate(pkg);
    expect(errors[0]?.file).toBe(file);
    expect(errors[0]?.message).toBe(
      `${file}, row 1 (line 2), column "percent": "forty" is not a number`,
    );
  });

  it('throws DataError unreadable-resource for a missing file', async () => {
    await expect(readResultsCsv('/no/such/file.csv')).rejects.toBeInstanceOf(DataError);
    await expect(readDataPackage('/no/such/folder')).rejects.toMatchObject({
      code: 'unreadable-resource',
    });
  });

  it('readDocuments returns undefined for a missing document', () => {
    expect(readDocuments('/no/such/folder')('x.txt')).toBeUndefined();
  });
});
