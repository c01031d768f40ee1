// @toplines/core/design: design-based estimates from respondent-level survey data
// (microdata with weights, strata and clusters, or replicate weights), as R's survey
// package gives them. A separate entry from the toplines API of '@toplines/core': a
// microdata estimator with its variance machinery is larger than the 8 kB each toplines
// function is held to, and most users of the toplines functions never need it. The
// entry only re-exports.
export * from './design/index';
