// Pure zkCli text pieces: tokenizer, commons-cli option parsing, AclParser, Java dates and
// string order, usage lines, error mapping, StatsTrack.
#include <doctest/doctest.h>

#include "core/client/acl_parser.h"
#include "core/client/java_text.h"
#include "core/client/zkcli_args.h"
#include "core/client/zkcli_jobs.h"
#include "core/client/zkcli_text.h"

using namespace zoolab::core::zk;
using V = std::vector<std::string>;

TEST_CASE("tokenizer follows ZooKeeperMain's ARGS_PATTERN") {
  CHECK(tokenize_line("ls /") == V{"ls", "/"});
  CHECK(tokenize_line("  create   /a   b  ") == V{"create", "/a", "b"});
  CHECK(tokenize_line("create /a \"hello world\"") == V{"create", "/a", "hello world"});
  CHECK(tokenize_line("create /a 'x y' z") == V{"create", "/a", "x y", "z"});
  CHECK(tokenize_line("set /a \"\"") == V{"set", "/a", ""});
  CHECK(tokenize_line("create \"/a b\"") == V{"create", "/a b"});
  CHECK(tokenize_line("a\"b c\"") == V{"a\"b", "c\""});        // a token starting unquoted runs to whitespace
  CHECK(tokenize_line("ls \"/a") == V{"ls", "/a"});            // an unmatched quote is skipped
  CHECK(tokenize_line("\"abc\"def") == V{"abc", "def"});
  CHECK(tokenize_line("   ") == V{" "});                        // \s* backs off: one blank token
  CHECK(tokenize_line("\t ls\t/x") == V{"ls", "/x"});
  CHECK(tokenize_line("\"").empty());
  CHECK(tokenize_line("get /ünï") == V{"get", "/ünï"});
}

TEST_CASE("options parse like commons-cli DefaultParser") {
  const OptionsSpec set = command_options("set");
  auto p = parse_options(set, {"set", "-v", "3", "/a", "x"});
  REQUIRE(p.line);
  CHECK(p.line->args == V{"set", "/a", "x"});
  CHECK(p.line->value("v") == "3");
  p = parse_options(set, {"set", "/a", "-v3", "x", "-s"});
  REQUIRE(p.line);
  CHECK(p.line->value("v") == "3");
  CHECK(p.line->has("s"));
  CHECK(p.line->args == V{"set", "/a", "x"});
  p = parse_options(set, {"set", "-v", "-1", "/a", "x"});
  REQUIRE(p.line);
  CHECK(p.line->value("v") == "-1");  // negative numbers are values
  p = parse_options(set, {"set", "-z", "/a"});
  CHECK_FALSE(p.line);
  CHECK(p.error == "org.apache.commons.cli.UnrecognizedOptionException: Unrecognized option: -z");
  p = parse_options(set, {"set", "/a", "x", "-v"});
  CHECK(p.error == "org.apache.commons.cli.MissingArgumentException: Missing argument for option: v");
  p = parse_options(set, {"set", "-v", "-s"});
  CHECK(p.error == "org.apache.commons.cli.MissingArgumentException: Missing argument for option: v");
  p = parse_options(command_options("get"), {"get", "-sw", "/a"});
  REQUIRE(p.line);
  CHECK((p.line->has("s") && p.line->has("w")));
  p = parse_options(command_options("get"), {"get", "-sz", "/a"});
  CHECK(p.error == "org.apache.commons.cli.UnrecognizedOptionException: Unrecognized option: -sz");
  p = parse_options(command_options("get"), {"get", "--", "-s"});
  REQUIRE(p.line);
  CHECK(p.line->args == V{"get", "-s"});
  p = parse_options(command_options("get"), {"get", "--watch", "/a"});
  CHECK(p.error == "org.apache.commons.cli.UnrecognizedOptionException: Unrecognized option: --watch");
  p = parse_options(command_options("get"), {"get", "-", "/a"});
  REQUIRE(p.line);
  CHECK(p.line->args == V{"get", "-", "/a"});
  p = parse_options(command_options("reconfig"), {"reconfig", "-members", "server.1=a:1:2;3"});
  REQUIRE(p.line);
  CHECK(p.line->value("members") == "server.1=a:1:2;3");
  p = parse_options(command_options("setquota"), {"setquota", "/a"});
  CHECK(p.error == "org.apache.commons.cli.MissingOptionException: Missing required option: [-n num soft quota, "
                   "-b bytes soft quota, -N num hard quota, -B bytes hard quota]");
  p = parse_options(command_options("setquota"), {"setquota", "-n", "2", "-b", "5", "/a"});
  CHECK(p.error == "org.apache.commons.cli.AlreadySelectedException: The option 'b' was specified but an option "
                   "from this group has already been selected: 'n'");
}

TEST_CASE("Java number parsing") {
  CHECK(java_parse_int("42") == 42);
  CHECK(java_parse_int("-2147483648") == INT32_MIN);
  CHECK_FALSE(java_parse_int("2147483648"));
  CHECK_FALSE(java_parse_int("1x"));
  CHECK_FALSE(java_parse_int(""));
  CHECK_FALSE(java_parse_int("-"));
  CHECK(java_parse_long("+7") == 7);
  CHECK(java_parse_long("-9223372036854775808") == INT64_MIN);
  CHECK_FALSE(java_parse_long("9223372036854775808"));
  CHECK(java_parse_long("ff", 16) == 255);
  CHECK(java_decode_int("0x10") == 16);
  CHECK(java_decode_int("010") == 8);
  CHECK(java_decode_int("#f") == 15);
  CHECK(java_decode_int("-3") == -3);
  CHECK_FALSE(java_decode_int("x"));
}

TEST_CASE("AclParser splits at the first and last colon and reports bad entries") {
  ParsedAcl a = parse_acl("world:anyone:cdrwa");
  REQUIRE(a.acl.size() == 1);
  CHECK(a.acl[0].perms == perm::kAll);
  CHECK(a.acl[0].id == Id{"world", "anyone"});
  a = parse_acl("digest:bob:hash=:rw,ip:10.0.0.1:r");
  REQUIRE(a.acl.size() == 2);
  CHECK(a.acl[0].id == Id{"digest", "bob:hash="});
  CHECK(a.acl[0].perms == (perm::kRead | perm::kWrite));
  a = parse_acl("world:anyone:xyz");
  REQUIRE(a.acl.size() == 1);
  CHECK(a.acl[0].perms == 0);
  CHECK(a.errors == V{"Unknown perm type: x", "Unknown perm type: y", "Unknown perm type: z"});
  a = parse_acl("c");
  CHECK(a.acl.empty());
  CHECK(a.errors == V{"c does not have the form scheme:id:perm"});
  a = parse_acl("a:b,world:anyone:r");
  CHECK(a.acl.size() == 1);
  CHECK(a.errors == V{"a:b does not have the form scheme:id:perm"});
  a = parse_acl("");
  CHECK(a.errors == V{" does not have the form scheme:id:perm"});
  a = parse_acl("world:anyone:r,,");
  CHECK(a.errors.empty());
  CHECK(parse_acl("world:anyone:").acl.at(0).perms == 0);
}

TEST_CASE("java.util.Date.toString in UTC, including leap years") {
  CHECK(java_date(0) == "Thu Jan 01 00:00:00 UTC 1970");
  CHECK(java_date(kCalendarStartMs) == "Mon Jan 06 09:00:00 UTC 2025");
  CHECK(java_date(1551957547000LL) == "Thu Mar 07 11:19:07 UTC 2019");
  CHECK(java_date(951782400000LL) == "Tue Feb 29 00:00:00 UTC 2000");   // 400-year leap day
  CHECK(java_date(1709164800000LL) == "Thu Feb 29 00:00:00 UTC 2024");
  CHECK(java_date(1709251199999LL) == "Thu Feb 29 23:59:59 UTC 2024");
  CHECK(java_date(4107542400000LL) == "Mon Mar 01 00:00:00 UTC 2100");  // 2100 is not leap
  CHECK(java_date(-1000) == "Wed Dec 31 23:59:59 UTC 1969");
  CHECK(java_date(253402300799000LL) == "Fri Dec 31 23:59:59 UTC 9999");
  const CivilDate d = civil_from_days(11016);
  CHECK(d.year == 2000);
  CHECK(d.month == 2);
  CHECK(d.day == 29);
}

TEST_CASE("String.compareTo order is UTF-16 code unit order") {
  CHECK(java_string_less("Z", "a"));
  CHECK(java_string_less("a", "ab"));
  CHECK(java_string_less("zookeeper", "ü"));
  // U+FFFD (one unit 0xFFFD) sorts after U+1F600 (surrogates 0xD83D...) in Java, unlike UTF-8 bytes.
  CHECK(java_string_less("\xF0\x9F\x98\x80", "\xEF\xBF\xBD"));
  CHECK_FALSE(std::string("\xF0\x9F\x98\x80") < std::string("\xEF\xBF\xBD"));
  std::vector<std::string> v = {"zookeeper", "b", "A", "a10", "a2", "_x"};
  java_sort(v);
  CHECK(v == V{"A", "_x", "a10", "a2", "b", "zookeeper"});
  CHECK(java_list({}) == "[]");
  CHECK(java_list({"a", "b"}) == "[a, b]");
}

TEST_CASE("stat block, Id rendering and event text") {
  Stat s;
  s.czxid = 2;
  s.mzxid = 5;
  s.pzxid = 2;
  s.ctime_ms = 0;
  s.mtime_ms = 0;
  s.version = 1;
  s.cversion = -1;
  s.ephemeral_owner = static_cast<SessionId>(0x8000000000000001ULL);
  s.data_length = 5;
  CHECK(stat_block(s) ==
        "cZxid = 0x2\nctime = Thu Jan 01 00:00:00 UTC 1970\nmZxid = 0x5\nmtime = Thu Jan 01 00:00:00 UTC 1970\n"
        "pZxid = 0x2\ncversion = -1\ndataVersion = 1\naclVersion = 0\nephemeralOwner = 0x8000000000000001\n"
        "dataLength = 5\nnumChildren = 0\n");
  CHECK(jute_id({"world", "anyone"}) == "'world,'anyone");
  CHECK(jute_id({"digest", "a,b%c}\n"}) == "'digest,'a%2Cb%25c%7D%0A");
  CHECK(watched_event_text(KeeperState::kSyncConnected, EventType::kNone, nullptr) ==
        "WatchedEvent state:SyncConnected type:None path:null");
  const std::string p = "/x";
  CHECK(watched_event_text(KeeperState::kSyncConnected, EventType::kNodeDataChanged, &p) ==
        "WatchedEvent state:SyncConnected type:NodeDataChanged path:/x");
}

TEST_CASE("usage list, usage lines and CliWrapperException messages") {
  const std::string u = usage_text();
  CHECK(u.starts_with("ZooKeeper -server host:port -client-configuration properties-file cmd args\n"
                      "\taddWatch [-m mode] path # optional mode is one of [PERSISTENT, PERSISTENT_RECURSIVE] - "
                      "default is PERSISTENT_RECURSIVE\n\taddauth scheme auth\n\tclose \n\tconfig [-c] [-w] [-s]\n"));
  CHECK(u.ends_with("\tsync path\n\tversion \n\twhoami \n"));
  CHECK(u.find("\tdelquota [-n|-b|-N|-B] path\n\tget [-s] [-w] path\n") != std::string::npos);
  CHECK(command_usage("create") == "create [-s] [-e] [-c] [-t ttl] path [data] [acl]");
  CHECK(command_usage("set") == "set [-s] [-v version] path data");
  CHECK(command_usage("quit") == "quit ");
  CHECK_FALSE(command_usage_options("help"));
  CHECK(cli_error(Err::kNoNode, "/x") == "Node does not exist: /x");
  CHECK(cli_error(Err::kNoAuth, "/x") == "Insufficient permission : /x");
  CHECK(cli_error(Err::kInvalidAcl, std::nullopt) == "Acl is not valid : null");
  CHECK(cli_error(Err::kBadVersion, "/x") == "version No is not valid : /x");
  CHECK(cli_error(Err::kNotEmpty, "/x") == "Node not empty: /x");
  CHECK(cli_error(Err::kConnectionLoss, "/x") == "KeeperErrorCode = ConnectionLoss for /x");
  CHECK(cli_error(Err::kReconfigDisabled, std::nullopt) == "KeeperErrorCode = Reconfig is disabled");
}

TEST_CASE("StatsTrack text as the quota commands write and read it") {
  QuotaStats q;
  for (const char* k : {"count", "bytes", "countHardLimit", "byteHardLimit"}) q.set(k, -1);
  q.set("countHardLimit", 2);
  CHECK(q.to_string() == "count=-1,bytes=-1=;byteHardLimit=-1;countHardLimit=2");
  CHECK(QuotaStats("count=0,bytes=0").to_string() == "count=0,bytes=0");
  const QuotaStats r("count=5,bytes=-1=;byteHardLimit=10;countHardLimit=-1");
  CHECK(r.get("count") == 5);
  CHECK(r.get("bytes") == -1);
  CHECK(r.get("byteHardLimit") == 10);
  CHECK(QuotaStats("").to_string() == "count=-1,bytes=-1");
  CHECK(split_dropping_trailing("/a/b", '/') == V{"", "a", "b"});
  CHECK(split_dropping_trailing("/", '/').empty());
}
