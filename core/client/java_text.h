// Java-compatible text rendering the zkCli output depends on: Date.toString, String order,
// List.toString, the stat block, jute's Id rendering and WatchedEvent.toString.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/proto/client_protocol.h"

namespace zoolab::core::zk {

// java.util.Date.toString() in UTC: "Thu Jan 01 00:00:00 UTC 1970".
std::string java_date(int64_t epoch_ms);
// Civil date from days since 1970-01-01 (proleptic Gregorian), for java_date and tests.
struct CivilDate { int64_t year; int month; int day; };
CivilDate civil_from_days(int64_t days);

// String.compareTo: UTF-16 code unit order (differs from UTF-8 byte order above U+FFFF).
bool java_string_less(std::string_view a, std::string_view b);
void java_sort(std::vector<std::string>& v);
// AbstractCollection.toString: "[a, b]".
std::string java_list(const std::vector<std::string>& v);

// StatPrinter: the 11 "key = value" lines, each ending in '\n'.
std::string stat_block(const Stat& s);
// jute ToStringOutputArchive rendering of an Id: "'world,'anyone" (with %-escapes).
std::string jute_id(const Id& id);
// WatchedEvent.toString() of 3.8: "WatchedEvent state:SyncConnected type:None path:null".
std::string watched_event_text(KeeperState state, EventType type, const std::string* path);

// The code points of a UTF-8 string as Java chars would see them (invalid bytes -> U+FFFD).
std::vector<uint32_t> utf8_code_points(std::string_view s);
std::string utf8_encode(uint32_t cp);

}  // namespace zoolab::core::zk
