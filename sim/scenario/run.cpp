// Driving a World through a scenario, with interventions and time travel by replay.
#include "sim/scenario/run.h"

#include "core/base/overloaded.h"
#include "sim/check/lock_checkers.h"

#include <algorithm>
#include <stdexcept>

#include "sim/scenario/expect.h"

namespace zoolab::sim {
namespace {
using core::Overloaded;

// How long a window waited, to the microsecond: "3ms", "202.773ms", "1.219211s".
std::string format_elapsed(core::Duration d) {
  const int64_t us = d.ns / 1000;
  const bool seconds = us >= 1'000'000;
  const int64_t unit = seconds ? 1'000'000 : 1'000;
  std::string frac = std::to_string(us % unit);
  frac = std::string((seconds ? 6 : 3) - frac.size(), '0') + frac;
  while (!frac.empty() && frac.back() == '0') frac.pop_back();
  return std::to_string(us / unit) + (frac.empty() ? "" : "." + frac) + (seconds ? "s" : "ms");
}
}  // namespace

Run::Run(std::shared_ptr<const Scenario> scenario, uint64_t seed, const ProcessRegistry& registry,
         RunOptions options)
    : scenario_(std::move(scenario)),
      seed_(seed),
      registry_(registry),
      options_(options),
      until_(options.until.value_or(scenario_->until)),
      world_(seed) {
  if (options_.checkpoint_every == 0) options_.checkpoint_every = 1;
  if (options_.checkers) checkers_ = check::standard_checkers();
  build_world();
  checkers_.observe(world_, trace_);
  checkpoints_.push_back({0, Snapshot{world_, 0, std::nullopt, checkers_, {}, {}, {}, 0}});
}

void Run::build_world() {
  world_ = World(seed_);
  world_.set_trace(&trace_);
  const Scenario& sc = *scenario_;
  for (const NodeDecl& decl : sc.nodes) {
    auto it = registry_.find(decl.kind);
    if (it == registry_.end()) {
      std::string known;
      for (const auto& [k, f] : registry_) known += (known.empty() ? "" : ", ") + k;
      throw std::runtime_error(decl.loc.str() + ": error: no program of kind '" + decl.kind +
                               "'; expected one of: " + known);
    }
    world_.add_node(decl.name, it->second(sc, decl));
  }
  for (NodeId id = 0; id < sc.nodes.size(); ++id) {
    auto f = sc.fsync_latency.find(sc.nodes[id].name);
    if (f == sc.fsync_latency.end()) f = sc.fsync_latency.find("*");
    if (f != sc.fsync_latency.end()) world_.set_fsync_latency(id, f->second);
  }
  for (const SetLatency& l : sc.latencies) world_.apply(l);
  for (uint32_t i = 0; i < sc.steps.size(); ++i) world_.schedule_script(sc.steps[i].at, i);
  for (NodeId id = 0; id < sc.nodes.size(); ++id)
    if (sc.nodes[id].auto_start) world_.apply(StartNode{id});
}

bool Run::finished() {
  if (chosen_event(world_.events_fired())) return false;
  const auto next = world_.next_time();
  return !next || *next > until_;
}

bool Run::step() {
  if (finished()) return false;
  step_core();
  return true;
}

void Run::run_until(core::Time t) {
  const core::Time end = std::min(t, until_);
  for (;;) {
    if (chosen_event(world_.events_fired())) {
      step_core();
      continue;
    }
    const auto next = world_.next_time();
    if (!next || *next > end) break;
    step_core();
  }
  world_.advance_to(end);
  // The parser makes every window close before the scenario's end; a shorter --until cannot
  // wait for them.
  if (end == until_) {
    while (!windows_.empty()) close_window(windows_.front().step, "the run ended before the window closed");
  }
}

// Fires event number events_fired()+1, checkpoints the state before the interventions of
// the new index, then applies them.
void Run::step_core() {
  const uint64_t index = world_.events_fired();
  StepResult r;
  if (auto seq = chosen_event(index)) {
    auto fired = world_.fire(*seq);
    if (!fired) {
      world_.record(RecordKind::kNote, core::kNoNode, "chosen event is no longer deliverable");
      r = world_.step();
    } else {
      r = *fired;
    }
  } else {
    r = world_.step();
  }
  checkers_.observe(world_, trace_);
  if (r.kind == StepResult::Kind::kScript) apply_step(r.script_step);
  if (!armed_.empty()) poll_triggers();
  if (!windows_.empty()) poll_windows();
  const uint64_t now_index = world_.events_fired();
  if (now_index % options_.checkpoint_every == 0 &&
      (checkpoints_.empty() || checkpoints_.back().first < now_index))
    checkpoints_.push_back({now_index, Snapshot{world_, expects_.size(), caption_, checkers_, windows_, opened_, armed_, trigger_read_}});
  apply_interventions_at(now_index);
}

std::optional<uint64_t> Run::chosen_event(uint64_t index) const {
  for (const Intervention& iv : interventions_)
    if (iv.at_event == index)
      if (const auto* d = std::get_if<DeliverEvent>(&iv.action)) return d->seq;
  return std::nullopt;
}

void Run::apply_interventions_at(uint64_t index) {
  for (const Intervention& iv : interventions_) {
    if (iv.at_event != index || std::holds_alternative<DeliverEvent>(iv.action)) continue;
    world_.advance_to(iv.at_time);
    world_.record(RecordKind::kIntervention, core::kNoNode, "user: " + world_.describe(iv.action));
    world_.apply(iv.action);
  }
}

// Armed `when NAME notes "TEXT" ACTION` steps look at the notes written since they were armed.
void Run::poll_triggers() {
  const size_t end = trace_.records.size();
  for (size_t i = trigger_read_; i < end && !armed_.empty(); ++i) {
    const TraceRecord& rec = trace_.records[i];
    if (rec.kind != RecordKind::kNote) continue;
    for (auto it = armed_.begin(); it != armed_.end(); ++it) {
      const auto& t = std::get<TriggerStep>(scenario_->steps.at(*it).body);
      if (rec.node != t.node || rec.text.find(t.text) == std::string::npos) continue;
      const Action action = t.action;
      world_.record(RecordKind::kNote, core::kNoNode, "trigger: " + scenario_->steps.at(*it).text);
      armed_.erase(it);
      world_.apply(action);
      break;
    }
  }
  trigger_read_ = trace_.records.size();
}

void Run::apply_step(uint32_t index) {
  const Step& step = scenario_->steps.at(index);
  std::visit(Overloaded{
                 [&](const Action& a) { world_.apply(a); },
                 [&](const SayStep& s) {
                   std::string text = s.en;
                   if (!s.zh.empty()) text += (text.empty() ? "" : " / ") + s.zh;
                   world_.record(RecordKind::kCaption, core::kNoNode, std::move(text));
                   caption_ = index;
                 },
                 [&](const ExpectStep& e) { expect_step(index, e); },
                 [&](const RunUntilStep&) {
                   world_.record(RecordKind::kNote, core::kNoNode, "end of the scenario timeline");
                 },
                 [&](const TriggerStep&) {
                   if (armed_.empty()) trigger_read_ = trace_.records.size();
                   armed_.push_back(index);
                 },
             },
             step.body);
}

ExpectOutcome Run::evaluate(const ExpectStep& e) const {
  if (e.check == "violation") return expect_violation(e.args);
  if (e.check == "violations") return expect_lock_violations(e.args);
  const auto& checks = expect_checks();
  if (auto it = checks.find(e.check); it != checks.end()) return it->second.evaluate(world_, *scenario_, e.args);
  return {false, "unknown check '" + e.check + "'"};
}

void Run::record_result(uint32_t index, const ExpectOutcome& out) {
  world_.record(RecordKind::kExpect, core::kNoNode,
                std::string(out.passed ? "PASS " : "FAIL ") + scenario_->steps.at(index).text +
                    (out.detail.empty() ? "" : " (" + out.detail + ")"));
  expects_.push_back({index, out.passed, out.detail});
}

// Without `within`: one evaluation. With it, the first firing opens the window (and schedules
// the same step again at the deadline); the second firing closes it.
void Run::expect_step(uint32_t index, const ExpectStep& e) {
  if (!e.within) return record_result(index, evaluate(e));
  if (!opened_.insert(index).second) return close_window(index, "");
  const ExpectOutcome out = evaluate(e);
  if (out.passed) return record_result(index, out);
  const core::Time deadline = world_.now() + *e.within;
  windows_.push_back(Window{index, world_.now(), deadline});
  world_.schedule_script(deadline, index);
  world_.record(RecordKind::kNote, core::kNoNode,
                "waiting up to " + core::format_duration(*e.within) + ": " + scenario_->steps.at(index).text +
                    (out.detail.empty() ? "" : " (now: " + out.detail + ")"));
}

void Run::poll_windows() {
  for (size_t i = 0; i < windows_.size();) {
    const Window w = windows_[i];
    const auto& e = std::get<ExpectStep>(scenario_->steps.at(w.step).body);
    ExpectOutcome out = evaluate(e);
    if (!out.passed) {
      ++i;
      continue;
    }
    windows_.erase(windows_.begin() + static_cast<std::ptrdiff_t>(i));
    out.detail += (out.detail.empty() ? "" : "; ") + std::string("after ") +
                  format_elapsed(core::Duration{world_.now().ns - w.opened.ns});
    record_result(w.step, out);
  }
}

// The deadline (or the end of the run): one last look, then the verdict with what was seen.
void Run::close_window(uint32_t step, const std::string& why) {
  const auto it = std::find_if(windows_.begin(), windows_.end(), [&](const Window& w) { return w.step == step; });
  if (it == windows_.end()) return;  // it held earlier
  const Window w = *it;
  windows_.erase(it);
  const auto& e = std::get<ExpectStep>(scenario_->steps.at(step).body);
  ExpectOutcome out = evaluate(e);
  const std::string window = core::format_duration(*e.within);
  if (out.passed)
    out.detail += (out.detail.empty() ? "" : "; ") + std::string("after ") +
                  format_elapsed(core::Duration{world_.now().ns - w.opened.ns});
  else
    out.detail += (out.detail.empty() ? "" : "; ") + (why.empty() ? "not within " + window : why);
  record_result(step, out);
}

ExpectOutcome Run::expect_violation(const std::vector<std::string>& args) const {
  const std::string name = args.empty() ? std::string() : args[0];
  for (const check::Violation& v : checkers_.violations())
    if (v.checker == name) return {true, v.text};
  return {false, "no " + name + " violation so far"};
}

// `expect violations VARIANT == N`: the mutual-exclusion episodes among that variant's workers.
ExpectOutcome Run::expect_lock_violations(const std::vector<std::string>& args) const {
  if (args.size() != 3) return {false, "expected VARIANT OP N"};
  const std::string tag = check::variant_tag(args[0]);
  int64_t n = 0;
  std::string first;
  for (const check::Violation& v : checkers_.violations())
    if (v.checker == check::kMutualExclusion && v.text.starts_with(tag)) {
      if (n++ == 0) first = v.text.substr(tag.size());
    }
  int64_t want = 0;
  try { want = std::stoll(args[2]); } catch (...) { return {false, "bad count"}; }
  const std::string& op = args[1];
  const bool ok = op == "==" ? n == want : op == "!=" ? n != want : op == ">=" ? n >= want : n <= want;
  return {ok, args[0] + " mutual-exclusion violations = " + std::to_string(n) + (first.empty() ? "" : " (first: " + first + ")")};
}

std::vector<check::Violation> Run::unexpected_violations() const {
  std::vector<check::Violation> out;
  for (const check::Violation& v : checkers_.violations()) {
    bool expected = false;
    for (const Step& s : scenario_->steps)
      if (const auto* e = std::get_if<ExpectStep>(&s.body)) {
        expected = expected || (e->check == "violation" && !e->args.empty() && e->args[0] == v.checker);
        // A lesson that expects a variant's violations (`violations redis-cad >= 1`) expects its
        // mutual-exclusion findings and the lost updates they cause.
        if (e->check == "violations" && e->args.size() == 3 && e->args[2] != "0" &&
            (v.checker == check::kLostUpdate ||
             (v.checker == check::kMutualExclusion && v.text.starts_with(check::variant_tag(e->args[0])))))
          expected = true;
      }
    if (!expected) out.push_back(v);
  }
  return out;
}

void Run::restore(const Snapshot& s) {
  checkers_ = s.checkers;
  world_ = s.world;
  world_.set_trace(&trace_);
  trace_.records.resize(world_.record_count());
  expects_.resize(s.expects);
  caption_ = s.caption;
  windows_ = s.windows;
  opened_ = s.opened;
  armed_ = s.armed;
  trigger_read_ = s.trigger_read;
}

void Run::seek(uint64_t event_index) {
  if (event_index >= world_.events_fired()) {
    while (world_.events_fired() < event_index && step()) {
    }
    return;
  }
  auto it = std::upper_bound(checkpoints_.begin(), checkpoints_.end(), event_index,
                             [](uint64_t v, const auto& cp) { return v < cp.first; });
  --it;  // checkpoints_[0] is the start, so one at or before event_index exists
  restore(it->second);
  apply_interventions_at(it->first);
  while (world_.events_fired() < event_index) step_core();
}

void Run::intervene(Action a) {
  const uint64_t index = world_.events_fired();
  const bool deliver = std::holds_alternative<DeliverEvent>(a);
  // A branch: what was recorded after this point belonged to the old future.
  std::erase_if(interventions_, [&](const Intervention& iv) {
    return iv.at_event > index || (deliver && iv.at_event == index && std::holds_alternative<DeliverEvent>(iv.action));
  });
  std::erase_if(checkpoints_, [&](const auto& cp) { return cp.first > index; });
  interventions_.push_back(Intervention{index, world_.now(), a});
  if (deliver) {
    step_core();
  } else {
    world_.record(RecordKind::kIntervention, core::kNoNode, "user: " + world_.describe(a));
    world_.apply(a);
  }
}

void Run::set_interventions(std::vector<Intervention> list) {
  std::stable_sort(list.begin(), list.end(),
                   [](const Intervention& x, const Intervention& y) { return x.at_event < y.at_event; });
  interventions_ = std::move(list);
  checkpoints_.resize(1);
  restore(checkpoints_[0].second);
  apply_interventions_at(0);
}

}  // namespace zoolab::sim
