// Header lines: zoo.cfg key=value (server.N=... among them), process, seed, title, latency, fsync.
#include "sim/scenario/header_parser.h"

#include <algorithm>
#include <map>

#include "sim/scenario/parse_common.h"
#include "sim/scenario/timeline_parser.h"
#include "sim/scenario/value_parse.h"

namespace zoolab::sim::scenario_text {
namespace {

constexpr std::string_view kHeaderHint =
    "a header line: key=value, server.N=HOST:2888:3888, process NAME KIND, seed N, title TEXT, "
    "latency, fsync or bug NAME on|off (or a timeline line: at TIME COMMAND, +DELAY COMMAND)";
// The protocol bugs a server can be told to have (config keys bug.NAME, read by the servers).
constexpr std::string_view kBugNames[] = {"ack-before-fsync", "commit-without-quorum",
                                          "election-ignores-peer-epoch"};
// zoo.cfg settings that must be positive integers (ticks or milliseconds).
constexpr std::string_view kPositiveIntegerKeys[] = {"tickTime", "initLimit", "syncLimit",
                                                     "clientPort"};
constexpr int kMaxServerId = 255;  // ZooKeeper's documented myid range is 1..255

bool is_key_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.' || c == '-';
}

bool is_bug_name(std::string_view name) {
  return std::find(std::begin(kBugNames), std::end(kBugNames), name) != std::end(kBugNames);
}

std::string bug_names() {
  std::string out;
  for (std::string_view b : kBugNames)
    out += (out.empty() ? "" : ", ") + std::string(b);
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
    s.remove_suffix(1);
  return s;
}

class HeaderParser {
 public:
  HeaderParser(const std::string& file, Scenario& sc) : file_(file), sc_(sc) {}

  // First pass: everything that declares something; latency and fsync wait for the names.
  void declare(const Line& line) {
    Cursor c(file_, line);
    const Word& head = c.peek();
    if (head.text == "process") return declare_process(c);
    if (head.text == "seed") return declare_seed(c);
    if (head.text == "title") return declare_title(c);
    if (head.text == "bug" && line.text.find('=') == std::string::npos) return declare_bug(c);
    if ((head.text == "latency" || head.text == "fsync")) {
      deferred_.push_back(&line);
      return;
    }
    if (is_timeline_command(head.text)) {
      c.fail(head, quote(head.text) + " is a timeline command without a time",
             "at TIME " + head.text + " ... or +DELAY " + head.text + " ...");
    }
    if (line.text.find('=') != std::string::npos) return declare_setting(c);
    c.fail(head, "unknown header line " + quote(head.text), std::string(kHeaderHint));
  }

  // Servers by ascending id, then processes in file order: NodeIds are these positions.
  void order_nodes() {
    std::stable_sort(servers_.begin(), servers_.end(), [](const NodeDecl& a, const NodeDecl& b) {
      return a.server_id < b.server_id;
    });
    sc_.nodes = std::move(servers_);
    for (NodeDecl& p : processes_)
      sc_.nodes.push_back(std::move(p));
  }

  // Second pass: lines that name machines.
  void configure_deferred() {
    for (const Line* line : deferred_) {
      Cursor c(file_, *line);
      if (c.next("latency or fsync").text == "latency") {
        sc_.latencies.push_back(read_latency_setting(c, sc_));
      } else {
        configure_fsync(c);
      }
    }
  }

 private:
  void declare_setting(Cursor& c) {
    const Line& line = c.line();
    const std::string_view text = line.text;
    const size_t eq = text.find('=');
    const std::string_view key = trim(text.substr(0, eq));
    const std::string_view value = trim(text.substr(eq + 1));
    const int key_column = line.text_column;
    const int value_column =
        line.text_column +
        static_cast<int>(value.empty() ? text.size() : value.data() - text.data());
    if (key.empty() || !std::all_of(key.begin(), key.end(), is_key_char)) {
      throw ScenarioError(c.loc(key_column),
                          "`" + std::string(key) + "` is not a configuration key",
                          "key=value with a key of letters, digits, '.', '_' or '-'");
    }
    if (key.substr(0, 7) == "server.") return declare_server(c, key, value, value_column);
    const std::string key_text(key);
    if (auto [it, fresh] = setting_lines_.emplace(key_text, line.number); !fresh) {
      throw ScenarioError(c.loc(key_column),
                          quote(key) + " is already set on line " + std::to_string(it->second),
                          "each setting once");
    }
    if (key.substr(0, 4) == "bug.") {  // the long form of `bug NAME on|off`
      if (!is_bug_name(key.substr(4))) {
        throw ScenarioError(c.loc(key_column + 4), "unknown bug " + quote(key.substr(4)),
                            "one of " + bug_names());
      }
      if (value != "on" && value != "off")
        throw ScenarioError(c.loc(value_column), quote(key) + " must be on or off", "on or off");
    }
    for (std::string_view k : kPositiveIntegerKeys) {
      const std::optional<uint64_t> number = parse_uint(value, INT32_MAX);
      if (key == k && (!number || *number == 0)) {
        throw ScenarioError(c.loc(value_column), quote(key) + " must be a positive integer",
                            "a positive integer");
      }
    }
    sc_.config[key_text] = std::string(value);
  }

  // server.N=HOST:QUORUM_PORT:ELECTION_PORT[:participant|:observer][;CLIENT_PORT]
  void declare_server(Cursor& c, std::string_view key, std::string_view value, int value_column) {
    const int key_column = c.line().text_column;
    const std::optional<uint64_t> id = parse_uint(key.substr(7), kMaxServerId);
    if (!id || *id == 0) {
      throw ScenarioError(c.loc(key_column + 7), "bad server id in " + quote(key),
                          "server.N with N between 1 and " + std::to_string(kMaxServerId));
    }
    if (auto [it, fresh] = server_lines_.emplace(static_cast<int>(*id), c.line().number); !fresh) {
      throw ScenarioError(c.loc(key_column),
                          "server id " + std::to_string(*id) + " is already declared on line " +
                              std::to_string(it->second),
                          "a server id used once");
    }
    const std::string_view address = value.substr(0, value.find(';'));  // ";clientport": ignored
    std::vector<std::pair<std::string_view, int>> parts;                // text, column
    for (size_t start = 0;;) {
      const size_t colon = address.find(':', start);
      parts.emplace_back(address.substr(start, colon - start),
                         value_column + static_cast<int>(start));
      if (colon == std::string_view::npos) break;
      start = colon + 1;
    }
    constexpr std::string_view kServerHint =
        "HOST:2888:3888, optionally followed by :observer or :participant";
    if (parts.size() < 3 || parts.size() > 4) {
      throw ScenarioError(
          c.loc(value_column),
          "server address " + quote(value) + " has " + std::to_string(parts.size()) + " part(s)",
          std::string(kServerHint));
    }
    NodeDecl node;
    node.kind = "zookeeper";
    node.server_id = static_cast<int>(*id);
    node.name = std::string(parts[0].first);
    node.loc = c.loc(parts[0].second);
    check_new_name(c, node.name, parts[0].second);
    node.quorum_port = read_port(c, parts[1]);
    node.election_port = read_port(c, parts[2]);
    if (parts.size() == 4) {
      if (parts[3].first != "observer" && parts[3].first != "participant") {
        throw ScenarioError(c.loc(parts[3].second), "unknown server role " + quote(parts[3].first),
                            "observer or participant");
      }
      node.observer = parts[3].first == "observer";
    }
    servers_.push_back(std::move(node));
  }

  int read_port(Cursor& c, std::pair<std::string_view, int> part) {
    const std::optional<uint64_t> port = parse_uint(part.first, 65535);
    if (!port || *port == 0) {
      throw ScenarioError(c.loc(part.second), "bad port " + quote(part.first),
                          "a port between 1 and 65535");
    }
    return static_cast<int>(*port);
  }

  void check_new_name(Cursor& c, const std::string& name, int column) {
    if (!is_valid_name(name)) {
      throw ScenarioError(c.loc(column), "bad machine name " + quote(name), std::string(kNameHint));
    }
    if (auto [it, fresh] = name_lines_.emplace(name, c.line().number); !fresh) {
      throw ScenarioError(
          c.loc(column), quote(name) + " is already declared on line " + std::to_string(it->second),
          "a name used once");
    }
  }

  // process NAME KIND [key=value ...]
  void declare_process(Cursor& c) {
    c.next("process");
    const Word& name = c.next("a machine name");
    check_new_name(c, name.text, name.column);
    const Word& kind = c.next("the program to run (its KIND)");
    if (kind.quoted || !is_valid_name(kind.text)) {
      c.fail(kind, "bad program kind " + quote(kind.text), "a kind like heartbeat or zookeeper");
    }
    NodeDecl node;
    node.name = name.text;
    node.kind = kind.text;
    node.loc = c.loc(name.column);
    while (!c.at_end()) {
      const Word& arg = c.next("key=value");
      const size_t eq = arg.text.find('=');
      if (eq == 0 || eq == std::string::npos)
        c.fail(arg, "bad process argument " + quote(arg.text), "key=value");
      const std::string key = arg.text.substr(0, eq);
      if (!node.args.emplace(key, arg.text.substr(eq + 1)).second) {
        c.fail(arg, "argument " + quote(key) + " is given twice", "each key once");
      }
    }
    processes_.push_back(std::move(node));
  }

  void declare_seed(Cursor& c) {
    const Word& head = c.next("seed");
    if (sc_.seed) c.fail(head, "the seed is already set", "one seed line");
    const Word& w = c.next("a seed (a non-negative integer)");
    const std::optional<uint64_t> seed = parse_uint(w.text, UINT64_MAX);
    if (!seed) c.fail(w, "bad seed " + quote(w.text), "a non-negative integer below 2^64");
    c.expect_end();
    sc_.seed = *seed;
  }

  // bug NAME on|off: the config key bug.NAME, which the servers read.
  void declare_bug(Cursor& c) {
    c.next("bug");
    const Word& name = c.next([] { return "a bug name (" + bug_names() + ")"; });
    if (name.quoted || !is_bug_name(name.text))
      c.fail(name, "unknown bug " + quote(name.text), "one of " + bug_names());
    const Word& state = c.next("on or off");
    if (state.quoted || (state.text != "on" && state.text != "off"))
      c.fail(state, "unexpected " + quote(state.text), "on or off");
    c.expect_end();
    const std::string key = "bug." + name.text;
    if (auto [it, fresh] = setting_lines_.emplace(key, c.line().number); !fresh) {
      c.fail(name, "bug " + quote(name.text) + " is already set on line " + std::to_string(it->second),
             "each bug once");
    }
    sc_.config[key] = state.text;
  }

  void declare_title(Cursor& c) {
    const Word& head = c.next("title");
    if (!sc_.title.empty()) c.fail(head, "the title is already set", "one title line");
    if (c.at_end()) c.fail_at_end("the title is empty", "title TEXT");
    const Word& first = c.peek();
    const std::vector<Word>& words = c.line().words;
    if (!first.quoted && (first.text == "en" || first.text == "zh") && words.size() >= 3 && words[2].quoted) {
      // title en "..." zh "...": the lesson list shows the learner's language.
      while (!c.at_end()) {
        const Word& lang = c.next("en or zh");
        if (lang.quoted || (lang.text != "en" && lang.text != "zh"))
          c.fail(lang, "unknown title language `" + lang.text + "`", "en or zh, as in title en \"TEXT\" zh \"TEXT\"");
        if (c.at_end()) c.fail_at_end("a language without its title", "title en \"TEXT\" zh \"TEXT\"");
        const Word& text = c.next("a quoted title");
        if (!text.quoted || text.text.empty())
          c.fail(text, "expected a non-empty quoted title", "title en \"TEXT\" zh \"TEXT\"");
        (lang.text == "en" ? sc_.title : sc_.title_zh) = text.text;
      }
      if (sc_.title.empty()) sc_.title = sc_.title_zh;
      return;
    }
    if (first.quoted && c.line().words.size() == 2) {
      sc_.title = first.text;
    } else {
      const Line& line = c.line();
      sc_.title = line.text.substr(static_cast<size_t>(first.column - line.text_column));
    }
    if (sc_.title.empty()) c.fail(first, "the title is empty", "title TEXT");
  }

  // fsync 2ms (every machine) or fsync NAME 2ms
  void configure_fsync(Cursor& c) {
    std::string key = "*";
    const auto starts_with_digit = [](const Word& w) {
      return !w.text.empty() && w.text[0] >= '0' && w.text[0] <= '9';
    };
    if (!c.at_end() && !starts_with_digit(c.peek())) {
      key = sc_.nodes[read_node(c, sc_)].name;
    }
    const Word* value_word = c.at_end() ? nullptr : &c.peek();
    const core::Duration d = read_duration(c, "the fsync latency");
    c.expect_end();
    if (!sc_.fsync_latency.emplace(key, d).second) {
      c.fail(*value_word,
             "the fsync latency of " + (key == "*" ? std::string("every machine") : quote(key)) +
                 " is already set",
             "one fsync line per machine");
    }
  }

  const std::string& file_;
  Scenario& sc_;
  std::vector<NodeDecl> servers_, processes_;
  std::vector<const Line*> deferred_;
  std::map<std::string, int> setting_lines_, name_lines_;  // -> line number
  std::map<int, int> server_lines_;                        // server id -> line number
};

}  // namespace

void parse_header(const std::vector<const Line*>& lines, const std::string& file, Scenario& sc) {
  HeaderParser parser(file, sc);
  for (const Line* line : lines)
    parser.declare(*line);
  parser.order_nodes();
  parser.configure_deferred();
}

}  // namespace zoolab::sim::scenario_text
