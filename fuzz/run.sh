#!/usr/bin/env bash
# Runs libFuzzer targets one after another: fuzz/run.sh BUILD_DIR SECONDS TARGET...
# Each target starts from its seed corpus (fuzz/corpus/<t>) and past crash inputs
# (fuzz/crashes/<t>), with its dictionary (fuzz/dict/<t>.dict); new inputs go to
# BUILD_DIR/corpus/<t> (never into the repository: minimise them into fuzz/corpus/<t> with
# `-merge=1`, see CONTRIBUTING.md), crash inputs to BUILD_DIR/artifacts/<t>/, the log to
# BUILD_DIR/logs/<t>.log. Prints libFuzzer's final figures per target; exits non-zero if any
# target found a crash, a sanitizer report, a leak or a timeout.
set -uo pipefail
build=$1 seconds=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
failed=()
for t in "$@"; do
  exe=$build/fuzz/fuzz_$t
  [ -x "$exe" ] || { echo "fuzz: $exe is missing (make fuzz builds it)"; exit 2; }
  mkdir -p "$build/corpus/$t" "$build/artifacts/$t" "$build/logs"
  seeds=("$here/corpus/$t")
  [ -d "$here/crashes/$t" ] && seeds+=("$here/crashes/$t")
  echo "fuzz: $t for $seconds s (log $build/logs/$t.log)"
  # -timeout: one input taking 30 s is a hang. Leak checking stays on (ASan's default).
  "$exe" -max_total_time="$seconds" -timeout=30 -print_final_stats=1 \
    -dict="$here/dict/$t.dict" -artifact_prefix="$build/artifacts/$t/" \
    "$build/corpus/$t" "${seeds[@]}" >"$build/logs/$t.log" 2>&1
  rc=$?
  grep -E '^#[0-9]+[[:space:]]+DONE|^stat::number_of_executed_units|^stat::average_exec_per_sec' \
    "$build/logs/$t.log" | sed "s/^/  $t: /"
  echo "  $t: corpus $(find "$build/corpus/$t" -type f | wc -l) files, exit $rc"
  if [ $rc -ne 0 ]; then
    failed+=("$t")
    grep -E 'ERROR: |runtime error|SUMMARY|invariant broken|Test unit written' \
      "$build/logs/$t.log" | head -5 | sed "s/^/  $t: /"
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: findings in ${failed[*]} (inputs in $build/artifacts/)"
  exit 1
fi
echo "fuzz: $* ran $seconds s each, no finding"
