// What every exporter reads: the trace records of a run, its machines, a time window, and the
// caption text in the chosen language. Built once by the CLI (or a test) from a finished Run.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "sim/kernel/trace.h"

namespace zoolab::sim {

class Run;

struct ExportNode {
  std::string name;  // "zk1", "c1"
  std::string kind;  // "zookeeper", "zk-client", "lock-worker", ...
};

struct ExportInput {
  std::string title;     // the scenario's title or file name
  std::string scenario;  // file the run came from
  uint64_t seed = 1;
  std::vector<ExportNode> nodes;              // index = NodeId
  const std::vector<TraceRecord>* records = nullptr;
  std::map<uint64_t, std::string> captions;   // record index -> caption text in the chosen language
  Time from{0};                               // records with from <= time <= to are exported
  Time to{INT64_MAX};

  bool in_window(const TraceRecord& r) const { return r.time.ns >= from.ns && r.time.ns <= to.ns; }
  std::string node_name(NodeId id) const { return id < nodes.size() ? nodes[id].name : "-"; }
  // A caption record's text in the chosen language (the record's own text otherwise).
  const std::string& caption_text(const TraceRecord& r) const;
};

// The machines of a run (names and kinds from its scenario).
std::vector<ExportNode> export_nodes(const Run& run);

}  // namespace zoolab::sim
