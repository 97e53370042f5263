// RedisCliProcess (see redis_cli_process.h): connection handling mirrors redis-cli 7's repl
// (issueCommandRepeat / cliConnect / cliPrintContextError).
#include "core/redis/redis_cli_process.h"

#include "core/base/overloaded.h"
#include "core/redis/redis_cli_text.h"
#include "core/redis/redis_strings.h"

namespace zoolab::core::redis {

RedisCliProcess::RedisCliProcess(RedisCliConfig cfg) : cfg_(std::move(cfg)) {}

std::string RedisCliProcess::prompt() const { return conn_ == kNoConn ? "not connected> " : address() + "> "; }

void RedisCliProcess::open(Env& env) {
  conn_ = env.out.connect(cfg_.server);
  confirmed_ = false;
  dead_ = false;
}

// redis-cli connects at start and (7.0) asks COMMAND DOCS for its hints; a PING stands in for it.
void RedisCliProcess::on_start(Env& env, const DiskImage&) {
  if (cfg_.server == kNoNode) return;
  open(env);
  probe_ = ++next_id_;
  env.out.send(conn_, RedisCommand{probe_, {"PING"}});
}

void RedisCliProcess::on_message(Env& env, ConnId conn, NodeId, const Message& msg) {
  const auto* r = std::get_if<RedisReply>(&msg);
  if (r == nullptr || conn != conn_) return;
  confirmed_ = true;
  if (r->id == probe_) {
    probe_ = 0;
  } else if (!pending_.empty() && pending_.front().first == r->id) {
    const bool raw = pending_.front().second;
    pending_.pop_front();
    ++replies_;
    std::string text = raw ? format_reply_raw(*r) : format_reply_tty(*r);
    last_reply_ = text.substr(0, text.size() - 1);
    env.out.print(OutStream::kOut, std::move(text));
  }
  run_held(env);
}

void RedisCliProcess::run_held(Env& env) {
  while (!waiting() && !held_.empty()) {
    const std::string line = held_.front();
    held_.pop_front();
    run_line(env, line);
  }
}

void RedisCliProcess::disconnect(Env& env, bool print) {
  if (print)  // cliPrintContextError writes to stderr
    env.out.print(OutStream::kErr, confirmed_ ? "Error: Server closed the connection\n"
                                              : "Could not connect to Redis at " + address() + ": Connection refused\n");
  conn_ = kNoConn;
  confirmed_ = false;
  dead_ = false;
  probe_ = 0;
  pending_.clear();
}

void RedisCliProcess::on_closed(Env& env, ConnId conn, NodeId) {
  if (conn != conn_) return;
  if (pending_.empty() && probe_ == 0) {
    dead_ = true;  // redis-cli only finds out when it next writes to the socket
    return;
  }
  disconnect(env, true);
  run_held(env);
}

void RedisCliProcess::on_input(Env& env, const std::string& line) {
  if (busy()) {  // typed ahead: runs after the replies it waits for
    held_.push_back(line);
    return;
  }
  run_line(env, line);
}

void RedisCliProcess::run_line(Env& env, const std::string& line) {
  auto args = split_args(line);
  if (!args) {
    env.out.print(OutStream::kOut, "Invalid argument(s)\n");
    return;
  }
  if (args->empty()) return;
  const std::string first = to_lower((*args)[0]);
  if (first == "quit" || first == "exit") {
    exit_ = true;
    return;
  }
  if (first == "connect" && args->size() >= 2) {  // redis-cli's own `connect host [port]`
    auto it = cfg_.hosts.find((*args)[1]);
    if (conn_ != kNoConn) env.out.close(conn_);
    conn_ = kNoConn;
    cfg_.host = (*args)[1];
    if (args->size() >= 3) cfg_.port = static_cast<int32_t>(parse_int64((*args)[2]).value_or(6379));
    if (it == cfg_.hosts.end()) {
      env.out.print(OutStream::kErr, "Could not connect to Redis at " + address() + ": Name or service not known\n");
      cfg_.server = kNoNode;
      return;
    }
    cfg_.server = it->second;
    open(env);
    probe_ = ++next_id_;
    env.out.send(conn_, RedisCommand{probe_, {"PING"}});
    return;
  }
  // `3 INCR x` repeats a command.
  int64_t repeat = 1;
  if (args->size() > 1) {
    if (auto n = parse_int64((*args)[0])) {
      if (*n <= 0) {
        env.out.print(OutStream::kOut, "Invalid redis-cli repeat command option value.\n");
        return;
      }
      repeat = *n;
      args->erase(args->begin());
    }
  }
  if (dead_) {  // the write finds the socket closed
    disconnect(env, true);
    return;
  }
  if (cfg_.server == kNoNode) {
    env.out.print(OutStream::kErr, "Could not connect to Redis at " + address() + ": Name or service not known\n");
    return;
  }
  if (conn_ == kNoConn) open(env);
  for (int64_t i = 0; i < repeat; ++i) send(env, *args);
}

void RedisCliProcess::send(Env& env, std::vector<std::string> argv) {
  const bool raw = cfg_.raw || to_lower(argv[0]) == "info";  // redis-cli prints INFO raw
  const uint64_t id = ++next_id_;
  pending_.emplace_back(id, raw);
  env.out.send(conn_, RedisCommand{id, std::move(argv)});
}

StateLines RedisCliProcess::state_lines() const {
  return {{"server", address()},
          {"state", conn_ == kNoConn ? "not connected" : dead_ ? "connection closed by server" : "connected"},
          {"waiting for replies", std::to_string(pending_.size())},
          {"replies", std::to_string(replies_)},
          {"last reply", last_reply_}};
}

}  // namespace zoolab::core::redis
