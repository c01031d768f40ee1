export { adjustPValues, P_ADJUST_METHODS, type PAdjustMethod } from './adjust-p-values';
export {
  type ChiSquareGoodnessOfFit,
  chiSquareGoodnessOfFit,
} from './chi-square-goodness-of-fit';
export {
  type ConsistentCountsOptions,
  type CountRange,
  consistentCounts,
} from './consistent-counts';
export { ToplinesError, type ToplinesErrorCode } from './errors';
export { type LeadTest, type LeadTestOptions, leadTest } from './lead-test';
export { type MarginOfErrorOptions, marginOfError } from './margin-of-error';
export {
  PROPORTION_CI_METHODS,
  type ProportionCI,
  type ProportionCIMethod,
  type ProportionCIOptions,
  proportionCI,
} from './proportion-ci';
export { type SampleSizeOptions, sampleSize } from './sample-size';
export {
  TWO_PROPORTION_METHODS,
  type TwoProportionMethod,
  type TwoProportionTest,
  type TwoProportionTestOptions,
  twoProportionTest,
} from './two-proportion-test';
