// RedisServer: connections, lazy and active expiry, replication (see redis_server.h).
#include "core/redis/redis_server.h"

#include <stdexcept>

#include "core/base/overloaded.h"
#include "core/redis/redis_reply.h"
#include "core/znode/types.h"

namespace zoolab::core::redis {
namespace {

constexpr int kExpireSamplesPerLoop = 20;  // ACTIVE_EXPIRE_CYCLE_KEYS_PER_LOOP
constexpr int kExpireMaxLoops = 16;         // stands in for Redis' 25 % CPU time limit

uint64_t resp_size(const std::vector<std::string>& argv) {
  uint64_t n = 1 + std::to_string(argv.size()).size() + 2;
  for (const auto& a : argv) n += 1 + std::to_string(a.size()).size() + 2 + a.size() + 2;
  return n;
}

}  // namespace

RedisServer::RedisServer(RedisServerConfig cfg) : cfg_(std::move(cfg)) {}

int64_t RedisServer::local_ms(Time now) { return zk::kCalendarStartMs + now.ns / 1'000'000; }

bool RedisServer::logically_expired(const RedisValue& v, int64_t now_ms) const {
  return v.expire_at_ms >= 0 && now_ms > v.expire_at_ms;  // Redis keyIsExpired: now > when
}

int64_t RedisServer::ttl_ms(const std::string& key, Time now) const {
  auto it = keys_.find(key);
  const int64_t now_ms = local_ms(now);
  if (it == keys_.end() || logically_expired(it->second, now_ms)) return -2;
  if (it->second.expire_at_ms < 0) return -1;
  return std::max<int64_t>(0, it->second.expire_at_ms - now_ms);
}

std::optional<NodeId> RedisServer::master_node() const {
  if (role_ == RedisRole::kMaster) return std::nullopt;
  auto it = cfg_.hosts.find(master_host_);
  if (it == cfg_.hosts.end()) return std::nullopt;
  return it->second;
}

void RedisServer::on_start(Env& env, const DiskImage&) {
  keys_.clear();
  env.out.note("Redis " + cfg_.name + ":" + std::to_string(cfg_.port) +
               " started without persistence (no RDB/AOF): the keyspace is empty");
  env.out.set_timer(timer(kActiveExpire), milliseconds(1000 / std::max(1, cfg_.hz)));
  if (!cfg_.replicaof.empty()) become_replica_of(env, cfg_.replicaof);
}

void RedisServer::on_message(Env& env, ConnId conn, NodeId from, const Message& msg) {
  std::visit(Overloaded{
                 [&](const RedisCommand& c) {
                   RedisReply r = execute(env, c.argv, conn);
                   r.id = c.id;
                   env.out.send(conn, std::move(r));
                 },
                 [&](const ReplicaHello& h) { on_replica_hello(env, conn, from, h); },
                 [&](const ReplFullSync& s) {
                   if (conn != master_conn_ || role_ != RedisRole::kReplica) return;
                   env.out.note("MASTER <-> REPLICA sync: Flushing old data, loading " +
                                std::to_string(s.entries.size()) + " keys from " + master_host_ + " (offset " +
                                std::to_string(s.offset) + ")");
                   keys_.clear();
                   for (const ReplEntry& e : s.entries) keys_[e.key] = RedisValue{e.value, e.expire_at_ms};
                   offset_ = s.offset;
                   master_synced_ = true;
                   for (const auto& [c, link] : replicas_) env.out.close(c);  // sub-replicas resync
                   replicas_.clear();
                 },
                 [&](const ReplStream& s) {
                   if (conn != master_conn_ || role_ != RedisRole::kReplica || !master_synced_) return;
                   offset_ = s.offset;
                   apply_stream(env, s.argv);
                 },
                 [&](const auto&) {},
             },
             msg);
}

void RedisServer::on_closed(Env& env, ConnId conn, NodeId) {
  if (auto it = replicas_.find(conn); it != replicas_.end()) {
    env.out.note("Connection with replica " + it->second.name + " lost");
    replicas_.erase(it);
  }
  if (conn == master_conn_) {
    master_conn_ = kNoConn;
    if (master_synced_) env.out.note("Connection with master lost (" + master_host_ + "); serving stale data");
    master_synced_ = false;
    env.out.set_timer(timer(kReconnect), seconds(1));
  }
}

void RedisServer::on_timer(Env& env, TimerId t) {
  if (t == timer(kActiveExpire)) {
    if (role_ == RedisRole::kMaster) active_expire_cycle(env);
    env.out.set_timer(timer(kActiveExpire), milliseconds(1000 / std::max(1, cfg_.hz)));
  } else if (t == timer(kReconnect)) {
    if (role_ == RedisRole::kReplica && master_conn_ == kNoConn) connect_to_master(env);
  } else if (t == timer(kReplAck)) {
    if (role_ == RedisRole::kReplica && master_synced_) env.out.send(master_conn_, ReplicaHello{cfg_.name, offset_});
    if (role_ == RedisRole::kReplica) env.out.set_timer(timer(kReplAck), seconds(1));
  }
}

std::string RedisServer::timer_name(TimerId t) const {
  if (t == timer(kActiveExpire)) return "activeExpireCycle";
  if (t == timer(kReconnect)) return "replica-reconnect";
  if (t == timer(kReplAck)) return "replconf-ack";
  return Process::timer_name(t);
}

RedisValue* RedisServer::lookup(Env& env, const std::string& key) {
  auto it = keys_.find(key);
  if (it == keys_.end()) return nullptr;
  if (!logically_expired(it->second, local_ms(env.now))) return &it->second;
  if (role_ == RedisRole::kMaster) delete_expired(env, it, false);
  return nullptr;  // a replica keeps the key until the master's DEL arrives, but hides it
}

void RedisServer::delete_expired(Env& env, std::map<std::string, RedisValue>::iterator it, bool active) {
  const std::string key = it->first;
  env.out.note(std::string(active ? "active" : "lazy") + " expiry: key '" + key + "' expired at " +
               std::to_string(it->second.expire_at_ms - zk::kCalendarStartMs) + " ms on this server's clock (now " +
               std::to_string(local_ms(env.now) - zk::kCalendarStartMs) + ")");
  keys_.erase(it);
  ++(active ? expired_active_ : expired_lazy_);
  propagate(env, {"DEL", key});
}

// activeExpireCycle, deterministic: walk the keys with an expiry in key order from a cursor,
// test up to 20 per loop, and loop again while more than a quarter of them had expired.
void RedisServer::active_expire_cycle(Env& env) {
  const int64_t now_ms = local_ms(env.now);
  for (int loop = 0; loop < kExpireMaxLoops; ++loop) {
    int sampled = 0, expired = 0;
    auto it = keys_.upper_bound(expire_cursor_);
    bool wrapped = false;
    while (sampled < kExpireSamplesPerLoop) {
      if (it == keys_.end()) {
        if (wrapped || keys_.empty()) break;
        wrapped = true;
        it = keys_.begin();
        continue;
      }
      if (wrapped && it->first > expire_cursor_) break;  // one full round
      auto cur = it++;
      if (cur->second.expire_at_ms < 0) continue;
      ++sampled;
      expire_cursor_ = cur->first;
      if (logically_expired(cur->second, now_ms)) {
        ++expired;
        delete_expired(env, cur, true);
      }
    }
    if (sampled == 0 || expired * 4 <= sampled) break;
  }
}

void RedisServer::propagate(Env& env, std::vector<std::string> argv) {
  if (role_ != RedisRole::kMaster) return;
  offset_ += resp_size(argv);
  for (const auto& [conn, link] : replicas_) env.out.send(conn, ReplStream{offset_, argv});
}

// A replica applies what its master propagated: SET k v [PXAT ms|KEEPTTL], DEL, PEXPIREAT,
// PERSIST, FLUSHALL. Sub-replicas get the same stream with the master's offsets.
void RedisServer::apply_stream(Env& env, const std::vector<std::string>& argv) {
  if (argv.empty()) return;
  const std::string& c = argv[0];
  if (c == "SET" && argv.size() >= 3) {
    RedisValue v{argv[2], -1};
    if (argv.size() == 5 && argv[3] == "PXAT") v.expire_at_ms = std::stoll(argv[4]);
    if (argv.size() == 4 && argv[3] == "KEEPTTL")
      if (auto it = keys_.find(argv[1]); it != keys_.end()) v.expire_at_ms = it->second.expire_at_ms;
    keys_[argv[1]] = std::move(v);
  } else if (c == "DEL") {
    for (size_t i = 1; i < argv.size(); ++i) keys_.erase(argv[i]);
  } else if (c == "PEXPIREAT" && argv.size() == 3) {
    if (auto it = keys_.find(argv[1]); it != keys_.end()) it->second.expire_at_ms = std::stoll(argv[2]);
  } else if (c == "PERSIST" && argv.size() == 2) {
    if (auto it = keys_.find(argv[1]); it != keys_.end()) it->second.expire_at_ms = -1;
  } else if (c == "FLUSHALL") {
    keys_.clear();
  }
  for (const auto& [conn, link] : replicas_) env.out.send(conn, ReplStream{offset_, argv});
}

void RedisServer::connect_to_master(Env& env) {
  auto it = cfg_.hosts.find(master_host_);
  if (it == cfg_.hosts.end()) return;
  master_conn_ = env.out.connect(it->second);
  env.out.send(master_conn_, ReplicaHello{cfg_.name, offset_});
  env.out.note("Connecting to MASTER " + master_host_ + ":6379, MASTER <-> REPLICA sync started");
}

void RedisServer::become_replica_of(Env& env, const std::string& host) {
  if (master_conn_ != kNoConn) env.out.close(master_conn_);
  for (const auto& [c, link] : replicas_) env.out.close(c);
  replicas_.clear();
  role_ = RedisRole::kReplica;
  master_host_ = host;
  master_conn_ = kNoConn;
  master_synced_ = false;
  env.out.note("REPLICAOF " + host + ":6379 enabled");
  connect_to_master(env);
  env.out.set_timer(timer(kReplAck), seconds(1));
}

void RedisServer::become_master(Env& env, const std::string& why) {
  if (master_conn_ != kNoConn) env.out.close(master_conn_);
  role_ = RedisRole::kMaster;
  master_host_.clear();
  master_conn_ = kNoConn;
  master_synced_ = false;
  env.out.cancel_timer(timer(kReconnect));
  env.out.cancel_timer(timer(kReplAck));
  env.out.note("MASTER MODE enabled (" + why + "), replication offset " + std::to_string(offset_));
}

void RedisServer::on_replica_hello(Env& env, ConnId conn, NodeId from, const ReplicaHello& hello) {
  if (auto it = replicas_.find(conn); it != replicas_.end()) {  // REPLCONF ACK
    it->second.acked_offset = hello.offset;
    return;
  }
  if (role_ == RedisRole::kReplica && !master_synced_) {
    env.out.close(conn);  // cannot serve a full sync before having one
    return;
  }
  replicas_[conn] = ReplicaLink{from, hello.replica_name, 0};
  ReplFullSync sync{offset_, {}};
  for (const auto& [k, v] : keys_) sync.entries.push_back(ReplEntry{k, v.value, v.expire_at_ms});
  env.out.note("Replica " + hello.replica_name + " asks for synchronization: full resync, " +
               std::to_string(sync.entries.size()) + " keys, offset " + std::to_string(offset_));
  env.out.send(conn, std::move(sync));
}

StateLines RedisServer::state_lines() const {
  StateLines out;
  out.emplace_back("role", is_master() ? "master" : "replica of " + master_host_ +
                                                        (master_synced_ ? " (link up)" : " (link down)"));
  out.emplace_back("keys", std::to_string(keys_.size()));
  out.emplace_back("repl offset", std::to_string(offset_));
  for (const auto& [c, link] : replicas_)
    out.emplace_back("replica " + link.name, "acked offset " + std::to_string(link.acked_offset));
  out.emplace_back("commands", std::to_string(commands_));
  out.emplace_back("expired keys", std::to_string(expired_lazy_) + " lazy, " + std::to_string(expired_active_) + " active");
  size_t shown = 0;
  for (const auto& [k, v] : keys_) {
    if (++shown > 20) break;
    out.emplace_back("key " + k, "\"" + v.value + "\"" +
                                     (v.expire_at_ms < 0 ? "" : " expires at " + std::to_string(v.expire_at_ms - zk::kCalendarStartMs) + " ms"));
  }
  return out;
}

void RedisServer::check_invariants() const {
  if (role_ == RedisRole::kMaster && (master_conn_ != kNoConn || !master_host_.empty()))
    throw std::logic_error("redis master with a master link");
  if (role_ == RedisRole::kReplica && master_host_.empty()) throw std::logic_error("redis replica without master");
}

}  // namespace zoolab::core::redis
