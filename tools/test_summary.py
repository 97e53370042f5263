#!/usr/bin/env python3
"""Prints the one-line test count CI reads, from meson's testlog.json.

Usage: test_summary.py [TESTLOG.json ...]   (default: build/meson-logs/testlog.json)

meson writes one JSON object per test per line; its field `result` is one of OK, EXPECTEDFAIL,
FAIL, TIMEOUT, UNEXPECTEDPASS, ERROR, SKIP (INTERRUPT when a run is cut short). Several logs
(say a plain and a sanitizer build) are added up. The output is exactly one line on stdout:

    tests: N passed, N failed, N skipped

Exit status: 0 when nothing failed, 1 when a test failed, 2 when a log is missing or unreadable
(the line is still printed, counting what could be read).
"""

import json
import sys

PASSED = {"OK", "EXPECTEDFAIL"}
SKIPPED = {"SKIP"}
# Everything else (FAIL, TIMEOUT, UNEXPECTEDPASS, ERROR, INTERRUPT, anything new) counts as failed:
# a result we do not understand must never turn into a pass.


def count(lines):
    passed = failed = skipped = 0
    failed_names = []
    for number, line in enumerate(lines, start=1):
        line = line.strip()
        if not line:
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            print(f"test_summary: line {number} is not JSON ({err}); ignored", file=sys.stderr)
            continue
        if not isinstance(record, dict) or "result" not in record:
            print(f"test_summary: line {number} has no 'result' field; ignored", file=sys.stderr)
            continue
        result = str(record["result"]).upper()
        if result in PASSED:
            passed += 1
        elif result in SKIPPED:
            skipped += 1
        else:
            failed += 1
            failed_names.append(f"{record.get('name', '?')} ({result})")
    return passed, failed, skipped, failed_names


def main(argv):
    paths = argv[1:] or ["build/meson-logs/testlog.json"]
    passed = failed = skipped = 0
    status = 0
    for path in paths:
        try:
            with open(path, encoding="utf-8", errors="replace") as log:
                p, f, s, failed_names = count(log)
        except OSError as err:
            print(f"test_summary: cannot read {path}: {err.strerror}", file=sys.stderr)
            status = 2
            continue
        for name in failed_names:
            print(f"test_summary: failed: {name}", file=sys.stderr)
        passed, failed, skipped = passed + p, failed + f, skipped + s
    sys.stderr.flush()
    print(f"tests: {passed} passed, {failed} failed, {skipped} skipped", flush=True)
    if status:
        return status
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
