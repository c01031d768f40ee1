import { leadTest } from '@toplines/core';
import type { TopLevelSpec } from 'vega-lite';
import { ChartError } from './errors';
import { chartText, errorText } from './messages';
import { INK, OKABE_ITO } from './palette';
import { axisLabel, bandStep, INTERVAL_COLUMNS, labelAxis, labelsWidth } from './share-chart';
import {
  type ChartInput,
  checkOptions,
  levelOption,
  num,
  type Row,
  resultRows,
  sizeOption,
  str,
} from './util/input';
import { type Meta, type MetaOptions, metaLookup } from './util/meta';
import {
  checkSelection,
  type QuestionSelection,
  type Selected,
  selectQuestion,
} from './util/select';
import {
  type ChartParts,
  ceilTo,
  floorTo,
  type Json,
  levelPercent,
  surveyLine,
  topLevel,
} from './util/spec';
import { formatPoints } from './util/text';

/**
 * Options of {@link leadChart}.
 *
 * @example
 * leadChart(rows, { question: 'us-impression', level: 0.9 });
 * leadChart(rows, { question: 'defence-spending', pairs: [['Maintain current levels', 'should be reduced']] });
 */
export interface LeadChartOptions extends QuestionSelection, MetaOptions {
  /**
   * Which differences to draw: `"all"` (default) every pair of options, each
   * as the larger share minus the smaller; or a list of `[a, b]` pairs of
   * option labels, each drawn as a − b.
   */
  pairs?: 'all' | ReadonlyArray<readonly [string, string]>;
  /** Confidence level of the intervals, in (0, 1). Default `0.95`. */
  level?: number;
  /** Design effect, > 0 (the variance is multiplied by it). Default `1`. */
  deff?: number;
  /** Width of the plot area in pixels. Default `360`. */
  width?: number;
  /** The title. Default: the question's wording. */
  title?: string;
  /** Lines added under the caption. Default none. */
  notes?: string[];
  /** The lead axis' domain, as differences of proportions. Default: from the intervals. */
  domain?: [number, number];
}

type Status = 'excludes' | 'includes' | 'unknown';

const STATUS_COLOR: Record<Status, string> = {
  excludes: OKABE_ITO.blue,
  includes: OKABE_ITO.orange,
  unknown: '#888888',
};

const STATUS_LABEL: Record<Status, () => string> = {
  excludes: chartText.leadExcludes,
  includes: chartText.leadIncludes,
  unknown: chartText.leadUnknown,
};

interface Lead {
  a: string;
  b: string;
  difference: number | null;
  lower: number | null;
  upper: number | null;
  status: Status;
}

/** The lead of option a over b, by core's leadTest. Internal. */
function lead(a: Row, b: Row, level: number, deff: number): Lead {
  const pa = num(a['estimate']);
  const pb = num(b['estimate']);
  const na = num(a['n_used']);
  const nb = num(b['n_used']);
  const base = { a: String(a['option']), b: String(b['option']) };
  if (pa === null || pb === null)
    return { ...base, difference: null, lower: null, upper: null, status: 'unknown' };
  if (na === null || nb === null || na !== nb) {
    return { ...base, difference: pa - pb, lower: null, upper: null, status: 'unknown' };
  }
  const t = leadTest(pa, pb, na, { level, deff });
  return {
    ...base,
    difference: t.difference,
    lower: t.lower,
    upper: t.upper,
    status: t.lower > 0 || t.upper < 0 ? 'excludes' : 'includes',
  };
}

/** Builds the panel of a lead chart (also used by smallMultiples). Internal. */
export function leadPanel(
  fn: string,
  rows: Row[],
  options: LeadChartOptions,
  meta: Meta,
): ChartParts & { domain: [number, number]; selected: Selected } {
  checkSelection(fn, options);
  const levelP = levelOption(fn, options.level);
  const level = levelPercent(levelP);
  const deff = options.deff ?? 1;
  if (typeof deff !== 'number' || !Number.isFinite(deff) || !(deff > 0)) {
    throw new ChartError(
      'invalid-option',
      fn,
      errorText.option('deff', 'a finite number above 0', deff),
    );
  }
  const width = sizeOption(fn, 'width', options.width, 360);
  const sel = selectQuestion(fn, rows, options);
  const survey = meta.survey(sel.surveyId, sel.rows[0]);
  const question = meta.question(sel.surveyId, sel.questionId, sel.rows[0]);
  if (question.responseType === 'multiple') {
    throw new ChartError('not-exclusive', fn, errorText.notExclusive(sel.questionId));
  }
  const byOption = new Map(sel.rows.map((r) => [String(r['option']), r]));
  const leads: Lead[] = [];
  const pairs = options.pairs ?? 'all';
  if (pairs === 'all') {
    const sorted = [...sel.rows].sort(
      (x, y) => (num(y['estimate']) ?? 0) - (num(x['estimate']) ?? 0),
    );
    for (let i = 0; i < sorted.length; i++) {
      for (let j = i + 1; j < sorted.length; j++) {
        leads.push(lead(sorted[i] as Row, sorted[j] as Row, levelP, deff));
      }
    }
  } else if (Array.isArray(pairs)) {
    for (const pair of pairs) {
      if (!Array.isArray(pair) || pair.length !== 2) {
        throw new ChartError(
          'invalid-option',
          fn,
          errorText.option('pairs', '"all" or a list of [a, b] option pairs', pair),
        );
      }
      const [a, b] = pair.map((o: unknown) => {
        const row = byOption.get(String(o));
        if (row === undefined) {
          throw new ChartError(
            'no-rows',
            fn,
            errorText.unknownOption(String(o), [...byOption.keys()]),
          );
        }
        return row;
      }) as [Row, Row];
      leads.push(lead(a, b, levelP, deff));
    }
  } else {
    throw new ChartError(
      'invalid-option',
      fn,
      errorText.option('pairs', '"all" or a list of [a, b] option pairs', pairs),
    );
  }
  if (leads.length === 0) {
    throw new ChartError(
      'no-rows',
      fn,
      errorText.noRows('two options to compare (the question has one)'),
    );
  }
  const values = leads.map((l) => {
    const label = axisLabel(chartText.leadLabel(l.a, l.b));
    const half = l.lower !== null && l.upper !== null ? (l.upper - l.lower) / 2 : null;
    return {
      pair: chartText.leadLabel(l.a, l.b),
      label,
      difference: l.difference,
      lower: l.lower,
      upper: l.upper,
      has_interval: l.lower !== null,
      text_x: l.upper ?? l.difference,
      text:
        l.difference === null
          ? ''
          : chartText.leadText(
              formatPoints(l.difference),
              half === null ? null : (half * 100).toFixed(1),
            ),
      status: STATUS_LABEL[l.status](),
    };
  });
  const statuses = (['excludes', 'includes', 'unknown'] as const).filter((s) =>
    leads.some((l) => l.status === s),
  );
  const lows = leads.map((l) => l.lower ?? l.difference ?? 0);
  const highs = leads.map((l) => l.upper ?? l.difference ?? 0);
  const domain: [number, number] = options.domain ?? [
    Math.min(0, floorTo(Math.min(...lows) - 0.02, 0.05)),
    Math.max(0.05, ceilTo(Math.max(...highs) + 0.12, 0.05)),
  ];
  const sort = values.map((v) => v.label);
  const y = { field: 'label', type: 'nominal', sort, axis: labelAxis() };
  const color = {
    field: 'status',
    type: 'nominal',
    scale: {
      domain: statuses.map((s) => STATUS_LABEL[s]()),
      range: statuses.map((s) => STATUS_COLOR[s]),
    },
    legend: { title: null, orient: 'bottom', direction: 'vertical' },
  };
  const view: Json = {
    data: { values },
    width,
    height: { step: bandStep(sort) },
    // y is set per layer: the zero line spans the whole height.
    layer: [
      {
        mark: { type: 'rule', color: INK, strokeWidth: 1 },
        encoding: { x: { datum: 0, type: 'quantitative' } },
      },
      {
        transform: [{ filter: 'datum.has_interval' }],
        mark: { type: 'rule', strokeWidth: 2.5, strokeCap: 'round' },
        encoding: {
          y,
          x: { field: 'lower', type: 'quantitative' },
          x2: { field: 'upper' },
          color,
        },
      },
      {
        mark: { type: 'point', filled: true, opacity: 1, size: 90 },
        encoding: {
          y,
          x: {
            field: 'difference',
            type: 'quantitative',
            scale: { domain, nice: false, zero: false },
            axis: {
              title: chartText.leadAxis(level),
              labelExpr: "(datum.value > 0 ? '+' : '') + format(datum.value * 100, '.0f')",
              grid: true,
              tickCount: 6,
            },
          },
          color,
          tooltip: [
            { field: 'pair', type: 'nominal', title: 'lead' },
            { field: 'text', type: 'nominal', title: 'difference' },
            { field: 'status', type: 'nominal', title: 'verdict' },
          ],
        },
      },
      {
        mark: { type: 'text', align: 'left', baseline: 'middle', dx: 7, color: INK },
        encoding: {
          y,
          x: { field: 'text_x', type: 'quantitative' },
          text: { field: 'text', type: 'nominal' },
        },
      },
    ],
  };
  const subtitle = [surveyLine(survey, num(sel.rows[0]?.['n_used']) ?? survey.n)];
  if (sel.group !== null && (sel.group.dim !== 'total' || sel.group.value !== 'total')) {
    subtitle.push(chartText.group(sel.group.dim, sel.group.value));
  }
  subtitle.push(chartText.leadNote());
  if (sel.rows.some((r) => (str(r['qualifier']) ?? 'exact') !== 'exact'))
    subtitle.push(chartText.qualifiers());
  if (sel.netsLeftOut.length > 0) subtitle.push(chartText.nets(sel.netsLeftOut));
  if (sel.multipleSources && sel.sourceId !== null) subtitle.push(chartText.source(sel.sourceId));
  subtitle.push(...(options.notes ?? []));
  const title = options.title ?? question.wording ?? sel.questionId;
  const description = [
    `${chartText.describeLead(level)}. ${title}.`,
    `${subtitle[0]}.`,
    `${values.map((v) => `${v.pair}: ${v.text}, ${v.status}`).join('; ')}.`,
  ].join(' ');
  return {
    view,
    title,
    subtitle,
    description,
    textWidth: width + Math.min(240, labelsWidth(sort)) + 50,
    domain,
    selected: sel,
  };
}

/** Reads and checks the rows of a lead chart. Internal. */
export function leadRows(fn: string, table: unknown): Row[] {
  return resultRows(fn, table, [INTERVAL_COLUMNS[0], 'n_used']);
}

/**
 * Lead chart: the difference between two options of one single-choice
 * question (or every pair), in percentage points, with its confidence
 * interval and a line at zero. Each lead is tested with core's `leadTest`,
 * which allows for the two shares coming from one sample — a lead's margin
 * is larger than either share's — and coloured by whether its interval
 * excludes zero (a real lead at that level) or includes it (within the
 * margin). A lead whose n is unknown is drawn as a grey point without an
 * interval.
 *
 * The rows are the `results` layout with the columns of `withIntervals`
 * (@toplines/data): it reads `estimate` and `n_used`. Multiple-response
 * questions are refused: their options overlap.
 *
 * @param table - rows or an arquero table of one question (or pick one with `question`)
 * @param options - which question, survey, group, source; `pairs`, `level`, `deff`, `width`, `title`, `notes`
 * @returns a Vega-Lite spec (v5 and v6)
 * @throws {ChartError} `not-exclusive` for a multiple-response question, and those of {@link shareChart}
 * @example
 * const spec = leadChart(withIntervals(results, { surveys, questions }), { question: 'us-impression' });
 * // one lead: favorable 40.5% vs unfavorable 34.5%, +6.0 points (±5.3): a real lead at 95%
 */
export function leadChart(table: ChartInput, options?: LeadChartOptions): TopLevelSpec {
  const fn = 'leadChart';
  const opts = checkOptions(fn, options);
  const rows = leadRows(fn, table);
  return topLevel(leadPanel(fn, rows, opts, metaLookup(fn, opts)));
}
