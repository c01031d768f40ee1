import type { Io } from './io';

/** A progress line on standard error. */
export interface Progress {
  /** Reports `done` of `total` steps. */
  update(done: number, total: number): void;
  /** Clears the line. */
  done(): void;
}

/**
 * A progress indicator that draws only when standard error is a terminal
 * and the work has taken longer than `delayMs` (a large CSV, rendering
 * charts): nothing in a pipe, a log or a test, and nothing for quick work.
 *
 * @param io - where to draw
 * @param label - what is being done ("rendering charts")
 * @param delayMs - how long to wait before drawing. Default `400`
 * @example
 * const progress = startProgress(io, 'rendering charts');
 * progress.update(3, 40);
 * progress.done();
 * // standard error is not a terminal here: nothing is drawn
 * messages; // => []
 */
export function startProgress(io: Io, label: string, delayMs = 400): Progress {
  const start = Date.now();
  let drawn = false;
  let last = 0;
  const enabled = io.stderrIsTTY && io.env['TOPLINES_NO_PROGRESS'] === undefined;
  return {
    update(done, total) {
      if (!enabled) return;
      const now = Date.now();
      if (now - start < delayMs || (now - last < 80 && done < total)) return;
      last = now;
      const width = 24;
      const filled = total === 0 ? width : Math.round((width * done) / total);
      io.err(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
      drawn = true;
    },
    done() {
      if (drawn) io.err('\r\u001b[2K');
      drawn = false;
    },
  };
}
