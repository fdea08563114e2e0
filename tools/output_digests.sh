#!/usr/bin/env bash
# SHA-256 of every file the publisher's commands write, on the demo's simulated market and on the
# real 1990-2018 files of testdata/, with a fixed clock: the proof that a change which should not
# move a number moved none.
#
#   tools/output_digests.sh VIXRAY WORK_DIR > digests.txt
#
# Runs, from the repository root (so the input paths recorded in the outputs are relative):
#   demo: vixray train --out model.json --history training_history.jsonl; vixray export
#   real: vixray train --spx testdata/real/spx... --vix testdata/real/vix...; vixray export
# and prints "sha256  demo/data/anomaly_report.json" lines, sorted by path. `make check-digests`
# compares them with testdata/digests.txt; `make digests` rewrites that file (deliberately: say
# in the commit which numbers changed and why).
set -euo pipefail
vixray=$(realpath "${1:?usage: tools/output_digests.sh VIXRAY WORK_DIR}")
work=${2:?usage: tools/output_digests.sh VIXRAY WORK_DIR}
cd "$(dirname "$0")/.."
rm -rf "$work" && mkdir -p "$work/demo" "$work/real"
# 2026-01-01T00:00:00Z: trained_at, the history line and the export timestamp.
export SOURCE_DATE_EPOCH=1767225600
quiet() { "$@" > /dev/null; }
quiet "$vixray" train --out "$work/demo/model.json" --history "$work/demo/training_history.jsonl"
quiet "$vixray" export --model "$work/demo/model.json" --out "$work/demo/data"
quiet "$vixray" train --spx testdata/real/spx_daily_1990_2018.csv \
  --vix testdata/real/vix_daily_1990_2018.csv --out "$work/real/model.json"
quiet "$vixray" export --model "$work/real/model.json" --out "$work/real/data"
(cd "$work" && find demo real -type f | LC_ALL=C sort | xargs sha256sum)
