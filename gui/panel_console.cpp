// zkCli console panel (see panel_console.h).
//
// Sections: 1. the incremental index  2. the client picker  3. the output
//           4. the prompt and the input line  5. the panel
#include "gui/panel_console.h"

#include <algorithm>
#include <cstring>
#include <string_view>

#include <imgui.h>

#include "gui/labels.h"
#include "gui/theme.h"
#include "gui/zk_view.h"

namespace zoolab::gui {
namespace {

constexpr std::string_view kTypedPrefix = "types: ";  // World::apply(TypeLine)'s trace record

// ---- 1. the incremental index -------------------------------------------------------------

void reset_index(ConsoleState& state) {
  state.logs.clear();
  state.console_seen = 0;
  state.trace_seen = 0;
  state.last_chunk = {};
  state.last_record = {};
  ++state.rebuilds;
}

void add_output(ConsoleState::ClientLog& log, core::Time time, ConsoleState::LineKind kind,
                std::string_view text) {
  size_t from = 0;
  while (from < text.size()) {
    const size_t nl = text.find('\n', from);
    const size_t stop = nl == std::string_view::npos ? text.size() : nl;
    const std::string_view piece = text.substr(from, stop - from);
    if (log.open && !log.lines.empty() && log.lines.back().kind == kind)
      log.lines.back().text.append(piece);
    else
      log.lines.push_back({time, kind, std::string(piece)});
    log.open = nl == std::string_view::npos;
    from = stop + 1;
  }
}

void add_typed(ConsoleState::ClientLog& log, core::Time time, std::string_view line) {
  log.lines.push_back({time, ConsoleState::LineKind::kTyped, std::string(line)});
  log.open = false;
}

bool is_typed_record(const sim::TraceRecord& r) {
  return r.kind == sim::RecordKind::kIntervention && r.text.starts_with(kTypedPrefix);
}

}  // namespace

void index_console(ConsoleState& state, const PanelContext& ctx) {
  const auto& chunks = ctx.run.world().console();
  const auto& records = ctx.run.trace().records;
  // Time travel truncates both; a new branch may regrow them to the same length: compare the
  // last item indexed too.
  const bool shrunk = chunks.size() < state.console_seen || records.size() < state.trace_seen;
  const auto chunk_mark = [&](size_t i) {
    return ConsoleState::Mark{chunks[i].time, chunks[i].text.size()};
  };
  const auto record_mark = [&](size_t i) {
    return ConsoleState::Mark{records[i].time, records[i].text.size()};
  };
  if (shrunk || ctx.branched_at != state.branched_at ||
      (state.console_seen > 0 && !(chunk_mark(state.console_seen - 1) == state.last_chunk)) ||
      (state.trace_seen > 0 && !(record_mark(state.trace_seen - 1) == state.last_record))) {
    reset_index(state);
    state.branched_at = ctx.branched_at;
  }
  // Merge the new chunks and the new typed lines by time; a typed line comes before output of
  // the same instant (the output is its answer).
  size_t c = state.console_seen, r = state.trace_seen;
  while (c < chunks.size() || r < records.size()) {
    while (r < records.size() && !is_typed_record(records[r]))
      ++r;
    const bool take_record =
        r < records.size() && (c >= chunks.size() || records[r].time <= chunks[c].time);
    if (take_record) {
      const sim::TraceRecord& rec = records[r++];
      add_typed(state.logs[rec.node], rec.time,
                std::string_view(rec.text).substr(kTypedPrefix.size()));
    } else if (c < chunks.size()) {
      const sim::ConsoleChunk& ch = chunks[c++];
      add_output(state.logs[ch.node], ch.time,
                 ch.stream == core::OutStream::kErr ? ConsoleState::LineKind::kErr
                                                    : ConsoleState::LineKind::kOut,
                 ch.text);
    }
  }
  state.console_seen = chunks.size();
  state.trace_seen = records.size();
  if (!chunks.empty()) state.last_chunk = chunk_mark(chunks.size() - 1);
  if (!records.empty()) state.last_record = record_mark(records.size() - 1);
}

namespace {

// ---- 2. the client picker -----------------------------------------------------------------

// False (after saying why) when there is no client to show.
bool pick_client(ConsoleState& state, const PanelContext& ctx) {
  const sim::World& world = ctx.run.world();
  const std::vector<NodeId> clients = zkcli_nodes(world);
  if (clients.empty()) {
    ImGui::TextDisabled("No zkCli client in this world.");
    ImGui::TextDisabled("A scenario line `at 1s client c1 connect zk1` starts one;");
    ImGui::TextDisabled("`at 2s c1: create /a hello` types into it.");
    return false;
  }
  if (ctx.selected != state.last_selection) {  // selecting a client on the map shows it here
    state.last_selection = ctx.selected;
    if (ctx.selected && is_zkcli(world, *ctx.selected)) state.client = *ctx.selected;
  }
  if (std::find(clients.begin(), clients.end(), state.client) == clients.end())
    state.client = clients.front();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
  if (ImGui::BeginCombo("client", node_label(world, state.client).c_str())) {
    for (NodeId c : clients)
      if (ImGui::Selectable(node_label(world, c).c_str(), c == state.client)) state.client = c;
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  const sim::Node& n = world.node(state.client);
  if (!n.running())
    ImGui::TextDisabled("%s", node_state_text(world, state.client).c_str());
  else if (n.process->busy())
    ImGui::TextColored(theme::vec4(theme::kTextWarn), "busy: waiting for replies");
  else
    ImGui::TextDisabled("ready");
  return true;
}

// ---- 3. the output ------------------------------------------------------------------------

void output_line(const ConsoleState::Line& line) {
  switch (line.kind) {
    case ConsoleState::LineKind::kOut:
      ImGui::TextUnformatted(line.text.c_str(), line.text.c_str() + line.text.size());
      return;
    case ConsoleState::LineKind::kErr:
      ImGui::PushStyleColor(ImGuiCol_Text, theme::vec4(theme::kTextWarn));
      ImGui::TextUnformatted(line.text.c_str(), line.text.c_str() + line.text.size());
      ImGui::PopStyleColor();
      return;
    case ConsoleState::LineKind::kTyped:
      ImGui::PushStyleColor(ImGuiCol_Text, theme::vec4(theme::kTextNote));
      ImGui::Text("> %s", line.text.c_str());
      ImGui::PopStyleColor();
      if (ImGui::IsItemHovered())
        ImGui::SetTooltip("typed at %s", seconds_label(line.time).c_str());
      return;
  }
}

void draw_output(ConsoleState& state, float height) {
  const auto it = state.logs.find(state.client);
  const std::vector<ConsoleState::Line> none;
  const std::vector<ConsoleState::Line>& lines = it == state.logs.end() ? none : it->second.lines;
  if (!ImGui::BeginChild("output", ImVec2(0, height), true, ImGuiWindowFlags_HorizontalScrollbar)) {
    ImGui::EndChild();
    return;
  }
  if (lines.empty()) ImGui::TextDisabled("(no output yet)");
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(lines.size()));
  while (clipper.Step())
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i)
      output_line(lines[static_cast<size_t>(i)]);
  // Follow new output only while the view sits at the bottom.
  const bool at_bottom = ImGui::GetScrollY() >= ImGui::GetScrollMaxY() - 1.0f;
  if (at_bottom && lines.size() != state.rows_followed) ImGui::SetScrollHereY(1.0f);
  state.rows_followed = lines.size();
  ImGui::EndChild();
}

// ---- 4. the prompt and the input line -----------------------------------------------------

void set_input(ImGuiInputTextCallbackData* data, const std::string& text) {
  data->DeleteChars(0, data->BufTextLen);
  data->InsertChars(0, text.c_str());
}

int history_callback(ImGuiInputTextCallbackData* data) {
  auto& state = *static_cast<ConsoleState*>(data->UserData);
  if (data->EventFlag != ImGuiInputTextFlags_CallbackHistory || state.history.empty()) return 0;
  const int last = static_cast<int>(state.history.size()) - 1;
  if (data->EventKey == ImGuiKey_UpArrow) {
    if (state.history_pos == -1) {
      state.draft.assign(data->Buf, static_cast<size_t>(data->BufTextLen));
      state.history_pos = last;
    } else if (state.history_pos > 0) {
      --state.history_pos;
    }
    set_input(data, state.history[static_cast<size_t>(state.history_pos)]);
  } else if (data->EventKey == ImGuiKey_DownArrow && state.history_pos != -1) {
    if (state.history_pos < last) {
      ++state.history_pos;
      set_input(data, state.history[static_cast<size_t>(state.history_pos)]);
    } else {
      state.history_pos = -1;
      set_input(data, state.draft);
    }
  }
  return 0;
}

void submit(ConsoleState& state, CommandQueue& out) {
  const std::string line(state.input.data());
  if (line.find_first_not_of(" \t") == std::string::npos) return;
  out.intervene(sim::TypeLine{state.client, line});
  if (state.history.empty() || state.history.back() != line) state.history.push_back(line);
  state.history_pos = -1;
  state.draft.clear();
  state.input.fill('\0');
}

void draw_input(ConsoleState& state, const sim::World& world, CommandQueue& out) {
  const sim::Node& n = world.node(state.client);
  const bool running = n.running();
  const std::string prompt = running ? n.process->prompt() : std::string("(not running) ");
  ImGui::AlignTextToFramePadding();
  ImGui::TextColored(theme::vec4(running ? theme::kTextGood : theme::kTextDim), "%s",
                     prompt.c_str());
  ImGui::SameLine(0, 0);
  ImGui::SetNextItemWidth(-1);
  if (!running) ImGui::BeginDisabled();
  if (state.refocus) {
    ImGui::SetKeyboardFocusHere();
    state.refocus = false;
  }
  const ImGuiInputTextFlags flags =
      ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_CallbackHistory;
  if (ImGui::InputText("##line", state.input.data(), state.input.size(), flags, history_callback,
                       &state)) {
    submit(state, out);
    state.refocus = true;
  }
  if (!running) ImGui::EndDisabled();
}

}  // namespace

// ---- 5. the panel -------------------------------------------------------------------------

void draw_console(ConsoleState& state, const PanelContext& ctx, CommandQueue& out) {
  index_console(state, ctx);
  if (!pick_client(state, ctx)) return;
  const float input_h = ImGui::GetFrameHeightWithSpacing() + ImGui::GetStyle().ItemSpacing.y;
  draw_output(state, std::max(ImGui::GetFrameHeight(), ImGui::GetContentRegionAvail().y - input_h));
  draw_input(state, ctx.run.world(), out);
}

}  // namespace zoolab::gui
