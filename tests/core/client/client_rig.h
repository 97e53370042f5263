// A hand-made Env for driving client state machines without a world: the test plays the server.
#pragma once

#include <variant>
#include <vector>

#include "core/base/process.h"

namespace zoolab::testing {

struct ClientRig {
  uint32_t conn_seq = 0;
  core::Rng rng{7};
  core::Outbox out{9, conn_seq};
  core::Time now{0};
  core::Env env() { return core::Env{now, out, rng}; }
  std::vector<core::Command> take() {
    std::vector<core::Command> c = std::move(out.commands());
    out.commands().clear();
    return c;
  }
  template <class T>
  static std::vector<T> only(const std::vector<core::Command>& cmds) {
    std::vector<T> r;
    for (const auto& c : cmds)
      if (const auto* x = std::get_if<T>(&c)) r.push_back(*x);
    return r;
  }
  // Requests sent, in order.
  static std::vector<core::zk::Request> requests(const std::vector<core::Command>& cmds) {
    std::vector<core::zk::Request> r;
    for (const auto& s : only<core::SendCmd>(cmds))
      if (const auto* q = std::get_if<core::zk::Request>(&s.msg)) r.push_back(*q);
    return r;
  }
  static std::string printed(const std::vector<core::Command>& cmds, core::OutStream which) {
    std::string s;
    for (const auto& p : only<core::PrintCmd>(cmds))
      if (p.stream == which) s += p.text;
    return s;
  }
};

}  // namespace zoolab::testing
