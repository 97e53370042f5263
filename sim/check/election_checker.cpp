// The election-order checker: reads the election notes ("round N: vote (id, 0xzxid, epoch e)"
// when lookForLeader starts, "decided STATE (id, 0xzxid, epoch e): no better vote for 200ms").
#include "sim/check/election_checker.h"

#include <charconv>
#include <map>
#include <optional>
#include <string_view>

#include "core/znode/types.h"

namespace zoolab::sim::check {
namespace {

struct VoteKey {
  int64_t id = 0, zxid = 0, epoch = 0;
};

// "(2, 0x100000005, epoch 1)" at the start of `s`.
std::optional<VoteKey> parse_vote(std::string_view s) {
  if (!s.starts_with("(")) return std::nullopt;
  VoteKey v;
  const char* p = s.data() + 1;
  const char* end = s.data() + s.size();
  auto r = std::from_chars(p, end, v.id);
  if (r.ec != std::errc()) return std::nullopt;
  p = r.ptr;
  if (end - p < 4 || std::string_view(p, 4) != ", 0x") return std::nullopt;
  uint64_t z = 0;
  r = std::from_chars(p + 4, end, z, 16);
  if (r.ec != std::errc()) return std::nullopt;
  v.zxid = static_cast<int64_t>(z);
  p = r.ptr;
  if (end - p < 8 || std::string_view(p, 8) != ", epoch ") return std::nullopt;
  r = std::from_chars(p + 8, end, v.epoch);
  if (r.ec != std::errc()) return std::nullopt;
  return v;
}

std::string text_of(const VoteKey& v) {
  return "(" + std::to_string(v.id) + ", " + core::zk::hex(v.zxid) + ", epoch " + std::to_string(v.epoch) + ")";
}

class ElectionOrderChecker final : public Checker {
 public:
  std::unique_ptr<Checker> clone() const override { return std::make_unique<ElectionOrderChecker>(*this); }
  std::string_view name() const override { return "election-order"; }

  void observe(const World& w, std::span<const TraceRecord> fresh, std::vector<Finding>& out) override {
    for (const TraceRecord& r : fresh) {
      if (r.node == core::kNoNode) continue;
      if (r.kind == RecordKind::kStart || r.kind == RecordKind::kCrash) {
        initial_.erase(r.node);
        continue;
      }
      if (r.kind != RecordKind::kNote || r.text.size() < 8) continue;
      const std::string_view t = r.text;
      if (t.starts_with("round ")) {
        const size_t colon = t.find(": ");
        if (colon == std::string_view::npos) continue;
        const std::string_view rest = t.substr(colon + 2);
        if (rest.starts_with("vote ")) {
          if (auto v = parse_vote(rest.substr(5))) initial_[r.node] = *v;
        } else if (rest.starts_with("no vote")) {
          initial_.erase(r.node);  // an observer: nothing to compare
        }
        continue;
      }
      if (!t.starts_with("decided ") || t.find("no better vote") == std::string_view::npos) continue;
      const size_t open = t.find('(');
      if (open == std::string_view::npos) continue;
      const auto decided = parse_vote(t.substr(open));
      const auto it = initial_.find(r.node);
      if (!decided || it == initial_.end()) continue;
      const VoteKey& own = it->second;
      const bool older = decided->epoch < own.epoch || (decided->epoch == own.epoch && decided->zxid < own.zxid);
      if (older)
        out.push_back({r.node, w.node(r.node).name + " settled on " + text_of(*decided) + ", older than its own vote " +
                                   text_of(own) + ": the elected leader lacks epoch or txns a voter has"});
    }
  }

 private:
  std::map<NodeId, VoteKey> initial_;
};

}  // namespace

std::unique_ptr<Checker> make_election_order_checker() { return std::make_unique<ElectionOrderChecker>(); }

}  // namespace zoolab::sim::check
