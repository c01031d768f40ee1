// Test support (not part of the package): the R reference values in
// test/fixtures/special.json, produced by test/fixtures/special.R.
import { readFileSync } from 'node:fs';

/** The reference tables; each row lists the inputs and then R's outputs (see `columns`). */
export interface SpecialFixture {
  source: string;
  generated: string;
  columns: Record<string, string>;
  qnorm: number[][];
  pnorm: number[][];
  lgamma: number[][];
  lbeta: number[][];
  pbeta: number[][];
  qbeta: number[][];
  pgamma: number[][];
  pchisq: number[][];
}

/**
 * Loads test/fixtures/special.json (R reference values for src/special).
 *
 * @returns the parsed fixture
 */
export function loadSpecialFixture(): SpecialFixture {
  const url = new URL('../../test/fixtures/special.json', import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as SpecialFixture;
}

/**
 * Relative error of a computed value against a reference, |computed − expected| / |expected|
 * (the absolute error when the reference is 0).
 *
 * @param computed - the value under test
 * @param expected - the reference value
 * @returns the relative error
 */
export function relativeError(computed: number, expected: number): number {
  if (computed === expected) return 0;
  return expected === 0 ? Math.abs(computed) : Math.abs(computed - expected) / Math.abs(expected);
}
