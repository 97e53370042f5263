// The comparison table `zoolab compare-registries` prints (format_report in registry_compare.h).
#include <cstdio>
#include <algorithm>
#include <string>

#include "sim/compare/registry_compare.h"

namespace zoolab::sim::compare {
namespace {

std::string secs(Duration d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2fs", static_cast<double>(d.ns) / 1e9);
  return buf;
}
std::string pct(const Availability& a) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.1f%% (%llu/%llu)", a.percent(), static_cast<unsigned long long>(a.ok),
                static_cast<unsigned long long>(a.total));
  return buf;
}
std::string pad(std::string s, size_t n) {
  // Pads by display width: count UTF-8 lead bytes only.
  size_t w = 0;
  for (unsigned char c : s) w += (c & 0xC0) != 0x80;
  if (w < n) s.append(n - w, ' ');
  return s;
}
std::string stale(const std::vector<Duration>& v, uint32_t censored) {
  if (v.empty() && censored == 0) return "-";
  std::string out = v.empty() ? "-" : secs(median(v)) + " / " + secs(*std::max_element(v.begin(), v.end()));
  if (censored > 0) out += " (+" + std::to_string(censored) + " never)";
  return out;
}
std::string row(const SideReport& s) {
  return pad(s.name, 16) + pad(pct(s.reg), 22) + pad(pct(s.look), 22) + pad(secs(s.write_down) + " / " + secs(s.write_longest), 20) +
         pad(secs(s.read_down) + " / " + secs(s.read_longest), 20) + pad(stale(s.stale_dead, s.stale_dead_censored), 20) + pad(stale(s.stale_fresh, s.stale_fresh_censored), 20) + secs(s.disagreement.ghost) + " / " +
         secs(s.disagreement.missing);
}
const FaultResult* fault(const SideReport& s, const std::string& name) {
  for (const FaultResult& f : s.faults)
    if (f.name == name) return &f;
  return nullptr;
}

}  // namespace

std::string format_report(const CompareReport& r) {
  const CompareOptions& o = r.options;
  std::string plan;
  for (const PlannedFault& f : r.plan) plan += (plan.empty() ? "" : ",") + std::string(f.spec.name);
  std::string out = "compare-registries: seed " + std::to_string(o.seed) + ", faults " + (plan.empty() ? "(none)" : plan) +
                    ", simulated " + secs(r.end - Time{}) + " (measured from " + secs(r.measure_from - Time{}) + ")\n";
  out += "ZooKeeper: 3 servers, tickTime=2000 initLimit=10 syncLimit=5, session timeout " + std::to_string(o.session_timeout_ms) +
         "ms. Eureka: 3 peers, lease 90s (renewed every 30s), eviction every 60s, clients fetch every 30s.\n";
  out += std::to_string(o.providers) + " providers, consumers c1 and c2 probe a registration and a lookup every " +
         secs(o.probe_interval) + " (failed = error or no answer within " + secs(o.probe_timeout) + ").\n\n";
  out += pad("registry", 16) + pad("register ok", 22) + pad("lookup ok", 22) + pad("write down/longest", 20) +
         pad("read down/longest", 20) + pad("dead seen p50/max", 20) + pad("new unseen p50/max", 20) + "ghost / missing\n";
  out += row(r.zk) + "\n" + row(r.eureka) + "\n\n";
  out += "down = time without a successful probe (gaps > 2 probe intervals) for the worst consumer; dead seen / new unseen =\n"
         "how long after a provider died / started a consumer's cached list still showed it / still lacked it; ghost / missing = total time a\n"
         "consumer listed a dead provider / did not list a live one (summed over consumers).\n";
  if (!r.plan.empty()) {
    out += "\nper fault (longest outage a consumer saw, write / read):\n";
    for (size_t i = 0; i < r.plan.size(); ++i) {
      const FaultResult& z = r.zk.faults[i];
      const FaultResult& e = r.eureka.faults[i];
      out += "  " + pad(z.name + " @" + secs(z.at - Time{}), 34) + pad("ZooKeeper " + secs(z.write_outage) + " / " + secs(z.read_outage) + " [" + z.target + "]", 44) +
             "Eureka " + secs(e.write_outage) + " / " + secs(e.read_outage) + " [" + e.target + "]\n";
    }
  }
  out += "\nseed claim: \"ZooKeeper leader election takes 30-120 s, during which the registry is unavailable\":\n";
  if (const FaultResult* f = fault(r.zk, "leader-crash"))
    out += "  crashed leader: ZooLab measures a write outage of " + secs(f->write_outage) + " (reference 14.11, real 3.8.0: 0.44-0.88 s)\n";
  if (const FaultResult* f = fault(r.zk, "leader-partition"))
    out += "  partitioned (hung) leader: " + secs(f->write_outage) +
           " (followers wait syncLimit*tickTime = 10 s, clients of the lost leader wait their read timeout)\n";
  if (!fault(r.zk, "leader-crash") && !fault(r.zk, "leader-partition")) out += "  (not measured: the plan has no leader fault)\n";
  if (!r.zk.notes.empty() || !r.eureka.notes.empty()) {
    out += "\nnotes:\n";
    for (const auto& n : r.zk.notes) out += "  ZooKeeper " + n + "\n";
    for (const auto& n : r.eureka.notes) out += "  Eureka    " + n + "\n";
  }
  out += "\nevents: ZooKeeper " + std::to_string(r.zk.events) + ", Eureka " + std::to_string(r.eureka.events) + "\n";
  return out;
}

}  // namespace zoolab::sim::compare
