// What a panel asks the application to do. Panels only read the run; the app applies these
// after every panel has drawn (Tracy's split), so a frame never sees a half-changed world.
#pragma once

#include <utility>
#include <variant>
#include <vector>

#include "core/base/ids.h"
#include "sim/kernel/action.h"

namespace zoolab::gui {

using core::NodeId;

// A fault or a manual delivery, recorded by the run as an intervention.
struct Intervene {
  sim::Action action;
};
struct StepForward {};
struct StepBack {};  // time travel: the run replays from its nearest checkpoint
struct JumpToStart {};
struct SetPlaying {
  bool playing = false;
};
struct SetSpeed {
  double factor = 1.0;
};  // simulated seconds per wall second
struct SelectNode {
  core::NodeId node = core::kNoNode;
};  // kNoNode clears the selection
struct SaveSession {};  // writes (scenario, seed, interventions) to the session file (Ctrl+S)

using UiCommand =
    std::variant<Intervene, StepForward, StepBack, JumpToStart, SetPlaying, SetSpeed, SelectNode, SaveSession>;

// Filled by the panels during a frame, drained by the app at its end.
class CommandQueue {
 public:
  // Built in place: moving a whole UiCommand trips GCC 12's -Wmaybe-uninitialized.
  template <class Command>
  void push(Command c) {
    commands_.emplace_back(std::in_place_type<Command>, std::move(c));
  }
  void intervene(sim::Action a) { push(Intervene{std::move(a)}); }
  std::vector<UiCommand> take() { return std::exchange(commands_, {}); }
  bool empty() const { return commands_.empty(); }

 private:
  std::vector<UiCommand> commands_;
};

}  // namespace zoolab::gui
