// The built render entry loads in both module systems: `require('@toplines/charts/render')`
// (which failed with ERR_REQUIRE_ASYNC_MODULE while dist/render.cjs required vega, whose
// vega-canvas has a top-level await) and `import`, each in a fresh Node that renders a spec
// built by the main entry to SVG and PNG with the package's font files. Run after a build
// (`npm test` builds first).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PACKAGE } from './helpers';

const run = promisify(execFile);

/** The script's body: a share chart of two made-up rows, rendered; prints what came out. */
const BODY = `
const rows = [
  { survey_id: 's', question_id: 'q', option: 'yes', percent: 40, estimate: 0.4, lower: 0.37, upper: 0.43 },
  { survey_id: 's', question_id: 'q', option: 'no', percent: 55, estimate: 0.55, lower: 0.52, upper: 0.58 },
];
const spec = shareChart(rows, { title: 'Made-up rows' });
toSVG(spec)
  .then(async (svg) => {
    const png = await toPNG(spec);
    console.log(JSON.stringify({ svg, png: png.length, fonts: fontFiles() }));
  })
  .catch((e) => { console.error(e); process.exit(1); });
`;

async function node(args: string[]): Promise<{ svg: string; png: number; fonts: string[] }> {
  // From the package folder, so that '@toplines/charts' resolves to this package's exports.
  const { stdout } = await run(process.execPath, args, { cwd: PACKAGE });
  return JSON.parse(stdout);
}

function check(out: { svg: string; png: number; fonts: string[] }): void {
  expect(out.svg.startsWith('<svg')).toBe(true);
  expect(out.svg).toContain('Made-up rows');
  expect(out.svg).toContain('font-family="Inter"');
  expect(out.png).toBeGreaterThan(1000);
  expect(out.fonts).toEqual([
    join(PACKAGE, 'fonts', 'Inter_400Regular.ttf'),
    join(PACKAGE, 'fonts', 'Inter_700Bold.ttf'),
  ]);
}

describe.skipIf(!existsSync(join(PACKAGE, 'dist', 'render.cjs')))('built render entry', () => {
  it("require('@toplines/charts/render') renders an SVG and a PNG", async () => {
    const script = `
const { shareChart } = require('@toplines/charts');
const { toSVG, toPNG, fontFiles } = require('@toplines/charts/render');
${BODY}`;
    check(await node(['-e', script]));
  });

  it("import from '@toplines/charts/render' renders an SVG and a PNG", async () => {
    const script = `
import { shareChart } from '@toplines/charts';
import { toSVG, toPNG, fontFiles } from '@toplines/charts/render';
${BODY}`;
    check(await node(['--input-type=module', '-e', script]));
  });
});
