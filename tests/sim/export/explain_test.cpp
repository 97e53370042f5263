// --explain: the why-lines name the vote comparison that decided each FLE step, the ACK quorum of
// each COMMIT and the watch behind each lock hand-over, on the seed documents' own examples.
#include <doctest/doctest.h>

#include "sim/scenario/explain.h"
#include "tests/sim/export/run_lesson.h"

using namespace zoolab;

namespace {

std::vector<std::string> why_lines(const sim::Run& run, bool chinese = false) {
  std::vector<std::string> names;
  for (core::NodeId id = 0; id < run.world().node_count(); ++id) names.push_back(run.world().node(id).name);
  sim::Explainer ex(sim::quorum_config_of(run.scenario()), names, chinese);
  std::vector<std::string> out;
  for (const sim::TraceRecord& r : run.trace().records)
    for (std::string& line : ex.explain(r)) out.push_back(std::move(line));
  return out;
}

size_t count_with(const std::vector<std::string>& lines, const std::string& needle) {
  size_t n = 0;
  for (const std::string& l : lines) n += l.find(needle) != std::string::npos;
  return n;
}

}  // namespace

TEST_CASE("parse_vote_text reads the notes' vote format") {
  const auto v = sim::parse_vote_text("(3, 0x10000001c, epoch 1) from 2");
  REQUIRE(v);
  CHECK(v->sid == 3);
  CHECK(v->zxid == 0x10000001c);
  CHECK(v->peer_epoch == 1);
  CHECK_FALSE(sim::parse_vote_text("(no vote)"));
  CHECK_FALSE(sim::parse_vote_text("3, 0x1, epoch 1"));
  CHECK_FALSE(sim::parse_vote_text("(x, 0x1, epoch 1)"));
}

TEST_CASE("startup 1,2,3: zk1 adopts zk2's vote because of the sid; zk2 leads by a quorum") {
  auto run = testing::run_lesson("election/startup-1-2-3.zls");
  const auto lines = why_lines(*run);
  CHECK(count_with(lines, "zk1 compares zk2's vote (2, 0x0, epoch 0) with its own (1, 0x0, epoch 0): "
                          "peerEpoch 0 = 0, zxid 0x0 = 0x0, sid 2 > 1 decides") >= 1);
  CHECK(count_with(lines, "so zk2 is LEADING at once") == 1);
  CHECK(count_with(lines, "a majority (votes of 1, 2) agreed on this vote and finalizeWait (200 ms) passed with no "
                          "better vote, so zk1 is FOLLOWING") == 1);
  // zk3 starts in round 1 too: the FOLLOWING/LEADING replies of its own round decide at once.
  CHECK(count_with(lines, "so zk3 is FOLLOWING at once") == 1);
}

TEST_CASE("re-election: the zxid decides, not the sid (seed example: zk1 0x42 beats zk3 0x1c)") {
  auto run = testing::run_lesson("election/re-election-zxid.zls");
  const auto lines = why_lines(*run);
  CHECK(count_with(lines, "zk3 compares zk1's vote (1, 0x100000042, epoch 1) with its own (3, 0x10000001c, epoch 1): "
                          "peerEpoch 1 = 1, zxid 0x100000042 > 0x10000001c decides") >= 1);
  CHECK(count_with(lines, "so zk1 is LEADING") >= 1);
}

TEST_CASE("explanations in Chinese say the same comparison") {
  auto run = testing::run_lesson("election/re-election-zxid.zls");
  const auto lines = why_lines(*run, true);
  CHECK(count_with(lines, "原因: zk3 把 zk1 的选票 (1, 0x100000042, epoch 1) 与自己的 (3, 0x10000001c, epoch 1) 比较："
                          "peerEpoch 1 = 1，zxid 0x100000042 > 0x10000001c 决定胜负") >= 1);
  CHECK(count_with(lines, "why:") == 0);
  CHECK(lines.size() == why_lines(*run).size());
}

TEST_CASE("commits: every COMMIT names a majority of ACKs") {
  auto run = testing::run_lesson("election/leader-crash.zls");
  const auto lines = why_lines(*run);
  CHECK(count_with(lines, "zk3 commits 0x100000004: ACKs from") == 1);
  CHECK(count_with(lines, " of 3 voters, a majority") >= 4);
  for (const std::string& l : lines)
    if (l.find(" commits ") != std::string::npos) CHECK(l.find("= 1 of 3") == std::string::npos);
}

TEST_CASE("lock hand-over: the waiter's watch on its predecessor fired") {
  auto run = testing::run_lesson("locks/zk-lock-walkthrough.zls");
  const auto lines = why_lines(*run);
  CHECK(count_with(lines, "watches only the node just before it") >= 2);
  CHECK(count_with(lines, "fired (event NodeDeleted") >= 1);
}
