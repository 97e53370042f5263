// Sentinel (see sentinel.h). Notes use Sentinel's own log vocabulary (+sdown, +odown,
// +switch-master ...) so a trace reads like a sentinel log.
#include "core/redis/sentinel.h"

#include "core/base/overloaded.h"
#include "core/redis/redis_reply.h"
#include "core/redis/redis_strings.h"

namespace zoolab::core::redis {
namespace {

constexpr int64_t kTickMs = 100;
constexpr uint64_t kTicksPerPing = 10;  // PING and INFO every second

std::string info_field(const std::string& info, const std::string& key) {
  const size_t at = info.find(key + ":");
  if (at == std::string::npos) return {};
  const size_t start = at + key.size() + 1;
  return info.substr(start, info.find_first_of("\r\n", start) - start);
}

}  // namespace

Sentinel::Sentinel(SentinelConfig cfg) : cfg_(std::move(cfg)) {}

void Sentinel::on_start(Env& env, const DiskImage&) {
  master_ = cfg_.master;
  replicas_ = {cfg_.replicas.begin(), cfg_.replicas.end()};
  links_.clear();
  for (const std::string& h : cfg_.replicas) links_[h].last_ok_ms = ms(env.now);
  links_[master_].last_ok_ms = ms(env.now);
  env.out.note("+monitor master " + cfg_.master_name + " " + addr(master_) + " quorum " + std::to_string(cfg_.quorum));
  env.out.set_timer(tick_timer(), milliseconds(kTickMs));
}

void Sentinel::on_timer(Env& env, TimerId t) {
  if (t != tick_timer()) return;
  // A link with a PING unanswered for half of down-after is torn down and re-dialled (a silent
  // partition kills connections without telling anyone).
  for (auto& [host, link] : links_) {
    if (!link.ping_pending || ms(env.now) - link.ping_sent_ms <= cfg_.down_after_ms / 2) continue;
    if (link.conn != kNoConn) env.out.close(link.conn);
    link.conn = kNoConn;
    link.ping_pending = false;
    for (auto it = pending_.begin(); it != pending_.end();) it = it->second.first == host ? pending_.erase(it) : std::next(it);
  }
  if (ticks_++ % kTicksPerPing == 0) {
    std::vector<std::string> servers(replicas_.begin(), replicas_.end());
    servers.push_back(master_);
    for (const std::string& h : servers) {
      if (!links_[h].ping_pending) probe(env, h, {"PING"}, "ping");
      probe(env, h, {"INFO", "replication"}, "info");
    }
    if (sdown_)
      for (const std::string& s : cfg_.sentinels)
        probe(env, s, {"SENTINEL", "is-master-down-by-addr", master_, "6379", "0", "*"}, "is-master-down");
  }
  check_master(env);
  env.out.set_timer(tick_timer(), milliseconds(kTickMs));
}

std::string Sentinel::timer_name(TimerId t) const {
  return t == tick_timer() ? "sentinelTimer" : Process::timer_name(t);
}

void Sentinel::probe(Env& env, const std::string& host, const std::vector<std::string>& argv, const std::string& what) {
  auto node = cfg_.hosts.find(host);
  if (node == cfg_.hosts.end()) return;
  SentinelLink& link = links_[host];
  if (link.conn == kNoConn) link.conn = env.out.connect(node->second);
  const uint64_t id = ++next_id_;
  pending_[id] = {host, what};
  if (what == "ping") {
    link.ping_pending = true;
    link.ping_sent_ms = ms(env.now);
  }
  env.out.send(link.conn, RedisCommand{id, argv});
}

void Sentinel::on_message(Env& env, ConnId conn, NodeId, const Message& msg) {
  if (const auto* c = std::get_if<RedisCommand>(&msg)) {
    RedisReply r = answer(c->argv);
    r.id = c->id;
    env.out.send(conn, std::move(r));
    return;
  }
  const auto* r = std::get_if<RedisReply>(&msg);
  if (r == nullptr) return;
  auto it = pending_.find(r->id);
  if (it == pending_.end()) return;
  const auto [host, what] = it->second;
  pending_.erase(it);
  on_server_reply(env, host, what, *r);
}

void Sentinel::on_closed(Env&, ConnId conn, NodeId) {
  for (auto& [host, link] : links_) {
    if (link.conn != conn) continue;
    link.conn = kNoConn;
    link.ping_pending = false;
    for (auto it = pending_.begin(); it != pending_.end();) it = it->second.first == host ? pending_.erase(it) : std::next(it);
  }
}

void Sentinel::on_server_reply(Env& env, const std::string& host, const std::string& what, const RedisReply& r) {
  SentinelLink& link = links_[host];
  if (what == "ping") {
    link.ping_pending = false;
    const bool valid = (r.kind == ReplyKind::kStatus && r.text == "PONG") ||
                       (r.kind == ReplyKind::kError && (r.text.rfind("LOADING", 0) == 0 || r.text.rfind("MASTERDOWN", 0) == 0));
    if (valid) link.last_ok_ms = ms(env.now);
  } else if (what == "is-master-down") {
    const bool down = r.kind == ReplyKind::kArray && !r.elements.empty() && r.elements[0].integer == 1;
    if (down) agreeing_.insert(host);
    else agreeing_.erase(host);
  } else if (what == "info" && r.kind == ReplyKind::kBulk) {
    link.reported_role = info_field(r.text, "role");
    link.reported_master = info_field(r.text, "master_host");
    const std::string off = info_field(r.text, link.reported_role == "slave" ? "slave_repl_offset" : "master_repl_offset");
    link.offset = static_cast<uint64_t>(parse_int64(off).value_or(0));
    if (!replicas_.count(host)) return;
    if (link.reported_role == "master") {
      if (odown_) {  // another sentinel failed over to it
        switch_master(env, host);
      } else {
        env.out.note("+convert-to-slave slave " + host + ":6379 " + addr(host) + " @ " + cfg_.master_name + " " + addr(master_));
        probe(env, host, {"REPLICAOF", master_, "6379"}, "replicaof");
      }
    } else if (link.reported_role == "slave" && link.reported_master != master_) {
      env.out.note("+fix-slave-config slave " + host + ":6379 " + addr(host) + " @ " + cfg_.master_name + " " + addr(master_));
      probe(env, host, {"REPLICAOF", master_, "6379"}, "replicaof");
    }
  }
}

void Sentinel::check_master(Env& env) {
  const SentinelLink& link = links_[master_];
  const bool late = ms(env.now) - link.last_ok_ms > cfg_.down_after_ms;
  if (late && !sdown_) {
    sdown_ = true;
    env.out.note("+sdown master " + cfg_.master_name + " " + addr(master_));
  } else if (!late && sdown_) {
    if (odown_) env.out.note("-odown master " + cfg_.master_name + " " + addr(master_));
    env.out.note("-sdown master " + cfg_.master_name + " " + addr(master_));
    sdown_ = odown_ = false;
    agreeing_.clear();
  }
  if (sdown_ && !odown_) {
    const int votes = 1 + static_cast<int>(agreeing_.size());
    if (votes >= cfg_.quorum) {
      odown_ = true;
      env.out.note("+odown master " + cfg_.master_name + " " + addr(master_) + " #quorum " + std::to_string(votes) + "/" +
                   std::to_string(cfg_.quorum));
    }
  }
  if (odown_ && (agreeing_.empty() || cfg_.name < *agreeing_.begin())) failover(env);
}

void Sentinel::failover(Env& env) {
  const std::string old = master_;
  std::string best;
  for (const std::string& h : replicas_) {
    const SentinelLink& l = links_[h];
    if (l.reported_role != "slave" || ms(env.now) - l.last_ok_ms > cfg_.down_after_ms) continue;
    if (best.empty() || l.offset > links_[best].offset) best = h;  // ties: the smaller name (set order)
  }
  if (best.empty()) {
    if (!abort_noted_) env.out.note("-failover-abort-no-good-slave master " + cfg_.master_name + " " + addr(old));
    abort_noted_ = true;
    return;
  }
  const std::string at = " @ " + cfg_.master_name + " " + addr(old);
  env.out.note("+try-failover master " + cfg_.master_name + " " + addr(old));
  env.out.note("+selected-slave slave " + best + ":6379 " + addr(best) + at + " (offset " +
               std::to_string(links_[best].offset) + ")");
  env.out.note("+failover-state-send-slaveof-noone slave " + best + ":6379 " + addr(best) + at);
  probe(env, best, {"REPLICAOF", "NO", "ONE"}, "replicaof");
  for (const std::string& h : replicas_) {
    if (h == best) continue;
    env.out.note("+slave-reconf-sent slave " + h + ":6379 " + addr(h) + at);
    probe(env, h, {"REPLICAOF", best, "6379"}, "replicaof");
  }
  ++failovers_;
  switch_master(env, best);
}

void Sentinel::switch_master(Env& env, const std::string& new_master) {
  env.out.note("+switch-master " + cfg_.master_name + " " + addr(master_) + " " + addr(new_master));
  replicas_.erase(new_master);
  replicas_.insert(master_);
  links_[master_].reported_role.clear();
  master_ = new_master;
  links_[master_].last_ok_ms = ms(env.now);
  sdown_ = odown_ = abort_noted_ = false;
  agreeing_.clear();
}

RedisReply Sentinel::answer(const std::vector<std::string>& argv) const {
  if (argv.empty()) return error_reply("ERR unknown command '', with args beginning with: ");
  const std::string c = to_lower(argv[0]);
  if (c == "ping") return status_reply("PONG");
  if (c != "sentinel") {
    std::string args;
    for (size_t i = 1; i < argv.size(); ++i) args += "'" + argv[i] + "' ";
    return error_reply("ERR unknown command '" + argv[0] + "', with args beginning with: " + args);
  }
  if (argv.size() < 2) return error_reply(arity_error("sentinel"));
  const std::string sub = to_lower(argv[1]);
  if (sub == "get-master-addr-by-name") {
    if (argv.size() != 3) return error_reply("ERR wrong number of arguments for 'sentinel|get-master-addr-by-name' command");
    if (argv[2] != cfg_.master_name) return nil_reply();
    return array_reply({bulk_reply(master_), bulk_reply("6379")});
  }
  if (sub == "is-master-down-by-addr" && argv.size() == 6)
    return array_reply({int_reply(sdown_ && argv[2] == master_ ? 1 : 0), bulk_reply("*"), int_reply(0)});
  if (sub == "replicas" || sub == "slaves") {
    std::vector<RedisReply> out;
    for (const std::string& h : replicas_) out.push_back(array_reply({bulk_reply("name"), bulk_reply(h + ":6379")}));
    return array_reply(std::move(out));
  }
  return error_reply("ERR Unknown sentinel subcommand '" + argv[1] + "'");
}

StateLines Sentinel::state_lines() const {
  StateLines out;
  out.emplace_back("master " + cfg_.master_name, master_ + (odown_ ? " (odown)" : sdown_ ? " (sdown)" : ""));
  for (const std::string& h : replicas_) {
    auto it = links_.find(h);
    out.emplace_back("replica " + h, it == links_.end() ? "?" : (it->second.reported_role.empty() ? "unknown" : it->second.reported_role) +
                                                                   " offset " + std::to_string(it->second.offset));
  }
  out.emplace_back("failovers", std::to_string(failovers_));
  return out;
}

}  // namespace zoolab::core::redis
