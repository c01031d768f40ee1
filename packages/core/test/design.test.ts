/**
 * The design-based functions of @toplines/core (issue #17) against R's survey package:
 * surveyDesign, replicateDesign, designProportion, designShares, designLead,
 * kishDesignEffect.
 *
 * Every expected value comes from R 4.2.2 and survey 4.1.1 on the package's own api data
 * (fixtures/design-r.json, made by fixtures/design.R, which records both versions, the
 * date, the command and the options): svymean (deff = TRUE and "replace"), svyciprop with
 * each method, degf, svymean(~factor(x)) with its vcov, svycontrast, for 17 Taylor designs
 * (strata, clusters, two stages, fpc as population sizes and as fractions, nest, lonely
 * PSUs removed, adjusted and averaged) and 8 replicate designs from as.svrepdesign (JK1,
 * JKn, BRR, Fay, bootstrap; two with mse), each overall and in the domains stype == "E" and
 * stype == "H". A value agrees when its relative error is at most 1e-9, or its absolute
 * error at most 1e-12 (values near 0). The last test prints the largest errors:
 *   cd packages/core && npx vitest run test/design.test.ts
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type Design,
  type DesignProportionMethod,
  designLead,
  designProportion,
  designShares,
  kishDesignEffect,
  type LonelyPsu,
  type ReplicateType,
  replicateDesign,
  surveyDesign,
} from '../src/design/index';
import { tQuantile } from '../src/design/t-quantile';

const RELATIVE = 1e-9;
const ABSOLUTE = 1e-12;

interface Interval {
  level: number;
  method: DesignProportionMethod;
  value: number;
  lower: number | null;
  upper: number | null;
}
interface ProportionCase {
  y: string;
  domain: string | null;
  mean: number;
  se: number;
  deff: number;
  deffReplace: number;
  degf: number;
  nrow: number;
  sumWeights: number;
  intervals: Interval[];
}
interface SharesCase {
  x: string;
  domain: string | null;
  levels: string[];
  coef: number[];
  vcov: number[][];
  deff: (number | null)[];
  deffReplace: (number | null)[];
  contrasts: { i: number; j: number; estimate: number; se: number; lower: number; upper: number }[];
  intervals: {
    category: string;
    method: DesignProportionMethod;
    lower?: number | null;
    upper?: number | null;
    error?: string;
  }[];
}
type Variables = Record<string, (number | string)[]>;
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
  combined: boolean;
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
interface Fixture {
  source: { tool: string; survey: string; generated: string; command: string; options: string };
  designs: TaylorFixture[];
  replicateDesigns: ReplicateFixture[];
  replicateDefaults: {
    from: string;
    type: ReplicateType;
    rho: number | null;
    rscalesGiven: boolean;
    scale: number;
    rscales: number[];
    degf: number;
    mean: number;
    se: number;
  }[];
  kish: { data: string; weights: number[]; deff: number; nEffective: number }[];
  qt: { df: number; level: number; t: number }[];
  errors: Record<string, string>;
}

const fixture: Fixture = JSON.parse(
  readFileSync(new URL('./fixtures/design-r.json', import.meta.url), 'utf8'),
);

/** The largest error seen per quantity, printed at the end. */
const worst = new Map<string, { error: number; label: string }>();

/** Asserts agreement (1e-9 relative or 1e-12 absolute) and records the error. */
function agree(got: number | null, want: number | null, label: string, what: string): void {
  if (want === null) {
    expect(got, label).toBeNull();
    return;
  }
  expect(typeof got, `${label}: got ${got}`).toBe('number');
  const g = got as number;
  const absolute = Math.abs(g - want);
  const relative = want === 0 ? absolute : absolute / Math.abs(want);
  const error = absolute <= ABSOLUTE ? 0 : relative;
  // the printed summary: relative errors, absolute ones for values near 0
  const shown = Math.abs(want) >= 1e-3 ? relative : absolute;
  const known = worst.get(what);
  if (known === undefined || shown > known.error) worst.set(what, { error: shown, label });
  expect(
    error,
    `${label}: got ${g}, want ${want} (relative ${relative.toExponential(2)})`,
  ).toBeLessThanOrEqual(RELATIVE);
}

/** R's svyciprop(method = "mean") is not clipped; toplines clips it to [0, 1]. */
function clip(method: DesignProportionMethod, value: number | null): number | null {
  return method === 'mean' && value !== null ? Math.min(1, Math.max(0, value)) : value;
}

function domainMask(variables: Variables, domain: string | null): boolean[] | undefined {
  return domain === null ? undefined : (variables['stype'] as string[]).map((s) => s === domain);
}

function taylorDesign(f: TaylorFixture): Design {
  return surveyDesign({
    weights: f.weights,
    ...(f.strata === null ? {} : { strata: f.strata }),
    ...(f.psu === null
      ? {}
      : { psu: f.psu.length === 1 ? (f.psu[0] as (number | string)[]) : f.psu }),
    ...(f.fpc === null ? {} : { fpc: f.fpc.length === 1 ? (f.fpc[0] as number[]) : f.fpc }),
    nest: f.nest,
    lonelyPsu: f.lonelyPsu,
  });
}

function checkProportions(
  name: string,
  design: Design,
  f: { variables: Variables; proportions: ProportionCase[] },
  replicate: boolean,
): void {
  for (const c of f.proportions) {
    const y = f.variables[c.y] as number[];
    const domain = domainMask(f.variables, c.domain);
    const where = `${name} ${c.y} ${c.domain ?? 'all'}`;
    for (const interval of c.intervals) {
      const label = `${where} ${interval.method} ${interval.level}`;
      const options = {
        level: interval.level,
        method: interval.method,
        ...(domain ? { domain } : {}),
      };
      if (replicate && interval.method === 'likelihood') {
        // R's survey 4.1.1 gives NA for every replicate design; toplines refuses
        expect(interval.lower).toBeNull();
        expect(() => designProportion(y, design, options)).toThrow(/likelihood/);
        continue;
      }
      const r = designProportion(y, design, options);
      agree(r.estimate, c.mean, `${label} estimate`, 'estimate');
      agree(r.se, c.se, `${label} se`, 'se');
      agree(r.deff, c.deff, `${label} deff`, 'deff');
      agree(r.nEffective, c.nrow / c.deff, `${label} nEffective`, 'nEffective');
      expect(r.n, `${label} n`).toBe(c.nrow);
      expect(r.df, `${label} df`).toBe(c.degf);
      agree(r.sumWeights, c.sumWeights, `${label} sumWeights`, 'sumWeights');
      agree(
        r.lower,
        clip(interval.method, interval.lower),
        `${label} lower`,
        `${interval.method} bounds`,
      );
      agree(
        r.upper,
        clip(interval.method, interval.upper),
        `${label} upper`,
        `${interval.method} bounds`,
      );
    }
    const replace = designProportion(y, design, {
      deffReference: 'with-replacement',
      method: 'mean',
      ...(domain ? { domain } : {}),
    });
    agree(replace.deff, c.deffReplace, `${where} deff replace`, 'deff');
  }
}

function checkShares(
  name: string,
  design: Design,
  f: { variables: Variables; shares: SharesCase[] },
  replicate: boolean,
): void {
  for (const c of f.shares) {
    const x = f.variables[c.x] as string[];
    const domain = domainMask(f.variables, c.domain);
    const where = `${name} shares ${c.x} ${c.domain ?? 'all'}`;
    for (const method of ['logit', 'likelihood', 'beta', 'mean'] as const) {
      const options = { method, levels: c.levels, ...(domain ? { domain } : {}) };
      if (replicate && method === 'likelihood') {
        expect(() => designShares(x, design, options)).toThrow(/likelihood/);
        continue;
      }
      const s = designShares(x, design, options);
      expect(s.categories).toEqual(c.levels);
      c.levels.forEach((level, a) => {
        const share = s.shares[a] as (typeof s.shares)[number];
        agree(share.estimate, c.coef[a] as number, `${where} ${level} estimate`, 'shares estimate');
        agree(share.deff, c.deff[a] as number | null, `${where} ${level} deff`, 'shares deff');
        const row = c.vcov[a] as number[];
        row.forEach((v, b) => {
          agree(
            (s.covariance[a] as number[])[b] as number,
            v,
            `${where} vcov[${a}][${b}]`,
            'shares covariance',
          );
        });
        const ci = c.intervals.find((i) => i.category === level && i.method === method);
        if (ci === undefined) return;
        if (ci.error !== undefined || (row[a] as number) < 1e-25) {
          // A share with no variance (stype in a design stratified by stype, R's vcov about
          // 1e-35): R's likelihood profile fails and its beta quantiles at shapes of 1e34
          // are not reliable (0.5); toplines gives the point
          expect(share.upper - share.lower, `${where} ${level} ${method}`).toBeLessThan(1e-9);
        } else if (method === 'logit' && (ci.lower === null || ci.upper === null)) {
          // R's expit(β̂ ± t·se) with an infinite se (replicate fits that diverge: a
          // bootstrap replicate without an m76-100 school in the domain H) is
          // exp(∞)/(1 + exp(∞)) = NaN; toplines gives the limits, 0 and 1
          expect([share.lower, share.upper]).toEqual([ci.lower ?? 0, ci.upper ?? 1]);
        } else {
          agree(
            share.lower,
            clip(method, ci.lower ?? null),
            `${where} ${level} ${method} lower`,
            `${method} bounds`,
          );
          agree(
            share.upper,
            clip(method, ci.upper ?? null),
            `${where} ${level} ${method} upper`,
            `${method} bounds`,
          );
        }
      });
      if (method !== 'mean') continue;
      for (const contrast of c.contrasts) {
        const lead = designLead(s, c.levels[contrast.i] as string, c.levels[contrast.j] as string);
        const label = `${where} ${contrast.i}-${contrast.j}`;
        agree(lead.difference, contrast.estimate, `${label} difference`, 'lead');
        agree(lead.se, contrast.se, `${label} se`, 'lead');
        // clipped to [−1, 1] as leadTest's (R's confint is not)
        agree(lead.lower, Math.max(-1, contrast.lower), `${label} lower`, 'lead');
        agree(lead.upper, Math.min(1, contrast.upper), `${label} upper`, 'lead');
      }
    }
    const replace = designShares(x, design, {
      method: 'mean',
      levels: c.levels,
      deffReference: 'with-replacement',
      ...(domain ? { domain } : {}),
    });
    replace.shares.forEach((share, a) => {
      agree(share.deff, c.deffReplace[a] as number | null, `${where} deff replace`, 'shares deff');
    });
  }
}

describe('Taylor designs against R survey', () => {
  for (const f of fixture.designs) {
    it(`${f.name}: designProportion and designShares`, () => {
      const design = taylorDesign(f);
      checkProportions(f.name, design, f, false);
      checkShares(f.name, design, f, false);
    });
  }
});

describe('replicate designs against R survey', () => {
  for (const f of fixture.replicateDesigns) {
    for (const combined of [false, true]) {
      it(`${f.name} (${combined ? 'whole weights' : 'multipliers, as R holds them'})`, () => {
        const replicates = combined
          ? f.multipliers.map((m) => m.map((v, i) => v * (f.weights[i] as number)))
          : f.multipliers;
        const setScale = f.type !== 'BRR' && f.type !== 'Fay';
        const design = replicateDesign({
          weights: f.weights,
          replicates,
          type: f.type,
          combined,
          ...(setScale ? { scale: f.scale } : {}),
          rscales: f.rscales,
          mse: f.mse,
          ...(f.type === 'Fay' ? { rho: f.rho } : {}),
        });
        agree(design.scale, f.scale, `${f.name} scale`, 'scale');
        expect(design.degf).toBe(f.degf);
        checkProportions(f.name, design, f, true);
        checkShares(f.name, design, f, true);
      });
    }
  }
});

describe("replicateDesign's defaults are svrepdesign's", () => {
  for (const d of fixture.replicateDefaults) {
    it(`${d.type}${d.rscalesGiven ? ' (rscales given)' : ''}`, () => {
      const from = fixture.replicateDesigns.find((r) => r.name === d.from) as ReplicateFixture;
      const design = replicateDesign({
        weights: from.weights,
        replicates: from.multipliers.map((m) => m.map((v, i) => v * (from.weights[i] as number))),
        type: d.type,
        ...(d.rho === null ? {} : { rho: d.rho }),
        ...(d.rscalesGiven ? { rscales: d.rscales } : {}),
      });
      agree(design.scale, d.scale, `${d.type} scale`, 'scale');
      expect(Array.from(design.rscales)).toEqual(d.rscales);
      expect(design.degf).toBe(d.degf);
      const r = designProportion(from.variables['sch_wide'] as number[], design);
      agree(r.estimate, d.mean, `${d.type} mean`, 'estimate');
      agree(r.se, d.se, `${d.type} se`, 'se');
    });
  }
});

describe('kishDesignEffect', () => {
  it("agrees with R's n·Σw²/(Σw)² on the api weights", () => {
    for (const k of fixture.kish) {
      const r = kishDesignEffect(k.weights);
      agree(r.deff, k.deff, `${k.data} deff`, 'kish');
      agree(r.nEffective, k.nEffective, `${k.data} nEffective`, 'kish');
      expect(r.n).toBe(k.weights.length);
    }
  });
});

describe('the t quantile the intervals use', () => {
  it("agrees with R's qt for df from 1 to 10^7", () => {
    for (const q of fixture.qt)
      agree(tQuantile(1 - q.level, q.df), q.t, `qt ${q.level} ${q.df}`, 'qt');
  });
});

afterAll(() => {
  const lines = [...worst.entries()]
    .sort((a, b) => b[1].error - a[1].error)
    .map(([what, w]) => `  ${what.padEnd(20)} ${w.error.toExponential(2)}  ${w.label}`);
  console.log(
    `largest relative errors against R (${fixture.source.tool}, survey ${fixture.source.survey}):\n${lines.join('\n')}`,
  );
});
