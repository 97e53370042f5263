// RedisServer's commands: the string keyspace, expiry, lock scripts, INFO/ROLE/REPLICAOF, with
// Redis 7's argument checks and error texts (§14.14).
#include <array>
#include <string_view>

#include "core/redis/redis_reply.h"
#include "core/redis/redis_scripts.h"
#include "core/redis/redis_server.h"
#include "core/redis/redis_strings.h"
#include "core/znode/types.h"

namespace zoolab::core::redis {
namespace {

struct CommandSpec {
  std::string_view name;  // lower case, as arity errors print it
  int arity;              // Redis convention: n = exactly n words, -n = at least n
  bool write;
};

constexpr std::array kCommands = {
    CommandSpec{"set", -3, true},       CommandSpec{"setnx", 3, true},     CommandSpec{"setex", 4, true},
    CommandSpec{"psetex", 4, true},     CommandSpec{"get", 2, false},      CommandSpec{"getdel", 2, true},
    CommandSpec{"del", -2, true},       CommandSpec{"unlink", -2, true},   CommandSpec{"exists", -2, false},
    CommandSpec{"expire", -3, true},    CommandSpec{"pexpire", -3, true},  CommandSpec{"expireat", -3, true},
    CommandSpec{"pexpireat", -3, true}, CommandSpec{"ttl", 2, false},      CommandSpec{"pttl", 2, false},
    CommandSpec{"persist", 2, true},    CommandSpec{"incr", 2, true},      CommandSpec{"incrby", 3, true},
    CommandSpec{"decr", 2, true},       CommandSpec{"decrby", 3, true},    CommandSpec{"ping", -1, false},
    CommandSpec{"echo", 2, false},      CommandSpec{"keys", 2, false},     CommandSpec{"dbsize", 1, false},
    CommandSpec{"flushall", -1, true},  CommandSpec{"flushdb", -1, true},  CommandSpec{"info", -1, false},
    CommandSpec{"eval", -3, false},     CommandSpec{"evalsha", -3, false}, CommandSpec{"script", -2, false},
    CommandSpec{"replicaof", 3, false}, CommandSpec{"slaveof", 3, false},  CommandSpec{"role", 1, false},
    CommandSpec{"time", 1, false},      CommandSpec{"select", 2, false},
};

const CommandSpec* find_command(const std::string& lower) {
  for (const CommandSpec& c : kCommands)
    if (c.name == lower) return &c;
  return nullptr;
}

std::string unknown_command_error(const std::vector<std::string>& argv) {
  std::string args;
  for (size_t i = 1; i < argv.size() && args.size() < 128; ++i) args += "'" + argv[i].substr(0, 128 - args.size()) + "' ";
  return "ERR unknown command '" + argv[0] + "', with args beginning with: " + args;
}

bool eq_ci(const std::string& a, std::string_view b) { return to_lower(a) == b; }

bool mul_overflows(int64_t a, int64_t b, int64_t* out) { return __builtin_mul_overflow(a, b, out); }
bool add_overflows(int64_t a, int64_t b, int64_t* out) { return __builtin_add_overflow(a, b, out); }

}  // namespace

RedisReply RedisServer::execute(Env& env, const std::vector<std::string>& argv, ConnId conn) {
  ++commands_;
  if (argv.empty()) return error_reply("ERR unknown command '', with args beginning with: ");
  const std::string lower = to_lower(argv[0]);
  const CommandSpec* spec = find_command(lower);
  if (spec == nullptr) return error_reply(unknown_command_error(argv));
  const int n = static_cast<int>(argv.size());
  if ((spec->arity > 0 && n != spec->arity) || (spec->arity < 0 && n < -spec->arity))
    return error_reply(arity_error(lower));
  if (spec->write && role_ == RedisRole::kReplica) return error_reply(kErrReadonly);
  return dispatch(env, argv, conn);
}

RedisReply RedisServer::dispatch(Env& env, const std::vector<std::string>& argv, ConnId) {
  const std::string c = to_lower(argv[0]);
  const int64_t now_ms = local_ms(env.now);
  if (c == "set") return cmd_set(env, argv);
  if (c == "setnx") {
    if (lookup(env, argv[1]) != nullptr) return int_reply(0);
    keys_[argv[1]] = RedisValue{argv[2], -1};
    propagate(env, {"SET", argv[1], argv[2]});
    return int_reply(1);
  }
  if (c == "setex") return cmd_setex(env, argv, 1000, "setex");
  if (c == "psetex") return cmd_setex(env, argv, 1, "psetex");
  if (c == "get" || c == "getdel") {
    const RedisValue* v = lookup(env, argv[1]);
    if (v == nullptr) return nil_reply();
    RedisReply r = bulk_reply(v->value);
    if (c == "getdel") {
      keys_.erase(argv[1]);
      propagate(env, {"DEL", argv[1]});
    }
    return r;
  }
  if (c == "del" || c == "unlink") {
    int64_t n = 0;
    for (size_t i = 1; i < argv.size(); ++i) {
      if (lookup(env, argv[i]) == nullptr) continue;
      keys_.erase(argv[i]);
      propagate(env, {"DEL", argv[i]});
      ++n;
    }
    return int_reply(n);
  }
  if (c == "exists") {
    int64_t n = 0;
    for (size_t i = 1; i < argv.size(); ++i) n += lookup(env, argv[i]) != nullptr;
    return int_reply(n);
  }
  if (c == "expire") return cmd_expire(env, argv, 1000, false, "expire");
  if (c == "pexpire") return cmd_expire(env, argv, 1, false, "pexpire");
  if (c == "expireat") return cmd_expire(env, argv, 1000, true, "expireat");
  if (c == "pexpireat") return cmd_expire(env, argv, 1, true, "pexpireat");
  if (c == "ttl" || c == "pttl") return cmd_ttl(env, argv[1], c == "pttl");
  if (c == "persist") {
    RedisValue* v = lookup(env, argv[1]);
    if (v == nullptr || v->expire_at_ms < 0) return int_reply(0);
    v->expire_at_ms = -1;
    propagate(env, {"PERSIST", argv[1]});
    return int_reply(1);
  }
  if (c == "incr") return cmd_incr(env, argv[1], 1);
  if (c == "decr") return cmd_incr(env, argv[1], -1);
  if (c == "incrby" || c == "decrby") {
    auto by = parse_int64(argv[2]);
    if (!by) return error_reply(kErrNotInteger);
    if (c == "decrby") {
      if (*by == INT64_MIN) return error_reply("ERR decrement would overflow");
      *by = -*by;
    }
    return cmd_incr(env, argv[1], *by);
  }
  if (c == "ping") {
    if (argv.size() > 2) return error_reply(arity_error("ping"));
    return argv.size() == 2 ? bulk_reply(argv[1]) : status_reply("PONG");
  }
  if (c == "echo") return bulk_reply(argv[1]);
  if (c == "keys") {
    std::vector<std::string> matched;
    for (const auto& [k, v] : keys_)
      if (!logically_expired(v, now_ms) && glob_match(argv[1], k)) matched.push_back(k);
    std::vector<RedisReply> out;
    for (const std::string& k : matched) {
      lookup(env, k);
      out.push_back(bulk_reply(k));
    }
    return array_reply(std::move(out));
  }
  if (c == "dbsize") return int_reply(static_cast<int64_t>(keys_.size()));
  if (c == "flushall" || c == "flushdb") {
    if (argv.size() > 2 || (argv.size() == 2 && !eq_ci(argv[1], "async") && !eq_ci(argv[1], "sync")))
      return error_reply(kErrSyntax);
    keys_.clear();
    propagate(env, {"FLUSHALL"});
    return ok_reply();
  }
  if (c == "info") return cmd_info(env, argv);
  if (c == "eval" || c == "evalsha") return cmd_eval(env, argv, c == "evalsha");
  if (c == "script") return cmd_script(env, argv);
  if (c == "replicaof" || c == "slaveof") return cmd_replicaof(env, argv);
  if (c == "role") return cmd_role();
  if (c == "time") {
    const int64_t us = zk::kCalendarStartMs * 1000 + env.now.ns / 1000;
    return array_reply({bulk_reply(std::to_string(us / 1'000'000)), bulk_reply(std::to_string(us % 1'000'000))});
  }
  if (c == "select") {
    auto db = parse_int64(argv[1]);
    if (!db) return error_reply(kErrNotInteger);
    return *db == 0 ? ok_reply() : error_reply("ERR DB index is out of range");
  }
  return error_reply(unknown_command_error(argv));
}

// SET key value [NX | XX] [GET] [EX s | PX ms | EXAT s | PXAT ms | KEEPTTL]
RedisReply RedisServer::cmd_set(Env& env, const std::vector<std::string>& argv) {
  bool nx = false, xx = false, get = false, keepttl = false;
  std::string unit;  // "ex", "px", "exat", "pxat"
  std::string expire_arg;
  for (size_t j = 3; j < argv.size(); ++j) {
    const std::string o = to_lower(argv[j]);
    const bool has_next = j + 1 < argv.size();
    if (o == "nx" && !xx) nx = true;
    else if (o == "xx" && !nx) xx = true;
    else if (o == "get") get = true;
    else if (o == "keepttl" && unit.empty()) keepttl = true;
    else if ((o == "ex" || o == "px" || o == "exat" || o == "pxat") && unit.empty() && !keepttl && has_next) {
      unit = o;
      expire_arg = argv[++j];
    } else {
      return error_reply(kErrSyntax);
    }
  }
  int64_t expire_at = -1;
  if (!unit.empty()) {
    auto v = parse_int64(expire_arg);
    if (!v) return error_reply(kErrNotInteger);
    if (*v <= 0) return error_reply(invalid_expire_error("set"));
    int64_t ms = *v;
    if ((unit == "ex" || unit == "exat") && mul_overflows(*v, 1000, &ms)) return error_reply(invalid_expire_error("set"));
    if (unit == "ex" || unit == "px") {
      if (add_overflows(ms, local_ms(env.now), &ms)) return error_reply(invalid_expire_error("set"));
    }
    expire_at = ms;
  }
  RedisValue* old = lookup(env, argv[1]);
  RedisReply old_reply = old ? bulk_reply(old->value) : nil_reply();
  if ((nx && old != nullptr) || (xx && old == nullptr)) return get ? old_reply : nil_reply();
  if (keepttl && old != nullptr) expire_at = old->expire_at_ms;
  keys_[argv[1]] = RedisValue{argv[2], expire_at};
  if (expire_at >= 0) propagate(env, {"SET", argv[1], argv[2], "PXAT", std::to_string(expire_at)});
  else propagate(env, {"SET", argv[1], argv[2]});
  return get ? old_reply : ok_reply();
}

RedisReply RedisServer::cmd_setex(Env& env, const std::vector<std::string>& argv, int64_t unit_ms,
                                  const std::string& name) {
  auto v = parse_int64(argv[2]);
  if (!v) return error_reply(kErrNotInteger);
  int64_t ms = 0;
  if (*v <= 0 || mul_overflows(*v, unit_ms, &ms) || add_overflows(ms, local_ms(env.now), &ms))
    return error_reply(invalid_expire_error(name));
  keys_[argv[1]] = RedisValue{argv[3], ms};
  propagate(env, {"SET", argv[1], argv[3], "PXAT", std::to_string(ms)});
  return ok_reply();
}

// EXPIRE key seconds [NX | XX | GT | LT] and its PEXPIRE / EXPIREAT / PEXPIREAT siblings.
RedisReply RedisServer::cmd_expire(Env& env, const std::vector<std::string>& argv, int64_t unit_ms, bool absolute,
                                   const std::string& name) {
  bool nx = false, xx = false, gt = false, lt = false;
  for (size_t j = 3; j < argv.size(); ++j) {
    const std::string o = to_lower(argv[j]);
    if (o == "nx") nx = true;
    else if (o == "xx") xx = true;
    else if (o == "gt") gt = true;
    else if (o == "lt") lt = true;
    else return error_reply("ERR Unsupported option " + argv[j]);
  }
  if (nx && (xx || gt || lt)) return error_reply("ERR NX and XX, GT or LT options at the same time are not compatible");
  if (gt && lt) return error_reply("ERR GT and LT options at the same time are not compatible");
  auto v = parse_int64(argv[2]);
  if (!v) return error_reply(kErrNotInteger);
  int64_t when = 0;
  if (mul_overflows(*v, unit_ms, &when) || (!absolute && add_overflows(when, local_ms(env.now), &when)))
    return error_reply(invalid_expire_error(name));
  RedisValue* cur = lookup(env, argv[1]);
  if (cur == nullptr) return int_reply(0);
  const int64_t old = cur->expire_at_ms;
  if ((nx && old >= 0) || (xx && old < 0)) return int_reply(0);
  if (gt && (old < 0 || when <= old)) return int_reply(0);  // no expiry counts as infinite
  if (lt && old >= 0 && when >= old) return int_reply(0);
  return expire_at(env, argv[1], when);
}

RedisReply RedisServer::expire_at(Env& env, const std::string& key, int64_t when_ms) {
  auto it = keys_.find(key);
  if (it == keys_.end()) return int_reply(0);
  if (when_ms <= local_ms(env.now)) {  // checkAlreadyExpired: delete now, replicate as DEL
    keys_.erase(it);
    propagate(env, {"DEL", key});
    return int_reply(1);
  }
  it->second.expire_at_ms = when_ms;
  propagate(env, {"PEXPIREAT", key, std::to_string(when_ms)});
  return int_reply(1);
}

RedisReply RedisServer::cmd_ttl(Env& env, const std::string& key, bool ms) {
  const RedisValue* v = lookup(env, key);
  if (v == nullptr) return int_reply(-2);
  if (v->expire_at_ms < 0) return int_reply(-1);
  const int64_t left = std::max<int64_t>(0, v->expire_at_ms - local_ms(env.now));
  return int_reply(ms ? left : (left + 500) / 1000);
}

RedisReply RedisServer::cmd_incr(Env& env, const std::string& key, std::optional<int64_t> by) {
  RedisValue* v = lookup(env, key);
  int64_t cur = 0;
  if (v != nullptr) {
    auto parsed = parse_int64(v->value);
    if (!parsed) return error_reply(kErrNotInteger);
    cur = *parsed;
  }
  int64_t next = 0;
  if (add_overflows(cur, *by, &next)) return error_reply("ERR increment or decrement would overflow");
  if (v != nullptr) {
    v->value = std::to_string(next);
    propagate(env, {"SET", key, v->value, "KEEPTTL"});
  } else {
    keys_[key] = RedisValue{std::to_string(next), -1};
    propagate(env, {"SET", key, std::to_string(next)});
  }
  return int_reply(next);
}

// EVAL script numkeys key... arg... / EVALSHA sha1 numkeys ...: only the lock scripts run.
RedisReply RedisServer::cmd_eval(Env& env, const std::vector<std::string>& argv, bool by_sha) {
  auto numkeys = parse_int64(argv[2]);
  if (!numkeys) return error_reply(kErrNotInteger);
  if (*numkeys > static_cast<int64_t>(argv.size()) - 3)
    return error_reply("ERR Number of keys can't be greater than number of args");
  if (*numkeys < 0) return error_reply("ERR Number of keys can't be negative");
  std::string script;
  if (by_sha) {
    auto it = scripts_.find(to_lower(argv[1]));
    if (it == scripts_.end()) return error_reply(kErrNoScript);
    script = it->second;
  } else {
    script = argv[1];
  }
  const LockScript kind = recognise_script(script);
  if (kind == LockScript::kUnknown) return error_reply(kErrNoLua);
  if (!by_sha) scripts_[script_sha1(script)] = script;
  const size_t nk = static_cast<size_t>(*numkeys);
  const std::vector<std::string> keys(argv.begin() + 3, argv.begin() + 3 + static_cast<std::ptrdiff_t>(nk));
  const std::vector<std::string> args(argv.begin() + 3 + static_cast<std::ptrdiff_t>(nk), argv.end());
  if (keys.empty()) return error_reply("ERR Lua redis lib command arguments must be strings or integers");
  const RedisValue* v = lookup(env, keys[0]);
  if (v == nullptr || args.empty() || v->value != args[0]) return int_reply(0);  // false == ARGV[1]
  if (role_ == RedisRole::kReplica) return error_reply(kErrReadonly);
  if (kind == LockScript::kCompareAndDelete) {
    keys_.erase(keys[0]);
    propagate(env, {"DEL", keys[0]});
    return int_reply(1);
  }
  if (args.size() < 2) return error_reply("ERR Lua redis lib command arguments must be strings or integers");
  auto t = parse_int64(args[1]);
  if (!t) return error_reply(kErrNotInteger);
  const int64_t unit = kind == LockScript::kCompareAndPexpire ? 1 : 1000;
  int64_t when = 0;
  if (mul_overflows(*t, unit, &when) || add_overflows(when, local_ms(env.now), &when))
    return error_reply(invalid_expire_error(kind == LockScript::kCompareAndPexpire ? "pexpire" : "expire"));
  return expire_at(env, keys[0], when);
}

RedisReply RedisServer::cmd_script(Env&, const std::vector<std::string>& argv) {
  const std::string sub = to_lower(argv[1]);
  if (sub == "load" && argv.size() == 3) {
    if (recognise_script(argv[2]) == LockScript::kUnknown) return error_reply(kErrNoLua);
    const std::string sha = script_sha1(argv[2]);
    scripts_[sha] = argv[2];
    return bulk_reply(sha);
  }
  if (sub == "exists" && argv.size() >= 3) {
    std::vector<RedisReply> out;
    for (size_t i = 2; i < argv.size(); ++i) out.push_back(int_reply(scripts_.count(to_lower(argv[i])) ? 1 : 0));
    return array_reply(std::move(out));
  }
  if (sub == "flush") {
    scripts_.clear();
    return ok_reply();
  }
  if (sub == "load" || sub == "exists") return error_reply("ERR wrong number of arguments for 'script|" + sub + "' command");
  return error_reply("ERR unknown subcommand '" + argv[1] + "'. Try SCRIPT HELP.");
}

RedisReply RedisServer::cmd_replicaof(Env& env, const std::vector<std::string>& argv) {
  if (eq_ci(argv[1], "no") && eq_ci(argv[2], "one")) {
    if (role_ == RedisRole::kReplica) become_master(env, "REPLICAOF NO ONE");
    return ok_reply();
  }
  if (!parse_int64(argv[2])) return error_reply("ERR Invalid master port");
  if (cfg_.hosts.find(argv[1]) == cfg_.hosts.end())
    return error_reply("ERR ZooLab has no machine named '" + argv[1] + "'");
  if (argv[1] == cfg_.name) return error_reply("ERR ZooLab: a server cannot replicate itself");
  if (role_ == RedisRole::kReplica && master_host_ == argv[1]) return status_reply("OK Already connected to specified master");
  become_replica_of(env, argv[1]);
  return ok_reply();
}

std::string RedisServer::replication_info() const {
  std::string s = "# Replication\r\n";
  if (role_ == RedisRole::kMaster) {
    s += "role:master\r\nconnected_slaves:" + std::to_string(replicas_.size()) + "\r\n";
    int i = 0;
    for (const auto& [c, link] : replicas_)
      s += "slave" + std::to_string(i++) + ":ip=" + link.name + ",port=6379,state=online,offset=" +
           std::to_string(link.acked_offset) + ",lag=0\r\n";
  } else {
    s += "role:slave\r\nmaster_host:" + master_host_ + "\r\nmaster_port:6379\r\nmaster_link_status:" +
         std::string(master_synced_ ? "up" : "down") + "\r\nslave_repl_offset:" + std::to_string(offset_) +
         "\r\nslave_read_only:1\r\nconnected_slaves:" + std::to_string(replicas_.size()) + "\r\n";
  }
  s += "master_repl_offset:" + std::to_string(offset_) + "\r\n";
  return s;
}

// INFO [section]: sections separated by an empty line, as Redis prints them.
RedisReply RedisServer::cmd_info(Env&, const std::vector<std::string>& argv) {
  const std::string section = argv.size() > 1 ? to_lower(argv[1]) : "default";
  const bool all = section == "default" || section == "all" || section == "everything";
  std::vector<std::string> parts;
  if (all || section == "server")
    parts.push_back("# Server\r\nredis_version:7.0.15\r\nredis_mode:standalone\r\ntcp_port:" +
                    std::to_string(cfg_.port) + "\r\nzoolab_persistence:none\r\n");
  if (all || section == "stats")
    parts.push_back("# Stats\r\ntotal_commands_processed:" + std::to_string(commands_) + "\r\nexpired_keys:" +
                    std::to_string(expired_keys()) + "\r\n");
  if (all || section == "replication") parts.push_back(replication_info());
  if (all || section == "keyspace") {
    size_t expires = 0;
    for (const auto& [k, v] : keys_) expires += v.expire_at_ms >= 0;
    parts.push_back("# Keyspace\r\n" + (keys_.empty() ? std::string() : "db0:keys=" + std::to_string(keys_.size()) +
                                                                          ",expires=" + std::to_string(expires) +
                                                                          ",avg_ttl=0\r\n"));
  }
  std::string s;
  for (const std::string& p : parts) s += (s.empty() ? "" : "\r\n") + p;
  return bulk_reply(s);
}

RedisReply RedisServer::cmd_role() const {
  if (role_ == RedisRole::kMaster) {
    std::vector<RedisReply> reps;
    for (const auto& [c, link] : replicas_)
      reps.push_back(array_reply({bulk_reply(link.name), bulk_reply("6379"), bulk_reply(std::to_string(link.acked_offset))}));
    return array_reply({bulk_reply("master"), int_reply(static_cast<int64_t>(offset_)), array_reply(std::move(reps))});
  }
  return array_reply({bulk_reply("slave"), bulk_reply(master_host_), int_reply(6379),
                      bulk_reply(master_synced_ ? "connected" : "connect"), int_reply(static_cast<int64_t>(offset_))});
}

}  // namespace zoolab::core::redis
