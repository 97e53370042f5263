// Trace records and the 64-bit trace hash that identifies a run.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/ids.h"
#include "core/base/time.h"

namespace zoolab::sim {

using core::NodeId;
using core::Time;

enum class RecordKind : uint8_t {
  kStart, kCrash, kPowerOff, kPause, kResume,      // process lifecycle
  kAccept, kDeliver, kClosed, kDrop,               // network
  kTimer, kDiskDone,                               // local events
  kNote,                                           // a process's own annotation
  kFault,                                          // partition, heal, latency, clock, slow disk
  kCaption,                                        // `say` narration
  kExpect,                                         // an expectation's result
  kIntervention,                                   // a user's action during the run
  kViolation,                                      // a checker found a broken property
  kOutput,                                         // console output of a program (stdout/stderr)
};
std::string_view record_kind_name(RecordKind k);

struct TraceRecord {
  uint64_t index = 0;  // position in the trace
  uint64_t event = 0;  // number of events fired when it was written
  Time time;
  NodeId node = core::kNoNode;
  RecordKind kind = RecordKind::kNote;
  std::string text;
  // Not hashed (the text already names the sender): for deliver/accept/closed records the
  // sending end and when the packet left it, so exports can draw the message as an arrow.
  NodeId peer = core::kNoNode;
  Time sent;
};

// Appended to by a world; truncated by a run when it travels back in time.
struct TraceLog {
  std::vector<TraceRecord> records;
};

// Folds one canonical record into a running hash (xxHash64 over fixed-layout bytes).
uint64_t fold_record(uint64_t hash, const TraceRecord& r);
constexpr uint64_t kEmptyTraceHash = 0x5a4f4f4c41422d31ULL;  // "ZOOLAB-1"

// "0x0123456789abcdef"
std::string format_hash(uint64_t h);

}  // namespace zoolab::sim
