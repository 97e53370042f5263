// Opcodes, frame sizes and one-line renderings of the client protocol.
#include "core/proto/client_protocol.h"

#include "core/base/overloaded.h"

namespace zoolab::core::zk {
namespace {

int64_t str_size(const std::string& s) { return 4 + static_cast<int64_t>(s.size()); }
int64_t data_size(const Data& d) { return 4 + (d ? static_cast<int64_t>(d->size()) : 0); }
int64_t acl_size(const Acl& acl) {
  int64_t n = 4;
  for (const auto& e : acl) n += 4 + str_size(e.id.scheme) + str_size(e.id.id);
  return n;
}
int64_t strings_size(const std::vector<std::string>& v) {
  int64_t n = 4;
  for (const auto& s : v) n += str_size(s);
  return n;
}

int64_t body_size(const MultiItem& item) {
  return std::visit(Overloaded{
                        [](const CreateOp& o) { return str_size(o.path) + data_size(o.data) + acl_size(o.acl) + 4 + (o.ttl_ms >= 0 ? 8 : 0); },
                        [](const DeleteOp& o) { return str_size(o.path) + 4; },
                        [](const SetDataOp& o) { return str_size(o.path) + data_size(o.data) + 4; },
                        [](const CheckOp& o) { return str_size(o.path) + 4; },
                    },
                    item);
}

std::string data_preview(const Data& d) {
  if (!d) return "null";
  if (d->size() <= 16) return "\"" + *d + "\"";
  return std::to_string(d->size()) + " bytes";
}

std::string describe_item(const MultiItem& item) {
  return std::visit(Overloaded{
                        [](const CreateOp& o) { return "create " + o.path + " " + data_preview(o.data) + " " + std::string(create_mode_name(o.mode)); },
                        [](const DeleteOp& o) { return "delete " + o.path + " v" + std::to_string(o.version); },
                        [](const SetDataOp& o) { return "setData " + o.path + " " + data_preview(o.data) + " v" + std::to_string(o.version); },
                        [](const CheckOp& o) { return "check " + o.path + " v" + std::to_string(o.version); },
                    },
                    item);
}

}  // namespace

int32_t opcode(const RequestBody& b) {
  return std::visit(Overloaded{
                        [](const CreateOp& o) -> int32_t {
                          if (o.mode == CreateMode::kContainer) return 19;
                          if (is_ttl(o.mode)) return 21;
                          return o.want_stat ? 15 : 1;
                        },
                        [](const DeleteOp&) -> int32_t { return 2; },
                        [](const ExistsOp&) -> int32_t { return 3; },
                        [](const GetDataOp&) -> int32_t { return 4; },
                        [](const SetDataOp&) -> int32_t { return 5; },
                        [](const GetAclOp&) -> int32_t { return 6; },
                        [](const SetAclOp&) -> int32_t { return 7; },
                        [](const GetChildrenOp& o) -> int32_t { return o.with_stat ? 12 : 8; },
                        [](const SyncOp&) -> int32_t { return 9; },
                        [](const PingOp&) -> int32_t { return 11; },
                        [](const CheckOp&) -> int32_t { return 13; },
                        [](const MultiOp&) -> int32_t { return 14; },
                        [](const ReconfigOp&) -> int32_t { return 16; },
                        [](const RemoveWatchesOp&) -> int32_t { return 18; },
                        [](const AuthOp&) -> int32_t { return 100; },
                        [](const SetWatchesOp& o) -> int32_t {
                          return o.persistent.empty() && o.persistent_recursive.empty() ? 101 : 105;
                        },
                        [](const GetEphemeralsOp&) -> int32_t { return 103; },
                        [](const GetAllChildrenNumberOp&) -> int32_t { return 104; },
                        [](const AddWatchOp&) -> int32_t { return 106; },
                        [](const WhoAmIOp&) -> int32_t { return 107; },
                        [](const CloseSessionOp&) -> int32_t { return -11; },
                    },
                    b);
}

std::string_view op_name(const RequestBody& b) {
  return std::visit(Overloaded{
                        [](const CreateOp& o) -> std::string_view {
                          if (o.mode == CreateMode::kContainer) return "createContainer";
                          if (is_ttl(o.mode)) return "createTTL";
                          return o.want_stat ? "create2" : "create";
                        },
                        [](const DeleteOp&) -> std::string_view { return "delete"; },
                        [](const ExistsOp&) -> std::string_view { return "exists"; },
                        [](const GetDataOp&) -> std::string_view { return "getData"; },
                        [](const SetDataOp&) -> std::string_view { return "setData"; },
                        [](const GetAclOp&) -> std::string_view { return "getACL"; },
                        [](const SetAclOp&) -> std::string_view { return "setACL"; },
                        [](const GetChildrenOp& o) -> std::string_view { return o.with_stat ? "getChildren2" : "getChildren"; },
                        [](const SyncOp&) -> std::string_view { return "sync"; },
                        [](const PingOp&) -> std::string_view { return "ping"; },
                        [](const CheckOp&) -> std::string_view { return "check"; },
                        [](const MultiOp&) -> std::string_view { return "multi"; },
                        [](const ReconfigOp&) -> std::string_view { return "reconfig"; },
                        [](const RemoveWatchesOp&) -> std::string_view { return "removeWatches"; },
                        [](const AuthOp&) -> std::string_view { return "auth"; },
                        [](const SetWatchesOp& o) -> std::string_view {
                          return o.persistent.empty() && o.persistent_recursive.empty() ? "setWatches" : "setWatches2";
                        },
                        [](const GetEphemeralsOp&) -> std::string_view { return "getEphemerals"; },
                        [](const GetAllChildrenNumberOp&) -> std::string_view { return "getAllChildrenNumber"; },
                        [](const AddWatchOp&) -> std::string_view { return "addWatch"; },
                        [](const WhoAmIOp&) -> std::string_view { return "whoAmI"; },
                        [](const CloseSessionOp&) -> std::string_view { return "closeSession"; },
                    },
                    b);
}

bool is_write(const RequestBody& b) {
  return std::holds_alternative<CreateOp>(b) || std::holds_alternative<DeleteOp>(b) ||
         std::holds_alternative<SetDataOp>(b) || std::holds_alternative<SetAclOp>(b) ||
         std::holds_alternative<MultiOp>(b) || std::holds_alternative<CheckOp>(b) ||
         std::holds_alternative<ReconfigOp>(b) || std::holds_alternative<CloseSessionOp>(b);
}

int64_t wire_size(const Request& r) {
  const int64_t header = 8;  // xid + type
  const int64_t body = std::visit(
      Overloaded{
          [](const CreateOp& o) { return body_size(MultiItem{o}); },
          [](const DeleteOp& o) { return body_size(MultiItem{o}); },
          [](const SetDataOp& o) { return body_size(MultiItem{o}); },
          [](const CheckOp& o) { return body_size(MultiItem{o}); },
          [](const MultiOp& o) {
            int64_t n = 9;  // end-of-list MultiHeader {type -1, done true, err -1}
            for (const auto& item : o.ops) n += 9 + body_size(item);
            return n;
          },
          [](const ExistsOp& o) { return str_size(o.path) + 1; },
          [](const GetDataOp& o) { return str_size(o.path) + 1; },
          [](const GetChildrenOp& o) { return str_size(o.path) + 1; },
          [](const GetAclOp& o) { return str_size(o.path); },
          [](const SetAclOp& o) { return str_size(o.path) + acl_size(o.acl) + 4; },
          [](const SyncOp& o) { return str_size(o.path); },
          [](const AddWatchOp& o) { return str_size(o.path) + 4; },
          [](const RemoveWatchesOp& o) { return str_size(o.path) + 4; },
          [](const AuthOp& o) { return 4 + str_size(o.scheme) + (o.auth ? str_size(*o.auth) : int64_t{4}); },
          [](const SetWatchesOp& o) {
            return 8 + strings_size(o.data) + strings_size(o.exist) + strings_size(o.child) +
                   strings_size(o.persistent) + strings_size(o.persistent_recursive);
          },
          [](const GetEphemeralsOp& o) { return str_size(o.prefix); },
          [](const GetAllChildrenNumberOp& o) { return str_size(o.path); },
          [](const WhoAmIOp&) { return int64_t{0}; },
          [](const ReconfigOp& o) { return str_size(o.args); },
          [](const PingOp&) { return int64_t{0}; },
          [](const CloseSessionOp&) { return int64_t{0}; },
      },
      r.body);
  return header + body;
}

std::string describe(const ConnectRequest& m) {
  return "ConnectRequest(session=" + hex(m.session_id) + ", timeout=" + std::to_string(m.timeout_ms) +
         "ms, lastZxidSeen=" + hex(m.last_zxid_seen) + ")";
}

std::string describe(const ConnectResponse& m) {
  return "ConnectResponse(session=" + hex(m.session_id) + ", timeout=" + std::to_string(m.timeout_ms) + "ms)";
}

std::string describe(const Request& m) {
  std::string head = std::string(op_name(m.body));
  std::string detail = std::visit(
      Overloaded{
          [](const CreateOp& o) { return describe_item(MultiItem{o}).substr(7); },
          [](const DeleteOp& o) { return o.path + " v" + std::to_string(o.version); },
          [](const SetDataOp& o) { return o.path + " " + data_preview(o.data) + " v" + std::to_string(o.version); },
          [](const CheckOp& o) { return o.path + " v" + std::to_string(o.version); },
          [](const MultiOp& o) {
            std::string s = "[";
            for (size_t i = 0; i < o.ops.size(); ++i) s += (i ? "; " : "") + describe_item(o.ops[i]);
            return s + "]";
          },
          [](const ExistsOp& o) { return o.path + (o.watch ? " watch" : ""); },
          [](const GetDataOp& o) { return o.path + (o.watch ? " watch" : ""); },
          [](const GetChildrenOp& o) { return o.path + (o.watch ? " watch" : ""); },
          [](const GetAclOp& o) { return o.path; },
          [](const SetAclOp& o) { return o.path + " v" + std::to_string(o.version); },
          [](const SyncOp& o) { return o.path; },
          [](const AddWatchOp& o) {
            return o.path + (o.mode == WatcherMode::kPersistent ? " PERSISTENT" : " PERSISTENT_RECURSIVE");
          },
          [](const RemoveWatchesOp& o) { return o.path + " type=" + std::to_string(static_cast<int>(o.type)); },
          [](const AuthOp& o) { return o.scheme; },
          [](const SetWatchesOp& o) { return "relativeZxid=" + hex(o.relative_zxid); },
          [](const GetEphemeralsOp& o) { return o.prefix; },
          [](const GetAllChildrenNumberOp& o) { return o.path; },
          [](const WhoAmIOp&) { return std::string(); },
          [](const ReconfigOp&) { return std::string(); },
          [](const PingOp&) { return std::string(); },
          [](const CloseSessionOp&) { return std::string(); },
      },
      m.body);
  std::string s = head;
  if (!detail.empty()) s += " " + detail;
  return s + " xid=" + std::to_string(m.xid);
}

std::string describe(const Response& m) {
  std::string s = "reply xid=" + std::to_string(m.xid) + " zxid=" + hex(m.zxid);
  if (m.err != Err::kOk) s += " " + err_text(m.err);
  if (const auto* c = std::get_if<CreateResult>(&m.body)) s += " " + c->path;
  return s;
}

std::string describe(const WatchEvent& m) {
  return "event " + std::string(event_type_name(m.type)) + " " + (m.path.empty() ? "null" : m.path) + " (" +
         std::string(keeper_state_name(m.state)) + ")";
}

std::string describe(const FourLetterWord& m) { return "4lw " + m.cmd; }
std::string describe(const FourLetterReply& m) { return "4lw reply (" + std::to_string(m.text.size()) + " bytes)"; }

}  // namespace zoolab::core::zk
