// A harness for ensemble scenario tests: runs a lesson file from scenarios/ (or inline .zls
// text) with a chosen seed, then looks at the expectations' results, the checkers' findings,
// the servers' peer views and the ZAB notes of the trace.
#pragma once

#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "core/client/zkcli_process.h"
#include "core/server/zookeeper_server.h"
#include "core/zab/zab_notes.h"
#include "sim/check/trace_text.h"
#include "sim/scenario/parser.h"
#include "sim/scenario/run.h"

namespace zoolab::sim::testing {

inline core::Time ms(int64_t v) { return core::Time{0} + core::milliseconds(v); }
inline double seconds(core::Time t) { return static_cast<double>(t.ns) / 1e9; }

// A lesson file under scenarios/.
inline std::string lesson(const std::string& rel) { return std::string(ZOOLAB_SOURCE_DIR) + "/scenarios/" + rel; }

// The text of a lesson file, with every `from` replaced by `to` (a variant of the lesson).
inline std::string lesson_text(const std::string& rel, const std::string& from = "", const std::string& to = "") {
  std::ifstream in(lesson(rel), std::ios::binary);
  REQUIRE(in.good());
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  if (!from.empty()) {
    const size_t at = text.find(from);
    REQUIRE(at != std::string::npos);
    for (size_t p = at; p != std::string::npos; p = text.find(from, p + to.size())) text.replace(p, from.size(), to);
  }
  return text;
}

struct SyncedNote {  // "synced with leader L in epoch E by MODE at Z"
  core::Time at;
  int64_t leader = 0, epoch = 0;
  core::zab::SyncMode mode = core::zab::SyncMode::kNone;
  core::zk::Zxid zxid = 0;
};

class Ensemble {
 public:
  // seed: std::nullopt = the scenario's `seed` line (default 1), as `zoolab run` does.
  static Ensemble file(const std::string& rel, std::optional<uint64_t> seed = std::nullopt) {
    return Ensemble(load_scenario(lesson(rel)), seed);
  }
  static Ensemble text(const std::string& zls, std::optional<uint64_t> seed = std::nullopt) {
    return Ensemble(parse_scenario(zls, "inline.zls"), seed);
  }
  Ensemble(Scenario sc, std::optional<uint64_t> seed)
      : sc_(std::make_shared<const Scenario>(std::move(sc))),
        run_(std::make_unique<Run>(sc_, seed ? *seed : sc_->seed.value_or(1), product_processes())) {}

  Run& run() { return *run_; }
  const World& world() const { return run_->world(); }
  void until(int64_t t_ms) { run_->run_until(ms(t_ms)); }
  void to_end() { run_->run_to_end(); }

  NodeId id(const std::string& name) const {
    auto n = world().find_node(name);
    REQUIRE(n.has_value());
    return *n;
  }
  const core::zk::ZooKeeperServer& server(const std::string& name) const {
    const auto* s = dynamic_cast<const core::zk::ZooKeeperServer*>(world().node(id(name)).process.get());
    REQUIRE(s != nullptr);
    return *s;
  }
  core::zab::PeerView view(const std::string& name) const { return server(name).peer_view(); }
  const core::zk::ZkCliProcess& client(const std::string& name) const {
    const auto* c = dynamic_cast<const core::zk::ZkCliProcess*>(world().node(id(name)).process.get());
    REQUIRE(c != nullptr);
    return *c;
  }

  // Every expectation of the scenario has a result and passed.
  void expects_pass() const {
    size_t expect_steps = 0;
    for (const Step& s : sc_->steps) expect_steps += std::holds_alternative<ExpectStep>(s.body) ? 1 : 0;
    CHECK(run_->expect_results().size() == expect_steps);
    for (const ExpectResult& r : run_->expect_results())
      if (!r.passed) FAIL_CHECK("line " << sc_->steps[r.step].loc.line << ": " << r.detail);
  }
  void no_violations() const {
    for (const auto& v : run_->violations()) FAIL_CHECK(v.checker << ": " << v.text);
  }
  void no_unexpected_violations() const {
    for (const auto& v : run_->unexpected_violations()) FAIL_CHECK(v.checker << ": " << v.text);
  }
  bool violated(const std::string& checker) const {
    for (const auto& v : run_->violations())
      if (v.checker == checker) return true;
    return false;
  }

  // Trace records of one kind at one node (any node: "") whose text contains `needle`.
  std::vector<const TraceRecord*> records(const std::string& node, RecordKind kind, const std::string& needle) const {
    std::vector<const TraceRecord*> out;
    const NodeId n = node.empty() ? core::kNoNode : id(node);
    for (const TraceRecord& r : run_->trace().records)
      if ((node.empty() || r.node == n) && r.kind == kind && r.text.find(needle) != std::string::npos)
        out.push_back(&r);
    return out;
  }
  std::vector<const TraceRecord*> notes(const std::string& node, const std::string& needle) const {
    return records(node, RecordKind::kNote, needle);
  }
  // The learner's "synced with leader ..." notes, in order.
  std::vector<SyncedNote> synced(const std::string& node) const {
    std::vector<SyncedNote> out;
    for (const TraceRecord* r : notes(node, "synced with leader ")) {
      const auto n = core::zab::parse_zab_note(r->text);
      REQUIRE(n.has_value());
      out.push_back({r->time, n->leader, n->epoch, n->mode, n->zxid});
    }
    return out;
  }
  // The sync modes of every "synced with leader" note of `node`.
  std::vector<core::zab::SyncMode> sync_modes(const std::string& node) const {
    std::vector<core::zab::SyncMode> out;
    for (const SyncedNote& n : synced(node)) out.push_back(n.mode);
    return out;
  }
  // The epochs `node` was established as leader of.
  std::vector<int64_t> led_epochs(const std::string& node) const {
    std::vector<int64_t> out;
    for (const TraceRecord* r : notes(node, "established leader of epoch "))
      out.push_back(core::zab::parse_zab_note(r->text)->epoch);
    return out;
  }
  // The replies a client received after `after`, in order.
  struct Reply {
    core::Time at;
    check::ReplyText reply;
    std::string from;
    std::string body;  // "reply xid=4 zxid=0x200000001 /a"
  };
  std::vector<Reply> replies(const std::string& client, core::Time after = core::Time{0}) const {
    std::vector<Reply> out;
    for (const TraceRecord* r : records(client, RecordKind::kDeliver, "reply xid=")) {
      if (r->time < after) continue;
      const auto d = check::parse_delivery(r->text);
      if (!d) continue;
      const auto rep = check::parse_reply(d->body);
      if (rep) out.push_back({r->time, *rep, std::string(d->from), std::string(d->body)});
    }
    return out;
  }

 private:
  std::shared_ptr<const Scenario> sc_;
  std::unique_ptr<Run> run_;
};

}  // namespace zoolab::sim::testing
