import { describe, expect, it } from 'vitest';
import { bundledDescriptor, DataError, parseDataPackage, parseResultsCsv } from '../../src/index';
import { miniFiles, RESULTS_HEADER } from '../helpers/mini-package';
import { expectTableEqual } from '../helpers/table-equal';

function thrown(fn: () => unknown): DataError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DataError);
    return e as DataError;
  }
  throw new Error('expected a DataError');
}

describe('parseDataPackage', () => {
  it('reads a descriptor given as text, and an external schema file', () => {
    const files: Record<string, string> = {
      'datapackage.json': JSON.stringify({
        resources: [{ name: 'results', path: 'r.csv', schema: 'r.schema.json' }],
      }),
      'r.schema.json': JSON.stringify({
        fields: [
          { name: 'option' },
          { name: 'percent', type: 'number' },
          { name: 'ok', type: 'boolean' },
        ],
      }),
      'r.csv': 'option,percent,ok\nyes,40.50,true\nno,,0\n',
    };
    const pkg = parseDataPackage(files['datapackage.json']!, (path) => files[path]!);
    expectTableEqual(pkg.results!, {
      option: ['yes', 'no'],
      percent: [40.5, null],
      percent_text: ['40.50', null],
      ok: [true, false],
    });
    expect(pkg.sources).toBeUndefined();
    expect(pkg.resources.map((r) => r.name)).toEqual(['results']);
  });

  it('leaves out resources without a schema (not tabular)', () => {
    const pkg = parseDataPackage({ resources: [{ name: 'readme', path: 'README.md' }] }, () => '');
    expect(pkg.resources).toEqual([]);
  });

  it('throws DataError invalid-descriptor for a broken descriptor', () => {
    expect(thrown(() => parseDataPackage('{ not json', () => '')).code).toBe('invalid-descriptor');
    expect(thrown(() => parseDataPackage('[]', () => '')).message).toBe(
      'the data package descriptor must be a JSON object, got an array of length 0',
    );
    expect(thrown(() => parseDataPackage('{}', () => '')).message).toBe(
      'the data package descriptor has no "resources" array',
    );
    const noFields = thrown(() =>
      parseDataPackage(
        { resources: [{ name: 'x', path: 'x.csv', schema: {} as never }] },
        () => '',
      ),
    );
    expect(noFields.message).toBe('the schema of resource "x" has no "fields" array');
  });

  it('throws DataError unreadable-resource naming the path', () => {
    const error = thrown(() =>
      parseDataPackage(bundledDescriptor(), () => {
        throw new Error('ENOENT');
      }),
    );
    expect(error.code).toBe('unreadable-resource');
    expect(error.message).toBe('cannot read "sources.csv": ENOENT');
  });

  it('reads the mini package into typed tables', () => {
    const files = miniFiles();
    const pkg = parseDataPackage(bundledDescriptor(), (path) => files[path]!);
    expectTableEqual(
      pkg.surveys!.select('survey_id', 'n', 'moe_reported', 'field_start', 'sponsor'),
      {
        survey_id: ['poll'],
        n: [1000],
        moe_reported: [3.1],
        field_start: ['2025-01-01'],
        sponsor: [null],
      },
    );
  });
});

describe('parseResultsCsv', () => {
  it('reads a results CSV with the bundled schema', () => {
    const pkg = parseResultsCsv(
      `${RESULTS_HEADER}\np,q,total,total,yes,40.50,approx,true,,s,about 40.50%\n`,
    );
    expectTableEqual(
      pkg.results!.select('percent', 'percent_text', 'qualifier', 'is_net', 'base_n'),
      {
        percent: [40.5],
        percent_text: ['40.50'],
        qualifier: ['approx'],
        is_net: [true],
        base_n: [null],
      },
    );
    expect(pkg.resources[0]?.path).toBe('results.csv');
    expect(pkg.questions).toBeUndefined();
  });

  it('refuses something that is not text', () => {
    expect(thrown(() => parseResultsCsv(42 as never)).code).toBe('invalid-type');
  });
});
