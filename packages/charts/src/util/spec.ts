import type { Config, TopLevelSpec } from 'vega-lite';
import { chartText } from '../messages';
import { INK, MUTED } from '../palette';
import type { SurveyMeta } from './meta';
import { formatCount, formatFieldwork, wrap } from './text';

/**
 * The `$schema` of every spec: Vega-Lite v5's, because JupyterLab and VS Code
 * render only the `application/vnd.vegalite.v5+json` MIME type. The specs use
 * only what Vega-Lite v5 and v6 both accept (tested against both schemas).
 *
 * @example
 * shareChart(rows, { question: 'us-impression' }).$schema === SCHEMA_URL; // => true
 */
export const SCHEMA_URL = 'https://vega.github.io/schema/vega-lite/v5.json';

/**
 * The font family every spec names in `config.font`; the render entry
 * bundles it (Inter), so PNGs look the same on any machine.
 *
 * @example
 * shareChart(rows, { question: 'us-impression' }).config.font; // => 'Inter'
 */
export const FONT = 'Inter';

/** Font sizes, in pixels. Internal. */
export const SIZE = { title: 15, subtitle: 11.5, label: 11, panelTitle: 12.5 } as const;

/** A loose JSON object, for building specs. Internal. */
export type Json = Record<string, unknown>;

/**
 * The Vega-Lite `config` every builder's spec carries: the Inter font
 * ({@link FONT}), quiet grey axes and legends, a bold left-aligned title
 * with its subtitle in {@link MUTED}, and the spacing of concatenated
 * panels. Specs made by hand (the notebooks' own charts) set it as their
 * `config` to look like the builders'. A new object on each call: change it
 * freely.
 *
 * @returns a Vega-Lite `Config` (plain JSON)
 * @example
 * chartConfig().font; // => 'Inter'
 * chartConfig().title.anchor; // => 'start'
 * const spec = { mark: 'point', data: { values: [{ x: 1 }] }, encoding: { x: { field: 'x' } }, config: chartConfig() };
 * spec.config.axis.gridColor; // => '#e8e8e8'
 */
export function chartConfig(): Config {
  return {
    font: FONT,
    view: { stroke: null },
    axis: {
      labelFontSize: SIZE.label,
      titleFontSize: SIZE.label,
      titleFontWeight: 'normal',
      titleColor: MUTED,
      labelColor: INK,
      domainColor: '#888888',
      tickColor: '#888888',
      gridColor: '#e8e8e8',
    },
    legend: {
      labelFontSize: SIZE.label,
      titleFontSize: SIZE.label,
      titleFontWeight: 'normal',
      labelColor: INK,
      titleColor: MUTED,
      orient: 'bottom',
      labelLimit: 400,
    },
    title: {
      anchor: 'start',
      fontSize: SIZE.title,
      fontWeight: 'bold',
      color: INK,
      subtitleFontSize: SIZE.subtitle,
      subtitleColor: MUTED,
      subtitlePadding: 6,
      offset: 14,
      lineHeight: 19,
      subtitleLineHeight: 15,
    },
    text: { fontSize: SIZE.label, color: INK },
    concat: { spacing: 28 },
  };
}

/** The parts of a chart before it becomes a top-level spec. Internal. */
export interface ChartParts {
  /** The view: a unit, layer, hconcat or concat spec without the top-level properties. */
  view: Json;
  title: string;
  subtitle: string[];
  description: string;
  /** Width in pixels the title and subtitle may take. */
  textWidth: number;
}

/** Wraps a view into a top-level spec with `$schema`, title, description and config. Internal. */
export function topLevel(parts: ChartParts): TopLevelSpec {
  const width = Math.max(parts.textWidth, 500);
  return {
    $schema: SCHEMA_URL,
    description: parts.description,
    title: {
      text: wrap(parts.title, width, SIZE.title, true),
      subtitle: parts.subtitle.flatMap((line) => wrap(line, width, SIZE.subtitle)),
    },
    background: 'white',
    padding: 16,
    ...parts.view,
    config: chartConfig(),
  } as unknown as TopLevelSpec;
}

/** "n = 1,037" or "n not reported". Internal. */
export function nText(n: number | null): string {
  return chartText.n(n, n === null ? '' : formatCount(n));
}

/** The caption line of a survey: its name, fieldwork dates and n. Internal. */
export function surveyLine(survey: SurveyMeta, n: number | null = survey.n): string {
  return chartText.surveyLine(
    survey.title,
    formatFieldwork(survey.fieldStart, survey.fieldEnd),
    nText(n),
  );
}

/** Rounds `x` up to a multiple of `step`. Internal. */
export function ceilTo(x: number, step: number): number {
  return Math.ceil(x / step - 1e-9) * step;
}

/** Rounds `x` down to a multiple of `step`. Internal. */
export function floorTo(x: number, step: number): number {
  return Math.floor(x / step + 1e-9) * step;
}

/** Level as a percent for labels: 0.95 → 95. Internal. */
export function levelPercent(level: number): number {
  return +(level * 100).toFixed(4);
}
