// @toplines/core/internal: what the packages share. The error brand is
// checked the way it is used — on an error class from another copy of the
// code (the CJS build beside the ESM one), where `instanceof` fails.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import {
  explain,
  leadProbability,
  leadTest,
  PROPORTION_CI_METHODS,
  pairedDifference,
  proportionCI,
  ToplinesError,
} from '../src/index';
import {
  type ErrorFactory,
  explainChecked,
  formatCount,
  groupKey,
  isLibraryError,
  isToplinesError,
  LIBRARY_ERROR,
  readChoice,
  readDeff,
  readLevel,
  readMethod,
  readOptions,
  show,
} from '../src/internal';

class TestError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
const fail: ErrorFactory<'invalid-option'> = (code, message) => new TestError(code, message);

function caught(run: () => unknown): TestError {
  try {
    run();
  } catch (e) {
    return e as TestError;
  }
  throw new Error('did not throw');
}

describe('show', () => {
  it('quotes strings and writes the rest by kind', () => {
    expect(show('')).toBe('""');
    expect(show('a "b"')).toBe('"a \\"b\\""');
    expect(show(40.5)).toBe('40.5');
    expect(show(-0)).toBe('0');
    expect(show(Number.NaN)).toBe('NaN');
    expect(show(-Infinity)).toBe('-Infinity');
    expect(show(false)).toBe('false');
    expect(show(null)).toBe('null');
    expect(show(undefined)).toBe('undefined');
    expect(show(new Array(1e6))).toBe('an array of length 1000000');
    expect(show({ toString: () => 'x' })).toBe('object');
    expect(show(() => 1)).toBe('function');
    expect(show(10n)).toBe('bigint');
  });
  it('is the formatter of core’s own messages', () => {
    expect(() => proportionCI(0.4, 1037, { level: '95%' as never })).toThrow(
      'proportionCI requires level to be a number, got "95%"',
    );
  });
});

describe('groupKey', () => {
  it('keys equal parts alike and different parts apart', () => {
    expect(groupKey('s', 'q')).toBe(groupKey('s', 'q'));
    expect(groupKey('s', 'q')).not.toBe(groupKey('s', 'q', ''));
    expect(groupKey('s', 'q')).not.toBe(groupKey('s\u0000q'));
    expect(groupKey('s\u0000q')).toBe(groupKey('s\u0000q'));
    expect(groupKey('[1]')).not.toBe(groupKey(1));
    expect(groupKey('["s",null]')).not.toBe(groupKey('s', null));
    expect(groupKey('[', 'x')).toBe(groupKey('[', 'x'));
    expect(groupKey('a')).not.toBe(groupKey('a', ''));
    expect(groupKey('')).not.toBe(groupKey('', ''));
    expect(groupKey()).toBe(groupKey());
    expect(groupKey()).not.toBe(groupKey(''));
    expect(groupKey('a|b', 'c')).not.toBe(groupKey('a', 'b|c'));
    expect(groupKey('a', 'b')).not.toBe(groupKey('a,b'));
    expect(groupKey(1)).not.toBe(groupKey('1'));
    expect(groupKey(null)).not.toBe(groupKey('null'));
    expect(groupKey('s', 'q', 'total', 'total', null)).not.toBe(
      groupKey('s', 'q', 'total', 'total'),
    );
  });
  it('keys a missing cell as null', () => {
    expect(groupKey('s', undefined)).toBe(groupKey('s', null));
  });
});

describe('the option readers', () => {
  it('give the default when the option is absent', () => {
    expect(readOptions('f', fail, undefined)).toEqual({});
    expect(readLevel('f', fail, undefined)).toBe(0.95);
    expect(readDeff('f', fail, undefined)).toBe(1);
    expect(readMethod('f', fail, undefined, PROPORTION_CI_METHODS)).toBe('wilson');
    expect(readChoice('f', fail, 'sort', undefined, ['a', 'b'], 'b')).toBe('b');
    expect(readChoice('f', fail, 'sort', undefined, ['a', 'b'])).toBe('a');
  });
  it('return a valid value as given', () => {
    const options = { level: 0.9 };
    expect(readOptions('f', fail, options)).toBe(options);
    expect(readLevel('f', fail, 0.999)).toBe(0.999);
    expect(readDeff('f', fail, 0.5)).toBe(0.5);
    expect(readMethod('f', fail, 'jeffreys', PROPORTION_CI_METHODS)).toBe('jeffreys');
  });
  it('throw the caller’s error, naming the caller, the option and the value', () => {
    const cases: [() => unknown, string][] = [
      [() => readOptions('leads', fail, null), 'leads requires options to be an object, got null'],
      [
        () => readOptions('leads', fail, [1]),
        'leads requires options to be an object, got an array of length 1',
      ],
      [
        () => readLevel('withIntervals', fail, 95),
        'withIntervals requires level to be a number in (0, 1) such as 0.95, got 95',
      ],
      [
        () => readLevel('f', fail, 1),
        'f requires level to be a number in (0, 1) such as 0.95, got 1',
      ],
      [
        () => readLevel('f', fail, Number.NaN),
        'f requires level to be a number in (0, 1) such as 0.95, got NaN',
      ],
      [
        () => readLevel('f', fail, '0.9'),
        'f requires level to be a number in (0, 1) such as 0.95, got "0.9"',
      ],
      [
        () => readLevel('shareChart', fail, 0, 'option level'),
        'shareChart requires option level to be a number in (0, 1) such as 0.95, got 0',
      ],
      [() => readDeff('f', fail, 0), 'f requires deff to be a finite number above 0, got 0'],
      [
        () => readDeff('f', fail, Infinity, 'deff1'),
        'f requires deff1 to be a finite number above 0, got Infinity',
      ],
      [
        () => readMethod('f', fail, 'exact', PROPORTION_CI_METHODS),
        'f requires method to be one of "wilson", "wilson-cc", "wald", "agresti-coull", "clopper-pearson", "jeffreys", got "exact"',
      ],
      [
        () => readChoice('f', fail, 'sort', 1, ['a', 'b']),
        'f requires sort to be one of "a", "b", got 1',
      ],
    ];
    for (const [run, message] of cases) {
      const error = caught(run);
      expect(error).toBeInstanceOf(TestError);
      expect(error.code).toBe('invalid-option');
      expect(error.message).toBe(message);
    }
  });
});

/** A second copy of core's error class, as the CJS build holds it beside the ESM one. */
async function otherCopy(): Promise<typeof ToplinesError> {
  const src = fileURLToPath(new URL('../src/errors.ts', import.meta.url));
  const out = await build({
    entryPoints: [src],
    bundle: true,
    format: 'cjs',
    write: false,
    logLevel: 'error',
  });
  const module = { exports: {} as Record<string, unknown> };
  new Function('module', 'exports', out.outputFiles[0]!.text)(module, module.exports);
  return module.exports['ToplinesError'] as typeof ToplinesError;
}

describe('the error brand', () => {
  it('marks core’s errors, out of sight of JSON and spreading', () => {
    let error: unknown;
    try {
      leadTest(0.4, 0.3, 0);
    } catch (e) {
      error = e;
    }
    expect(isLibraryError(error)).toBe(true);
    expect(isToplinesError(error)).toBe(true);
    expect((error as Record<symbol, unknown>)[Symbol.for('toplines.error')]).toBe('ToplinesError');
    expect(LIBRARY_ERROR).toBe(Symbol.for('toplines.error'));
    expect(Object.getOwnPropertySymbols({ ...(error as object) })).toEqual([]);
  });
  it('is recognised on a class from another copy of the code, where instanceof fails', async () => {
    const Other = await otherCopy();
    expect(Other).not.toBe(ToplinesError);
    const error = new Other(
      'out-of-range',
      'leadTest',
      'requires n to be a positive integer, got 0',
    );
    expect(error instanceof ToplinesError).toBe(false);
    expect(isLibraryError(error)).toBe(true);
    expect(isToplinesError(error)).toBe(true);
    if (isLibraryError(error)) expect(error.code).toBe('out-of-range');
  });
  it('is not a name: look-alikes without the brand are not library errors', () => {
    const named = Object.assign(new RangeError('proportionCI requires p'), {
      name: 'ToplinesError',
      code: 'out-of-range',
    });
    expect(isLibraryError(named)).toBe(false);
    expect(isToplinesError(named)).toBe(false);
    expect(isLibraryError(new Error('x'))).toBe(false);
    expect(isLibraryError(null)).toBe(false);
    expect(isLibraryError('ToplinesError')).toBe(false);
    // a branded error of another package is a library error but not core's
    const other = Object.assign(new Error('shareChart needs rows'), { code: 'empty-table' });
    Object.defineProperty(other, LIBRARY_ERROR, { value: 'ChartError' });
    expect(isLibraryError(other)).toBe(true);
    expect(isToplinesError(other)).toBe(false);
  });
});

describe('formatCount', () => {
  it('writes what Intl.NumberFormat en-US writes', () => {
    const intl = new Intl.NumberFormat('en-US');
    const values = [
      0, -0, 1, 12, 999, 1000, 1037, 99_999, 100_000, 1_234_567, -4321, 0.5, 1234.5678,
    ];
    for (let x = 1; x < Number.MAX_SAFE_INTEGER / 7; x = x * 7 + 3) values.push(x);
    values.push(Number.MAX_SAFE_INTEGER, 2 ** 60, Number.NaN, Number.POSITIVE_INFINITY);
    for (const x of values) expect(formatCount(x), String(x)).toBe(intl.format(x));
  });
});

describe('explainChecked', () => {
  it("gives explain's sentences for explain's settings, with or without the lead's probability", () => {
    const results = [
      leadTest(0.405, 0.345, 1037),
      leadTest(0.345, 0.405, 1037, { deff: 1.7 }),
      leadTest(0.3, 0.3, 500, { level: 0.9 }),
      proportionCI(0.405, 1037),
      pairedDifference(0.6, 0.55, 800),
    ];
    for (const result of results) {
      for (const sampleType of ['probability', 'nonprobability'] as const) {
        for (const publishedMoe of [undefined, 0.031]) {
          const labels = ['favourable', 'unfavourable'];
          const expected = explain(result, {
            sampleType,
            labels,
            caveat: false,
            ...(publishedMoe === undefined ? {} : { publishedMoe }),
          });
          const settings = {
            optIn: sampleType === 'nonprobability',
            labels,
            caveat: '',
            publishedMoe: publishedMoe ?? null,
          };
          expect(explainChecked(result, settings)).toBe(expected);
          if (result.kind === 'lead' && result.p1 !== result.p2) {
            const [high, low] = [Math.max(result.p1, result.p2), Math.min(result.p1, result.p2)];
            const probabilityAhead = leadProbability(high, low, result.n, {
              deff: result.n / result.nEffective,
            });
            expect(explainChecked(result, { ...settings, probabilityAhead })).toBe(expected);
          }
        }
      }
    }
  });
});
