// The design-based benchmark of @toplines/core (issue #17), run by bench/run.mjs:
// designProportion on 1,000,000 respondents of a stratified cluster sample (50 strata of
// 200 PSUs of 100 respondents, unequal weights, answers correlated within PSUs; a seeded
// generator) against R's survey::svymean on the same data in the same run. The data go to
// R as little-endian binary files; R builds the design with svydesign (not timed) and only
// svymean itself is timed, with system.time, once per round; svyciprop (R's logit interval,
// which designProportion's default gives) is timed once, as information.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const STRATA = 50;
const PSUS = 200;
const PER_PSU = 100;

/** The sample: weights, stratum and PSU of each respondent, and a 0/1 answer. */
export function drawSample() {
  let state = 0x2545f491;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  const n = STRATA * PSUS * PER_PSU;
  const weights = new Float64Array(n);
  const strata = new Int32Array(n);
  const psu = new Int32Array(n);
  const y = new Float64Array(n);
  let i = 0;
  for (let h = 0; h < STRATA; h++) {
    const stratumWeight = 0.5 + 1.5 * next();
    const stratumShare = 0.3 + 0.4 * next();
    for (let j = 0; j < PSUS; j++) {
      const share = Math.min(0.95, Math.max(0.05, stratumShare + 0.3 * (next() - 0.5)));
      for (let r = 0; r < PER_PSU; r++) {
        weights[i] = stratumWeight * (0.5 + 2.5 * next());
        strata[i] = h + 1;
        psu[i] = h * PSUS + j + 1;
        y[i] = next() < share ? 1 : 0;
        i++;
      }
    }
  }
  return { n, weights, strata, psu, y };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

/**
 * Times surveyDesign and designProportion (logit, the default, and mean) over `rounds`
 * rounds, and R's svymean on the same data; returns milliseconds (medians) and the
 * estimates of both, or `r: undefined` with the reason when Rscript fails.
 */
export function designBench(K, work, rounds) {
  const sample = drawSample();
  const ms = (start) => Number(process.hrtime.bigint() - start) / 1e6;
  const build = [];
  const logit = [];
  const mean = [];
  let design;
  let result;
  for (let r = 0; r <= rounds; r++) {
    globalThis.gc?.();
    let start = process.hrtime.bigint();
    design = K.surveyDesign({ weights: sample.weights, strata: sample.strata, psu: sample.psu });
    const tBuild = ms(start);
    globalThis.gc?.();
    start = process.hrtime.bigint();
    result = K.designProportion(sample.y, design);
    const tLogit = ms(start);
    globalThis.gc?.();
    start = process.hrtime.bigint();
    const m = K.designProportion(sample.y, design, { method: 'mean' });
    const tMean = ms(start);
    if (r === 0) continue; // warm-up
    build.push(tBuild);
    logit.push(tLogit);
    mean.push(tMean);
    result = { ...result, meanSe: m.se };
  }
  const ours = { build: median(build), logit: median(logit), mean: median(mean), result };

  writeFileSync(join(work, 'w.f64'), new Uint8Array(sample.weights.buffer));
  writeFileSync(join(work, 'strata.i32'), new Uint8Array(sample.strata.buffer));
  writeFileSync(join(work, 'psu.i32'), new Uint8Array(sample.psu.buffer));
  writeFileSync(join(work, 'y.f64'), new Uint8Array(sample.y.buffer));
  const script = `
    suppressPackageStartupMessages(library(survey))
    w <- readBin(file.path(dir, "w.f64"), "double", n = k, endian = "little")
    s <- readBin(file.path(dir, "strata.i32"), "integer", n = k, size = 4, endian = "little")
    p <- readBin(file.path(dir, "psu.i32"), "integer", n = k, size = 4, endian = "little")
    y <- readBin(file.path(dir, "y.f64"), "double", n = k, endian = "little")
    build <- system.time(d <- svydesign(id = ~p, strata = ~s, weights = ~w, data = data.frame(w, s, p, y)))[["elapsed"]]
    m <- svymean(~y, d)
    times <- numeric(rounds)
    for (i in seq_len(rounds)) times[i] <- system.time(m <- svymean(~y, d))[["elapsed"]]
    ciprop <- system.time(ci <- svyciprop(~y, d))[["elapsed"]]
    cat(median(times), build, ciprop, sprintf("%.17g", c(coef(m), SE(m), attr(ci, "ci"))),
      R.version.string, as.character(packageVersion("survey")), sep = "\\n")`;
  const run = spawnSync(
    'Rscript',
    ['-e', `dir <- "${work}"; k <- ${sample.n}; rounds <- ${rounds}`, '-e', script],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  if (run.error || run.status !== 0) {
    return {
      n: sample.n,
      ours,
      r: undefined,
      reason: run.error ? run.error.message : run.stderr.trim().split('\n').pop(),
    };
  }
  const [svymean, svydesign, svyciprop, mean_, se, lower, upper, version, survey] = run.stdout
    .trim()
    .split('\n');
  return {
    n: sample.n,
    ours,
    r: {
      svymean: Number(svymean) * 1000,
      svydesign: Number(svydesign) * 1000,
      svyciprop: Number(svyciprop) * 1000,
      mean: Number(mean_),
      se: Number(se),
      lower: Number(lower),
      upper: Number(upper),
      version: `${version}, survey ${survey}`,
    },
  };
}
