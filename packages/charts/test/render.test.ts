// Every chart renders: to SVG holding its title and axis labels as text
// (compared with a committed snapshot, rewritten by UPDATE_GOLDEN=1), and to
// a PNG with the right signature and size.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vega from 'vega';
import { describe, expect, it } from 'vitest';
import { ChartError } from '../src/index';
import { fontFiles, toPNG, toSVG } from '../src/render';
import { CASES } from './cases';
import { HERE, PACKAGE, UPDATE } from './helpers';

const SNAPSHOTS = join(HERE, 'snapshots');
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The text content of the SVG's <text> elements, lines joined by spaces. */
function svgText(svg: string): string {
  return [...svg.matchAll(/<text[^>]*>([\s\S]*?)<\/text>/g)]
    .map((m) => (m[1] ?? '').replace(/<tspan[^>]*>/g, ' ').replace(/<\/tspan>/g, ''))
    .join(' ')
    .replace(/\s+/g, ' ');
}

describe.each(CASES)('$name', ({ name, spec, text }) => {
  it('renders to SVG with its title and axis labels as text', async () => {
    const built = spec();
    const svg = await toSVG(built);
    expect(svg.startsWith('<svg')).toBe(true);
    const content = svgText(svg).replace(/\u00a0/g, ' ');
    const title = (built.title as { text: string[] }).text.join(' ');
    expect(content).toContain(escapeXml(title));
    for (const t of text) expect(content).toContain(t.includes('&') ? t : escapeXml(t));
    const file = join(SNAPSHOTS, `${name}.svg`);
    if (UPDATE || !existsSync(file)) {
      mkdirSync(SNAPSHOTS, { recursive: true });
      writeFileSync(file, svg);
    }
    // Coordinates are compared to 1e-6 of a pixel: a change in the last bits of a bound
    // (from @toplines/core) is not a change in the picture.
    expect(roundCoordinates(svg)).toBe(roundCoordinates(readFileSync(file, 'utf8')));
  });

  it('renders to a PNG of the SVG size times the scale', async () => {
    const built = spec();
    const svg = await toSVG(built);
    const [, w, h] = /width="(\d+(?:\.\d+)?)" height="(\d+(?:\.\d+)?)"/.exec(svg) ?? [];
    const png = await toPNG(built, { scale: 2 });
    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
    expect(view.getUint32(16)).toBe(Math.round(Number(w) * 2));
    expect(view.getUint32(20)).toBe(Math.round(Number(h) * 2));
    expect(png.byteLength).toBeGreaterThan(5000);
  });
});

describe('render entry', () => {
  it('bundles the two Inter font files, in fonts/ with their licence', () => {
    const files = fontFiles();
    expect(files).toEqual([
      join(PACKAGE, 'fonts', 'Inter_400Regular.ttf'),
      join(PACKAGE, 'fonts', 'Inter_700Bold.ttf'),
    ]);
    for (const f of files) expect(existsSync(f)).toBe(true);
    expect(readFileSync(join(PACKAGE, 'fonts', 'OFL.txt'), 'utf8')).toContain(
      'SIL OPEN FONT LICENSE Version 1.1',
    );
  });

  it("leaves vega's text measurer as it found it, after a render, a failed one and renders at once", async () => {
    const metrics = (vega as unknown as { textMetrics: { width: unknown } }).textMetrics;
    const found = metrics.width;
    const spec = CASES[0]!.spec();
    const alone = await toSVG(spec);
    expect(metrics.width).toBe(found);
    await expect(toSVG({ layer: 7 } as unknown as Parameters<typeof toSVG>[0])).rejects.toThrow();
    expect(metrics.width).toBe(found);
    // Renders at once share Inter's widths until the last one ends, and lay out as one alone.
    const together = await Promise.all([toSVG(spec), toSVG(CASES[1]!.spec()), toSVG(spec)]);
    expect(metrics.width).toBe(found);
    expect(together[0]).toBe(alone);
    expect(together[2]).toBe(alone);
  });

  it('names the Inter font in the SVG text', async () => {
    const svg = await toSVG(CASES[0]!.spec());
    expect(svg).toContain('font-family="Inter"');
  });

  it('throws a ChartError for a spec Vega cannot compile', async () => {
    const broken = {
      mark: 'point',
      encoding: { x: { field: 'a', type: 'nope' } },
      data: { values: [{ a: 1 }] },
      layer: 7,
    } as unknown as Parameters<typeof toSVG>[0];
    await expect(toSVG(broken)).rejects.toBeInstanceOf(ChartError);
  });

  it('refuses a scale out of range', async () => {
    await expect(toPNG(CASES[0]!.spec(), { scale: 0 })).rejects.toMatchObject({
      code: 'invalid-option',
    });
  });
});

/** The SVG with every decimal number rounded to 6 places. */
function roundCoordinates(svg: string): string {
  return svg.replace(/-?\d+\.\d+/g, (m) => String(Number(Number(m).toFixed(6))));
}
