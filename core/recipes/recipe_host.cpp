// RecipeHost (see header).
#include "core/recipes/recipe_host.h"

namespace zoolab::core::recipes {

std::pair<std::string, std::string> split_command(const std::string& line) {
  const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  size_t b = 0, e = line.size();
  while (b < e && blank(line[b])) ++b;
  while (e > b && blank(line[e - 1])) --e;
  size_t v = b;
  while (v < e && !blank(line[v])) ++v;
  size_t r = v;
  while (r < e && blank(line[r])) ++r;
  return {line.substr(b, v - b), line.substr(r, e - r)};
}

zk::ZkClientConfig RecipeHost::client_config() const {
  zk::ZkClientConfig c;
  c.servers = cfg_.servers;
  c.session_timeout_ms = cfg_.session_timeout_ms;
  return c;
}

void RecipeHost::on_start(Env& env, const DiskImage& disk) {
  (void)disk;
  client_ = zk::ZkClient(client_config());
  sessions_ = 1;
  reset(env);
  client_.start(env);
  if (cfg_.start_ms >= 0) env.out.set_timer(TimerId{kStartTimer, 0}, milliseconds(cfg_.start_ms));
}

void RecipeHost::on_message(Env& env, ConnId conn, NodeId from, const Message& msg) {
  (void)from;
  client_.on_message(env, conn, msg);
  pump(env);
}

void RecipeHost::on_closed(Env& env, ConnId conn, NodeId peer) {
  (void)peer;
  client_.on_closed(env, conn);
  pump(env);
}

void RecipeHost::on_timer(Env& env, TimerId t) {
  if (client_.owns_timer(t)) client_.on_timer(env, t);
  else if (t.kind == kStartTimer) begin(env);
  else host_timer(env, t);
  pump(env);
}

void RecipeHost::on_input(Env& env, const std::string& line) {
  const auto [verb, rest] = split_command(line);
  if (verb.empty()) return;
  if (verb == "start") begin(env);
  else if (!command(env, verb, rest)) env.out.print(OutStream::kErr, "unknown command: " + verb + "\n");
  pump(env);
}

std::string RecipeHost::timer_name(TimerId t) const {
  if (client_.owns_timer(t)) return client_.timer_name(t);
  if (t.kind == kStartTimer) return "start";
  return host_timer_name(t);
}

void RecipeHost::pump(Env& env) {
  // Feeding may submit requests that are answered locally at once: drain until quiet.
  for (int round = 0; round < 64 && client_.has_outputs(); ++round)
    for (const zk::ClientOutput& o : client_.take_outputs()) feed(env, o);
  report(env);
  if (client_.phase() == zk::ClientPhase::kClosed) {
    // The session is over (expired): a new handle, as an application with Curator/kazoo would.
    say(env, "session " + zk::hex(client_.session_id()) + " is gone; opening a new session");
    client_ = zk::ZkClient(client_config());
    ++sessions_;
    client_.start(env);
  }
}

StateLines RecipeHost::session_lines() const {
  StateLines l;
  l.emplace_back("session", zk::hex(client_.session_id()));
  l.emplace_back("client", std::string(zk::client_phase_name(client_.phase())));
  if (auto s = client_.connected_server()) l.emplace_back("server", s->host_port);
  return l;
}

}  // namespace zoolab::core::recipes
