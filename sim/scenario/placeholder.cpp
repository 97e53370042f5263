// The "zookeeper" program until issue 3: says so once per start and otherwise stays quiet.
#include "sim/scenario/placeholder.h"

namespace zoolab::sim {
namespace {

class ZookeeperPlaceholder final : public core::Process {
 public:
  std::unique_ptr<core::Process> clone() const override {
    return std::make_unique<ZookeeperPlaceholder>(*this);
  }
  std::string kind() const override { return "zookeeper"; }

  void on_start(core::Env& env, const core::DiskImage&) override {
    env.out.note("ZooKeeper server model arrives with issue 3: this machine runs no server yet");
  }
  // No server listens: refuse the conversation rather than leave the peer waiting forever.
  // (Same as env.out.close(conn), which trips a g++ 12 -O2 -Wmaybe-uninitialized false
  // positive on the push_back of a temporary variant; emplacing a built CloseCmd does not.)
  void on_accept(core::Env& env, core::ConnId conn, core::NodeId) override {
    env.out.commands().emplace_back(std::in_place_type<core::CloseCmd>, core::CloseCmd{conn});
  }
  void on_message(core::Env&, core::ConnId, core::NodeId, const core::Message&) override {}

  core::StateLines state_lines() const override {
    return {{"server", "not modelled yet (arrives with issue 3)"}};
  }
};

}  // namespace

std::unique_ptr<core::Process> make_zookeeper_placeholder() {
  return std::make_unique<ZookeeperPlaceholder>();
}

}  // namespace zoolab::sim
