// ZkCli shell framing (ZooKeeperMain): history, redo, printwatches, connect/close/quit, the
// "Not connected" rule, event printing and reply routing. Commands live in zkcli_commands.cpp.
#include "core/client/zkcli.h"

#include <utility>

#include "core/client/java_text.h"
#include "core/client/zkcli_jobs.h"
#include "core/client/zkcli_text.h"

namespace zoolab::core::zk {

std::vector<ServerAddress> resolve_connect_string(const std::string& s, const std::vector<ServerAddress>& known) {
  std::string hosts = s;
  if (const size_t slash = hosts.find('/'); slash != std::string::npos) hosts = hosts.substr(0, slash);  // chroot
  std::vector<ServerAddress> out;
  for (std::string h : split_dropping_trailing(hosts, ',')) {
    while (!h.empty() && h.front() == ' ') h.erase(h.begin());
    while (!h.empty() && h.back() == ' ') h.pop_back();
    if (h.empty()) continue;
    if (h.find(':') == std::string::npos) h += ":2181";
    ServerAddress a{kNoNode, h};
    for (const auto& k : known)
      if (k.host_port == h) a.node = k.node;
    out.push_back(a);
  }
  return out;
}

ZkCli::ZkCli(ZkCliConfig cfg) : cfg_(std::move(cfg)) {}

void ZkCli::out(Env& env, const std::string& s) { env.out.print(OutStream::kOut, s); }
void ZkCli::err(Env& env, const std::string& s) { env.out.print(OutStream::kErr, s); }

std::string ZkCli::prompt() const {
  const std::string_view st = started_ ? client_state_name(client_.state()) : "CONNECTING";
  return "[zk: " + host_ + "(" + std::string(st) + ") " + std::to_string(command_count_) + "] ";
}

void ZkCli::new_client(Env& env, const std::string& host) {
  host_ = host;
  ZkClientConfig c;
  c.servers = resolve_connect_string(host, cfg_.known_servers);
  c.session_timeout_ms = cfg_.session_timeout_ms;
  c.timer_kind_base = cfg_.timer_kind_base;
  c.shuffle_hosts = cfg_.shuffle_hosts;
  client_ = ZkClient(std::move(c));
  client_.start(env);
  started_ = true;
}

void ZkCli::start(Env& env) {
  new_client(env, cfg_.connect_string);
  pump(env);
}

Xid ZkCli::submit(Env& env, RequestBody body) { return client_.submit(env, std::move(body)); }

void ZkCli::input(Env& env, const std::string& line) {
  if (exit_) return;
  if (busy()) {
    pending_lines_.push_back(line);
    return;
  }
  execute_line(env, line);
  pump(env);
}

void ZkCli::execute_line(Env& env, const std::string& line) {
  if (line.empty()) return;
  env.out.note("zkCli: " + line);
  std::vector<std::string> args = tokenize_line(line);
  if (args.empty()) args = last_args_;  // parseCommand leaves the previous command in place
  last_args_ = args;
  history_[command_count_] = line;
  process_cmd(env, args);
  ++command_count_;
}

void ZkCli::process_cmd(Env& env, const std::vector<std::string>& args) {
  if (args.empty()) {
    err(env, usage_text() + "No command entered\n");
    return;
  }
  const std::string& cmd = args[0];
  if (!command_usage_options(cmd)) {
    err(env, usage_text() + "Command not found: Command not found " + cmd + "\n");
    return;
  }
  if (cmd == "quit") {
    exit_ = true;
    if (is_alive(client_.state())) {
      job_ = CliJob{};
      job_->kind = CliJob::Kind::kQuit;
      wait_for(submit(env, CloseSessionOp{}));
    }
    return;
  }
  if (cmd == "redo" && args.size() >= 2) {
    const auto i = java_decode_int(args[1]);
    if (!i) {
      // Integer.decode throws NumberFormatException, which nothing catches: the JVM exits.
      err(env, "Exception in thread \"main\" java.lang.NumberFormatException: For input string: \"" + args[1] + "\"\n");
      exit_ = true;
      return;
    }
    if (command_count_ <= *i || *i < 0) {
      err(env, "Command index out of range\n");
      return;
    }
    std::vector<std::string> again = tokenize_line(history_[*i]);
    if (again.empty()) again = last_args_;
    last_args_ = again;
    if (!again.empty() && again[0] == "redo") {
      err(env, "No redoing redos\n");
      return;
    }
    history_[command_count_] = history_[*i];
    process_cmd(env, again);
    // The outer command ("redo") then meets the liveness check itself.
    if (job_) {
      job_->redo_tail = true;  // nested command still running; checked in finish_job
    } else if (!is_alive(client_.state())) {
      out(env, "Not connected\n");
    }
    return;
  } else if (cmd == "history") {
    for (int i = command_count_ - 10; i <= command_count_; ++i) {
      if (i < 0) continue;
      auto it = history_.find(i);
      out(env, std::to_string(i) + " - " + (it == history_.end() ? std::string("null") : it->second) + "\n");
    }
  } else if (cmd == "printwatches") {
    if (args.size() == 1) out(env, std::string("printwatches is ") + (print_watches_ ? "on" : "off") + "\n");
    else print_watches_ = args[1] == "on";
  } else if (cmd == "connect") {
    connect_target_ = args.size() >= 2 ? args[1] : host_;
    if (is_alive(client_.state())) {
      job_ = CliJob{};
      job_->kind = CliJob::Kind::kConnect;
      wait_for(submit(env, CloseSessionOp{}));
      return;  // continues in finish_job once the old session is closed
    }
    new_client(env, connect_target_);
  }
  if (!is_alive(client_.state())) {
    out(env, "Not connected\n");
    return;
  }
  if (cmd == "redo" || cmd == "history" || cmd == "printwatches" || cmd == "connect") return;
  run_cli_command(env, args);
}

void ZkCli::pump(Env& env) {
  // Drain until quiet: a finished command may start the next typed line, which may reply at once.
  for (int guard = 0; guard < 100000; ++guard) {
    if (client_.has_outputs()) {
      for (auto& o : client_.take_outputs()) {
        if (auto* r = std::get_if<ClientReply>(&o)) {
          on_reply(env, r->xid, r->response);
        } else if (auto* w = std::get_if<ClientWatchEvent>(&o)) {
          if (print_watches_ && w->fired != 0)
            out(env, "\nWATCHER::\n\n" + watched_event_text(w->event.state, w->event.type, &w->event.path) + "\n");
        } else if (auto* s = std::get_if<ClientSessionEvent>(&o)) {
          if (print_watches_) out(env, "\nWATCHER::\n\n" + watched_event_text(s->state, EventType::kNone, nullptr) + "\n");
        }
      }
      continue;
    }
    if (!job_ && !pending_lines_.empty() && !exit_) {
      std::string line = std::move(pending_lines_.front());
      pending_lines_.pop_front();
      execute_line(env, line);
      continue;
    }
    break;
  }
  if (exit_) pending_lines_.clear();
}

void ZkCli::on_reply(Env& env, Xid xid, const Response& r) {
  if (!job_) return;
  auto& w = job_->waiting;
  bool mine = false;
  for (auto it = w.begin(); it != w.end(); ++it) {
    if (*it == xid) {
      w.erase(it);
      mine = true;
      break;
    }
  }
  if (!mine) return;
  switch (job_->kind) {
    case CliJob::Kind::kSimple: finish_simple(env, r); break;
    case CliJob::Kind::kClose:
    case CliJob::Kind::kQuit:
    case CliJob::Kind::kConnect: finish_job(env); break;
    default: ZkCliJobs::on_reply(*this, env, r); break;
  }
}

void ZkCli::finish_job(Env& env) {
  if (!job_) return;
  const CliJob job = std::move(*job_);
  job_.reset();
  if (job.kind == CliJob::Kind::kConnect) {
    new_client(env, connect_target_);
    return;
  }
  if (job.redo_tail && !is_alive(client_.state())) out(env, "Not connected\n");
}

bool ZkCli::on_message(Env& env, ConnId conn, const Message& msg) {
  const bool mine = client_.on_message(env, conn, msg);
  pump(env);
  return mine;
}

bool ZkCli::on_closed(Env& env, ConnId conn) {
  const bool mine = client_.on_closed(env, conn);
  pump(env);
  return mine;
}

bool ZkCli::on_timer(Env& env, TimerId t) {
  const bool mine = client_.on_timer(env, t);
  pump(env);
  return mine;
}

}  // namespace zoolab::core::zk
