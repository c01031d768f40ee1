// The reanalysis and the terminal report, in-process.
import { leadTest } from '@toplines/core';
import { load, type OptionResult, reanalyze } from '@toplines/data';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../src/errors';
import { displayWidth, makeStyle } from '../src/format/text';
import type { Io } from '../src/io';
import { main } from '../src/main';
import { leadsCsv, resultsCsv } from '../src/reanalyze/csv';
import { toJson } from '../src/reanalyze/json';
import { countText, intervalText, renderReport, shareText } from '../src/reanalyze/terminal';
import { uniqueIds } from '../src/reanalyze/write-report';

const doc = reanalyze(load(), { input: { kind: 'bundled', path: null, title: 'bundled' } });

describe('reanalyze, as the CLI uses it', () => {
  it('keeps the surveys table order and every figure', () => {
    expect(doc.surveys.map((s) => s.surveyId)[0]).toBe('api-2025-jp');
    expect(doc.summary.figures).toBe(load().results.numRows());
  });

  it('leads: the larger share first, tested with leadTest', () => {
    const q = doc.surveys[0]?.questions.find((x) => x.questionId === 'us-impression');
    const lead = q?.leads[0];
    const reference = leadTest(0.405, 0.345, 1037);
    expect(lead?.lower).toBe(reference.lower);
    expect(lead?.pValue).toBe(reference.pValue);
    expect(lead?.verdict).toBe('beyond-margin');
  });

  it('a check-all question gets paired differences over the overlap', () => {
    const q = doc.surveys[0]?.questions.find((x) => x.questionId === 'economic-partners');
    expect(q?.responseType).toBe('multiple');
    expect(q?.leads.every((l) => l.kind === 'paired' && l.overlapRange !== null)).toBe(true);
  });

  it('unknown n: scenarios at the assumed sizes and the smallest n that would do', () => {
    const jx = doc.surveys.find((s) => s.surveyId === 'jxpress-2025-07');
    const q = jx?.questions.find((x) => x.questionId === 'peace-security-approach');
    const lead = q?.leads[0];
    expect(lead?.verdict).toBe('n-unknown');
    expect(lead?.scenarios.map((x) => x.n)).toEqual([500, 1000, 2000]);
    const m = lead?.minimumN as number;
    const sig = (n: number) => {
      const t = leadTest(0.417, 0.337, n);
      return t.lower > 0;
    };
    expect(sig(m)).toBe(true);
    expect(sig(m - 1)).toBe(false);
  });

  it("a follow-up's base is inferred from the question that selected it: 40.5% of 1,037", () => {
    const q = doc.surveys[0]?.questions.find((x) => x.questionId === 'us-favorable-reasons');
    // 420/1037 = 40.501%: the only count that prints as 40.5
    expect(q?.inferredBase).toMatchObject({ n: 420, min: 420, max: 420, of: 1037 });
    expect(q?.assumedN).toEqual([]);
  });
});

describe('formatting of a figure', () => {
  const base: OptionResult = {
    option: 'yes',
    percent: 40.5,
    percentText: '40.5',
    qualifier: 'exact',
    isNet: false,
    row: 1,
    n: 1037,
    estimate: 0.405,
    lower: 0.37552,
    upper: 0.43517,
    moe: 0.0299,
    countMin: 420,
    countMax: 420,
    consistent: true,
    countCheck: 'checked',
    bound: null,
    interval: 'confidence',
    model: null,
    notes: [],
    scenarios: [],
    sentence: null,
  };
  it('shareText shows the qualifier', () => {
    expect(shareText(base)).toBe('40.5%');
    expect(shareText({ ...base, qualifier: 'approx', percentText: '45' })).toBe('≈45%');
    expect(shareText({ ...base, qualifier: 'more-than', percentText: '80' })).toBe('>80%');
  });
  it('intervalText and countText', () => {
    expect(intervalText(base, false)).toBe('37.6–43.5');
    expect(countText(base)).toBe('420');
    expect(countText({ ...base, countMin: 524, countMax: 534 })).toBe('524–534');
    expect(countText({ ...base, consistent: false })).toBe('none');
    const unknown = {
      ...base,
      n: null,
      lower: null,
      upper: null,
      scenarios: [{ n: 500, lower: 0, upper: 1, moe: 0.043, significant: null }],
    };
    expect(intervalText(unknown, true)).toBe('±4.3');
    expect(intervalText(unknown, false)).toBe('n unknown');
  });
});

describe('renderReport', () => {
  it('fits 100 columns, or an 80-column terminal', () => {
    for (const width of [100, 80]) {
      const text = renderReport(doc, { style: makeStyle(false), width });
      for (const line of text.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(width);
    }
  });

  it('colours only when asked', () => {
    expect(renderReport(doc, { style: makeStyle(false) })).not.toContain('\u001b[');
    expect(renderReport(doc, { style: makeStyle(true) })).toContain('\u001b[');
  });

  it('says the sample-type caveat once per survey, not in every sentence', () => {
    const text = renderReport(doc, { style: makeStyle(false) });
    const caveat = /The source does not say how (the|this online) sample was drawn/g;
    expect(text.match(caveat)?.length).toBe(doc.surveys.length);
  });
});

describe('outputs', () => {
  it('JSON: schemaVersion first, no NaN', () => {
    const json = toJson(doc);
    expect(Object.keys(json)[0]).toBe('schemaVersion');
    expect(JSON.stringify(json)).not.toMatch(/NaN|Infinity/);
  });

  it('CSV: one row per figure and per difference', () => {
    expect(resultsCsv(doc).trim().split('\n')).toHaveLength(doc.summary.figures + 1);
    expect(leadsCsv(doc).trim().split('\n')).toHaveLength(doc.summary.leads + 1);
  });

  it('uniqueIds prefixes ids and their references', () => {
    expect(
      uniqueIds('<clipPath id="clip1"/><g clip-path="url(#clip1)"/><use href="#clip1"/>', 'c0-'),
    ).toBe('<clipPath id="c0-clip1"/><g clip-path="url(#c0-clip1)"/><use href="#c0-clip1"/>');
  });
});

describe('main', () => {
  const io = (out: (t: string) => void): Io & { errText: string[] } => {
    const errText: string[] = [];
    return {
      out,
      err: (t) => errText.push(t),
      env: {},
      stdoutIsTTY: false,
      stderrIsTTY: false,
      cwd: process.cwd(),
      errText,
    };
  };

  it('an unexpected error is one line plus "please report", exit 70', async () => {
    const x = io(() => {
      throw new Error('disk on fire');
    });
    expect(await main(['moe', '--n', '100'], x)).toBe(EXIT.internal);
    const text = x.errText.join('');
    expect(text).toContain('internal error: disk on fire');
    expect(text).toContain('please report it');
    expect(text).not.toMatch(/^\s+at /m);
  });

  it('runs in-process', async () => {
    const out: string[] = [];
    expect(
      await main(
        ['moe', '0.5', '--n', '1037'],
        io((t) => out.push(t)),
      ),
    ).toBe(0);
    expect(out.join('')).toContain('±3.0 points');
  });
});
