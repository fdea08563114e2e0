#!/usr/bin/env bash
# vixray beside scikit-learn and ONNX Runtime, one run: `make bench` calls
#   bench/run.sh NATIVE_BUILD_DIR WASM_DIST_DIR TESTDATA_DIR
# For each data set (shuttle from TESTDATA_DIR/odds, and a generated 9,000 x 8 matrix rounded to
# float32 values, so every scorer reads the same numbers) it times the native core
# (vixray_bench), scikit-learn (Debian python3-sklearn, /usr/bin/python3, one thread), the
# WebAssembly build under Node, and ONNX Runtime (onnxruntime-node and onnxruntime-web's
# WebAssembly backend, from bench/node_modules: `make bench` runs npm ci in bench/) scoring the
# same forest written as an ONNX TreeEnsembleRegressor (bench/onnx_bench.mjs), and prints tables
# of fit time, score_samples throughput, AUC, ratios, parity with ONNX Runtime and the cost per
# (row, tree) (bench/bench_tables.mjs). Scoring kernels that vixray_bench or wasm_bench.mjs
# report on lines of their own (`kernel=NAME ...`, `wasm_kernel=NAME ...`: scalar vs SIMD) get a
# row in a scalar-vs-SIMD table and a column in the cost table.
# BENCH_REPEATS (default 5) sets best-of-N.
# Times are CPU time of each process (the machine may be shared: wall-clock time would measure
# the neighbours); the raw lines printed first also carry the best wall-clock times.
set -euo pipefail

native=${1:?usage: bench/run.sh NATIVE_BUILD_DIR WASM_DIST_DIR TESTDATA_DIR}
dist=${2:?usage: bench/run.sh NATIVE_BUILD_DIR WASM_DIST_DIR TESTDATA_DIR}
testdata=${3:?usage: bench/run.sh NATIVE_BUILD_DIR WASM_DIST_DIR TESTDATA_DIR}
repeats=${BENCH_REPEATS:-5}
here=$(cd "$(dirname "$0")" && pwd)
work="$native/bench-data"
mkdir -p "$work"

# One thread for every library that could start more.
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 BLIS_NUM_THREADS=1 \
  NUMEXPR_NUM_THREADS=1

if [[ ! -x "$native/vixray_bench" ]]; then
  echo "bench: $native/vixray_bench is missing (needs Debian libbenchmark-dev; run make bench)" >&2
  exit 1
fi

"$native/vixray" forest generate --rows 9000 --cols 8 --seed 42 --out "$work/generated.csv" \
  > /dev/null
node "$here/float32_csv.mjs" "$work/generated.csv" "$work/generated-f32.csv"
datasets=("shuttle:$testdata/odds/shuttle.csv")
datasets+=("generated-9000x8:$work/generated-f32.csv")

# Value of key=... in a key=value line.
field() { tr ' ' '\n' <<< "$1" | sed -n "s/^$2=//p"; }

rows_out=()
raw_lines=()
for entry in "${datasets[@]}"; do
  name=${entry%%:*}
  csv=${entry#*:}
  echo "bench: $name ..." >&2
  v=$("$native/vixray_bench" "$csv" label "$repeats" "$work/$name.model.json")
  s=$(/usr/bin/python3 "$here/sklearn_bench.py" "$csv" label "$repeats")
  w=$(node "$here/wasm_bench.mjs" "$dist" "$work/$name.model.json" "$csv" label "$repeats")
  o=$(node "$here/onnx_bench.mjs" "$dist" "$work/$name.model.json" "$csv" label "$repeats")
  for line in "$v" "$s" "$w" "$o"; do echo "  $line" >&2; done
  raw_lines+=("$name|$v|$s|$w|$o")
  rows_out+=("$name $(field "$v" rows) $(field "$v" cols) $(field "$v" fit_s) $(field "$s" fit_s) \
$(field "$v" score_rows_per_s) $(field "$s" score_rows_per_s) $(field "$w" score_rows_per_s) \
$(field "$v" auc) $(field "$s" auc)")
done

echo
echo "vixray vs scikit-learn $(/usr/bin/python3 -c 'import sklearn; print(sklearn.__version__)')," \
  "one thread each; CPU time, best of $repeats; 100 trees, psi 256, seed 42;" \
  "$(getconf _NPROCESSORS_ONLN) cores, load average $(cut -d' ' -f1 /proc/loadavg):" \
  "$(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)"
printf '%-17s %11s | %10s %10s %8s | %12s %12s %8s | %12s %6s | %6s %6s\n' \
  data rows×cols "fit vx ms" "fit sk ms" "fit ×" "score vx r/s" "score sk r/s" "score ×" \
  "wasm r/s" "wasm/n" "AUC vx" "AUC sk"
for row in "${rows_out[@]}"; do
  read -r name r c vfit sfit vscore sscore wscore vauc sauc <<< "$row"
  awk -v name="$name" -v shape="${r}x${c}" -v vfit="$vfit" -v sfit="$sfit" -v vscore="$vscore" \
    -v sscore="$sscore" -v wscore="$wscore" -v vauc="$vauc" -v sauc="$sauc" 'BEGIN {
      printf "%-17s %11s | %10.2f %10.1f %7.0fx | %12.0f %12.0f %7.1fx | %12.0f %6.2f | %6.4f %6.4f\n",
        name, shape, vfit * 1000, sfit * 1000, sfit / vfit, vscore, sscore, vscore / sscore,
        wscore, wscore / vscore, vauc, sauc }'
done
echo "fit × = scikit-learn fit time / vixray fit time; score × = vixray rows/s / scikit-learn" \
  "rows/s; wasm/n = WebAssembly (Node $(node --version)) rows/s / native rows/s."
echo "targets: score × >= 20, fit × >= 50"
echo
node "$here/bench_tables.mjs" "${raw_lines[@]}"
