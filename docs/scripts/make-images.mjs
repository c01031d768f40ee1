// Writes the guides' charts, docs/images/*.png, from the bundled data with
// the built packages (run `npm run build` first):
//
//   node docs/scripts/make-images.mjs            # all
//   node docs/scripts/make-images.mjs lead       # those whose name contains "lead"
//
// Every simulation is seeded, so the images change only when the code or the
// data do. Plain .mjs: Node 20 cannot run TypeScript.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { comparisonChart, divergingChart, leadChart, marginCurve } from '@toplines/charts';
import { toPNG } from '@toplines/charts/render';
import { marginOfError, minimumDetectableDifference, proportionCI } from '@toplines/core';
import { leads, load, withIntervals } from '@toplines/data';
import { coverageChart, lineChart, pairedChart } from '../../notebooks/lib/specs.js';

const IMAGES = join(dirname(fileURLToPath(import.meta.url)), '..', 'images');
mkdirSync(IMAGES, { recursive: true });

const { results, surveys, questions } = load();
const rows = withIntervals(results, { surveys, questions });
const pts = (d, decimals = 1) => (100 * d).toFixed(decimals);

// A seeded generator (mulberry32) and a simple random poll, as in notebook 03.
function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function pollShare(n, p, random) {
  let x = 0;
  for (let i = 0; i < n; i++) if (random() < p) x++;
  return x / n;
}

const TRUTH = 0.405;

const charts = {
  // What a margin of error is and is not
  'margin-curve': () => marginCurve(surveys),
  coverage: () => {
    const random = seeded(2025);
    const polls = Array.from({ length: 100 }, (_, i) => {
      const estimate = pollShare(1037, TRUTH, random);
      const ci = proportionCI(estimate, 1037);
      const hit = ci.lower <= TRUTH && TRUTH <= ci.upper;
      return {
        poll: i + 1,
        estimate,
        lower: ci.lower,
        upper: ci.upper,
        covers: hit ? 'covers the true share' : 'misses it',
      };
    });
    const covered = polls.filter((p) => p.covers === 'covers the true share').length;
    return coverageChart(polls, {
      truth: TRUTH,
      title: `${covered} of 100 simulated polls cover the true share`,
      subtitle: [
        '100 polls of 1,037 people from a population in which 40.5% are favourable (dashed line);',
        "each line is one poll's 95% Wilson interval (proportionCI). Seeded simulation.",
      ],
      description: `One hundred simulated polls of 1,037 people, each drawn as a 95% interval around its estimate; ${covered} contain the true share of 40.5% and ${100 - covered} miss it.`,
    });
  },

  // Is the lead real?
  'lead-korea-outlook': () =>
    leadChart(leads(results, { surveys, questions }), {
      question: 'korea-relations-outlook',
      survey: 'api-2025-jp',
      surveys,
      questions,
    }),
  'paired-economic-partners': () =>
    pairedChart(
      leads(
        results.filter((d) => d.question_id === 'economic-partners'),
        { surveys, questions },
      )
        .objects()
        .map((r) => ({
          pair: `${r.option_a} − ${r.option_b}`,
          difference: r.difference,
          lower: r.lower,
          upper: r.upper,
          lower_liberal: r.lower_liberal,
          upper_liberal: r.upper_liberal,
        })),
      {
        title: 'Economic partners: which differences are larger than their margin?',
        subtitle: [
          'Check-all question, API/EAI/KEI survey, Japan, 19–21 Aug 2025, n = 1,037.',
          'The overlap (who ticked both) is not published: light bars assume the smallest overlap the shares allow,',
          "dark bars the largest. Only the United States' leads exclude zero at every overlap.",
        ],
        description:
          'Paired differences between five economic partners. The United States leads China, the EU, ASEAN and India by 29 to 31 points at any overlap; the differences among the other four are 0.1 to 1.4 points, and their conservative intervals all include zero.',
      },
    ),

  // Comparing two polls
  'comparing-polls': () =>
    comparisonChart(rows, {
      title: 'Japan–U.S. relations in six polls: six questions, not one trend',
      items: [
        {
          survey: 'utokyo-2024-08',
          question: 'us-relations-assessment',
          label: 'U. of Tokyo, Aug 2024: “positive”',
        },
        {
          survey: 'cabinet-secretariat-2024-10',
          question: 'relations-assessment',
          label: 'Cabinet Secretariat, Oct–Nov 2024: “going well”',
        },
        {
          survey: 'yomiuri-2025-06',
          question: 'trust-us',
          source: 'csis-japan-response-2025',
          label: 'Yomiuri, Jun 2025: trust the U.S. (net)',
        },
        {
          survey: 'jxpress-2025-07',
          question: 'relations-change',
          label: 'JX Press, Jul 2025: “deteriorated” since January',
        },
        {
          survey: 'utokyo-2025-08',
          question: 'us-relations-assessment',
          label: 'U. of Tokyo, Aug 2025: “positive”',
        },
        {
          survey: 'api-2025-jp',
          question: 'us-relations-current',
          option: 'good',
          label: 'API/EAI/KEI, Aug 2025: “good”',
        },
      ],
      surveys,
      questions,
    }),
  'minimum-detectable-difference': () => {
    const sizes = [100, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 5000];
    const data = [0.5, 0.2].flatMap((p) =>
      sizes.map((n) => ({
        n,
        mdd: minimumDetectableDifference(n, n, { p }),
        series: `share near ${Math.round(100 * p)}%`,
      })),
    );
    const api = minimumDetectableDifference(1037, 1037);
    return lineChart(data, {
      x: 'n',
      y: 'mdd',
      series: 'series',
      xScale: 'log',
      xDomain: [100, 5000],
      xValues: [100, 200, 500, 1000, 2000, 5000],
      xTitle: 'Respondents in each of two polls (log scale)',
      yTitle: 'Smallest change detected, percentage points',
      yFormat: 'points',
      title: 'How big a change can two polls detect?',
      subtitle: [
        'Minimum detectable difference between two independent polls of equal size, 80% power,',
        'two-sided 95% test (minimumDetectableDifference).',
      ],
      rules: [
        { y: 0.27, label: 'University of Tokyo fall, 45% → 18%: 27 points' },
        { y: api, label: `two polls of 1,037: ${pts(api)} points` },
      ],
      description:
        'The minimum detectable difference falls with the square root of the sample size: about 19 points at 100 per poll, 9 at 500, 6 at 1,000 and 3 at 5,000 for shares near 50%.',
    });
  },

  // Subgroups and design effects
  'subgroup-margins': () =>
    marginCurve(
      [
        { survey_id: 'whole', title: 'the whole sample', n: 1037 },
        { survey_id: 'seventies', title: 'a subgroup of 150 (age 70s)', n: 150 },
        { survey_id: 'women-60s', title: 'a subgroup of 80 (women in their 60s)', n: 80 },
      ],
      {
        range: [50, 2000],
        title: 'Subgroups have the margin of a small poll',
        notes: [
          "A subgroup's margin is that of a poll of its size, not the whole sample's ±3.0 (simple random samples, at 50%).",
        ],
      },
    ),
  'design-effect': () => {
    const data = [1, 1.5, 2].flatMap((deff) =>
      [100, 200, 300, 500, 750, 1000, 1500, 2000, 3000].map((n) => ({
        n,
        margin: marginOfError(0.5, n, { deff }),
        series: deff === 1 ? 'simple random sample (deff 1)' : `deff ${deff}`,
      })),
    );
    return lineChart(data, {
      x: 'n',
      y: 'margin',
      series: 'series',
      xTitle: 'Respondents',
      yTitle: 'Margin of error at 50%, points',
      yFormat: 'points',
      points: true,
      title: 'A design effect of 2 halves the sample',
      subtitle: [
        'Margin of error at p = 50%, 95% (marginOfError with deff): a poll of 1,000 with deff 2',
        'is as precise as a simple random sample of 500.',
      ],
      description:
        'Three curves of the margin of error against n, for design effects 1, 1.5 and 2. At n = 1,000 the margins are ±3.1, ±3.8 and ±4.4 points.',
    });
  },

  // Opt-in online panels
  'opt-in-coverage': () => {
    const random = seeded(5);
    const sizes = [250, 500, 1000, 2000, 5000, 10000];
    const data = sizes.flatMap((n) => {
      const row = (series, bias) => {
        let hit = 0;
        const reps = 1000;
        for (let i = 0; i < reps; i++) {
          const ci = proportionCI(pollShare(n, TRUTH + bias, random), n);
          if (ci.lower <= TRUTH && TRUTH <= ci.upper) hit++;
        }
        return { n, coverage: hit / reps, series };
      };
      return [row('random sample', 0), row('opt-in panel, 3 points of selection bias', 0.03)];
    });
    const at = (n) => data.find((d) => d.n === n && d.series !== 'random sample').coverage;
    return lineChart(data, {
      x: 'n',
      y: 'coverage',
      series: 'series',
      xScale: 'log',
      xDomain: [250, 10000],
      xValues: sizes,
      yDomain: [0, 1],
      points: true,
      xTitle: 'Respondents (log scale)',
      yTitle: 'Share of 95% intervals that contain the truth',
      title: 'A bigger opt-in poll is not a more accurate one',
      subtitle: [
        '1,000 simulated polls at each n (seeded). Random sample: centred on the true 40.5%.',
        'Opt-in panel: centred on 43.5% (3 points of selection bias left after weighting).',
      ],
      rules: [{ y: 0.95, label: '95%' }],
      description: `Coverage of 95% intervals against n. For random samples it stays near 95%; for an opt-in panel with 3 points of selection bias it falls from ${Math.round(100 * at(250))}% at n = 250 to ${Math.round(100 * at(1000))}% at 1,000 and ${Math.round(100 * at(10000))}% at 10,000.`,
    });
  },

  // Checking published figures
  'nuclear-weapons': () =>
    divergingChart(rows, { question: 'japan-nuclear-weapons', surveys, questions }),
};

const filter = process.argv.slice(2);
for (const [name, make] of Object.entries(charts)) {
  if (filter.length > 0 && !filter.some((f) => name.includes(f))) continue;
  const file = join(IMAGES, `${name}.png`);
  writeFileSync(file, await toPNG(make(), { scale: 2 }));
  console.log(`wrote docs/images/${name}.png`);
}
