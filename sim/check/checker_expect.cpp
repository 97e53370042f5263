// The `expect violation NAME` check: validated here, evaluated by sim::Run (it owns the checkers).
#include "sim/check/checker_expect.h"

#include "sim/check/checker.h"

namespace zoolab::sim::check {

const std::vector<std::string>& standard_checker_names() {
  static const std::vector<std::string> kNames = standard_checkers().names();
  return kNames;
}

void add_violation_expect(std::map<std::string, ExpectCheck>& checks) {
  checks["violation"] = {
      "violation NAME",
      [](const Scenario&, const std::vector<std::string>& a) -> std::string {
        std::string known;
        for (const std::string& n : standard_checker_names()) known += (known.empty() ? "" : ", ") + n;
        if (a.size() != 1) return "expected one checker name: " + known;
        for (const std::string& n : standard_checker_names())
          if (n == a[0]) return "";
        return "unknown checker '" + a[0] + "'; expected one of: " + known;
      },
      [](const World&, const Scenario&, const std::vector<std::string>&) {
        return ExpectOutcome{false, "only a run (which owns the checkers) can evaluate this"};
      }};
}

}  // namespace zoolab::sim::check
