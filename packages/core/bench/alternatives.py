"""Times statsmodels and scipy on the benchmark's cases and prints JSON for bench/run.mjs.

Usage: /usr/bin/python3 bench/alternatives.py CASES_DIR [ROUNDS]

CASES_DIR holds counts.f64 and ns.f64 (little-endian float64, written by bench/run.mjs): the
same random (x, n) cases the JavaScript kernels run on. Each alternative runs ROUNDS times
(default 5) on all of them, interleaved, after one warm-up run on the first 1,000 cases, and
the median is reported in nanoseconds a case (bench/run.mjs calls it with ROUNDS = 1 after
each of its own rounds, so both languages are timed under the same load):

- statsmodels_wilson: proportion_confint(x, n, alpha=0.05, method="wilson"), vectorised
- statsmodels_beta: proportion_confint(x, n, alpha=0.05, method="beta") (Clopper-Pearson
  by scipy.stats.beta.ppf / isf)
- scipy_betaincinv: scipy.special.betaincinv on the two shape pairs directly, no
  validation or bookkeeping (the bare quantile cost inside the above)

Written for Debian's python3-statsmodels 0.13.5 and python3-scipy 1.10.1.
"""

import json
import os
import statistics
import sys
import time

import numpy as np
import scipy
import scipy.special
import statsmodels
from statsmodels.stats.proportion import proportion_confint


def main() -> None:
    folder = sys.argv[1]
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    x = np.fromfile(os.path.join(folder, "counts.f64"), dtype="<f8")
    n = np.fromfile(os.path.join(folder, "ns.f64"), dtype="<f8")
    k = len(x)

    def wilson():
        return proportion_confint(x, n, alpha=0.05, method="wilson")

    def beta():
        return proportion_confint(x, n, alpha=0.05, method="beta")

    def betaincinv():
        with np.errstate(all="ignore"):
            low = scipy.special.betaincinv(x, n - x + 1, 0.025)
            upp = scipy.special.betaincinv(x + 1, n - x, 0.975)
        return low, upp

    kernels = {
        "statsmodels_wilson": wilson,
        "statsmodels_beta": beta,
        "scipy_betaincinv": betaincinv,
    }
    times = {name: [] for name in kernels}
    full = (x, n)
    x, n = full[0][:1000], full[1][:1000]
    for kernel in kernels.values():
        kernel()  # warm up: first-call costs (imports, caches) are not timed
    x, n = full
    for _ in range(rounds):
        for name, kernel in kernels.items():
            start = time.perf_counter_ns()
            kernel()
            times[name].append((time.perf_counter_ns() - start) / k)
    low, upp = beta()
    result = {
        "versions": {
            "python": sys.version.split()[0],
            "numpy": np.__version__,
            "scipy": scipy.__version__,
            "statsmodels": statsmodels.__version__,
        },
        "cases": k,
        "rounds": rounds,
        "nsPerCase": {name: statistics.median(t) for name, t in times.items()},
    }
    # The Clopper-Pearson bounds scipy gives, for the accuracy column.
    np.asarray(low, dtype="<f8").tofile(os.path.join(folder, "scipy-lower.f64"))
    np.asarray(upp, dtype="<f8").tofile(os.path.join(folder, "scipy-upper.f64"))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
