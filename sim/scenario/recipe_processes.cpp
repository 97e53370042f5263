// Registers the recipe program kinds (see product_processes.h): zk-lock, zk-rwlock, zk-election,
// zk-barrier, zk-queue.
// `process c1 zk-lock servers=zk1,zk2,zk3 path=/locks/job flavor=sequential|kazoo|naive
//  timeout=4000 start=500 hold=2000 owner=c1` (zk-rwlock: also mode=read|write);
// `process e1 zk-election servers=... path=/election id=e1 start=500`;
// `process b1 zk-barrier servers=... path=/barrier members=3 work=2000 start=500`;
// `process q1 zk-queue servers=... path=/queue produce=a,b,c consume=2 start=500`.
#include <algorithm>
#include <stdexcept>

#include "core/recipes/recipe_programs.h"
#include "core/recipes/zk_lock_process.h"
#include "sim/scenario/product_processes.h"

namespace zoolab::sim {
namespace {

namespace rc = core::recipes;

rc::RecipeHostConfig host_config(const Scenario& sc, const NodeDecl& decl) {
  rc::RecipeHostConfig h;
  h.name = decl.name;
  std::string port = "2181";
  if (auto it = sc.config.find("clientPort"); it != sc.config.end()) port = it->second;
  for (core::NodeId id : nodes_arg(sc, decl, decl.args.count("servers") ? "servers" : "server"))
    h.servers.push_back({id, sc.nodes[id].name + ":" + port});
  if (h.servers.empty())
    throw std::runtime_error(decl.loc.str() + ": error: " + decl.name + " names no server (servers=zk1,zk2,...)");
  h.session_timeout_ms = static_cast<int32_t>(int_arg(decl, "timeout", 4000));
  h.start_ms = int_arg(decl, "start", -1);
  return h;
}

rc::LockFlavor flavor_arg(const NodeDecl& decl) {
  const std::string f = str_arg(decl, "flavor", "sequential");
  if (f == "sequential" || f == "curator") return rc::LockFlavor::kSequential;
  if (f == "kazoo") return rc::LockFlavor::kSequentialKazoo;
  if (f == "naive") return rc::LockFlavor::kNaive;
  throw std::runtime_error(decl.loc.str() + ": error: " + decl.name + ": unknown flavor '" + f +
                           "'; expected sequential, kazoo or naive");
}

std::unique_ptr<core::Process> make_zk_lock(const Scenario& sc, const NodeDecl& decl) {
  rc::ZkLockProcessConfig cfg;
  cfg.kind = decl.kind;
  if (decl.kind == "zk-rwlock") {
    const std::string mode = str_arg(decl, "mode", "write");
    if (mode == "read") cfg.lock.role = rc::LockRole::kRead;
    else if (mode == "write") cfg.lock.role = rc::LockRole::kWrite;
    else throw std::runtime_error(decl.loc.str() + ": error: " + decl.name + ": unknown mode '" + mode + "'; expected read or write");
  }
  cfg.host = host_config(sc, decl);
  cfg.lock.path = str_arg(decl, "path", "/locks/job");
  cfg.lock.flavor = flavor_arg(decl);
  if (decl.kind == "zk-rwlock" && cfg.lock.flavor == rc::LockFlavor::kNaive)
    throw std::runtime_error(decl.loc.str() + ": error: " + decl.name + ": a read/write lock is sequential or kazoo");
  cfg.lock.owner = str_arg(decl, "owner", decl.name);
  cfg.hold_ms = int_arg(decl, "hold", 0);
  return std::make_unique<rc::ZkLockProcess>(cfg);
}

std::unique_ptr<core::Process> make_election(const Scenario& sc, const NodeDecl& decl) {
  rc::LatchOptions o;
  o.path = str_arg(decl, "path", "/election");
  o.id = str_arg(decl, "id", decl.name);
  return std::make_unique<rc::ElectionProcess>(host_config(sc, decl), o);
}

std::unique_ptr<core::Process> make_barrier(const Scenario& sc, const NodeDecl& decl) {
  rc::BarrierProcessConfig cfg;
  cfg.host = host_config(sc, decl);
  cfg.barrier.path = str_arg(decl, "path", "/barrier");
  cfg.barrier.members = static_cast<int32_t>(int_arg(decl, "members", 3));
  if (cfg.barrier.members < 1) throw std::runtime_error(decl.loc.str() + ": error: " + decl.name + ": members must be at least 1");
  cfg.work_ms = int_arg(decl, "work", 0);
  return std::make_unique<rc::BarrierProcess>(cfg);
}

std::unique_ptr<core::Process> make_queue(const Scenario& sc, const NodeDecl& decl) {
  rc::QueueProcessConfig cfg;
  cfg.host = host_config(sc, decl);
  cfg.queue.path = str_arg(decl, "path", "/queue");
  const std::string produce = str_arg(decl, "produce", "");
  for (size_t start = 0; start < produce.size();) {
    const size_t comma = std::min(produce.find(',', start), produce.size());
    cfg.produce.push_back(produce.substr(start, comma - start));
    start = comma + 1;
  }
  cfg.consume = static_cast<int32_t>(int_arg(decl, "consume", 0));
  return std::make_unique<rc::QueueProcess>(cfg);
}

}  // namespace

void add_recipe_processes(ProcessRegistry& r) {
  r["zk-lock"] = make_zk_lock;
  r["zk-rwlock"] = make_zk_lock;  // mode=read|write
  r["zk-election"] = make_election;
  r["zk-barrier"] = make_barrier;
  r["zk-queue"] = make_queue;

}

}  // namespace zoolab::sim
