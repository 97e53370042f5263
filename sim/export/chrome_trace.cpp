// Trace Event Format writer. Timestamps are µs with ns precision; pids are NodeIds + 1 (pid 0 is
// the world: faults and captions).
#include "sim/export/chrome_trace.h"

#include <algorithm>
#include <map>

#include "sim/export/json_text.h"

namespace zoolab::sim {
namespace {

constexpr int64_t kSliceNs = 1000;  // messages are instantaneous; 1 µs slices keep them clickable

class Writer {
 public:
  void event(const std::string& body) {
    out_ += first_ ? "\n" : ",\n";
    first_ = false;
    out_ += "{" + body + "}";
  }
  std::string finish(const std::string& other) {
    return "{\"displayTimeUnit\":\"ms\",\"otherData\":{" + other + "},\"traceEvents\":[" + out_ + "\n]}\n";
  }

 private:
  std::string out_;
  bool first_ = true;
};

std::string pid(NodeId node) { return std::to_string(node == core::kNoNode ? 0 : static_cast<int64_t>(node) + 1); }

std::string common(std::string_view name, std::string_view cat, std::string_view ph, int64_t ns, NodeId node) {
  return "\"name\":" + json_string(name) + ",\"cat\":" + json_string(cat) + ",\"ph\":\"" + std::string(ph) +
         "\",\"ts\":" + micros_text(ns) + ",\"pid\":" + pid(node) + ",\"tid\":0";
}

// The message's name: the text after "from X: " up to its first space ("PROPOSAL", "NOTIFICATION").
std::string message_name(const std::string& text) {
  const size_t colon = text.find(": ");
  std::string body = colon == std::string::npos ? text : text.substr(colon + 2);
  const size_t space = body.find(' ');
  return space == std::string::npos ? body : body.substr(0, space);
}

}  // namespace

std::string export_chrome_trace(const ExportInput& in) {
  Writer w;
  w.event("\"name\":\"process_name\",\"ph\":\"M\",\"pid\":0,\"tid\":0,\"args\":{\"name\":\"world (faults, captions)\"}");
  for (NodeId id = 0; id < in.nodes.size(); ++id) {
    w.event("\"name\":\"process_name\",\"ph\":\"M\",\"pid\":" + pid(id) + ",\"tid\":0,\"args\":{\"name\":" +
            json_string(in.nodes[id].name + " (" + in.nodes[id].kind + ")") + "}");
    w.event("\"name\":\"process_sort_index\",\"ph\":\"M\",\"pid\":" + pid(id) +
            ",\"tid\":0,\"args\":{\"sort_index\":" + std::to_string(id + 1) + "}");
  }
  // Open role spans ("state LEADING" until the next state note or a crash) per node.
  std::map<NodeId, std::pair<std::string, int64_t>> role;
  auto close_role = [&](NodeId node, int64_t ns) {
    const auto it = role.find(node);
    if (it == role.end()) return;
    const int64_t start = std::max(it->second.second, in.from.ns);
    if (ns >= in.from.ns)
      w.event(common(it->second.first, "role", "X", start, node) + ",\"dur\":" + micros_text(std::max<int64_t>(ns - start, 0)));
    role.erase(it);
  };
  uint64_t flow = 0;
  int64_t last_ns = in.from.ns;
  for (const TraceRecord& r : *in.records) {
    if (r.time.ns > in.to.ns) break;
    if (r.kind == RecordKind::kNote && r.text.rfind("state ", 0) == 0) {
      // Spans that began before the window still start at its left edge.
      close_role(r.node, r.time.ns);
      role[r.node] = {r.text.substr(6), r.time.ns};
    } else if (r.kind == RecordKind::kCrash || r.kind == RecordKind::kPowerOff) {
      close_role(r.node, r.time.ns);
    }
    if (!in.in_window(r)) continue;
    last_ns = r.time.ns;
    const std::string args = ",\"args\":{\"index\":" + std::to_string(r.index) + ",\"text\":" + json_string(r.text) + "}";
    switch (r.kind) {
      case RecordKind::kDeliver: {
        const std::string name = message_name(r.text);
        w.event(common(name, "message", "X", r.time.ns, r.node) + ",\"dur\":" + micros_text(kSliceNs) + args);
        if (r.peer != core::kNoNode && r.sent.ns >= in.from.ns) {
          ++flow;
          w.event(common("send " + name, "message", "X", r.sent.ns, r.peer) + ",\"dur\":" + micros_text(kSliceNs));
          w.event(common(name, "message", "s", r.sent.ns, r.peer) + ",\"id\":" + std::to_string(flow));
          w.event(common(name, "message", "f", r.time.ns, r.node) + ",\"bp\":\"e\",\"id\":" + std::to_string(flow));
        }
        break;
      }
      case RecordKind::kCaption:
        w.event(common(in.caption_text(r), "caption", "i", r.time.ns, core::kNoNode) + ",\"s\":\"g\"" + args);
        break;
      case RecordKind::kFault:
      case RecordKind::kViolation:
      case RecordKind::kExpect:
        w.event(common(r.text, record_kind_name(r.kind), "i", r.time.ns, r.node) +
                (r.node == core::kNoNode ? ",\"s\":\"g\"" : ",\"s\":\"p\"") + args);
        break;
      case RecordKind::kTimer:
      case RecordKind::kDiskDone:
      case RecordKind::kAccept:
      case RecordKind::kClosed:
      case RecordKind::kDrop:
      case RecordKind::kOutput:
      case RecordKind::kNote:
        w.event(common(clip_text(r.text, 80), record_kind_name(r.kind), "i", r.time.ns, r.node) + ",\"s\":\"t\"" + args);
        break;
      default:  // start, crash, power-off, pause, resume, intervention
        w.event(common(std::string(record_kind_name(r.kind)) + (r.text.empty() ? "" : ": " + clip_text(r.text, 60)),
                       "lifecycle", "i", r.time.ns, r.node) + ",\"s\":\"p\"" + args);
        break;
    }
  }
  const int64_t end = std::min(in.to.ns, std::max(last_ns, in.from.ns));
  while (!role.empty()) close_role(role.begin()->first, end);
  return w.finish("\"title\":" + json_string(in.title) + ",\"scenario\":" + json_string(in.scenario) +
                  ",\"seed\":" + std::to_string(in.seed));
}

}  // namespace zoolab::sim
