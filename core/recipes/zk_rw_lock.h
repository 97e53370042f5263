// ZkReadWriteLock: Curator's InterProcessReadWriteLock (§12.3) / kazoo's ReadLock + WriteLock
// (§12.4) as two ZkLocks over one directory, one per role: `__READ__`/`__WRIT__` (Curator) or
// `__rlock__`/`__lock__` (kazoo). A reader waits only for writers ahead of it (Curator: the first
// of them; kazoo: the nearest); a writer waits for its immediate predecessor of either kind.
#pragma once

#include "core/recipes/zk_lock.h"

namespace zoolab::core::recipes {

class ZkReadWriteLock {
 public:
  explicit ZkReadWriteLock(LockOptions o = {})
      : read_(with_role(o, LockRole::kRead)), write_(with_role(o, LockRole::kWrite)) {}

  ZkLock& read_lock() { return read_; }
  ZkLock& write_lock() { return write_; }
  const ZkLock& read_lock() const { return read_; }
  const ZkLock& write_lock() const { return write_; }
  // Feeds an output to both sides (session events concern both); true if either claimed it.
  bool on_output(Env& env, zk::ZkClient& client, const zk::ClientOutput& out) {
    const bool r = read_.on_output(env, client, out);
    const bool w = write_.on_output(env, client, out);
    return r || w;
  }
  bool operator==(const ZkReadWriteLock&) const = default;

 private:
  static LockOptions with_role(LockOptions o, LockRole r) {
    if (o.flavor == LockFlavor::kNaive) o.flavor = LockFlavor::kSequential;  // no naive read/write lock
    o.role = r;
    return o;
  }
  ZkLock read_, write_;
};

}  // namespace zoolab::core::recipes
