// Text and JSON renderings of trace records for `zoolab run`.
#include "cli/trace_output.h"

#include <fmt/core.h>

#include <algorithm>
#include <string_view>

namespace zoolab::cli {
namespace {

std::string node_name(core::NodeId id, const sim::World& w) {
  return id < w.node_count() ? w.node(id).name : "-";
}

std::string time_prefix(core::Time t) {
  return fmt::format("[{:>12}]", core::format_seconds(t));
}

// A JSON string literal: quotes, backslashes and control characters escaped; UTF-8 kept.
std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

}  // namespace

std::string trace_line(const sim::TraceRecord& r, const sim::World& w) {
  if (r.kind == sim::RecordKind::kOutput) {
    // Console text ("1> " stdout, "2> " stderr): one trace line per printed line, blank
    // lines kept, so zkCli's event blocks read as they would in a terminal.
    const std::string_view text = std::string_view(r.text).substr(3);
    const char* mark = std::string_view(r.text).starts_with("2>") ? "!" : "|";
    std::string out;
    size_t start = 0;
    while (start < text.size()) {
      const size_t nl = std::min(text.find('\n', start), text.size());
      if (!out.empty()) out += '\n';
      out += fmt::format("{} {} {} {}", time_prefix(r.time), node_name(r.node, w), mark, text.substr(start, nl - start));
      start = nl + 1;
    }
    return out;
  }
  return fmt::format("{} {} {} {}", time_prefix(r.time), node_name(r.node, w),
                     sim::record_kind_name(r.kind), r.text);
}

std::string caption_lines(core::Time at, const sim::SayStep& say) {
  std::string out;
  for (const std::string* text : {&say.en, &say.zh}) {
    if (!text->empty()) out += fmt::format("{} say: {}\n", time_prefix(at), *text);
  }
  return out;
}

std::string expect_line(core::Time at, const sim::ExpectResult& result, const sim::Scenario& sc) {
  const sim::Step& step = sc.steps.at(result.step);
  return fmt::format("{} {} {}:{} {}{}", time_prefix(at), result.passed ? "PASS" : "FAIL",
                     step.loc.file, step.loc.line, step.text,
                     result.detail.empty() ? "" : " (" + result.detail + ")");
}

std::string json_record(const sim::TraceRecord& r, const sim::World& w) {
  const std::string node = r.node < w.node_count() ? json_string(w.node(r.node).name) : "null";
  return fmt::format(R"({{"index":{},"event":{},"time_ns":{},"node":{},"kind":{},"text":{}}})",
                     r.index, r.event, r.time.ns, node, json_string(sim::record_kind_name(r.kind)),
                     json_string(r.text));
}

}  // namespace zoolab::cli
