// Line tokenizer and option parser matching ZooKeeperMain and commons-cli 1.4 (see header).
#include "core/client/zkcli_args.h"

#include <limits>

namespace zoolab::core::zk {

namespace {
// java.util.regex \s: [ \t\n\x0B\f\r].
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\x0b' || c == '\f' || c == '\r'; }

// Tries the capture group ([^"']\S*|"[^"]*"|'[^']*') at k; returns its end or npos.
size_t match_group(std::string_view s, size_t k) {
  if (k >= s.size()) return std::string_view::npos;
  const char c = s[k];
  if (c != '"' && c != '\'') {
    size_t e = k + 1;
    while (e < s.size() && !is_space(s[e])) ++e;
    return e;
  }
  const size_t close = s.find(c, k + 1);
  return close == std::string_view::npos ? std::string_view::npos : close + 1;
}
}  // namespace

std::vector<std::string> tokenize_line(std::string_view s) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos < s.size()) {
    bool found = false;
    for (size_t start = pos; start < s.size() && !found; ++start) {
      size_t ws_end = start;
      while (ws_end < s.size() && is_space(s[ws_end])) ++ws_end;
      // Greedy \s* backs off one character at a time, as the regex engine does.
      for (size_t k = ws_end + 1; k-- > start;) {
        const size_t e = match_group(s, k);
        if (e == std::string_view::npos) continue;
        std::string tok(s.substr(k, e - k));
        if (tok.size() >= 2 && (tok.front() == '"' || tok.front() == '\'') && tok.back() == tok.front())
          tok = tok.substr(1, tok.size() - 2);
        out.push_back(std::move(tok));
        size_t next = e;
        while (next < s.size() && is_space(s[next])) ++next;
        pos = next;
        found = true;
        break;
      }
    }
    if (!found) break;
  }
  return out;
}

namespace {

struct Parser {
  const OptionsSpec& spec;
  ParsedCommandLine cl;
  std::string error;
  std::string current;          // option waiting for its value ("" = none)
  bool current_has_value = false;
  bool skip = false;
  std::map<size_t, std::string> selected;  // group index -> selected option

  const OptionSpec* find(std::string_view n) const {
    for (const auto& o : spec.options)
      if (o.name == n) return &o;
    return nullptr;
  }
  bool fail(std::string e) {
    if (error.empty()) error = std::move(e);
    return false;
  }
  bool check_required_args() {
    if (!current.empty() && !current_has_value)
      return fail("org.apache.commons.cli.MissingArgumentException: Missing argument for option: " + current);
    return true;
  }
  bool handle_option(const OptionSpec& o) {
    if (!check_required_args()) return false;
    for (size_t g = 0; g < spec.groups.size(); ++g) {
      for (const auto& n : spec.groups[g].names) {
        if (n != o.name) continue;
        auto it = selected.find(g);
        if (it != selected.end() && it->second != o.name)
          return fail("org.apache.commons.cli.AlreadySelectedException: The option '" + o.name +
                      "' was specified but an option from this group has already been selected: '" + it->second + "'");
        selected[g] = o.name;
      }
    }
    if (!cl.values.count(o.name)) cl.values[o.name] = "";
    current = o.has_arg ? o.name : "";
    current_has_value = false;
    return true;
  }
  void add_value(const std::string& v) {
    auto& slot = cl.values[current];
    if (!current_has_value) slot = v;  // getOptionValue returns the first value
    current_has_value = true;
    current.clear();                   // every zkCli option takes exactly one value
  }
  bool unknown(const std::string& tok) {
    if (tok.size() > 1 && tok[0] == '-') return fail("org.apache.commons.cli.UnrecognizedOptionException: Unrecognized option: " + tok);
    cl.args.push_back(tok);
    return true;
  }
  static bool negative_number(const std::string& t) {
    if (t.size() < 2 || t[0] != '-') return false;
    bool digit = false;
    for (size_t i = 1; i < t.size(); ++i) {
      const char c = t[i];
      if (c >= '0' && c <= '9') digit = true;
      else if (c != '.' && c != 'e' && c != 'E' && c != '+' && c != '-') return false;
    }
    return digit;
  }
  bool is_short_option(const std::string& t) const {
    if (t.size() < 2 || t[0] != '-') return false;
    const size_t eq = t.find('=');
    const std::string name = eq == std::string::npos ? t.substr(1) : t.substr(1, eq - 1);
    if (find(name)) return true;
    return !name.empty() && find(name.substr(0, 1));
  }
  bool concatenated(const std::string& tok) {
    for (size_t i = 1; i < tok.size(); ++i) {
      const OptionSpec* o = find(tok.substr(i, 1));
      if (!o) return unknown(tok);
      if (!handle_option(*o)) return false;
      if (!current.empty() && i + 1 != tok.size()) {
        add_value(tok.substr(i + 1));
        break;
      }
    }
    return true;
  }
  bool short_and_long(const std::string& tok) {
    const std::string t = tok.substr(1);
    const size_t eq = t.find('=');
    if (t.size() == 1) {
      if (const OptionSpec* o = find(t)) return handle_option(*o);
      return unknown(tok);
    }
    if (eq == std::string::npos) {
      if (const OptionSpec* o = find(t)) return handle_option(*o);
      return concatenated(tok);
    }
    const std::string name = t.substr(0, eq);
    if (name.size() == 1) {
      const OptionSpec* o = find(name);
      if (o && o->has_arg) {
        if (!handle_option(*o)) return false;
        add_value(t.substr(eq + 1));
        return true;
      }
      return unknown(tok);
    }
    return fail("org.apache.commons.cli.UnrecognizedOptionException: Unrecognized option: " + tok);
  }
  bool token(const std::string& tok) {
    bool ok = true;
    if (skip) cl.args.push_back(tok);
    else if (tok == "--") skip = true;
    else if (!current.empty() && (!is_short_option(tok) || negative_number(tok))) {
      std::string v = tok;
      if (v.size() > 1 && v.front() == '"' && v.back() == '"' && v.substr(1, v.size() - 2).find('"') == std::string::npos)
        v = v.substr(1, v.size() - 2);
      add_value(v);
    } else if (tok.rfind("--", 0) == 0) ok = fail("org.apache.commons.cli.UnrecognizedOptionException: Unrecognized option: " + tok);
    else if (tok.size() > 1 && tok[0] == '-') ok = short_and_long(tok);
    else ok = unknown(tok);
    return ok;
  }
};

}  // namespace

ParseOutcome parse_options(const OptionsSpec& spec, const std::vector<std::string>& tokens) {
  Parser p{spec, {}, {}, {}, false, false, {}};
  for (const auto& t : tokens)
    if (!p.token(t)) return {std::nullopt, p.error};
  if (!p.check_required_args()) return {std::nullopt, p.error};
  for (size_t g = 0; g < spec.groups.size(); ++g) {
    if (!spec.groups[g].required || p.selected.count(g)) continue;
    std::string msg = "org.apache.commons.cli.MissingOptionException: Missing required option: [";
    for (size_t i = 0; i < spec.groups[g].names.size(); ++i) {
      const OptionSpec* o = p.find(spec.groups[g].names[i]);
      if (i) msg += ", ";
      msg += "-" + spec.groups[g].names[i] + (o ? " " + o->description : "");
    }
    return {std::nullopt, msg + "]"};
  }
  return {std::move(p.cl), {}};
}

std::optional<int64_t> java_parse_long(std::string_view s, int radix) {
  if (s.empty()) return std::nullopt;
  size_t i = 0;
  bool neg = false;
  if (s[0] == '-' || s[0] == '+') {
    neg = s[0] == '-';
    i = 1;
    if (s.size() == 1) return std::nullopt;
  }
  // Accumulate negatively so INT64_MIN parses.
  int64_t acc = 0;
  const int64_t limit = neg ? std::numeric_limits<int64_t>::min() : -std::numeric_limits<int64_t>::max();
  for (; i < s.size(); ++i) {
    const char c = s[i];
    int d = -1;
    if (c >= '0' && c <= '9') d = c - '0';
    else if (c >= 'a' && c <= 'z') d = c - 'a' + 10;
    else if (c >= 'A' && c <= 'Z') d = c - 'A' + 10;
    if (d < 0 || d >= radix) return std::nullopt;
    if (acc < limit / radix) return std::nullopt;
    acc *= radix;
    if (acc < limit + d) return std::nullopt;
    acc -= d;
  }
  return neg ? acc : -acc;
}

std::optional<int32_t> java_parse_int(std::string_view s) {
  auto v = java_parse_long(s);
  if (!v || *v < std::numeric_limits<int32_t>::min() || *v > std::numeric_limits<int32_t>::max()) return std::nullopt;
  return static_cast<int32_t>(*v);
}

std::optional<int32_t> java_decode_int(std::string_view s) {
  if (s.empty()) return std::nullopt;
  size_t i = 0;
  bool neg = false;
  if (s[0] == '-' || s[0] == '+') { neg = s[0] == '-'; i = 1; }
  int radix = 10;
  if (s.substr(i, 2) == "0x" || s.substr(i, 2) == "0X") { radix = 16; i += 2; }
  else if (s.substr(i, 1) == "#") { radix = 16; i += 1; }
  else if (s.substr(i, 1) == "0" && s.size() > i + 1) { radix = 8; i += 1; }
  const std::string_view rest = s.substr(i);
  if (rest.empty() || rest[0] == '-' || rest[0] == '+') return std::nullopt;
  auto v = java_parse_long(rest, radix);
  if (!v) return std::nullopt;
  const int64_t r = neg ? -*v : *v;
  if (r < std::numeric_limits<int32_t>::min() || r > std::numeric_limits<int32_t>::max()) return std::nullopt;
  return static_cast<int32_t>(r);
}

}  // namespace zoolab::core::zk
