// Splits scenario text into lines of words (with byte columns) and walks them with a cursor
// whose failures carry file:line:column.
#pragma once

#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "sim/scenario/parser.h"

namespace zoolab::sim::scenario_text {

struct Word {
  std::string text;     // quotes removed and escapes resolved
  int column = 0;       // 1-based byte column of the word's first character
  bool quoted = false;  // some part of it was a "..." string
};

struct Line {
  int number = 0;       // 1-based
  std::string text;     // without the comment and surrounding blanks
  int text_column = 1;  // column of text[0]
  std::vector<Word> words;
};

// Every non-blank, non-comment line. `#` starts a comment at the start of a word outside
// quotes; `|` and `->` are words of their own even without blanks around them.
// Throws ScenarioError on invalid UTF-8, control characters and unterminated strings.
std::vector<Line> split_lines(std::string_view text, const std::string& file);

// Reads the words of one line in order; every failure names the word it is about.
class Cursor {
 public:
  Cursor(const std::string& file, const Line& line, size_t first_word = 0)
      : file_(file), line_(line), pos_(first_word) {}

  bool at_end() const { return pos_ >= line_.words.size(); }
  const Word& peek() const { return line_.words[pos_]; }  // only when !at_end()
  bool peek_is(std::string_view text) const { return !at_end() && peek().text == text; }
  // The next word; at the end of the line fails saying what was expected: `expected` is text,
  // or a function that makes it (long lists are built only when an error needs them).
  template <class Expected>
  const Word& next(const Expected& expected) {
    if (at_end()) {
      if constexpr (std::is_invocable_v<Expected>) {
        fail_at_end("the line ends too early", expected());
      } else {
        fail_at_end("the line ends too early", std::string(expected));
      }
    }
    return line_.words[pos_++];
  }
  // Fails unless the line has no more words.
  void expect_end();
  size_t position() const { return pos_; }

  [[noreturn]] void fail(const Word& at, std::string problem, std::string expected) const;
  [[noreturn]] void fail_at_end(std::string problem, std::string expected) const;
  SourceLoc loc(int column) const { return SourceLoc{file_, line_.number, column}; }
  const Line& line() const { return line_; }

 private:
  const std::string& file_;
  const Line& line_;
  size_t pos_;
};

// "`word`", for messages.
std::string quote(std::string_view word);

}  // namespace zoolab::sim::scenario_text
