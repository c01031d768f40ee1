export { ToplinesError, type ToplinesErrorCode } from './errors';
export {
  proportionCI,
  PROPORTION_CI_METHODS,
  type ProportionCI,
  type ProportionCIMethod,
  type ProportionCIOptions,
} from './proportion-ci';
export { marginOfError, type MarginOfErrorOptions } from './margin-of-error';
export { leadTest, type LeadTest, type LeadTestOptions } from './lead-test';
export {
  twoProportionTest,
  TWO_PROPORTION_METHODS,
  type TwoProportionMethod,
  type TwoProportionTest,
  type TwoProportionTestOptions,
} from './two-proportion-test';
export {
  chiSquareGoodnessOfFit,
  type ChiSquareGoodnessOfFit,
} from './chi-square-goodness-of-fit';
export { adjustPValues, P_ADJUST_METHODS, type PAdjustMethod } from './adjust-p-values';
export {
  consistentCounts,
  type ConsistentCountsOptions,
  type CountRange,
} from './consistent-counts';
export { sampleSize, type SampleSizeOptions } from './sample-size';
