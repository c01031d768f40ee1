// #18: what a hostile or careless caller gives validate and the readers.
// Each case was a raw TypeError or SyntaxError, an hour of backtracking, or
// a mistake accepted in silence; each is now a named DataError or a located
// issue. Every test answers well within a second.
import { describe, expect, it } from 'vitest';
import {
  DataError,
  type DataPackageDescriptor,
  load,
  parseDataPackage,
  parseResultsCsv,
  validate,
} from '../../src/index';

const HEADER =
  'survey_id,question_id,group_dim,group_value,option,percent,qualifier,is_net,base_n,source_id,quote\n';

/** The DataError `f` throws (fails the test when it throws anything else, or nothing). */
function dataErrorOf(f: () => unknown): DataError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(DataError);
    return e as DataError;
  }
  throw new Error('expected a DataError, nothing was thrown');
}

/** A one-resource package "t" (columns a, b) with the given schema, plus extra resources. */
function packageWith(schema: unknown, extra: unknown[] = [], csv = 'a,b\nx,1\n') {
  const descriptor = {
    resources: [{ name: 't', path: 't.csv', schema }, ...extra],
  } as unknown as DataPackageDescriptor;
  return parseDataPackage(descriptor, () => csv);
}

describe('validate and the readers refuse what is not theirs, by a named error', () => {
  it.each([
    ['undefined', undefined, 'got undefined'],
    ['null', null, 'got null'],
    ['{}', {}, 'got object'],
    ["'x'", 'x', 'got "x"'],
  ])('validate(%s) is a DataError invalid-type naming the value', (_label, value, got) => {
    const e = dataErrorOf(() => validate(value as never));
    expect(e.code).toBe('invalid-type');
    expect(e.message).toBe(
      `validate requires a data package (from load, parseDataPackage or parseResultsCsv), ${got}`,
    );
  });

  it('validate(pkg, { documents: 5 }) is a DataError invalid-option', () => {
    const e = dataErrorOf(() => validate(load(), { documents: 5 as never }));
    expect(e.code).toBe('invalid-option');
    expect(e.message).toMatch(/^validate requires options\.documents to be a function.*, got 5$/);
  });

  it('parseResultsCsv(text, null) is a DataError invalid-option', () => {
    const e = dataErrorOf(() => parseResultsCsv(HEADER, null as never));
    expect(e.code).toBe('invalid-option');
    expect(e.message).toMatch(/^parseResultsCsv requires options to be an object.*, got null$/);
  });
});

describe('a Table Schema that does not hold together is an invalid-descriptor DataError', () => {
  const fields = (a: object = {}, b: object = {}) => [
    { name: 'a', ...a },
    { name: 'b', ...b },
  ];

  it('a pattern that is not a regular expression ("(")', () => {
    const e = dataErrorOf(() => packageWith({ fields: fields({ constraints: { pattern: '(' } }) }));
    expect(e.code).toBe('invalid-descriptor');
    expect(e.message).toMatch(
      /^the schema of resource "t" has field "a" whose pattern "\(" is not a valid regular expression: /,
    );
  });

  it.each([
    ['a number', 5, 'has missingValues 5: expected an array of strings'],
    ['a string', '', 'has missingValues "": expected an array of strings'],
    ['an array of numbers', [0], 'has missingValues an array of length 1: expected'],
  ])('missingValues that is %s', (_label, missingValues, text) => {
    const e = dataErrorOf(() => packageWith({ fields: fields(), missingValues }));
    expect(e.code).toBe('invalid-descriptor');
    expect(e.message).toContain(`the schema of resource "t" ${text}`);
  });

  it('missingValues as Table Schema v2 {value, label} objects are read by their value', () => {
    const pkg = packageWith(
      {
        fields: fields({}, { type: 'integer' }),
        missingValues: [{ value: '-99', label: 'refused' }],
      },
      [],
      'a,b\nx,-99\n',
    );
    expect(pkg.resources[0]?.table.array('b')).toEqual([null]);
    expect(validate(pkg).errors).toEqual([]);
  });

  it('a field type that Table Schema does not have ("bogus")', () => {
    const e = dataErrorOf(() => packageWith({ fields: fields({ type: 'bogus' }) }));
    expect(e.code).toBe('invalid-descriptor');
    expect(e.message).toMatch(
      /^the schema of resource "t" has field "a" of type "bogus", which is not a Table Schema type \(string, number, integer, /,
    );
  });

  it('a primary key naming a column the schema does not have', () => {
    const e = dataErrorOf(() => packageWith({ fields: fields(), primaryKey: ['a', 'zz'] }));
    expect(e.message).toBe(
      'the schema of resource "t" has a primary key naming "zz", which is not one of its fields',
    );
  });

  it('a foreign key to a resource the package does not have', () => {
    const e = dataErrorOf(() =>
      packageWith({
        fields: fields(),
        foreignKeys: [{ fields: ['a'], reference: { resource: 'nope', fields: ['id'] } }],
      }),
    );
    expect(e.message).toBe(
      'the schema of resource "t" has a foreign key to resource "nope", which the data package does not have (as a table with a schema)',
    );
  });

  it('a foreign key to a field its target resource does not have', () => {
    const e = dataErrorOf(() =>
      packageWith(
        {
          fields: fields(),
          foreignKeys: [{ fields: ['a'], reference: { resource: 'u', fields: ['zz'] } }],
        },
        [{ name: 'u', path: 'u.csv', schema: { fields: [{ name: 'a' }] } }],
      ),
    );
    expect(e.message).toBe(
      'the schema of resource "t" has a foreign key to field "zz" of resource "u", which that resource\'s schema does not have',
    );
  });

  it('two resources named results', () => {
    const e = dataErrorOf(() =>
      packageWith({ fields: fields() }, [
        { name: 't', path: 't.csv', schema: { fields: [{ name: 'b' }] } },
      ]),
    );
    expect(e.message).toBe(
      'the data package has two resources named "t" (resources 0 and 1): each resource needs its own name',
    );
  });

  it('minimum "abc" on a number field (it used to report "below the minimum abc")', () => {
    const e = dataErrorOf(() =>
      packageWith({ fields: fields({}, { type: 'number', constraints: { minimum: 'abc' } }) }),
    );
    expect(e.message).toBe(
      'the schema of resource "t" has field "b" whose minimum "abc" is not a finite number',
    );
  });

  it('a minimum written as a numeric string is compared as a number, not as text', () => {
    const pkg = packageWith(
      { fields: fields({}, { type: 'integer', constraints: { minimum: '5' } }) },
      [],
      'a,b\nx,10\ny,3\n',
    );
    expect(validate(pkg).errors.map((i) => i.message)).toEqual([
      't.csv, row 2 (line 3), column "b": "3" is below the minimum 5',
    ]);
  });

  it('a package built by hand gets the same schema checks from validate', () => {
    const pkg = packageWith({ fields: fields() });
    const resource = pkg.resources[0];
    const broken = {
      ...pkg,
      resources: [{ ...resource, schema: { fields: [{ name: 'a', type: 'bogus' }] } }],
    };
    expect(dataErrorOf(() => validate(broken as never)).code).toBe('invalid-descriptor');
  });
});

describe('a pattern cannot make validation backtrack (ReDoS)', () => {
  it('^(a+)+$ against 35 characters answers at once (it took over a minute)', () => {
    const pkg = packageWith(
      { fields: [{ name: 'a', constraints: { pattern: '^(a+)+$' } }] },
      [],
      `a\n${'a'.repeat(34)}b\n${'a'.repeat(35)}\n`,
    );
    const start = performance.now();
    const { errors } = validate(pkg);
    expect(performance.now() - start).toBeLessThan(500);
    expect(errors.map((i) => [i.code, i.row])).toEqual([['pattern', 1]]);
  });

  it('a backreference, which no linear-time engine runs, refuses the descriptor with a reason', () => {
    const e = dataErrorOf(() =>
      packageWith({ fields: [{ name: 'a', constraints: { pattern: '(a)\\1' } }] }),
    );
    expect(e.code).toBe('invalid-descriptor');
    expect(e.message).toMatch(
      /^the schema of resource "t" has field "a" whose pattern "\(a\)\\\\1" is not run: patterns run on a linear-time engine/,
    );
  });

  it('a pattern whose counted repeats make its program huge is refused (it took a minute on 5,000 characters)', () => {
    const pattern = 'a{0,1000}'.repeat(50);
    const e = dataErrorOf(() => packageWith({ fields: [{ name: 'a', constraints: { pattern } }] }));
    expect(e.code).toBe('invalid-descriptor');
    expect(e.message).toMatch(
      /whose pattern "a\{0,1000\}.*…" compiles to \d+ instructions, more than the 1000 checked in bounded time/,
    );
  });

  it('the bundled patterns still hold (Unicode classes too)', () => {
    expect(validate(load()).errors).toEqual([]);
    const pkg = packageWith(
      { fields: [{ name: 'a', constraints: { pattern: '\\p{L}+' } }] },
      [],
      'a\n日本\nx1\n',
    );
    expect(validate(pkg).errors.map((i) => i.row)).toEqual([2]);
  });
});

describe('column names are data, not object keys', () => {
  it('a CSV column named __proto__ is an ignored extra column, as any other (it crashed the CLI)', () => {
    const pkg = parseResultsCsv(
      `__proto__,constructor,${HEADER}x,y,s,q,total,total,yes,40,exact,false,,src,40%\n`,
    );
    const results = pkg.results;
    // arquero cannot hold a column named __proto__: it is left out of the table
    expect(results?.columnNames()).not.toContain('__proto__');
    expect(results?.array('constructor')).toEqual(['y']);
    expect(results?.array('percent')).toEqual([40]);
    const { errors, warnings } = validate(pkg);
    expect(errors).toEqual([]);
    expect(warnings.map((w) => [w.code, w.column])).toEqual([
      ['extra-column', '__proto__'],
      ['extra-column', 'constructor'],
    ]);
  });

  it('a schema field named __proto__ is refused', () => {
    const e = dataErrorOf(() => packageWith({ fields: [{ name: '__proto__' }] }));
    expect(e.message).toBe(
      'the schema of resource "t" has a field named "__proto__", a name a table column cannot have: rename it',
    );
  });
});
