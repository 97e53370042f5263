// The raw trace as JSON Lines: one object per record, with the sender and send time of arrivals.
#pragma once

#include <string>

#include "sim/export/export_input.h"

namespace zoolab::sim {

// {"index":..,"event":..,"time_ns":..,"node":"zk1"|null,"kind":"deliver","text":"..."[,"from":"zk2","sent_ns":..]}
std::string jsonl_record(const TraceRecord& r, const ExportInput& in);
// Every record in the window, one line each.
std::string export_jsonl(const ExportInput& in);

}  // namespace zoolab::sim
