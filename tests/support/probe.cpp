// Implementation of the Probe test process.
#include "tests/support/probe.h"

namespace zoolab::testing {

void Probe::on_start(core::Env& env, const core::DiskImage& disk) {
  if (auto it = disk.find("log"); it != disk.end()) durable_at_start = it->second;
  seen.push_back({env.now, "start"});
  for (size_t i = 0; i < sends_.size(); ++i) env.out.set_timer({0, i}, sends_[i].after);
}

void Probe::on_accept(core::Env& env, core::ConnId conn, core::NodeId from) {
  conns_.push_back({from, conn});
  seen.push_back({env.now, "accept " + std::to_string(from)});
}

void Probe::on_message(core::Env& env, core::ConnId, core::NodeId from, const core::Message& msg) {
  seen.push_back({env.now, "msg " + std::to_string(from) + " " + core::describe(msg)});
  if (log_to_disk_) {
    env.out.append("log", core::describe(msg) + "\n");
    env.out.fsync(++fsyncs_);
  }
}

void Probe::on_closed(core::Env& env, core::ConnId conn, core::NodeId peer) {
  std::erase_if(conns_, [&](const auto& pc) { return pc.second == conn; });
  seen.push_back({env.now, "closed " + std::to_string(peer)});
}

void Probe::on_timer(core::Env& env, core::TimerId t) {
  seen.push_back({env.now, "timer " + std::to_string(t.id)});
  const ProbeSend& s = sends_.at(t.id);
  env.out.send(conn_to(env, s.to), core::RawMessage{s.label, {s.value}});
  if (log_to_disk_) env.out.append("log", "sent " + s.label + "\n");
}

void Probe::on_disk_done(core::Env& env, uint64_t token) { seen.push_back({env.now, "disk " + std::to_string(token)}); }

std::vector<int64_t> Probe::values_from(core::NodeId from) const {
  std::vector<int64_t> out;
  const std::string prefix = "msg " + std::to_string(from) + " ";
  for (const Seen& s : seen) {
    if (s.what.rfind(prefix, 0) != 0) continue;
    const auto open = s.what.find('(');
    out.push_back(std::stoll(s.what.substr(open + 1)));
  }
  return out;
}

core::ConnId Probe::conn_to(core::Env& env, core::NodeId peer) {
  for (const auto& [p, c] : conns_)
    if (p == peer) return c;
  const core::ConnId c = env.out.connect(peer);
  conns_.push_back({peer, c});
  return c;
}

}  // namespace zoolab::testing
