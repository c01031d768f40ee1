// Paths a datapackage.json names are read only inside the package's folder
// (Frictionless Data Package v2: relative POSIX paths, no "..", no absolute
// paths). Each refused path is a DataError 'unsafe-path' that names the
// resource and the path and never shows what the target holds.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataError, parseDataPackage } from '../../src/index';
import { unsafePathProblem } from '../../src/io/parse-data-package';
import { readDataPackage, readDocuments } from '../../src/node';

const SECRET = 'TOPSECRET-a1b2c3';
const SCHEMA = { fields: [{ name: 'option' }, { name: 'percent', type: 'number' }] };

/** A temporary folder holding secret.csv and pkg/, whose descriptor names `path`. */
function packageNaming(path: string, schema: unknown = SCHEMA): { root: string; pkg: string } {
  const root = mkdtempSync(join(tmpdir(), 'toplines-unsafe-'));
  writeFileSync(join(root, 'secret.csv'), `${SECRET},x\n${SECRET},y\n`);
  const pkg = join(root, 'pkg');
  mkdirSync(pkg);
  writeFileSync(join(pkg, 'fine.csv'), 'option,percent\nyes,40.5\n');
  writeFileSync(
    join(pkg, 'datapackage.json'),
    JSON.stringify({ resources: [{ name: 'results', path, schema }] }),
  );
  return { root, pkg };
}

async function rejection(promise: Promise<unknown>): Promise<DataError> {
  try {
    await promise;
  } catch (e) {
    expect(e).toBeInstanceOf(DataError);
    return e as DataError;
  }
  throw new Error('expected a DataError');
}

describe('resource paths outside the package folder', () => {
  const refused: [string, RegExp][] = [
    ['../secret.csv', /has a "\.\." segment/],
    ['../../../../../../../../etc/passwd', /has a "\.\." segment/],
    ['data/../../secret.csv', /has a "\.\." segment/],
    ['..\\secret.csv', /has a "\.\." segment/],
    ['/etc/passwd', /absolute path/],
    ['\\\\server\\share\\x.csv', /absolute path/],
    ['C:\\Windows\\win.ini', /absolute path/],
    ['https://example.com/results.csv', /URL \(https:\)/],
    ['file:///etc/passwd', /URL \(file:\)/],
    ['data:text/csv,a', /URL \(data:\)/],
    ['fine.csv\u0000.txt', /control character/],
  ];

  it.each(refused)('readDataPackage refuses %j', async (path, reason) => {
    const { pkg } = packageNaming(path);
    const error = await rejection(readDataPackage(pkg));
    expect(error.code).toBe('unsafe-path');
    expect(error.message).toMatch(reason);
    expect(error.message).toContain('resource "results"');
    expect(error.message).toContain(JSON.stringify(path));
    expect(error.message).not.toContain(SECRET);
    expect(error.message).not.toContain('root:');
  });

  it.each(refused)('parseDataPackage refuses %j before reading it', (path) => {
    const descriptor = { resources: [{ name: 'results', path, schema: SCHEMA }] };
    let asked = false;
    const read = () => {
      asked = true;
      return `${SECRET}\n`;
    };
    expect(() => parseDataPackage(descriptor, read)).toThrow(
      expect.objectContaining({ code: 'unsafe-path' }),
    );
    expect(asked).toBe(false);
  });

  it('a schema path is held to the same rule', async () => {
    const { pkg } = packageNaming('fine.csv', '../secret.csv');
    const error = await rejection(readDataPackage(pkg));
    expect(error.code).toBe('unsafe-path');
    expect(error.message).toContain('unsafe schema path "../secret.csv"');
    expect(error.message).not.toContain(SECRET);
  });

  it('a symbolic link inside the folder that leads outside it is refused', async () => {
    const { root, pkg } = packageNaming('link.csv');
    symlinkSync(join(root, 'secret.csv'), join(pkg, 'link.csv'));
    const error = await rejection(readDataPackage(pkg));
    expect(error.code).toBe('unsafe-path');
    expect(error.message).toContain('"link.csv"');
    expect(error.message).toMatch(/outside the folder through a symbolic link/);
    expect(error.message).not.toContain(SECRET);
  });

  it('a linked folder that leads outside is refused; a link that stays inside is read', async () => {
    const outside = packageNaming('out/secret.csv');
    symlinkSync(outside.root, join(outside.pkg, 'out'));
    expect((await rejection(readDataPackage(outside.pkg))).code).toBe('unsafe-path');

    const inside = packageNaming('alias.csv');
    symlinkSync(join(inside.pkg, 'fine.csv'), join(inside.pkg, 'alias.csv'));
    const read = await readDataPackage(inside.pkg);
    expect(read.results?.array('percent')).toEqual([40.5]);
  });

  it('a package reached through a linked folder still reads its own files', async () => {
    const { root, pkg } = packageNaming('sub/fine.csv');
    mkdirSync(join(pkg, 'sub'));
    writeFileSync(join(pkg, 'sub', 'fine.csv'), 'option,percent\nno,59.5\n');
    symlinkSync(pkg, join(root, 'via-link'));
    const read = await readDataPackage(join(root, 'via-link', 'datapackage.json'));
    expect(read.results?.array('option')).toEqual(['no']);
  });

  it('plain relative paths pass the check', () => {
    for (const path of [
      'results.csv',
      'data/results.csv',
      './results.csv',
      'a..b.csv',
      '..x/y.csv',
    ])
      expect(unsafePathProblem(path), path).toBeNull();
  });
});

describe('readDocuments stays in its folder', () => {
  it('refuses "..", absolute paths, URLs and links out, with the secret not shown', () => {
    const { root, pkg } = packageNaming('fine.csv');
    writeFileSync(join(pkg, 'source.txt'), 'the source text');
    symlinkSync(join(root, 'secret.csv'), join(pkg, 'linked.txt'));
    const read = readDocuments(pkg);
    expect(read('source.txt')).toBe('the source text');
    expect(read('missing.txt')).toBeUndefined();
    for (const document of [
      '../secret.csv',
      join(root, 'secret.csv'),
      'file:///etc/passwd',
      'linked.txt',
    ]) {
      let error: unknown;
      try {
        read(document);
      } catch (e) {
        error = e;
      }
      expect(error, document).toBeInstanceOf(DataError);
      expect((error as DataError).code).toBe('unsafe-path');
      expect((error as DataError).message).toContain(JSON.stringify(document));
      expect((error as DataError).message).not.toContain(SECRET);
    }
  });
});
