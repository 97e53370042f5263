// Registry measurements (see header).
#include "sim/compare/registry_metrics.h"

#include <algorithm>

namespace zoolab::sim::compare {

using core::registry::CacheChange;
using core::registry::ClientStats;
using core::registry::ProbeKind;
using core::registry::ProbeOutcome;

Availability availability(const ClientStats& s, ProbeKind kind, Time from) {
  Availability a;
  for (const auto& p : s.probes) {
    if (p.kind != kind || p.sent < from) continue;
    ++a.total;
    if (p.outcome == ProbeOutcome::kOk) ++a.ok;
  }
  return a;
}

std::vector<Outage> outages(const ClientStats& s, ProbeKind kind, Time from, Time end, Duration threshold) {
  std::vector<Time> oks;
  for (const auto& p : s.probes)
    if (p.kind == kind && p.outcome == ProbeOutcome::kOk && p.decided >= from && p.decided <= end) oks.push_back(p.decided);
  std::sort(oks.begin(), oks.end());
  std::vector<Outage> out;
  Time last = from;
  for (Time t : oks) {
    if (t - last > threshold) out.push_back({last, t});
    last = t;
  }
  if (end - last > threshold) out.push_back({last, end});
  return out;
}

Duration total(const std::vector<Outage>& o) {
  Duration d{};
  for (const Outage& x : o) d += x.length();
  return d;
}

Duration longest(const std::vector<Outage>& o) {
  Duration d{};
  for (const Outage& x : o) d = std::max(d, x.length());
  return d;
}

std::vector<Outage> overlapping(const std::vector<Outage>& o, Time a, Time b) {
  std::vector<Outage> out;
  for (const Outage& x : o)
    if (x.to > a && x.from < b) out.push_back(x);
  return out;
}

bool Alive::at(Time t) const {
  for (const auto& [a, b] : intervals)
    if (t >= a && t < b) return true;
  return false;
}

namespace {
bool listed(const CacheChange& c, const std::string& instance) {
  return std::binary_search(c.instances.begin(), c.instances.end(), instance);
}
// The cache as it was at time t (nullptr before the first fill).
const CacheChange* cache_at(const ClientStats& s, Time t) {
  const CacheChange* cur = nullptr;
  for (const CacheChange& c : s.cache_history) {
    if (c.at > t) break;
    cur = &c;
  }
  return cur;
}
}  // namespace

std::optional<Duration> staleness_after(const ClientStats& s, const std::string& instance, Time change,
                                        bool should_be_listed, Time end) {
  const CacheChange* now = cache_at(s, change);
  if (now != nullptr && listed(*now, instance) == should_be_listed) return Duration{};
  for (const CacheChange& c : s.cache_history) {
    if (c.at <= change || c.at > end) continue;
    if (listed(c, instance) == should_be_listed) return c.at - change;
  }
  return std::nullopt;
}

Disagreement disagreement(const ClientStats& s, const std::vector<Alive>& truth, Time from, Time end) {
  // Walk the union of change points of the cache and of the truth.
  std::vector<Time> points{from, end};
  for (const CacheChange& c : s.cache_history)
    if (c.at > from && c.at < end) points.push_back(c.at);
  for (const Alive& a : truth)
    for (const auto& [x, y] : a.intervals)
      for (Time t : {x, y})
        if (t > from && t < end) points.push_back(t);
  std::sort(points.begin(), points.end());
  points.erase(std::unique(points.begin(), points.end()), points.end());
  Disagreement d;
  for (size_t i = 0; i + 1 < points.size(); ++i) {
    const Time t = points[i];
    const Duration span = points[i + 1] - t;
    const CacheChange* c = cache_at(s, t);
    for (const Alive& a : truth) {
      const bool alive = a.at(t);
      const bool shown = c != nullptr && listed(*c, a.instance);
      if (shown && !alive) d.ghost += span;
      if (!shown && alive) d.missing += span;
    }
  }
  return d;
}

Duration median(std::vector<Duration> v) {
  if (v.empty()) return Duration{};
  std::sort(v.begin(), v.end());
  return v[(v.size() - 1) / 2];
}

}  // namespace zoolab::sim::compare
