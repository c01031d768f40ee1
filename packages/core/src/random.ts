// A small seeded random generator and the samplers the Monte Carlo functions
// need. Internal: written here because the results must be repeatable from a
// seed on every JavaScript engine, which Math.random is not.
import { normalQuantile } from './special/normal-quantile';

/** A source of uniform numbers in (0, 1). */
export type Uniform = () => number;

/**
 * xoshiro128** (Blackman & Vigna 2018), seeded through splitmix32 so that
 * any 32-bit seed gives a well-mixed state. Returns uniforms in (0, 1):
 * 2^-32 · (k + 0.5) for a 32-bit k, never 0 or 1.
 */
export function seededUniform(seed: number): Uniform {
  let s = seed >>> 0;
  const splitmix = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  return () => {
    const result = Math.imul(rotl(Math.imul(b, 5) >>> 0, 7), 9) >>> 0;
    const t = (b << 9) >>> 0;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return (result + 0.5) / 4294967296;
  };
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/**
 * A Gamma(shape, 1) variate by Marsaglia & Tsang (2000), "A Simple Method
 * for Generating Gamma Variables", ACM TOMS 26(3):363–372; shapes below 1 by
 * their boosting identity G(a) = G(a + 1)·U^(1/a). The normal deviates come
 * from inverting the normal distribution function.
 */
export function gammaVariate(shape: number, uniform: Uniform): number {
  if (shape < 1) {
    return gammaVariate(shape + 1, uniform) * uniform() ** (1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normalQuantile(uniform());
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = uniform();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}
