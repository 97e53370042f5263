// Parsers for the one-line renderings of client protocol messages and server txn notes.
#include "sim/check/trace_text.h"

namespace zoolab::sim::check {
namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

}  // namespace

std::optional<Delivery> parse_delivery(std::string_view text) {
  if (!starts_with(text, "from ")) return std::nullopt;
  const size_t colon = text.find(": ", 5);
  if (colon == std::string_view::npos) return std::nullopt;
  return Delivery{text.substr(5, colon - 5), text.substr(colon + 2)};
}

std::optional<int64_t> parse_int(std::string_view s) {
  if (s.empty()) return std::nullopt;
  bool neg = false;
  size_t i = 0;
  if (s[0] == '-') neg = true, i = 1;
  if (i == s.size()) return std::nullopt;
  int64_t v = 0;
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    v = v * 10 + (s[i] - '0');
  }
  return neg ? -v : v;
}

std::optional<int64_t> parse_hex(std::string_view s) {
  if (!starts_with(s, "0x") || s.size() == 2 || s.size() > 18) return std::nullopt;
  uint64_t v = 0;
  for (size_t i = 2; i < s.size(); ++i) {
    const char c = s[i];
    uint64_t d = 0;
    if (c >= '0' && c <= '9') d = static_cast<uint64_t>(c - '0');
    else if (c >= 'a' && c <= 'f') d = static_cast<uint64_t>(c - 'a' + 10);
    else return std::nullopt;
    v = (v << 4) | d;
  }
  return static_cast<int64_t>(v);
}

std::optional<ReplyText> parse_reply(std::string_view body) {
  if (!starts_with(body, "reply xid=")) return std::nullopt;
  body.remove_prefix(10);
  const size_t sp = body.find(' ');
  if (sp == std::string_view::npos) return std::nullopt;
  const auto xid = parse_int(body.substr(0, sp));
  body.remove_prefix(sp + 1);
  if (!xid || !starts_with(body, "zxid=")) return std::nullopt;
  body.remove_prefix(5);
  const size_t sp2 = body.find(' ');
  const auto zxid = parse_hex(body.substr(0, sp2));
  if (!zxid) return std::nullopt;
  ReplyText r{*xid, *zxid, {}};
  if (sp2 != std::string_view::npos) {
    const std::string_view rest = body.substr(sp2 + 1);
    if (!rest.empty() && rest[0] != '/') r.err = std::string(rest.substr(0, rest.find(' ')));
  }
  return r;
}

std::optional<RequestText> parse_request(std::string_view body) {
  const size_t x = body.rfind(" xid=");
  if (x == std::string_view::npos) {
    if (!starts_with(body, "xid=")) return std::nullopt;
  }
  const size_t xid_at = x == std::string_view::npos ? 0 : x + 1;
  const auto xid = parse_int(body.substr(xid_at + 4));
  if (!xid) return std::nullopt;
  RequestText r;
  r.xid = *xid;
  std::string_view head = body.substr(0, x == std::string_view::npos ? 0 : x);
  const size_t sp = head.find(' ');
  r.op = std::string(head.substr(0, sp));
  if (sp == std::string_view::npos) return r;
  std::string_view rest = head.substr(sp + 1);
  for (std::string_view flag : {" watch", " PERSISTENT_RECURSIVE", " PERSISTENT"}) {
    if (rest.size() >= flag.size() && rest.substr(rest.size() - flag.size()) == flag) {
      r.flag = std::string(flag.substr(1));
      rest = rest.substr(0, rest.size() - flag.size());
      break;
    }
  }
  if (r.flag.empty()) {
    if (const size_t t = rest.rfind(" type="); t != std::string_view::npos) {
      r.flag = std::string(rest.substr(t + 1));
      rest = rest.substr(0, t);
    }
  }
  r.path = std::string(rest);
  return r;
}

std::optional<EventText> parse_event(std::string_view body) {
  if (!starts_with(body, "event ")) return std::nullopt;
  body.remove_prefix(6);
  const size_t sp = body.find(' ');
  const size_t paren = body.rfind(" (");
  if (sp == std::string_view::npos || paren == std::string_view::npos || paren < sp) return std::nullopt;
  return EventText{std::string(body.substr(0, sp)), std::string(body.substr(sp + 1, paren - sp - 1))};
}

std::optional<ConnectResponseText> parse_connect_response(std::string_view body) {
  if (!starts_with(body, "ConnectResponse(session=")) return std::nullopt;
  body.remove_prefix(24);
  const size_t comma = body.find(", timeout=");
  if (comma == std::string_view::npos) return std::nullopt;
  const auto session = parse_hex(body.substr(0, comma));
  std::string_view t = body.substr(comma + 10);
  const size_t ms = t.find("ms");
  const auto timeout = parse_int(t.substr(0, ms));
  if (!session || !timeout) return std::nullopt;
  return ConnectResponseText{*session, *timeout};
}

std::optional<TxnText> parse_txn_note(std::string_view text) {
  if (!starts_with(text, "txn 0x")) return std::nullopt;
  text.remove_prefix(4);
  const size_t sp = text.find(' ');
  if (sp == std::string_view::npos) return std::nullopt;
  const auto zxid = parse_hex(text.substr(0, sp));
  if (!zxid) return std::nullopt;
  TxnText t;
  t.zxid = *zxid;
  std::string_view rest = text.substr(sp + 1);
  const size_t sp2 = rest.find(' ');
  t.op = std::string(rest.substr(0, sp2));
  if (sp2 != std::string_view::npos && rest.size() > sp2 + 1 && rest[sp2 + 1] == '/')
    t.path = std::string(rest.substr(sp2 + 1));
  return t;
}

}  // namespace zoolab::sim::check
