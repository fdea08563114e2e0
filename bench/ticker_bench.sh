#!/usr/bin/env bash
# Ticker scoring throughput (issue 12): `vixray ticker score` beside scikit-learn's
# IsolationForest on the same 14 indicators. `make bench` calls
#   bench/ticker_bench.sh NATIVE_BUILD_DIR
# Synthetic 5-minute bars (bench/ticker_bars.py: TICKER_BENCH_TICKERS files of
# TICKER_BENCH_DAYS sessions, default 4 x 250 = 78,000 bars), one US model trained on them
# (100 trees, psi 256), then:
#   vixray   `ticker score` on every file: indicators + forest + calibration, bars per second
#            as the command prints it (reading the CSV files not included), best of REPEATS;
#   sklearn  score_samples on the complete indicator rows vixray computed (forest only).
set -euo pipefail

native=${1:?usage: bench/ticker_bench.sh NATIVE_BUILD_DIR}
repeats=${BENCH_REPEATS:-5}
tickers=${TICKER_BENCH_TICKERS:-4}
days=${TICKER_BENCH_DAYS:-250}
here=$(cd "$(dirname "$0")" && pwd)
work="$native/bench-data/tickers"
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 BLIS_NUM_THREADS=1 \
  NUMEXPR_NUM_THREADS=1

rm -rf "$work"
/usr/bin/python3 "$here/ticker_bars.py" "$work" "$tickers" "$days"
csv_args=()
for ((k = 0; k < tickers; k++)); do csv_args+=(--csv "$work/T$k.csv"); done
"$native/vixray" ticker train "${csv_args[@]}" --market US --out "$work/model.json" > /dev/null
best=0
for ((r = 0; r < repeats; r++)); do
  line=$("$native/vixray" ticker score "${csv_args[@]}" --model "$work/model.json" \
    --out "$work/anomalies.json" | tail -1)
  rate=$(sed -n 's/.* flagged, \([0-9]*\) bars\/s.*/\1/p' <<< "$line")
  ((rate > best)) && best=$rate
  bars=$(sed -n 's/^ticker score: \([0-9]*\) bars scored.*/\1/p' <<< "$line")
done
"$native/vixray" features compute --frame "$work/frame.csv" --catalogue ticker-relative \
  --out "$work/features.csv" > /dev/null
s=$(/usr/bin/python3 "$here/sklearn_ticker_bench.py" "$work/features.csv" "$repeats")
sk=$(tr ' ' '\n' <<< "$s" | sed -n 's/^score_rows_per_s=//p')
echo
echo "ticker scoring, $tickers tickers x $days days of 5-minute bars ($bars bars), 14 indicators," \
  "100 trees, psi 256, one thread, best of $repeats; load average $(cut -d' ' -f1 /proc/loadavg)"
printf '%-48s %14s\n' "" "bars/s"
printf '%-48s %14s\n' "vixray ticker score (indicators + forest)" "$best"
printf '%-48s %14s\n' "scikit-learn score_samples (forest only)" "$sk"
awk -v a="$best" -v b="$sk" 'BEGIN { printf "%-48s %13.1fx\n", "vixray / scikit-learn", a / b }'
