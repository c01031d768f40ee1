// The profile-likelihood interval of svyciprop(method = "likelihood"): survey's
// confint.svyglm(method = "likelihood") profiles the quasibinomial deviance on a grid of
// intercepts (MASSprofile_glm, after MASS's profile.glm), interpolates the signed root of
// the deviance with R's spline() (Forsythe, Malcolm and Moler's cubic spline at 3 points
// per grid point) and reads the cut-offs off it with approx(). The grid, the spline and the
// linear interpolation are replayed here as R runs them. Internal.
import { deviance, linkinv } from './logistic-fit';

/** What the profile needs. */
export interface ProfileInput {
  /** The fitted intercept and its design-based standard error (survey's summary.svyglm). */
  beta: number;
  se: number;
  /** Σ w̃ over the 1s and over the 0s (the prior weights), and the deviance at β̂. */
  s1: number;
  s0: number;
  deviance0: number;
  /** summary.svyglm's dispersion: the weighted variance of the Pearson residuals. */
  dispersion: number;
  /** The largest |z| the grid must reach: √qf(α, 1, n − 1, lower.tail = FALSE). */
  zmax: number;
  /** The cut-off |z|: |qt((1 − level)/2, df)|·√λ, λ = design variance / model variance. */
  cutoff: number;
}

/** MASSprofile_glm's maxsteps. */
const MAX_STEPS = 10;

/**
 * The interval [lower, upper] on the logit scale, or undefined where R's profile fails:
 * a grid with fewer than two distinct points (a standard error of 0). Where R's grid of
 * 9 steps each way stops short of a cut-off (R's approx gives NA), the grid is extended
 * step by step until it passes it.
 */
export function profileInterval(input: ProfileInput): [number, number] | undefined {
  const { beta, se, s1, s0, deviance0, dispersion, zmax, cutoff } = input;
  const del = zmax / 5;
  const zs: number[] = [0];
  const bs: number[] = [beta];
  for (const sign of [-1, 1]) {
    let z = 0;
    // R: while ((step <- step + 1) < maxsteps && abs(z) < zmax); beyond R's grid (where it
    // would give NA) until the cut-off is passed
    for (let step = 1; (step < MAX_STEPS && Math.abs(z) < zmax) || Math.abs(z) < cutoff; step++) {
      if (step > 1000) return undefined;
      const b = beta + sign * step * del * se;
      let zz = (deviance(linkinv(b), s1, s0) - deviance0) / dispersion;
      // R stops with "profiling has found a better solution" below −0.001
      if (!(zz > -0.001)) return undefined;
      zz = Math.max(zz, 0);
      z = sign * Math.sqrt(zz);
      zs.push(z);
      bs.push(b);
    }
  }
  // order(zi): by z, ties in the order found (R's order is stable)
  const order = zs.map((_, i) => i).sort((i, j) => (zs[i] as number) - (zs[j] as number) || i - j);
  const z = order.map((i) => zs[i] as number);
  const b = order.map((i) => bs[i] as number);
  // spline(x = par.vals, y = z): regularize.values sorts by x and averages ties
  const [sx, sy] = regularize(b, z);
  if (sx.length < 2) return undefined;
  const m = 3 * b.length;
  const xout = sequence(sx[0] as number, sx[sx.length - 1] as number, m);
  const yout = splineFmm(sx, sy, xout);
  // approx(sp$y, sp$x, xout = cutoff)
  const [ax, ay] = regularize(yout, xout);
  if (ax.length < 2) return undefined;
  const lower = approx(ax, ay, -cutoff);
  const upper = approx(ax, ay, cutoff);
  if (lower === undefined || upper === undefined) return undefined;
  return [lower, upper];
}

/** R's regularize.values(x, y, mean): sorted by x (stably), ties of x replaced by the mean y. */
function regularize(x: ArrayLike<number>, y: ArrayLike<number>): [number[], number[]] {
  const index = Array.from({ length: x.length }, (_, i) => i);
  let sorted = true;
  for (let i = 1; i < x.length; i++) if ((x[i] as number) < (x[i - 1] as number)) sorted = false;
  if (!sorted) index.sort((i, j) => (x[i] as number) - (x[j] as number) || i - j);
  const ox: number[] = [];
  const oy: number[] = [];
  for (let i = 0; i < index.length; ) {
    const xi = x[index[i] as number] as number;
    let sum = 0;
    let count = 0;
    let j = i;
    while (j < index.length && x[index[j] as number] === xi) {
      sum += y[index[j] as number] as number;
      count++;
      j++;
    }
    ox.push(xi);
    oy.push(count === 1 ? (y[index[i] as number] as number) : sum / count);
    i = j;
  }
  return [ox, oy];
}

/** R's seq.int(from, to, length.out = n) for doubles (C do_seq): symmetric from both ends. */
function sequence(from: number, to: number, n: number): number[] {
  const out = new Array<number>(n);
  if (n > 0) out[0] = from;
  if (n > 1) out[n - 1] = to;
  if (n > 2) {
    const by = (to - from) / (n - 1);
    for (let i = 1; i < n - 1; i++) out[i] = i < n / 2 ? from + i * by : to - (n - 1 - i) * by;
  }
  return out;
}

/**
 * R's spline(method = "fmm") at `xout`: the cubic spline of Forsythe, Malcolm and Moler
 * (1977), whose end conditions match the third derivatives of the cubics through the
 * first four and the last four points (C spline_coef / fmm_spline and spline_eval of R's
 * stats package).
 */
function splineFmm(x: number[], y: number[], xout: number[]): number[] {
  const n = x.length;
  const b = new Float64Array(n);
  const c = new Float64Array(n);
  const d = new Float64Array(n);
  const X = (i: number): number => x[i - 1] as number;
  const Y = (i: number): number => y[i - 1] as number;
  // 1-based helpers over 0-based arrays, as the C code reads
  const get = (a: Float64Array, i: number): number => a[i - 1] as number;
  const set = (a: Float64Array, i: number, v: number): void => {
    a[i - 1] = v;
  };
  if (n < 3) {
    const t = (Y(2) - Y(1)) / (X(2) - X(1));
    b[0] = t;
    b[1] = t;
  } else {
    const nm1 = n - 1;
    set(d, 1, X(2) - X(1));
    set(c, 2, (Y(2) - Y(1)) / get(d, 1));
    for (let i = 2; i < n; i++) {
      set(d, i, X(i + 1) - X(i));
      set(b, i, 2 * (get(d, i - 1) + get(d, i)));
      set(c, i + 1, (Y(i + 1) - Y(i)) / get(d, i));
      set(c, i, get(c, i + 1) - get(c, i));
    }
    set(b, 1, -get(d, 1));
    set(b, n, -get(d, nm1));
    set(c, 1, 0);
    set(c, n, 0);
    if (n > 3) {
      set(c, 1, get(c, 3) / (X(4) - X(2)) - get(c, 2) / (X(3) - X(1)));
      set(c, n, get(c, nm1) / (X(n) - X(n - 2)) - get(c, n - 2) / (X(nm1) - X(n - 3)));
      set(c, 1, (get(c, 1) * get(d, 1) * get(d, 1)) / (X(4) - X(1)));
      set(c, n, (-get(c, n) * get(d, nm1) * get(d, nm1)) / (X(n) - X(n - 3)));
    }
    for (let i = 2; i <= n; i++) {
      const t = get(d, i - 1) / get(b, i - 1);
      set(b, i, get(b, i) - t * get(d, i - 1));
      set(c, i, get(c, i) - t * get(c, i - 1));
    }
    set(c, n, get(c, n) / get(b, n));
    for (let i = nm1; i >= 1; i--) set(c, i, (get(c, i) - get(d, i) * get(c, i + 1)) / get(b, i));
    set(b, n, (Y(n) - Y(n - 1)) / get(d, n - 1) + get(d, n - 1) * (get(c, n - 1) + 2 * get(c, n)));
    for (let i = 1; i <= nm1; i++) {
      set(b, i, (Y(i + 1) - Y(i)) / get(d, i) - get(d, i) * (get(c, i + 1) + 2 * get(c, i)));
      set(d, i, (get(c, i + 1) - get(c, i)) / get(d, i));
      set(c, i, 3 * get(c, i));
    }
    set(c, n, 3 * get(c, n));
    set(d, n, get(d, nm1));
  }
  // spline_eval
  const out = new Array<number>(xout.length);
  let i = 0;
  for (let l = 0; l < xout.length; l++) {
    const ul = xout[l] as number;
    if (ul < (x[i] as number) || (i < n - 1 && (x[i + 1] as number) < ul)) {
      i = 0;
      let j = n;
      do {
        const k = Math.floor((i + j) / 2);
        if (ul < (x[k] as number)) j = k;
        else i = k;
      } while (j > i + 1);
    }
    const dx = ul - (x[i] as number);
    out[l] =
      (y[i] as number) + dx * ((b[i] as number) + dx * ((c[i] as number) + dx * (d[i] as number)));
  }
  return out;
}

/** R's approx(x, y, xout = v) (linear, rule 1): undefined outside [x₁, xₙ]. */
function approx(x: number[], y: number[], v: number): number | undefined {
  let i = 0;
  let j = x.length - 1;
  if (v < (x[i] as number) || v > (x[j] as number)) return undefined;
  while (i < j - 1) {
    const ij = Math.floor((i + j) / 2);
    if (v < (x[ij] as number)) j = ij;
    else i = ij;
  }
  if (v === x[j]) return y[j] as number;
  if (v === x[i]) return y[i] as number;
  const xi = x[i] as number;
  const yi = y[i] as number;
  return yi + ((y[j] as number) - yi) * ((v - xi) / ((x[j] as number) - xi));
}
