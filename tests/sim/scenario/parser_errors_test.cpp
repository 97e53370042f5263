// The scenario language on broken input: every error names file:line:column, says what is
// wrong and what was expected. The messages are part of the user interface, so they are
// compared exactly.
#include <string>

#include <doctest/doctest.h>

#include "sim/scenario/parser.h"

namespace zoolab::sim {
namespace {

constexpr std::string_view kThreeServers =
    "server.1=zk1:2888:3888\n"
    "server.2=zk2:2888:3888\n"
    "server.3=zk3:2888:3888\n";

struct BadInput {
  const char* text;
  const char* error;
};

std::string error_of(std::string_view text) {
  try {
    parse_scenario(text, "t.zls");
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "(parsed without error)";
}

// Timeline lines after the three server lines above (so they start on line 4).
constexpr BadInput kBadTimelines[] = {
    {"at 5s crash zk1\nat 2s crash zk2\n",
     "t.zls:5:4: error: time goes backwards: 2s is before the previous step at 5s; expected a time "
     "at or after 5s (or +DELAY for a relative time)"},
    {"at 1s crash zk9\n", "t.zls:4:13: error: unknown name `zk9`; expected one of zk1, zk2, zk3"},
    {"at 1s crash\n",
     "t.zls:4:12: error: the line ends too early; expected a machine name (zk1, zk2, zk3)"},
    {"at 1s crash zk1 zk2\n", "t.zls:4:17: error: unexpected `zk2`; expected the end of the line"},
    {"at 1s explode zk1\n",
     "t.zls:4:7: error: unknown command `explode`; expected one of start, crash, restart, "
     "poweroff, pause, partition, heal, latency, clock, slow-disk, not-tcp, say, expect, client, when"},
    {"crash zk1\n",
     "t.zls:4:1: error: `crash` is a timeline command without a time; expected at TIME crash ... "
     "or +DELAY crash ..."},
    {"at 1s\n",
     "t.zls:4:6: error: the line ends too early; expected a command (start, crash, restart, "
     "poweroff, pause, partition, heal, latency, clock, slow-disk, not-tcp, say, expect, client, when)"},
    {"at\n",
     "t.zls:4:3: error: the line ends too early; expected the step's time, a duration like 500ms, "
     "1.5s or 2m (units ns, us, ms, s, m)"},
    {"+ 1s crash zk1\n",
     "t.zls:4:1: error: a blank after `+`; expected +DELAY written as one word, like +500ms"},
    {"+1x crash zk1\n",
     "t.zls:4:1: error: `1x` has an unknown unit `x`; expected +DELAY with a duration like 500ms, "
     "1.5s or 2m (units ns, us, ms, s, m)"},
    {"at 1.5ns crash zk1\n",
     "t.zls:4:4: error: `1.5ns` is not a whole number of nanoseconds; expected the step's time, a "
     "duration like 500ms, 1.5s or 2m (units ns, us, ms, s, m)"},
    {"at 1s pause zk1\n",
     "t.zls:4:16: error: the line ends too early; expected the pause length, a duration like "
     "500ms, 1.5s or 2m (units ns, us, ms, s, m)"},
    {"at 1s pause zk1 0s\n",
     "t.zls:4:17: error: a pause must last longer than 0; expected a positive pause length"},
    {"at 1s pause zk1 5\n",
     "t.zls:4:17: error: `5` has no unit; expected the pause length, a duration like 500ms, 1.5s "
     "or 2m (units ns, us, ms, s, m)"},
    {"at 1s partition zk1 zk2\n",
     "t.zls:4:24: error: a partition needs two groups; expected `|` or `->` and another group"},
    {"at 1s partition zk1 | zk1\n",
     "t.zls:4:23: error: `zk1` is already in the partition; expected each machine in one group"},
    {"at 1s partition zk1 | | zk2\n",
     "t.zls:4:23: error: empty group before `|`; expected a machine name"},
    {"at 1s partition | zk2\n",
     "t.zls:4:17: error: empty group before `|`; expected a machine name"},
    {"at 1s partition zk1 |\n",
     "t.zls:4:22: error: empty group after `|`; expected a machine name"},
    {"at 1s partition zk1 -> zk2 | zk3\n",
     "t.zls:4:28: error: `|` and `->` cannot be mixed; expected one kind of separator"},
    {"at 1s partition zk1 -> zk2 -> zk3\n",
     "t.zls:4:28: error: a one-way partition has one `->`; expected A B -> C D"},
    {"at 1s partition\n",
     "t.zls:4:16: error: the partition has no groups; expected partition A B | C or partition A B "
     "-> C"},
    {"at 1s heal now\n", "t.zls:4:12: error: unexpected `now`; expected the end of the line"},
    {"at 1s latency\n",
     "t.zls:4:14: error: the line ends too early; expected a latency like 2ms, uniform 1ms 5ms, "
     "normal 5ms 1ms or longtail 2ms 50ms"},
    {"at 1s latency zk1 5ms\n",
     "t.zls:4:19: error: a link needs two machine names; expected a second machine name (zk1, zk2, "
     "zk3)"},
    {"at 1s latency zk1 zk1 5ms\n",
     "t.zls:4:15: error: a link needs two different machines; expected two different machine "
     "names"},
    {"at 1s latency uniform 5ms 1ms\n",
     "t.zls:4:27: error: the highest latency is below the lowest; expected a highest latency of at "
     "least 5ms"},
    {"at 1s latency longtail 5ms 5ms\n",
     "t.zls:4:28: error: a long tail needs 0 < median < p99; expected a 99th percentile above the "
     "median 5ms"},
    {"at 1s latency bogus 5ms\n",
     "t.zls:4:15: error: unknown name `bogus`; expected one of zk1, zk2, zk3"},
    {"at 1s latency zk1 zk2\n",
     "t.zls:4:22: error: the line ends too early; expected a latency like 2ms, uniform 1ms 5ms, "
     "normal 5ms 1ms or longtail 2ms 50ms"},
    {"at 1s clock zk1 2s\n",
     "t.zls:4:17: error: `2s` has no sign; expected a signed shift like +2s or -500ms, or drift "
     "+200ppm"},
    {"at 1s clock zk1 drift 200\n",
     "t.zls:4:23: error: `200` is not a drift between -999999ppm and +999999ppm; expected a drift "
     "like +200ppm or -50ppm"},
    {"at 1s clock zk1\n",
     "t.zls:4:16: error: the line ends too early; expected a signed shift like +2s or -500ms, or "
     "drift +200ppm"},
    {"at 1s slow-disk zk1\n",
     "t.zls:4:20: error: the line ends too early; expected the extra fsync latency (or off), a "
     "duration like 500ms, 1.5s or 2m (units ns, us, ms, s, m)"},
    {"at 1s slow-disk zk1 on\n",
     "t.zls:4:21: error: `on` is not a duration; expected the extra fsync latency (or off), a "
     "duration like 500ms, 1.5s or 2m (units ns, us, ms, s, m)"},
    {"at 1s not-tcp\n",
     "t.zls:4:14: error: the line ends too early; expected loss, duplicate, reorder or off"},
    {"at 1s not-tcp drop 5%\n",
     "t.zls:4:15: error: unknown not-tcp mode `drop`; expected loss, duplicate, reorder or off"},
    {"at 1s not-tcp loss 5\n",
     "t.zls:4:20: error: `5` is not a percentage with at most one decimal; expected a percentage "
     "like 5% or 0.5%"},
    {"at 1s not-tcp loss 101%\n",
     "t.zls:4:20: error: `101%` is more than 100%; expected a percentage like 5% or 0.5%"},
    {"at 1s not-tcp off now\n",
     "t.zls:4:19: error: unexpected `now`; expected the end of the line"},
    {"at 1s say\n",
     "t.zls:4:10: error: the caption is missing; expected en \"...\" and/or zh \"...\""},
    {"at 1s say en hello\n",
     "t.zls:4:14: error: the caption is not quoted; expected a double-quoted caption like "
     "\"hello\""},
    {"at 1s say fr \"x\"\n",
     "t.zls:4:11: error: unknown caption language `fr`; expected en \"...\" and/or zh \"...\""},
    {"at 1s say en \"a\" en \"b\"\n",
     "t.zls:4:18: error: the en caption is given twice; expected each language once"},
    {"at 1s say en \"\" zh \"x\"\n",
     "t.zls:4:14: error: the caption is empty; expected some text between the quotes"},
    {"at 1s say en \"abc\n", "t.zls:4:14: error: unterminated string; expected a closing \""},
    {"at 1s say en \"a\\nb\"\n",
     "t.zls:4:16: error: unknown escape in a string; expected \\\" or \\\\"},
    {"at 1s expect sky blue\n",
     "t.zls:4:14: error: unknown check `sky`; expected one of accepted-epoch, acquisitions, clock, "
     "cut, deadlock, down, epoch, events, exists, failed-releases, fsync, get, holders, leader, "
     "lock-state, lost-locks, lost-updates, ls, mode, no-deadlock, no-leader, not, output, paused, reachable, "
     "registered, registry, registry-has, registry-lacks, rejected-writes, role, self-preservation, "
     "sessions, stat, state, time, up, value, view, violation, violations, wakeups, watches, zxid "
     "(docs/scenario-language.md)"},
    {"at 1s client c1 connect zk9\n",
     "t.zls:4:25: error: `zk9` is not a server of this scenario; expected server names from the header"},
    {"at 1s client zk1 connect zk2\n",
     "t.zls:4:14: error: `zk1` is already a machine or client; expected a new name"},
    {"at 1s client c1 join zk1\n",
     "t.zls:4:17: error: unexpected `join`; expected client NAME connect SERVER"},
    {"at 1s client c1 connect zk1\nat 2s c1:\n",
     "t.zls:5:10: error: nothing to type; expected a zkCli command after `c1:`"},
    {"at 1s expect get /a = \"x\"\n",
     "t.zls:4:14: error: expect get: expected PATH == \"DATA\"; expected `get [c1:] PATH == \"DATA\" (or == null)`"},
    {"at 1s expect stat /a color == 1\n",
     "t.zls:4:22: error: expect stat: unknown stat field `color` (cZxid, ctime, mZxid, mtime, pZxid, cversion, dataVersion, aclVersion, ephemeralOwner, dataLength, numChildren); expected `stat [c1:|SERVER] PATH FIELD ==|!=|>=|<= N`"},
    {"at 1s expect exists a/b\n",
     "t.zls:4:21: error: expect exists: `a/b`: Path must start with / character; expected `exists [c1:] PATH`"},
    {"at 1s expect up\n",
     "t.zls:4:14: error: expect up: takes 1 argument, got 0; expected `up NAME`"},
    {"at 1s expect up zk9\n",
     "t.zls:4:17: error: expect up: unknown name `zk9` (known: zk1, zk2, zk3); expected `up NAME`"},
    {"at 1s expect cut zk1 zk9\n",
     "t.zls:4:22: error: expect cut: unknown name `zk9` (known: zk1, zk2, zk3); expected `cut A "
     "B`"},
    {"at 1s expect events > 3\n",
     "t.zls:4:21: error: expect events: unknown comparison `>` (use >= or <=); expected `events "
     ">=|<= N`"},
    {"at 1s expect events >= x\n",
     "t.zls:4:24: error: expect events: `x` is not a count; expected `events >=|<= N`"},
    {"at 1s expect clock zk1 >= 2x\n",
     "t.zls:4:27: error: expect clock: `2x` has an unknown unit `x`; expected `clock NAME >=|<= "
     "OFFSET (e.g. +2s)`"},
    {"at 1s expect state zk1 dead\n",
     "t.zls:4:24: error: expect state: unknown state `dead`; expected `state NAME "
     "not-started|running|crashed|powered-off`"},
    {"at 1s expect leader == zk9\n",
     "t.zls:4:24: error: expect leader: `zk9` is not a server (servers: zk1, zk2, zk3); expected "
     "`leader ==|!= SERVER`"},
    {"at 1s expect leader >= zk1\n",
     "t.zls:4:21: error: expect leader: unknown comparison `>=` (use == or !=); expected `leader "
     "==|!= SERVER`"},
    {"at 1s expect no-leader zk1\n",
     "t.zls:4:14: error: expect no-leader: takes no arguments, got 1; expected `no-leader`"},
    {"at 1s expect role zk1 == boss\n",
     "t.zls:4:26: error: expect role: unknown role `boss` (leader, follower, observer, looking, "
     "standalone); expected `role SERVER ==|!= leader|follower|observer|looking|standalone`"},
    {"at 1s expect epoch zk3 == two\n",
     "t.zls:4:27: error: expect epoch: `two` is not an epoch (a number); expected `epoch SERVER "
     "==|!=|>=|<= N`"},
    {"at 1s expect accepted-epoch zk3 > 1\n",
     "t.zls:4:33: error: expect accepted-epoch: unknown comparison `>` (use ==, !=, >= or <=); "
     "expected `accepted-epoch SERVER ==|!=|>=|<= N`"},
    {"at 1s expect mode zk1 == \"boss\"\n",
     "t.zls:4:26: error: expect mode: unknown mode `boss` (\"leader\", \"follower\", \"observer\", "
     "\"standalone\", \"read-only\", \"\"); expected `mode SERVER ==|!= \"leader\" (follower, "
     "observer, standalone, read-only, or \"\" while not serving)`"},
    {"at 1s expect up zk1 within\n",
     "t.zls:4:27: error: the line ends too early; expected the length of the window, a duration "
     "like 500ms, 1.5s or 2m (units ns, us, ms, s, m)"},
    {"at 1s expect up zk1 within 0s\n",
     "t.zls:4:28: error: a window must last longer than 0; expected a positive window like within "
     "5s"},
    {"at 1s expect up zk1 within 5s now\n",
     "t.zls:4:31: error: unexpected `now`; expected the end of the line"},
    {"at 1s expect up zk1 within soon\n",
     "t.zls:4:28: error: `soon` is not a duration; expected the length of the window, a duration "
     "like 500ms, 1.5s or 2m (units ns, us, ms, s, m)"},
    {"at 1s expect leader == zk2 within 5s\nrun until 3s\n",
     "t.zls:5:11: error: the run ends before the `within` window of line 4 closes at 6s; expected "
     "an end at or after 6s"},
    {"at 999999s expect up zk1 within 2s\n",
     "t.zls:4:33: error: the window closes later than a scenario may run (1000000s); expected a "
     "shorter window"},
    {"at 1s partition zk1 | zk2,zk9\n",
     "t.zls:4:27: error: unknown name `zk9`; expected one of zk1, zk2, zk3"},
    {"at 1s partition zk1 | zk2,,zk3\n",
     "t.zls:4:27: error: an empty name in a comma-separated group; expected names like zk2,zk3"},
    {"at 1s partition zk1,zk2 | zk2\n",
     "t.zls:4:27: error: `zk2` is already in the partition; expected each machine in one group"},
    {"run until 5s\nat 6s crash zk1\n",
     "t.zls:5:1: error: nothing may follow `run until`; expected `run until TIME` as the last "
     "line"},
    {"at 10s crash zk1\nrun until 5s\n",
     "t.zls:5:11: error: the run ends before the previous step at 10s; expected an end at or after "
     "10s"},
    {"run 5s\n", "t.zls:4:5: error: unexpected `5s`; expected run until TIME"},
    {"run until\n",
     "t.zls:4:10: error: the line ends too early; expected the end of the run, a duration like "
     "500ms, 1.5s or 2m (units ns, us, ms, s, m)"},
    {"run until 5s now\n", "t.zls:4:14: error: unexpected `now`; expected the end of the line"},
    {"at 1s run until 5s\n",
     "t.zls:4:7: error: `run until` takes no time of its own; expected run until TIME on a line of "
     "its own"},
    {"at 1s crash zk1\ntickTime=2000\n",
     "t.zls:5:1: error: a timeline line must start with a time, not `tickTime=2000`; expected at "
     "TIME COMMAND, +DELAY COMMAND or run until TIME"},
    {"at 999999s crash zk1\n+2s crash zk1\n",
     "t.zls:5:1: error: the step is later than a scenario may run (1000000s); expected a shorter "
     "delay"},
};

// Header lines on their own.
constexpr BadInput kBadHeaders[] = {
    {"server.1=zk1:2888:3888\nserver.1=zk2:2888:3888\n",
     "t.zls:2:1: error: server id 1 is already declared on line 1; expected a server id used once"},
    {"server.1=zk1:2888:3888\nserver.2=zk1:2888:3888\n",
     "t.zls:2:10: error: `zk1` is already declared on line 1; expected a name used once"},
    {"server.0=zk1:2888:3888\n",
     "t.zls:1:8: error: bad server id in `server.0`; expected server.N with N between 1 and 255"},
    {"server.256=zk1:2888:3888\n",
     "t.zls:1:8: error: bad server id in `server.256`; expected server.N with N between 1 and 255"},
    {"server.x=zk1:2888:3888\n",
     "t.zls:1:8: error: bad server id in `server.x`; expected server.N with N between 1 and 255"},
    {"server.1=zk1:2888\n",
     "t.zls:1:10: error: server address `zk1:2888` has 2 part(s); expected HOST:2888:3888, "
     "optionally followed by :observer or :participant"},
    {"server.1=zk1:2888:3888:leader\n",
     "t.zls:1:24: error: unknown server role `leader`; expected observer or participant"},
    {"server.1=zk1:99999:3888\n",
     "t.zls:1:14: error: bad port `99999`; expected a port between 1 and 65535"},
    {"server.1=zk1:0:3888\n",
     "t.zls:1:14: error: bad port `0`; expected a port between 1 and 65535"},
    {"server.1=zk1:2888:abc\n",
     "t.zls:1:19: error: bad port `abc`; expected a port between 1 and 65535"},
    {"server.1=1zk:2888:3888\n",
     "t.zls:1:10: error: bad machine name `1zk`; expected a name like zk1 (a letter, then letters, "
     "digits, '-', '_' or '.')"},
    {"server.1=:2888:3888\n",
     "t.zls:1:10: error: bad machine name ``; expected a name like zk1 (a letter, then letters, "
     "digits, '-', '_' or '.')"},
    {"server.1=uniform:2888:3888\n",
     "t.zls:1:10: error: bad machine name `uniform`; expected a name like zk1 (a letter, then "
     "letters, digits, '-', '_' or '.')"},
    {"server.1=zk1:2888:3888:observer:x\n",
     "t.zls:1:10: error: server address `zk1:2888:3888:observer:x` has 5 part(s); expected "
     "HOST:2888:3888, optionally followed by :observer or :participant"},
    {"tickTime=abc\n",
     "t.zls:1:10: error: `tickTime` must be a positive integer; expected a positive integer"},
    {"tickTime=0\n",
     "t.zls:1:10: error: `tickTime` must be a positive integer; expected a positive integer"},
    {"tickTime=2000\ntickTime=3000\n",
     "t.zls:2:1: error: `tickTime` is already set on line 1; expected each setting once"},
    {"bad key=1\n",
     "t.zls:1:1: error: `bad key` is not a configuration key; expected key=value with a key of "
     "letters, digits, '.', '_' or '-'"},
    {"=5\n",
     "t.zls:1:1: error: `` is not a configuration key; expected key=value with a key of letters, "
     "digits, '.', '_' or '-'"},
    {"foo\n",
     "t.zls:1:1: error: unknown header line `foo`; expected a header line: key=value, "
     "server.N=HOST:2888:3888, process NAME KIND, seed N, title TEXT, latency, fsync or bug NAME "
     "on|off (or a timeline line: at TIME COMMAND, +DELAY COMMAND)"},
    {"bug split-brain on\n",
     "t.zls:1:5: error: unknown bug `split-brain`; expected one of ack-before-fsync, "
     "commit-without-quorum, election-ignores-peer-epoch"},
    {"bug ack-before-fsync yes\n",
     "t.zls:1:22: error: unexpected `yes`; expected on or off"},
    {"bug ack-before-fsync\n",
     "t.zls:1:21: error: the line ends too early; expected on or off"},
    {"bug\n",
     "t.zls:1:4: error: the line ends too early; expected a bug name (ack-before-fsync, "
     "commit-without-quorum, election-ignores-peer-epoch)"},
    {"bug ack-before-fsync on off\n",
     "t.zls:1:25: error: unexpected `off`; expected the end of the line"},
    {"bug ack-before-fsync on\nbug ack-before-fsync off\n",
     "t.zls:2:5: error: bug `ack-before-fsync` is already set on line 1; expected each bug once"},
    {"bug.ack-before-fsync=on\nbug ack-before-fsync off\n",
     "t.zls:2:5: error: bug `ack-before-fsync` is already set on line 1; expected each bug once"},
    {"bug.typo=on\n",
     "t.zls:1:5: error: unknown bug `typo`; expected one of ack-before-fsync, commit-without-quorum, "
     "election-ignores-peer-epoch"},
    {"bug.ack-before-fsync=1\n",
     "t.zls:1:22: error: `bug.ack-before-fsync` must be on or off; expected on or off"},
    {"seed\n",
     "t.zls:1:5: error: the line ends too early; expected a seed (a non-negative integer)"},
    {"seed x\n", "t.zls:1:6: error: bad seed `x`; expected a non-negative integer below 2^64"},
    {"seed 1\nseed 2\n", "t.zls:2:1: error: the seed is already set; expected one seed line"},
    {"seed 1 2\n", "t.zls:1:8: error: unexpected `2`; expected the end of the line"},
    {"seed 99999999999999999999\n",
     "t.zls:1:6: error: bad seed `99999999999999999999`; expected a non-negative integer below "
     "2^64"},
    {"title\n", "t.zls:1:6: error: the title is empty; expected title TEXT"},
    {"title a\ntitle b\n", "t.zls:2:1: error: the title is already set; expected one title line"},
    {"title \"\"\n", "t.zls:1:7: error: the title is empty; expected title TEXT"},
    {"process\n", "t.zls:1:8: error: the line ends too early; expected a machine name"},
    {"process c1\n",
     "t.zls:1:11: error: the line ends too early; expected the program to run (its KIND)"},
    {"process c1 heartbeat x\n", "t.zls:1:22: error: bad process argument `x`; expected key=value"},
    {"process c1 heartbeat a=1 a=2\n",
     "t.zls:1:26: error: argument `a` is given twice; expected each key once"},
    {"process c1 heartbeat =1\n",
     "t.zls:1:22: error: bad process argument `=1`; expected key=value"},
    {"server.1=c1:2888:3888\nprocess c1 heartbeat\n",
     "t.zls:2:9: error: `c1` is already declared on line 1; expected a name used once"},
    {"process 9c heartbeat\n",
     "t.zls:1:9: error: bad machine name `9c`; expected a name like zk1 (a letter, then letters, "
     "digits, '-', '_' or '.')"},
    {"process c1 \"heart beat\"\n",
     "t.zls:1:12: error: bad program kind `heart beat`; expected a kind like heartbeat or "
     "zookeeper"},
    {"latency zk9 zk1 5ms\nserver.1=zk1:2888:3888\n",
     "t.zls:1:9: error: unknown name `zk9`; expected one of zk1"},
    {"fsync\n",
     "t.zls:1:6: error: the line ends too early; expected the fsync latency, a duration like "
     "500ms, 1.5s or 2m (units ns, us, ms, s, m)"},
    {"fsync zk9 2ms\n",
     "t.zls:1:7: error: unknown name `zk9`; expected a machine declared in the header "
     "(server.N=HOST:2888:3888 or process NAME KIND)"},
    {"fsync 2ms\nfsync 3ms\n",
     "t.zls:2:7: error: the fsync latency of every machine is already set; expected one fsync line "
     "per machine"},
    {"fsync 2x\n",
     "t.zls:1:7: error: `2x` has an unknown unit `x`; expected the fsync latency, a duration like "
     "500ms, 1.5s or 2m (units ns, us, ms, s, m)"},
    {"latency 5ms extra\n", "t.zls:1:13: error: unexpected `extra`; expected the end of the line"},
    {"x\x01"
     "y\n",
     "t.zls:1:2: error: control character 0x01 in the text; expected printable UTF-8 text"},
    {"ok\xFF"
     "\n",
     "t.zls:1:3: error: invalid UTF-8 byte 0xFF; expected UTF-8 text"},
    {"say en \"x\"\n",
     "t.zls:1:1: error: `say` is a timeline command without a time; expected at TIME say ... or "
     "+DELAY say ..."},
    {"at 1s say en \"caf\xC3"
     "\"\n",
     "t.zls:1:18: error: invalid UTF-8 byte 0xC3; expected UTF-8 text"},
};

TEST_CASE("broken timeline lines") {
  for (const BadInput& bad : kBadTimelines) {
    CAPTURE(bad.text);
    CHECK(error_of(std::string(kThreeServers) + bad.text) == bad.error);
  }
}

TEST_CASE("broken header lines") {
  for (const BadInput& bad : kBadHeaders) {
    CAPTURE(bad.text);
    CHECK(error_of(bad.text) == bad.error);
  }
}

TEST_CASE("the error carries its parts") {
  try {
    parse_scenario("server.1=zk1:2888:3888\nat 1s crash zk7\n", "lesson.zls");
    FAIL("no error");
  } catch (const ScenarioError& e) {
    CHECK(e.loc().str() == "lesson.zls:2:13");
    CHECK(e.problem() == "unknown name `zk7`");
    CHECK(e.expected() == "one of zk1");
  }
}

TEST_CASE("a file that cannot be read is a ScenarioError too") {
  CHECK_THROWS_WITH_AS(
      load_scenario("/nonexistent/x.zls"),
      "/nonexistent/x.zls:1:1: error: cannot read the file; expected a readable .zls scenario file",
      ScenarioError);
  CHECK_THROWS_AS(load_scenario(ZOOLAB_SOURCE_DIR "/scenarios"), ScenarioError);  // a folder
}

TEST_CASE("the first error wins, in file order") {
  CHECK(error_of("server.1=zk1:2888:3888\nat 1s crash zk2\nat 0s crash zk3\n") ==
        "t.zls:2:13: error: unknown name `zk2`; expected one of zk1");
}

}  // namespace
}  // namespace zoolab::sim
