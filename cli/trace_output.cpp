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

}  // namespace

std::string time_prefix(core::Time t) { return fmt::format("[{:>12}]", core::format_seconds(t)); }

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

std::string caption_lines(core::Time at, const sim::SayStep& say, CaptionLang lang) {
  std::string out;
  if (lang == CaptionLang::kBoth) {
    for (const std::string* text : {&say.en, &say.zh})
      if (!text->empty()) out += fmt::format("{} say: {}\n", time_prefix(at), *text);
    return out;
  }
  const std::string text = caption_text(say, lang);
  return text.empty() ? out : fmt::format("{} say: {}\n", time_prefix(at), text);
}

std::string caption_text(const sim::SayStep& say, CaptionLang lang) {
  const std::string& first = lang == CaptionLang::kZh ? say.zh : say.en;
  const std::string& other = lang == CaptionLang::kZh ? say.en : say.zh;
  if (lang == CaptionLang::kBoth) return say.en.empty() ? say.zh : say.zh.empty() ? say.en : say.en + " / " + say.zh;
  return first.empty() ? other : first;
}

std::string expect_line(core::Time at, const sim::ExpectResult& result, const sim::Scenario& sc) {
  const sim::Step& step = sc.steps.at(result.step);
  return fmt::format("{} {} {}:{} {}{}", time_prefix(at), result.passed ? "PASS" : "FAIL",
                     step.loc.file, step.loc.line, step.text,
                     result.detail.empty() ? "" : " (" + result.detail + ")");
}

}  // namespace zoolab::cli
