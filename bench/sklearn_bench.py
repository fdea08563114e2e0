#!/usr/bin/python3
"""scikit-learn's side of `make bench`: fit time and score_samples throughput, one thread.

Usage: /usr/bin/python3 bench/sklearn_bench.py CSV LABEL_COL REPEATS
Same settings as bench/forest_bench.cpp: IsolationForest(n_estimators=100, max_samples=256,
random_state=42), contamination "auto", best of REPEATS runs. Prints one key=value line.
Times are CPU time of the process (time.process_time; the machine is shared), with the
wall-clock figures beside them.
"""
import os

# One thread everywhere (set before numpy loads its BLAS / OpenMP runtimes).
for var in ["OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS",
            "BLIS_NUM_THREADS", "NUMEXPR_NUM_THREADS"]:
    os.environ[var] = "1"

import sys  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402
import sklearn  # noqa: E402
from sklearn.ensemble import IsolationForest  # noqa: E402
from sklearn.metrics import roc_auc_score  # noqa: E402


def main():
    path, label_col, repeats = sys.argv[1], sys.argv[2], max(1, int(sys.argv[3]))
    with open(path, encoding="utf-8-sig") as f:
        header = f.readline().strip().split(",")
    data = np.loadtxt(path, delimiter=",", skiprows=1, ndmin=2)
    label = header.index(label_col)
    y = data[:, label]
    x = np.ascontiguousarray(np.delete(data, label, axis=1))

    def make():
        return IsolationForest(n_estimators=100, max_samples=min(256, len(x)), random_state=42,
                               n_jobs=1)

    make().fit(x)  # warm-up (imports, caches)
    best_fit = best_fit_wall = float("inf")
    for _ in range(repeats):
        cpu, wall = time.process_time(), time.perf_counter()
        forest = make().fit(x)
        best_fit = min(best_fit, time.process_time() - cpu)
        best_fit_wall = min(best_fit_wall, time.perf_counter() - wall)
    best_score = best_score_wall = float("inf")
    for _ in range(repeats):
        cpu, wall = time.process_time(), time.perf_counter()
        scores = forest.score_samples(x)
        best_score = min(best_score, time.process_time() - cpu)
        best_score_wall = min(best_score_wall, time.perf_counter() - wall)
    auc = roc_auc_score(y, -scores)
    print(f"sklearn version={sklearn.__version__} rows={len(x)} cols={x.shape[1]} "
          f"fit_s={best_fit:.6f} score_s={best_score:.6f} "
          f"score_rows_per_s={len(x) / best_score:.0f} auc={auc:.4f} "
          f"fit_wall_s={best_fit_wall:.6f} score_wall_s={best_score_wall:.6f}")


if __name__ == "__main__":
    main()
