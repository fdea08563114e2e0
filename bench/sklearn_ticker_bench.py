#!/usr/bin/python3
"""scikit-learn's side of `bench/ticker_bench.sh`: IsolationForest(n_estimators=100,
max_samples=256, random_state=42, n_jobs=1) fitted on the complete rows of the 14 ticker
indicators vixray computed (`vixray features compute --catalogue ticker-relative`), then
score_samples timed on them, best of REPEATS (CPU time; the machine is shared). Prints one
key=value line. The indicators are given: this times the forest only.

Usage: /usr/bin/python3 bench/sklearn_ticker_bench.py FEATURES_CSV REPEATS
"""
import os

for var in ["OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS",
            "BLIS_NUM_THREADS", "NUMEXPR_NUM_THREADS"]:
    os.environ[var] = "1"

import sys  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402
from sklearn.ensemble import IsolationForest  # noqa: E402


def main():
    path, repeats = sys.argv[1], max(1, int(sys.argv[2]))
    data = np.genfromtxt(path, delimiter=",", skip_header=1, usecols=range(1, 15))
    x = np.ascontiguousarray(data[np.isfinite(data).all(axis=1)])
    forest = IsolationForest(n_estimators=100, max_samples=256, random_state=42, n_jobs=1).fit(x)
    forest.score_samples(x[:1000])  # warm-up
    best = best_wall = float("inf")
    for _ in range(repeats):
        cpu, wall = time.process_time(), time.perf_counter()
        forest.score_samples(x)
        best = min(best, time.process_time() - cpu)
        best_wall = min(best_wall, time.perf_counter() - wall)
    print(f"sklearn rows={len(x)} cols={x.shape[1]} score_s={best:.6f} "
          f"score_rows_per_s={len(x) / best:.0f} score_wall_s={best_wall:.6f}")


if __name__ == "__main__":
    main()
