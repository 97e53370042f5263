// ZkCliFuzzRig (see header).
#include "tests/core/client/zkcli_fuzz_input.h"

namespace zoolab::testing {

using namespace core::zk;

ZkCliFuzzRig::ZkCliFuzzRig() : p_([] {
  ZkCliProcessConfig c;
  c.servers = {1};
  return c;
}()) {
  core::Env env{core::Time{0}, out_, rng_};
  p_.on_start(env, {});
  for (const auto& c : out_.commands())
    if (const auto* k = std::get_if<core::ConnectCmd>(&c)) conn_ = k->conn;
  out_.commands().clear();
  p_.on_message(env, conn_, 1, ConnectResponse{0, 30000, 0x100, "pw", false});
  settle();
}

void ZkCliFuzzRig::settle() {
  core::Env env{core::Time{0}, out_, rng_};
  for (int guard = 0; guard < 2000; ++guard) {
    std::vector<core::Command> cmds = std::move(out_.commands());
    out_.commands().clear();
    std::vector<std::pair<core::ConnId, core::Message>> replies;
    for (const auto& c : cmds) {
      if (const auto* pr = std::get_if<core::PrintCmd>(&c)) printed_ += pr->text.size();
      const auto* s = std::get_if<core::SendCmd>(&c);
      if (!s) continue;
      if (std::holds_alternative<FourLetterWord>(s->msg)) {
        replies.emplace_back(s->conn, FourLetterReply{"imok"});
        continue;
      }
      const auto* q = std::get_if<Request>(&s->msg);
      if (!q || q->xid == kXidPing) continue;
      Response r;
      r.xid = q->xid;
      r.zxid = static_cast<Zxid>(++tick_);
      // Cycle through outcomes so error paths of every command run too.
      static constexpr Err kErrs[] = {Err::kOk, Err::kOk, Err::kNoNode, Err::kOk, Err::kNodeExists, Err::kNoAuth,
                                      Err::kOk, Err::kBadVersion, Err::kOk};
      r.err = kErrs[tick_ % (sizeof(kErrs) / sizeof(kErrs[0]))];
      if (std::holds_alternative<GetChildrenOp>(q->body) && tick_ % 3 == 0)
        r.body = ChildrenResult{{"a", "b" + std::to_string(tick_ % 5)}, Stat{}};
      else if (std::holds_alternative<GetDataOp>(q->body)) r.body = DataResult{"count=1,bytes=2", Stat{}};
      else if (std::holds_alternative<CreateOp>(q->body)) r.body = CreateResult{std::get<CreateOp>(q->body).path, {}};
      else if (std::holds_alternative<GetAclOp>(q->body)) r.body = AclResult{open_acl_unsafe(), Stat{}};
      else if (std::holds_alternative<MultiOp>(q->body)) r.body = MultiResult{};
      if (std::holds_alternative<AuthOp>(q->body)) r.err = tick_ % 7 == 0 ? Err::kAuthFailed : Err::kOk;
      if (std::holds_alternative<CloseSessionOp>(q->body)) r.err = Err::kOk;
      replies.emplace_back(s->conn, r);
    }
    if (replies.empty()) return;
    for (auto& [conn, msg] : replies) p_.on_message(env, conn, 1, msg);
  }
}

bool ZkCliFuzzRig::feed(const std::string& line) {
  core::Env env{core::Time{0}, out_, rng_};
  p_.on_input(env, line);
  settle();
  if (tick_ % 13 == 0) {  // now and then the connection drops
    p_.on_closed(env, conn_, 1);
    const std::vector<core::Command> after_drop = out_.commands();  // handlers below append to out_
    for (const auto& c : after_drop)
      if (const auto* k = std::get_if<core::SetTimerCmd>(&c)) p_.on_timer(env, k->timer);
    const std::vector<core::Command> after_timer = out_.commands();
    for (const auto& c : after_timer)
      if (const auto* k = std::get_if<core::ConnectCmd>(&c)) conn_ = k->conn;
    p_.on_message(env, conn_, 1, ConnectResponse{0, 30000, 0x100, "pw", false});
    settle();
  }
  return !p_.wants_exit();
}

}  // namespace zoolab::testing
