// Writes docs/report.png: the top of the HTML report of the bundled data, as
// Debian's Chromium draws it. Run after a build, from the repository root:
//   node packages/cli/bin/toplines.js reanalyze --out /tmp/report
//   node packages/cli/scripts/screenshot-report.mjs /tmp/report
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const folder = process.argv[2] ?? '/tmp/report';
const out = fileURLToPath(new URL('../docs/report.png', import.meta.url));
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
await page.goto(pathToFileURL(`${folder}/index.html`).href);
await page.screenshot({ path: out });
await browser.close();
console.log(`wrote ${out}`);
