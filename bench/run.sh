#!/usr/bin/env bash
# make bench: runs every benchmark against an already built tree and prints the figures
# (bench/README.md explains each one). Usage: bash bench/run.sh [BUILD_DIR]   (default: build)
# Environment: BENCH_REPEAT (GUI runs per figure, default 3), BENCH_RECORDS (default 10000),
# BENCH_CURL_SAMPLE (default 500), BENCH_FORMS (default 1000), BENCH_LATENCY_PAIRS (default 2000),
# BENCH_UPLOAD_RUNS (default 3), BENCH_KEEP=1 keeps the work dir. A quick run:
#   BENCH_RECORDS=2000 BENCH_REPEAT=1 BENCH_UPLOAD_RUNS=1 BENCH_CURL_SAMPLE=200 BENCH_FORMS=300 make bench
set -euo pipefail

SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="$(cd "${1:-build}" && pwd)"
for exe in bin/kiosk bench/bare_window bench/bench_outbox bench/bench_upload; do
  [ -x "$BUILD/$exe" ] || { echo "bench: $BUILD/$exe is missing: run make build first" >&2; exit 2; }
done
for tool in xvfb-run python3 curl; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing: run scripts/deps.sh" >&2; exit 2; }
done
# The loopback test server speaks protocol v2 (sealed, signed records) only with python3-nacl.
/usr/bin/python3 -c 'import nacl.public, nacl.signing' 2>/dev/null \
  || { echo "bench: /usr/bin/python3 lacks nacl: run scripts/deps-dev.sh (python3-nacl)" >&2; exit 2; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/kiosk-bench-XXXXXX")"
cleanup() { if [ "${BENCH_KEEP:-0}" = 1 ]; then echo "bench: work dir kept: $WORK" >&2; else rm -rf "$WORK"; fi; }
trap cleanup EXIT

echo "# make bench — $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, $(uname -r)"
echo "# load average at start: $(cut -d' ' -f1-3 /proc/loadavg) (figures are noisy when this is above ~0.5 per core)"
t0=$(date +%s)

# The 200-item list: the bundled content plus generated programs, checked by the kiosk's loader.
python3 "$SRC/bench/make_content.py" "$SRC/assets/content" "$WORK" > "$WORK/category.txt"
"$BUILD/bin/kiosk" --check-content "$WORK/content" > /dev/null

# Capture and upload (no display), then the GUI under one Xvfb at 1920x1080.
python3 "$SRC/bench/upload.py" "$WORK" "$BUILD" "$SRC" "$WORK/upload.json"
t1=$(date +%s)
xvfb-run -a -s "-screen 0 1920x1080x24" python3 "$SRC/bench/gui.py" "$WORK" "$BUILD" "$WORK/gui.json"
t2=$(date +%s)
echo "# capture + upload took $(( t1 - t0 )) s, GUI $(( t2 - t1 )) s"

python3 "$SRC/bench/report.py" "$WORK/upload.json" "$WORK/gui.json"

# The department's side: records/s stored by kiosk-intake against a bare libpqxx insert loop
# (its own throwaway PostgreSQL cluster; needs scripts/deps-dev.sh, which make bench runs).
if [ -x "$BUILD/bin/kiosk-intake" ] && [ -x "$BUILD/bench/bench_intake_insert" ]; then
  /usr/bin/python3 "$SRC/bench/intake_bench.py" "$BUILD"
else
  echo "# intake: not built here (bash scripts/deps-dev.sh, then make build)"
fi
echo "# load average at end: $(cut -d' ' -f1-3 /proc/loadavg); took $(( $(date +%s) - t0 )) s"
