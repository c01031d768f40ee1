// @toplines/core/design: design-based estimates from respondent-level data (survey
// microdata), as R's survey package gives them. The index only re-exports. The entry is
// bundled on its own, so its errors are instances of the ToplinesError it exports (the
// class of '@toplines/core' is another copy): catch them with this one, or with
// isToplinesError of '@toplines/core/internal', which reads the brand every copy shares.
export { ToplinesError, type ToplinesErrorCode } from '../errors';
export { type DesignLeadOptions, designLead } from './design-lead';
export {
  type DesignProportion,
  type DesignProportionOptions,
  designProportion,
} from './design-proportion';
export {
  type DesignProportionFromSumsOptions,
  designProportionFromSums,
} from './design-proportion-from-sums';
export {
  type Category,
  type DesignShare,
  type DesignShares,
  type DesignSharesOptions,
  designShares,
} from './design-shares';
export {
  type DesignSharesFromSumsOptions,
  designSharesFromSums,
} from './design-shares-from-sums';
export {
  DEFF_REFERENCES,
  DESIGN_PROPORTION_METHODS,
  type DeffReference,
  type DesignProportionMethod,
} from './estimate';
export { type ExplainDesignOptions, explainDesign } from './explain-design';
export { type KishDesignEffect, kishDesignEffect } from './kish-design-effect';
export { type ReplicateDesignOptions, replicateDesign } from './replicate-design';
export {
  type AggregateReplicateDesign,
  type ReplicateDesignFromSumsOptions,
  replicateDesignFromSums,
} from './replicate-design-from-sums';
export type { AggregateDesign, DomainSums, FirstStepSums, SumsCell } from './sums';
export { type SurveyDesignOptions, surveyDesign } from './survey-design';
export {
  type AggregateSurveyDesign,
  type StratumSize,
  type SurveyDesignFromSumsOptions,
  surveyDesignFromSums,
} from './survey-design-from-sums';
export {
  type Design,
  type DesignIds,
  LONELY_PSU_CHOICES,
  type LonelyPsu,
  REPLICATE_TYPES,
  type ReplicateDesign,
  type ReplicateType,
  type SurveyDesign,
} from './types';
