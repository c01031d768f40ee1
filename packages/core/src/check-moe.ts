import { ToplinesError } from './errors';
import { checkFinite, show } from './validate';

/**
 * Throws unless `value` is a margin of error as a proportion in (0, 1). A
 * value from 1 to 100 is read as percentage points and the message says to
 * divide by 100. Internal, shared by the functions that take a margin.
 */
export function checkMoe(fn: string, value: unknown): number {
  const moe = checkFinite(fn, 'moe', value);
  if (moe >= 1 && moe < 100) {
    throw new ToplinesError(
      'percentage-not-proportion',
      fn,
      `requires moe to be a proportion in (0, 1), got ${show(moe)}: this looks like percentage points, pass ${show(Number((moe / 100).toPrecision(12)))} for ±${show(moe)} points`,
    );
  }
  if (!(moe > 0 && moe < 1)) {
    throw new ToplinesError('out-of-range', fn, `requires moe to be in (0, 1), got ${show(moe)}`);
  }
  return moe;
}
