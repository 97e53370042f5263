// Scenario generation for the fuzzer: header, clients and workload, swarm faults, recovery and
// the liveness probe. Every time is an absolute `at` so the minimiser can drop any line.
#include "sim/explore/generate.h"

#include <algorithm>
#include <set>
#include <utility>

#include "core/base/rng.h"

namespace zoolab::sim::explore {
namespace {

using core::Rng;

constexpr std::string_view kBaseLatency = "uniform 200us 1ms";
constexpr int64_t kFaultsFromMs = 1000;  // clients connect first
constexpr int kKeys = 8;                 // /k-0 .. /k-7: few enough that operations collide

std::string at_ms(int64_t ms) {
  return "at " + core::format_duration(core::milliseconds(ms));
}
std::string ms_text(int64_t ms) {
  return core::format_duration(core::milliseconds(ms));
}
int64_t pick(Rng& r, int64_t lo, int64_t hi) {
  return r.uniform_i64(lo, hi);
}
bool coin(Rng& r, uint32_t permille) {
  return r.chance_permille(permille);
}

template <typename T>
void shuffle(Rng& r, std::vector<T>& v) {
  for (size_t i = v.size(); i > 1; --i)
    std::swap(v[i - 1], v[static_cast<size_t>(r.uniform_u64(0, i - 1))]);
}

std::string join(const std::vector<std::string>& words, std::string_view sep) {
  std::string out;
  for (const std::string& w : words)
    out += (out.empty() ? "" : std::string(sep)) + w;
  return out;
}

// Timeline lines of the safety phase, sorted by time (file order among equal times) at the end.
class Timeline {
 public:
  void add(int64_t ms, std::string text) { lines_.push_back({ms, next_++, std::move(text)}); }
  std::string render() {
    std::stable_sort(lines_.begin(), lines_.end(),
                     [](const Line& a, const Line& b) { return a.ms < b.ms; });
    std::string out;
    for (const Line& l : lines_)
      out += at_ms(l.ms) + " " + l.text + "\n";
    return out;
  }

 private:
  struct Line {
    int64_t ms;
    uint64_t order;
    std::string text;
  };
  std::vector<Line> lines_;
  uint64_t next_ = 0;
};

// Draws fault events and remembers what the recovery has to undo (independently of which
// lines a minimiser later drops: recovery undoes everything that was ever done).
class FaultDrawer {
 public:
  FaultDrawer(Rng& rng, Timeline& tl, std::vector<std::string> servers,
              std::vector<std::string> clients, int64_t end_ms)
      : r_(rng),
        tl_(tl),
        servers_(std::move(servers)),
        clients_(std::move(clients)),
        end_ms_(end_ms) {}

  void draw(FaultKind kind, int64_t t) {
    switch (kind) {
      case FaultKind::kCrash:
        down_up("crash", t);
        break;
      case FaultKind::kPowerOff:
        down_up("poweroff", t);
        break;
      case FaultKind::kPartition:
        partition(t);
        break;
      case FaultKind::kOneWay:
        one_way(t);
        break;
      case FaultKind::kPause:
        pause(t);
        break;
      case FaultKind::kSlowDisk:
        slow_disk(t);
        break;
      case FaultKind::kClock:
        clock(t);
        break;
      case FaultKind::kDelay:
        delay(t);
        break;
    }
  }

  // Lines at the end of the safety phase that undo every fault kind that was used.
  std::vector<std::string> recovery() const {
    std::vector<std::string> out;
    if (cut_) out.push_back("heal");
    for (const std::string& link : delayed_)
      out.push_back("latency " + link + " " + std::string(kBaseLatency));
    for (const std::string& s : slowed_)
      out.push_back("slow-disk " + s + " off");
    for (const std::string& s : drifted_)
      out.push_back("clock " + s + " drift 0ppm");
    for (const std::string& s : downed_)
      out.push_back("restart " + s);
    return out;
  }

 private:
  const std::string& any_server() {
    return servers_[static_cast<size_t>(pick(r_, 0, static_cast<int64_t>(servers_.size()) - 1))];
  }
  // A repair `length` after t, unless the safety phase is over by then (recovery does it).
  void repair(int64_t t, int64_t length, std::string text) {
    if (t + length < end_ms_) tl_.add(t + length, std::move(text));
  }

  void down_up(const char* verb, int64_t t) {
    const std::string s = any_server();
    tl_.add(t, std::string(verb) + " " + s);
    downed_.insert(s);
    if (coin(r_, 850)) repair(t, pick(r_, 300, 20'000), "restart " + s);
  }

  // Servers split in two (sometimes three) groups; some clients join a side, the rest keep
  // reaching everyone.
  void partition(int64_t t) {
    std::vector<std::vector<std::string>> groups;
    std::vector<std::string> s = servers_;
    shuffle(r_, s);
    if (s.size() == 1) {  // a lone server can only be cut off from clients
      groups = {s, {}};
      for (const std::string& c : clients_)
        if (coin(r_, 500)) groups[1].push_back(c);
      if (groups[1].empty()) groups[1].push_back(clients_.front());
    } else {
      const auto k = static_cast<size_t>(pick(r_, 1, static_cast<int64_t>(s.size()) - 1));
      groups = {{s.begin(), s.begin() + static_cast<std::ptrdiff_t>(k)},
                {s.begin() + static_cast<std::ptrdiff_t>(k), s.end()}};
      if (groups[1].size() >= 2 && coin(r_, 300)) {
        const auto j = static_cast<size_t>(pick(r_, 1, static_cast<int64_t>(groups[1].size()) - 1));
        groups.push_back({groups[1].begin() + static_cast<std::ptrdiff_t>(j), groups[1].end()});
        groups[1].resize(j);
      }
      for (const std::string& c : clients_)
        if (coin(r_, 500))
          groups[static_cast<size_t>(pick(r_, 0, static_cast<int64_t>(groups.size()) - 1))]
              .push_back(c);
    }
    std::vector<std::string> parts;
    for (const auto& g : groups)
      parts.push_back(join(g, " "));
    tl_.add(t, "partition " + join(parts, " | "));
    cut_ = true;
    if (coin(r_, 850)) repair(t, pick(r_, 500, 20'000), "heal");
  }

  // One direction dropped: from some servers to the others (or to some clients).
  void one_way(int64_t t) {
    std::vector<std::string> s = servers_;
    shuffle(r_, s);
    std::vector<std::string> left, right;
    if (s.size() == 1) {
      left = s;
      right = {
          clients_[static_cast<size_t>(pick(r_, 0, static_cast<int64_t>(clients_.size()) - 1))]};
    } else {
      const auto k = static_cast<size_t>(pick(r_, 1, static_cast<int64_t>(s.size()) - 1));
      left.assign(s.begin(), s.begin() + static_cast<std::ptrdiff_t>(k));
      right.assign(s.begin() + static_cast<std::ptrdiff_t>(k), s.end());
      for (const std::string& c : clients_)
        if (coin(r_, 250)) right.push_back(c);
    }
    if (coin(r_, 500)) std::swap(left, right);
    tl_.add(t, "partition " + join(left, " ") + " -> " + join(right, " "));
    cut_ = true;
    if (coin(r_, 850)) repair(t, pick(r_, 500, 20'000), "heal");
  }

  // A GC pause, short or long (beyond syncLimit * tickTime, even beyond a session timeout),
  // always over before the recovery.
  void pause(int64_t t) {
    int64_t length = coin(r_, 500) ? pick(r_, 100, 3'000) : pick(r_, 3'000, 15'000);
    length = std::min(length, end_ms_ - t - 100);
    if (length < 50) return;
    tl_.add(t, "pause " + any_server() + " " + ms_text(length));
  }

  void slow_disk(int64_t t) {
    const std::string s = any_server();
    tl_.add(t, "slow-disk " + s + " " + ms_text(pick(r_, 5, 500)));
    slowed_.insert(s);
    if (coin(r_, 700)) repair(t, pick(r_, 1'000, 20'000), "slow-disk " + s + " off");
  }

  void clock(int64_t t) {
    const std::string s = any_server();
    const char* sign = coin(r_, 500) ? "+" : "-";
    if (coin(r_, 500)) {
      tl_.add(t, "clock " + s + " " + sign + ms_text(pick(r_, 10, 10'000)));
    } else {
      tl_.add(t, "clock " + s + " drift " + sign + std::to_string(pick(r_, 10, 2'000)) + "ppm");
      drifted_.insert(s);
    }
  }

  // A slow link between two servers, or between a server and a client.
  void delay(int64_t t) {
    std::string a = any_server(), b;
    if (servers_.size() >= 2 && coin(r_, 700)) {
      do
        b = any_server();
      while (b == a);
    } else {
      b = clients_[static_cast<size_t>(pick(r_, 0, static_cast<int64_t>(clients_.size()) - 1))];
    }
    const std::string link = a + " " + b;
    std::string model;
    if (coin(r_, 500)) {
      const int64_t lo = pick(r_, 5, 50);
      model = "uniform " + ms_text(lo) + " " + ms_text(lo + pick(r_, 10, 300));
    } else {
      model = "longtail 2ms " + ms_text(pick(r_, 20, 500));
    }
    tl_.add(t, "latency " + link + " " + model);
    delayed_.insert(link);
    if (coin(r_, 700))
      repair(t, pick(r_, 1'000, 20'000), "latency " + link + " " + std::string(kBaseLatency));
  }

  Rng& r_;
  Timeline& tl_;
  std::vector<std::string> servers_, clients_;
  int64_t end_ms_;
  bool cut_ = false;
  std::set<std::string> downed_, slowed_, drifted_, delayed_;
};

// One zkCli command of the random workload: creates, sets, deletes and reads on a few shared
// keys, ephemeral and sequential creates, sync, and one-shot data watches.
std::string workload_op(Rng& r, uint64_t& value) {
  const std::string key = "/k-" + std::to_string(pick(r, 0, kKeys - 1));
  const std::string v = "v" + std::to_string(++value);
  const int64_t roll = pick(r, 0, 99);
  if (roll < 25) return "create " + key + " " + v;
  if (roll < 50) return "set " + key + " " + v;
  if (roll < 62) return "delete " + key;
  if (roll < 77) return "get " + key;
  if (roll < 85) return "create -e /e-" + std::to_string(pick(r, 0, kKeys - 1)) + " " + v;
  if (roll < 92) return "create -s /s- " + v;
  if (roll < 96) return "sync /";
  return "get -w " + key;
}

}  // namespace

std::string_view fault_kind_name(FaultKind k) {
  switch (k) {
    case FaultKind::kCrash:
      return "crash";
    case FaultKind::kPowerOff:
      return "poweroff";
    case FaultKind::kPartition:
      return "partition";
    case FaultKind::kOneWay:
      return "one-way";
    case FaultKind::kPause:
      return "pause";
    case FaultKind::kSlowDisk:
      return "slow-disk";
    case FaultKind::kClock:
      return "clock";
    case FaultKind::kDelay:
      return "delay";
  }
  return "?";
}

const std::vector<FaultKind>& all_fault_kinds() {
  static const std::vector<FaultKind> kAll = {
      FaultKind::kCrash, FaultKind::kPowerOff, FaultKind::kPartition, FaultKind::kOneWay,
      FaultKind::kPause, FaultKind::kSlowDisk, FaultKind::kClock,     FaultKind::kDelay};
  return kAll;
}

std::optional<std::vector<FaultKind>> parse_fault_kinds(std::string_view csv, std::string* why) {
  std::set<FaultKind> kinds;
  size_t start = 0;
  while (start <= csv.size()) {
    const size_t comma = std::min(csv.find(',', start), csv.size());
    const std::string_view word = csv.substr(start, comma - start);
    start = comma + 1;
    if (word == "none" && csv == "none") break;  // a workload without faults
    if (word == "all") {
      kinds.insert(all_fault_kinds().begin(), all_fault_kinds().end());
      continue;
    }
    bool found = false;
    for (FaultKind k : all_fault_kinds()) {
      if (fault_kind_name(k) == word || (k == FaultKind::kPowerOff && word == "power-off") ||
          (k == FaultKind::kPause && word == "gc") ||
          (k == FaultKind::kOneWay && word == "oneway")) {
        kinds.insert(k);
        found = true;
      }
    }
    if (!found) {
      if (why != nullptr)
        *why = "unknown fault `" + std::string(word) + "`; expected a comma-separated list of " +
               fault_kind_list(all_fault_kinds()) + " (or all, or none)";
      return std::nullopt;
    }
  }
  return std::vector<FaultKind>(kinds.begin(), kinds.end());
}

std::string fault_kind_list(const std::vector<FaultKind>& kinds) {
  std::string out;
  for (FaultKind k : kinds)
    out += (out.empty() ? "" : ",") + std::string(fault_kind_name(k));
  return out;
}

GeneratedScenario generate_scenario(uint64_t seed, const FuzzConfig& config) {
  GeneratedScenario g;
  g.seed = seed;
  const int n = std::clamp(config.servers, 1, 255);
  const int64_t end_ms = std::max<int64_t>(config.duration.ns / 1'000'000, 3 * kFaultsFromMs);
  const int64_t live_ms = std::max<int64_t>(config.liveness.ns / 1'000'000, 1'000);

  // Independent streams: changing the workload never moves the faults, and vice versa.
  Rng swarm = Rng::stream(seed, "fuzz/swarm");
  Rng shape = Rng::stream(seed, "fuzz/shape");
  Rng faults = Rng::stream(seed, "fuzz/faults");
  Rng work = Rng::stream(seed, "fuzz/workload");

  // Swarm testing: each seed enables a random subset of the allowed kinds (at least one).
  std::vector<FaultKind> allowed = config.faults;
  std::sort(allowed.begin(), allowed.end());
  allowed.erase(std::unique(allowed.begin(), allowed.end()), allowed.end());
  for (FaultKind k : allowed)
    if (coin(swarm, 500)) g.enabled.push_back(k);
  if (g.enabled.empty() && !allowed.empty())
    g.enabled.push_back(
        allowed[static_cast<size_t>(pick(swarm, 0, static_cast<int64_t>(allowed.size()) - 1))]);

  std::vector<std::string> servers, clients;
  for (int i = 1; i <= n; ++i)
    servers.push_back("zk" + std::to_string(i));
  const int64_t client_count = pick(shape, 2, 4);
  for (int64_t i = 1; i <= client_count; ++i)
    clients.push_back("c" + std::to_string(i));
  const std::string connect = join(servers, ",");

  std::string text;
  text += "# zoolab fuzz seed " + std::to_string(seed) + ": " + std::to_string(n) + " voters, " +
          std::to_string(client_count) + " clients, faults " +
          (g.enabled.empty() ? std::string("none") : fault_kind_list(g.enabled)) +
          " (swarm subset of " +
          (allowed.empty() ? std::string("none") : fault_kind_list(allowed)) + ")\n";
  text += "# Replay: zoolab run THIS_FILE (the seed line fixes every random choice).\n";
  text += "title fuzz seed " + std::to_string(seed) + "\n";
  text += "tickTime=2000\ninitLimit=5\nsyncLimit=2\n";
  for (const std::string& bug : config.bugs)
    text += "bug." + bug + "=on\n";
  for (int i = 1; i <= n; ++i)
    text += "server." + std::to_string(i) + "=zk" + std::to_string(i) + ":2888:3888\n";
  text += "seed " + std::to_string(seed) + "\n";
  text += "latency " + std::string(kBaseLatency) + "\n";
  text += "fsync 1ms\n\n";

  Timeline tl;
  uint64_t value = 0;
  for (const std::string& c : clients) {
    int64_t t = pick(work, 100, 900);
    tl.add(t, "client " + c + " connect " + connect + " timeout 10000");
    // Some clients watch the whole tree, so the watch-order checker sees events and reads race.
    if (coin(work, 500)) tl.add(t += 50, c + ": addWatch /");
    for (;;) {
      t += coin(work, 300) ? pick(work, 0, 5)
                           : pick(work, 100, 1'500);  // bursts race with other clients
      if (t >= end_ms - 200) break;
      tl.add(t, c + ": " + workload_op(work, value));
    }
  }

  FaultDrawer drawer(faults, tl, servers, clients, end_ms);
  if (!g.enabled.empty()) {
    const int64_t count = pick(faults, 2, std::max<int64_t>(2, end_ms / 4'000));
    for (int64_t i = 0; i < count; ++i) {
      const FaultKind kind = g.enabled[static_cast<size_t>(
          pick(faults, 0, static_cast<int64_t>(g.enabled.size()) - 1))];
      drawer.draw(kind, pick(faults, kFaultsFromMs, end_ms - kFaultsFromMs));
    }
  }
  text += tl.render();

  // Recovery, then the liveness probe: a fresh session's create must be confirmed in time.
  g.probe.client = "probe";
  g.probe.path = "/live-" + std::to_string(seed);
  g.probe.from = core::Time{core::milliseconds(end_ms + 1'000).ns};
  g.probe.deadline = g.probe.from + core::milliseconds(live_ms);
  text += "\n" + std::string(kRecoveryMarker) + ", then a write must commit within " +
          ms_text(live_ms) + "\n";
  for (const std::string& line : drawer.recovery())
    text += at_ms(end_ms) + " " + line + "\n";
  const int64_t from_ms = end_ms + 1'000;
  text += at_ms(from_ms) + " client " + g.probe.client + " connect " + connect + " timeout 10000\n";
  for (int64_t k = 0; k * 10'000 < live_ms; ++k)
    text +=
        at_ms(from_ms + k * 10'000) + " " + g.probe.client + ": create " + g.probe.path + " x\n";
  // The verdict is read from the probe's console (zoolab fuzz); a replay shows the same lines.
  // No `expect probe: exists` here: it reads the first server of the connect string, which
  // need not be the one that took the write while servers still run standalone.
  text += "# liveness: the probe must print `Created " + g.probe.path +
          "` (or `Node already exists: " + g.probe.path + "` on a retry) by " +
          ms_text(from_ms + live_ms) + "\n";
  text += "run until " + ms_text(from_ms + live_ms) + "\n";
  g.text = std::move(text);
  return g;
}

}  // namespace zoolab::sim::explore
