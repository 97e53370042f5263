// JSON encoding of saved sessions with cereal; actions travel as flat records with node names.
#include "sim/scenario/session_file.h"
#include "core/base/overloaded.h"

#include <cereal/archives/json.hpp>
#include <cereal/types/string.hpp>
#include <cereal/types/vector.hpp>

#include <sstream>

#include "sim/scenario/parser.h"

namespace zoolab::sim {
namespace {

using core::Overloaded;

// One intervention as it sits in the file: every field present, unused ones left empty.
struct ActionRecord {
  uint64_t at_event = 0;
  int64_t at_time_ns = 0;
  std::string type;
  std::vector<std::vector<std::string>> nodes;  // one group for node actions, several for partitions
  bool one_way = false;
  std::string latency;  // fixed | uniform | normal | longtail
  int64_t ns = 0, ns2 = 0, ppm = 0;
  uint32_t loss_permille = 0, duplicate_permille = 0, reorder_permille = 0;
  uint64_t event_seq = 0;
  std::string text;  // a typed line (type "input"); absent in files written before it existed

  template <class A> void serialize(A& ar) {
    ar(CEREAL_NVP(at_event), CEREAL_NVP(at_time_ns), CEREAL_NVP(type), CEREAL_NVP(nodes), CEREAL_NVP(one_way),
       CEREAL_NVP(latency), CEREAL_NVP(ns), CEREAL_NVP(ns2), CEREAL_NVP(ppm), CEREAL_NVP(loss_permille),
       CEREAL_NVP(duplicate_permille), CEREAL_NVP(reorder_permille), CEREAL_NVP(event_seq));
    if constexpr (std::is_same_v<A, cereal::JSONInputArchive>) {
      try {
        ar(CEREAL_NVP(text));
      } catch (const cereal::Exception&) {
        text.clear();  // older file: no typed lines
      }
    } else {
      ar(CEREAL_NVP(text));
    }
  }
};

// What every version of the format starts with.
struct FileHead {
  std::string format;
  int version = 0;

  template <class A> void serialize(A& ar) { ar(CEREAL_NVP(format), CEREAL_NVP(version)); }
};

std::string version_error(int version, const std::string& file_label) {
  const std::string mine = std::to_string(kSessionFormatVersion);
  if (version > kSessionFormatVersion)
    return file_label + ": error: this session was saved by a newer ZooLab (session format version " +
           std::to_string(version) + "; this ZooLab reads version " + mine +
           "): open it with that ZooLab or a newer one; the file was not changed";
  return file_label + ": error: session format version " + std::to_string(version) +
         " is not supported (this ZooLab reads version " + mine + ")";
}

struct FileBody {
  std::string format;
  int version = 0;
  std::string scenario_file;
  std::string scenario_text;
  uint64_t seed = 1;
  std::vector<ActionRecord> interventions;

  template <class A> void serialize(A& ar) {
    ar(CEREAL_NVP(format), CEREAL_NVP(version), CEREAL_NVP(scenario_file), CEREAL_NVP(scenario_text),
       CEREAL_NVP(seed), CEREAL_NVP(interventions));
  }
};

constexpr const char* kFormat = "zoolab-session";

ActionRecord to_record(const Intervention& iv, const Scenario& sc) {
  ActionRecord r;
  r.at_event = iv.at_event;
  r.at_time_ns = iv.at_time.ns;
  auto name = [&](NodeId id) { return id < sc.nodes.size() ? sc.nodes[id].name : std::string("*"); };
  auto one = [&](const char* type, NodeId id) {
    r.type = type;
    r.nodes = {{name(id)}};
  };
  std::visit(Overloaded{
                 [&](const StartNode& a) { one("start", a.node); },
                 [&](const CrashNode& a) { one("crash", a.node); },
                 [&](const RestartNode& a) { one("restart", a.node); },
                 [&](const PowerOffNode& a) { one("poweroff", a.node); },
                 [&](const PauseNode& a) { one("pause", a.node), r.ns = a.length.ns; },
                 [&](const PartitionNet& a) {
                   r.type = "partition";
                   r.one_way = a.one_way;
                   for (const auto& g : a.groups) {
                     r.nodes.emplace_back();
                     for (NodeId n : g) r.nodes.back().push_back(name(n));
                   }
                 },
                 [&](const HealNet&) { r.type = "heal"; },
                 [&](const SetLatency& a) {
                   r.type = "latency";
                   r.nodes = {{name(a.a), name(a.b)}};
                   std::visit(Overloaded{
                                  [&](const FixedLatency& m) { r.latency = "fixed", r.ns = m.value.ns; },
                                  [&](const UniformLatency& m) { r.latency = "uniform", r.ns = m.lo.ns, r.ns2 = m.hi.ns; },
                                  [&](const NormalLatency& m) { r.latency = "normal", r.ns = m.mean.ns, r.ns2 = m.stddev.ns; },
                                  [&](const LongTailLatency& m) { r.latency = "longtail", r.ns = m.median.ns, r.ns2 = m.p99.ns; },
                              },
                              a.model);
                 },
                 [&](const ShiftClock& a) { one("clock", a.node), r.ns = a.delta.ns; },
                 [&](const SetClockDrift& a) { one("drift", a.node), r.ppm = a.ppm; },
                 [&](const SlowDisk& a) { one("slow-disk", a.node), r.ns = a.extra.ns; },
                 [&](const SetNotTcp& a) {
                   r.type = "not-tcp";
                   r.loss_permille = a.modes.loss_permille;
                   r.duplicate_permille = a.modes.duplicate_permille;
                   r.reorder_permille = a.modes.reorder_permille;
                 },
                 [&](const DeliverEvent& a) { r.type = "deliver", r.event_seq = a.seq; },
                 [&](const TypeLine& a) { one("input", a.node), r.text = a.text; },
             },
             iv.action);
  return r;
}

Intervention from_record(const ActionRecord& r, const Scenario& sc, const std::string& where) {
  auto fail = [&](const std::string& what) -> SessionError { return SessionError(where + ": error: " + what); };
  auto node = [&](const std::string& n) -> NodeId {
    if (n == "*") return kAllNodes;
    if (auto id = sc.find(n)) return *id;
    throw fail("unknown machine '" + n + "' (not in the saved scenario)");
  };
  auto only = [&]() -> NodeId {
    if (r.nodes.size() != 1 || r.nodes[0].size() != 1) throw fail("'" + r.type + "' needs exactly one machine");
    return node(r.nodes[0][0]);
  };
  if (r.at_time_ns < 0) throw fail("negative at_time_ns");
  Intervention iv;
  iv.at_event = r.at_event;
  iv.at_time = core::Time{r.at_time_ns};
  const core::Duration d{r.ns}, d2{r.ns2};
  if (r.type == "start") iv.action = StartNode{only()};
  else if (r.type == "crash") iv.action = CrashNode{only()};
  else if (r.type == "restart") iv.action = RestartNode{only()};
  else if (r.type == "poweroff") iv.action = PowerOffNode{only()};
  else if (r.type == "pause") iv.action = PauseNode{only(), d};
  else if (r.type == "clock") iv.action = ShiftClock{only(), d};
  else if (r.type == "drift") iv.action = SetClockDrift{only(), r.ppm};
  else if (r.type == "slow-disk") iv.action = SlowDisk{only(), d};
  else if (r.type == "heal") iv.action = HealNet{};
  else if (r.type == "deliver") iv.action = DeliverEvent{r.event_seq};
  else if (r.type == "input") iv.action = TypeLine{only(), r.text};
  else if (r.type == "not-tcp") iv.action = SetNotTcp{{r.loss_permille, r.duplicate_permille, r.reorder_permille}};
  else if (r.type == "partition") {
    PartitionNet p{{}, r.one_way};
    if (r.nodes.size() < 2) throw fail("a partition needs at least two groups");
    for (const auto& g : r.nodes) {
      p.groups.emplace_back();
      for (const auto& n : g) p.groups.back().push_back(node(n));
    }
    iv.action = p;
  } else if (r.type == "latency") {
    if (r.nodes.size() != 1 || r.nodes[0].size() != 2) throw fail("'latency' needs two machine names (or *)");
    if (r.ns < 0 || r.ns2 < 0) throw fail("negative latency");
    LatencyModel m;
    if (r.latency == "fixed") m = FixedLatency{d};
    else if (r.latency == "uniform") m = UniformLatency{d, d2};
    else if (r.latency == "normal") m = NormalLatency{d, d2};
    else if (r.latency == "longtail") m = LongTailLatency{d, d2};
    else throw fail("unknown latency model '" + r.latency + "'");
    iv.action = SetLatency{node(r.nodes[0][0]), node(r.nodes[0][1]), m};
  } else {
    throw fail("unknown action type '" + r.type + "'");
  }
  return iv;
}

}  // namespace

std::string session_to_json(const SavedSession& s, const Scenario& scenario) {
  FileBody body{kFormat, kSessionFormatVersion, s.scenario_file, s.scenario_text, s.seed, {}};
  for (const Intervention& iv : s.interventions) body.interventions.push_back(to_record(iv, scenario));
  std::ostringstream out;
  {
    cereal::JSONOutputArchive ar(out);
    ar(cereal::make_nvp("session", body));
  }
  return out.str();
}

SavedSession session_from_json(std::string_view json, const std::string& file_label) {
  FileBody body;
  try {
    // Format and version first: a newer file must be named as newer even when the fields the
    // rest of this reader expects have changed in it.
    FileHead head;
    {
      std::istringstream in{std::string(json)};
      cereal::JSONInputArchive ar(in);
      ar(cereal::make_nvp("session", head));
    }
    if (head.format == kFormat && head.version != kSessionFormatVersion)
      throw SessionError(version_error(head.version, file_label));
    std::istringstream in{std::string(json)};
    cereal::JSONInputArchive ar(in);
    ar(cereal::make_nvp("session", body));
  } catch (const SessionError&) {
    throw;
  } catch (const std::exception& e) {
    throw SessionError(file_label + ": error: not a readable ZooLab session (" + e.what() + ")");
  }
  if (body.format != kFormat) throw SessionError(file_label + ": error: format is '" + body.format + "', expected '" + kFormat + "'");
  if (body.version != kSessionFormatVersion) throw SessionError(version_error(body.version, file_label));
  Scenario scenario;
  try {
    scenario = parse_scenario(body.scenario_text, file_label + " (embedded " + body.scenario_file + ")");
  } catch (const ScenarioError& e) {
    throw SessionError(std::string(e.what()));
  }
  SavedSession s{body.scenario_file, body.scenario_text, body.seed, {}};
  for (size_t i = 0; i < body.interventions.size(); ++i) {
    const std::string where = file_label + ": intervention " + std::to_string(i + 1);
    s.interventions.push_back(from_record(body.interventions[i], scenario, where));
    if (i > 0 && s.interventions[i].at_event < s.interventions[i - 1].at_event)
      throw SessionError(where + ": error: interventions are out of event order");
  }
  return s;
}

}  // namespace zoolab::sim
