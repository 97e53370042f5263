// ZAB safety checkers (DESIGN §4, reference §1, §3, §13): they read the protocol notes quorum
// peers write (core/zab/zab_notes.h) and the replies clients receive.
//
// Only kNote records of distributed servers (a ZooKeeperServer whose config has more than one
// voter) are parsed; standalone servers' notes are skipped. Server names in violation texts are
// node names, zxids are hex, epochs decimal.
#pragma once

#include <memory>

#include "sim/check/checker.h"

namespace zoolab::sim::check {

// one-leader-per-epoch: at most one server notes "established leader of epoch E".
std::unique_ptr<Checker> make_one_leader_per_epoch_checker();
// zab-integrity: every txn a server delivers or fast-forwards, and every txn a leader commits,
// was proposed by some leader with the same zxid and hash.
std::unique_ptr<Checker> make_zab_integrity_checker();
// zab-agreement: total order, agreement and committed-never-lost against the global committed
// history (COMMIT notes, plus the history a leader adopts when it is established).
std::unique_ptr<Checker> make_zab_agreement_checker();
// primary-order: only the established leader of an epoch proposes in it, its proposals are
// consecutive from (epoch<<32)|1, and it starts only after it has applied every committed txn
// of earlier epochs any server delivered; no server delivers a txn of an older epoch after one
// of a newer epoch.
std::unique_ptr<Checker> make_primary_order_checker();
// monotonic-reads: the zxid of the replies a client session receives never decreases, also
// across reconnects to another server.
std::unique_ptr<Checker> make_monotonic_reads_checker();

void add_zab_checkers(CheckerSet& set);

}  // namespace zoolab::sim::check
