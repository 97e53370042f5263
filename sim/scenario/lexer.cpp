// Scenario text to lines of words: UTF-8 checks, comments, quoted strings, `|` and `->`.
#include "sim/scenario/lexer.h"

#include <algorithm>
#include <cstdint>

namespace zoolab::sim::scenario_text {
namespace {

bool is_blank(char c) {
  return c == ' ' || c == '\t';
}

// Length of the valid UTF-8 sequence starting at s[i], or 0 when it is not valid
// (overlong forms, surrogates and code points past U+10FFFF are invalid).
size_t utf8_sequence_length(std::string_view s, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<uint8_t>(s[k]); };
  const uint8_t b0 = byte(i);
  if (b0 < 0x80) return 1;
  size_t len = 0;
  uint32_t cp = 0;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2, cp = b0 & 0x1F;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3, cp = b0 & 0x0F;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4, cp = b0 & 0x07;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (size_t k = 1; k < len; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  static constexpr uint32_t kMinForLength[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMinForLength[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

std::string hex_byte(unsigned char c) {
  constexpr char kDigits[] = "0123456789ABCDEF";
  return std::string("0x") + kDigits[c >> 4] + kDigits[c & 15];
}

void check_characters(std::string_view line, const SourceLoc& line_loc) {
  const auto at = [&](size_t i) {
    return SourceLoc{line_loc.file, line_loc.line, static_cast<int>(i) + 1};
  };
  for (size_t i = 0; i < line.size();) {
    const auto c = static_cast<unsigned char>(line[i]);
    if ((c < 0x20 && c != '\t') || c == 0x7F) {
      throw ScenarioError(at(i), "control character " + hex_byte(c) + " in the text",
                          "printable UTF-8 text");
    }
    const size_t len = utf8_sequence_length(line, i);
    if (len == 0) throw ScenarioError(at(i), "invalid UTF-8 byte " + hex_byte(c), "UTF-8 text");
    i += len;
  }
}

class LineLexer {
 public:
  LineLexer(std::string_view text, SourceLoc loc) : s_(text), loc_(std::move(loc)) {}

  Line run() {
    Line line;
    line.number = loc_.line;
    size_t end = s_.size();  // where the comment starts
    while (true) {
      while (i_ < s_.size() && is_blank(s_[i_]))
        ++i_;
      if (i_ >= s_.size()) break;
      if (s_[i_] == '#') {
        end = i_;
        break;
      }
      line.words.push_back(read_word());
    }
    size_t begin = 0;
    while (begin < end && is_blank(s_[begin]))
      ++begin;
    while (end > begin && is_blank(s_[end - 1]))
      --end;
    line.text = std::string(s_.substr(begin, end - begin));
    line.text_column = static_cast<int>(begin) + 1;
    return line;
  }

 private:
  bool at_arrow(size_t k) const { return k + 1 < s_.size() && s_[k] == '-' && s_[k + 1] == '>'; }

  Word read_word() {
    Word w;
    w.column = static_cast<int>(i_) + 1;
    if (s_[i_] == '|') {
      w.text = "|";
      ++i_;
      return w;
    }
    if (at_arrow(i_)) {
      w.text = "->";
      i_ += 2;
      return w;
    }
    while (i_ < s_.size() && !is_blank(s_[i_]) && s_[i_] != '|' && !at_arrow(i_)) {
      if (s_[i_] == '"') {
        read_string(w);
        continue;
      }
      // s_[i_] is plain; copy up to the next character that may end the word or open a string.
      const size_t stop = std::min(s_.find_first_of(" \t|\"-", i_ + 1), s_.size());
      w.text.append(s_.substr(i_, stop - i_));
      i_ = stop;
    }
    return w;
  }

  void read_string(Word& w) {
    const size_t open = i_++;
    w.quoted = true;
    while (i_ < s_.size() && s_[i_] != '"') {
      if (s_[i_] == '\\') {
        if (i_ + 1 >= s_.size() || (s_[i_ + 1] != '"' && s_[i_ + 1] != '\\')) {
          throw ScenarioError(at(i_), "unknown escape in a string", "\\\" or \\\\");
        }
        w.text += s_[i_ + 1];
        i_ += 2;
        continue;
      }
      const size_t stop = std::min(s_.find_first_of("\"\\", i_), s_.size());
      w.text.append(s_.substr(i_, stop - i_));
      i_ = stop;
    }
    if (i_ >= s_.size()) throw ScenarioError(at(open), "unterminated string", "a closing \"");
    ++i_;  // the closing quote
  }

  SourceLoc at(size_t k) const {
    SourceLoc l = loc_;
    l.column = static_cast<int>(k) + 1;
    return l;
  }

  std::string_view s_;
  SourceLoc loc_;
  size_t i_ = 0;
};

}  // namespace

std::vector<Line> split_lines(std::string_view text, const std::string& file) {
  constexpr std::string_view kBom = "\xEF\xBB\xBF";
  if (text.substr(0, kBom.size()) == kBom) text.remove_prefix(kBom.size());
  std::vector<Line> lines;
  lines.reserve(static_cast<size_t>(std::count(text.begin(), text.end(), '\n')) + 1);
  int number = 0;
  while (!text.empty()) {
    ++number;
    const size_t nl = text.find('\n');
    std::string_view raw = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    const SourceLoc loc{file, number, 1};
    check_characters(raw, loc);
    Line line = LineLexer(raw, loc).run();
    if (!line.words.empty()) lines.push_back(std::move(line));
  }
  return lines;
}

void Cursor::expect_end() {
  if (!at_end()) fail(peek(), "unexpected " + quote(peek().text), "the end of the line");
}

void Cursor::fail(const Word& at, std::string problem, std::string expected) const {
  throw ScenarioError(loc(at.column), std::move(problem), std::move(expected));
}

void Cursor::fail_at_end(std::string problem, std::string expected) const {
  const int column = line_.text_column + static_cast<int>(line_.text.size());
  throw ScenarioError(loc(column), std::move(problem), std::move(expected));
}

std::string quote(std::string_view word) {
  return "`" + std::string(word) + "`";
}

}  // namespace zoolab::sim::scenario_text
