// The header of one survey: who, when, n, the margin it reports and the
// design effect the intervals use. Internal.
import {
  impliedDesignEffect,
  marginOfError,
  SAMPLE_TYPES,
  type SampleType,
  sampleCaveat,
} from '@toplines/core';
import { isLibraryError } from '@toplines/core/internal';
import type { ReanalysisOptions, SurveyResult } from './model';
import { noteText } from './notes';
import { num, positiveInteger, type Row, str } from './values';

/**
 * The survey's header, with no questions yet.
 *
 * @param surveyId - the survey
 * @param s - its row of the surveys table (`{}` when the table does not have it)
 * @param options - the reanalysis's options (the design effect, or `"implied"`)
 */
export function surveyResult(surveyId: string, s: Row, options: ReanalysisOptions): SurveyResult {
  const n = positiveInteger(s['n']);
  const reported = num(s['moe_reported']);
  const moeReported = reported === null ? null : reported / 100;
  const impliedDeff = moeReported !== null && n !== null ? implied(moeReported, n) : null;
  const deff = options.deff === 'implied' ? (impliedDeff ?? 1) : options.deff;
  const sampleType = sampleTypeOf(s['sample_type']);
  const caveats: string[] = [];
  const shared = sampleCaveat(sampleType);
  if (shared !== null) caveats.push(shared);
  if (options.deff === 'implied' && impliedDeff === null) caveats.push(noteText.noImpliedDeff());
  return {
    surveyId,
    title: str(s['title']) ?? surveyId,
    organization: str(s['organization']),
    sponsor: str(s['sponsor']),
    country: str(s['country']),
    population: str(s['population']),
    mode: str(s['mode']),
    sampleType,
    fieldStart: str(s['field_start']),
    fieldEnd: str(s['field_end']),
    n,
    moeReported,
    impliedDeff,
    deff,
    headlineMoe: n === null ? null : marginOfError(0.5, n, { level: options.level, deff }),
    sourceId: str(s['source_id']),
    notes: str(s['notes']),
    questions: [],
    caveats,
  };
}

/** The design effect a reported margin implies at n, or null when core cannot say. */
function implied(moe: number, n: number): number | null {
  try {
    return impliedDesignEffect(moe, n, { level: 0.95 });
  } catch (e) {
    if (!isLibraryError(e)) throw e;
    return null;
  }
}

/** The sample type as the data gives it; `unknown` for anything else. */
function sampleTypeOf(value: unknown): SampleType {
  return typeof value === 'string' && (SAMPLE_TYPES as readonly string[]).includes(value)
    ? (value as SampleType)
    : 'unknown';
}
