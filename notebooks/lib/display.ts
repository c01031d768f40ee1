// Display helpers shared by the notebooks (Deno kernel).
//
// A chart is shown as one MIME bundle with three representations:
//   application/vnd.vegalite.v5+json  the spec: JupyterLab and VS Code draw it
//   image/png                         rendered by @toplines/charts/render: Git hosts show it
//   text/plain                        the alt text, for screen readers and terminals
// That bundle is built and sent by `display` of the published entry
// @toplines/charts/jupyter; `chart` here adds the pause after it (see `send`).
// Tables are shown as Markdown + HTML + plain text.
import { display } from '@toplines/charts/jupyter';

/** A Vega-Lite spec: a plain JSON object (the builders of @toplines/charts return one). */
// biome-ignore lint/suspicious/noExplicitAny: a spec is plain JSON
type Spec = Record<string, any>;

/** Something with rows: an arquero table or an array of objects. */
type Rows = { objects(): object[] } | readonly object[];

function jupyter() {
  const d = (globalThis as { Deno?: { jupyter?: typeof Deno.jupyter } }).Deno;
  if (d?.jupyter === undefined) {
    throw new Error('display helpers need the Deno Jupyter kernel (deno jupyter)');
  }
  return d.jupyter;
}

/**
 * Sends one MIME bundle, then waits a moment. The Deno kernel (2.x) can
 * report a cell finished ("idle") before the outputs it sent last have gone
 * out; a headless run (nbconvert) then drops them. The pause lets them out
 * first; scripts/run-notebooks.mjs checks that none went missing.
 */
async function send(bundle: Record<string, unknown>): Promise<void> {
  await jupyter().display(bundle as Deno.jupyter.MediaBundle, { raw: true });
  await pause();
}

/** The pause after each output (see `send`). */
const pause = () => new Promise((done) => setTimeout(done, 40));

/**
 * Displays a Vega-Lite spec as a chart: the spec itself (v5 MIME type), a PNG
 * rendered headlessly with the bundled font, and its alt text — `display` of
 * @toplines/charts/jupyter, then the pause of `send`.
 *
 * @param spec - a Vega-Lite spec
 * @param alt - the alt text; default the spec's `description`
 */
export async function chart(spec: Spec, alt?: string): Promise<void> {
  jupyter(); // outside the kernel, display would only return the bundle: fail as the other helpers do
  await display(spec as never, { alt, scale: 2 });
  await pause();
}

/** Options of {@link table}. */
export interface TableOptions {
  /** Columns to show, in order. Default: all. */
  columns?: string[];
  /** Columns holding proportions to print as percentages with one decimal. */
  percent?: string[];
  /** Columns holding differences of proportions to print as signed percentage points. */
  points?: string[];
  /** Decimals for given columns, e.g. `{ p_value: 4 }`. */
  fixed?: Record<string, number>;
  /** Decimals for other non-integer numbers. Default 3. */
  digits?: number;
  /** The most rows shown. Default 50. */
  limit?: number;
}

type Kind = 'percent' | 'points' | 'fixed' | 'auto';

function cell(value: unknown, kind: Kind, digits: number): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return String(value);
    if (kind === 'percent') return `${(100 * value).toFixed(1)}%`;
    if (kind === 'points') {
      const s = (100 * value).toFixed(1);
      return value > 0 && s !== '0.0' ? `+${s}` : s.replace('-', '−');
    }
    if (kind === 'fixed') return value.toFixed(digits);
    return Number.isInteger(value) ? String(value) : value.toFixed(digits);
  }
  if (Array.isArray(value)) return value.map((v) => cell(v, kind, digits)).join('–');
  return String(value);
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Displays rows as a table (Markdown, HTML and plain text).
 *
 * @param rows - an arquero table or an array of objects
 * @param options - `columns`, `percent`, `points`, `fixed`, `digits`, `limit`
 */
export async function table(rows: Rows, options: TableOptions = {}): Promise<void> {
  const all = (Array.isArray(rows) ? rows : (rows as { objects(): object[] }).objects()) as Record<
    string,
    unknown
  >[];
  const limit = options.limit ?? 50;
  const shown = all.slice(0, limit);
  const columns = options.columns ?? Object.keys(all[0] ?? {});
  const percent = new Set(options.percent ?? []);
  const points = new Set(options.points ?? []);
  const fixed = options.fixed ?? {};
  const digits = options.digits ?? 3;
  const kind = (c: string): Kind =>
    percent.has(c) ? 'percent' : points.has(c) ? 'points' : c in fixed ? 'fixed' : 'auto';
  const body = shown.map((r) =>
    columns.map((c) => cell(r[c], kind(c), fixed[c] ?? digits)),
  );
  const more = all.length > shown.length ? `\n\n… ${all.length - shown.length} more rows` : '';

  const mdCell = (s: string) => s.replace(/\|/g, '\\|');
  const markdown = [
    `| ${columns.join(' | ')} |`,
    `| ${columns.map(() => '---').join(' | ')} |`,
    ...body.map((r) => `| ${r.map(mdCell).join(' | ')} |`),
  ].join('\n');
  const html = `<table><thead><tr>${columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr></thead><tbody>${body
    .map((r) => `<tr>${r.map((v) => `<td>${escapeHtml(v)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
  const widths = columns.map((c, i) => Math.max(c.length, ...body.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) =>
    r
      .map((v, i) => v.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const plain = [line(columns), ...body.map(line)].join('\n');

  await send({
    'text/markdown': markdown + more,
    'text/html': html + (more ? `<p>${more.trim()}</p>` : ''),
    'text/plain': plain + more,
  });
}

/**
 * Displays a value as plain text: a string as it is, anything else as Deno
 * prints it. Use it instead of ending a cell with an expression: the Deno
 * kernel sometimes reports a cell finished before its result, and headless
 * runs (nbconvert) then drop the result (see `send`).
 *
 * @param value - what to show
 */
export async function show(value: unknown): Promise<void> {
  const text =
    typeof value === 'string' ? value : Deno.inspect(value, { colors: false, depth: 6 });
  await send({ 'text/plain': text });
}

/** Displays Markdown (e.g. a sentence with computed figures). */
export async function markdown(text: string): Promise<void> {
  await send({ 'text/markdown': text, 'text/plain': text });
}

/** A percentage with one decimal: pct(0.4052) → "40.5%". */
export const pct = (p: number, decimals = 1) => `${(100 * p).toFixed(decimals)}%`;

/** Percentage points with one decimal: pts(0.0531) → "5.3". */
export const pts = (d: number, decimals = 1) => (100 * d).toFixed(decimals);
