// @toplines/charts/render: the Node-only entry that turns a spec into SVG and
// PNG. It alone loads vega, vega-lite's compiler, @resvg/resvg-js and the
// bundled Inter font files; the main entry stays free of them.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import { compile } from 'vega-lite';
import { ChartError } from './errors';
import { type FontMetrics, fontMetrics } from './font/ttf-metrics';
import { errorText } from './messages';

const require = createRequire(import.meta.url);

/**
 * The paths of the bundled font files (Inter Regular and Bold, SIL Open Font
 * License, from @expo-google-fonts/inter) that {@link toPNG} draws text with.
 *
 * @returns absolute paths of the two TTF files
 * @example
 * fontFiles().map((f) => f.split('/').pop()); // => ['Inter_400Regular.ttf', 'Inter_700Bold.ttf']
 */
export function fontFiles(): string[] {
  return [
    require.resolve('@expo-google-fonts/inter/400Regular/Inter_400Regular.ttf'),
    require.resolve('@expo-google-fonts/inter/700Bold/Inter_700Bold.ttf'),
  ];
}

/** The part of a Vega text item that its width depends on. */
interface TextItem {
  fontSize?: number;
  fontWeight?: string | number;
}

let metrics: { regular: FontMetrics; bold: FontMetrics } | undefined;

/**
 * Makes headless Vega measure text with Inter's real advance widths (instead
 * of its rough estimate of 0.8 em per character), so that the layout of the
 * SVG matches the text resvg draws. Idempotent.
 */
function useInterMetrics(): void {
  if (metrics !== undefined) return;
  const [regular, bold] = fontFiles().map((f) => fontMetrics(readFileSync(f))) as [
    FontMetrics,
    FontMetrics,
  ];
  metrics = { regular, bold };
  const m = metrics;
  // vega re-exports vega-scenegraph's textMetrics, but its types omit it.
  const { textMetrics } = vega as unknown as {
    textMetrics: { width: (item: TextItem, text: unknown) => number };
  };
  textMetrics.width = (item: TextItem, text: unknown) => {
    const size = item.fontSize != null ? +item.fontSize || 0 : 11;
    const line = text == null ? '' : String(text).trim();
    const weight = item.fontWeight;
    const isBold =
      weight === 'bold' || (typeof weight === 'number' && weight >= 600) || weight === '700';
    return (isBold ? m.bold : m.regular).width(line, size);
  };
}

/**
 * Renders a Vega-Lite spec to an SVG string, headless: vega-lite compiles it
 * to Vega, a Vega View with the `'none'` renderer runs it, and `toSVG` writes
 * the scene. Text is laid out with Inter's widths (the font the builders
 * name and {@link toPNG} draws with). Data must be inline (`values`): the
 * builders' specs always are.
 *
 * @param spec - a Vega-Lite spec, e.g. from `shareChart` (the main entry)
 * @returns the SVG document as a string
 * @throws {ChartError} `render-failed` when Vega cannot compile or run the spec
 * @example
 * import { shareChart } from '@toplines/charts';
 * import { toSVG } from '@toplines/charts/render';
 * const svg = await toSVG(shareChart(rows, { question: 'us-impression', surveys, questions }));
 * svg.startsWith('<svg'); // => true
 */
export async function toSVG(spec: TopLevelSpec): Promise<string> {
  useInterMetrics();
  let view: vega.View | undefined;
  try {
    const vgSpec = compile(spec).spec;
    view = new vega.View(vega.parse(vgSpec), { renderer: 'none' });
    return await view.toSVG();
  } catch (e) {
    throw new ChartError('render-failed', 'toSVG', errorText.renderFailed((e as Error).message));
  } finally {
    view?.finalize();
  }
}

/**
 * Options of {@link toPNG}.
 *
 * @example
 * const spec = shareChart(rows, { question: 'us-impression', surveys, questions });
 * const png = await toPNG(spec, { scale: 3 });
 * String.fromCharCode(...png.subarray(1, 4)); // => 'PNG'
 */
export interface ToPNGOptions {
  /** Pixels per SVG unit: 2 (default) for a sharp image on high-density screens and in READMEs. */
  scale?: number;
}

/**
 * Renders a Vega-Lite spec to a PNG image: {@link toSVG}, then
 * @resvg/resvg-js with the bundled Inter font files (`fontFiles`) and no
 * system fonts, so that text renders the same on any machine — a server with
 * no fonts installed included. Characters Inter lacks (e.g. Japanese) are not
 * drawn.
 *
 * @param spec - a Vega-Lite spec, e.g. from `shareChart` (the main entry)
 * @param options - `scale` (default 2)
 * @returns the PNG file's bytes
 * @throws {ChartError} `render-failed`; `invalid-option` for a scale that is not a number in (0, 10]
 * @example
 * // not run: writes a file
 * import { writeFileSync } from 'node:fs';
 * const spec = shareChart(rows, { question: 'us-impression', surveys, questions });
 * const png = await toPNG(spec, { scale: 2 });
 * writeFileSync('us-impression.png', png);
 */
export async function toPNG(spec: TopLevelSpec, options: ToPNGOptions = {}): Promise<Uint8Array> {
  const scale = options.scale ?? 2;
  if (typeof scale !== 'number' || !(scale > 0 && scale <= 10)) {
    throw new ChartError(
      'invalid-option',
      'toPNG',
      errorText.option('scale', 'a number in (0, 10]', scale),
    );
  }
  const svg = await toSVG(spec);
  try {
    const resvg = new Resvg(svg, {
      fitTo: { mode: 'zoom', value: scale },
      font: { fontFiles: fontFiles(), loadSystemFonts: false, defaultFontFamily: 'Inter' },
      background: 'white',
    });
    return new Uint8Array(resvg.render().asPng());
  } catch (e) {
    throw new ChartError('render-failed', 'toPNG', errorText.renderFailed((e as Error).message));
  }
}
