// JSON Lines export of trace records.
#include "sim/export/trace_jsonl.h"

#include "sim/export/json_text.h"

namespace zoolab::sim {

std::string jsonl_record(const TraceRecord& r, const ExportInput& in) {
  const std::string node = r.node < in.nodes.size() ? json_string(in.nodes[r.node].name) : "null";
  std::string out = "{\"index\":" + std::to_string(r.index) + ",\"event\":" + std::to_string(r.event) +
                    ",\"time_ns\":" + std::to_string(r.time.ns) + ",\"node\":" + node +
                    ",\"kind\":" + json_string(record_kind_name(r.kind)) + ",\"text\":" + json_string(r.text);
  if (r.peer != core::kNoNode)
    out += ",\"from\":" + json_string(in.node_name(r.peer)) + ",\"sent_ns\":" + std::to_string(r.sent.ns);
  return out + "}";
}

std::string export_jsonl(const ExportInput& in) {
  std::string out;
  for (const TraceRecord& r : *in.records)
    if (in.in_window(r)) out += jsonl_record(r, in) + "\n";
  return out;
}

}  // namespace zoolab::sim
