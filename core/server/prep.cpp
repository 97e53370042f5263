// Write validation in ZooKeeper 3.8.0's order (PrepRequestProcessor.pRequest2Txn, reference §5.7).
#include "core/server/prep.h"

#include <cstdio>

#include "core/base/overloaded.h"
#include "core/znode/path.h"
#include "core/znode/quota.h"

namespace zoolab::core::zk {
namespace {

bool has_nul(const std::string& p) { return p.find('\0') != std::string::npos; }

// checkAndIncVersion: -1 matches anything; the new value is current + 1 (int wrap).
std::optional<int32_t> inc_version(int32_t current, int32_t expected) {
  if (expected != -1 && expected != current) return std::nullopt;
  return static_cast<int32_t>(static_cast<uint32_t>(current) + 1u);
}

// getParentPathAndValidate: the parent, or nullopt for a path prep rejects (BadArguments).
std::optional<std::string> parent_for_delete(const std::string& path) {
  const size_t slash = path.rfind('/');
  if (slash == std::string::npos || has_nul(path) || is_special_path(path)) return std::nullopt;
  return slash == 0 ? std::string("/") : path.substr(0, slash);
}

}  // namespace

std::optional<ChangeRecord> Prep::record(const std::string& path) const {
  auto it = pending_.find(path);
  if (it != pending_.end()) return it->second;
  const auto n = ctx_.tree.find(path);
  if (n == DataTree::kNone) return std::nullopt;
  return ChangeRecord{ctx_.tree.persisted(n), ctx_.tree.num_children(n), ctx_.tree.acl(n), ctx_.tree.data_length(n)};
}

void Prep::add_pending(const SubTxn& txn) {
  std::visit(Overloaded{
                 [&](const CreateTxn& c) {
                   const std::string parent = parent_path(c.path);
                   auto pr = record(parent);
                   if (pr) {
                     pr->stat.cversion = c.parent_cversion;
                     pr->stat.pzxid = ctx_.zxid;
                     ++pr->child_count;
                     pending_[parent] = pr;
                   }
                   ChangeRecord r;
                   r.stat = PersistedStat{ctx_.zxid, ctx_.zxid, ctx_.time_ms, ctx_.time_ms, c.ephemeral_owner, ctx_.zxid, 0, 0, 0};
                   r.acl = c.acl;
                   r.data_length = c.data ? static_cast<int64_t>(c.data->size()) : 0;
                   pending_[c.path] = r;
                 },
                 [&](const DeleteTxn& d) {
                   const std::string parent = parent_path(d.path);
                   auto pr = record(parent);
                   if (pr) {
                     --pr->child_count;
                     pending_[parent] = pr;
                   }
                   pending_[d.path] = std::nullopt;
                 },
                 [&](const SetDataTxn& s) {
                   auto r = record(s.path);
                   if (r) {
                     r->stat.version = s.version;
                     r->data_length = s.data ? static_cast<int64_t>(s.data->size()) : 0;
                     pending_[s.path] = r;
                   }
                 },
                 [&](const auto&) {},
             },
             txn);
}

Prep::Result Prep::create(const CreateOp& op) {
  const auto mode_value = static_cast<int32_t>(op.mode);
  if (mode_value < 0 || mode_value > 6) return Err::kBadArguments;
  if (is_ttl(op.mode) && !ctx_.config.extended_types_enabled) return Err::kUnimplemented;
  if (is_ttl(op.mode) ? (op.ttl_ms <= 0 || op.ttl_ms > kMaxTtlMs) : op.ttl_ms >= 0) return Err::kBadArguments;
  std::string path = op.path;
  const size_t slash = path.rfind('/');
  if (slash == std::string::npos || has_nul(path)) return Err::kBadArguments;
  Acl acl;
  if (fixup_acl(op.acl, ctx_.auth, acl) != Err::kOk) return Err::kInvalidAcl;
  const std::string parent = slash == 0 ? std::string("/") : path.substr(0, slash);
  const auto pr = record(parent);
  if (!pr) return Err::kNoNode;
  if (!allowed(pr->acl, perm::kCreate)) return Err::kNoAuth;
  if (is_sequential(op.mode)) {
    char suffix[16];
    std::snprintf(suffix, sizeof suffix, "%010d", pr->stat.cversion);
    path += suffix;
  }
  if (validate_path(path)) return Err::kBadArguments;
  if (record(path)) return Err::kNodeExists;
  if (node_kind(pr->stat.ephemeral_owner) == NodeKind::kEphemeral) return Err::kNoChildrenForEphemerals;
  std::vector<std::string> scratch;
  const int64_t bytes = op.data ? static_cast<int64_t>(op.data->size()) : 0;
  if (check_quota(ctx_.tree, path, bytes, 1, ctx_.config.enforce_quota, ctx_.notes ? *ctx_.notes : scratch) != Err::kOk)
    return Err::kQuotaExceeded;
  SessionId owner = 0;
  if (op.mode == CreateMode::kContainer) owner = kContainerOwner;
  else if (is_ttl(op.mode)) owner = kTtlOwnerMask | op.ttl_ms;
  else if (is_ephemeral(op.mode)) owner = ctx_.session;
  return SubTxn{CreateTxn{path, op.data, acl, owner, static_cast<int32_t>(static_cast<uint32_t>(pr->stat.cversion) + 1u)}};
}

Prep::Result Prep::remove(const DeleteOp& op) {
  const auto parent = parent_for_delete(op.path);
  if (!parent) return Err::kBadArguments;
  const auto pr = record(*parent);
  if (!pr) return Err::kNoNode;
  if (!allowed(pr->acl, perm::kDelete)) return Err::kNoAuth;
  const auto nr = record(op.path);
  if (!nr) return Err::kNoNode;
  if (!inc_version(nr->stat.version, op.version)) return Err::kBadVersion;
  if (nr->child_count > 0) return Err::kNotEmpty;
  return SubTxn{DeleteTxn{op.path}};
}

Prep::Result Prep::set_data(const SetDataOp& op) {
  if (validate_path(op.path)) return Err::kBadArguments;
  const auto nr = record(op.path);
  if (!nr) return Err::kNoNode;
  if (!allowed(nr->acl, perm::kWrite)) return Err::kNoAuth;
  std::vector<std::string> scratch;
  const int64_t bytes = op.data ? static_cast<int64_t>(op.data->size()) : 0;
  if (check_quota(ctx_.tree, op.path, bytes - nr->data_length, 0, ctx_.config.enforce_quota,
                  ctx_.notes ? *ctx_.notes : scratch) != Err::kOk)
    return Err::kQuotaExceeded;
  const auto v = inc_version(nr->stat.version, op.version);
  if (!v) return Err::kBadVersion;
  return SubTxn{SetDataTxn{op.path, op.data, *v}};
}

Prep::Result Prep::check(const CheckOp& op) {
  if (validate_path(op.path)) return Err::kBadArguments;
  const auto nr = record(op.path);
  if (!nr) return Err::kNoNode;
  if (!allowed(nr->acl, perm::kRead)) return Err::kNoAuth;
  const auto v = inc_version(nr->stat.version, op.version);
  if (!v) return Err::kBadVersion;
  return SubTxn{CheckVersionTxn{op.path, *v}};
}

std::variant<SetAclTxn, Err> Prep::set_acl(const SetAclOp& op) {
  if (validate_path(op.path)) return Err::kBadArguments;
  Acl acl;
  if (fixup_acl(op.acl, ctx_.auth, acl) != Err::kOk) return Err::kInvalidAcl;
  const auto nr = record(op.path);
  if (!nr) return Err::kNoNode;
  if (!allowed(nr->acl, perm::kAdmin)) return Err::kNoAuth;
  const auto v = inc_version(nr->stat.aversion, op.version);
  if (!v) return Err::kBadVersion;
  return SetAclTxn{op.path, acl, *v};
}

TxnBody Prep::prep(const RequestBody& body) {
  auto single = [](Result r) -> TxnBody {
    if (auto* e = std::get_if<Err>(&r)) return ErrorTxn{*e};
    return std::visit([](const auto& t) -> TxnBody { return t; }, std::get<SubTxn>(r));
  };
  return std::visit(
      Overloaded{
          [&](const CreateOp& op) { return single(create(op)); },
          [&](const DeleteOp& op) { return single(remove(op)); },
          [&](const SetDataOp& op) { return single(set_data(op)); },
          [&](const CheckOp& op) { return single(check(op)); },
          [&](const SetAclOp& op) -> TxnBody {
            auto r = set_acl(op);
            if (auto* e = std::get_if<Err>(&r)) return ErrorTxn{*e};
            return std::get<SetAclTxn>(r);
          },
          [&](const MultiOp& m) -> TxnBody {
            MultiTxn out;
            bool failed = false;
            for (const auto& item : m.ops) {
              if (failed) {
                // In-place construction: g++ 12 reports a false maybe-uninitialized for a moved temporary.
                out.ops.emplace_back(std::in_place_type<ErrorTxn>, ErrorTxn{Err::kRuntimeInconsistency});
                continue;
              }
              Result r = std::visit(Overloaded{[&](const CreateOp& op) { return create(op); },
                                               [&](const DeleteOp& op) { return remove(op); },
                                               [&](const SetDataOp& op) { return set_data(op); },
                                               [&](const CheckOp& op) { return check(op); }},
                                    item);
              if (auto* e = std::get_if<Err>(&r)) {
                failed = true;
                out.ops.emplace_back(std::in_place_type<ErrorTxn>, ErrorTxn{*e});
              } else {
                add_pending(std::get<SubTxn>(r));
                out.ops.push_back(std::get<SubTxn>(r));
              }
            }
            pending_.clear();  // rollbackPendingChanges / the txn now carries them
            return out;
          },
          [&](const auto&) -> TxnBody { return ErrorTxn{Err::kUnimplemented}; },
      },
      body);
}

TxnBody Prep::prep_delete_container(const std::string& path) {
  const auto parent = parent_for_delete(path);
  if (!parent) return ErrorTxn{Err::kBadArguments};
  const auto nr = record(path);
  if (!nr) return ErrorTxn{Err::kNoNode};
  if (nr->child_count > 0) return ErrorTxn{Err::kNotEmpty};
  if (node_kind(nr->stat.ephemeral_owner) == NodeKind::kEphemeral) return ErrorTxn{Err::kBadVersion};
  if (!record(*parent)) return ErrorTxn{Err::kNoNode};
  return DeleteContainerTxn{path};
}

CloseSessionTxn Prep::prep_close_session(SessionId s) const { return CloseSessionTxn{ctx_.tree.ephemerals(s)}; }

}  // namespace zoolab::core::zk
