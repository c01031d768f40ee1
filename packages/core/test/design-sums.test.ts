/**
 * Estimates from sums (designSharesFromSums, designProportionFromSums, #17) against the
 * respondents' path (designShares, designProportion) and against R's survey package.
 *
 * The sums are made here from the respondents of fixtures/design-r.json (R 4.2.2, survey
 * 4.1.1, the api data; made by fixtures/design.R) the way a SQL GROUP BY makes them: per
 * domain, Σw by (stratum, PSU, answer) — by (stratum, answer) with Σw² for the designs
 * whose respondents are each their own PSU —, per answer the sums under each replicate's
 * weights and their cross products, and glm's first-iteration sums. Every design the sums
 * can carry is checked: the one-stage ones (strata, clusters, fpc as sizes and fractions,
 * nest, lonely PSUs removed, adjusted, averaged), the two-stage one without fpc (ultimate
 * clusters) and the 8 replicate designs; the two-stage designs with fpc need the
 * respondents. The two paths agree to 1e-12 relative (or 1e-15 absolute, for values
 * near 0), and the sums agree with R to 1e-9 relative, as the respondents do. The last
 * test prints the largest differences:
 *   cd packages/core && npx vitest run test/design-sums.test.ts
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type AggregateDesign,
  type Category,
  type Design,
  type DesignProportionMethod,
  type DomainSums,
  designProportion,
  designProportionFromSums,
  designShares,
  designSharesFromSums,
  type LonelyPsu,
  type ReplicateType,
  replicateDesign,
  replicateDesignFromSums,
  type SumsCell,
  surveyDesign,
  surveyDesignFromSums,
} from '../src/design/index';
import { firstStepTerms } from '../src/design/logistic-fit';

type Variables = Record<string, (number | string)[]>;
interface Interval {
  level: number;
  method: DesignProportionMethod;
  lower: number | null;
  upper: number | null;
}
interface ProportionCase {
  y: string;
  domain: string | null;
  mean: number;
  se: number;
  deff: number;
  intervals: Interval[];
}
interface SharesCase {
  x: string;
  domain: string | null;
  levels: string[];
  coef: number[];
  vcov: number[][];
  deff: (number | null)[];
}
interface TaylorFixture {
  name: string;
  lonelyPsu: LonelyPsu;
  nest: boolean;
  weights: number[];
  strata: string[] | null;
  psu: (number | string)[][] | null;
  fpc: number[][] | null;
  variables: Variables;
  proportions: ProportionCase[];
  shares: SharesCase[];
}
interface ReplicateFixture {
  name: string;
  type: ReplicateType;
  weights: number[];
  multipliers: number[][];
  scale: number;
  rscales: number[];
  rho: number;
  mse: boolean;
  degf: number;
  variables: Variables;
  proportions: ProportionCase[];
  shares: SharesCase[];
}
const fixture: { designs: TaylorFixture[]; replicateDesigns: ReplicateFixture[] } = JSON.parse(
  readFileSync(new URL('./fixtures/design-r.json', import.meta.url), 'utf8'),
);

const PATHS = 1e-12;
const PATHS_ABSOLUTE = 1e-15;
const R_RELATIVE = 1e-9;
const R_ABSOLUTE = 1e-12;
const METHODS = ['logit', 'likelihood', 'beta', 'mean'] as const;

/** The largest difference seen per comparison, printed at the end. */
const worst = new Map<string, { error: number; label: string }>();
function record(what: string, error: number, label: string): void {
  const known = worst.get(what);
  if (known === undefined || error > known.error) worst.set(what, { error, label });
}

/** The sums path against the respondents' path: 1e-12 relative or 1e-15 absolute. */
function same(got: number | null, want: number | null, label: string): void {
  if (want === null || got === null) {
    expect(got, label).toBe(want);
    return;
  }
  const absolute = Math.abs(got - want);
  const relative = want === 0 ? absolute : absolute / Math.abs(want);
  record('sums vs respondents', Math.abs(want) >= 1e-3 ? relative : absolute, label);
  if (absolute > PATHS_ABSOLUTE) {
    expect(relative, `${label}: sums ${got}, respondents ${want}`).toBeLessThanOrEqual(PATHS);
  }
}

/** The sums path against R: 1e-9 relative or 1e-12 absolute, as test/design.test.ts. */
function agreeR(got: number | null, want: number | null, label: string): void {
  if (want === null) {
    expect(got, label).toBeNull();
    return;
  }
  const g = got as number;
  const absolute = Math.abs(g - want);
  const relative = want === 0 ? absolute : absolute / Math.abs(want);
  record('sums vs R', Math.abs(want) >= 1e-3 ? relative : absolute, label);
  if (absolute > R_ABSOLUTE) {
    expect(relative, `${label}: sums ${g}, R ${want}`).toBeLessThanOrEqual(R_RELATIVE);
  }
}

/** How the respondents are laid out for the sums: a Taylor design's ids, or replicates. */
type Layout =
  | { kind: 'taylor'; strata: (string | number)[]; psu: (string | number)[] | null }
  | { kind: 'replicate'; replicates: number[][] };

/**
 * What a SQL GROUP BY gives for one domain: cells keyed by (stratum, PSU) — by stratum,
 * with Σw², without PSUs — in order of first appearance, or per answer the replicate
 * sums and cross products; glm's first-iteration sums with w̃ = w/mean(w) over the domain.
 */
/** array[i] += v. */
function inc(array: Float64Array, i: number, v: number): void {
  array[i] = (array[i] as number) + v;
}

function sumsOf(
  layout: Layout,
  weights: number[],
  answers: (string | number)[],
  domain: boolean[] | undefined,
): DomainSums {
  const inDomain = (i: number): boolean => domain === undefined || domain[i] === true;
  const categories: Category[] = [];
  const indexOf = new Map<Category, number>();
  let total = 0;
  let n = 0;
  for (let i = 0; i < weights.length; i++) {
    if (!inDomain(i)) continue;
    const a = answers[i] as Category;
    if (!indexOf.has(a)) {
      indexOf.set(a, categories.length);
      categories.push(a);
    }
    total += weights[i] as number;
    n++;
  }
  const m = categories.length;
  const mean = total / n;
  const firstStep = {
    scaledWeights: new Float64Array(m),
    deviance: new Float64Array(m),
    workingWeights: new Float64Array(m),
    workingResponses: new Float64Array(m),
  };
  const terms = new Float64Array(3);
  const cells = new Map<
    string,
    SumsCell & { counts: Float64Array; sumWeights: Float64Array; weights: number[][] }
  >();
  const R = layout.kind === 'replicate' ? layout.replicates.length : 0;
  const counts = new Float64Array(m);
  const sumWeights = new Float64Array(m);
  const replicateSums = categories.map(() => new Float64Array(R));
  const cross = new Float64Array(R * R);
  for (let i = 0; i < weights.length; i++) {
    if (!inDomain(i)) continue;
    const a = indexOf.get(answers[i] as Category) as number;
    const w = weights[i] as number;
    const scaled = w / mean;
    firstStepTerms(scaled, terms);
    inc(firstStep.scaledWeights, a, scaled);
    inc(firstStep.deviance, a, terms[0] as number);
    inc(firstStep.workingWeights, a, terms[1] as number);
    inc(firstStep.workingResponses, a, terms[2] as number);
    if (layout.kind === 'taylor') {
      const stratum = layout.strata[i] as string | number;
      const psu = layout.psu?.[i];
      const key = `${stratum}\u0000${psu ?? ''}`;
      let cell = cells.get(key);
      if (cell === undefined) {
        cell = {
          stratum,
          ...(psu === undefined ? {} : { psu }),
          counts: new Float64Array(m),
          sumWeights: new Float64Array(m),
          weights: categories.map(() => []),
        };
        cells.set(key, cell);
      }
      inc(cell.counts, a, 1);
      inc(cell.sumWeights, a, w);
      (cell.weights[a] as number[]).push(w);
    } else {
      inc(counts, a, 1);
      inc(sumWeights, a, w);
      const sums = replicateSums[a] as Float64Array;
      for (let r = 0; r < R; r++) {
        const wr = (layout.replicates[r] as number[])[i] as number;
        inc(sums, r, wr);
        for (let s = r; s < R; s++) {
          inc(cross, r * R + s, wr * ((layout.replicates[s] as number[])[i] as number));
        }
      }
    }
  }
  // without PSUs, Σ(w − w̄)² of each cell's answers (two passes, as VAR_POP computes it)
  const withDeviations = [...cells.values()].map(({ weights: ws, ...cell }) => {
    if (cell.psu !== undefined) return cell;
    const squaredDeviations = ws.map((list) => {
      const wbar = list.reduce((x, y) => x + y, 0) / Math.max(list.length, 1);
      return list.reduce((x, y) => x + (y - wbar) ** 2, 0);
    });
    return { ...cell, squaredDeviations };
  });
  return layout.kind === 'taylor'
    ? { categories, cells: withDeviations, firstStep }
    : { categories, counts, sumWeights, replicateSums, replicateCrossProducts: cross, firstStep };
}

function domainMask(variables: Variables, domain: string | null): boolean[] | undefined {
  return domain === null ? undefined : (variables['stype'] as string[]).map((s) => s === domain);
}

/** The design's strata in order of first appearance, with their PSUs and fpc. */
function strataOf(f: TaylorFixture): { stratum: string; psus: number; fpc?: number }[] {
  const strata = f.strata ?? f.weights.map(() => 'all');
  const psu = f.psu?.[0];
  const seen = new Map<string, { stratum: string; psus: Set<string>; fpc?: number }>();
  strata.forEach((s, i) => {
    let entry = seen.get(s);
    if (entry === undefined) {
      entry = { stratum: s, psus: new Set(), ...(f.fpc ? { fpc: f.fpc[0]?.[i] as number } : {}) };
      seen.set(s, entry);
    }
    entry.psus.add(psu === undefined ? String(i) : String(psu[i]));
  });
  return [...seen.values()].map((e) => ({
    stratum: e.stratum,
    psus: e.psus.size,
    ...(e.fpc === undefined ? {} : { fpc: e.fpc }),
  }));
}

function taylorDesign(f: TaylorFixture): Design {
  return surveyDesign({
    weights: f.weights,
    ...(f.strata === null ? {} : { strata: f.strata }),
    ...(f.psu === null
      ? {}
      : { psu: f.psu.length === 1 ? (f.psu[0] as (number | string)[]) : f.psu }),
    ...(f.fpc === null ? {} : { fpc: f.fpc[0] as number[] }),
    nest: f.nest,
    lonelyPsu: f.lonelyPsu,
  });
}

/** designProportion and designShares by both paths, every method; the sums also against R. */
function checkBoth(
  name: string,
  f: {
    variables: Variables;
    weights: number[];
    proportions: ProportionCase[];
    shares: SharesCase[];
  },
  design: Design,
  aggregate: AggregateDesign,
  layout: Layout,
  replicate: boolean,
): void {
  for (const c of f.proportions) {
    const y = f.variables[c.y] as number[];
    const domain = domainMask(f.variables, c.domain);
    const sums = sumsOf(layout, f.weights, y, domain);
    const bitwise = layout.kind === 'replicate' || layout.psu !== null;
    for (const interval of c.intervals) {
      if (replicate && interval.method === 'likelihood') continue;
      const label = `${name} ${c.y} ${c.domain ?? 'all'} ${interval.method} ${interval.level}`;
      const options = { level: interval.level, method: interval.method };
      const got = designProportionFromSums(sums, aggregate, options);
      const want = designProportion(y, design, { ...options, ...(domain ? { domain } : {}) });
      for (const key of [
        'estimate',
        'se',
        'lower',
        'upper',
        'deff',
        'nEffective',
        'sumWeights',
      ] as const) {
        same(got[key], want[key], `${label} ${key}`);
        // the same sums in the same order: the same bits (glm's start divides by a mean
        // weight summed in another order, and a design without PSUs takes other sums)
        if (
          bitwise &&
          c.domain === null &&
          (interval.method === 'beta' || interval.method === 'mean')
        ) {
          expect(got[key], `${label} ${key} bit for bit`).toBe(want[key]);
        }
      }
      expect(got.n).toBe(want.n);
      expect(got.df).toBe(want.df);
      agreeR(got.estimate, c.mean, `${label} estimate`);
      agreeR(got.se, c.se, `${label} se`);
      agreeR(got.deff, c.deff, `${label} deff`);
      const clip = (v: number | null): number | null =>
        interval.method === 'mean' && v !== null ? Math.min(1, Math.max(0, v)) : v;
      agreeR(got.lower, clip(interval.lower), `${label} lower`);
      agreeR(got.upper, clip(interval.upper), `${label} upper`);
    }
  }
  for (const c of f.shares) {
    const x = f.variables[c.x] as string[];
    const domain = domainMask(f.variables, c.domain);
    const sums = sumsOf(layout, f.weights, x, domain);
    for (const method of METHODS) {
      if (replicate && method === 'likelihood') continue;
      const label = `${name} shares ${c.x} ${c.domain ?? 'all'} ${method}`;
      const got = designSharesFromSums(sums, aggregate, { method, levels: c.levels });
      const want = designShares(x, design, {
        method,
        levels: c.levels,
        ...(domain ? { domain } : {}),
      });
      expect(got.categories).toEqual(want.categories);
      expect(got.n).toBe(want.n);
      expect(got.df).toBe(want.df);
      got.shares.forEach((share, a) => {
        const other = want.shares[a] as (typeof want.shares)[number];
        for (const key of ['estimate', 'se', 'lower', 'upper', 'deff'] as const) {
          same(share[key], other[key], `${label} ${String(share.category)} ${key}`);
        }
        agreeR(share.estimate, c.coef[a] as number, `${label} ${a} estimate`);
        agreeR(share.deff, c.deff[a] as number | null, `${label} ${a} deff`);
        (got.covariance[a] as number[]).forEach((v, b) => {
          same(v, (want.covariance[a] as number[])[b] as number, `${label} vcov[${a}][${b}]`);
          agreeR(v, (c.vcov[a] as number[])[b] as number, `${label} vcov[${a}][${b}]`);
        });
      });
    }
  }
}

/** The designs the sums carry: every Taylor design but the two-stage ones with fpc. */
const ONE_STAGE = fixture.designs.filter(
  (f) => f.psu === null || f.psu.length === 1 || f.fpc === null,
);

describe('survey designs from sums agree with the respondents and with R', () => {
  it('covers every design but the two-stage ones with fpc', () => {
    expect(ONE_STAGE.map((f) => f.name)).toEqual([
      'strat_fpc',
      'strat_wr',
      'strat_fraction',
      'strat_nest',
      'clus1_fpc',
      'clus1_wr',
      'clus2_wr',
      'pairs',
      'county_remove',
      'county_adjust',
      'county_average',
    ]);
  });
  for (const f of ONE_STAGE) {
    it(f.name, () => {
      const aggregate = surveyDesignFromSums({
        strata: strataOf(f),
        nest: f.nest,
        lonelyPsu: f.lonelyPsu,
      });
      const design = taylorDesign(f);
      expect(aggregate.degf).toBe(design.degf);
      expect(aggregate.lonelyStrata).toBe((design as { lonelyStrata: number }).lonelyStrata);
      const layout: Layout = {
        kind: 'taylor',
        strata: f.strata ?? f.weights.map(() => 'all'),
        psu: f.psu === null ? null : (f.psu[0] as (string | number)[]),
      };
      checkBoth(f.name, f, design, aggregate, layout, false);
    });
  }
});

describe('replicate designs from sums agree with the respondents and with R', () => {
  for (const f of fixture.replicateDesigns) {
    it(f.name, () => {
      const replicates = f.multipliers.map((m) => m.map((v, i) => v * (f.weights[i] as number)));
      const setScale = f.type !== 'BRR' && f.type !== 'Fay';
      const settings = {
        type: f.type,
        ...(setScale ? { scale: f.scale } : {}),
        rscales: f.rscales,
        mse: f.mse,
        ...(f.type === 'Fay' ? { rho: f.rho } : {}),
      };
      const design = replicateDesign({ weights: f.weights, replicates, ...settings });
      const aggregate = replicateDesignFromSums({ replicates: replicates.length, ...settings });
      expect(aggregate.scale).toBe(design.scale);
      checkBoth(f.name, f, design, aggregate, { kind: 'replicate', replicates }, true);
    });
  }
});

afterAll(() => {
  const lines = [...worst.entries()].map(
    ([what, w]) => `  ${what.padEnd(20)} ${w.error.toExponential(2)}  ${w.label}`,
  );
  console.log(
    `largest differences of the sums path (relative; absolute for values below 1e-3):\n${lines.join('\n')}`,
  );
});
