// Java-compatible renderings (see java_text.h); written from the Java behaviour, not its code.
#include "core/client/java_text.h"

#include <algorithm>

namespace zoolab::core::zk {

CivilDate civil_from_days(int64_t days) {
  // Shift the epoch to 0000-03-01 so leap days fall at the end of each 400-year era.
  const int64_t z = days + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;                                   // [0, 146096]
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);            // [0, 365]
  const int64_t mp = (5 * doy + 2) / 153;                                 // [0, 11]
  const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return {yoe + era * 400 + (month <= 2 ? 1 : 0), month, day};
}

namespace {
std::string two(int64_t v) {
  std::string s = std::to_string(v);
  return s.size() < 2 ? "0" + s : s;
}
int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0); }
}  // namespace

std::string java_date(int64_t epoch_ms) {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const int64_t secs = floor_div(epoch_ms, 1000);
  const int64_t days = floor_div(secs, 86400);
  const int64_t sod = secs - days * 86400;
  const CivilDate d = civil_from_days(days);
  const int64_t wd = ((days % 7) + 7 + 4) % 7;  // 1970-01-01 was a Thursday
  return std::string(kDays[wd]) + " " + kMonths[d.month - 1] + " " + two(d.day) + " " + two(sod / 3600) + ":" +
         two(sod / 60 % 60) + ":" + two(sod % 60) + " UTC " + std::to_string(d.year);
}

std::vector<uint32_t> utf8_code_points(std::string_view s) {
  std::vector<uint32_t> out;
  size_t i = 0;
  while (i < s.size()) {
    const auto b = static_cast<unsigned char>(s[i]);
    int len = 0;
    uint32_t cp = 0;
    if (b < 0x80) { len = 1; cp = b; }
    else if ((b & 0xe0) == 0xc0) { len = 2; cp = b & 0x1f; }
    else if ((b & 0xf0) == 0xe0) { len = 3; cp = b & 0x0f; }
    else if ((b & 0xf8) == 0xf0) { len = 4; cp = b & 0x07; }
    bool ok = len > 0 && i + static_cast<size_t>(len) <= s.size();
    for (int k = 1; ok && k < len; ++k) {
      const auto c = static_cast<unsigned char>(s[i + static_cast<size_t>(k)]);
      if ((c & 0xc0) != 0x80) ok = false;
      else cp = (cp << 6) | (c & 0x3f);
    }
    if (!ok) { out.push_back(0xfffd); ++i; continue; }
    out.push_back(cp);
    i += static_cast<size_t>(len);
  }
  return out;
}

std::string utf8_encode(uint32_t cp) {
  std::string s;
  if (cp < 0x80) s += static_cast<char>(cp);
  else if (cp < 0x800) { s += static_cast<char>(0xc0 | (cp >> 6)); s += static_cast<char>(0x80 | (cp & 0x3f)); }
  else if (cp < 0x10000) {
    s += static_cast<char>(0xe0 | (cp >> 12)); s += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    s += static_cast<char>(0x80 | (cp & 0x3f));
  } else {
    s += static_cast<char>(0xf0 | (cp >> 18)); s += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
    s += static_cast<char>(0x80 | ((cp >> 6) & 0x3f)); s += static_cast<char>(0x80 | (cp & 0x3f));
  }
  return s;
}

namespace {
std::vector<uint16_t> utf16(std::string_view s) {
  std::vector<uint16_t> out;
  for (uint32_t cp : utf8_code_points(s)) {
    if (cp >= 0x10000) {
      cp -= 0x10000;
      out.push_back(static_cast<uint16_t>(0xd800 + (cp >> 10)));
      out.push_back(static_cast<uint16_t>(0xdc00 + (cp & 0x3ff)));
    } else {
      out.push_back(static_cast<uint16_t>(cp));
    }
  }
  return out;
}
}  // namespace

bool java_string_less(std::string_view a, std::string_view b) {
  // Plain ASCII (the common case) orders the same in bytes and UTF-16.
  const bool ascii = std::all_of(a.begin(), a.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; }) &&
                     std::all_of(b.begin(), b.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (ascii) return a < b;
  return utf16(a) < utf16(b);
}

void java_sort(std::vector<std::string>& v) {
  std::stable_sort(v.begin(), v.end(), [](const std::string& x, const std::string& y) { return java_string_less(x, y); });
}

std::string java_list(const std::vector<std::string>& v) {
  std::string s = "[";
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) s += ", ";
    s += v[i];
  }
  return s + "]";
}

std::string stat_block(const Stat& s) {
  std::string o;
  o += "cZxid = " + hex(s.czxid) + "\n";
  o += "ctime = " + java_date(s.ctime_ms) + "\n";
  o += "mZxid = " + hex(s.mzxid) + "\n";
  o += "mtime = " + java_date(s.mtime_ms) + "\n";
  o += "pZxid = " + hex(s.pzxid) + "\n";
  o += "cversion = " + std::to_string(s.cversion) + "\n";
  o += "dataVersion = " + std::to_string(s.version) + "\n";
  o += "aclVersion = " + std::to_string(s.aversion) + "\n";
  o += "ephemeralOwner = " + hex(s.ephemeral_owner) + "\n";
  o += "dataLength = " + std::to_string(s.data_length) + "\n";
  o += "numChildren = " + std::to_string(s.num_children) + "\n";
  return o;
}

namespace {
std::string jute_escape(const std::string& s) {
  std::string o;
  for (char c : s) {
    switch (c) {
      case ',': o += "%2C"; break;
      case '%': o += "%25"; break;
      case '}': o += "%7D"; break;
      case '\n': o += "%0A"; break;
      case '\r': o += "%0D"; break;
      case '\0': o += "%00"; break;
      default: o += c;
    }
  }
  return o;
}
}  // namespace

std::string jute_id(const Id& id) { return "'" + jute_escape(id.scheme) + ",'" + jute_escape(id.id); }

std::string watched_event_text(KeeperState state, EventType type, const std::string* path) {
  return "WatchedEvent state:" + std::string(keeper_state_name(state)) + " type:" + std::string(event_type_name(type)) +
         " path:" + (path ? *path : std::string("null"));
}

}  // namespace zoolab::core::zk
