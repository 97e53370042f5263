// The programs ZooLab ships, by the kind a scenario names (grows with every issue).
#include "sim/scenario/placeholder.h"
#include "sim/scenario/run.h"

namespace zoolab::sim {

const ProcessRegistry& product_processes() {
  static const ProcessRegistry kRegistry = {
      {"zookeeper", [](const Scenario&, const NodeDecl&) { return make_zookeeper_placeholder(); }},
  };
  return kRegistry;
}

}  // namespace zoolab::sim
