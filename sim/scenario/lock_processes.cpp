// Registers the lock program kinds (see product_processes.h).
#include "sim/scenario/product_processes.h"

namespace zoolab::sim {

void add_lock_processes(ProcessRegistry& r) { (void)r; }

}  // namespace zoolab::sim
