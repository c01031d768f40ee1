// @toplines/charts/render: the Node-only entry that turns a spec into SVG and
// PNG. It alone loads vega, vega-lite's compiler, @resvg/resvg-js and the
// Inter font files of fonts/; the main entry stays free of them.
//
// vega and vega-lite are ESM only, and vega-canvas has a top-level `await`:
// Node cannot `require()` them (ERR_REQUIRE_ASYNC_MODULE). They are loaded
// with a dynamic `import()` inside toSVG (async anyway), which the CJS build
// keeps as it is, so that `require('@toplines/charts/render')` works too.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';
import type { TopLevelSpec } from 'vega-lite';
import { ChartError } from './errors';
import { type FontMetrics, fontMetrics } from './font/ttf-metrics';
import { errorText } from './messages';

/**
 * The paths of the font files (Inter Regular and Bold 4.001, SIL Open Font
 * License, in the package's fonts/ folder with OFL.txt) that {@link toSVG}
 * measures text with and {@link toPNG} draws it with.
 *
 * @returns absolute paths of the two TTF files
 * @example
 * fontFiles().map((f) => f.split('/').pop()); // => ['Inter_400Regular.ttf', 'Inter_700Bold.ttf']
 */
export function fontFiles(): string[] {
  // src/render.ts and dist/render.{js,cjs} are both one folder below fonts/.
  return ['Inter_400Regular.ttf', 'Inter_700Bold.ttf'].map((file) =>
    fileURLToPath(new URL(`../fonts/${file}`, import.meta.url)),
  );
}

/** The part of a Vega text item that its width depends on. */
interface TextItem {
  fontSize?: number;
  fontWeight?: string | number;
}

/** vega-scenegraph's text measurer, which vega re-exports (its types omit it). */
interface TextMetrics {
  width: (item: TextItem, text: unknown) => number;
}

/** The two modules toSVG loads on first use. */
interface Renderer {
  vega: typeof import('vega');
  compile: typeof import('vega-lite').compile;
}

let renderer: Promise<Renderer> | undefined;

/** Loads vega and vega-lite once, with `import()` (see the top of this file). */
function loadRenderer(): Promise<Renderer> {
  renderer ??= Promise.all([import('vega'), import('vega-lite')]).then(
    ([vega, vl]) => ({ vega, compile: vl.compile }),
    (e: unknown) => {
      renderer = undefined; // try again next time
      throw e;
    },
  );
  return renderer;
}

let interWidth: TextMetrics['width'] | undefined;

/**
 * Inter's real advance widths (instead of headless Vega's rough estimate of
 * 0.8 em per character), so that the layout of the SVG matches the text resvg
 * draws.
 */
function interTextWidth(): TextMetrics['width'] {
  if (interWidth !== undefined) return interWidth;
  const [regular, bold] = fontFiles().map((f) => fontMetrics(readFileSync(f))) as [
    FontMetrics,
    FontMetrics,
  ];
  interWidth = (item: TextItem, text: unknown) => {
    const size = item.fontSize != null ? +item.fontSize || 0 : 11;
    const line = text == null ? '' : String(text).trim();
    const weight = item.fontWeight;
    const isBold =
      weight === 'bold' || (typeof weight === 'number' && weight >= 600) || weight === '700';
    return (isBold ? bold : regular).width(line, size);
  };
  return interWidth;
}

// vega measures text through one global of vega-scenegraph. toSVG sets it to
// Inter's widths while it renders and puts back what it found when the last
// render running at once ends, so that other users of vega in the process get
// vega's own measurer between renders.
let rendering = 0;
let foundWidth: TextMetrics['width'] | undefined;

function useInterMetrics(metrics: TextMetrics): void {
  if (rendering === 0) {
    foundWidth = metrics.width;
    metrics.width = interTextWidth();
  }
  rendering++;
}

function restoreMetrics(metrics: TextMetrics): void {
  rendering--;
  if (rendering === 0 && foundWidth !== undefined) {
    metrics.width = foundWidth;
    foundWidth = undefined;
  }
}

/**
 * Renders a Vega-Lite spec to an SVG string, headless: vega-lite compiles it
 * to Vega, a Vega View with the `'none'` renderer runs it, and `toSVG` writes
 * the scene. Text is laid out with Inter's widths (the font the builders
 * name and {@link toPNG} draws with); vega's text measurer is set for the
 * render and restored after it. Data must be inline (`values`): the
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
  const { vega, compile } = await loadRenderer();
  const metrics = (vega as unknown as { textMetrics: TextMetrics }).textMetrics;
  let view: InstanceType<typeof vega.View> | undefined;
  useInterMetrics(metrics);
  try {
    const vgSpec = compile(spec).spec;
    view = new vega.View(vega.parse(vgSpec), { renderer: 'none' });
    return await view.toSVG();
  } catch (e) {
    throw new ChartError('render-failed', 'toSVG', errorText.renderFailed((e as Error).message));
  } finally {
    view?.finalize();
    restoreMetrics(metrics);
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
