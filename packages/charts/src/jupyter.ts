// @toplines/charts/jupyter: shows a chart in a Jupyter notebook run by the
// Deno kernel (`deno jupyter`). It renders the PNG with the render entry
// (toPNG), so it is Node/Deno only like that entry; the main entry stays free
// of it.
//
// One MIME bundle, three representations of the chart:
//   application/vnd.vegalite.v5+json  the spec: JupyterLab and VS Code draw it
//   image/png                         rendered by toPNG: Git hosts and nbconvert show it
//   text/plain                        the alt text, for screen readers and terminals
import { Buffer } from 'node:buffer';
import type { TopLevelSpec } from 'vega-lite';
import { toPNG } from './render';

/** Options of {@link display}. */
export interface DisplayOptions {
  /** The `text/plain` representation (alt text). Default: the spec's `description`, else `"A chart"`. */
  alt?: string;
  /** The PNG's scale factor, passed to `toPNG`. Default 2. */
  scale?: number;
}

/** The MIME bundle {@link display} sends: the spec, the PNG (base64) and the alt text. */
export interface ChartBundle {
  /** The Vega-Lite spec itself. */
  'application/vnd.vegalite.v5+json': TopLevelSpec;
  /** The PNG drawn by `toPNG`, base64-encoded. */
  'image/png': string;
  /** The alt text. */
  'text/plain': string;
}

/** The part of Deno's `Deno.jupyter` namespace that display uses. */
interface DenoJupyter {
  display(bundle: Record<string, unknown>, options?: { raw?: boolean }): Promise<void>;
}

/** `Deno.jupyter` when running in the Deno Jupyter kernel, else undefined. */
function denoJupyter(): DenoJupyter | undefined {
  const deno = (globalThis as { Deno?: { jupyter?: DenoJupyter } }).Deno;
  try {
    return typeof deno?.jupyter?.display === 'function' ? deno.jupyter : undefined;
  } catch {
    // A plain `deno run` defines Deno.jupyter as a getter that throws
    // ("only available in `deno jupyter` subcommand"): not in a kernel.
    return undefined;
  }
}

/**
 * Displays a Vega-Lite spec (e.g. from `shareChart`) in a notebook of the Deno
 * Jupyter kernel, as one MIME bundle: the spec as
 * `application/vnd.vegalite.v5+json` (JupyterLab and VS Code draw it
 * interactively), a PNG rendered headlessly by `toPNG` of
 * `@toplines/charts/render` with the bundled Inter font as `image/png` (what
 * GitHub, nbconvert and other static viewers show), and the alt text as
 * `text/plain`. It is sent with `Deno.jupyter.display` (`raw: true`).
 *
 * Outside a Deno Jupyter kernel (Node, a plain `deno run`) nothing is sent
 * and nothing is thrown: the bundle is built and returned all the same, so
 * that it can be written to a notebook or a file some other way. Inside the
 * kernel it is returned too, after it has been sent.
 *
 * @param spec - a Vega-Lite spec (v5 or v6 compatible), e.g. from a builder of the main entry
 * @param options - `alt` (default the spec's `description`), `scale` of the PNG (default 2)
 * @returns the bundle, sent when in a Deno Jupyter kernel
 * @throws {ChartError} what `toPNG` throws: `render-failed`; `invalid-option` for a bad `scale`
 * @example
 * // not run: needs a Deno Jupyter kernel
 * import { shareChart } from '@toplines/charts';
 * import { display } from '@toplines/charts/jupyter';
 * await display(shareChart(rows, { question: 'us-impression', surveys, questions }));
 */
export async function display(
  spec: TopLevelSpec,
  options: DisplayOptions = {},
): Promise<ChartBundle> {
  const png = await toPNG(spec, { scale: options.scale ?? 2 });
  const description = (spec as { description?: unknown }).description;
  const bundle: ChartBundle = {
    'application/vnd.vegalite.v5+json': spec,
    'image/png': Buffer.from(png).toString('base64'),
    'text/plain': options.alt ?? (typeof description === 'string' ? description : 'A chart'),
  };
  const jupyter = denoJupyter();
  if (jupyter !== undefined) {
    await jupyter.display(bundle as unknown as Record<string, unknown>, { raw: true });
  }
  return bundle;
}
