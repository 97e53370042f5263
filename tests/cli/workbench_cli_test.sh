#!/bin/sh
# The headless workbench as a learner types it: lessons, run by name in one language with
# narration and explanations, exports, saved sessions, and clear refusals of bad input.
# usage: workbench_cli_test.sh ZOOLAB_EXE SOURCE_ROOT
set -u
ZOOLAB="$1"
ROOT="$2"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
fails=0
check() {  # check WHAT COMMAND...: the command must succeed
  what="$1"; shift
  if "$@" >"$TMP/out" 2>"$TMP/err"; then echo "ok   $what"; else echo "FAIL $what"; sed 's/^/  | /' "$TMP/out" "$TMP/err" | tail -20; fails=$((fails + 1)); fi
}
grep_out() {  # grep_out WHAT PATTERN FILE
  if grep -q -- "$2" "$3"; then echo "ok   $1"; else echo "FAIL $1: no '$2' in $3"; sed 's/^/  | /' "$3" | tail -10; fails=$((fails + 1)); fi
}
no_out() {
  if grep -q -- "$2" "$3"; then echo "FAIL $1: '$2' in $3"; fails=$((fails + 1)); else echo "ok   $1"; fi
}
status_is() {  # status_is WHAT WANT COMMAND...
  what="$1"; want="$2"; shift 2
  "$@" >"$TMP/out" 2>"$TMP/err"; got=$?
  if [ "$got" = "$want" ]; then echo "ok   $what"; else echo "FAIL $what: exit $got, wanted $want"; cat "$TMP/err"; fails=$((fails + 1)); fi
}

check "lessons lists the library" "$ZOOLAB" lessons
grep_out "lessons: election topic" "^election" "$TMP/out"
grep_out "lessons: a lesson and its title" "startup-1-2-3 .*zk2" "$TMP/out"
check "lessons in Chinese" "$ZOOLAB" lessons --lang zh --topic election
grep_out "lessons: Chinese titles" "选举" "$TMP/out"

check "run a lesson by name, in Chinese, narrated, explained" \
  "$ZOOLAB" run startup-1-2-3 --lang zh --narrate --explain --pace none
grep_out "narration: Chinese caption" "say: .*zk2" "$TMP/out"
grep_out "narration: results" "^summary: .* 0 failed" "$TMP/out"
grep_out "explain in Chinese: vote comparison" "原因: zk1 把 zk2 的选票 (2, 0x0, epoch 0)" "$TMP/out"
no_out "narration: no per-message records" " deliver " "$TMP/out"
check "run in English, explained" "$ZOOLAB" run election/startup-1-2-3 --lang en --explain
grep_out "explain: vote comparison" "why: zk1 compares zk2's vote" "$TMP/out"
no_out "English only: no Chinese caption" "say: zk1 独自启动" "$TMP/out"
status_is "unknown lesson exits 2" 2 "$ZOOLAB" run no-such-lesson
grep_out "unknown lesson: says how to list" "zoolab lessons" "$TMP/err"

check "export svg" "$ZOOLAB" export leader-crash --format svg -o "$TMP/d.svg"
grep_out "svg written" "<svg" "$TMP/d.svg"
check "export chrome-trace window" "$ZOOLAB" export leader-crash --format chrome-trace --from 4s --to 6s -o "$TMP/t.json"
grep_out "chrome trace" "traceEvents" "$TMP/t.json"
check "export jsonl" "$ZOOLAB" export startup-1-2-3 --format jsonl -o "$TMP/t.jsonl"
grep_out "jsonl" '"kind":"deliver"' "$TMP/t.jsonl"
status_is "export: --to before --from exits 2" 2 "$ZOOLAB" export leader-crash --from 5s --to 1s -o "$TMP/x.svg"

check "run --save writes a session" "$ZOOLAB" run startup-1-2-3 --quiet --seed 5 --save "$TMP/s.json"
hash1="$(grep -o 'trace-hash: 0x[0-9a-f]*' "$TMP/out")"
check "the saved session replays" "$ZOOLAB" run "$TMP/s.json" --quiet
hash2="$(grep -o 'trace-hash: 0x[0-9a-f]*' "$TMP/out")"
if [ -n "$hash1" ] && [ "$hash1" = "$hash2" ]; then echo "ok   same trace hash after replay"; else echo "FAIL replay hash '$hash1' vs '$hash2'"; fails=$((fails + 1)); fi
head -c 100 "$TMP/s.json" >"$TMP/corrupt.json"
status_is "a corrupt session exits 2" 2 "$ZOOLAB" run "$TMP/corrupt.json"
grep_out "a corrupt session names the file" "corrupt.json: error: not a readable ZooLab session" "$TMP/err"
sed 's/"version": 1/"version": 99/' "$TMP/s.json" >"$TMP/newer.json"
status_is "a newer session exits 2" 2 "$ZOOLAB" run "$TMP/newer.json"
grep_out "a newer session says so" "saved by a newer ZooLab" "$TMP/err"

# The guide's example session: a crash the user added; the lesson's later expectations fail.
status_is "the example session replays (exit 1: its branch breaks the lesson)" 1 \
  "$ZOOLAB" run "$ROOT/docs/examples/lc-crash-zk2.session.json" --quiet
grep_out "example session: 6 expectations fail" "16 passed, 6 failed" "$TMP/out"
hash_a="$(grep -o 'trace-hash: 0x[0-9a-f]*' "$TMP/out")"
"$ZOOLAB" run "$ROOT/docs/examples/lc-crash-zk2.session.json" --quiet >"$TMP/out" 2>&1
hash_b="$(grep -o 'trace-hash: 0x[0-9a-f]*' "$TMP/out")"
if [ -n "$hash_a" ] && [ "$hash_a" = "$hash_b" ]; then echo "ok   example session: same trace hash twice"
else echo "FAIL example session: '$hash_a' vs '$hash_b'"; fails=$((fails + 1)); fi

[ "$fails" = 0 ] && echo "all passed" && exit 0
echo "$fails failed"; exit 1
