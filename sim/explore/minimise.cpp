// Greedy delta debugging over scenario lines: first big chunks, then halves, down to single
// lines, repeated until a round drops nothing (or the run budget is spent).
#include "sim/explore/minimise.h"

#include <algorithm>
#include <array>
#include <vector>

#include "sim/explore/generate.h"
#include "sim/scenario/value_parse.h"

namespace zoolab::sim::explore {
namespace {

std::string_view trim(std::string_view s) {
  const size_t a = s.find_first_not_of(" \t\r");
  if (a == std::string_view::npos) return {};
  const size_t b = s.find_last_not_of(" \t\r");
  return s.substr(a, b - a + 1);
}

// The next blank-separated word of `s` from `*pos`.
std::string_view next_word(std::string_view s, size_t* pos) {
  const size_t a = s.find_first_not_of(" \t", *pos);
  if (a == std::string_view::npos) {
    *pos = s.size();
    return {};
  }
  const size_t b = std::min(s.find_first_of(" \t", a), s.size());
  *pos = b;
  return s.substr(a, b - a);
}

class Minimiser {
 public:
  Minimiser(std::string_view text, const std::function<bool(const std::string&)>& still_fails,
            MinimiseOptions options)
      : still_fails_(still_fails), options_(options) {
    size_t start = 0;
    while (start < text.size()) {
      const size_t nl = text.find('\n', start);
      const size_t end = nl == std::string_view::npos ? text.size() : nl;
      lines_.emplace_back(text.substr(start, end - start));
      start = end + 1;
    }
    trailing_newline_ = !text.empty() && text.back() == '\n';
    keep_.assign(lines_.size(), true);
    for (size_t i = 0; i < lines_.size(); ++i) {
      if (trim(lines_[i]).starts_with(kRecoveryMarker)) break;
      kinds_.push_back({i, classify_line(lines_[i])});
    }
  }

  MinimiseResult run() {
    MinimiseResult result;
    for (bool dropped = true; dropped && !out_of_budget();) {
      dropped = false;
      for (LineKind kind : std::array{LineKind::kFault, LineKind::kWorkload}) {
        const size_t n = pass(kind);
        (kind == LineKind::kFault ? result.dropped_faults : result.dropped_workload) += n;
        dropped = dropped || n > 0;
      }
    }
    result.text = render();
    result.runs = runs_;
    result.budget_exhausted = out_of_budget();
    return result;
  }

 private:
  bool out_of_budget() const { return runs_ >= options_.max_runs; }

  std::string render() const {
    std::string out;
    for (size_t i = 0; i < lines_.size(); ++i) {
      if (!keep_[i]) continue;
      out += lines_[i];
      if (i + 1 < lines_.size() || trailing_newline_) out += '\n';
    }
    return out;
  }

  // Chunks of the kept lines of one kind, from all of them down to single lines. Returns how
  // many lines it dropped.
  size_t pass(LineKind kind) {
    std::vector<size_t> idx;
    for (const auto& [i, k] : kinds_)
      if (k == kind && keep_[i]) idx.push_back(i);
    size_t dropped_total = 0;
    size_t chunk = idx.size();
    while (!idx.empty()) {
      bool dropped = false;
      for (size_t start = 0; start < idx.size();) {
        if (out_of_budget()) return dropped_total;
        const size_t end = std::min(idx.size(), start + chunk);
        for (size_t k = start; k < end; ++k)
          keep_[idx[k]] = false;
        ++runs_;
        if (still_fails_(render())) {
          dropped_total += end - start;
          idx.erase(idx.begin() + static_cast<std::ptrdiff_t>(start),
                    idx.begin() + static_cast<std::ptrdiff_t>(end));
          dropped = true;
        } else {
          for (size_t k = start; k < end; ++k)
            keep_[idx[k]] = true;
          start = end;
        }
      }
      if (chunk == 1 && !dropped) break;
      chunk = std::max<size_t>(1, chunk / 2);
    }
    return dropped_total;
  }

  const std::function<bool(const std::string&)>& still_fails_;
  MinimiseOptions options_;
  std::vector<std::string> lines_;
  bool trailing_newline_ = false;
  std::vector<bool> keep_;
  std::vector<std::pair<size_t, LineKind>> kinds_;  // candidate region: lines above the marker
  size_t runs_ = 0;
};

}  // namespace

LineKind classify_line(std::string_view line) {
  const std::string_view s = trim(line);
  size_t pos = 0;
  if (next_word(s, &pos) != "at") return LineKind::kFixed;  // comments, header, +DELAY, run until
  if (next_word(s, &pos).empty()) return LineKind::kFixed;  // the time
  const std::string_view command = next_word(s, &pos);
  if (command.size() > 1 && command.back() == ':') return LineKind::kWorkload;
  static constexpr std::string_view kFaults[] = {"crash",     "restart", "poweroff", "pause",
                                                 "partition", "heal",    "latency",  "clock",
                                                 "slow-disk", "not-tcp"};
  for (std::string_view f : kFaults)
    if (command == f) return LineKind::kFault;
  return LineKind::kFixed;
}

std::string drop_lines_after(std::string_view text, core::Time t) {
  std::string out;
  bool candidates = true;  // above the recovery marker
  size_t start = 0;
  while (start < text.size()) {
    const size_t nl = text.find('\n', start);
    const size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
    const std::string_view line = text.substr(start, end - start);
    start = end;
    if (trim(line).starts_with(kRecoveryMarker)) candidates = false;
    if (candidates && classify_line(line) != LineKind::kFixed) {
      size_t pos = 0;
      next_word(line, &pos);  // "at"
      std::string why;
      const auto at = scenario_text::parse_duration(next_word(line, &pos), &why);
      if (at && at->ns > t.ns) continue;
    }
    out += line;
  }
  return out;
}

MinimiseResult minimise(std::string_view text,
                        const std::function<bool(const std::string&)>& still_fails,
                        MinimiseOptions options) {
  return Minimiser(text, still_fails, options).run();
}

}  // namespace zoolab::sim::explore
