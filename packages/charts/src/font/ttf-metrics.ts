// Advance widths of a TrueType/OpenType font, read from its cmap, hmtx, hhea
// and head tables, so that headless Vega lays text out with the widths of the
// font resvg will draw it in. Written by hand: the few hundred bytes of table
// reading this needs do not justify a font library. Kerning is ignored (a
// fraction of a pixel per pair at chart sizes).

/** Measures text set in one font. Internal. */
export interface FontMetrics {
  /** Width in pixels of `text` at `fontSize` pixels. */
  width(text: string, fontSize: number): number;
}

interface Tables {
  [tag: string]: { offset: number; length: number };
}

/** Reads the advance widths of a TTF/OTF file's bytes. Internal. */
export function fontMetrics(bytes: Uint8Array): FontMetrics {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const numTables = view.getUint16(4);
  const tables: Tables = {};
  for (let i = 0; i < numTables; i++) {
    const at = 12 + 16 * i;
    const tag = String.fromCharCode(
      view.getUint8(at),
      view.getUint8(at + 1),
      view.getUint8(at + 2),
      view.getUint8(at + 3),
    );
    tables[tag] = { offset: view.getUint32(at + 8), length: view.getUint32(at + 12) };
  }
  const need = (tag: string) => {
    const t = tables[tag];
    if (t === undefined) throw new Error(`font has no ${tag} table`);
    return t.offset;
  };
  const unitsPerEm = view.getUint16(need('head') + 18);
  const numberOfHMetrics = view.getUint16(need('hhea') + 34);
  const hmtx = need('hmtx');
  const advance = (glyph: number) =>
    view.getUint16(hmtx + 4 * Math.min(glyph, numberOfHMetrics - 1));
  const glyphOf = cmapLookup(view, need('cmap'));
  const cache = new Map<number, number>();
  const charWidth = (code: number) => {
    let w = cache.get(code);
    if (w === undefined) {
      w = advance(glyphOf(code)) / unitsPerEm;
      cache.set(code, w);
    }
    return w;
  };
  return {
    width(text, fontSize) {
      let em = 0;
      for (const ch of text) em += charWidth(ch.codePointAt(0) as number);
      return em * fontSize;
    },
  };
}

/** The glyph lookup of the best Unicode subtable of a cmap (format 12, else 4). */
function cmapLookup(view: DataView, cmap: number): (code: number) => number {
  const count = view.getUint16(cmap + 2);
  let format4: number | null = null;
  let format12: number | null = null;
  for (let i = 0; i < count; i++) {
    const at = cmap + 4 + 8 * i;
    const platform = view.getUint16(at);
    const encoding = view.getUint16(at + 2);
    const sub = cmap + view.getUint32(at + 4);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (!unicode) continue;
    const format = view.getUint16(sub);
    if (format === 12 && format12 === null) format12 = sub;
    if (format === 4 && format4 === null) format4 = sub;
  }
  if (format12 !== null) {
    const sub = format12;
    const groups = view.getUint32(sub + 12);
    return (code) => {
      let lo = 0;
      let hi = groups - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const at = sub + 16 + 12 * mid;
        const start = view.getUint32(at);
        const end = view.getUint32(at + 4);
        if (code < start) hi = mid - 1;
        else if (code > end) lo = mid + 1;
        else return view.getUint32(at + 8) + (code - start);
      }
      return 0;
    };
  }
  if (format4 !== null) {
    const sub = format4;
    const segX2 = view.getUint16(sub + 6);
    const ends = sub + 14;
    const starts = ends + segX2 + 2;
    const deltas = starts + segX2;
    const rangeOffsets = deltas + segX2;
    return (code) => {
      if (code > 0xffff) return 0;
      for (let s = 0; s < segX2; s += 2) {
        if (code > view.getUint16(ends + s)) continue;
        const start = view.getUint16(starts + s);
        if (code < start) return 0;
        const delta = view.getInt16(deltas + s);
        const ro = view.getUint16(rangeOffsets + s);
        if (ro === 0) return (code + delta) & 0xffff;
        const glyph = view.getUint16(rangeOffsets + s + ro + 2 * (code - start));
        return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
      }
      return 0;
    };
  }
  return () => 0;
}
