// DataTree.processTxn: one committed txn against the tree, with the watch triggers it causes.
#include "core/znode/txn_apply.h"

#include "core/base/overloaded.h"

namespace zoolab::core::zk {
namespace {

TxnResult apply_one(DataTree& tree, const Txn& t, const TxnBody& body, std::vector<TreeEvent>& ev);

TxnResult apply_sub(DataTree& tree, const Txn& t, const SubTxn& sub, std::vector<TreeEvent>& ev) {
  return std::visit([&](const auto& x) { return apply_one(tree, t, TxnBody{x}, ev); }, sub);
}

TxnResult apply_one(DataTree& tree, const Txn& t, const TxnBody& body, std::vector<TreeEvent>& ev) {
  TxnResult r;
  std::visit(
      Overloaded{
          [&](const CreateTxn& c) {
            r.path = c.path;
            r.err = tree.create_node(c.path, c.data, c.acl, c.ephemeral_owner, c.parent_cversion, t.zxid, t.time_ms,
                                     &r.stat);
            if (r.err == Err::kOk) ev.push_back({TreeChange::kCreated, c.path});
          },
          [&](const DeleteTxn& d) {
            r.path = d.path;
            r.err = tree.delete_node(d.path, t.zxid);
            if (r.err == Err::kOk) ev.push_back({TreeChange::kDeleted, d.path});
          },
          [&](const DeleteContainerTxn& d) {
            r.path = d.path;
            r.err = tree.delete_node(d.path, t.zxid);
            if (r.err == Err::kOk) ev.push_back({TreeChange::kDeleted, d.path});
          },
          [&](const SetDataTxn& s) {
            r.path = s.path;
            r.err = tree.set_data(s.path, s.data, s.version, t.zxid, t.time_ms, &r.stat);
            if (r.err == Err::kOk) ev.push_back({TreeChange::kDataChanged, s.path});
          },
          [&](const SetAclTxn& s) {
            r.path = s.path;
            r.err = tree.set_acl(s.path, s.acl, s.version, &r.stat);
          },
          [&](const CheckVersionTxn& c) { r.path = c.path; },
          [&](const ErrorTxn& e) { r.err = e.err; },
          [&](const CreateSessionTxn&) {},
          [&](const CloseSessionTxn& c) {
            // killSession: each ephemeral is deleted with the closeSession's zxid.
            for (const auto& p : c.paths)
              if (tree.delete_node(p, t.zxid) == Err::kOk) ev.push_back({TreeChange::kDeleted, p});
            tree.forget_session(t.session);
          },
          [&](const MultiTxn& m) {
            // A failed multi is all ErrorTxns: nothing applies; results echo the codes.
            bool failed = false;
            for (const auto& op : m.ops)
              if (std::holds_alternative<ErrorTxn>(op)) failed = true;
            for (const auto& op : m.ops) {
              if (failed) {
                TxnResult e;
                e.err = std::holds_alternative<ErrorTxn>(op) ? std::get<ErrorTxn>(op).err : Err::kOk;
                r.multi.push_back(e);
              } else {
                r.multi.push_back(apply_sub(tree, t, op, ev));
              }
            }
          },
      },
      body);
  return r;
}

}  // namespace

TxnResult apply_txn(DataTree& tree, const Txn& t, std::vector<TreeEvent>& events) {
  return apply_one(tree, t, t.body, events);
}

std::string describe_txn(const Txn& t) {
  return std::visit(Overloaded{
                        [](const CreateTxn& c) { return "create " + c.path; },
                        [](const DeleteTxn& d) { return "delete " + d.path; },
                        [](const SetDataTxn& s) { return "setData " + s.path; },
                        [](const SetAclTxn& s) { return "setACL " + s.path; },
                        [](const CheckVersionTxn& c) { return "check " + c.path; },
                        [](const ErrorTxn& e) { return "error " + std::string(err_name(e.err)); },
                        [](const CreateSessionTxn& c) { return "createSession timeout " + std::to_string(c.timeout_ms); },
                        [](const CloseSessionTxn& c) { return "closeSession (" + std::to_string(c.paths.size()) + " ephemerals)"; },
                        [](const DeleteContainerTxn& d) { return "deleteContainer " + d.path; },
                        [](const MultiTxn& m) { return "multi(" + std::to_string(m.ops.size()) + ")"; },
                    },
                    t.body);
}

}  // namespace zoolab::core::zk
