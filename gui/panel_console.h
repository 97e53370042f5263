// zkCli console panel: pick a client, read its console (stdout, stderr in a warning colour, and
// the lines typed into it), type a command after its prompt. Enter sends sim::TypeLine through
// the app's intervention path; up/down walk the panel's history.
//
// The console is indexed incrementally: each frame only the new World::console() chunks (and
// the new trace records, for the typed lines) are split into per-client lines; time travel
// that shortens or rewrites them rebuilds the index once.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/base/time.h"
#include "gui/panel_context.h"
#include "gui/ui_command.h"

namespace zoolab::gui {

struct ConsoleState {
  NodeId client = core::kNoNode;
  std::optional<NodeId> last_selection;

  // ---- the input line and its history ----
  std::array<char, 1024> input{};
  std::vector<std::string> history;  // oldest first, no immediate repeats
  int history_pos = -1;              // -1: a new line, not browsing
  std::string draft;                 // what was typed before browsing the history
  bool refocus = false;              // give the input the keyboard again after Enter

  // ---- the incremental index ----
  enum class LineKind : uint8_t { kOut, kErr, kTyped };
  struct Line {
    core::Time time;
    LineKind kind = LineKind::kOut;
    std::string text;
  };
  struct ClientLog {
    std::vector<Line> lines;
    bool open = false;  // the last line has no newline yet: the next chunk continues it
  };
  std::map<NodeId, ClientLog> logs;
  size_t console_seen = 0;  // World::console() chunks indexed
  size_t trace_seen = 0;    // trace records scanned for typed lines
  struct Mark {             // the last item indexed, to notice a rewritten history
    core::Time time;
    size_t size = 0;
    bool operator==(const Mark&) const = default;
  } last_chunk, last_record;
  std::optional<uint64_t> branched_at;
  size_t rebuilds = 0;       // how often the index started over (tests)
  size_t rows_followed = 0;  // to follow new lines while the view is at the bottom
};

void draw_console(ConsoleState& state, const PanelContext& ctx, CommandQueue& out);
// Brings the index up to date with the run (draw_console calls it; tests call it directly).
void index_console(ConsoleState& state, const PanelContext& ctx);

}  // namespace zoolab::gui
