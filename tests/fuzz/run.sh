#!/usr/bin/env bash
# `make fuzz`: runs every libFuzzer harness built in BUILD_DIR (tests/fuzz/CMakeLists.txt) for
# SECONDS each, from its seed corpus (tests/fuzz/corpus/NAME, read only) plus what earlier runs
# found (BUILD_DIR/fuzz/corpus/NAME). A crash is saved as BUILD_DIR/fuzz/crashes/NAME/crash-*:
# fix the parser, then copy the input into tests/fuzz/corpus/NAME so `make test` replays it.
# Prints, per harness, executions, coverage (cov: edges, ft: features) and crashes; exits 1 on any.
set -uo pipefail
build=${1:?usage: run.sh BUILD_DIR [SECONDS]}
seconds=${2:-60}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out="$build/fuzz"
failed=0

printf '%-16s %12s %8s %8s %8s\n' harness execs cov ft crashes
for bin in "$build"/bin/fuzz_*; do
  name=${bin##*/fuzz_}
  mkdir -p "$out/corpus/$name" "$out/crashes/$name"
  log="$out/$name.log"
  before=$(find "$out/crashes/$name" -type f | wc -l)
  # -timeout: an input that takes 10 s is a hang (a backtracking regex would be one), saved too.
  "$bin" -max_total_time="$seconds" -timeout=10 -print_final_stats=1 \
    -artifact_prefix="$out/crashes/$name/" "$out/corpus/$name" "$here/corpus/$name" >"$log" 2>&1
  rc=$?
  crashes=$(( $(find "$out/crashes/$name" -type f | wc -l) - before ))
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n1 | cut -d' ' -f2)
  ft=$(grep -o 'ft: [0-9]*' "$log" | tail -n1 | cut -d' ' -f2)
  printf '%-16s %12s %8s %8s %8s\n' "$name" "${execs:-?}" "${cov:-?}" "${ft:-?}" "$crashes"
  if [ "$rc" -ne 0 ] || [ "$crashes" -ne 0 ]; then
    failed=1
    echo "  $name: exit $rc; see $log and $out/crashes/$name/" >&2
  fi
done
exit $failed
