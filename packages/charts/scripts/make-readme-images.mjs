// Writes the README's images, docs/*.png, from the bundled data, with the
// built package (run `npm run build -w @toplines/charts` first):
//
//   node packages/charts/scripts/make-readme-images.mjs
//
// Plain .mjs importing dist/: Node 20 cannot run TypeScript, and tsx is not
// a dependency. Each chart is the code shown in README.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { leads, load, withIntervals } from '@toplines/data';
import {
  comparisonChart,
  divergingChart,
  leadChart,
  marginCurve,
  shareChart,
  smallMultiples,
} from '../dist/index.js';
import { toPNG } from '../dist/render.js';

const DOCS = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs');
mkdirSync(DOCS, { recursive: true });

const { results, surveys, questions } = load();
const rows = withIntervals(results, { surveys, questions });
// The tables that name the surveys and questions (the charts bundle no survey).
const meta = { surveys, questions };

const charts = {
  'share-chart': shareChart(rows, { question: 'us-impression', ...meta }),
  'share-chart-multiple': shareChart(rows, {
    question: 'economic-partners',
    sort: 'share',
    mark: 'bar',
    ...meta,
  }),
  'lead-chart': leadChart(leads(results, { surveys, questions }), {
    question: 'korea-relations-outlook',
    ...meta,
  }),
  'comparison-chart': comparisonChart(rows, {
    title: 'Are Japan–U.S. relations good? Four polls, four wordings',
    items: [
      { survey: 'utokyo-2024-08', question: 'us-relations-assessment' },
      { survey: 'cabinet-secretariat-2024-10', question: 'relations-assessment' },
      { survey: 'utokyo-2025-08', question: 'us-relations-assessment' },
      { survey: 'api-2025-jp', question: 'us-relations-current', option: 'good' },
    ],
    ...meta,
  }),
  'margin-curve': marginCurve(surveys),
  'diverging-chart': divergingChart(rows, {
    question: [
      'trilateral-security-cooperation',
      'us-china-restrictions',
      'foreign-tourists-increase',
      'foreign-residents-increase',
    ],
    title: 'In favour or opposed? Four proposals',
    ...meta,
  }),
  'diverging-chart-scale': divergingChart(rows, { question: 'japan-nuclear-weapons', ...meta }),
  'small-multiples': smallMultiples(rows, {
    chart: 'share',
    by: 'question',
    values: [
      'trilateral-security-cooperation',
      'us-china-restrictions',
      'foreign-tourists-increase',
      'foreign-residents-increase',
    ],
    title: 'Four proposals, one scale: in favour or opposed?',
    ...meta,
  }),
};

for (const [name, spec] of Object.entries(charts)) {
  const file = join(DOCS, `${name}.png`);
  writeFileSync(file, await toPNG(spec, { scale: 2 }));
  console.log(`wrote ${file}`);
}
