// The checks `expect` lines name: machine states, network cuts, event counts, clocks and time.
#include "sim/scenario/expect.h"
#include "sim/scenario/expect_common.h"

#include <optional>

#include "sim/check/checker_expect.h"
#include "sim/scenario/expect_locks.h"
#include "sim/scenario/expect_registry.h"
#include "sim/scenario/expect_zab.h"
#include "sim/scenario/expect_zk.h"
#include "sim/scenario/value_parse.h"

namespace zoolab::sim {
namespace {

using namespace expect_common;

using Args = std::vector<std::string>;
constexpr NodeState kAllStates[] = {NodeState::kNotStarted, NodeState::kRunning,
                                    NodeState::kCrashed, NodeState::kPoweredOff};


// ---- argument validation (parse time): "" when fine, else what is wrong ----------------------

std::string check_count(const Args& args, size_t n) {
  if (args.size() == n) return "";
  return "takes " + std::to_string(n) + " argument" + (n == 1 ? "" : "s") + ", got " +
         std::to_string(args.size());
}

std::string check_name(const Scenario& sc, const std::string& name) {
  if (sc.find(name)) return "";
  std::string known;
  for (const NodeDecl& n : sc.nodes)
    known += (known.empty() ? "" : ", ") + n.name;
  return "unknown name " + code_quoted(name) + " (known: " + (known.empty() ? "none" : known) + ")";
}

std::string check_comparison(const std::string& op) {
  return op == ">=" || op == "<=" ? "" : "unknown comparison " + code_quoted(op) + " (use >= or <=)";
}

std::string validate_names(const Scenario& sc, const Args& args, size_t n) {
  if (std::string p = check_count(args, n); !p.empty()) return p;
  for (const std::string& a : args) {
    if (std::string p = check_name(sc, a); !p.empty()) return p;
  }
  return "";
}

std::optional<core::Duration> signed_duration(const std::string& s, std::string* why) {
  if (!s.empty() && (s[0] == '+' || s[0] == '-'))
    return scenario_text::parse_signed_duration(s, why);
  return scenario_text::parse_duration(s, why);
}

// ---- evaluation (when the step fires) -----------------------------------------------------

// The machine named `name`, or a failed outcome saying it is missing.
std::optional<NodeId> node_or(const World& w, const Args& args, size_t i, ExpectOutcome* missing) {
  if (i >= args.size()) {
    *missing = kBadArguments;
    return std::nullopt;
  }
  std::optional<NodeId> id = w.find_node(args[i]);
  if (!id) *missing = {false, "there is no machine named " + args[i]};
  return id;
}

std::string describe_state(const World& w, NodeId id) {
  const Node& n = w.node(id);
  std::string out = n.name + " is " + std::string(node_state_name(n.state));
  if (n.running() && w.paused(id))
    out += " (paused until " + core::format_seconds(n.paused_until) + "s)";
  return out;
}

ExpectOutcome state_check(const World& w, const Args& a, bool (*holds)(const World&, NodeId)) {
  ExpectOutcome out;
  const std::optional<NodeId> id = node_or(w, a, 0, &out);
  if (!id) return out;
  return {holds(w, *id), describe_state(w, *id)};
}

std::string describe_link(const World& w, NodeId x, NodeId y) {
  const Network& net = w.network();
  const std::string& xn = w.node(x).name;
  const std::string& yn = w.node(y).name;
  const bool xy = net.blocked(x, y), yx = net.blocked(y, x);
  if (xy && yx) return xn + " and " + yn + " are cut in both directions";
  if (xy) return xn + " -> " + yn + " is cut (" + yn + " -> " + xn + " flows)";
  if (yx) return yn + " -> " + xn + " is cut (" + xn + " -> " + yn + " flows)";
  return xn + " and " + yn + " reach each other";
}

ExpectOutcome link_check(const World& w, const Args& a, bool want_cut) {
  ExpectOutcome out;
  const std::optional<NodeId> x = node_or(w, a, 0, &out);
  const std::optional<NodeId> y = x ? node_or(w, a, 1, &out) : std::nullopt;
  if (!x || !y) return out;
  return {w.network().cut_between(*x, *y) == want_cut, describe_link(w, *x, *y)};
}

// "not started" -> "not-started": one word, as scenario arguments are.
std::string state_word(NodeState s) {
  std::string word(node_state_name(s));
  for (char& c : word)
    c = c == ' ' ? '-' : c;
  return word;
}

std::string state_usage() {
  std::string usage = "state NAME ";
  for (NodeState s : kAllStates)
    usage += state_word(s) + (s == kAllStates[3] ? "" : "|");
  return usage;
}

std::map<std::string, ExpectCheck> build_checks() {
  std::map<std::string, ExpectCheck> checks;
  const auto one_name = [](const Scenario& sc, const Args& a) { return validate_names(sc, a, 1); };
  const auto two_names = [](const Scenario& sc, const Args& a) { return validate_names(sc, a, 2); };

  checks["up"] = {"up NAME", one_name, [](const World& w, const Scenario&, const Args& a) {
                    return state_check(
                        w, a, [](const World& v, NodeId id) { return v.node(id).running(); });
                  }};
  checks["down"] = {"down NAME", one_name, [](const World& w, const Scenario&, const Args& a) {
                      return state_check(
                          w, a, [](const World& v, NodeId id) { return !v.node(id).running(); });
                    }};
  checks["paused"] = {"paused NAME", one_name, [](const World& w, const Scenario&, const Args& a) {
                        return state_check(w, a, [](const World& v, NodeId id) {
                          return v.node(id).running() && v.paused(id);
                        });
                      }};
  checks["state"] = {
      state_usage(),
      [](const Scenario& sc, const Args& a) {
        if (std::string p = check_count(a, 2); !p.empty()) return p;
        if (std::string p = check_name(sc, a[0]); !p.empty()) return p;
        for (NodeState s : kAllStates) {
          if (state_word(s) == a[1]) return std::string();
        }
        return "unknown state " + code_quoted(a[1]);
      },
      [](const World& w, const Scenario&, const Args& a) {
        if (a.size() != 2) return kBadArguments;
        ExpectOutcome out;
        const std::optional<NodeId> id = node_or(w, a, 0, &out);
        if (!id) return out;
        return ExpectOutcome{state_word(w.node(*id).state) == a[1], describe_state(w, *id)};
      }};
  checks["cut"] = {"cut A B", two_names, [](const World& w, const Scenario&, const Args& a) {
                     return link_check(w, a, true);
                   }};
  checks["reachable"] = {
      "reachable A B", two_names,
      [](const World& w, const Scenario&, const Args& a) { return link_check(w, a, false); }};
  checks["events"] = {"events >=|<= N",
                      [](const Scenario&, const Args& a) {
                        if (std::string p = check_count(a, 2); !p.empty()) return p;
                        if (std::string p = check_comparison(a[0]); !p.empty()) return p;
                        if (!scenario_text::parse_uint(a[1], INT64_MAX))
                          return code_quoted(a[1]) + " is not a count";
                        return std::string();
                      },
                      [](const World& w, const Scenario&, const Args& a) {
                        const std::optional<uint64_t> bound =
                            a.size() == 2 ? scenario_text::parse_uint(a[1], INT64_MAX)
                                          : std::nullopt;
                        if (!bound) return kBadArguments;
                        const auto seen = static_cast<int64_t>(w.events_fired());
                        return ExpectOutcome{compare(a[0], seen, static_cast<int64_t>(*bound)),
                                             std::to_string(seen) + " events so far"};
                      }};
  checks["clock"] = {"clock NAME >=|<= OFFSET (e.g. +2s)",
                     [](const Scenario& sc, const Args& a) {
                       if (std::string p = check_count(a, 3); !p.empty()) return p;
                       if (std::string p = check_name(sc, a[0]); !p.empty()) return p;
                       if (std::string p = check_comparison(a[1]); !p.empty()) return p;
                       std::string why;
                       return signed_duration(a[2], &why) ? std::string() : why;
                     },
                     [](const World& w, const Scenario&, const Args& a) {
                       std::string why;
                       const std::optional<core::Duration> bound =
                           a.size() == 3 ? signed_duration(a[2], &why) : std::nullopt;
                       if (!bound) return kBadArguments;
                       ExpectOutcome out;
                       const std::optional<NodeId> id = node_or(w, a, 0, &out);
                       if (!id) return out;
                       const core::Duration offset = w.node(*id).clock.offset(w.now());
                       const std::string sign = offset.ns >= 0 ? "+" : "";
                       return ExpectOutcome{compare(a[1], offset.ns, bound->ns),
                                            w.node(*id).name + "'s clock is " + sign +
                                                core::format_duration(offset) +
                                                " from global time"};
                     }};
  checks["fsync"] = {
      "fsync NAME >=|<= LATENCY (including slow-disk)",
      [](const Scenario& sc, const Args& a) {
        if (std::string p = check_count(a, 3); !p.empty()) return p;
        if (std::string p = check_name(sc, a[0]); !p.empty()) return p;
        if (std::string p = check_comparison(a[1]); !p.empty()) return p;
        std::string why;
        return scenario_text::parse_duration(a[2], &why) ? std::string() : why;
      },
      [](const World& w, const Scenario&, const Args& a) {
        std::string why;
        const std::optional<core::Duration> bound =
            a.size() == 3 ? scenario_text::parse_duration(a[2], &why) : std::nullopt;
        if (!bound) return kBadArguments;
        ExpectOutcome out;
        const std::optional<NodeId> id = node_or(w, a, 0, &out);
        if (!id) return out;
        const Disk& disk = w.node(*id).disk;
        const core::Duration latency = disk.fsync_latency + disk.slow_extra;
        return ExpectOutcome{
            compare(a[1], latency.ns, bound->ns),
            w.node(*id).name + "'s fsync takes " + core::format_duration(latency) +
                (disk.slow_extra.ns > 0
                     ? " (slow disk: +" + core::format_duration(disk.slow_extra) + ")"
                     : "")};
      }};
  checks["time"] = {"time >=|<= T",
                    [](const Scenario&, const Args& a) {
                      if (std::string p = check_count(a, 2); !p.empty()) return p;
                      if (std::string p = check_comparison(a[0]); !p.empty()) return p;
                      std::string why;
                      return scenario_text::parse_duration(a[1], &why) ? std::string() : why;
                    },
                    [](const World& w, const Scenario&, const Args& a) {
                      std::string why;
                      const std::optional<core::Duration> bound =
                          a.size() == 2 ? scenario_text::parse_duration(a[1], &why) : std::nullopt;
                      if (!bound) return kBadArguments;
                      return ExpectOutcome{compare(a[0], w.now().ns, bound->ns),
                                           "the time is " + core::format_seconds(w.now()) + "s"};
                    }};
  // Any program's own view (Process::state_lines), e.g. `view c2 lock == held`.
  checks["view"] = {
      "view NAME KEY ==|!=|contains VALUE",
      [](const Scenario& sc, const Args& a) {
        if (std::string p = check_count(a, 4); !p.empty()) return p;
        if (std::string p = check_name(sc, a[0]); !p.empty()) return p;
        if (a[2] != "==" && a[2] != "!=" && a[2] != "contains")
          return "unknown comparison " + code_quoted(a[2]) + " (use ==, != or contains)";
        return std::string();
      },
      [](const World& w, const Scenario&, const Args& a) {
        if (a.size() != 4) return kBadArguments;
        ExpectOutcome out;
        const std::optional<NodeId> id = node_or(w, a, 0, &out);
        if (!id) return out;
        const Node& n = w.node(*id);
        if (!n.running() || !n.process.get()) return ExpectOutcome{false, describe_state(w, *id)};
        for (const auto& [key, value] : n.process.get()->state_lines()) {
          if (key != a[1]) continue;
          const bool eq = a[2] == "contains" ? value.find(a[3]) != std::string::npos : value == a[3];
          return ExpectOutcome{a[2] == "!=" ? !eq : eq, n.name + " " + key + " = " + code_quoted(value)};
        }
        return ExpectOutcome{false, n.name + " shows no " + code_quoted(a[1])};
      }};
  // What a console program (zkCli, redis-cli) printed for the last line typed into it, e.g.
  // `expect output c1 contains "cZxid = 0x100000002"` after `c1: get -s /test`.
  checks["output"] = {
      "output NAME contains|lacks TEXT",
      [](const Scenario& sc, const Args& a) {
        if (std::string p = check_count(a, 3); !p.empty()) return p;
        if (std::string p = check_name(sc, a[0]); !p.empty()) return p;
        if (a[1] != "contains" && a[1] != "lacks")
          return "unknown comparison " + code_quoted(a[1]) + " (use contains or lacks)";
        return std::string();
      },
      [](const World& w, const Scenario&, const Args& a) {
        if (a.size() != 3) return kBadArguments;
        ExpectOutcome out;
        const std::optional<NodeId> id = node_or(w, a, 0, &out);
        if (!id) return out;
        if (w.trace() == nullptr) return ExpectOutcome{false, "this run keeps no trace"};
        const std::vector<TraceRecord>& records = w.trace()->records;
        size_t from = records.size();
        while (from > 0 && !(records[from - 1].node == *id && records[from - 1].kind == RecordKind::kIntervention &&
                             records[from - 1].text.starts_with("types: ")))
          --from;
        std::string printed;
        for (size_t i = from; i < records.size(); ++i)
          if (records[i].node == *id && records[i].kind == RecordKind::kOutput) printed += records[i].text.substr(3);
        const bool found = printed.find(a[2]) != std::string::npos;
        const std::string seen = printed.size() > 160 ? printed.substr(0, 160) + "..." : printed;
        std::string shown;
        for (char c : seen) shown += c == '\n' ? std::string(" | ") : std::string(1, c);
        return ExpectOutcome{a[1] == "contains" ? found : !found,
                             w.node(*id).name + " printed " + (printed.empty() ? "nothing" : code_quoted(shown)) +
                                 (from == 0 ? "" : " since `" + records[from - 1].text.substr(7) + "`")};
      }};
  add_zookeeper_checks(checks);
  add_zab_checks(checks);
  add_registry_checks(checks);
  add_lock_checks(checks);
  check::add_violation_expect(checks);
  return checks;
}

}  // namespace

const std::map<std::string, ExpectCheck>& expect_checks() {
  static const std::map<std::string, ExpectCheck> kChecks = build_checks();
  return kChecks;
}

}  // namespace zoolab::sim
