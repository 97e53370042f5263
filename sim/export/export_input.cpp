// Export input helpers.
#include "sim/export/export_input.h"

#include "sim/scenario/run.h"

namespace zoolab::sim {

const std::string& ExportInput::caption_text(const TraceRecord& r) const {
  const auto it = captions.find(r.index);
  return it != captions.end() ? it->second : r.text;
}

std::vector<ExportNode> export_nodes(const Run& run) {
  std::vector<ExportNode> out;
  const World& w = run.world();
  for (NodeId id = 0; id < w.node_count(); ++id) {
    std::string kind = id < run.scenario().nodes.size() ? run.scenario().nodes[id].kind : "";
    out.push_back({w.node(id).name, kind});
  }
  return out;
}

}  // namespace zoolab::sim
