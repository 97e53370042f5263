#!/bin/sh
# Runs a GUI test command, or reports it skipped (exit 77, meson's code) when there is no
# display: `./zoolab test` provides one with xvfb-run, a bare `meson test` may not.
# usage: with_display.sh [--expect-status N] COMMAND [ARGS...]
expect=0
if [ "${1:-}" = "--expect-status" ]; then
  expect="$2"
  shift 2
fi
if [ -z "${DISPLAY:-}" ]; then
  echo "skipped: DISPLAY is not set (run the GUI tests under xvfb-run -a, as ./zoolab test does)"
  exit 77
fi
"$@"
status=$?
if [ "$status" -ne "$expect" ]; then
  echo "expected exit status $expect, got $status: $*"
  exit 1
fi
exit 0
