// zkCli line splitting (ZooKeeperMain's ARGS_PATTERN) and commons-cli DefaultParser option parsing.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace zoolab::core::zk {

// Splits a typed line the way ZooKeeperMain.parseCommand does: whitespace-separated tokens,
// "double" or 'single' quoted tokens with the quotes stripped, unmatched quotes skipped.
std::vector<std::string> tokenize_line(std::string_view line);

struct OptionSpec {
  std::string name;         // short option name; zkCli also uses multi-letter ones ("members")
  bool has_arg = false;
  std::string description;  // appears in MissingOptionException messages
};
struct OptionGroupSpec {
  std::vector<std::string> names;
  bool required = false;
};
struct OptionsSpec {
  std::vector<OptionSpec> options;
  std::vector<OptionGroupSpec> groups;
};

struct ParsedCommandLine {
  std::vector<std::string> args;                      // non-option arguments, command name first
  std::map<std::string, std::string> values;          // option -> value ("" for flags)
  bool has(const std::string& o) const { return values.count(o) != 0; }
  std::string value(const std::string& o) const {
    auto it = values.find(o);
    return it == values.end() ? std::string() : it->second;
  }
  bool operator==(const ParsedCommandLine&) const = default;
};

struct ParseOutcome {
  std::optional<ParsedCommandLine> line;
  std::string error;  // "org.apache.commons.cli.UnrecognizedOptionException: Unrecognized option: -z"
};

// commons-cli DefaultParser (stopAtNonOption = false): options may appear anywhere, `-v3` and
// `-v 3` both give v the value 3, `-sw` is -s -w, `--` ends option parsing.
ParseOutcome parse_options(const OptionsSpec& spec, const std::vector<std::string>& tokens);

// Java Integer.parseInt / Long.parseLong (decimal, optional sign, range-checked).
std::optional<int32_t> java_parse_int(std::string_view s);
std::optional<int64_t> java_parse_long(std::string_view s, int radix = 10);
// Integer.decode: also accepts 0x/0X/#/leading-0 octal.
std::optional<int32_t> java_decode_int(std::string_view s);

}  // namespace zoolab::core::zk
