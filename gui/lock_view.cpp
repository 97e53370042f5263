// Shared logic of the lock and registry panels (see lock_view.h).
//
// Sections: 1. finding the programs  2. holder spans from the trace  3. lock node order
//           4. numbers
#include "gui/lock_view.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <functional>

#include <fmt/format.h>

#include "core/locks/lock_variant.h"
#include "core/locks/lock_worker.h"
#include "core/locks/protected_resource.h"
#include "core/recipes/zk_lock_process.h"
#include "core/redis/memcached_server.h"
#include "core/redis/redis_server.h"
#include "core/registry/eureka_client.h"
#include "core/registry/eureka_server.h"
#include "core/registry/zk_registry_client.h"
#include "gui/labels.h"
#include "gui/zk_view.h"
#include "sim/scenario/run.h"

namespace zoolab::gui {

using core::locks::LockWorker;

// ---- 1. finding the programs ----------------------------------------------------------------

const core::zk::ZooKeeperServer* tree_server(const sim::World& world, std::string& source) {
  const core::zk::ZooKeeperServer* first = nullptr;
  for (NodeId id : zk_server_nodes(world)) {
    const core::zk::ZooKeeperServer* zk = zk_server(world, id);
    if (zk == nullptr || !world.node(id).running()) continue;
    if (zk->quorum_state().state == core::zab::PeerState::kLeading) {
      source = node_label(world, id) + " (leader)";
      return zk;
    }
    if (first == nullptr) {
      first = zk;
      source = node_label(world, id);
    }
  }
  return first;
}

LockWorldSummary summarize_locks(const sim::World& world) {
  LockWorldSummary s;
  for (NodeId id = 0; id < world.node_count(); ++id) {
    if (const auto* w = program_as<LockWorker>(world, id)) {
      ++s.lock_workers;
      if (core::locks::is_zookeeper(w->variant())) ++s.zk_lock_workers;
    }
    if (program_as<core::recipes::ZkLockProcess>(world, id)) ++s.zk_lock_programs;
    if (program_as<core::locks::ProtectedResource>(world, id)) ++s.resources;
    if (program_as<core::redis::RedisServer>(world, id)) ++s.redis_servers;
    if (program_as<core::redis::MemcachedServer>(world, id)) ++s.memcached_servers;
    if (program_as<core::registry::EurekaServer>(world, id) ||
        program_as<core::registry::EurekaClient>(world, id) ||
        program_as<core::registry::ZkRegistryClient>(world, id))
      ++s.registry_processes;
  }
  return s;
}

// ---- 2. holder spans from the trace ---------------------------------------------------------

std::vector<LaneSpec> lane_specs(const sim::World& world) {
  std::vector<LaneSpec> out;
  for (NodeId id : nodes_with<LockWorker>(world)) {
    const LockWorker* w = program_as<LockWorker>(world, id);
    out.push_back({id, world.node(id).name, std::string(core::locks::variant_name(w->variant())),
                   w->lock_id(), w->config().resource != core::kNoNode});
  }
  return out;
}

std::optional<int64_t> token_in(std::string_view note) {
  const size_t at = note.find("(token ");
  if (at == std::string_view::npos) return std::nullopt;
  const std::string_view rest = note.substr(at + 7);
  int64_t v = 0;
  const auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), v);
  if (ec != std::errc() || end == rest.data()) return std::nullopt;
  return v;
}

namespace {

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

uint64_t fingerprint(const sim::TraceRecord& r) {
  return std::hash<std::string>{}(r.text) ^
         (static_cast<uint64_t>(r.time.ns) * 0x9e3779b97f4a7c15ULL) ^ (r.index << 1);
}

}  // namespace

void HolderTimeline::reset(std::vector<LaneSpec> specs) {
  lanes_.clear();
  lane_of_.clear();
  episodes_.clear();
  overlapping_.clear();
  for (LaneSpec& s : specs) {
    HolderLane lane;
    lane.node = s.node;
    lane.name = std::move(s.name);
    lane.variant = std::move(s.variant);
    lane.lock = std::move(s.lock);
    lane.has_resource = s.has_resource;
    if (lane.node != core::kNoNode) {
      if (lane_of_.size() <= lane.node) lane_of_.resize(lane.node + 1, -1);
      lane_of_[lane.node] = static_cast<int>(lanes_.size());
    }
    episodes_.emplace(lane.lock, 0);
    lanes_.push_back(std::move(lane));
  }
  records_fed_ = 0;
  events_seen_ = 0;
  last_fingerprint_ = 0;
}

void HolderTimeline::open_span(HolderLane& lane, Time at, std::optional<int64_t> token) {
  if (lane.open()) close_span(lane, at);
  lane.spans.push_back({at, std::nullopt, token, false, false, false, {}});
  recolour(lane.lock, at);
}

void HolderTimeline::close_span(HolderLane& lane, Time at) {
  if (!lane.open()) return;
  HolderSpan& s = lane.spans.back();
  s.end = at;
  if (!s.overlaps.empty() && !s.overlaps.back().end) s.overlaps.back().end = at;
  recolour(lane.lock, at);
}

// After a holder came or went: every open span of the lock is red exactly while two or more
// lanes hold it. An episode starts when the count reaches two.
void HolderTimeline::recolour(const std::string& lock, Time at) {
  size_t holders = 0;
  for (const HolderLane& l : lanes_)
    if (l.lock == lock && l.open()) ++holders;
  const bool overlap = holders >= 2;
  bool& was = overlapping_[lock];
  if (overlap && !was) ++episodes_[lock];
  was = overlap;
  for (HolderLane& l : lanes_) {
    if (l.lock != lock || !l.open()) continue;
    auto& segs = l.spans.back().overlaps;
    const bool red = !segs.empty() && !segs.back().end;
    if (overlap && !red) segs.push_back({at, std::nullopt});
    if (!overlap && red) segs.back().end = at;
  }
}

void HolderTimeline::feed(const sim::TraceRecord& r) {
  if (r.node >= lane_of_.size() || lane_of_[r.node] < 0) return;
  HolderLane& lane = lanes_[static_cast<size_t>(lane_of_[r.node])];
  using P = HolderLane::Phase;
  const std::string_view text = r.text;
  switch (r.kind) {
    case sim::RecordKind::kNote:
      if (starts_with(text, "lock: acquired")) {
        open_span(lane, r.time, token_in(text));
        lane.phase = P::kReading;
        lane.lost_in_section = false;
        if (!lane.has_resource) lane.phase = P::kWorking;
      } else if (starts_with(text, "lock: working on")) {
        if (lane.phase == P::kReading) lane.phase = P::kWorking;
      } else if (starts_with(text, "lock: lost")) {
        if (lane.open()) lane.spans.back().lost = true;
        if (lane.phase == P::kWorking) {  // a well-behaved holder stops at once
          close_span(lane, r.time);
          lane.phase = P::kOut;
        } else if (lane.phase == P::kReading) {
          lane.lost_in_section = true;  // it gives up when the read's reply comes
        }
      } else if (starts_with(text, "lock: the resource rejected")) {
        if (!lane.spans.empty()) lane.spans.back().rejected = true;
      } else if (starts_with(text, "lock: released") || starts_with(text, "lock: release failed")) {
        close_span(lane, r.time);  // normally closed already, at the write's reply
        lane.phase = P::kOut;
      }
      break;
    case sim::RecordKind::kDeliver:
      if (text.find(": resource-reply #") == std::string_view::npos) break;
      if (lane.phase == P::kWriting || (lane.phase == P::kReading && lane.lost_in_section)) {
        close_span(lane, r.time);
        lane.phase = P::kOut;
      }
      break;
    case sim::RecordKind::kTimer:
      // The critical section is over: the write goes out (or, without a resource, the release).
      if (lane.phase == P::kWorking && starts_with(text, "critical-section")) {
        if (lane.has_resource) {
          lane.phase = P::kWriting;
        } else {
          close_span(lane, r.time);
          lane.phase = P::kOut;
        }
      }
      break;
    case sim::RecordKind::kClosed:
      // The resource's connection broke mid-cycle: the worker releases.
      if (lane.phase == P::kReading || lane.phase == P::kWriting) {
        close_span(lane, r.time);
        lane.phase = P::kOut;
      }
      break;
    case sim::RecordKind::kCrash:
    case sim::RecordKind::kPowerOff:
      if (lane.open()) lane.spans.back().crashed = true;
      close_span(lane, r.time);
      lane.phase = P::kOut;
      break;
    default:
      break;
  }
}

bool HolderTimeline::sync(const sim::Run& run) {
  const sim::World& world = run.world();
  const auto& records = run.trace().records;
  bool restart = !synced_once_ || world.events_fired() < events_seen_ ||
                 records.size() < records_fed_ || world.node_count() != node_count_;
  if (!restart && records_fed_ > 0 && fingerprint(records[records_fed_ - 1]) != last_fingerprint_)
    restart = true;
  if (restart) {
    reset(lane_specs(world));
    node_count_ = world.node_count();
    synced_once_ = true;
    ++rebuilds_;
  }
  for (size_t i = records_fed_; i < records.size(); ++i)
    feed(records[i]);
  records_fed_ = records.size();
  events_seen_ = world.events_fired();
  last_fingerprint_ = records.empty() ? 0 : fingerprint(records.back());
  return restart;
}

uint64_t HolderTimeline::total_overlap_episodes() const {
  uint64_t n = 0;
  for (const auto& [lock, count] : episodes_)
    n += count;
  return n;
}

size_t first_span_ending_after(const std::vector<HolderSpan>& spans, Time t) {
  const auto it = std::partition_point(spans.begin(), spans.end(),
                                       [&](const HolderSpan& s) { return s.end && *s.end < t; });
  return static_cast<size_t>(it - spans.begin());
}

size_t first_span_starting_at(const std::vector<HolderSpan>& spans, Time t) {
  const auto it = std::partition_point(spans.begin(), spans.end(),
                                       [&](const HolderSpan& s) { return s.start < t; });
  return static_cast<size_t>(it - spans.begin());
}

// ---- 3. lock node order ---------------------------------------------------------------------

std::optional<int64_t> sequence_of(std::string_view name) {
  constexpr size_t kDigits = 10;
  if (name.size() < kDigits) return std::nullopt;
  const std::string_view tail = name.substr(name.size() - kDigits);
  int64_t v = 0;
  const auto [end, ec] = std::from_chars(tail.data(), tail.data() + tail.size(), v);
  if (ec != std::errc() || end != tail.data() + tail.size() || tail[0] == '-') return std::nullopt;
  return v;
}

std::string short_node_name(std::string_view name) {
  constexpr size_t kUuid = 36, kHex = 32, kKeep = 4;
  if (name.substr(0, 3) == "_c_" && name.size() > 3 + kUuid && name[3 + kUuid] == '-')
    return std::string(name.substr(0, 3 + kKeep)) + "..." + std::string(name.substr(3 + kUuid));
  if (name.size() > kHex + 2 && name.substr(kHex, 2) == "__" &&
      std::all_of(name.begin(), name.begin() + kHex,
                  [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); }))
    return std::string(name.substr(0, kKeep)) + "..." + std::string(name.substr(kHex));
  return std::string(name);
}

void sort_by_sequence(std::vector<std::string>& names) {
  std::stable_sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) {
    const auto sa = sequence_of(a), sb = sequence_of(b);
    if (sa && sb) return *sa != *sb ? *sa < *sb : a < b;
    if (sa != sb) return sa.has_value();  // numbered first
    return a < b;
  });
}

// ---- 4. numbers -----------------------------------------------------------------------------

std::optional<int64_t> percentile(std::vector<int64_t> values, double p) {
  if (values.empty()) return std::nullopt;
  p = std::clamp(p, 0.0, 100.0);
  // Nearest rank: the smallest value with at least p % of the values at or below it.
  size_t rank = static_cast<size_t>(std::ceil(p / 100.0 * static_cast<double>(values.size())));
  rank = std::clamp<size_t>(rank, 1, values.size());
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(rank - 1),
                   values.end());
  return values[rank - 1];
}

std::string duration_label_us(int64_t us) {
  if (us < 0) return "-" + duration_label_us(-us);
  if (us < 1000) return fmt::format("{} us", us);
  if (us < 1'000'000) return fmt::format("{:.3f} ms", static_cast<double>(us) / 1e3);
  return fmt::format("{:.2f} s", static_cast<double>(us) / 1e6);
}

}  // namespace zoolab::gui
