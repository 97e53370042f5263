// MemcachedServer (see memcached_server.h): storage, retrieval, delete, touch, incr/decr, cas.
#include "core/redis/memcached_server.h"

#include "core/znode/types.h"

namespace zoolab::core::redis {
namespace {

constexpr int64_t kRealtimeMaxDelta = 60 * 60 * 24 * 30;  // 2592000: larger is an absolute unix time

bool expired(const MemcachedItem& it, int64_t now_s) { return it.exptime_unix_s != 0 && it.exptime_unix_s <= now_s; }

}  // namespace

MemcachedServer::MemcachedServer(MemcachedConfig cfg) : cfg_(std::move(cfg)) {}

int64_t MemcachedServer::unix_seconds(Time now) { return (zk::kCalendarStartMs + now.ns / 1'000'000) / 1000; }

bool MemcachedServer::live(const std::string& key, Time now) const {
  auto it = items_.find(key);
  return it != items_.end() && !expired(it->second, unix_seconds(now));
}

void MemcachedServer::on_start(Env& env, const DiskImage&) {
  items_.clear();
  input_.clear();
  started_unix_s_ = unix_seconds(env.now);
  env.out.note("memcached " + cfg_.name + ":" + std::to_string(cfg_.port) + " started (memory only): no items");
}

void MemcachedServer::on_message(Env& env, ConnId conn, NodeId, const Message& msg) {
  const auto* req = std::get_if<MemcachedRequest>(&msg);
  if (req == nullptr) return;
  bool quit = false;
  std::string reply = feed(env, conn, req->text, &quit);
  env.out.send(conn, MemcachedReply{req->id, std::move(reply)});
  if (quit) env.out.close(conn);
}

void MemcachedServer::on_closed(Env&, ConnId conn, NodeId) { input_.erase(conn); }

std::string MemcachedServer::feed(Env& env, ConnId conn, const std::string& bytes, bool* quit) {
  std::string& in = input_[conn];
  in += bytes;
  std::string out;
  size_t pos = 0;
  while (pos < in.size()) {
    const McRequest r = parse_memcached(std::string_view(in).substr(pos));
    if (r.kind == McRequest::Kind::kIncomplete) break;
    pos += r.consumed;
    ++requests_;
    if (r.kind == McRequest::Kind::kError) {
      if (!r.noreply) out += r.error + "\r\n";
      continue;
    }
    bool close = false;
    out += execute(env, r, close);
    if (close) {
      input_.erase(conn);
      if (quit != nullptr) *quit = true;
      return out;
    }
  }
  in.erase(0, pos);
  return out;
}

MemcachedItem* MemcachedServer::find(Env& env, const std::string& key) {
  auto it = items_.find(key);
  if (it == items_.end()) return nullptr;
  if (expired(it->second, unix_seconds(env.now))) {
    items_.erase(it);  // memcached unlinks an expired item when a request finds it
    return nullptr;
  }
  return &it->second;
}

int64_t MemcachedServer::absolute_exptime(Env& env, int64_t exptime) const {
  if (exptime == 0) return 0;
  if (exptime < 0) return 1;  // 1.6: REALTIME_MAXDELTA + 1, i.e. 1970: already past
  if (exptime > kRealtimeMaxDelta) return exptime <= started_unix_s_ ? 1 : exptime;
  return unix_seconds(env.now) + exptime;
}

std::string MemcachedServer::execute(Env& env, const McRequest& r, bool& close) {
  const std::vector<std::string>& t = r.tokens;
  const std::string& c = t[0];
  auto reply = [&](const std::string& s) { return r.noreply ? std::string() : s + "\r\n"; };
  if (is_storage_command(c)) return store(env, r);
  if ((c == "get" || c == "gets") && t.size() >= 2) {
    std::string out;
    for (size_t i = 1; i < t.size(); ++i) {
      if (t[i].size() > kMemcachedKeyMax) return "CLIENT_ERROR bad command line format\r\n";
      const MemcachedItem* it = find(env, t[i]);
      if (it == nullptr) continue;
      out += "VALUE " + t[i] + " " + std::to_string(it->flags) + " " + std::to_string(it->value.size()) +
             (c == "gets" ? " " + std::to_string(it->cas) : "") + "\r\n" + it->value + "\r\n";
    }
    return out + "END\r\n";
  }
  if (c == "delete" && t.size() >= 2 && t.size() <= 4) {
    const bool zero = t.size() >= 3 && t[2] == "0";  // legacy `delete <key> 0`
    if (t.size() > 2 + (r.noreply ? 1u : 0u) + (zero ? 1u : 0u))
      return reply("CLIENT_ERROR bad command line format.  Usage: delete <key> [noreply]");
    if (t[1].size() > kMemcachedKeyMax) return reply("CLIENT_ERROR bad command line format");
    if (find(env, t[1]) == nullptr) return reply("NOT_FOUND");
    items_.erase(t[1]);
    return reply("DELETED");
  }
  if (c == "touch" && (t.size() == 3 || (t.size() == 4 && r.noreply))) {
    if (t[1].size() > kMemcachedKeyMax) return reply("CLIENT_ERROR bad command line format");
    auto e = mc_i32(t[2]);
    if (!e) return reply("CLIENT_ERROR invalid exptime argument");
    MemcachedItem* it = find(env, t[1]);
    if (it == nullptr) return reply("NOT_FOUND");
    it->exptime_unix_s = absolute_exptime(env, *e);
    return reply("TOUCHED");
  }
  if ((c == "incr" || c == "decr") && (t.size() == 3 || (t.size() == 4 && r.noreply))) return arith(env, r);
  if (c == "flush_all" && t.size() <= 3) {
    items_.clear();
    return reply("OK");
  }
  if (c == "version" && t.size() == 1) return "VERSION 1.6.18\r\n";
  if (c == "verbosity" && t.size() >= 2) return reply("OK");
  if (c == "quit" && t.size() == 1) {
    close = true;
    return {};
  }
  return "ERROR\r\n";
}

std::string MemcachedServer::store(Env& env, const McRequest& r) {
  const std::string& c = r.tokens[0];
  const std::string& key = r.tokens[1];
  auto reply = [&](const std::string& s) { return r.noreply ? std::string() : s + "\r\n"; };
  MemcachedItem* cur = find(env, key);
  if ((c == "add" && cur != nullptr) || ((c == "replace" || c == "append" || c == "prepend") && cur == nullptr))
    return reply("NOT_STORED");
  if (c == "cas") {
    if (cur == nullptr) return reply("NOT_FOUND");
    if (cur->cas != r.cas_unique) return reply("EXISTS");
  }
  if (c == "append" || c == "prepend") {  // keep flags and expiry
    cur->value = c == "append" ? cur->value + r.data : r.data + cur->value;
    cur->cas = ++next_cas_;
    return reply("STORED");
  }
  items_[key] = MemcachedItem{r.data, r.flags, absolute_exptime(env, r.exptime), ++next_cas_};
  return reply("STORED");
}

std::string MemcachedServer::arith(Env& env, const McRequest& r) {
  auto reply = [&](const std::string& s) { return r.noreply ? std::string() : s + "\r\n"; };
  const std::string& key = r.tokens[1];
  if (key.size() > kMemcachedKeyMax) return reply("CLIENT_ERROR bad command line format");
  auto delta = mc_u64(r.tokens[2]);
  if (!delta) return reply("CLIENT_ERROR invalid numeric delta argument");
  MemcachedItem* it = find(env, key);
  if (it == nullptr) return reply("NOT_FOUND");
  auto value = mc_u64(it->value);
  if (!value || it->value[0] == '-' || it->value[0] == '+')
    return reply("CLIENT_ERROR cannot increment or decrement non-numeric value");
  uint64_t v = *value;
  if (r.tokens[0] == "incr") v += *delta;  // wraps at 2^64 like memcached
  else v = *delta > v ? 0 : v - *delta;    // decr stops at 0
  it->value = std::to_string(v);
  it->cas = ++next_cas_;
  return reply(it->value);
}

StateLines MemcachedServer::state_lines() const {
  StateLines out;
  out.emplace_back("items", std::to_string(items_.size()));
  out.emplace_back("requests", std::to_string(requests_));
  size_t shown = 0;
  for (const auto& [k, v] : items_) {
    if (++shown > 20) break;
    out.emplace_back("item " + k, "\"" + v.value + "\" flags " + std::to_string(v.flags) +
                                      (v.exptime_unix_s ? " exptime " + std::to_string(v.exptime_unix_s) : ""));
  }
  return out;
}

}  // namespace zoolab::core::redis
