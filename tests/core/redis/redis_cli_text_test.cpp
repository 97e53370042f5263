// redis-cli's line splitting (sdssplitargs) and reply printing, plus a random-bytes run of the
// splitter (no crash; unbalanced quotes give "Invalid argument(s)").
#include <doctest/doctest.h>

#include "core/base/rng.h"
#include "core/redis/redis_cli_text.h"
#include "core/redis/redis_reply.h"

using namespace zoolab::core;
using namespace zoolab::core::redis;

using Args = std::vector<std::string>;

TEST_CASE("split_args: words, double quotes with escapes, single quotes") {
  CHECK(split_args("SET lock client-3 NX PX 30000") == Args{"SET", "lock", "client-3", "NX", "PX", "30000"});
  CHECK(split_args("  get   k  ") == Args{"get", "k"});
  CHECK(split_args("") == Args{});
  CHECK(split_args("set k \"hello world\"") == Args{"set", "k", "hello world"});
  CHECK(split_args("set k \"a\\nb\\t\\x41\\\"\\\\\"") == Args{"set", "k", "a\nb\tA\"\\"});
  CHECK(split_args("set k 'it\\'s \"x\"'") == Args{"set", "k", "it's \"x\""});
  CHECK(split_args("set k ''") == Args{"set", "k", ""});
  CHECK(split_args("a\"b c\"") == Args{"ab c"});  // a quote opens mid-word, as in sdssplitargs
  CHECK_FALSE(split_args("set k \"unterminated"));
  CHECK_FALSE(split_args("set k 'unterminated"));
  CHECK_FALSE(split_args("set k \"ab\"c"));
  CHECK_FALSE(split_args("set k 'ab'c"));
}

TEST_CASE("format_reply_tty: exactly as redis-cli on a terminal (§14.14)") {
  CHECK(format_reply_tty(ok_reply()) == "OK\n");
  CHECK(format_reply_tty(int_reply(1)) == "(integer) 1\n");
  CHECK(format_reply_tty(int_reply(-2)) == "(integer) -2\n");
  CHECK(format_reply_tty(bulk_reply("owner1")) == "\"owner1\"\n");
  CHECK(format_reply_tty(bulk_reply("a\"b\\\n\x01\xff")) == "\"a\\\"b\\\\\\n\\x01\\xff\"\n");
  CHECK(format_reply_tty(nil_reply()) == "(nil)\n");
  CHECK(format_reply_tty(error_reply("ERR invalid expire time in 'set' command")) ==
        "(error) ERR invalid expire time in 'set' command\n");
  CHECK(format_reply_tty(array_reply({})) == "(empty array)\n");
  CHECK(format_reply_tty(array_reply({bulk_reply("r2"), bulk_reply("6379")})) == "1) \"r2\"\n2) \"6379\"\n");
  std::vector<RedisReply> ten;
  for (int i = 0; i < 10; ++i) ten.push_back(int_reply(i));
  const std::string t = format_reply_tty(array_reply(ten));
  CHECK(t.rfind(" 1) (integer) 0\n 2) (integer) 1\n", 0) == 0);
  CHECK(t.find("10) (integer) 9\n") != std::string::npos);
  const RedisReply nested = array_reply({bulk_reply("master"), int_reply(42), array_reply({array_reply({bulk_reply("r2"), bulk_reply("6379")})})});
  CHECK(format_reply_tty(nested) == "1) \"master\"\n2) (integer) 42\n3) 1) 1) \"r2\"\n      2) \"6379\"\n");
}

TEST_CASE("format_reply_raw: stdout not a terminal") {
  CHECK(format_reply_raw(int_reply(1)) == "1\n");
  CHECK(format_reply_raw(bulk_reply("owner1")) == "owner1\n");
  CHECK(format_reply_raw(nil_reply()) == "\n");
  CHECK(format_reply_raw(error_reply("ERR syntax error")) == "ERR syntax error\n\n");
  CHECK(format_reply_raw(array_reply({bulk_reply("a"), bulk_reply("b")})) == "a\nb\n");
}

TEST_CASE("split_args on random bytes never crashes and round-trips through repr") {
  Rng rng(42);
  const std::string alphabet = "ab \"'\\x0f\t\n";
  int rejected = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string line;
    const size_t len = rng.uniform_u64(0, 24);
    for (size_t j = 0; j < len; ++j)
      line += i % 2 ? static_cast<char>(rng.uniform_u64(0, 255)) : alphabet[rng.uniform_u64(0, alphabet.size() - 1)];
    auto args = split_args(line);
    if (!args) {
      ++rejected;
      continue;
    }
    // Quoting every argument with repr and splitting again gives the same arguments.
    std::string again;
    for (const auto& a : *args) again += repr(a) + " ";
    CHECK(split_args(again) == args);
  }
  CHECK(rejected > 100);
}
