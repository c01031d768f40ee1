// The intercept-only quasibinomial fit behind R's svyciprop(method = "logit" or
// "likelihood"): svyglm(y ~ 1, family = quasibinomial) runs glm.fit's iteratively
// reweighted least squares, whose answer differs from the exact logit of the weighted
// mean by up to about 1e-9 (glm's convergence test is on the deviance, at 1e-8). The
// steps are replayed here as glm.fit takes them, so that the intervals agree with R's to
// rounding. Internal.

const THRESH = 30;
const EPS = 2.220446049250313e-16;
const INVEPS = 1 / EPS;
/** glm.control()'s epsilon and maxit. */
const EPSILON = 1e-8;
const MAXIT = 25;

/** R's logit linkinv (C logit_linkinv): expit with η clamped beyond ±30. */
export function linkinv(eta: number): number {
  const t = eta < -THRESH ? EPS : eta > THRESH ? INVEPS : Math.exp(eta);
  return t / (1 + t);
}

/** R's logit mu.eta (C logit_mu_eta): dμ/dη, DBL_EPSILON beyond ±30. */
export function muEta(eta: number): number {
  const opexp = 1 + Math.exp(eta);
  return eta > THRESH || eta < -THRESH ? EPS : Math.exp(eta) / (opexp * opexp);
}

/**
 * Sums of the first iteration of glm.fit from binomial's starting values, over the
 * respondents of a domain with prior weights w̃ (the design weights over their mean):
 * devold = Σ dev(y, μ⁰), and Σ ww·z, Σ ww of the weighted least squares, where μ⁰ =
 * (w̃y + ½)/(w̃ + 1) differs by respondent.
 */
export interface FirstStep {
  deviance: number;
  weightedZ: number;
  weight: number;
}

/**
 * The first-iteration terms of a respondent with prior weight w, in closed form. With
 * u = 2w + 1, binomial's start is μ⁰ = (w + ½)/(w + 1) = u/(u + 1) for a 1 and
 * ½/(w + 1) = 1/(u + 1) for a 0, so η⁰ = ±log u, μ'(η⁰) = V(μ⁰) = u/(u + 1)², the working
 * weight ww = w·u/(u + 1)² and the deviance term 2w·log((u + 1)/u) are the same for a 1
 * and a 0, and ww·z = ±ww·(log u + (u + 1)/u). R reaches the same numbers through exp and
 * log (to rounding). Writes [deviance term, ww, ww·z of a 1] to `out`.
 */
export function firstStepTerms(w: number, out: Float64Array): void {
  const u = 2 * w + 1;
  const ww = (w * u) / ((u + 1) * (u + 1));
  out[0] = 2 * w * Math.log1p(1 / u);
  out[1] = ww;
  out[2] = ww * (Math.log(u) + (u + 1) / u);
}

/** What the fit leaves for the intervals. */
export interface LogisticFit {
  /** The fitted intercept β̂ (logit scale). */
  beta: number;
  /** The fitted value expit(β̂) (glm's fitted.values). */
  mu: number;
  /** Σ of the last iteration's working weights (summary.glm's cov.unscaled is its inverse). */
  workingWeight: number;
  /** The deviance at β̂. */
  deviance: number;
  iterations: number;
  converged: boolean;
}

/**
 * The deviance Σ w̃·dev(y, μ) of a constant μ, with s1 = Σ w̃ over y = 1 and s0 over y = 0
 * (binomial dev.resids: 2w̃ log(1/μ) for a 1, 2w̃ log(1/(1 − μ)) for a 0).
 */
export function deviance(mu: number, s1: number, s0: number): number {
  return 2 * (s1 * Math.log(1 / mu) + s0 * Math.log(1 / (1 - mu)));
}

/**
 * glm.fit for y ~ 1, quasibinomial: from binomial's starting values (`first`, whose
 * iteration 1 is summed respondent by respondent) when `start` is undefined, else from the
 * intercept `start` (R's svyglm on replicates: glm.fit(start = β̂)). After the first step
 * the fitted value is the same for everyone and each step is Newton's on the logit,
 * β ← β + (p − μ)/μ'(β), with p = s1/(s1 + s0). It stops as glm.fit does, when
 * |dev − devold|/(|dev| + 0.1) < 1e-8, or after 25 iterations.
 */
export function logisticFit(
  s1: number,
  s0: number,
  first: FirstStep | undefined,
  start?: number,
): LogisticFit {
  const total = s1 + s0;
  const p = s1 / total;
  let eta: number;
  let devold: number;
  let beta: number;
  let workingWeight: number;
  let iteration = 1;
  if (first !== undefined) {
    devold = first.deviance;
    beta = first.weightedZ / first.weight;
    workingWeight = first.weight;
  } else {
    eta = start as number;
    devold = deviance(linkinv(eta), s1, s0);
    const mu = linkinv(eta);
    const me = muEta(eta);
    beta = eta + (p - mu) / me;
    workingWeight = (total * me * me) / (mu * (1 - mu));
  }
  let mu = linkinv(beta);
  let dev = deviance(mu, s1, s0);
  let converged = Math.abs(dev - devold) / (Math.abs(dev) + 0.1) < EPSILON;
  while (!converged && iteration < MAXIT) {
    iteration++;
    devold = dev;
    eta = beta;
    const me = muEta(eta);
    workingWeight = (total * me * me) / (mu * (1 - mu));
    beta = eta + (p - mu) / me;
    mu = linkinv(beta);
    dev = deviance(mu, s1, s0);
    converged = Math.abs(dev - devold) / (Math.abs(dev) + 0.1) < EPSILON;
  }
  return { beta, mu, workingWeight, deviance: dev, iterations: iteration, converged };
}
