// ZooKeeper invariant checkers (reference §4.4, §6.4, §13): ephemerals vs sessions, watch
// ordering, per-server zxid order, per-client FIFO replies.
#pragma once

#include <memory>

#include "sim/check/checker.h"

namespace zoolab::sim::check {

// ephemerals: no ephemeral znode is owned by a session missing from its server's session table
// (after closeSession is applied, the session's ephemerals are gone).
std::unique_ptr<Checker> make_ephemerals_checker();
// zxid-order: txn zxids a server assigns strictly increase and lastProcessedZxid never goes
// backwards, except across a restart's recovery.
std::unique_ptr<Checker> make_zxid_order_checker();
// client-fifo: a client receives replies in the order it sent the requests (xids increase).
std::unique_ptr<Checker> make_client_fifo_checker();
// watch-order: a client never reads data newer than a change its watch covers before it has
// received the watch event for that change (§6.4 D2).
std::unique_ptr<Checker> make_watch_order_checker();

void add_zookeeper_checkers(CheckerSet& set);

}  // namespace zoolab::sim::check
