// `expect` checks on service registries (Eureka-like servers and clients, ZooKeeper registry
// clients and the /services tree of a ZooKeeper server):
//   expect registry c1 orders == 2          instances of app orders that NAME sees
//   expect registry-has c1 orders p1        NAME's list of orders contains p1
//   expect registry-lacks c1 orders p1      ... does not
//   expect self-preservation e1 == on       an Eureka server's self-preservation mode
//   expect registered p1                    a provider's registration is done (UP / registered)
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/scenario/expect.h"

namespace zoolab::sim {

void add_registry_checks(std::map<std::string, ExpectCheck>& checks);

// The instances of `app` that machine `name` sees now (sorted), or why it cannot say
// ("c1 is crashed", "c1 watches app orders, not payments", "zk1 has no /services/payments").
struct RegistryListing {
  std::optional<std::vector<std::string>> instances;
  std::string why;
};
RegistryListing registry_listing(const World& w, const std::string& name, const std::string& app);

}  // namespace zoolab::sim
