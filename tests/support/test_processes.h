// Test-only processes (never shipped in the product) that exercise the simulator kernel:
// heartbeat peers that connect, ping, log to disk and fsync, so that runs have traffic.
#pragma once

#include <memory>
#include <string>

#include "core/base/process.h"
#include "sim/scenario/run.h"

namespace zoolab::testing {

// "heartbeat": on start connects to every other node of its kind and sends ping(n) every
// `interval` (default 500ms, arg interval_ms=N); answers ping with pong; appends each pong to
// the file "log" and fsyncs every 4th; reconnects 1s after a closed connection; notes what it
// does. Counters: pings_sent, pongs_received, durable_lines (what survived on disk at start).
std::unique_ptr<core::Process> make_heartbeat(std::vector<core::NodeId> peers, core::Duration interval);

// product_processes() with "zookeeper" (server lines) and "heartbeat" (process lines)
// both mapped to the heartbeat process.
const sim::ProcessRegistry& test_processes();

}  // namespace zoolab::testing
