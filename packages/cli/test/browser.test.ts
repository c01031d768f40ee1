// The HTML report in a real browser: Debian's chromium, driven by
// playwright-core, opens index.html from file:// with no network and checks
// that every chart is visible, the tables are there, and the console is clean.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toplines } from './helpers';

const CHROMIUM = process.env['TOPLINES_CHROMIUM'] ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(
    `[browser test skipped] no chromium at ${CHROMIUM}: install it (apt-get install -y chromium) to test the HTML report in a browser`,
  );
}

// Queries of a page of about a hundred charts: seconds on a loaded CI machine.
describe.skipIf(!hasChromium)('the HTML report in chromium', { timeout: 60_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'toplines-html-'));
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    const run = toplines(['reanalyze', '--out', dir]);
    expect(run.code, run.stderr).toBe(0);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
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
    page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(join(dir, 'index.html')).href, { waitUntil: 'load' });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows every chart', async () => {
    const specs = readdirSync(join(dir, 'charts')).filter((f) => f.endsWith('.vl.json'));
    const charts = page.locator('figure.chart svg');
    expect(await charts.count()).toBe(specs.length);
    expect(specs.length).toBeGreaterThan(50);
    for (let i = 0; i < specs.length; i++) {
      const chart = charts.nth(i);
      await chart.scrollIntoViewIfNeeded();
      expect(await chart.isVisible()).toBe(true);
      const box = await chart.boundingBox();
      expect(box?.width).toBeGreaterThan(100);
      expect(box?.height).toBeGreaterThan(40);
      expect(await chart.locator('text').count()).toBeGreaterThan(3);
    }
  }, 120_000);

  it('has the tables: one of shares per question, leads where there are two options', async () => {
    const questions = await page.locator('article.question').count();
    expect(questions).toBe(61);
    expect(await page.locator('table.options').count()).toBe(questions);
    expect(await page.locator('table.leads').count()).toBeGreaterThan(20);
    const first = page.locator('#q-api-2025-jp--us-impression--api-interim-2025');
    await expect(first.locator('table.options tbody tr').count()).resolves.toBe(2);
    expect(await first.locator('table.options').innerText()).toContain('37.6–43.5');
    expect(await first.locator('table.leads').innerText()).toContain('larger than its margin');
    await first.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(tmpdir(), 'toplines-report.png') });
  });

  it('logs no console errors and makes no network request', () => {
    expect(consoleErrors).toEqual([]);
    expect(requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:'))).toEqual([]);
  });
});
