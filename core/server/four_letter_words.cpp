// Four-letter words (reference §10): srvr, stat, ruok, conf, mntr, cons, wchs and the whitelist.
#include <cstdio>

#include "core/server/zookeeper_server.h"

namespace zoolab::core::zk {
namespace {

constexpr const char* kVersion = "3.8.0-${mvngit.commit.id}, built on 2024-12-29 17:54 UTC";

// Java's Double.toString of a value rounded to 4 decimals ("0.0", "18.8", "0.7561").
std::string java_double(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.4f", v);
  std::string s = buf;
  while (s.size() > 1 && s.back() == '0' && s[s.size() - 2] != '.') s.pop_back();
  return s;
}

std::string client_addr(ConnId c) {
  // The simulated network has no ports; derive a stable ephemeral-looking one from the id.
  return "/127.0.0.1:" + std::to_string(32768 + static_cast<uint32_t>(c & 0x7fff));
}

}  // namespace

std::string ZooKeeperServer::four_letter_reply(const std::string& cmd, ConnId asking) const {
  static const std::set<std::string> kKnown = {"conf", "cons", "crst", "dump", "envi", "gtmk", "ruok", "stmk", "srst",
                                               "srvr", "stat", "wchc", "wchp", "wchs", "mntr", "isro", "dirs", "hash"};
  if (!kKnown.count(cmd)) return "";
  if (!config_.four_letter_allowed(cmd)) return cmd + " is not executed because it is not in the whitelist.\n";
  const ServerCounters& k = counters_;
  const double avg = k.latency_samples ? static_cast<double>(k.total_latency_ms) / static_cast<double>(k.latency_samples) : 0.0;
  size_t outstanding = 0;
  for (const auto& [id, c] : conns_) outstanding += c.queue.size();
  const std::string mode = peer_view().mode;
  auto body = [&] {
    std::string s;
    s += "Latency min/avg/max: " + std::to_string(k.min_latency_ms) + "/" + java_double(avg) + "/" +
         std::to_string(k.max_latency_ms) + "\n";
    s += "Received: " + std::to_string(k.packets_received) + "\n";
    s += "Sent: " + std::to_string(k.packets_sent) + "\n";
    s += "Connections: " + std::to_string(conns_.size()) + "\n";
    s += "Outstanding: " + std::to_string(outstanding) + "\n";
    s += "Zxid: " + hex(last_zxid_) + "\n";
    s += "Mode: " + mode + "\n";
    s += "Node count: " + std::to_string(tree_.zk_node_count()) + "\n";
    if (q_.leader) {
      const LeaderState& L = *q_.leader;
      s += "Proposal sizes last/min/max: " + std::to_string(L.last_proposal_size) + "/" +
           std::to_string(L.min_proposal_size) + "/" + std::to_string(L.max_proposal_size) + "\n";
    }
    return s;
  };
  auto conn_line = [&](const ClientConn& c, bool full) {
    std::string s = " " + client_addr(c.id) + "[" + (c.id == asking ? "0" : "1") + "](queued=" +
                    std::to_string(c.queue.size()) + ",recved=" + std::to_string(c.received + (c.id == asking ? 1 : 0)) +
                    ",sent=" + std::to_string(c.sent);
    if (full && c.session != 0) {
      const SessionInfo* si = sessions_.find(c.session);
      s += ",sid=" + hex(c.session) + ",lop=NA,est=" + std::to_string(kCalendarStartMs) +
           ",to=" + std::to_string(si ? si->timeout_ms : 0);
      // ServerCnxn.dumpConnectionInfo omits lcxid while the last xid is negative (a ping's -2).
      if (c.last_cxid >= 0) s += ",lcxid=" + hex(c.last_cxid);
      s += ",lzxid=" + hex(c.last_zxid) + ",lresp=0,llat=0,minlat=0,avglat=0,maxlat=0";
    }
    return s + ")\n";
  };
  if (cmd == "ruok") return "imok";
  if (!serving()) {
    // §10.2: a LOOKING or syncing server answers every other word with one line.
    if (cmd == "isro") return "null";
    return "This ZooKeeper instance is not currently serving requests\n";
  }
  if (cmd == "isro") return "rw";
  if (cmd == "srvr") return std::string("Zookeeper version: ") + kVersion + "\n" + body();
  if (cmd == "stat") {
    std::string s = std::string("Zookeeper version: ") + kVersion + "\nClients:\n";
    for (const auto& [id, c] : conns_) s += conn_line(c, false);
    return s + "\n" + body();
  }
  if (cmd == "cons") {
    std::string s;
    for (const auto& [id, c] : conns_) s += conn_line(c, true);
    return s + "\n";
  }
  const std::string dir = (config_.data_log_dir.empty() ? config_.data_dir : config_.data_log_dir) + "/version-2";
  if (cmd == "conf") {
    std::string s;
    s += "clientPort=" + std::to_string(config_.client_port) + "\n";
    s += "secureClientPort=-1\n";
    s += "dataDir=" + config_.data_dir + "/version-2\n";
    s += "dataDirSize=" + std::to_string(k.snapshot_bytes) + "\n";
    s += "dataLogDir=" + dir + "\n";
    s += "dataLogSize=" + std::to_string(k.log_bytes) + "\n";
    s += "tickTime=" + std::to_string(config_.tick_time_ms) + "\n";
    s += "maxClientCnxns=" + std::to_string(config_.max_client_cnxns) + "\n";
    s += "minSessionTimeout=" + std::to_string(config_.min_timeout()) + "\n";
    s += "maxSessionTimeout=" + std::to_string(config_.max_timeout()) + "\n";
    s += "clientPortListenBacklog=-1\n";
    if (!config_.distributed()) return s + "serverId=0\n";
    const zab::PeerAddress* me = config_.quorum.find(my_sid());
    s += "serverId=" + std::to_string(my_sid()) + "\n";
    s += "initLimit=" + std::to_string(config_.init_limit) + "\n";
    s += "syncLimit=" + std::to_string(config_.sync_limit) + "\n";
    s += "electionAlg=3\n";
    s += "electionPort=" + std::to_string(me ? me->election_port : 3888) + "\n";
    s += "quorumPort=" + std::to_string(me ? me->quorum_port : 2888) + "\n";
    s += std::string("peerType=") + (config_.quorum.is_voter(my_sid()) ? "0" : "1") + "\n";
    return s + "membership: \n" + config_.quorum.text();
  }
  if (cmd == "wchs") {
    std::set<ConnId> watchers;
    size_t total = 0;
    for (const auto& [p, m] : watches_.data.entries()) {
      total += m.size();
      for (const auto& [conn, mode] : m) watchers.insert(conn);
    }
    return std::to_string(watchers.size()) + " connections watching " + std::to_string(watches_.data.entries().size()) +
           " paths\nTotal watches:" + std::to_string(total) + "\n";
  }
  if (cmd == "mntr") {
    std::string s;
    auto line = [&](const std::string& key, const std::string& v) { s += "zk_" + key + "\t" + v + "\n"; };
    line("version", kVersion);
    line("server_state", mode);
    if (config_.distributed()) {
      std::string peer = q_.state == zab::PeerState::kLeading     ? "leading"
                         : q_.state == zab::PeerState::kFollowing ? "following"
                         : q_.state == zab::PeerState::kObserving ? "observing"
                                                                  : "looking";
      line("peer_state", peer + " - " + [&] {
        std::string ph = zab::zab_phase_name(q_.phase);
        for (auto& ch : ph) ch = static_cast<char>(ch - 'A' + 'a');
        return ph;
      }());
      line("quorum_size", std::to_string(config_.quorum.voter_count()));
    }
    line("avg_latency", java_double(avg));
    line("max_latency", std::to_string(k.max_latency_ms));
    line("min_latency", std::to_string(k.min_latency_ms));
    line("packets_received", std::to_string(k.packets_received));
    line("packets_sent", std::to_string(k.packets_sent));
    line("num_alive_connections", std::to_string(conns_.size()));
    line("outstanding_requests", std::to_string(outstanding));
    line("znode_count", std::to_string(tree_.zk_node_count()));
    line("watch_count", std::to_string(watches_.count()));
    line("ephemerals_count", std::to_string(tree_.ephemeral_count()));
    line("approximate_data_size", std::to_string(tree_.approximate_data_size()));
    line("global_sessions", std::to_string(sessions_.sessions().size()));
    line("local_sessions", "0");
    line("open_file_descriptor_count", std::to_string(64 + conns_.size()));
    line("max_file_descriptor_count", "1048576");
    return s;
  }
  if (cmd == "dump") {
    std::string s = "SessionTracker dump:\nSession Sets (" + std::to_string(sessions_.bucket_times().size()) + ")/(" +
                    std::to_string(sessions_.sessions().size()) + "):\n";
    s += "ephemeral nodes dump:\nSessions with Ephemerals (" + std::to_string(tree_.ephemeral_table().size()) + "):\n";
    for (const auto& [owner, paths] : tree_.ephemeral_table()) {
      s += hex(owner) + ":\n";
      for (const auto& p : tree_.ephemerals(owner)) s += "\t" + p + "\n";
    }
    return s;
  }
  return "";
}

}  // namespace zoolab::core::zk
