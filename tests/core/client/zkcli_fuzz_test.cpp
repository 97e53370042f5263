// 20k random and mutated zkCli lines: the tokenizer, option parser and every command must cope
// (no crash, no exception) while a scripted server answers with successes and errors.
#include <doctest/doctest.h>

#include "core/base/rng.h"
#include "core/client/acl_parser.h"
#include "core/client/zkcli_args.h"
#include "tests/core/client/zkcli_fuzz_input.h"

using namespace zoolab;

namespace {

const char* const kWords[] = {
    "create", "delete", "deleteall", "get", "set", "ls", "stat", "getAcl", "setAcl", "sync", "addauth", "addWatch",
    "removewatches", "config", "reconfig", "getEphemerals", "getAllChildrenNumber", "whoami", "version", "history",
    "redo", "printwatches", "setquota", "listquota", "delquota", "close", "connect", "help", "bogus", "!4lw",
    "-s", "-e", "-c", "-t", "-w", "-R", "-v", "-b", "-n", "-N", "-B", "-m", "-l", "-d", "-a", "--", "-", "-sw",
    "-v3", "-1", "0", "7", "x", "/", "/a", "/a/b", "//a", "/a/", "a", "/zookeeper", "/zookeeper/quota", "/a/../b",
    "world:anyone:cdrwa", "digest:u:p:rwx", "ip:127.0.0.1:r", "auth::cdrwa", "a,b,,", ":::", "\"", "'", "\"a b\"",
    "'c d'", "\"\"", "on", "off", "PERSISTENT", "persistent_recursive", "digest", "u:p", "localhost:2181",
    "-members", "-add", "-remove", "-file", "server.1=h:1:2;3", "ü", "\xff\xfe", "\t", "  ", "1099511627776",
};

std::string random_line(core::Rng& rng) {
  std::string line;
  const int n = static_cast<int>(rng.uniform_u64(0, 6));
  for (int i = 0; i < n; ++i) {
    if (i) line += rng.chance_permille(900) ? " " : "";
    if (rng.chance_permille(50)) {
      const int k = static_cast<int>(rng.uniform_u64(1, 8));
      for (int j = 0; j < k; ++j) line += static_cast<char>(rng.uniform_u64(1, 255));
    } else {
      line += kWords[rng.uniform_u64(0, sizeof(kWords) / sizeof(kWords[0]) - 1)];
    }
  }
  return line;
}

}  // namespace

TEST_CASE("fuzz: 20000 random zkCli lines never crash the shell") {
  core::Rng rng(20240601);
  auto rig = std::make_unique<testing::ZkCliFuzzRig>();
  size_t restarts = 0, printed = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string line = random_line(rng);
    // Quit and close end a session; keep most lines on a live one.
    if ((line.starts_with("quit") || line.starts_with("close")) && rng.chance_permille(800)) line = "ls /";
    CHECK_NOTHROW((void)core::zk::tokenize_line(line));
    CHECK_NOTHROW((void)core::zk::parse_acl(line));
    bool alive = true;
    CHECK_NOTHROW(alive = rig->feed(line));
    if (!alive || i % 500 == 499) {
      printed += rig->printed_bytes();
      rig = std::make_unique<testing::ZkCliFuzzRig>();
      ++restarts;
    }
  }
  CHECK(restarts >= 40);
  CHECK(printed > 0);
}
