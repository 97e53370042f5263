// Helpers for registry scenario tests: run inline .zls text and read the registry views.
#pragma once

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "core/registry/eureka_client.h"
#include "core/registry/eureka_server.h"
#include "core/registry/zk_registry_client.h"
#include "sim/scenario/expect_registry.h"
#include "sim/scenario/parser.h"
#include "sim/scenario/run.h"

namespace zoolab::sim::testing {

class RegistryScript {
 public:
  explicit RegistryScript(const std::string& text, uint64_t seed = 1)
      : run_(std::make_shared<const Scenario>(parse_scenario(text, "inline.zls")), seed, product_processes(), options()) {}

  static RunOptions options() {
    RunOptions o;
    o.checkpoint_every = 1u << 30;  // no time travel in these tests
    return o;
  }
  Run& run() { return run_; }
  const World& world() const { return run_.world(); }
  void until_s(double s) { run_.run_until(core::Time{static_cast<int64_t>(s * 1e9)}); }
  // What `name` lists for app orders (empty and a failed check when it cannot say).
  std::vector<std::string> sees(const std::string& name, const std::string& app = "orders") const {
    const RegistryListing l = registry_listing(world(), name, app);
    INFO(l.why);
    REQUIRE(l.instances.has_value());
    return *l.instances;
  }
  bool lists(const std::string& name, const std::string& inst) const {
    const auto v = sees(name);
    return std::find(v.begin(), v.end(), inst) != v.end();
  }
  template <class T>
  const T& process(const std::string& name) const {
    const auto id = world().find_node(name);
    REQUIRE(id.has_value());
    const auto* p = dynamic_cast<const T*>(world().node(*id).process.get());
    REQUIRE(p != nullptr);
    return *p;
  }
  // Every expect line passed.
  void expects_pass() const {
    for (const ExpectResult& r : run_.expect_results()) {
      INFO(run_.scenario().steps[r.step].text << " -> " << r.detail);
      CHECK(r.passed);
    }
  }

 private:
  Run run_;
};

}  // namespace zoolab::sim::testing
