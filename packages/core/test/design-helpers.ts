// Shared by the design tests (src/design/*.test.ts): the error assertion of
// test/errors.test.ts, and small designs built from the fixture of R's api data.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { ToplinesError, type ToplinesErrorCode } from '../src/errors';

/** Asserts that `run` throws a ToplinesError with `code` whose message holds every fragment. */
export function expectError(
  run: () => unknown,
  code: ToplinesErrorCode,
  ...fragments: string[]
): ToplinesError {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ToplinesError);
  const error = caught as ToplinesError;
  expect(error.code, error.message).toBe(code);
  for (const fragment of fragments) expect(error.message).toContain(fragment);
  expect(error.message).not.toMatch(/\.$/);
  return error;
}

/** One Taylor design of fixtures/design-r.json, as written there. */
export interface FixtureDesign {
  name: string;
  weights: number[];
  strata: string[] | null;
  psu: (number | string)[][] | null;
  fpc: number[][] | null;
  variables: Record<string, (number | string)[]>;
}

/** The fixture of R's survey package (made by test/fixtures/design.R). */
export const designFixture: {
  designs: FixtureDesign[];
  replicateDesigns: (FixtureDesign & { multipliers: number[][]; type: string })[];
  errors: Record<string, string>;
} = JSON.parse(readFileSync(new URL('./fixtures/design-r.json', import.meta.url), 'utf8'));

/** A Taylor design of the fixture by name. */
export function fixtureDesign(name: string): FixtureDesign {
  const found = designFixture.designs.find((d) => d.name === name);
  if (found === undefined) throw new Error(`no design ${name} in design-r.json`);
  return found;
}
