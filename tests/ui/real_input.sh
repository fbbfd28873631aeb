#!/bin/sh
# Real X input, not the script harness: runs the kiosk under Xvfb with a --script of only wait and
# expect on the real clock, and drives it with xdotool (clicks, a drag, Tab keys) on a schedule.
# Checks the two things the harness once showed but a person did not see: the focused field in view
# above the keyboard after a tap, and the first error in view after a failed Next.
# Usage (ctest, label ui): real_input.sh KIOSK SCRIPT DATA_DIR. Runs its own xvfb-run at 1920x1080
# (the click positions below are for that size). Bounded: the kiosk's script ends by itself at
# ~11 s; a watchdog kills everything after 60 s.
set -eu
if [ "${REAL_INPUT_INNER:-}" != 1 ]; then
  command -v xdotool >/dev/null || { echo "real_input.sh: xdotool is not installed" >&2; exit 1; }
  export REAL_INPUT_INNER=1
  exec timeout 90 xvfb-run -a -s "-screen 0 1920x1080x24" "$0" "$@"
fi
kiosk=$1 script=$2 data=$3
rm -rf "$data" && mkdir -p "$data"
log="$data/kiosk-stderr.txt"
env -u KIOSK_VIRTUAL_CLOCK HOME="$data" "$kiosk" --script "$script" --data-dir "$data" \
  --screenshots "$PWD" 2>"$log" &
pid=$!
# The watchdog holds no output pipe: else ctest would wait for its sleep to end.
( sleep 60; kill "$pid" 2>/dev/null ) </dev/null >/dev/null 2>&1 &
watchdog=$!
# The script's clock starts at the first frame, just after the font atlas is built.
i=0
until grep -q "font atlas" "$log" 2>/dev/null; do
  i=$((i + 1))
  if [ "$i" -gt 300 ] || ! kill -0 "$pid" 2>/dev/null; then
    echo "real_input.sh: the kiosk did not start" >&2; cat "$log" >&2; exit 1
  fi
  sleep 0.05
done
start=$(date +%s.%N)
at() {  # sleep until SECONDS after the start
  now=$(date +%s.%N)
  d=$(echo "$start + $1 - $now" | bc)
  case "$d" in -*|0) ;; *) sleep "$d" ;; esac
}
click() { xdotool mousemove "$1" "$2" click 1; }
at 1.0; click 960 540      # attract: "Touch to start"
at 2.0; click 324 337      # home: "Request a crash report"
drag_up() {  # a finger's drag up the step, ~300 ms
  xdotool mousemove 1440 810 mousedown 1
  for y in 760 700 640 580 520 460 400 340 324; do xdotool mousemove 1440 "$y"; sleep 0.03; done
  xdotool mouseup 1
}
at 4.0; drag_up            # twice: the step scrolls to its end, whatever the coasting did
at 4.8; drag_up
at 6.0; click 1415 535     # "Where did it happen?": the keyboard comes up
at 8.0; xdotool key Tab    # to "Report or case number"
at 8.4; xdotool key Tab    # the last box: the keyboard goes
at 9.0; click 1716 921     # "Next" with no date: the first error
rc=0
wait "$pid" || rc=$?
kill "$watchdog" 2>/dev/null || true
if [ "$rc" -ne 0 ]; then
  echo "real_input.sh: the kiosk's checks failed (exit $rc):" >&2
  cat "$log" >&2
fi
exit "$rc"
