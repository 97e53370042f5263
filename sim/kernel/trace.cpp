// Canonical record hashing and names.
#include "sim/kernel/trace.h"

#include <xxhash.h>

#include <cstdio>

namespace zoolab::sim {

std::string_view record_kind_name(RecordKind k) {
  switch (k) {
    case RecordKind::kStart: return "start";
    case RecordKind::kCrash: return "crash";
    case RecordKind::kPowerOff: return "poweroff";
    case RecordKind::kPause: return "pause";
    case RecordKind::kResume: return "resume";
    case RecordKind::kAccept: return "accept";
    case RecordKind::kDeliver: return "deliver";
    case RecordKind::kClosed: return "closed";
    case RecordKind::kDrop: return "drop";
    case RecordKind::kTimer: return "timer";
    case RecordKind::kDiskDone: return "disk";
    case RecordKind::kNote: return "note";
    case RecordKind::kFault: return "fault";
    case RecordKind::kCaption: return "say";
    case RecordKind::kExpect: return "expect";
    case RecordKind::kIntervention: return "intervention";
    case RecordKind::kViolation: return "violation";
    case RecordKind::kOutput: return "output";
  }
  return "?";
}

uint64_t fold_record(uint64_t hash, const TraceRecord& r) {
  // Little-endian fixed layout, independent of struct padding and host byte order.
  unsigned char head[8 + 8 + 4 + 1];
  auto put = [&](size_t at, uint64_t v, int bytes) {
    for (int i = 0; i < bytes; ++i) head[at + i] = static_cast<unsigned char>(v >> (8 * i));
  };
  put(0, static_cast<uint64_t>(r.time.ns), 8);
  put(8, r.event, 8);
  put(16, r.node, 4);
  put(20, static_cast<uint64_t>(r.kind), 1);
  const uint64_t h = XXH64(head, sizeof head, hash);
  return XXH64(r.text.data(), r.text.size(), h);
}

std::string format_hash(uint64_t h) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "0x%016llx", static_cast<unsigned long long>(h));
  return buf;
}

}  // namespace zoolab::sim
