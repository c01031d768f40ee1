export { adjustPValues, P_ADJUST_METHODS, type PAdjustMethod } from './adjust-p-values';
export { type BinomialTest, type BinomialTestOptions, binomialTest } from './binomial-test';
export {
  type ChiSquareGoodnessOfFit,
  chiSquareGoodnessOfFit,
} from './chi-square-goodness-of-fit';
export { type ComparisonPowerOptions, comparisonPower } from './comparison-power';
export {
  type ConsistentCountsOptions,
  type CountRange,
  consistentCounts,
} from './consistent-counts';
export {
  CREDIBILITY_PRIORS,
  type CredibilityInterval,
  type CredibilityIntervalOptions,
  credibilityInterval,
} from './credibility-interval';
export { ToplinesError, type ToplinesErrorCode } from './errors';
export { ALTERNATIVES, type Alternative } from './exact-options';
export { type Explainable, type ExplainOptions, explain } from './explain';
export {
  type FisherExactTest,
  type FisherExactTestOptions,
  fisherExactTest,
} from './fisher-exact-test';
export { type HomogeneityTest, homogeneityTest } from './homogeneity-test';
export { type ImpliedDesignEffectOptions, impliedDesignEffect } from './implied-design-effect';
export { type LeadChange, type LeadChangeOptions, leadChange, type PollLead } from './lead-change';
export { type LeadProbabilityOptions, leadProbability } from './lead-probability';
export { type LeadTest, type LeadTestOptions, leadTest } from './lead-test';
export { type MarginOfErrorOptions, marginOfError } from './margin-of-error';
export { type McNemarExactTest, mcnemarExactTest } from './mcnemar-exact-test';
export {
  type MinimumDetectableDifferenceOptions,
  minimumDetectableDifference,
} from './minimum-detectable-difference';
export {
  MULTINOMIAL_CI_METHODS,
  type MultinomialCI,
  type MultinomialCIMethod,
  type MultinomialCIOptions,
  type MultinomialInterval,
  multinomialCI,
} from './multinomial-ci';
export {
  MULTINOMIAL_EXACT_LIMIT,
  type MultinomialExactTest,
  multinomialExactTest,
} from './multinomial-exact-test';
export {
  type PairedComparison,
  type PairedDifference,
  type PairedDifferenceOptions,
  pairedDifference,
} from './paired-difference';
export {
  POLL_AVERAGE_METHODS,
  POLL_AVERAGE_SCALES,
  POLL_AVERAGE_TESTS,
  type Poll,
  type PollAverage,
  type PollAverageMethod,
  type PollAverageOptions,
  type PollAverageScale,
  type PollAverageTest,
  pollAverage,
} from './poll-average';
export {
  type ProbabilityOfFirst,
  type ProbabilityOfFirstOptions,
  probabilityOfFirst,
} from './probability-of-first';
export {
  PROPORTION_CI_METHODS,
  type ProportionCI,
  type ProportionCIMethod,
  type ProportionCIOptions,
  proportionCI,
} from './proportion-ci';
export { type ProportionCIs, type ProportionCIsOptions, proportionCIs } from './proportion-cis';
export {
  SAMPLE_TYPES,
  type SampleCaveatOptions,
  type SampleType,
  sampleCaveat,
} from './sample-caveat';
export { type SampleSizeOptions, sampleSize } from './sample-size';
export {
  type PrintedFigure,
  type SignificantFromNOptions,
  significantFromN,
} from './significant-from-n';
export { type TrendTest, type TrendTestOptions, trendTest } from './trend-test';
export {
  TWO_PROPORTION_METHODS,
  type TwoProportionMethod,
  type TwoProportionTest,
  type TwoProportionTestOptions,
  twoProportionTest,
} from './two-proportion-test';
