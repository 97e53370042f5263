// The registry comparison runner (see header).
#include "sim/compare/registry_compare.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>

#include "core/registry/eureka_client.h"
#include "core/registry/eureka_server.h"
#include "core/registry/zk_registry_client.h"
#include "sim/scenario/expect_zab.h"
#include "sim/scenario/parser.h"
#include "sim/scenario/run.h"

namespace zoolab::sim::compare {
namespace {

using core::milliseconds;
using core::seconds;
namespace reg = core::registry;

const std::vector<std::string> kConsumers = {"c1", "c2"};

std::string ms_text(Duration d) { return std::to_string(d.ns / 1'000'000); }

bool has(const std::vector<PlannedFault>& plan, FaultKind k) {
  return std::any_of(plan.begin(), plan.end(), [&](const PlannedFault& p) { return p.spec.kind == k; });
}
const PlannedFault* find(const std::vector<PlannedFault>& plan, FaultKind k) {
  for (const PlannedFault& p : plan)
    if (p.spec.kind == k) return &p;
  return nullptr;
}

// Names of the providers (p1..pN, plus the late one when the plan starts a new provider).
std::vector<std::string> provider_names(const CompareOptions& o, const std::vector<PlannedFault>& plan) {
  std::vector<std::string> out;
  for (int i = 1; i <= o.providers; ++i) out.push_back("p" + std::to_string(i));
  if (has(plan, FaultKind::kNewProvider)) out.push_back("p" + std::to_string(o.providers + 1));
  return out;
}

// Client i uses the servers rotated by i, so the load spreads as in a real deployment.
std::string rotated(const std::string& prefix, size_t i) {
  std::string s;
  for (size_t k = 0; k < 3; ++k) s += (k ? "," : "") + prefix + std::to_string((i + k) % 3 + 1);
  return s;
}

std::string common_tail(const CompareOptions& o, const std::vector<PlannedFault>& plan, Time end) {
  std::string t = "seed " + std::to_string(o.seed) + "\nlatency uniform 0.2ms 1ms\n";
  if (const PlannedFault* n = find(plan, FaultKind::kNewProvider))
    t += "at " + ms_text(n->at - Time{}) + "ms start p" + std::to_string(o.providers + 1) + "\n";
  return t + "run until " + ms_text(end - Time{}) + "ms\n";
}

void check_options(const CompareOptions& o) {
  if (o.providers < 1 || o.providers > 50) throw std::invalid_argument("--providers must be 1..50");
  if (o.probe_interval < milliseconds(10)) throw std::invalid_argument("the probe interval must be at least 10ms");
}

}  // namespace

std::string zookeeper_side_text(const CompareOptions& o, const std::vector<PlannedFault>& plan, Time end) {
  // ZooKeeper's own defaults (zoo_sample.cfg): tickTime 2000, initLimit 10, syncLimit 5.
  std::string t = "title compare-registries: ZooKeeper (CP)\ntickTime=2000\ninitLimit=10\nsyncLimit=5\n";
  for (int i = 1; i <= 3; ++i) t += "server." + std::to_string(i) + "=zk" + std::to_string(i) + ":2888:3888\n";
  const std::string common = " app=orders shuffle=false timeout=" + std::to_string(o.session_timeout_ms);
  const auto names = provider_names(o, plan);
  for (size_t i = 0; i < names.size(); ++i)
    t += "process " + names[i] + " zk-registry-client servers=" + rotated("zk", i) + common + " provider=true consumer=false\n";
  for (size_t i = 0; i < kConsumers.size(); ++i)
    t += "process " + kConsumers[i] + " zk-registry-client servers=" + rotated("zk", i) + common +
         " provider=false consumer=true probe=" + ms_text(o.probe_interval) + " probe-timeout=" + ms_text(o.probe_timeout) + "\n";
  return t + "fsync 1ms\n" + common_tail(o, plan, end);
}

std::string eureka_side_text(const CompareOptions& o, const std::vector<PlannedFault>& plan, Time end) {
  std::string t = "title compare-registries: Eureka (AP)\n";
  t += "process e1 eureka peers=e2,e3\nprocess e2 eureka peers=e1,e3\nprocess e3 eureka peers=e1,e2\n";
  const auto names = provider_names(o, plan);
  for (size_t i = 0; i < names.size(); ++i)
    t += "process " + names[i] + " eureka-client servers=" + rotated("e", i) + " app=orders register=true fetch=false\n";
  for (size_t i = 0; i < kConsumers.size(); ++i)
    t += "process " + kConsumers[i] + " eureka-client servers=" + rotated("e", i) + " app=orders register=false fetch=true probe=" +
         ms_text(o.probe_interval) + " probe-timeout=" + ms_text(o.probe_timeout) + "\n";
  return t + common_tail(o, plan, end);
}

namespace {

const reg::ClientStats* stats_of(const World& w, const std::string& name) {
  const auto id = w.find_node(name);
  if (!id || !w.node(*id).process) return nullptr;
  const core::Process* p = w.node(*id).process.get();
  if (const auto* e = dynamic_cast<const reg::EurekaClient*>(p)) return &e->stats();
  if (const auto* z = dynamic_cast<const reg::ZkRegistryClient*>(p)) return &z->stats();
  return nullptr;
}

struct SideRun {
  bool zk = false;
  std::unique_ptr<Run> run;
  std::vector<std::string> targets;  // per plan entry
  std::vector<std::string> notes;
  std::map<std::string, bool> self_preservation;  // Eureka server -> on (sampled each second)
  std::string leader;                             // ZooKeeper, sampled each second
};

std::string leader_now(const SideRun& s) {
  const auto lead = sole_leader(server_statuses(s.run->world(), s.run->scenario()));
  return lead ? *lead : "";
}

// The server a fault hits: ZooKeeper's established leader (or a follower), Eureka's e1.
std::string server_target(const SideRun& s, bool leader) {
  if (!s.zk) return "e1";
  const std::string lead = leader_now(s);
  if (leader) return lead.empty() ? "zk3" : lead;
  for (const char* n : {"zk1", "zk2", "zk3"})
    if (n != lead) return n;
  return "zk1";
}

NodeId id(const SideRun& s, const std::string& name) { return *s.run->world().find_node(name); }

std::vector<NodeId> all_except(const SideRun& s, const std::vector<std::string>& names) {
  std::vector<NodeId> out;
  const World& w = s.run->world();
  for (NodeId i = 0; i < w.node_count(); ++i)
    if (std::find(names.begin(), names.end(), w.node(i).name) == names.end()) out.push_back(i);
  return out;
}

std::vector<NodeId> ids(const SideRun& s, const std::vector<std::string>& names) {
  std::vector<NodeId> out;
  for (const auto& n : names) out.push_back(id(s, n));
  return out;
}

void begin_fault(SideRun& s, const PlannedFault& f, size_t index) {
  const std::string p = s.zk ? "zk" : "e";
  std::string target;
  switch (f.spec.kind) {
    case FaultKind::kLeaderCrash:
      target = server_target(s, true);
      s.run->intervene(CrashNode{id(s, target)});
      break;
    case FaultKind::kLeaderPartition:
      target = server_target(s, true);
      s.run->intervene(PartitionNet{{{id(s, target)}, all_except(s, {target})}, false});
      break;
    case FaultKind::kPartitionMinority: {
      target = server_target(s, false);
      const std::vector<std::string> side = {target, "c1", "p1"};
      s.run->intervene(PartitionNet{{ids(s, side), all_except(s, side)}, false});
      target += ",c1,p1";
      break;
    }
    case FaultKind::kPartitionMajorityClients: {
      target = server_target(s, false);
      std::vector<std::string> others;
      for (int i = 1; i <= 3; ++i)
        if (p + std::to_string(i) != target) others.push_back(p + std::to_string(i));
      s.run->intervene(PartitionNet{{all_except(s, others), ids(s, others)}, false});
      target += " + clients";
      break;
    }
    case FaultKind::kRegistryPeerPartition:
      target = p + "1|" + p + "2|" + p + "3";
      s.run->intervene(PartitionNet{{{id(s, p + "1")}, {id(s, p + "2")}, {id(s, p + "3")}}, false});
      break;
    case FaultKind::kProviderCrash:
      target = "p1";
      s.run->intervene(CrashNode{id(s, "p1")});
      break;
    case FaultKind::kNewProvider:
      target = "p" + std::to_string(s.run->world().node_count() - 3 - kConsumers.size());  // the last provider
      break;
  }
  s.targets[index] = target;
}

void end_fault(SideRun& s, const PlannedFault& f, size_t index) {
  switch (f.spec.kind) {
    case FaultKind::kLeaderCrash:
      s.run->intervene(RestartNode{id(s, s.targets[index])});
      break;
    case FaultKind::kLeaderPartition:
    case FaultKind::kPartitionMinority:
    case FaultKind::kPartitionMajorityClients:
    case FaultKind::kRegistryPeerPartition:
      s.run->intervene(HealNet{});
      break;
    case FaultKind::kProviderCrash:
    case FaultKind::kNewProvider:
      break;
  }
}

// Samples what is worth a note: leader changes, self-preservation switching.
void sample(SideRun& s) {
  const World& w = s.run->world();
  const std::string at = core::format_seconds(w.now()) + "s";
  if (s.zk) {
    const std::string lead = leader_now(s);
    if (lead != s.leader) s.notes.push_back(at + ": " + (lead.empty() ? "no established leader" : lead + " leads"));
    s.leader = lead;
    return;
  }
  for (const char* n : {"e1", "e2", "e3"}) {
    const auto nid = w.find_node(n);
    const auto* e = nid && w.node(*nid).process ? dynamic_cast<const reg::EurekaServer*>(w.node(*nid).process.get()) : nullptr;
    const bool on = e != nullptr && e->self_preservation_on();
    if (on != s.self_preservation[n]) s.notes.push_back(at + ": " + n + " self-preservation " + (on ? "ON" : "off"));
    s.self_preservation[n] = on;
  }
}

SideReport measure(SideRun& s, const CompareOptions& o, const std::vector<PlannedFault>& plan, Time from, Time end) {
  SideReport r;
  r.name = s.zk ? "ZooKeeper (CP)" : "Eureka (AP)";
  const World& w = s.run->world();
  r.events = w.events_fired();
  r.notes = s.notes;
  const Duration threshold = o.probe_interval * 2;
  const auto names = provider_names(o, plan);
  std::vector<Alive> truth;
  for (const std::string& n : names) {
    Alive a{n, {}};
    Time start{}, stop = end + seconds(1);
    if (const PlannedFault* c = find(plan, FaultKind::kProviderCrash); c && n == "p1") stop = c->at;
    if (const PlannedFault* c = find(plan, FaultKind::kNewProvider); c && n == names.back()) start = c->at;
    a.intervals.push_back({start, stop});
    truth.push_back(a);
  }
  std::vector<std::vector<Outage>> wr, rd;
  for (const std::string& c : kConsumers) {
    const reg::ClientStats* st = stats_of(w, c);
    if (st == nullptr) continue;
    const Availability a = availability(*st, reg::ProbeKind::kRegister, from), b = availability(*st, reg::ProbeKind::kLookup, from);
    r.reg.ok += a.ok, r.reg.total += a.total, r.look.ok += b.ok, r.look.total += b.total;
    wr.push_back(outages(*st, reg::ProbeKind::kRegister, from, end, threshold));
    rd.push_back(outages(*st, reg::ProbeKind::kLookup, from, end, threshold));
    r.write_down = std::max(r.write_down, total(wr.back()));
    r.read_down = std::max(r.read_down, total(rd.back()));
    r.write_longest = std::max(r.write_longest, longest(wr.back()));
    r.read_longest = std::max(r.read_longest, longest(rd.back()));
    for (const Outage& x : wr.back())
      if (x.length() >= seconds(1))
        r.notes.push_back(core::format_seconds(x.from) + "s: " + c + " no successful registration for " +
                          std::to_string(x.length().ns / 1'000'000) + "ms");
    const Disagreement d = disagreement(*st, truth, from, end);
    r.disagreement.ghost += d.ghost;
    r.disagreement.missing += d.missing;
    for (const PlannedFault& f : plan) {
      if (f.spec.kind == FaultKind::kProviderCrash) {
        if (auto d = staleness_after(*st, "p1", f.at, false, end)) r.stale_dead.push_back(*d);
        else ++r.stale_dead_censored;
      } else if (f.spec.kind == FaultKind::kNewProvider) {
        if (auto d = staleness_after(*st, names.back(), f.at, true, end)) r.stale_fresh.push_back(*d);
        else ++r.stale_fresh_censored;
      }
    }
  }
  // Notes start with the time ("12.000000s: ..."): put them in time order.
  std::stable_sort(r.notes.begin(), r.notes.end(), [](const std::string& x, const std::string& y) {
    return std::stod(x.substr(0, x.find('s'))) < std::stod(y.substr(0, y.find('s')));
  });
  for (size_t i = 0; i < plan.size(); ++i) {
    const Time a = plan[i].at, b = i + 1 < plan.size() ? plan[i + 1].at : end;
    FaultResult f{plan[i].spec.name, s.targets[i], plan[i].at, plan[i].until, {}, {}};
    // An outage belongs to the fault during which it began (its last success is at most one
    // threshold before the fault).
    const auto starting = [&](const std::vector<Outage>& list) {
      Duration d{};
      for (const Outage& x : list)
        if (x.from >= a - threshold && x.from < b - threshold) d = std::max(d, x.length());
      return d;
    };
    for (const auto& list : wr) f.write_outage = std::max(f.write_outage, starting(list));
    for (const auto& list : rd) f.read_outage = std::max(f.read_outage, starting(list));
    r.faults.push_back(f);
  }
  return r;
}

SideReport run_side(bool zk, const CompareOptions& o, const std::vector<PlannedFault>& plan, Time from, Time end) {
  SideRun s;
  s.zk = zk;
  const std::string text = zk ? zookeeper_side_text(o, plan, end) : eureka_side_text(o, plan, end);
  auto sc = std::make_shared<const Scenario>(parse_scenario(text, zk ? "compare-zookeeper.zls" : "compare-eureka.zls"));
  RunOptions ro;
  ro.checkpoint_every = UINT64_MAX;  // nobody travels back in this run
  ro.checkers = o.checkers;
  s.run = std::make_unique<Run>(sc, o.seed, product_processes(), ro);
  s.targets.assign(plan.size(), "");
  // Fault starts and ends in time order, with a sample every second in between.
  std::vector<std::pair<Time, std::pair<size_t, bool>>> marks;
  for (size_t i = 0; i < plan.size(); ++i) {
    marks.push_back({plan[i].at, {i, true}});
    if (plan[i].until < end) marks.push_back({plan[i].until, {i, false}});
  }
  std::stable_sort(marks.begin(), marks.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
  size_t next = 0;
  for (Time t = Time{} + seconds(1);; t = t + seconds(1)) {
    while (next < marks.size() && marks[next].first <= t) {
      s.run->run_until(marks[next].first);
      const auto [i, start] = marks[next].second;
      if (start) begin_fault(s, plan[i], i);
      else end_fault(s, plan[i], i);
      ++next;
    }
    s.run->run_until(std::min(t, end));
    sample(s);
    if (t >= end) break;
  }
  return measure(s, o, plan, from, end);
}

}  // namespace

CompareReport compare_registries(const CompareOptions& o) {
  check_options(o);
  CompareReport r;
  r.options = o;
  r.plan = make_plan(o.faults, Time{} + seconds(60), seconds(30));
  const Time plan_end = r.plan.empty() ? Time{} + seconds(120) : r.plan.back().until + seconds(30);
  r.end = o.duration ? Time{} + *o.duration : plan_end;
  if (r.end < Time{} + seconds(50)) throw std::invalid_argument("--duration must be at least 50s (45 s of warm-up)");
  // Faults that would start after the end are dropped; one cut short ends with the run.
  std::erase_if(r.plan, [&](const PlannedFault& f) { return f.at >= r.end; });
  r.measure_from = Time{} + seconds(45);  // every provider registered and fetched at least once
  r.zk = run_side(true, o, r.plan, r.measure_from, r.end);
  r.eureka = run_side(false, o, r.plan, r.measure_from, r.end);
  return r;
}

}  // namespace zoolab::sim::compare
