// Reanalyses the headline figures of the API/EAI/KEI Japan–U.S.–Korea survey
// (Japanese sample, n = 1,037, online, 19–21 August 2025) with @toplines/core.
// Source: ../shared/seeds/001_4dbc2e7a54124f9b.txt. Run: npm run example
import { consistentCounts, leadTest, marginOfError, proportionCI } from '@toplines/core';

const n = 1037;
const pct = (x, digits = 1) => `${(100 * x).toFixed(digits)}`;

console.log('API/EAI/KEI survey, Japanese respondents, n = 1,037 (online, 19–21 Aug 2025)\n');
console.log(`Headline margin of error (p = 50%, 95%): ±${pct(marginOfError(0.5, n))} points\n`);

// Pairs of shares from one single-choice question each, as the release prints them.
// Percentages are strings, as printed, so that "51.0%" keeps its decimal.
const pairs = [
  ['Impression of the U.S.', 'favourable', '40.5', 'unfavourable', '34.5'],
  ['Impression of President Trump', 'favourable', '14.7', 'unfavourable', '70.1'],
  ['Trump tariffs', 'approve', '7.5', 'disapprove', '76.5'],
  ['Japan–U.S. relations now', 'good', '42.4', 'bad', '34.9'],
  ['Impression of South Korea', 'favourable', '24.8', 'unfavourable', '51.0'],
  ['Japan–South Korea relations now', 'good', '31.8', 'bad', '40.7'],
  ['Taiwan contingency likely', 'yes', '42.1', 'no', '18.7'],
  ['Japan–U.S.–ROK security cooperation', 'in favour', '51.7', 'opposed', '27.7'],
  ['U.S. forces contribute to peace', 'contribute', '49.5', 'do not', '33.5'],
];

for (const [question, labelA, a, labelB, b] of pairs) {
  console.log(question);
  for (const [label, percent] of [
    [labelA, a],
    [labelB, b],
  ]) {
    const ci = proportionCI(Number(percent) / 100, n);
    const counts = consistentCounts(percent, n);
    const fit =
      counts === null
        ? 'no count out of 1,037 gives this figure'
        : counts.min === counts.max
          ? `= ${counts.min} of 1,037`
          : `= ${counts.min}–${counts.max} of 1,037`;
    console.log(
      `  ${label.padEnd(13)} ${percent.padStart(5)}%  95% CI ${pct(ci.lower)}–${pct(ci.upper)}%  (${fit})`,
    );
  }
  const lead = leadTest(Number(a) / 100, Number(b) / 100, n);
  const margin = (lead.upper - lead.difference) * 100;
  const leader = lead.difference >= 0 ? labelA : labelB;
  const verdict =
    lead.lower > 0 || lead.upper < 0
      ? 'larger than its margin of error'
      : 'within its margin of error: not a clear lead';
  console.log(
    `  ${leader} ahead by ${Math.abs(lead.difference * 100).toFixed(1)} points, ±${margin.toFixed(1)} (p = ${lead.pValue.toPrecision(2)}): ${verdict}\n`,
  );
}
