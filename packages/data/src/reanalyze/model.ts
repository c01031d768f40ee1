// The reanalysis as data: everything the terminal, JSON and HTML outputs
// show, and nothing about how they look. Proportions in [0, 1] throughout,
// as in @toplines/core; percent units only in fields named `percent…`; null
// for what is unknown, never NaN. JSON-serialisable as it is.
import type {
  HomogeneityTest,
  PollAverage,
  ProportionCIMethod,
  SampleType,
  TrendTest,
} from '@toplines/core';

/**
 * The version of the {@link Reanalysis} document: bumped when a field changes
 * meaning or goes (fields are added without a bump).
 *
 * @example
 * SCHEMA_VERSION; // => 2
 */
export const SCHEMA_VERSION = 2;

/**
 * How a reanalysis was run: the options of {@link reanalyze} with every default filled in.
 *
 * @example
 * reanalyze(load()).options.method; // => 'wilson'
 */
export interface ReanalysisOptions {
  /** Interval method for one share. */
  method: ProportionCIMethod;
  /** Confidence level. */
  level: number;
  /**
   * Design effect for every survey, or `"implied"`: each survey's own, from
   * the margin it publishes (never below 1), and 1 where it publishes none.
   */
  deff: number | 'implied';
  /**
   * How the p-values of the leads within one question are adjusted for
   * multiple comparisons: Holm (family-wise), Benjamini–Hochberg (false
   * discovery rate), or not at all.
   */
  adjust: Adjustment;
  /** Sample sizes tried where n is unknown. */
  assumeN: number[];
  /** Only these surveys (empty: all). */
  surveys: string[];
}

/** How the p-values of a question's leads are adjusted: `holm`, `bh` (Benjamini–Hochberg) or `none`. */
export type Adjustment = 'holm' | 'bh' | 'none';

/**
 * A follow-up's base worked out from the question that selected its
 * respondents: the share who gave those answers times that question's n.
 */
export interface InferredBase {
  /** The base used: the filter's share times its n, rounded (within the range). */
  n: number;
  /** The smallest and largest whole counts whose shares print as the filter's figures. */
  min: number;
  max: number;
  /** The question whose answers selected the respondents. */
  questionId: string;
  /** Its options whose respondents were asked (worded as in the results). */
  options: string[];
  /** Their share, percent units, as printed (summed over the options). */
  percent: number;
  /** That question's n. */
  of: number;
}

/**
 * An interval at an assumed sample size (n unknown).
 *
 * @example
 * const jx = reanalyze(load()).surveys.find((s) => s.surveyId === 'jxpress-2025-07');
 * const first = jx?.questions.find((q) => q.questionId === 'peace-security-approach')?.options[0];
 * first?.scenarios.map((x) => x.n); // => [500, 1000, 2000]
 */
export interface Scenario {
  /** The assumed n. */
  n: number;
  lower: number;
  upper: number;
  /** For one share: the margin of error at that n; for a lead: null. */
  moe: number | null;
  /** For a lead: whether the interval excludes 0 at that n (null: depends on the overlap). */
  significant: boolean | null;
}

/** One reported figure, reanalysed. */
export interface OptionResult {
  option: string;
  /** As reported, in percent units (40.5). */
  percent: number | null;
  /** As printed ("40.5"), whose decimals tell the rounding. */
  percentText: string | null;
  /** exact, approx, more-than, less-than. */
  qualifier: string;
  isNet: boolean;
  /** 1-based data row of the results file. */
  row: number;
  /** The n used (base_n, or the survey's n for a whole-sample row of an all-respondents question). */
  n: number | null;
  /** The proportion, percent / 100. */
  estimate: number | null;
  lower: number | null;
  upper: number | null;
  /** Margin of error at this share (half-width z·√(deff·p(1−p)/n)). */
  moe: number | null;
  /** The smallest and largest whole count out of n that print as the figure. */
  countMin: number | null;
  countMax: number | null;
  /** Whether some whole count out of n prints as the figure (null: not checked). */
  consistent: boolean | null;
  /**
   * What the count check could say: `checked` (it ran, and could have
   * failed), `cannot-fail` (at this n every figure with these decimals is
   * some count's share, so passing says nothing), `not-checked` (no n, a
   * qualified or inferred-base figure, a restatement, or a figure of a
   * weighted survey, which need not be any count's share).
   */
  countCheck: 'checked' | 'cannot-fail' | 'not-checked';
  /**
   * For a "more than" / "less than" figure: the interval is one-sided, a
   * lower (`lower`) or upper (`upper`) bound at the level; null otherwise.
   */
  bound: 'lower' | 'upper' | null;
  /**
   * What `lower`–`upper` is: a frequentist `confidence` interval, or a
   * Bayesian `credibility` interval (for an opt-in sample; `model` says what
   * it assumes); null without an interval.
   */
  interval: 'confidence' | 'credibility' | null;
  /**
   * What the interval assumes, where `method` does not say it: for a credibility
   * interval its model (prior, likelihood, effective n); for a figure of respondent-level
   * data (weightedToplines) the design-based interval it shows, e.g. `design-based
   * (logit, t with 197 degrees of freedom)` — the interval `toplines weigh` prints, used
   * unless the run's method was chosen — or, when it was, that method at the row's
   * effective n p(1 − p)/se²; null otherwise.
   */
  model: string | null;
  /** Why an interval or a check is missing or qualified. */
  notes: string[];
  /** Where n is unknown: the interval at each assumed n. */
  scenarios: Scenario[];
  /** The plain-language sentence of the interval (explain); null when n is unknown. */
  sentence: string | null;
}

/** The verdict of a lead or paired difference. */
export type Verdict =
  /** The interval excludes 0: larger than its margin. */
  | 'beyond-margin'
  /** The interval includes 0: within its margin. */
  | 'within-margin'
  /** Check-all question, overlap unknown: significant at some overlaps only. */
  | 'depends-on-overlap'
  /** n unknown: see the scenarios. */
  | 'n-unknown'
  /** Not computed (a note says why). */
  | 'not-computed';

/** The difference between two options of one question. */
export interface LeadResult {
  /** `lead`: single-choice or scale (core's leadTest); `paired`: check-all (pairedDifference). */
  kind: 'lead' | 'paired';
  optionA: string;
  optionB: string;
  /** Percent units, as reported. */
  percentA: number;
  percentB: number;
  n: number | null;
  /** pA − pB as proportions (A is the larger share). */
  difference: number;
  /** The interval (for paired with unknown overlap: the conservative end). */
  lower: number | null;
  upper: number | null;
  se: number | null;
  z: number | null;
  pValue: number | null;
  /** For paired: the interval at the largest overlap allowed (the liberal end). */
  liberalLower: number | null;
  liberalUpper: number | null;
  /** For paired: the overlaps the two shares allow. */
  overlapRange: [number, number] | null;
  significant: boolean | null;
  verdict: Verdict;
  /** The p-value adjusted over the leads of this question (`options.adjust`); null without a p-value. */
  pValueAdjusted: number | null;
  /** Whether the adjusted p-value is below 1 − level (null: not computed, or n unknown). */
  significantAdjusted: boolean | null;
  /**
   * The probability that option A is really ahead of B, from the Dirichlet
   * posterior of the question's shares (core's leadProbability, uniform
   * prior, at n / deff); null for a check-all question or an unknown n.
   */
  probabilityAhead: number | null;
  /**
   * The test behind `pValue`: `z` (the large-sample test of the two shares
   * of one sample), `exact-binomial` (the exact conditional binomial test of
   * A against B among those who chose either, used when an expected count
   * is below 5), `paired-bounds` (check-all: the large-sample paired test at
   * the least and most overlap); null when not computed.
   */
  test: 'z' | 'exact-binomial' | 'paired-bounds' | null;
  /** True when an expected count (share × n / deff) of either option is below 5. */
  smallCounts: boolean;
  /** Where n is unknown: the smallest n at which the difference would exceed its margin (whatever the overlap). */
  minimumN: number | null;
  scenarios: Scenario[];
  /** The plain-language sentence (explain), with the survey's sample type. */
  sentence: string | null;
  /** When n is unknown, the n the sentence assumes. */
  sentenceN: number | null;
  notes: string[];
}

/** One question (in one group and from one source), reanalysed. */
export interface QuestionResult {
  surveyId: string;
  questionId: string;
  wording: string | null;
  /** single, multiple, scale; inferred from the shares when the data does not say. */
  responseType: string;
  responseTypeInferred: boolean;
  /** Who was asked ("all respondents", or a subset). */
  base: string | null;
  groupDim: string;
  groupValue: string;
  sourceId: string | null;
  /** The n of the question's rows when they share one. */
  n: number | null;
  /** Sum of the exact, non-net shares, percent units. */
  sum: number;
  options: OptionResult[];
  leads: LeadResult[];
  /** Sample sizes tried for this question where n is unknown (empty when known). */
  assumedN: number[];
  /** A follow-up's base, worked out from the question that selected its respondents; null otherwise. */
  inferredBase: InferredBase | null;
  /** The question this one restates (the source printed the same figures twice); analysed there. */
  restates: string | null;
  /** How the p-values of this question's leads were adjusted. */
  adjustment: Adjustment;
  caveats: string[];
}

/** One survey, reanalysed. */
export interface SurveyResult {
  surveyId: string;
  title: string;
  organization: string | null;
  sponsor: string | null;
  country: string | null;
  population: string | null;
  mode: string | null;
  sampleType: SampleType;
  /**
   * Whether the published figures are weighted, as the surveys table says:
   * `weighted`, `unweighted`, or null when the source does not say. A count
   * ("420 of 1,037") is exact only for unweighted figures.
   */
  weighting: 'weighted' | 'unweighted' | null;
  fieldStart: string | null;
  fieldEnd: string | null;
  n: number | null;
  /** The margin the source reports, as a proportion (0.031 for ±3.1 points). */
  moeReported: number | null;
  /** The design effect that margin implies at the survey's n (impliedDesignEffect, 95%). */
  impliedDeff: number | null;
  /**
   * The design effects the published margin allows once its rounding is
   * counted ("±3" is anything from 2.5 to 3.5); null without one.
   */
  impliedDeffRange: [number, number] | null;
  /** The design effect the intervals use. */
  deff: number;
  /**
   * Where `deff` comes from: `published-margin` (the design effect the
   * survey's published margin implies, never below 1), `option` (given by
   * the user), `none` (1: no published margin).
   */
  deffSource: 'published-margin' | 'option' | 'none';
  /**
   * The margin of error at p = 0.5 for the survey's n and the design effect
   * used, at the reanalysis's level: what a simple random sample (times the
   * design effect) of that size gives. Not a figure the poll published
   * unless `moeReported` says so.
   */
  moeAtHalf: number | null;
  sourceId: string | null;
  notes: string | null;
  questions: QuestionResult[];
  /** Said once per survey (e.g. how the sample was drawn); the sentences leave it out. */
  caveats: string[];
}

/** Counts for the summary line. */
export interface Summary {
  surveys: number;
  questions: number;
  figures: number;
  leads: number;
  beyondMargin: number;
  withinMargin: number;
  dependsOnOverlap: number;
  nUnknownLeads: number;
  inconsistent: number;
  nUnknownFigures: number;
  /** How p-values were adjusted within each question. */
  adjustment: Adjustment;
  /** Leads whose adjusted p-value is below 1 − level. */
  beyondMarginAdjusted: number;
  /** Figures whose count check ran and could have failed. */
  checkableFigures: number;
  /** Figures whose count check cannot fail at their n and decimals. */
  uncheckableFigures: number;
}

/** A validation issue, as the report carries it. */
export interface Issue {
  severity: 'error' | 'warning';
  code: string;
  file: string;
  row: number | null;
  column: string | null;
  message: string;
}

/** One poll of a construct (a row of the acrossPolls verb). */
export interface PollRow {
  surveyId: string;
  questionId: string;
  organization: string | null;
  fieldStart: string | null;
  fieldEnd: string | null;
  /** The option that measures the construct in this poll ("positive", "going well"). */
  option: string;
  /** Percent units, as printed. */
  percent: number | null;
  qualifier: string;
  /** The n the figure is out of, or null when the source does not give it. */
  n: number | null;
  lower: number | null;
  upper: number | null;
  wording: string | null;
  /** How this poll's question differs from the others of the construct. */
  constructNote: string | null;
}

/** The change between two consecutive waves of one organisation. */
export interface WaveChange {
  organization: string;
  /** The earlier and the later survey. */
  from: string;
  to: string;
  percentFrom: number;
  percentTo: number;
  /** Later minus earlier, as proportions. */
  difference: number;
  nFrom: number | null;
  nTo: number | null;
  /** Newcombe's interval for the difference (both n known). */
  lower: number | null;
  upper: number | null;
  /** The pooled z test's p-value, or Fisher's exact test's when an expected count is below 10. */
  pValue: number | null;
  test: 'z' | 'fisher' | null;
  verdict: 'beyond-margin' | 'within-margin' | 'n-unknown';
  /**
   * With n unknown: the smallest equal n per wave from which the change is
   * larger than its margin at every n (up to 5,000) where both figures are
   * possible counts, tested on those counts (Fisher's exact test below 10
   * expected); null when none.
   */
  minimumN: number | null;
}

/**
 * One construct across the polls that measure it: the polls, the changes
 * between waves, the trend, whether they agree, and a pooled estimate.
 */
export interface AcrossPollsResult {
  /** The construct key of the questions table. */
  construct: string;
  /** Its polls, in the order of the acrossPolls verb (by fieldwork). */
  polls: PollRow[];
  changes: WaveChange[];
  /** The chi-square test for a linear trend over three or more waves of one organisation (with n). */
  trend: TrendTest | null;
  /** Whether the polls with n agree at all (chi-square test of homogeneity). */
  homogeneity: HomogeneityTest | null;
  /**
   * A random-effects pooled estimate (REML, logit scale, Hartung–Knapp) when
   * two or more organisations' polls have n: with τ², I² and a prediction interval.
   */
  pooled: PollAverage | null;
  /** A plain sentence of what the polls say together. */
  sentence: string;
  caveats: string[];
}

/** The whole reanalysis: the JSON document's content. */
export interface Reanalysis {
  schemaVersion: typeof SCHEMA_VERSION;
  /**
   * What was read: the bundled data, a results CSV, a data package (a
   * datapackage.json or its folder), tables passed in code, an article
   * whose figures were read by machine (`toplines read`: check them), or a
   * respondent-level file weighed by `toplines weigh` (weightedToplines).
   */
  input: {
    kind: 'bundled' | 'results-csv' | 'datapackage' | 'tables' | 'article' | 'microdata';
    path: string | null;
    title: string;
  };
  options: ReanalysisOptions;
  summary: Summary;
  warnings: Issue[];
  surveys: SurveyResult[];
  /** One entry per construct the questions table links across polls. */
  acrossPolls: AcrossPollsResult[];
}

/**
 * The JSON document `toplines reanalyze --json` prints: the {@link Reanalysis}
 * with the tool's name and version. Described by the JSON Schema committed
 * as `schema/reanalysis.schema.json` in @toplines/data.
 *
 * @example
 * const doc: ReanalysisDocument = { ...reanalyze(load()), tool: { name: 'toplines', version: '0.1.0' } };
 * doc.schemaVersion; // => 2
 */
export interface ReanalysisDocument extends Reanalysis {
  /** The program that wrote the document. */
  tool: { name: string; version: string };
}
