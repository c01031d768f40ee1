// The header of one survey: who, when, n, the margin it publishes and the
// design effect the intervals use. Internal.
import {
  impliedDesignEffect,
  marginOfError,
  SAMPLE_TYPES,
  type SampleType,
  sampleCaveat,
} from '@toplines/core';
import { isLibraryError } from '@toplines/core/internal';
import { decimalsOfNumber } from '../util/sample-size';
import type { ReanalysisOptions, SurveyResult } from './model';
import { noteText } from './notes';
import { num, positiveInteger, type Row, str } from './values';

/** The level a published margin is taken to be at (pollsters state ±X "at 95%"). */
const PUBLISHED_LEVEL = 0.95;

/**
 * The survey's header, with no questions yet.
 *
 * The design effect: the user's, when the options give a number; otherwise
 * (`deff: "implied"`, the default) the one the survey's published margin
 * implies at its n, never below 1 — a margin smaller than a simple random
 * sample of n allows is flagged, not used to narrow the intervals — and 1
 * when the survey publishes no margin or no n.
 *
 * @param surveyId - the survey
 * @param s - its row of the surveys table (`{}` when the table does not have it)
 * @param options - the reanalysis's options (the design effect, or `"implied"`)
 */
export function surveyResult(surveyId: string, s: Row, options: ReanalysisOptions): SurveyResult {
  const n = positiveInteger(s['n']);
  const reported = num(s['moe_reported']);
  const moeReported = reported === null || reported <= 0 ? null : reported / 100;
  const implied = moeReported !== null && n !== null ? impliedRange(reported as number, n) : null;
  const caveats: string[] = [];
  let deff: number;
  let deffSource: SurveyResult['deffSource'];
  if (options.deff !== 'implied') {
    deff = options.deff;
    deffSource = 'option';
  } else if (implied !== null) {
    deff = Math.max(1, implied.point);
    deffSource = 'published-margin';
  } else {
    deff = 1;
    deffSource = 'none';
  }
  if (implied !== null && moeReported !== null && n !== null) {
    const srs = marginOfError(0.5, n, { level: PUBLISHED_LEVEL });
    if (implied.range[1] < 1) caveats.push(noteText.marginBelowSrs(moeReported, srs, n));
    else if (implied.point < 1 && deffSource === 'published-margin')
      caveats.push(noteText.impliedBelowOne(implied.point, implied.range));
  }
  const sampleType = sampleTypeOf(s['sample_type']);
  const mode = str(s['mode']);
  const shared = sampleCaveat(sampleType, mode === null ? undefined : { mode });
  if (shared !== null) caveats.unshift(shared);
  return {
    surveyId,
    title: str(s['title']) ?? surveyId,
    organization: str(s['organization']),
    sponsor: str(s['sponsor']),
    country: str(s['country']),
    population: str(s['population']),
    mode,
    sampleType,
    weighting:
      s['weighting'] === 'weighted' || s['weighting'] === 'unweighted' ? s['weighting'] : null,
    fieldStart: str(s['field_start']),
    fieldEnd: str(s['field_end']),
    n,
    moeReported,
    impliedDeff: implied?.point ?? null,
    impliedDeffRange: implied?.range ?? null,
    deff,
    deffSource,
    moeAtHalf: n === null ? null : marginOfError(0.5, n, { level: options.level, deff }),
    sourceId: str(s['source_id']),
    notes: str(s['notes']),
    questions: [],
    caveats,
  };
}

/**
 * The design effect a published margin (percentage points, as printed)
 * implies at n, and the range its rounding allows: "±3" is any margin in
 * [2.5, 3.5], "±3.1" any in [3.05, 3.15]. Null when core cannot say.
 */
function impliedRange(
  printed: number,
  n: number,
): { point: number; range: [number, number] } | null {
  const decimals = decimalsOfNumber(printed);
  const half = 0.5 * 10 ** -decimals;
  try {
    const at = (points: number) => impliedDesignEffect(points / 100, n, { level: PUBLISHED_LEVEL });
    return {
      point: at(printed),
      range: [printed - half > 0 ? at(printed - half) : 0, at(printed + half)],
    };
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
