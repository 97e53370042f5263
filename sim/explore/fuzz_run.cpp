// One fuzzed run: step the world with the checkers on, watch the probe client's console for the
// confirmation of its create, stop early when the outcome is known.
#include "sim/explore/fuzz_run.h"

#include <algorithm>
#include <cctype>
#include <exception>
#include <memory>
#include <utility>

#include "sim/scenario/parser.h"

namespace zoolab::sim::explore {
namespace {

// zkCli prints "Created /live-7" for the create, "Node already exists: /live-7" for a retry
// whose earlier attempt committed after a connection loss. Both mean the write committed.
bool confirms(std::string_view text, const std::string& path) {
  for (std::string_view prefix :
       {std::string_view("Created "), std::string_view("Node already exists: ")}) {
    for (size_t at = text.find(prefix); at != std::string_view::npos;
         at = text.find(prefix, at + 1)) {
      const std::string_view rest = text.substr(at + prefix.size());
      if (rest.starts_with(path) &&
          (rest.size() == path.size() || rest[path.size()] == '\n' || rest[path.size()] == '\r'))
        return true;
    }
  }
  return false;
}

// An error message with its numbers (session ids, zxids, line numbers) blanked out: a model
// invariant that throws for another session is still the same failure.
std::string error_shape(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size();) {
    if (text[i] >= '0' && text[i] <= '9') {
      while (i < text.size() &&
             (std::isxdigit(static_cast<unsigned char>(text[i])) != 0 || text[i] == 'x'))
        ++i;
      out += '#';
    } else {
      out += text[i++];
    }
  }
  return out;
}

// Fault and workload lines above the recovery marker: what the minimiser may drop.
std::pair<size_t, size_t> count_candidates(std::string_view text) {
  std::pair<size_t, size_t> n{0, 0};
  size_t start = 0;
  while (start < text.size()) {
    const size_t nl = std::min(text.find('\n', start), text.size());
    const std::string_view line = text.substr(start, nl - start);
    start = nl + 1;
    if (line.starts_with(kRecoveryMarker)) break;
    const LineKind k = classify_line(line);
    n.first += k == LineKind::kFault ? 1 : 0;
    n.second += k == LineKind::kWorkload ? 1 : 0;
  }
  return n;
}

}  // namespace

std::string SeedOutcome::failure_name() const {
  if (!error.empty()) return "error";
  if (violation) return violation->checker;
  if (liveness == Liveness::kFailed) return "liveness";
  return "";
}

SeedOutcome run_fuzz_scenario(std::string_view text, uint64_t seed, const LivenessProbe& probe,
                              const ProcessRegistry& registry) {
  SeedOutcome out;
  out.seed = seed;
  std::unique_ptr<Run> run_ptr;
  try {
    auto sc = std::make_shared<const Scenario>(
        parse_scenario(text, "seed-" + std::to_string(seed) + ".zls"));
    RunOptions options;
    options.checkpoint_every = UINT64_MAX;  // no time travel here: checkpoints would only cost
    run_ptr = std::make_unique<Run>(sc, seed, registry, options);
    Run& run = *run_ptr;
    const std::optional<NodeId> probe_node =
        probe.client.empty() ? std::nullopt : sc->find(probe.client);
    const World& w = run.world();
    size_t console_read = 0;
    bool confirmed = false;
    size_t violations_seen = 0;
    while (run.step()) {
      if (run.violations().size() != violations_seen) {
        violations_seen = run.violations().size();
        // Generated scenarios expect no violation, so the first one is unexpected.
        const std::vector<check::Violation> unexpected = run.unexpected_violations();
        if (!unexpected.empty()) {
          out.violation = unexpected.front();
          break;
        }
      }
      for (const std::vector<ConsoleChunk>& console = w.console(); console_read < console.size();
           ++console_read) {
        const ConsoleChunk& chunk = console[console_read];
        if (probe_node && chunk.node == *probe_node && chunk.time >= probe.from &&
            chunk.time <= probe.deadline && confirms(chunk.text, probe.path)) {
          confirmed = true;
          out.commit_latency = chunk.time - probe.from;
        }
      }
      if (confirmed) break;
    }
    if (!out.violation && probe_node) out.liveness = confirmed ? Liveness::kOk : Liveness::kFailed;
  } catch (const std::exception& e) {  // a broken scenario, or a model invariant that threw
    out.error = e.what();
  }
  if (run_ptr) {
    out.events = run_ptr->world().events_fired();
    out.end = run_ptr->world().now();
  }
  return out;
}

SeedOutcome run_seed(const GeneratedScenario& g, const ProcessRegistry& registry) {
  return run_fuzz_scenario(g.text, g.seed, g.probe, registry);
}

bool same_failure(const SeedOutcome& original, const SeedOutcome& candidate) {
  if (!original.error.empty() || !candidate.error.empty())
    return !original.error.empty() && error_shape(original.error) == error_shape(candidate.error);
  if (original.violation)
    return candidate.violation && candidate.violation->checker == original.violation->checker;
  return original.liveness == Liveness::kFailed && candidate.liveness == Liveness::kFailed;
}

MinimiseResult minimise_failure(const GeneratedScenario& g, const SeedOutcome& original,
                                MinimiseOptions options, const ProcessRegistry& registry) {
  const auto still_fails = [&](const std::string& text) {
    return same_failure(original, run_fuzz_scenario(text, g.seed, g.probe, registry));
  };
  std::string start = g.text;
  size_t runs = 0;
  if (original.violation && options.max_runs > 0) {
    std::string cut = drop_lines_after(g.text, original.violation->time);
    ++runs;
    if (cut != g.text && still_fails(cut)) start = std::move(cut);
  }
  const auto [faults_before, workload_before] = count_candidates(g.text);
  const auto [faults_after, workload_after] = count_candidates(start);
  options.max_runs -= std::min(options.max_runs, runs);
  MinimiseResult r = minimise(start, still_fails, options);
  r.runs += runs;
  r.dropped_faults += faults_before - faults_after;
  r.dropped_workload += workload_before - workload_after;
  return r;
}

}  // namespace zoolab::sim::explore
