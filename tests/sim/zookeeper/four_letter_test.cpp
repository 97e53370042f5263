// Four-letter words against the text shapes of reference §10, on a server with two live clients.
#include <map>
#include <string>
#include <vector>

#include "tests/sim/zookeeper/zk_script.h"

namespace zoolab::sim::testing {
namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t nl = text.find('\n'); nl != std::string::npos; nl = text.find('\n', start)) {
    out.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  if (start < text.size()) out.push_back(text.substr(start));
  return out;
}

struct Fixture {
  ZkScript s{
      "tickTime=2000\n"
      "4lw.commands.whitelist=*\n"
      "server.1=zk1:2888:3888\n"
      "latency uniform 1ms 3ms\n"
      "fsync 2ms\n"
      "at 500ms client c1 connect zk1\n"
      "at 600ms client c2 connect zk1 timeout 4000\n"
      "at 1s c1: create /a x\n"
      "+100ms c2: get -w /a\n"
      "+100ms c2: ls -w /\n"
      "run until 2s\n"};
  Fixture() { s.to_end(); }
  std::string ask(const std::string& cmd) const { return s.server().four_letter_reply(cmd, core::kNoConn); }
};

TEST_CASE("srvr: nine lines, version first, standalone mode, Node count last") {
  Fixture f;
  const auto l = lines_of(f.ask("srvr"));
  REQUIRE(l.size() == 9);
  CHECK(l[0] == "Zookeeper version: 3.8.0-${mvngit.commit.id}, built on 2024-12-29 17:54 UTC");
  CHECK(l[1].rfind("Latency min/avg/max: ", 0) == 0);
  CHECK(l[2].rfind("Received: ", 0) == 0);
  CHECK(l[3].rfind("Sent: ", 0) == 0);
  CHECK(l[4] == "Connections: 2");
  CHECK(l[5] == "Outstanding: 0");
  CHECK(l[6] == "Zxid: 0x3");
  CHECK(l[7] == "Mode: standalone");
  CHECK(l[8] == "Node count: 6");
  CHECK(f.ask("srvr").back() == '\n');
}

TEST_CASE("stat: Clients block, an empty line, then the srvr body") {
  Fixture f;
  const auto l = lines_of(f.ask("stat"));
  REQUIRE(l.size() == 2 + 2 + 1 + 8);
  CHECK(l[1] == "Clients:");
  CHECK(l[2].rfind(" /127.0.0.1:", 0) == 0);
  CHECK(l[2].find("](queued=0,recved=") != std::string::npos);
  CHECK(l[4].empty());
  CHECK(l[5].rfind("Latency min/avg/max: ", 0) == 0);
  CHECK(l[12] == "Node count: 6");
}

TEST_CASE("ruok and isro answer without a newline") {
  Fixture f;
  CHECK(f.ask("ruok") == "imok");
  CHECK(f.ask("isro") == "rw");
}

TEST_CASE("conf: the standalone keys in ZooKeeperServer.dumpConf order") {
  Fixture f;
  const auto l = lines_of(f.ask("conf"));
  const std::vector<std::string> keys = {"clientPort=", "secureClientPort=", "dataDir=", "dataDirSize=", "dataLogDir=",
                                         "dataLogSize=", "tickTime=", "maxClientCnxns=", "minSessionTimeout=",
                                         "maxSessionTimeout=", "clientPortListenBacklog=", "serverId="};
  REQUIRE(l.size() == keys.size());
  for (size_t i = 0; i < keys.size(); ++i) CHECK(l[i].rfind(keys[i], 0) == 0);
  CHECK(l[1] == "secureClientPort=-1");
  CHECK(l[2].size() > 19);
  CHECK(l[2].substr(l[2].size() - 10) == "/version-2");
  CHECK(l[6] == "tickTime=2000");
  CHECK(l[8] == "minSessionTimeout=4000");
  CHECK(l[9] == "maxSessionTimeout=40000");
  CHECK(l[10] == "clientPortListenBacklog=-1");
}

TEST_CASE("mntr: zk_version, zk_server_state, no zk_peer_state, TAB-separated plain metrics") {
  Fixture f;
  const auto l = lines_of(f.ask("mntr"));
  REQUIRE(l.size() >= 2);
  CHECK(l[0] == "zk_version\t3.8.0-${mvngit.commit.id}, built on 2024-12-29 17:54 UTC");
  CHECK(l[1] == "zk_server_state\tstandalone");
  std::map<std::string, std::string> kv;
  for (const std::string& line : l) {
    const size_t tab = line.find('\t');
    REQUIRE(tab != std::string::npos);
    CHECK(line.rfind("zk_", 0) == 0);
    kv[line.substr(0, tab)] = line.substr(tab + 1);
  }
  CHECK(kv.count("zk_peer_state") == 0);
  for (const char* k : {"zk_avg_latency", "zk_max_latency", "zk_min_latency", "zk_packets_received", "zk_packets_sent",
                        "zk_num_alive_connections", "zk_outstanding_requests", "zk_znode_count", "zk_watch_count",
                        "zk_ephemerals_count", "zk_approximate_data_size", "zk_global_sessions", "zk_local_sessions",
                        "zk_open_file_descriptor_count", "zk_max_file_descriptor_count"})
    CHECK_MESSAGE(kv.count(k) == 1, k);
  CHECK(kv["zk_num_alive_connections"] == "2");
  CHECK(kv["zk_znode_count"] == "6");
  CHECK(kv["zk_watch_count"] == "2");
  CHECK(kv["zk_global_sessions"] == "2");
  CHECK(kv["zk_avg_latency"].find('.') != std::string::npos);  // a double, like 0.0
}

TEST_CASE("cons: one full line per connection and a final empty line") {
  Fixture f;
  const std::string text = f.ask("cons");
  const auto l = lines_of(text);
  REQUIRE(l.size() == 3);
  CHECK(l[2].empty());
  for (int i = 0; i < 2; ++i) {
    CHECK(l[i].rfind(" /127.0.0.1:", 0) == 0);
    CHECK(l[i].find(",sid=0x100") != std::string::npos);
    CHECK(l[i].find(",lop=") != std::string::npos);
    CHECK(l[i].find(",est=") != std::string::npos);
    CHECK(l[i].find(",lzxid=0x") != std::string::npos);
    CHECK(l[i].find(",lresp=") != std::string::npos);
    CHECK(l[i].find(",maxlat=") != std::string::npos);
    CHECK(l[i].back() == ')');
  }
  CHECK(l[1].find(",to=4000,") != std::string::npos);
}

TEST_CASE("wchs: WatchManager summary of the data table, then println") {
  Fixture f;
  // c2 holds a data watch on /a (get -w); its child watch on / lives in the other table.
  CHECK(f.ask("wchs") == "1 connections watching 1 paths\nTotal watches:1\n");
}

TEST_CASE("a word outside the default whitelist") {
  ZkScript s("tickTime=2000\nserver.1=zk1:2888:3888\nrun until 1s\n");
  s.to_end();
  CHECK(s.server().four_letter_reply("mntr", core::kNoConn) ==
        "mntr is not executed because it is not in the whitelist.\n");
}

}  // namespace
}  // namespace zoolab::sim::testing
