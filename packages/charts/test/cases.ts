// The charts every cross-module test draws: built from the bundled data, the
// same calls as the README and scripts/make-readme-images.mjs. The charts
// package bundles no survey: each call passes the surveys and questions
// tables (`meta`) that name them.
import { acrossPolls, leads, load, withIntervals } from '@toplines/data';
import type { TopLevelSpec } from 'vega-lite';
import {
  comparisonChart,
  divergingChart,
  leadChart,
  marginCurve,
  shareChart,
  smallMultiples,
  trendChart,
} from '../src/index';

const { results, surveys, questions } = load();

/** The bundled surveys and questions tables, as every builder takes them. */
export const meta = { surveys, questions };

/** The bundled results with the interval columns of withIntervals, as rows. */
export const rows = withIntervals(results, { surveys, questions }).objects() as Record<
  string,
  unknown
>[];

/** Every lead and paired difference of the bundled results: the table leads() returns. */
export const leadTable = leads(results, { surveys, questions });

/** The rows of {@link leadTable}. */
export const leadRows = leadTable.objects() as Record<string, unknown>[];

/** The four "relations are good" figures across four polls. */
export const RELATIONS_GOOD = [
  { survey: 'utokyo-2024-08', question: 'us-relations-assessment' },
  { survey: 'cabinet-secretariat-2024-10', question: 'relations-assessment' },
  { survey: 'utokyo-2025-08', question: 'us-relations-assessment' },
  { survey: 'api-2025-jp', question: 'us-relations-current', option: 'good' },
];

/** The four in favour / opposed questions of the API survey. */
export const IN_FAVOUR = [
  'trilateral-security-cooperation',
  'us-china-restrictions',
  'foreign-tourists-increase',
  'foreign-residents-increase',
];

/** The polls of the bundled construct japan-us-relations-current: the rows acrossPolls returns. */
export const relationsPolls = acrossPolls(results, {
  construct: 'japan-us-relations-current',
  surveys,
  questions,
}).objects() as Record<string, unknown>[];

/**
 * Five made-up polls (not survey results: the figures are invented to show
 * the chart's parts), two of them without n, and a made-up pooled estimate.
 */
export const ILLUSTRATIVE_POLLS = [
  {
    date: '2024-09-14',
    organization: 'Poll A',
    percent: 46,
    lower: 0.43,
    upper: 0.49,
    n_used: 1000,
  },
  {
    date: '2024-11-02',
    organization: 'Poll B',
    percent: 41,
    lower: null,
    upper: null,
    n_used: null,
  },
  {
    date: '2025-02-20',
    organization: 'Poll A',
    percent: 39,
    lower: 0.36,
    upper: 0.42,
    n_used: 1000,
  },
  {
    date: '2025-05-08',
    organization: 'Poll C',
    percent: 33,
    lower: 0.29,
    upper: 0.37,
    n_used: 600,
  },
  {
    date: '2025-07-30',
    organization: 'Poll B',
    percent: 30,
    lower: null,
    upper: null,
    n_used: null,
  },
];

export interface Case {
  name: string;
  spec: () => TopLevelSpec;
  /** Text that the rendered SVG must hold (title, axis titles and labels). */
  text: string[];
}

export const CASES: Case[] = [
  {
    name: 'share-us-impression',
    spec: () => shareChart(rows, { question: 'us-impression', ...meta }),
    text: [
      'Impression of the United States',
      'favorable impression',
      'unfavorable impression',
      '40.5%',
      'Share of respondents',
      '20%',
    ],
  },
  {
    name: 'share-economic-partners-bar',
    spec: () =>
      shareChart(rows, { question: 'economic-partners', sort: 'share', mark: 'bar', ...meta }),
    text: [
      'Countries and regions economically important',
      'the United States',
      'India',
      'respondents could choose several',
      'Share of respondents choosing each option',
    ],
  },
  {
    name: 'share-peace-security',
    spec: () => shareChart(rows, { question: 'peace-security-approach', ...meta }),
    text: [
      'What should Japan do',
      'Japan should work harder to defend itself',
      '41.7%',
      'Hollow points: no interval',
    ],
  },
  {
    name: 'lead-us-impression',
    spec: () => leadChart(leadTable, { question: 'us-impression', ...meta }),
    text: [
      'favorable impression vs unfavorable',
      '+6.0 pts (±5.3)',
      'Lead, percentage points',
      'larger than its margin: interval excludes 0',
      '+10',
    ],
  },
  {
    name: 'lead-korea-relations-outlook',
    spec: () => leadChart(leadRows, { question: 'korea-relations-outlook', ...meta }),
    text: [
      'Outlook for Japan–South Korea relations',
      'no change vs deterioration',
      'within the margin: interval includes 0',
    ],
  },
  {
    name: 'comparison-relations-good',
    spec: () =>
      comparisonChart(rows, {
        items: RELATIONS_GOOD,
        title: 'Are Japan–U.S. relations good? Four polls, four wordings',
        ...meta,
      }),
    text: [
      'Are Japan–U.S. relations good?',
      '85.5%',
      '42.4%',
      'The question wordings differ',
      'No interval for',
      'Share of respondents',
    ],
  },
  {
    name: 'comparison-dumbbell',
    spec: () =>
      comparisonChart(rows, {
        items: [RELATIONS_GOOD[1], RELATIONS_GOOD[3]] as typeof RELATIONS_GOOD,
        layout: 'dumbbell',
        title: '“Relations are good”: 85.5% or 42.4%?',
        ...meta,
      }),
    text: ['Relations are good', '85.5%', '42.4%', 'Cabinet Secretariat poll'],
  },
  {
    name: 'trend-relations-current',
    spec: () =>
      trendChart(relationsPolls, {
        title: 'Are Japan–U.S. relations good? One construct, four polls',
        ...meta,
      }),
    text: [
      'Are Japan–U.S. relations good?',
      '42.4%',
      'Not drawn, no date',
      'University of Tokyo survey, August 2024 wave',
      'Last day of fieldwork',
      'Share of respondents',
    ],
  },
  {
    name: 'trend-illustrative-pooled',
    spec: () =>
      trendChart(ILLUSTRATIVE_POLLS, {
        title: 'Illustration: one share across five polls (made-up figures)',
        pooled: {
          estimate: 0.385,
          lower: 0.345,
          upper: 0.425,
          predictionLower: 0.27,
          predictionUpper: 0.5,
        },
      }),
    text: [
      'Illustration: one share across five polls',
      'Poll A',
      'Poll C',
      'Dashed line: pooled estimate 38.5%',
      'No interval for Poll B (2 Nov 2024); Poll B (30 Jul 2025)',
      '46%',
      'Date',
    ],
  },
  {
    name: 'margin-curve',
    spec: () => marginCurve(surveys),
    text: [
      'The margin of error shrinks',
      'Sample size (n)',
      'Margin of error (±)',
      'Japan: n',
      '1,037',
      '±3.0 pts',
      '1,500',
      '1,585',
    ],
  },
  {
    name: 'diverging-japan-nuclear-weapons',
    spec: () => divergingChart(rows, { question: 'japan-nuclear-weapons', ...meta }),
    text: [
      'Should Japan possess nuclear weapons',
      'strongly opposed',
      'somewhat in favor',
      '43.6%',
      'not reported',
      'Not on the scale',
    ],
  },
  {
    name: 'diverging-in-favour',
    spec: () =>
      divergingChart(rows, {
        question: IN_FAVOUR,
        title: 'In favour or opposed? Four proposals',
        ...meta,
      }),
    text: ['In favour or opposed?', 'in favor', 'opposed', '57.8%', 'Share of respondents'],
  },
  {
    name: 'small-multiples-questions',
    spec: () =>
      smallMultiples(rows, {
        chart: 'share',
        by: 'question',
        values: IN_FAVOUR,
        title: 'Four proposals, one scale: in favour or opposed?',
        ...meta,
      }),
    text: ['Four proposals, one scale', 'The increase in foreign tourists', 'in favor', '51.7%'],
  },
  {
    name: 'small-multiples-groups',
    spec: () =>
      smallMultiples(rows, {
        chart: 'share',
        by: 'group',
        panel: { question: 'relations-change' },
        ...meta,
      }),
    text: ['by group', 'All respondents', 'age 70s', '&gt;80%', '≈70%'],
  },
];
