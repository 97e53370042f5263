// The protected resource (see protected_resource.h).
#include "core/locks/protected_resource.h"

#include <stdexcept>

#include "core/proto/lock_protocol.h"

namespace zoolab::core::locks {

void ProtectedResource::on_start(Env& env, const DiskImage&) {
  // Kept in memory: a restart would hide the damage the lesson wants to show, so it is not modelled.
  open_.clear();
  env.out.note(std::string("resource: A = ") + std::to_string(value_) + (cfg_.fencing ? " (fencing on)" : ""));
}

void ProtectedResource::record(ResourceAccess a) {
  history_.push_back(a);
  if (history_.size() > kHistory) history_.pop_front();
}

void ProtectedResource::on_message(Env& env, ConnId conn, NodeId from, const Message& msg) {
  const auto* req = std::get_if<ResourceRequest>(&msg);
  if (!req) return;
  ResourceReply reply{req->id, true, value_, {}};
  switch (req->op) {
    case ResourceOp::kRead: {
      for (const auto& [other, v] : open_) {
        if (other == from) continue;
        ++overlaps_;
        env.out.note("resource: overlap: node " + std::to_string(from) + " reads A while node " +
                     std::to_string(other) + " is between its read and its write");
        break;
      }
      open_[from] = version_;
      record({env.now, from, ResourceAccess::Kind::kRead, value_, req->token});
      break;
    }
    case ResourceOp::kAbandon:
      open_.erase(from);
      record({env.now, from, ResourceAccess::Kind::kAbandon, value_, req->token});
      break;
    case ResourceOp::kWrite: {
      if (cfg_.fencing && req->token && max_token_ && *req->token < *max_token_) {
        ++rejected_;
        reply.ok = false;
        reply.error = "fencing token " + std::to_string(*req->token) + " is older than " + std::to_string(*max_token_);
        env.out.note("resource: rejected write A = " + std::to_string(req->value) + ": " + reply.error);
        open_.erase(from);
        record({env.now, from, ResourceAccess::Kind::kRejected, req->value, req->token});
        break;
      }
      auto it = open_.find(from);
      const bool lost = it != open_.end() && it->second != version_;
      if (lost) {
        ++lost_updates_;
        env.out.note("resource: lost update: A = " + std::to_string(req->value) + " overwrites " +
                     std::to_string(version_ - it->second) + " write(s) made since this client read A");
      }
      if (it != open_.end()) open_.erase(it);
      value_ = req->value;
      ++version_;
      ++writes_;
      if (req->token && (!max_token_ || *req->token > *max_token_)) max_token_ = req->token;
      reply.value = value_;
      record({env.now, from, lost ? ResourceAccess::Kind::kLostUpdate : ResourceAccess::Kind::kWrite, value_, req->token});
      break;
    }
  }
  env.out.send(conn, reply);
}

void ProtectedResource::on_closed(Env&, ConnId, NodeId peer) {
  // A crashed client will not finish its cycle.
  open_.erase(peer);
}

StateLines ProtectedResource::state_lines() const {
  StateLines out = {{"A", std::to_string(value_)},
                    {"writes", std::to_string(writes_)},
                    {"lost updates", std::to_string(lost_updates_)},
                    {"overlapping cycles", std::to_string(overlaps_)},
                    {"fencing", cfg_.fencing ? "on" : "off"}};
  if (cfg_.fencing) {
    out.push_back({"rejected writes", std::to_string(rejected_)});
    out.push_back({"highest token", max_token_ ? std::to_string(*max_token_) : "-"});
  }
  return out;
}

void ProtectedResource::check_invariants() const {
  if (lost_updates_ > writes_) throw std::logic_error("resource: more lost updates than writes");
  for (const auto& [node, v] : open_)
    if (v > version_) throw std::logic_error("resource: a cycle read a version from the future");
}

}  // namespace zoolab::core::locks
