// The JavaScript side of the benchmark (bundled by bench/run.mjs with esbuild, so it runs the
// TypeScript source as it is, without a build). Each kernel fills `lower` and `upper` for
// every case; run.mjs times them.
import stdlibBetaQuantile from '@stdlib/stats-base-dists-beta-quantile';
import jStatModule from 'jstat';
import { proportionCI } from '../src/proportion-ci';
import { proportionCIs } from '../src/proportion-cis';
import { betaQuantile } from '../src/special/beta-quantile';

export { betaQuantile, proportionCI, proportionCIs };

// jstat ships no types: its CommonJS export is the jStat function, whose `beta.inv` is used.
const jStat = jStatModule as unknown as {
  beta: { inv: (prob: number, a: number, b: number) => number };
};

/**
 * The hardware floor: the textbook Wilson formula written out by hand, no validation, no
 * care for cancellation — the fastest correct-looking loop one would write. Like
 * proportionCIs it allocates and returns its two result arrays.
 */
export function plainWilson(
  ps: Float64Array,
  ns: Float64Array,
  z: number,
): { lower: Float64Array; upper: Float64Array } {
  const lower = new Float64Array(ps.length);
  const upper = new Float64Array(ps.length);
  const z2 = z * z;
  for (let i = 0; i < ps.length; i++) {
    const p = ps[i] as number;
    const n = ns[i] as number;
    const denom = 1 + z2 / n;
    const centre = p + z2 / (2 * n);
    const half = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
    lower[i] = (centre - half) / denom;
    upper[i] = (centre + half) / denom;
  }
  return { lower, upper };
}

/** The one-case API in a loop, for comparison with the bulk API. */
export function oneAtATime(
  ps: Float64Array,
  ns: Float64Array,
  method: 'wilson' | 'clopper-pearson',
  lower: Float64Array,
  upper: Float64Array,
): void {
  for (let i = 0; i < ps.length; i++) {
    const ci = proportionCI(ps[i] as number, ns[i] as number, { method });
    lower[i] = ci.lower;
    upper[i] = ci.upper;
  }
}

/**
 * Clopper–Pearson bounds from another JavaScript library's beta quantile, `quantile(prob, a,
 * b)`, for the first `count` cases: the same formula as proportionCIs (x = p·n; 0 at x = 0, 1 at
 * x = n), so the libraries are compared on the same work.
 */
function clopperPearsonWith(
  quantile: (prob: number, a: number, b: number) => number,
  ps: Float64Array,
  ns: Float64Array,
  count: number,
): { lower: Float64Array; upper: Float64Array } {
  const lower = new Float64Array(count);
  const upper = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const n = ns[i] as number;
    const x = Math.round((ps[i] as number) * n);
    lower[i] = x === 0 ? 0 : quantile(0.025, x, n - x + 1);
    upper[i] = x === n ? 1 : quantile(0.975, x + 1, n - x);
  }
  return { lower, upper };
}

/** jStat 1.9 (`jStat.beta.inv`, its `ibetainv`). */
export function jstatClopperPearson(ps: Float64Array, ns: Float64Array, count: number) {
  return clopperPearsonWith((prob, a, b) => jStat.beta.inv(prob, a, b), ps, ns, count);
}

/** @stdlib/stats-base-dists-beta-quantile 0.2 (its `betaincinv`). */
export function stdlibClopperPearson(ps: Float64Array, ns: Float64Array, count: number) {
  return clopperPearsonWith(stdlibBetaQuantile, ps, ns, count);
}

export { designProportion, surveyDesign } from '../src/design/index';
