#!/usr/bin/python3
"""scikit-learn's ROC AUC on the ODDS benchmarks at seed 42 and averaged over seeds 1..10.

The known answers in native_tests/test_odds.cpp come from this script (scikit-learn 1.2.1,
Debian python3-sklearn): IsolationForest(n_estimators=100, max_samples=256, random_state=s),
fitted and scored on the whole file, AUC of -score_samples against `label`.
Usage: /usr/bin/python3 bench/sklearn_odds_seeds.py [ODDS_DIR]
"""
import sys
import numpy as np
from sklearn.ensemble import IsolationForest
from sklearn.metrics import roc_auc_score

odds = sys.argv[1] if len(sys.argv) > 1 else "testdata/odds"
for name in ["shuttle", "mammography", "satellite", "pima", "breastw"]:
    data = np.loadtxt(f"{odds}/{name}.csv", delimiter=",", skiprows=1)
    x, y = data[:, :-1], data[:, -1]
    def auc(seed):
        forest = IsolationForest(n_estimators=100, max_samples=256, random_state=seed).fit(x)
        return roc_auc_score(y, -forest.score_samples(x))
    seeds = [auc(s) for s in range(1, 11)]
    print(f"{name:12s} seed42={auc(42):.4f} mean_seeds_1_10={np.mean(seeds):.4f} sd={np.std(seeds):.4f}")
