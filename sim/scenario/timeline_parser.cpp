// Timeline lines: when a step happens and what it does (faults, captions, expectations, the end).
#include "sim/scenario/timeline_parser.h"

#include <algorithm>
#include <set>
#include <span>

#include "sim/scenario/expect.h"
#include "sim/scenario/parse_common.h"
#include "sim/scenario/value_parse.h"

namespace zoolab::sim::scenario_text {
namespace {

using Body = decltype(Step::body);
constexpr core::Duration kDefaultTail = core::seconds(10);  // run length after the last step

class TimelineParser {
 public:
  TimelineParser(const std::string& file, Scenario& sc) : file_(file), sc_(sc) {}

  void line(const Line& line) {
    line_ = &line;
    Cursor c(file_, line);
    const Word& head = c.peek();
    if (ended_) c.fail(head, "nothing may follow `run until`", "`run until TIME` as the last line");
    Step step;
    step.loc = c.loc(head.column);
    step.text = line.text;
    if (head.text == "run") {
      step.at = read_run_until(c);
      step.body = RunUntilStep{};
      sc_.until = step.at;
      ended_ = true;
    } else {
      step.at = read_time(c);
      last_step_time_ = step.at;
      step.body = read_command(c);
    }
    last_ = step.at;
    sc_.steps.push_back(std::move(step));
  }

  void finish() {
    for (NodeId id : started_)
      sc_.nodes[id].auto_start = false;
    // Without `run until` the run lasts 10 s after the last step, and at least until the last
    // `within` window has closed.
    if (!ended_) sc_.until = std::max(last_ + kDefaultTail, window_end_);
  }

  // A command typed without a time (the shell's `!partition zk1 | zk2`): only those that
  // change the world.
  Action action(const Line& line) {
    line_ = &line;
    Cursor c(file_, line);
    const Word& word = c.next([] { return "a command (" + action_list() + ")"; });
    for (const Command& cmd : commands()) {
      if (cmd.name != word.text) continue;
      if (!is_action(cmd.name)) break;
      Body body = (this->*cmd.read)(c);
      if (auto* a = std::get_if<Action>(&body)) return *a;
      break;
    }
    c.fail(word, quote(word.text) + " is not a command that changes the world", "one of " + action_list());
  }

  static bool is_action(std::string_view word) {
    return word != "say" && word != "expect" && word != "client" && word != "when" && is_command(word) && word != "run";
  }

  static std::string action_list() {
    std::string out;
    for (const Command& cmd : commands())
      if (is_action(cmd.name)) out += (out.empty() ? "" : ", ") + std::string(cmd.name);
    return out;
  }

  void set_not_tcp(const NotTcpModes& modes) { not_tcp_ = modes; }

  static bool is_command(std::string_view word) {
    for (const Command& cmd : commands()) {
      if (cmd.name == word) return true;
    }
    return word == "run";
  }

 private:
  using Reader = Body (TimelineParser::*)(Cursor&);
  struct Command {
    std::string_view name;
    Reader read;
  };
  // A function, not a member table: the readers are declared further down the class.
  static std::span<const Command> commands() {
    static constexpr Command kCommands[] = {
        {"start", &TimelineParser::read_start},     {"crash", &TimelineParser::read_crash},
        {"restart", &TimelineParser::read_restart}, {"poweroff", &TimelineParser::read_poweroff},
        {"pause", &TimelineParser::read_pause},     {"partition", &TimelineParser::read_partition},
        {"heal", &TimelineParser::read_heal},       {"latency", &TimelineParser::read_latency},
        {"clock", &TimelineParser::read_clock},     {"slow-disk", &TimelineParser::read_slow_disk},
        {"not-tcp", &TimelineParser::read_not_tcp}, {"say", &TimelineParser::read_say},
        {"expect", &TimelineParser::read_expect},   {"client", &TimelineParser::read_client},
        {"when", &TimelineParser::read_when},
    };
    return kCommands;
  }

  static std::string command_list() {
    std::string out;
    for (const Command& cmd : commands())
      out += (out.empty() ? "" : ", ") + std::string(cmd.name);
    return out;
  }

  std::string previous_step() const { return core::format_duration(Duration{last_.ns}); }

  // `at TIME` or `+DELAY`, never before the previous step.
  core::Time read_time(Cursor& c) {
    const Word& head = c.next("at TIME or +DELAY");
    if (head.text == "at") {
      const Word* time_word = c.at_end() ? nullptr : &c.peek();  // read_duration fails when null
      const core::Time t{read_duration(c, "the step's time").ns};
      if (t < last_) {
        c.fail(*time_word,
               "time goes backwards: " + time_word->text + " is before the previous step at " +
                   previous_step(),
               "a time at or after " + previous_step() + " (or +DELAY for a relative time)");
      }
      return t;
    }
    if (head.text == "+")
      c.fail(head, "a blank after `+`", "+DELAY written as one word, like +500ms");
    if (head.text.starts_with('+')) {
      std::string why;
      const std::optional<core::Duration> d =
          parse_duration(std::string_view(head.text).substr(1), &why);
      if (!d) c.fail(head, why, "+DELAY with " + std::string(kDurationHint));
      if (last_.ns + d->ns > kMaxScenarioNs)
        c.fail(head, "the step is later than a scenario may run (1000000s)", "a shorter delay");
      return last_ + *d;
    }
    if (is_command(head.text)) {
      c.fail(head, quote(head.text) + " needs a time",
             "at TIME " + head.text + " ... or +DELAY " + head.text + " ...");
    }
    c.fail(head, "a timeline line must start with a time, not " + quote(head.text),
           "at TIME COMMAND, +DELAY COMMAND or run until TIME");
  }

  core::Time read_run_until(Cursor& c) {
    c.next("run");
    const Word& until = c.next("until");
    if (until.text != "until") c.fail(until, "unexpected " + quote(until.text), "run until TIME");
    const Word* time_word = c.at_end() ? nullptr : &c.peek();  // read_duration fails when null
    const core::Time t{read_duration(c, "the end of the run").ns};
    c.expect_end();
    if (t < last_) {
      c.fail(*time_word, "the run ends before the previous step at " + previous_step(),
             "an end at or after " + previous_step());
    }
    if (t < window_end_) {
      const std::string end = core::format_duration(Duration{window_end_.ns});
      c.fail(*time_word,
             "the run ends before the `within` window of line " + std::to_string(window_line_) +
                 " closes at " + end,
             "an end at or after " + end);
    }
    return t;
  }

  Body read_command(Cursor& c) {
    if (!c.at_end() && is_client_prefix(c.peek())) return read_client_line(c);
    const Word& word = c.next([] { return "a command (" + command_list() + ")"; });
    for (const Command& cmd : commands()) {
      if (cmd.name == word.text) return (this->*cmd.read)(c);
    }
    if (word.text == "run")
      c.fail(word, "`run until` takes no time of its own", "run until TIME on a line of its own");
    c.fail(word, "unknown command " + quote(word.text), "one of " + command_list());
  }

  NodeId read_single_node(Cursor& c) {
    const NodeId id = read_node(c, sc_);
    c.expect_end();
    return id;
  }

  Body read_start(Cursor& c) {
    const NodeId id = read_single_node(c);
    started_.insert(id);
    return StartNode{id};
  }
  Body read_crash(Cursor& c) { return CrashNode{read_single_node(c)}; }

  // `when NAME notes "TEXT" ACTION...`
  Body read_when(Cursor& c) {
    TriggerStep t;
    t.node = read_node(c, sc_);
    const Word& notes = c.next("notes");
    if (notes.text != "notes") c.fail(notes, "unexpected " + quote(notes.text), "when NAME notes \"TEXT\" ACTION");
    const Word& text = c.next("the text of a trace note, in quotes");
    if (text.text.empty()) c.fail(text, "an empty text matches every note", "a part of the note to wait for");
    t.text = text.text;
    const Word& word = c.next([] { return "an action (" + action_list() + ")"; });
    for (const Command& cmd : commands()) {
      if (cmd.name != word.text || !is_action(cmd.name)) continue;
      Body body = (this->*cmd.read)(c);
      if (auto* a = std::get_if<Action>(&body)) {
        t.action = *a;
        return t;
      }
    }
    c.fail(word, quote(word.text) + " is not a command that changes the world", "one of " + action_list());
  }
  Body read_restart(Cursor& c) { return RestartNode{read_single_node(c)}; }
  Body read_poweroff(Cursor& c) { return PowerOffNode{read_single_node(c)}; }

  Body read_pause(Cursor& c) {
    const NodeId id = read_node(c, sc_);
    const Word* length_word = c.at_end() ? nullptr : &c.peek();  // read_duration fails when null
    const Duration length = read_duration(c, "the pause length");
    if (length.ns <= 0)
      c.fail(*length_word, "a pause must last longer than 0", "a positive pause length");
    c.expect_end();
    return PauseNode{id, length};
  }

  // `A B | C | D` (no traffic between groups) or `A B -> C D` (left to right dropped).
  Body read_partition(Cursor& c) {
    PartitionNet p;
    p.groups.emplace_back();
    std::set<NodeId> seen;
    const Word* separator = nullptr;
    while (!c.at_end()) {
      const Word& w = c.peek();
      if (w.text == "|" || w.text == "->") {
        if (separator && separator->text != w.text)
          c.fail(w, "`|` and `->` cannot be mixed", "one kind of separator");
        if (w.text == "->" && separator)
          c.fail(w, "a one-way partition has one `->`", "A B -> C D");
        if (p.groups.back().empty())
          c.fail(w, "empty group before " + quote(w.text), "a machine name");
        separator = &c.next(w.text);
        p.groups.emplace_back();
        continue;
      }
      // `zk2,zk3` is the group `zk2 zk3` (the shell's `!partition zk1 | zk2,zk3`).
      c.next("a machine name");
      for (const Word& name : split_commas(w)) {
        const NodeId id = node_named(c, name);
        if (!seen.insert(id).second)
          c.fail(name, quote(name.text) + " is already in the partition", "each machine in one group");
        p.groups.back().push_back(id);
      }
    }
    if (p.groups.back().empty()) {
      if (separator) c.fail_at_end("empty group after " + quote(separator->text), "a machine name");
      c.fail_at_end("the partition has no groups", "partition A B | C or partition A B -> C");
    }
    if (!separator) c.fail_at_end("a partition needs two groups", "`|` or `->` and another group");
    p.one_way = separator->text == "->";
    return p;
  }

  // The comma-separated parts of a word, each with its own column; a trailing comma (`zk1, zk2`)
  // adds nothing.
  static std::vector<Word> split_commas(const Word& w) {
    std::vector<Word> parts;
    size_t start = 0;
    for (;;) {
      const size_t comma = std::min(w.text.find(',', start), w.text.size());
      if (comma > start || comma < w.text.size() || parts.empty())
        parts.push_back(Word{w.text.substr(start, comma - start), w.column + static_cast<int>(start), w.quoted});
      if (comma == w.text.size()) break;
      start = comma + 1;
    }
    return parts;
  }

  NodeId node_named(const Cursor& c, const Word& w) const {
    if (w.text.empty()) c.fail(w, "an empty name in a comma-separated group", "names like zk2,zk3");
    return node_of(c, w, sc_);
  }

  Body read_heal(Cursor& c) {
    c.expect_end();
    return HealNet{};
  }

  Body read_latency(Cursor& c) { return read_latency_setting(c, sc_); }

  // `clock NAME +2s` (shift) or `clock NAME drift +200ppm`.
  Body read_clock(Cursor& c) {
    const NodeId id = read_node(c, sc_);
    constexpr std::string_view kClockHint = "a signed shift like +2s or -500ms, or drift +200ppm";
    const Word& w = c.next(kClockHint);
    std::string why;
    if (w.text == "drift") {
      const Word& ppm_word = c.next("a drift like +200ppm");
      const std::optional<int64_t> ppm = parse_ppm(ppm_word.text, &why);
      if (!ppm) c.fail(ppm_word, why, "a drift like +200ppm or -50ppm");
      c.expect_end();
      return SetClockDrift{id, *ppm};
    }
    const std::optional<Duration> delta = parse_signed_duration(w.text, &why);
    if (!delta) c.fail(w, why, std::string(kClockHint));
    c.expect_end();
    return ShiftClock{id, *delta};
  }

  // `slow-disk NAME 50ms` adds to every fsync; `slow-disk NAME off` removes it.
  Body read_slow_disk(Cursor& c) {
    const NodeId id = read_node(c, sc_);
    if (c.peek_is("off")) {
      c.next("off");
      c.expect_end();
      return SlowDisk{id, Duration{0}};
    }
    const Duration extra = read_duration(c, "the extra fsync latency (or off)");
    c.expect_end();
    return SlowDisk{id, extra};
  }

  // Each line sets one mode and keeps the others; `off` clears them all.
  Body read_not_tcp(Cursor& c) {
    constexpr std::string_view kModeHint = "loss, duplicate, reorder or off";
    const Word& mode = c.next(kModeHint);
    uint32_t* target = nullptr;
    if (mode.text == "off") {
      c.expect_end();
      not_tcp_ = NotTcpModes{};
      return SetNotTcp{not_tcp_};
    }
    if (mode.text == "loss") target = &not_tcp_.loss_permille;
    if (mode.text == "duplicate") target = &not_tcp_.duplicate_permille;
    if (mode.text == "reorder") target = &not_tcp_.reorder_permille;
    if (target == nullptr)
      c.fail(mode, "unknown not-tcp mode " + quote(mode.text), std::string(kModeHint));
    const Word& pct = c.next("a percentage like 5% or 0.5%");
    std::string why;
    const std::optional<uint32_t> permille = parse_percent_permille(pct.text, &why);
    if (!permille) c.fail(pct, why, "a percentage like 5% or 0.5%");
    c.expect_end();
    *target = *permille;
    return SetNotTcp{not_tcp_};
  }

  // `say en "..." zh "..."`, either language or both, each once.
  Body read_say(Cursor& c) {
    constexpr std::string_view kSayHint = "en \"...\" and/or zh \"...\"";
    SayStep say;
    bool has_en = false, has_zh = false;
    if (c.at_end()) c.fail_at_end("the caption is missing", std::string(kSayHint));
    while (!c.at_end()) {
      const Word& lang = c.next("en or zh");
      bool* seen = lang.text == "en" ? &has_en : lang.text == "zh" ? &has_zh : nullptr;
      if (seen == nullptr)
        c.fail(lang, "unknown caption language " + quote(lang.text), std::string(kSayHint));
      if (*seen) c.fail(lang, "the " + lang.text + " caption is given twice", "each language once");
      *seen = true;
      const Word& text = c.next("a double-quoted caption");
      if (!text.quoted)
        c.fail(text, "the caption is not quoted", "a double-quoted caption like \"hello\"");
      if (text.text.empty()) c.fail(text, "the caption is empty", "some text between the quotes");
      (lang.text == "en" ? say.en : say.zh) = text.text;
    }
    return say;
  }

  // `c1:` starts a line typed into client c1 (also in `expect c1: get /a == "x"`).
  bool is_client_prefix(const Word& w) const {
    return !w.quoted && w.text.size() > 1 && w.text.back() == ':' &&
           sc_.find(std::string_view(w.text).substr(0, w.text.size() - 1)).has_value();
  }

  // `client NAME connect SERVER[,SERVER...] [timeout MS]`: a zkCli session opened at this time.
  Body read_client(Cursor& c) {
    const Word& name = c.next("a client name");
    if (sc_.find(name.text)) c.fail(name, quote(name.text) + " is already a machine or client", "a new name");
    if (name.text.empty() || name.text.find_first_of(":,=") != std::string::npos)
      c.fail(name, "a client name cannot contain ':', ',' or '='", "a name like c1");
    const Word& verb = c.next("connect");
    if (verb.text != "connect") c.fail(verb, "unexpected " + quote(verb.text), "client NAME connect SERVER");
    const Word& servers = c.next("a server name (or several separated by commas)");
    NodeDecl decl;
    decl.name = name.text;
    decl.kind = "zkcli";
    decl.auto_start = false;
    decl.loc = c.loc(name.column);
    std::string port = "2181";
    if (auto it = sc_.config.find("clientPort"); it != sc_.config.end()) port = it->second;
    std::string connect;
    size_t start = 0;
    while (start <= servers.text.size()) {
      const size_t comma = std::min(servers.text.find(',', start), servers.text.size());
      const std::string server = servers.text.substr(start, comma - start);
      const auto id = sc_.find(server);
      if (!id || sc_.nodes[*id].kind != "zookeeper")
        c.fail(servers, quote(server) + " is not a server of this scenario", "server names from the header");
      connect += (connect.empty() ? "" : ",") + server + ":" + port;
      start = comma + 1;
    }
    decl.args["server"] = servers.text;
    decl.args["connect"] = connect;
    if (c.peek_is("timeout")) {
      c.next("timeout");
      const Word& ms = c.next("a session timeout in ms");
      if (!parse_uint(ms.text, 1'000'000'000)) c.fail(ms, "not a number of milliseconds", "timeout 30000");
      decl.args["timeout"] = ms.text;
    }
    c.expect_end();
    sc_.nodes.push_back(decl);
    const NodeId id = static_cast<NodeId>(sc_.nodes.size() - 1);
    started_.insert(id);
    return StartNode{id};
  }

  // `c1: <any zkCli command>`: the rest of the line, exactly as typed, goes to the client.
  Body read_client_line(Cursor& c) {
    const Word& prefix = c.next("a client");
    const NodeId id = *sc_.find(std::string_view(prefix.text).substr(0, prefix.text.size() - 1));
    const size_t from = static_cast<size_t>(prefix.column - line_->text_column) + prefix.text.size();
    std::string rest = from < line_->text.size() ? line_->text.substr(from) : std::string();
    const size_t first = rest.find_first_not_of(" \t");
    rest = first == std::string::npos ? std::string() : rest.substr(first);
    if (rest.empty()) c.fail_at_end("nothing to type", "a zkCli command after " + quote(prefix.text));
    while (!c.at_end()) c.next("");
    return TypeLine{id, rest};
  }

  Body read_expect(Cursor& c) {
    const std::map<std::string, ExpectCheck>& checks = expect_checks();
    // Check names only: with the lock and registry checks the full usages fill a screen
    // (a check's usage is shown when its arguments are wrong).
    const auto usages = [&] {
      std::string out;
      for (const auto& entry : checks)
        out += (out.empty() ? "" : ", ") + entry.first;
      return out + " (docs/scenario-language.md)";
    };
    const Word* client = nullptr;
    if (!c.at_end() && is_client_prefix(c.peek())) client = &c.next("a client");
    const Word& name = c.next([&] { return "a check (" + usages() + ")"; });
    const auto it = checks.find(name.text);
    if (it == checks.end()) c.fail(name, "unknown check " + quote(name.text), "one of " + usages());
    ExpectStep step{name.text, {}, std::nullopt};
    std::vector<const Word*> arg_words;
    if (client != nullptr) {
      arg_words.push_back(client);
      step.args.push_back(client->text);
    }
    while (!c.at_end()) {
      const Word& w = c.next("an argument");
      if (!w.quoted && w.text == "within") {  // `within DURATION` ends the line
        step.within = read_window(c);
        break;
      }
      arg_words.push_back(&w);
      step.args.push_back(w.text);
    }
    const ExpectCheck& check = it->second;
    if (const std::string problem = check.validate ? check.validate(sc_, step.args) : "";
        !problem.empty()) {
      c.fail(*offending_word(problem, arg_words, name), "expect " + name.text + ": " + problem,
             quote(check.usage));
    }
    return step;
  }

  // `within 5s` after a check (an unquoted `within` always starts it): the window, which must
  // close by `run until`.
  core::Duration read_window(Cursor& c) {
    const Word* length_word = c.at_end() ? nullptr : &c.peek();  // read_duration fails when null
    const Duration length = read_duration(c, "the length of the window");
    if (length.ns <= 0)
      c.fail(*length_word, "a window must last longer than 0", "a positive window like within 5s");
    c.expect_end();
    if (last_step_time_.ns + length.ns > kMaxScenarioNs) {
      c.fail(*length_word, "the window closes later than a scenario may run (1000000s)",
             "a shorter window");
    }
    const core::Time end = last_step_time_ + length;
    if (end > window_end_) {
      window_end_ = end;
      window_line_ = c.line().number;
    }
    return length;
  }

  // The argument a check's complaint quotes (`zk9`), else the check's own name.
  static const Word* offending_word(const std::string& problem,
                                    const std::vector<const Word*>& args, const Word& fallback) {
    for (const Word* w : args) {
      if (problem.find(quote(w->text)) != std::string::npos) return w;
    }
    return &fallback;
  }

  const std::string& file_;
  Scenario& sc_;
  core::Time last_{0};  // the previous step's time
  bool ended_ = false;  // `run until` seen
  NotTcpModes not_tcp_;
  std::set<NodeId> started_;
  const Line* line_ = nullptr;  // the line being parsed (client lines take its raw text)
  core::Time last_step_time_{0};  // the time of the step being parsed
  core::Time window_end_{0};      // when the last `within` window closes
  int window_line_ = 0;           // and the line it is on
};

}  // namespace

bool is_timeline_line(const Line& line) {
  const Word& head = line.words.front();
  return head.text == "at" || head.text == "run" || head.text.starts_with('+');
}

bool is_timeline_command(std::string_view word) {
  return TimelineParser::is_command(word);
}

bool is_action_command(std::string_view word) {
  return TimelineParser::is_action(word);
}

Action parse_action(std::string_view text, const Scenario& sc, const std::string& file,
                    const NotTcpModes& not_tcp) {
  const std::vector<Line> lines = split_lines(text, file);
  if (lines.size() != 1) {
    throw ScenarioError(SourceLoc{file, 1, 1}, lines.empty() ? "nothing to do" : "more than one line",
                        "one command (" + TimelineParser::action_list() + ")");
  }
  Scenario scratch = sc;  // the readers may add to it (they never do for actions)
  TimelineParser parser(file, scratch);
  parser.set_not_tcp(not_tcp);
  return parser.action(lines.front());
}

void parse_timeline(const std::vector<const Line*>& lines, const std::string& file, Scenario& sc) {
  TimelineParser parser(file, sc);
  for (const Line* line : lines)
    parser.line(*line);
  parser.finish();
}

}  // namespace zoolab::sim::scenario_text
