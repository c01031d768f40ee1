/**
 * Shared numeric assertions for the tests of @toplines/core.
 *
 * One error measure everywhere: the relative-or-absolute error
 * |got − want| / max(1, |want|). It is a relative error for values above 1 in
 * size and an absolute error below, so p-values of 1e-200 and bounds of 0 do
 * not demand impossible relative accuracy.
 */
import { expect } from 'vitest';

/** Default tolerance of {@link expectClose}: |got − want| ≤ 1e-10 · max(1, |want|). */
export const TOLERANCE = 1e-10;

/**
 * The relative-or-absolute error |got − want| / max(1, |want|).
 *
 * Equal values (including equal infinities) give 0; NaN on either side, or an
 * infinity against a finite value, gives Infinity, so it never passes.
 *
 * @example
 * scaledError(0.405 + 1e-12, 0.405) // => 1e-12 (absolute below 1)
 * scaledError(1037.000001, 1037) // => ~9.6e-10 (relative above 1)
 */
export function scaledError(got: number, want: number): number {
  if (Object.is(got, want) || got === want) return 0;
  if (Number.isNaN(got) || Number.isNaN(want)) return Number.POSITIVE_INFINITY;
  if (!Number.isFinite(got) || !Number.isFinite(want)) return Number.POSITIVE_INFINITY;
  return Math.abs(got - want) / Math.max(1, Math.abs(want));
}

/**
 * Assert that `got` is within `tolerance` of `want` in the sense of
 * {@link scaledError}. The failure message names the value (`label`) and
 * shows both numbers at full precision and the error.
 */
export function expectClose(
  got: number,
  want: number,
  label: string,
  tolerance: number = TOLERANCE,
): void {
  expect(typeof got, `${label}: expected a number, got ${typeof got}`).toBe('number');
  const error = scaledError(got, want);
  expect(
    error,
    `${label}: got ${String(got)}, want ${String(want)} (error ${error.toExponential(3)} > ${tolerance})`,
  ).toBeLessThanOrEqual(tolerance);
}

/** The worst error seen by a {@link MaxError}, and where. */
export interface WorstError {
  error: number;
  label: string;
  got: number;
  want: number;
}

/**
 * Tracks the largest {@link scaledError} over many comparisons, so a test can
 * report it ("max error 3.1e-15 at …").
 */
export class MaxError {
  worst: WorstError = { error: 0, label: '(no comparison)', got: 0, want: 0 };
  comparisons = 0;

  /** Record one comparison; returns its error. */
  add(label: string, got: number, want: number): number {
    const error = scaledError(got, want);
    this.comparisons += 1;
    // `!(a <= b)` so that a NaN error would also be kept as the worst.
    if (!(error <= this.worst.error)) this.worst = { error, label, got, want };
    return error;
  }

  /** Record an exact (non-numeric or integer) comparison as error 0 or Infinity. */
  addExact(label: string, equal: boolean): void {
    this.comparisons += 1;
    if (!equal && this.worst.error !== Number.POSITIVE_INFINITY) {
      this.worst = { error: Number.POSITIVE_INFINITY, label, got: Number.NaN, want: Number.NaN };
    }
  }

  toString(): string {
    const { error, label, got, want } = this.worst;
    if (error === 0) return `max error 0 over ${this.comparisons} values (all equal)`;
    return `max error ${error.toExponential(2)} over ${this.comparisons} values (at ${label}: got ${String(got)}, want ${String(want)})`;
  }
}
