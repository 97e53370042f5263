// A tiny harness for ZooKeeper scenario tests that read like a script: inline .zls text, run to a
// time, then look at the server's views, the clients' consoles and the trace.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "core/client/zkcli_process.h"
#include "core/server/zookeeper_server.h"
#include "sim/scenario/parser.h"
#include "sim/scenario/run.h"

namespace zoolab::sim::testing {

inline core::Time ms(int64_t v) { return core::Time{0} + core::milliseconds(v); }

class ZkScript {
 public:
  explicit ZkScript(const std::string& text)
      : run_(std::make_shared<const Scenario>(parse_scenario(text, "inline.zls")), 1, product_processes()) {}

  Run& run() { return run_; }
  const World& world() const { return run_.world(); }
  void until(int64_t t_ms) { run_.run_until(ms(t_ms)); }
  void to_end() { run_.run_to_end(); }

  NodeId id(const std::string& name) const {
    auto n = world().find_node(name);
    REQUIRE(n.has_value());
    return *n;
  }
  const core::zk::ZooKeeperServer& server(const std::string& name = "zk1") const {
    const auto* s = dynamic_cast<const core::zk::ZooKeeperServer*>(world().node(id(name)).process.get());
    REQUIRE(s != nullptr);
    return *s;
  }
  const core::zk::ZkCliProcess& client(const std::string& name) const {
    const auto* c = dynamic_cast<const core::zk::ZkCliProcess*>(world().node(id(name)).process.get());
    REQUIRE(c != nullptr);
    return *c;
  }
  bool exists(const std::string& path, const std::string& srv = "zk1") const {
    return server(srv).tree().find(path) != core::zk::DataTree::kNone;
  }
  // Everything a client printed (stdout and stderr), in order.
  std::string console(const std::string& name) const {
    const NodeId n = id(name);
    std::string out;
    for (const ConsoleChunk& c : world().console())
      if (c.node == n) out += c.text;
    return out;
  }
  static size_t count(const std::string& hay, const std::string& needle) {
    size_t n = 0;
    for (size_t at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + 1)) ++n;
    return n;
  }
  // The event lines ("type:NodeDataChanged path:/a") a client printed, in order.
  std::vector<std::string> events(const std::string& name) const {
    std::vector<std::string> out;
    const std::string text = console(name);
    for (size_t at = text.find("WatchedEvent "); at != std::string::npos; at = text.find("WatchedEvent ", at + 1)) {
      const size_t type = text.find("type:", at);
      const size_t end = text.find('\n', at);
      if (type == std::string::npos || type > end) continue;
      std::string line = text.substr(type, end - type);
      if (line.rfind("type:None", 0) != 0) out.push_back(line);
    }
    return out;
  }
  // Trace records of one kind at one node whose text contains `needle`.
  std::vector<const TraceRecord*> records(const std::string& node, RecordKind kind, const std::string& needle) const {
    std::vector<const TraceRecord*> out;
    const NodeId n = id(node);
    for (const TraceRecord& r : run_.trace().records)
      if (r.node == n && r.kind == kind && r.text.find(needle) != std::string::npos) out.push_back(&r);
    return out;
  }
  void no_violations() const {
    for (const auto& v : run_.violations()) FAIL_CHECK(v.checker << ": " << v.text);
  }

 private:
  Run run_;
};

}  // namespace zoolab::sim::testing
