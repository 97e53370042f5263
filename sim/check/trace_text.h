// Reading the ZooKeeper client protocol back out of trace text (core::describe renderings):
// "from c1: getData /a watch xid=5", "from zk1: reply xid=5 zxid=0x7 NoNode",
// "from zk1: event NodeDataChanged /a (SyncConnected)", "txn 0x7 setData /a".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace zoolab::sim::check {

// "from NAME: BODY" -> {NAME, BODY}.
struct Delivery {
  std::string_view from;
  std::string_view body;
};
std::optional<Delivery> parse_delivery(std::string_view text);

std::optional<int64_t> parse_int(std::string_view s);
std::optional<int64_t> parse_hex(std::string_view s);  // "0x1f"; 64-bit patterns wrap to int64

struct ReplyText {
  int64_t xid = 0;
  int64_t zxid = -1;
  std::string err;  // "" when ok, else err_text ("NoNode", ...)
};
std::optional<ReplyText> parse_reply(std::string_view body);  // "reply xid=5 zxid=0x7 [Err] [path]"

struct RequestText {
  std::string op;    // getData, exists, addWatch, removeWatches, ...
  std::string path;  // may be empty
  std::string flag;  // "watch", "PERSISTENT", "PERSISTENT_RECURSIVE", "type=N" or ""
  int64_t xid = 0;
};
std::optional<RequestText> parse_request(std::string_view body);

struct EventText {
  std::string type;  // NodeCreated, NodeDataChanged, ...
  std::string path;
};
std::optional<EventText> parse_event(std::string_view body);

struct ConnectResponseText {
  int64_t session = 0;
  int64_t timeout_ms = 0;
};
std::optional<ConnectResponseText> parse_connect_response(std::string_view body);

struct TxnText {
  int64_t zxid = 0;
  std::string op;    // create, delete, setData, closeSession, error, multi(N), ...
  std::string path;  // for create/delete/setData/setACL/deleteContainer/check
};
std::optional<TxnText> parse_txn_note(std::string_view text);  // "txn 0x7 setData /a"

}  // namespace zoolab::sim::check
