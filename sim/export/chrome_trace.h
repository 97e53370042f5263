// A run as a Chrome / Perfetto trace (Trace Event Format JSON, open it in ui.perfetto.dev or
// chrome://tracing): one process per machine, peer roles as spans, every delivered message as a
// slice with a flow arrow from its sender, lifecycle events, faults and captions as instants.
#pragma once

#include <string>

#include "sim/export/export_input.h"

namespace zoolab::sim {

std::string export_chrome_trace(const ExportInput& in);

}  // namespace zoolab::sim
