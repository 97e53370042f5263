// The heartbeat test process: connects, pings, logs to disk, reconnects. Test-only.
#include "tests/support/test_processes.h"

#include <map>
#include <string>

namespace zoolab::testing {
namespace {

using core::ConnId;
using core::Env;
using core::NodeId;

constexpr uint32_t kPingTimer = 1;
constexpr uint32_t kReconnectTimer = 2;

core::Message raw(std::string label, std::vector<int64_t> fields) {
  return core::RawMessage{std::move(label), std::move(fields)};
}

class Heartbeat final : public core::Process {
 public:
  Heartbeat(std::vector<NodeId> peers, core::Duration interval) : peers_(std::move(peers)), interval_(interval) {}

  std::unique_ptr<core::Process> clone() const override { return std::make_unique<Heartbeat>(*this); }
  std::string kind() const override { return "heartbeat"; }

  void on_start(Env& env, const core::DiskImage& disk) override {
    if (auto it = disk.find("log"); it != disk.end())
      for (char c : it->second) durable_lines_ += c == '\n';
    env.out.note("heartbeat up; " + std::to_string(durable_lines_) + " durable log lines");
    for (NodeId p : peers_) open_to(env, p);
    env.out.set_timer({kPingTimer, 0}, interval_);
  }
  void on_accept(Env&, ConnId conn, NodeId from) override { inbound_[conn] = from; }
  void on_message(Env& env, ConnId conn, NodeId from, const core::Message& msg) override {
    const auto* raw_msg = std::get_if<core::RawMessage>(&msg);
    if (raw_msg == nullptr) return;  // ZooKeeper clients may talk to it: it only knows ping/pong
    const auto& m = *raw_msg;
    if (m.label == "ping") {
      env.out.send(conn, raw("pong", m.fields));
    } else if (m.label == "pong") {
      ++pongs_received_;
      env.out.append("log", "pong " + std::to_string(from) + " " + std::to_string(m.fields.at(0)) + "\n");
      if (pongs_received_ % 4 == 0) env.out.fsync(pongs_received_);
    }
  }
  void on_closed(Env& env, ConnId conn, NodeId peer) override {
    inbound_.erase(conn);
    if (auto it = outbound_.find(peer); it != outbound_.end() && it->second == conn) {
      outbound_.erase(it);
      env.out.note("lost connection to node " + std::to_string(peer) + "; retry in 1s");
      env.out.set_timer({kReconnectTimer, peer}, core::seconds(1));
    }
  }
  void on_timer(Env& env, core::TimerId t) override {
    if (t.kind == kReconnectTimer) {
      open_to(env, static_cast<NodeId>(t.id));
      return;
    }
    ++pings_sent_;
    for (const auto& [peer, conn] : outbound_) env.out.send(conn, raw("ping", {pings_sent_}));
    env.out.set_timer({kPingTimer, 0}, interval_);
  }
  void on_disk_done(Env& env, uint64_t token) override { env.out.note("log synced up to pong " + std::to_string(token)); }
  std::string timer_name(core::TimerId t) const override { return t.kind == kPingTimer ? "ping" : "reconnect"; }
  core::StateLines state_lines() const override {
    return {{"pings sent", std::to_string(pings_sent_)},
            {"pongs received", std::to_string(pongs_received_)},
            {"durable log lines at start", std::to_string(durable_lines_)}};
  }

 private:
  void open_to(Env& env, NodeId peer) { outbound_[peer] = env.out.connect(peer); }

  std::vector<NodeId> peers_;
  core::Duration interval_;
  std::map<NodeId, ConnId> outbound_;
  std::map<ConnId, NodeId> inbound_;
  int64_t pings_sent_ = 0;
  int64_t pongs_received_ = 0;
  int64_t durable_lines_ = 0;
};

std::unique_ptr<core::Process> heartbeat_for(const sim::Scenario& sc, const sim::NodeDecl& decl) {
  std::vector<NodeId> peers;
  for (NodeId i = 0; i < sc.nodes.size(); ++i)
    if (sc.nodes[i].name != decl.name && (sc.nodes[i].kind == decl.kind)) peers.push_back(i);
  core::Duration interval = core::milliseconds(500);
  if (auto it = decl.args.find("interval_ms"); it != decl.args.end())
    interval = core::milliseconds(std::stoll(it->second));
  return make_heartbeat(std::move(peers), interval);
}

}  // namespace

std::unique_ptr<core::Process> make_heartbeat(std::vector<NodeId> peers, core::Duration interval) {
  return std::make_unique<Heartbeat>(std::move(peers), interval);
}

const sim::ProcessRegistry& test_processes() {
  static const sim::ProcessRegistry registry = [] {
    sim::ProcessRegistry r = sim::product_processes();
    r["zookeeper"] = heartbeat_for;
    r["heartbeat"] = heartbeat_for;
    return r;
  }();
  return registry;
}

}  // namespace zoolab::testing
