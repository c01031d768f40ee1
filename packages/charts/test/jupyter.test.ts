// display() of @toplines/charts/jupyter: the bundle it builds, that it sends
// the bundle once with `raw: true` inside a Deno Jupyter kernel, and that it
// neither sends nor throws outside one — in Node, and in a plain `deno run`,
// where reading Deno.jupyter throws (the consumer test found that in Deno).
import { afterEach, describe, expect, it } from 'vitest';
import { shareChart } from '../src/index';
import { display } from '../src/jupyter';

const rows = [
  {
    survey_id: 's',
    question_id: 'q',
    option: 'yes',
    percent: 40,
    estimate: 0.4,
    lower: 0.37,
    upper: 0.43,
  },
  {
    survey_id: 's',
    question_id: 'q',
    option: 'no',
    percent: 55,
    estimate: 0.55,
    lower: 0.52,
    upper: 0.58,
  },
];
const spec = shareChart(rows, { title: 'Made-up rows' });
const PNG_BASE64 = 'iVBORw0KGgo'; // the PNG signature, base64-encoded

const globals = globalThis as { Deno?: unknown };
afterEach(() => {
  delete globals.Deno;
});

describe('display', () => {
  it('builds the spec + PNG + alt-text bundle and sends nothing in Node', async () => {
    const bundle = await display(spec, { alt: 'Two shares', scale: 1 });
    expect(bundle['application/vnd.vegalite.v5+json']).toBe(spec);
    expect(bundle['image/png'].startsWith(PNG_BASE64)).toBe(true);
    expect(bundle['text/plain']).toBe('Two shares');
  });

  it("takes the alt text from the spec's description by default", async () => {
    const described = { ...spec, description: 'A described chart' };
    expect((await display(described, { scale: 1 }))['text/plain']).toBe('A described chart');
  });

  it('sends the bundle once, raw, inside a Deno Jupyter kernel', async () => {
    const sent: unknown[][] = [];
    globals.Deno = { jupyter: { display: async (...args: unknown[]) => void sent.push(args) } };
    const bundle = await display(spec, { scale: 1 });
    expect(sent).toEqual([[bundle, { raw: true }]]);
  });

  it('neither sends nor throws under a plain `deno run`, whose Deno.jupyter getter throws', async () => {
    globals.Deno = {
      get jupyter() {
        throw new Error('Deno.jupyter is only available in `deno jupyter` subcommand');
      },
    };
    const bundle = await display(spec, { scale: 1 });
    expect(bundle['image/png'].startsWith(PNG_BASE64)).toBe(true);
  });
});
