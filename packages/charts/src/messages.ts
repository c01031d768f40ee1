// Every user-facing message of @toplines/charts, in one place (Vega-Lite's
// habit): errors, and the words the charts print — notes, captions, axis
// titles, legends and the screen-reader descriptions. Errors name the
// function (added by ChartError), the problem and the value; no final period.

import { show } from '@toplines/core/internal';

/** Formats a value for a message: strings quoted, the rest by kind. Core's, shared. */
export { show };

/** A list of values for a message, at most `max` of them then "… (N more)". */
export function list(values: readonly unknown[], max = 8): string {
  const shown = values.slice(0, max).map(show).join(', ');
  return values.length > max ? `${shown}, … (${values.length - max} more)` : shown;
}

const WITH_INTERVALS =
  'add them with withIntervals(table, { surveys, questions }) from @toplines/data';

/** Error messages: the part after the function name. */
export const errorText = {
  notATable: (value: unknown) =>
    `needs an array of row objects or an arquero table (anything with .objects()), got ${show(value)}`,
  notARow: (index: number, value: unknown) =>
    `needs every row to be an object, but row ${index} is ${show(value)}`,
  empty: () => 'needs at least one row, got an empty table',
  missingColumns: (columns: readonly string[], hint: string) =>
    `needs the column${columns.length > 1 ? 's' : ''} ${list(columns)}, which the rows lack: ${hint}`,
  intervalHint: () => WITH_INTERVALS,
  leadsHint: () =>
    'pass the rows of leads(table, { surveys, questions }) from @toplines/data (one row per pair of options)',
  resultsHint: () => 'pass rows in the results layout of @toplines/data',
  surveysHint: () => 'pass rows of the surveys table (survey_id, n) of @toplines/data',
  unknownQuestion: (id: string, available: readonly unknown[]) =>
    `found no rows for question ${show(id)}; the rows hold the questions ${list(available)}`,
  unknownSurvey: (id: string, available: readonly unknown[]) =>
    `found no rows for survey ${show(id)}; the rows hold the surveys ${list(available)}`,
  noGroup: (dim: string, value: string, available: readonly string[]) =>
    `found no rows for group ${show(`${dim}/${value}`)}; the rows hold the groups ${list(available)}`,
  noSource: (id: string, available: readonly unknown[]) =>
    `found no rows from source ${show(id)}; the rows come from ${list(available)}`,
  noRows: (what: string) => `has no rows left to draw after choosing ${what}`,
  mixedQuestions: (ids: readonly unknown[]) =>
    `draws one question, but the rows hold ${ids.length}: ${list(ids)}; pass { question } to choose one, or use smallMultiples(table, { by: 'question' })`,
  mixedSurveys: (question: string, ids: readonly unknown[]) =>
    `draws one survey's question, but the rows of ${show(question)} come from ${ids.length} surveys: ${list(ids)}; pass { survey } to choose one, or set them side by side with comparisonChart`,
  mixedScales: (a: string, orderA: readonly string[], b: string, orderB: readonly string[]) =>
    `puts questions on one scale, but ${show(a)} is ordered ${show(orderA.join(' | '))} and ${show(b)} ${show(orderB.join(' | '))}; draw them separately or pass { order }`,
  notAScale: (question: string) =>
    `needs the order of the options, but question ${show(question)} has no scale_order; pass the questions table ({ questions }) that holds it, or { order: [...] } from one pole to the other`,
  notInScale: (option: string, order: readonly string[]) =>
    `found option ${show(option)}, which is not in the scale order ${show(order.join(' | '))}; pass { order } or list it in { nonSubstantive }`,
  unknownOption: (option: string, available: readonly unknown[]) =>
    `found no option ${show(option)}; the question's options are ${list(available)}`,
  ambiguousItem: (item: string, options: readonly unknown[]) =>
    `matches several options for ${item}: ${list(options)}; name one with { option }`,
  noItem: (item: string) => `found no row for ${item}`,
  option: (name: string, expected: string, value: unknown) =>
    `requires option ${name} to be ${expected}, got ${show(value)}`,
  noSurveyN: () =>
    'found no survey with a sample size (n) to mark; pass rows with survey_id and n, or { ns }',
  unsupportedChart: (chart: unknown) =>
    `requires option chart to be one of "share", "lead", "comparison", "diverging", got ${show(chart)}`,
  renderFailed: (message: string) => `could not render the spec: ${message}`,
  trendHint: () =>
    'pass the rows of acrossPolls(results, { construct, surveys, questions }) from @toplines/data, or rows with a date, estimate (or percent), lower and upper',
  noDatedRows: (column: string) =>
    `has no poll to draw: no row has both a share and a date in column ${show(column)} (YYYY-MM-DD or YYYY-MM); pass { date } to name another column`,
};

/** The words the charts print. */
export const chartText = {
  surveyLine: (title: string, fieldwork: string | null, n: string) =>
    `${title} · ${fieldwork === null ? 'fieldwork dates not stated' : `fieldwork ${fieldwork}`} · ${n}`,
  n: (n: number | null, formatted: string) =>
    n === null ? 'n not reported' : `n\u00a0=\u00a0${formatted}`,
  subsetBase: (base: string) =>
    `Asked of ${base}; the size of that group is not reported, so no interval can be drawn`,
  subsetN: (base: string, n: string) => `Asked of ${base}: ${n}`,
  multiple: () =>
    'Multiple response: respondents could choose several, so the shares can sum past 100%',
  intervals: (level: number) => `Lines: ${level}% confidence intervals`,
  noInterval: () => 'Hollow points: no interval, because the sample size is not reported',
  qualifiers: () => 'As printed: ≈ about, > more than, < less than',
  source: (id: string) =>
    `Figures as reported by source ${id} (other sources report this question too)`,
  nets: (nets: readonly string[]) =>
    `Nets left out (${nets.map((n) => `“${n}”`).join(', ')}): their parts are shown`,
  group: (dim: string, value: string) => `Group: ${dim} ${value}`,
  // share chart
  shareAxis: (multiple: boolean) =>
    multiple ? 'Share of respondents choosing each option' : 'Share of respondents',
  shareTitle: (question: string) => `Question ${question}`,
  // lead chart
  leadAxis: (level: number) => `Lead, percentage points (${level}% confidence interval)`,
  leadLabel: (a: string, b: string) => `${a} vs ${b}`,
  leadExcludes: () => 'larger than its margin: interval excludes 0',
  leadIncludes: () => 'within the margin: interval includes 0',
  leadDepends: () => 'depends on the overlap: only the liberal interval excludes 0',
  leadUnknown: () => 'no interval: n unknown',
  leadNotComputed: () => 'no interval: not computed (see the note)',
  leadTitle: () => 'Leads',
  leadTooltip: { p: 'p', p_adjusted: 'p (adjusted)', note: 'note' } as Record<string, string>,
  leadNote: () =>
    "Both shares come from one sample, so a lead's margin is larger than either share's (leadTest)",
  pairedNote: () =>
    'Check-all question: the same respondents may have chosen both options, and how many did is not reported. Line: the interval at the smallest overlap the shares allow (conservative); pale band: at the largest (liberal)',
  leadText: (difference: string, half: string | null) =>
    half === null ? `${difference} pts` : `${difference} pts (±${half})`,
  // comparison chart
  comparisonTitle: () => 'One figure across surveys',
  wordingsDiffer: () =>
    'The question wordings differ, so these figures are not strictly comparable:',
  wordingItem: (survey: string, wording: string, option: string) =>
    `• ${survey}: “${wording}”, answer “${option}”`,
  noIntervalFor: (labels: readonly string[]) =>
    `No interval for ${labels.join('; ')}: the sample size is not reported, so only the point is drawn (hollow)`,
  surveyItem: (line: string) => `• ${line}`,
  difference: (a: string, b: string, diff: string, lower: string, upper: string, level: number) =>
    `${a} minus ${b}: ${diff} points (${level}% CI ${lower} to ${upper}; independent samples, Newcombe)`,
  // trend chart
  trendTitle: () => 'One measure across polls',
  trendAxis: () => 'Date',
  trendAxisEnd: () => 'Last day of fieldwork',
  trendPollLine: (name: string, fieldwork: string | null, n: string) =>
    `${name} · ${fieldwork === null ? 'fieldwork days not stated' : `fieldwork ${fieldwork}`} · ${n}`,
  trendRowLine: (series: string, date: string, n: string) => `${series} · ${date} · ${n}`,
  trendNoN: () => 'none (n not reported)',
  trendUndated: (names: readonly string[], column: string) =>
    `Not drawn, no date in ${column} (the sources give no fieldwork days): ${names.join('; ')}`,
  trendPooled: (
    estimate: string,
    lower: string,
    upper: string,
    pLower: string,
    pUpper: string,
    level: number,
  ) =>
    `Dashed line: pooled estimate ${estimate}; dark band: its ${level}% confidence interval (${lower} to ${upper}); pale band: ${level}% prediction interval for a new poll (${pLower} to ${pUpper})`,
  // margin curve
  marginTitle: () => 'The margin of error shrinks with the square root of the sample size',
  marginSubtitle: (level: number, p: string, deff: number) =>
    `Margin of error at ${level}% confidence for a share of ${p}, ${deff === 1 ? 'simple random sampling (design effect 1)' : `design effect ${deff}`}`,
  marginTeaching: (a: string, na: string, b: string, nb: string) =>
    `Four times the sample halves the margin: ±${a} points at n = ${na}, ±${b} at n = ${nb}`,
  marginMarked: () => "Each survey's sample",
  marginAxisX: () => 'Sample size (n)',
  marginAxisY: () => 'Margin of error (±)',
  marginLegend: (label: string, n: string, moe: string) => `${label}: n = ${n}, ±${moe} pts`,
  marginNote: () =>
    'The margin covers sampling error only, for a simple random sample; a design effect above 1 widens it, and an opt-in panel has no margin of sampling error at all',
  // diverging chart
  divergingAxis: () => 'Share of respondents',
  apartAxis: () => 'Not on the scale',
  notReported: () => 'not reported',
  remainderNote: () =>
    '“not reported”: the share the source does not account for (e.g. don’t know, no answer, or a middle option)',
  divergingMoe: (moe: string, level: number) =>
    `Each share has a margin of error of up to ±${moe} points (${level}%)`,
  allRespondents: () => 'All respondents',
  // small multiples
  byTitle: (title: string, by: string) => `${title} — by ${by}`,
  by: { group: 'group', question: 'question', survey: 'survey' } as Record<string, string>,
  // descriptions for screen readers
  describeShare: (kind: string, level: number) =>
    `${kind} of the share of respondents choosing each option, with ${level}% confidence intervals`,
  describeRow: (label: string, printed: string, lower: string | null, upper: string | null) =>
    lower === null || upper === null
      ? `${label}: ${printed} (no interval)`
      : `${label}: ${printed} (${lower} to ${upper})`,
  describeLead: (level: number) =>
    `Dot plot of the lead of one option over another, in percentage points, with ${level}% confidence intervals and a line at zero`,
  describeComparison: (level: number) =>
    `Dot plot comparing one figure across surveys or groups, with ${level}% confidence intervals where the sample size is known`,
  describeDumbbell: () => 'Dumbbell chart comparing one figure across surveys or groups',
  describeTrend: (k: number, level: number) =>
    `Dot plot over time of one share across ${k} poll${k === 1 ? '' : 's'}, coloured by organisation, with ${level}% confidence intervals where the sample size is known`,
  describeMargin: () => 'Line chart of the margin of error against the sample size',
  describeDiverging: () =>
    'Diverging stacked bar chart of an ordered scale around its middle, with answers off the scale set apart',
  describeSmall: (n: number, by: string) => `Small multiples: ${n} panels, one per ${by}`,
};
