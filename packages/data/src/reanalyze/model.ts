// The reanalysis as data: everything the terminal, JSON and HTML outputs
// show, and nothing about how they look. Proportions in [0, 1] throughout,
// as in @toplines/core; percent units only in fields named `percent…`; null
// for what is unknown, never NaN. JSON-serialisable as it is.
import type { ProportionCIMethod, SampleType } from '@toplines/core';

/**
 * The version of the {@link Reanalysis} document: bumped when a field changes
 * meaning or goes (fields are added without a bump).
 *
 * @example
 * SCHEMA_VERSION; // => 1
 */
export const SCHEMA_VERSION = 1;

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
  /** Design effect for every survey, or `"implied"`: each survey's own from its reported margin. */
  deff: number | 'implied';
  /** Sample sizes tried where n is unknown. */
  assumeN: number[];
  /** Only these surveys (empty: all). */
  surveys: string[];
}

/**
 * An interval at an assumed sample size (n unknown).
 *
 * @example
 * // e.g. { n: 500, lower: 0.37, upper: 0.46, moe: 0.043, significant: null }
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
  fieldStart: string | null;
  fieldEnd: string | null;
  n: number | null;
  /** The margin the source reports, as a proportion (0.031 for ±3.1 points). */
  moeReported: number | null;
  /** The design effect that margin implies at the survey's n (impliedDesignEffect). */
  impliedDeff: number | null;
  /** The design effect the intervals use. */
  deff: number;
  /** The textbook margin at p = 0.5 for the survey's n and deff. */
  headlineMoe: number | null;
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

/** The whole reanalysis: the JSON document's content. */
export interface Reanalysis {
  schemaVersion: typeof SCHEMA_VERSION;
  /**
   * What was read: the bundled data, a results CSV, a data package (a
   * datapackage.json or its folder), or tables passed in code.
   */
  input: {
    kind: 'bundled' | 'results-csv' | 'datapackage' | 'tables';
    path: string | null;
    title: string;
  };
  options: ReanalysisOptions;
  summary: Summary;
  warnings: Issue[];
  surveys: SurveyResult[];
}

/**
 * The JSON document `toplines reanalyze --json` prints: the {@link Reanalysis}
 * with the tool's name and version. Described by the JSON Schema committed
 * as `schema/reanalysis.schema.json` in @toplines/data.
 *
 * @example
 * const doc: ReanalysisDocument = { ...reanalyze(load()), tool: { name: 'toplines', version: '0.1.0' } };
 */
export interface ReanalysisDocument extends Reanalysis {
  /** The program that wrote the document. */
  tool: { name: string; version: string };
}
