#!/usr/bin/env python3
"""Which simulated events feed which detector: each alarm day (HIGH or CRITICAL) of an export's
analysis.json goes to its top detector (the rule of `vixray alerts`), and is counted under every
event kind of events.csv (`vixray simulate --out DIR`) whose window [start, end + LAG trading
days] holds the day, or under "none". Usage:

    tools/alerts_by_event.py EXPORT/analysis.json SIM_DIR/events.csv [LAG=5]
"""
import collections
import csv
import json
import sys

KINDS = ["crash", "flash_crash", "vol_spike", "bear_grind", "volume_surge", "gap_move", "calm"]


def top_detector(names, scores, day):
    best, best_score = None, None
    for name in names:
        s = scores[name][day]
        if s is not None and (best_score is None or s > best_score):
            best, best_score = name, s
    return best


def main(analysis_path, events_path, lag=5):
    a = json.load(open(analysis_path))
    dates, levels, names = a["dates"], a["level"], a["detectors"]
    kinds_of = collections.defaultdict(set)
    for e in csv.DictReader(open(events_path)):
        days = [i for i, d in enumerate(dates) if e["start"] <= d <= e["end"]]
        if not days:
            continue
        for i in range(days[0], min(len(dates), days[-1] + lag + 1)):
            kinds_of[i].add(e["kind"])
    counts = collections.defaultdict(collections.Counter)
    for i, level in enumerate(levels):
        if level in ("HIGH", "CRITICAL"):
            top = top_detector(names, a["detector_scores"], i)
            for kind in kinds_of.get(i) or {"none"}:
                counts[top][kind] += 1
            counts[top]["days"] += 1
    columns = ["days"] + KINDS + ["none"]
    print("| detector | " + " | ".join(columns) + " |")
    print("|---" * (len(columns) + 1) + "|")
    for name in names + ["all"]:
        row = counts[name] if name != "all" else sum(counts.values(), collections.Counter())
        print(f"| {name} | " + " | ".join(str(row[c]) for c in columns) + " |")


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) == 4 else 5)
