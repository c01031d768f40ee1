// @toplines/core/internal: what the @toplines packages share and their users
// do not need — the value formatter of error messages, the option checks,
// group keys, the brand of the packages' error classes and explain's sentences
// without its checks (for the reanalysis engine). Not part of the
// public API: it may change in any release. The index only re-exports.
export { type ExplainSettings, explainChecked } from './explain';
export { formatCount } from './internal/format-count';
export { groupKey } from './internal/group-key';
export {
  brandError,
  isLibraryError,
  isToplinesError,
  LIBRARY_ERROR,
} from './internal/library-error';
export {
  type ErrorFactory,
  readChoice,
  readDeff,
  readLevel,
  readMethod,
  readOptions,
} from './internal/read-option';
export { show } from './internal/show';
