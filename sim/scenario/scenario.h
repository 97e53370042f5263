// A parsed scenario: the zoo.cfg-style header and the timeline, with names already resolved.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/base/time.h"
#include "sim/kernel/action.h"
#include "sim/kernel/latency.h"

namespace zoolab::sim {

struct SourceLoc {
  std::string file;
  int line = 0;    // 1-based
  int column = 0;  // 1-based, in bytes
  std::string str() const { return file + ":" + std::to_string(line) + ":" + std::to_string(column); }
};

// One machine of the scenario. NodeIds are positions in Scenario::nodes: servers first in
// ascending server id, then `process` lines in file order.
struct NodeDecl {
  std::string name;  // host name of a server line ("zk1") or a process's NAME
  std::string kind;  // "zookeeper" for server lines; the KIND of a `process` line
  int server_id = 0; // N of server.N (0 for non-servers)
  bool observer = false;
  int quorum_port = 2888, election_port = 3888;
  std::map<std::string, std::string> args;  // key=value words of a process line
  bool auto_start = true;  // false when the timeline starts it explicitly
  SourceLoc loc;
};

struct SayStep { std::string en, zh; };
struct ExpectStep {
  std::string check;              // "up", "down", "paused", ...
  std::vector<std::string> args;  // the remaining words (quotes removed), without `within T`
  // `expect ... within 5s`: passes at the first event in the window at which the check holds,
  // fails when the window closes. Without it the check is evaluated once, when the step fires.
  std::optional<core::Duration> within;
};
struct RunUntilStep {};           // the end of the run; its time is Scenario::until
// `when w1 notes "SETNX won" crash w1`: from this step on, the first trace note of `node` that
// contains `text` applies `action` at once (a fault timed to a protocol step, not to a clock).
struct TriggerStep {
  NodeId node = core::kNoNode;
  std::string text;
  Action action;
};

struct Step {
  core::Time at;      // absolute simulated time
  SourceLoc loc;
  std::string text;   // the source line (trimmed), for narration and error messages
  std::variant<Action, SayStep, ExpectStep, RunUntilStep, TriggerStep> body;
};

struct Scenario {
  std::string file;                               // path as given (for messages)
  std::map<std::string, std::string> config;      // every key=value header line (tickTime, initLimit, ...)
  std::vector<NodeDecl> nodes;
  std::optional<uint64_t> seed;                   // `seed N` in the header; --seed overrides
  std::vector<SetLatency> latencies;              // header latency lines, applied at time 0
  std::map<std::string, core::Duration> fsync_latency;  // `fsync NAME 2ms` / `fsync 2ms` (key "*")
  std::vector<Step> steps;                        // in time order (stable for equal times)
  core::Time until{0};                            // `run until T`, else last step + 10s
  std::string title;                              // `title ...` header line, optional
  std::string title_zh;                           // `title en "..." zh "..."`: the Chinese title
  std::string source;                             // the text it was parsed from (saved sessions embed it)

  std::optional<NodeId> find(std::string_view name) const {
    for (size_t i = 0; i < nodes.size(); ++i)
      if (nodes[i].name == name) return static_cast<NodeId>(i);
    return std::nullopt;
  }
};

}  // namespace zoolab::sim
