// Registry expectations (see header).
#include "sim/scenario/expect_registry.h"
#include "sim/scenario/expect_common.h"

#include <algorithm>
#include <charconv>

#include "core/registry/eureka_client.h"
#include "core/registry/eureka_server.h"
#include "core/registry/zk_registry_client.h"
#include "core/server/zookeeper_server.h"

namespace zoolab::sim {
namespace {

using namespace expect_common;

using Args = std::vector<std::string>;
namespace reg = core::registry;

std::string bracketed(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return "[" + out + "]";
}

std::string need_machine(const Scenario& sc, const std::string& name) {
  return sc.find(name) ? "" : "no machine named `" + name + "`";
}

const core::Process* running(const World& w, const std::string& name, std::string* why) {
  const auto id = w.find_node(name);
  if (!id) return *why = "no machine named " + name, nullptr;
  const Node& n = w.node(*id);
  if (!n.running() || !n.process) return *why = name + " is " + std::string(node_state_name(n.state)), nullptr;
  return n.process.get();
}

}  // namespace

RegistryListing registry_listing(const World& w, const std::string& name, const std::string& app) {
  RegistryListing out;
  const core::Process* p = running(w, name, &out.why);
  if (p == nullptr) return out;
  if (const auto* e = dynamic_cast<const reg::EurekaServer*>(p)) {
    out.instances = e->instances(app);
  } else if (const auto* c = dynamic_cast<const reg::EurekaClient*>(p)) {
    if (c->config().app != app) out.why = name + " caches app " + c->config().app + ", not " + app;
    else if (!c->fetched_once()) out.why = name + " has not fetched the registry yet";
    else out.instances = c->cached();
  } else if (const auto* z = dynamic_cast<const reg::ZkRegistryClient*>(p)) {
    if (z->config().app != app) out.why = name + " watches app " + z->config().app + ", not " + app;
    else if (!z->config().consumer) out.why = name + " is not a consumer";
    else if (!z->read_once()) out.why = name + " has not read /services/" + app + " yet";
    else out.instances = z->cached();
  } else if (const auto* s = dynamic_cast<const core::zk::ZooKeeperServer*>(p)) {
    const auto& tree = s->tree();
    const auto node = tree.find("/services/" + app);
    if (node == core::zk::DataTree::kNone) out.why = name + " has no /services/" + app;
    else out.instances = tree.children(node);
  } else {
    out.why = name + " is not a registry server or client";
  }
  if (out.instances) std::sort(out.instances->begin(), out.instances->end());
  return out;
}

void add_registry_checks(std::map<std::string, ExpectCheck>& checks) {
  checks["registry"] = {
      "registry NAME APP ==|!=|>=|<= N",
      [](const Scenario& sc, const Args& a) -> std::string {
        if (a.size() != 4) return "expected: registry NAME APP == N";
        if (!is_comparison(a[2])) return "expected ==, !=, >= or <=, not `" + a[2] + "`";
        if (!parse_number(a[3])) return "`" + a[3] + "` is not a number";
        return need_machine(sc, a[0]);
      },
      [](const World& w, const Scenario&, const Args& a) {
        if (a.size() != 4) return kBadArguments;
        const RegistryListing l = registry_listing(w, a[0], a[1]);
        if (!l.instances) return ExpectOutcome{false, l.why};
        const auto n = static_cast<int64_t>(l.instances->size());
        return ExpectOutcome{compare(a[2], n, parse_number(a[3]).value_or(0)), a[0] + " sees " + a[1] + " " + bracketed(*l.instances)};
      }};
  for (const bool has : {true, false}) {
    checks[has ? "registry-has" : "registry-lacks"] = {
        has ? "registry-has NAME APP INSTANCE" : "registry-lacks NAME APP INSTANCE",
        [](const Scenario& sc, const Args& a) -> std::string {
          if (a.size() != 3) return "expected: NAME APP INSTANCE";
          return need_machine(sc, a[0]);
        },
        [has](const World& w, const Scenario&, const Args& a) {
          if (a.size() != 3) return kBadArguments;
          const RegistryListing l = registry_listing(w, a[0], a[1]);
          if (!l.instances) return ExpectOutcome{false, l.why};
          const bool found = std::binary_search(l.instances->begin(), l.instances->end(), a[2]);
          return ExpectOutcome{found == has, a[0] + " sees " + a[1] + " " + bracketed(*l.instances)};
        }};
  }
  checks["self-preservation"] = {
      "self-preservation NAME == on|off",
      [](const Scenario& sc, const Args& a) -> std::string {
        if (a.size() != 3 || (a[1] != "==" && a[1] != "!=") || (a[2] != "on" && a[2] != "off"))
          return "expected: self-preservation NAME == on|off";
        return need_machine(sc, a[0]);
      },
      [](const World& w, const Scenario&, const Args& a) {
        if (a.size() != 3) return kBadArguments;
        std::string why;
        const core::Process* p = running(w, a[0], &why);
        const auto* e = dynamic_cast<const reg::EurekaServer*>(p);
        if (e == nullptr) return ExpectOutcome{false, p ? a[0] + " is not an Eureka server" : why};
        const auto v = e->view();
        const bool on = v.self_preservation_on;
        return ExpectOutcome{(on == (a[2] == "on")) == (a[1] == "=="),
                             a[0] + " self-preservation " + (on ? "on" : "off") + " (renewals " + std::to_string(v.renews_last_min) +
                                 "/min, threshold " + std::to_string(v.renews_threshold) + ")"};
      }};
  checks["registered"] = {
      "registered NAME",
      [](const Scenario& sc, const Args& a) -> std::string { return a.size() == 1 ? need_machine(sc, a[0]) : "expected: registered NAME"; },
      [](const World& w, const Scenario&, const Args& a) {
        if (a.size() != 1) return kBadArguments;
        std::string why;
        const core::Process* p = running(w, a[0], &why);
        if (const auto* c = dynamic_cast<const reg::EurekaClient*>(p)) {
          const std::string s = reg::eureka_client_state_name(c->state());
          return ExpectOutcome{c->state() == reg::EurekaClientState::kUp, a[0] + " is " + s};
        }
        if (const auto* z = dynamic_cast<const reg::ZkRegistryClient*>(p)) {
          const std::string s = reg::zk_registration_state_name(z->registration());
          return ExpectOutcome{z->registration() == reg::ZkRegistrationState::kRegistered, a[0] + " is " + s};
        }
        return ExpectOutcome{false, p ? a[0] + " is not a registry client" : why};
      }};
}

}  // namespace zoolab::sim
