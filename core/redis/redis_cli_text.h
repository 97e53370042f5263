// What redis-cli does with text: split a typed line into arguments (sdssplitargs) and print a
// reply the way redis-cli 7 does on a terminal (`(integer) 1`, `"owner1"`, `(nil)`, numbered arrays)
// or when its stdout is not a terminal (raw).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/proto/redis_protocol.h"

namespace zoolab::core::redis {

// Words separated by blanks; "double quotes" with \n \r \t \b \a \xHH \" \\ escapes, 'single
// quotes' with \' only. nullopt for unbalanced quotes or a closing quote followed by a non-blank:
// redis-cli then prints "Invalid argument(s)".
std::optional<std::vector<std::string>> split_args(std::string_view line);
// sdscatrepr: a quoted string with C escapes, non-printable bytes as \xHH.
std::string repr(std::string_view s);
// redis-cli on a terminal; ends with a newline.
std::string format_reply_tty(const RedisReply& r);
// redis-cli with stdout not a terminal (or --raw); ends with a newline (errors with two).
std::string format_reply_raw(const RedisReply& r);

}  // namespace zoolab::core::redis
