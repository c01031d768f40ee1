// @toplines/cli: the `toplines` command, and the pieces of it a program can
// reuse (the reanalysis as data, the terminal report). Re-exports only.

export { parseLevel, parseMethod, parseN, parseShare, type Share } from './args';
export { BadDataError, EXIT, type ExitCode, UsageError } from './errors';
export { count, dateRange, levelText, percent, points, pValue } from './format/number';
export { displayWidth, makeStyle, pad, type Style, wrap } from './format/text';
export { type Io, processIo, useColor } from './io';
export { main } from './main';
export { type LoadedInput, loadInput } from './reanalyze/input';
export { toJson } from './reanalyze/json';
export {
  countText,
  intervalText,
  type RenderOptions,
  renderReport,
  shareText,
  summaryLine,
} from './reanalyze/terminal';
export { VERSION } from './version';
