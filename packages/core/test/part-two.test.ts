// Core, part two, against R (part-two.json, made by fixtures/part-two.R), and
// where R computes nothing alike, against exact derivation or a seeded
// simulation.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  comparisonPower,
  credibilityInterval,
  explain,
  impliedDesignEffect,
  leadChange,
  leadProbability,
  leadTest,
  marginOfError,
  minimumDetectableDifference,
  pairedDifference,
  probabilityOfFirst,
  proportionCI,
  SAMPLE_TYPES,
  sampleCaveat,
  ToplinesError,
  twoProportionTest,
} from '../src/index';
import { gammaVariate, seededUniform } from '../src/random';
import { expectClose } from './helpers';

type Case = Record<string, number | number[] | string>;
const fixture = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'part-two.json'), 'utf8')) as {
  source: Record<string, string>;
  cases: Record<string, Case[]>;
};
const cases = (group: string) => fixture.cases[group]!;
const num = (c: Case, key: string) => c[key] as number;
const pair = (c: Case, key: string) => c[key] as number[];

describe(`against ${fixture.source['tool']}`, () => {
  it.each(cases('leadProbability'))('leadProbability %j', (c) => {
    const got = leadProbability(num(c, 'p1'), num(c, 'p2'), num(c, 'n'), {
      prior: num(c, 'prior'),
      deff: num(c, 'deff'),
    });
    expectClose(got, num(c, 'want'), 'leadProbability', 1e-12);
  });

  it.each(cases('comparisonPower'))('comparisonPower %j', (c) => {
    const got = comparisonPower(num(c, 'p1'), num(c, 'p2'), num(c, 'n1'), num(c, 'n2'), {
      level: num(c, 'level'),
      deff: num(c, 'deff'),
    });
    expectClose(got, num(c, 'want'), 'power', 1e-12);
  });

  it.each(cases('minimumDetectableDifference'))('minimumDetectableDifference %j', (c) => {
    const got = minimumDetectableDifference(num(c, 'n1'), num(c, 'n2'), {
      p: num(c, 'p'),
      power: num(c, 'power'),
      level: num(c, 'level'),
    });
    expect(got).not.toBeNull();
    // R's uniroot stops at its tol (1e-14 asked): agreement to 1e-10 is what it supports
    expectClose(got!, num(c, 'want'), 'minimum detectable difference', 1e-10);
  });

  it.each(cases('impliedDesignEffect'))('impliedDesignEffect %j', (c) => {
    const got = impliedDesignEffect(num(c, 'moe'), num(c, 'n'), {
      p: num(c, 'p'),
      level: num(c, 'level'),
    });
    expectClose(got, num(c, 'want'), 'deff', 1e-12);
  });

  it.each(cases('leadChange'))('leadChange %j', (c) => {
    const [a1, a2, an, ad] = pair(c, 'a') as [number, number, number, number];
    const [b1, b2, bn, bd] = pair(c, 'b') as [number, number, number, number];
    const got = leadChange(
      { p1: a1, p2: a2, n: an, deff: ad },
      { p1: b1, p2: b2, n: bn, deff: bd },
      { level: num(c, 'level') },
    );
    for (const key of ['change', 'se', 'lower', 'upper', 'z', 'pValue'] as const) {
      expectClose(got[key], num(c, key), key, 1e-12);
    }
  });

  it.each(cases('roundingCI'))('proportionCI with reportedDecimals %j', (c) => {
    const p = num(c, 'percent') / 100;
    const options = { level: num(c, 'level'), reportedDecimals: num(c, 'decimals') };
    const wilson = proportionCI(p, num(c, 'n'), options);
    const cp = proportionCI(p, num(c, 'n'), { ...options, method: 'clopper-pearson' });
    expect(wilson.counts).toBe(num(c, 'counts'));
    expectClose(wilson.lower, pair(c, 'wilson')[0]!, 'wilson lower', 1e-12);
    expectClose(wilson.upper, pair(c, 'wilson')[1]!, 'wilson upper', 1e-12);
    expectClose(cp.lower, pair(c, 'clopperPearson')[0]!, 'clopper-pearson lower', 1e-12);
    expectClose(cp.upper, pair(c, 'clopperPearson')[1]!, 'clopper-pearson upper', 1e-12);
  });

  it.each(cases('roundingLead'))('leadTest with reportedDecimals %j', (c) => {
    const got = leadTest(num(c, 'percent1') / 100, num(c, 'percent2') / 100, num(c, 'n'), {
      level: num(c, 'level'),
      reportedDecimals: num(c, 'decimals'),
    });
    expect(got.counts).toEqual(pair(c, 'counts'));
    expectClose(got.lower, num(c, 'lower'), 'lower', 1e-12);
    expectClose(got.upper, num(c, 'upper'), 'upper', 1e-12);
  });

  it.each(cases('roundingTwo'))('twoProportionTest with reportedDecimals %j', (c) => {
    const got = twoProportionTest(
      num(c, 'percent1') / 100,
      num(c, 'n1'),
      num(c, 'percent2') / 100,
      num(c, 'n2'),
      { level: num(c, 'level'), reportedDecimals: num(c, 'decimals'), method: 'wald' },
    );
    expect(got.counts).toEqual(pair(c, 'counts'));
    expectClose(got.lower, num(c, 'lower'), 'lower', 1e-12);
    expectClose(got.upper, num(c, 'upper'), 'upper', 1e-12);
  });
});

describe('rounding-aware intervals', () => {
  it('run from the smallest count that fits to the largest, for every method', () => {
    for (const method of ['wilson', 'clopper-pearson', 'jeffreys', 'agresti-coull'] as const) {
      // "40.5%" of 1,037 can only be 420 people: the interval is that count's
      const rounded = proportionCI(0.405, 1037, { method, reportedDecimals: 1 });
      const count = proportionCI(420 / 1037, 1037, { method });
      expect(rounded.counts).toBe(1);
      expect([rounded.lower, rounded.upper]).toEqual([count.lower, count.upper]);
      // "41%" could be 420 to 430 of them: it spans both ends
      const wide = proportionCI(0.41, 1037, { method, reportedDecimals: 0 });
      expect(wide.lower).toBe(proportionCI(420 / 1037, 1037, { method }).lower);
      expect(wide.upper).toBe(proportionCI(430 / 1037, 1037, { method }).upper);
      const coarse = proportionCI(0.41, 1037, { method, reportedDecimals: 0 });
      expect(coarse.counts).toBe(11);
      expect(coarse.reportedRange).toEqual([420 / 1037, 430 / 1037]);
    }
  });
  it('treat a weighted figure (deff ≠ 1) as a continuous range', () => {
    const ci = proportionCI(0.41, 1037, { reportedDecimals: 0, deff: 1.5 });
    expect(ci.counts).toBeNull();
    expect(ci.reportedRange).toEqual([0.405, 0.415]);
  });
  it('refuse a figure no count produces, and a p with more decimals than stated', () => {
    expect(() => proportionCI(0.505, 10, { reportedDecimals: 1 })).toThrow(
      /no count out of n = 10 that prints as p = 50.5%/,
    );
    expect(() => proportionCI(0.4053, 1037, { reportedDecimals: 1 })).toThrow(
      /reportedDecimals = 1/,
    );
    try {
      proportionCI(0.505, 10, { reportedDecimals: 1 });
    } catch (error) {
      expect((error as ToplinesError).code).toBe('inconsistent-input');
    }
  });
});

/** Draws n respondents' answers to two check-all options with the given joint shares. */
function simulatePaired(
  both: number,
  only1: number,
  only2: number,
  n: number,
  polls: number,
  seed: number,
) {
  const uniform = seededUniform(seed);
  const differences: number[] = [];
  for (let poll = 0; poll < polls; poll++) {
    let c1 = 0;
    let c2 = 0;
    for (let i = 0; i < n; i++) {
      const u = uniform();
      if (u < both) {
        c1++;
        c2++;
      } else if (u < both + only1) c1++;
      else if (u < both + only1 + only2) c2++;
    }
    differences.push((c1 - c2) / n);
  }
  const mean = differences.reduce((s, d) => s + d, 0) / polls;
  return differences.reduce((s, d) => s + (d - mean) ** 2, 0) / (polls - 1);
}

describe('pairedDifference', () => {
  it('has the exact variance of the multinomial, by enumeration (n = 6)', () => {
    // Every outcome of 6 respondents over {both, only 1, only 2, neither}.
    const probs = [0.2, 0.35, 0.15, 0.3];
    const n = 6;
    const factorial = (k: number): number => (k <= 1 ? 1 : k * factorial(k - 1));
    let mean = 0;
    let second = 0;
    for (let a = 0; a <= n; a++)
      for (let b = 0; a + b <= n; b++)
        for (let c = 0; a + b + c <= n; c++) {
          const d = n - a - b - c;
          const weight =
            (factorial(n) / (factorial(a) * factorial(b) * factorial(c) * factorial(d))) *
            probs[0]! ** a *
            probs[1]! ** b *
            probs[2]! ** c *
            probs[3]! ** d;
          const diff = (a + b - (a + c)) / n;
          mean += weight * diff;
          second += weight * diff * diff;
        }
    const variance = second - mean * mean;
    const p1 = probs[0]! + probs[1]!;
    const p2 = probs[0]! + probs[2]!;
    const result = pairedDifference(p1, p2, n, { overlap: probs[0]! });
    expect(Math.abs(result.se ** 2 - variance)).toBeLessThan(1e-15);
  });

  it('matches a seeded simulation of 1,037 respondents', () => {
    const variance = simulatePaired(0.3, 0.265, 0.232, 1037, 4000, 11);
    const result = pairedDifference(0.565, 0.532, 1037, { overlap: 0.3 });
    // the sample variance of 4,000 polls is within about 2·√(2/4000) ≈ 4.5% of the truth
    expect(Math.abs(variance / result.se ** 2 - 1)).toBeLessThan(0.06);
  });

  it('brackets every overlap: conservative at the least, liberal at the most', () => {
    const unknown = pairedDifference(0.565, 0.532, 536);
    expect(unknown.overlapKnown).toBe(false);
    expect(unknown.se).toBe(unknown.conservative.se);
    for (let o = unknown.overlapRange[0]; o <= unknown.overlapRange[1]; o += 0.01) {
      const known = pairedDifference(0.565, 0.532, 536, { overlap: o });
      expect(known.se).toBeLessThanOrEqual(unknown.conservative.se + 1e-15);
      expect(known.se).toBeGreaterThanOrEqual(unknown.liberal.se - 1e-15);
    }
  });

  it('at no overlap is the lead test of exclusive options', () => {
    const paired = pairedDifference(0.405, 0.345, 1037, { overlap: 0 });
    const lead = leadTest(0.405, 0.345, 1037);
    expectClose(paired.se, lead.se, 'se', 1e-15);
    expectClose(paired.pValue, lead.pValue, 'pValue', 1e-15);
  });

  it('refuses an overlap the shares do not allow', () => {
    expect(() => pairedDifference(0.3, 0.2, 100, { overlap: 0.25 })).toThrow(
      /overlap to lie between max\(0, p1 \+ p2 − 1\) = 0 and min\(p1, p2\) = 0.2, got 0.25/,
    );
  });
});

describe('leadChange', () => {
  it('matches a seeded simulation of two independent polls', () => {
    const uniform = seededUniform(5);
    const changes: number[] = [];
    for (let i = 0; i < 3000; i++) {
      const lead = (p1: number, p2: number, n: number) => {
        let c1 = 0;
        let c2 = 0;
        for (let j = 0; j < n; j++) {
          const u = uniform();
          if (u < p1) c1++;
          else if (u < p1 + p2) c2++;
        }
        return (c1 - c2) / n;
      };
      changes.push(lead(0.424, 0.349, 800) - lead(0.5, 0.3, 600));
    }
    const mean = changes.reduce((s, d) => s + d, 0) / changes.length;
    const variance = changes.reduce((s, d) => s + (d - mean) ** 2, 0) / (changes.length - 1);
    const result = leadChange({ p1: 0.5, p2: 0.3, n: 600 }, { p1: 0.424, p2: 0.349, n: 800 });
    expect(Math.abs(variance / result.se ** 2 - 1)).toBeLessThan(0.08);
    expect(Math.abs(mean - result.change)).toBeLessThan(4 * (result.se / Math.sqrt(3000)));
  });
});

describe('probabilityOfFirst', () => {
  it('agrees with the exact leadProbability for two options, within 4 Monte Carlo errors', () => {
    for (const [p1, p2, n] of [
      [0.405, 0.345, 1037],
      [0.288, 0.262, 1037],
      [0.5, 0.45, 100],
    ] as const) {
      const mc = probabilityOfFirst([p1, p2], n, { draws: 50_000, seed: 3 });
      const exact = leadProbability(p1, p2, n);
      expect(Math.abs(mc.probabilities[0]! - exact)).toBeLessThan(
        4 * mc.monteCarloError[0]! + 1e-12,
      );
      expect(mc.probabilities[0]! + mc.probabilities[1]!).toBe(1);
    }
  });
  it('is repeatable from its seed and gives equal shares equal chances', () => {
    const a = probabilityOfFirst([0.3, 0.3, 0.3], 500, { draws: 30_000, seed: 9 });
    const b = probabilityOfFirst([0.3, 0.3, 0.3], 500, { draws: 30_000, seed: 9 });
    expect(a).toEqual(b);
    for (const p of a.probabilities)
      expect(Math.abs(p - 1 / 3)).toBeLessThan(4 * Math.sqrt(2 / 9 / 30_000));
  });
  it('draws Gamma variates with the right mean and variance', () => {
    const uniform = seededUniform(2);
    for (const shape of [0.5, 1, 3.7, 420]) {
      let sum = 0;
      let sumSq = 0;
      const draws = 100_000;
      for (let i = 0; i < draws; i++) {
        const g = gammaVariate(shape, uniform);
        sum += g;
        sumSq += g * g;
      }
      const mean = sum / draws;
      const variance = sumSq / draws - mean * mean;
      expect(Math.abs(mean - shape)).toBeLessThan(5 * Math.sqrt(shape / draws));
      expect(Math.abs(variance / shape - 1)).toBeLessThan(0.05);
    }
  });
});

describe('power and design effects fit together', () => {
  it('the implied design effect of marginOfError is the deff it was given', () => {
    for (const deff of [0.8, 1, 1.5, 2.3]) {
      const moe = marginOfError(0.5, 1037, { deff });
      expectClose(impliedDesignEffect(moe, 1037), deff, 'deff', 1e-13);
    }
  });
  it('at the minimum detectable difference, the power is the power asked for', () => {
    for (const [n1, n2] of [
      [1037, 1000],
      [150, 600],
    ] as const) {
      const d = minimumDetectableDifference(n1, n2, { p: 0.3, power: 0.9 })!;
      expectClose(comparisonPower(0.3, 0.3 + d, n1, n2), 0.9, 'power', 1e-12);
    }
  });
  it('returns null when no difference reaches the power', () => {
    expect(minimumDetectableDifference(1, 1, { p: 0.5, power: 0.99 })).toBeNull();
  });
  it('power at no difference is the significance level (equal n)', () => {
    expectClose(comparisonPower(0.4, 0.4, 500, 500), 0.05, 'power', 1e-12);
  });
});

describe('explain', () => {
  it('states a lead that is larger than its margin, and never a "headline" the poll did not publish', () => {
    const text = explain(leadTest(0.405, 0.345, 1037), { labels: ['favourable', 'unfavourable'] });
    expect(text).toContain('6.0-point lead, ±5.3 at 95%');
    expect(text).toContain('larger than its margin of error');
    expect(text).not.toMatch(/headline|poll’s/);
    // z·√(0.25/1037) = 1.959964 × 0.015527 = 0.03043: ±3.0 for one share of a simple random sample
    expect(text).toContain('A simple random sample of 1,037 has a margin of ±3.0 for one share');
    // the probability that the leader is ahead: leadProbability's (Dirichlet posterior)
    expect(text).toContain(
      `the probability that favourable is really ahead is ${leadProbability(0.405, 0.345, 1037).toFixed(2)}`,
    );
  });
  it("quotes the poll's own margin only when it published one", () => {
    const text = explain(leadTest(0.405, 0.345, 1037), { publishedMoe: 0.031 });
    expect(text).toContain('The poll’s published ±3.1 is for one share');
    const deff = explain(leadTest(0.405, 0.345, 1037, { deff: 1.5 }));
    // 1.959964 × √(1.5 × 0.25 / 1037) = 0.03727
    expect(deff).toContain('with a design effect of 1.5 has a margin of ±3.7 for one share');
    expect(() => explain(leadTest(0.4, 0.3, 100), { publishedMoe: 3.1 })).toThrow(/publishedMoe/);
  });
  it('says "an" before 8, 11 and 18', () => {
    expect(explain(leadTest(0.407, 0.318, 1037))).toContain('an 8.9-point lead');
    expect(explain(leadTest(0.449, 0.262, 1037))).toContain('an 18.7-point lead');
    expect(explain(leadTest(0.3, 0.19, 1037))).toContain('an 11.0-point lead');
    expect(explain(leadTest(0.3, 0.282, 1037))).toContain('a 1.8-point lead');
  });

  it('states a lead within its margin, with the probability the leader is ahead, and no "tie"', () => {
    const text = explain(leadTest(0.288, 0.262, 1037));
    expect(text).toContain('within its margin of error');
    // leadProbability(0.288, 0.262, 1037) = 0.870 (its own test checks it by simulation)
    expect(text).toContain('really ahead is 0.87');
    expect(text).not.toMatch(/cannot tell|tie|real lead/);
  });
  it('never speaks of a margin of sampling error for an opt-in panel', () => {
    for (const result of [
      proportionCI(0.405, 1037),
      leadTest(0.405, 0.345, 1037),
      twoProportionTest(0.45, 1000, 0.18, 1000),
      pairedDifference(0.565, 0.532, 536, { overlap: 0.3 }),
      leadChange({ p1: 0.5, p2: 0.3, n: 1000 }, { p1: 0.424, p2: 0.349, n: 1037 }),
    ]) {
      const text = explain(result, { sampleType: 'nonprobability' });
      expect(text).not.toMatch(/margin of error/);
      expect(text).toContain('no margin of sampling error applies');
      // a frequentist interval is never relabelled a credibility interval
      expect(text).not.toMatch(/credibility/);
      expect(text).toContain('computed as if this opt-in sample were a random one');
    }
  });
  it('calls a credibility interval so only when it is one, and states its model', () => {
    const text = explain(credibilityInterval(0.405, 1037), {
      labels: ['Favourable'],
      sampleType: 'nonprobability',
      caveat: false,
    });
    expect(text).toMatch(
      /^Favourable: 40\.5%, with a 95% credibility interval of 37\.5% to 43\.5% \(n = 1,037\)\. /,
    );
    expect(text).toContain('Beta(0.5, 0.5)');
  });
  it('an undescribed online sample: the interval is a lower bound on the uncertainty', () => {
    expect(sampleCaveat('unknown', { mode: 'online' })).toMatch(/lower bound on the uncertainty/);
    expect(sampleCaveat('unknown', { mode: 'telephone' })).toBe(sampleCaveat('unknown'));
    expect(explain(proportionCI(0.4, 500), { sampleType: 'unknown', mode: 'online' })).toMatch(
      /lower bound on the uncertainty\.$/,
    );
    expect(() => sampleCaveat('unknown', { mode: 5 as never })).toThrow(/mode to be a string/);
  });
  it('says when the overlap of a check-all question decides', () => {
    const text = explain(pairedDifference(0.565, 0.532, 536));
    expect(text).toContain('depends on how many chose both');
  });
  it('ends every finding with sampleCaveat, which a report can say once per survey', () => {
    expect(sampleCaveat('probability')).toBeNull();
    for (const sampleType of SAMPLE_TYPES) {
      const caveat = sampleCaveat(sampleType);
      for (const result of [proportionCI(0.405, 1037), leadTest(0.405, 0.345, 1037)]) {
        const text = explain(result, { sampleType });
        if (caveat === null) expect(text).not.toMatch(/the intervals assume|opt-in/);
        else expect(text.endsWith(` ${caveat}`)).toBe(true);
      }
    }
    expect(() => sampleCaveat('opt-in' as never)).toThrow(
      /sampleCaveat requires sampleType to be one of "probability", "nonprobability", "unknown", got "opt-in"/,
    );
  });
  it('ends with exactly sampleCaveat(type) by default, and leaves it out with caveat: false', () => {
    const results = [
      proportionCI(0.405, 1037),
      leadTest(0.405, 0.345, 1037),
      twoProportionTest(0.45, 1000, 0.18, 1000),
      pairedDifference(0.565, 0.532, 536),
      pairedDifference(0.565, 0.532, 536, { overlap: 0.3 }),
      leadChange({ p1: 0.5, p2: 0.3, n: 1000 }, { p1: 0.424, p2: 0.349, n: 1037 }),
    ];
    for (const sampleType of ['nonprobability', 'unknown'] as const) {
      const caveat = sampleCaveat(sampleType) as string;
      for (const result of results) {
        const full = explain(result, { sampleType });
        const bare = explain(result, { sampleType, caveat: false });
        expect(full.endsWith(` ${caveat}`), `${result.kind}, ${sampleType}`).toBe(true);
        expect(explain(result, { sampleType, caveat: true })).toBe(full);
        expect(bare).toBe(full.slice(0, -caveat.length - 1));
        expect(bare).not.toContain(caveat);
        expect(bare).toMatch(/\.$/);
      }
    }
    // a probability sample has no caveat to leave out
    for (const result of results) {
      expect(explain(result, { caveat: false })).toBe(explain(result));
    }
  });
  it('refuses a caveat option that is not true or false', () => {
    expect(() => explain(proportionCI(0.405, 1037), { caveat: 'no' as never })).toThrow(
      'explain requires caveat to be true or false, got "no"',
    );
  });
  it('tells results apart by kind, not by their fields', () => {
    expect(proportionCI(0.405, 1037).kind).toBe('proportion');
    expect(proportionCI(0.51, 1037, { reportedDecimals: 0 }).kind).toBe('proportion');
    expect(leadTest(0.405, 0.345, 1037).kind).toBe('lead');
    expect(leadTest(0.41, 0.35, 1037, { reportedDecimals: 0 }).kind).toBe('lead');
    expect(twoProportionTest(0.45, 1000, 0.18, 1000).kind).toBe('two-sample');
    expect(twoProportionTest(0.45, 1000, 0.18, 1000, { reportedDecimals: 0 }).kind).toBe(
      'two-sample',
    );
    expect(pairedDifference(0.565, 0.532, 536).kind).toBe('paired');
    expect(pairedDifference(0.565, 0.532, 536, { overlap: 0.3 }).kind).toBe('paired');
    expect(leadChange({ p1: 0.5, p2: 0.3, n: 1000 }, { p1: 0.4, p2: 0.3, n: 1000 }).kind).toBe(
      'lead-change',
    );
    // a lead test read back from JSON is still a lead; the same fields with another kind are not
    const lead = JSON.parse(JSON.stringify(leadTest(0.405, 0.345, 1037)));
    expect(explain(lead)).toBe(explain(leadTest(0.405, 0.345, 1037)));
    expect(() => explain({ ...lead, kind: 'share' })).toThrow(
      'explain requires a result of proportionCI, leadTest, twoProportionTest, pairedDifference or leadChange, got an object of kind "share"',
    );
    const { kind: _, ...withoutKind } = lead;
    expect(() => explain(withoutKind)).toThrow('got an object of kind undefined');
  });
  it('refuses what it cannot state', () => {
    expect(() => explain({ foo: 1 } as never)).toThrow(ToplinesError);
    expect(() => explain(null as never)).toThrow('explain requires a result object, got null');
    expect(() => explain(leadTest(0.4, 0.3, 100), { sampleType: 'opt-in' as never })).toThrow(
      /sampleType/,
    );
  });
});

describe('bad input', () => {
  it('names the problem and the value', () => {
    expect(() => leadProbability(40.5, 34.5, 1037)).toThrow(/pass 0.405/);
    expect(() => leadProbability(0.6, 0.5, 1037)).toThrow(/cannot sum past 1/);
    expect(() => leadProbability(0.4, 0.3, 1037, { prior: 0 })).toThrow(
      /prior to be greater than 0, got 0/,
    );
    expect(() => probabilityOfFirst([0.4], 100)).toThrow(/at least 2 shares/);
    expect(() => probabilityOfFirst([0.4, 0.3], 100, { draws: 10 })).toThrow(/draws/);
    expect(() => impliedDesignEffect(3.1, 1037)).toThrow(/pass 0.031/);
    expect(() => impliedDesignEffect(0.03, 1037, { p: 0 })).toThrow(/strictly between 0 and 1/);
    expect(() => minimumDetectableDifference(100, 100, { power: 0.01 })).toThrow(/power between/);
    expect(() => comparisonPower(0.4, 0.5, 0, 100)).toThrow(/n1 to be a positive integer, got 0/);
    expect(() => leadChange({ p1: 0.4, p2: 0.3, n: 0 }, { p1: 0.4, p2: 0.3, n: 10 })).toThrow(
      /pollA.n to be a positive integer, got 0/,
    );
    expect(() => leadChange(null as never, { p1: 0.4, p2: 0.3, n: 10 })).toThrow(
      /pollA to be an object/,
    );
  });
});
