// Machine names, durations and latency models, as header and timeline lines write them.
#include "sim/scenario/parse_common.h"

#include "sim/scenario/value_parse.h"

namespace zoolab::sim::scenario_text {
namespace {

constexpr std::string_view kModelKeywords[] = {"fixed", "uniform", "normal", "longtail"};
constexpr std::string_view kModelHint =
    "a latency like 2ms, uniform 1ms 5ms, normal 5ms 1ms or longtail 2ms 50ms";

bool is_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

}  // namespace

bool is_valid_name(std::string_view name) {
  if (name.empty() || !is_letter(name[0])) return false;
  for (char c : name) {
    if (!is_letter(c) && !is_digit(c) && c != '-' && c != '_' && c != '.') return false;
  }
  for (std::string_view k : kModelKeywords) {
    if (name == k) return false;
  }
  return true;
}

std::string known_names(const Scenario& sc) {
  std::string out;
  for (const NodeDecl& n : sc.nodes)
    out += (out.empty() ? "" : ", ") + n.name;
  return out.empty() ? "(none declared)" : out;
}

NodeId read_node(Cursor& c, const Scenario& sc) {
  return node_of(c, c.next([&] { return "a machine name (" + known_names(sc) + ")"; }), sc);
}

NodeId node_of(const Cursor& c, const Word& w, const Scenario& sc) {
  if (const std::optional<NodeId> id = sc.find(w.text)) return *id;
  if (sc.nodes.empty()) {
    c.fail(w, "unknown name " + quote(w.text),
           "a machine declared in the header (server.N=HOST:2888:3888 or process NAME KIND)");
  }
  c.fail(w, "unknown name " + quote(w.text), "one of " + known_names(sc));
}

core::Duration read_duration(Cursor& c, std::string_view what) {
  const Word& w = c.next([&] { return std::string(what) + ", " + std::string(kDurationHint); });
  std::string why;
  const std::optional<core::Duration> d = parse_duration(w.text, &why);
  if (!d) c.fail(w, why, std::string(what) + ", " + std::string(kDurationHint));
  return *d;
}

bool starts_latency_model(const Word& w) {
  if (w.text.empty()) return false;
  for (std::string_view k : kModelKeywords) {
    if (w.text == k) return true;
  }
  return is_digit(w.text[0]);
}

LatencyModel read_latency_model(Cursor& c) {
  const Word& first = c.next(kModelHint);
  if (!starts_latency_model(first))
    c.fail(first, "unknown latency model " + quote(first.text), std::string(kModelHint));
  if (is_digit(first.text[0])) {
    std::string why;
    const std::optional<core::Duration> d = parse_duration(first.text, &why);
    if (!d) c.fail(first, why, std::string(kModelHint));
    return FixedLatency{*d};
  }
  if (first.text == "fixed") return FixedLatency{read_duration(c, "the latency")};
  if (first.text == "uniform") {
    const core::Duration lo = read_duration(c, "the lowest latency");
    const Word* hi_word = c.at_end() ? nullptr : &c.peek();  // read_duration fails when null
    const core::Duration hi = read_duration(c, "the highest latency");
    if (hi < lo) {
      c.fail(*hi_word, "the highest latency is below the lowest",
             "a highest latency of at least " + core::format_duration(lo));
    }
    return UniformLatency{lo, hi};
  }
  if (first.text == "normal") {
    const core::Duration mean = read_duration(c, "the mean latency");
    const core::Duration stddev = read_duration(c, "the standard deviation");
    return NormalLatency{mean, stddev};
  }
  const core::Duration median = read_duration(c, "the median latency");
  const Word* p99_word = c.at_end() ? nullptr : &c.peek();  // read_duration fails when null
  const core::Duration p99 = read_duration(c, "the 99th percentile latency");
  if (median.ns <= 0 || p99 <= median) {
    c.fail(*p99_word, "a long tail needs 0 < median < p99",
           "a 99th percentile above the median " + core::format_duration(median));
  }
  return LongTailLatency{median, p99};
}

SetLatency read_latency_setting(Cursor& c, const Scenario& sc) {
  SetLatency s;
  if (!c.at_end() && !starts_latency_model(c.peek())) {
    const Word* a_word = &c.peek();
    s.a = read_node(c, sc);
    if (!c.at_end() && starts_latency_model(c.peek())) {
      c.fail(c.peek(), "a link needs two machine names",
             "a second machine name (" + known_names(sc) + ")");
    }
    s.b = read_node(c, sc);
    if (s.a == s.b)
      c.fail(*a_word, "a link needs two different machines", "two different machine names");
  }
  s.model = read_latency_model(c);
  c.expect_end();
  return s;
}

}  // namespace zoolab::sim::scenario_text
