// ZooKeeper expectations read the server's own tree (what a client connected to it would read):
//   expect [c1:] get /a == "hello"         expect [c1:|zk1] stat /a cversion == 4
//   expect [c1:] exists /lock              expect [c1:] not exists /e
//   expect [c1:] ls /p == "[a, b]"         expect zxid [zk1] >= 0x5 (hex: 0x200000001)
//   expect sessions [zk1] == 2
// With `c1:` the server is the one c1 was told to connect to; with no name, the first server
// that is running.
#include "sim/scenario/expect_zk.h"
#include "sim/scenario/expect_common.h"

#include <charconv>
#include <functional>
#include <utility>
#include <optional>

#include "core/server/zookeeper_server.h"
#include "core/znode/path.h"

namespace zoolab::sim {
namespace {

using namespace expect_common;

using Args = std::vector<std::string>;
namespace zk = core::zk;

bool is_client_word(const std::string& w) { return w.size() > 1 && w.back() == ':'; }

// Leading [c1: | SERVER] argument: how many words it takes.
size_t target_words(const Scenario& sc, const Args& a) {
  if (a.empty()) return 0;
  if (is_client_word(a[0])) return 1;
  if (auto id = sc.find(a[0]); id && sc.nodes[*id].kind == "zookeeper") return 1;
  return 0;
}

std::optional<int64_t> stat_field(const zk::Stat& s, const std::string& f) {
  if (f == "czxid" || f == "cZxid") return s.czxid;
  if (f == "mzxid" || f == "mZxid") return s.mzxid;
  if (f == "pzxid" || f == "pZxid") return s.pzxid;
  if (f == "ctime") return s.ctime_ms;
  if (f == "mtime") return s.mtime_ms;
  if (f == "version" || f == "dataVersion") return s.version;
  if (f == "cversion") return s.cversion;
  if (f == "aversion" || f == "aclVersion") return s.aversion;
  if (f == "ephemeralOwner") return s.ephemeral_owner;
  if (f == "dataLength") return s.data_length;
  if (f == "numChildren") return s.num_children;
  return std::nullopt;
}

constexpr const char* kStatFields =
    "cZxid, ctime, mZxid, mtime, pZxid, cversion, dataVersion, aclVersion, ephemeralOwner, dataLength, numChildren";

// The server process a check reads, or a failed outcome saying why there is none.
const zk::ZooKeeperServer* server_for(const World& w, const Scenario& sc, const Args& a, ExpectOutcome* why,
                                      std::string* name = nullptr) {
  std::optional<NodeId> id;
  if (!a.empty() && is_client_word(a[0])) {
    const auto client = sc.find(std::string_view(a[0]).substr(0, a[0].size() - 1));
    if (client) {
      const auto& args = sc.nodes[*client].args;
      if (auto it = args.find("server"); it != args.end())
        id = w.find_node(it->second.substr(0, it->second.find(',')));
    }
  } else if (!a.empty() && w.find_node(a[0]) && sc.find(a[0]) && sc.nodes[*sc.find(a[0])].kind == "zookeeper") {
    id = w.find_node(a[0]);
  } else {
    for (NodeId n = 0; n < w.node_count() && !id; ++n)
      if (w.node(n).running() && dynamic_cast<const zk::ZooKeeperServer*>(w.node(n).process.get())) id = n;
  }
  if (!id) {
    *why = {false, "no running ZooKeeper server to ask"};
    return nullptr;
  }
  const auto* server = dynamic_cast<const zk::ZooKeeperServer*>(w.node(*id).process.get());
  if (server == nullptr || !w.node(*id).running()) *why = {false, w.node(*id).name + " is not running"};
  if (name != nullptr) *name = w.node(*id).name;
  return server;
}

std::string validate_path_arg(const std::string& p) {
  if (auto problem = zk::validate_path(p)) return code_quoted(p) + ": " + *problem;
  return "";
}

ExpectCheck get_check() {
  return {"get [c1:] PATH == \"DATA\" (or == null)",
          [](const Scenario& sc, const Args& a) -> std::string {
            const size_t t = target_words(sc, a);
            if (a.size() != t + 3 || (a[t + 1] != "==" && a[t + 1] != "!=")) return "expected PATH == \"DATA\"";
            return validate_path_arg(a[t]);
          },
          [](const World& w, const Scenario& sc, const Args& a) {
            ExpectOutcome out;
            const size_t t = target_words(sc, a);
            if (a.size() != t + 3) return kBadArguments;
            const auto* server = server_for(w, sc, a, &out);
            if (!server) return out;
            const auto& tree = server->tree();
            const auto n = tree.find(a[t]);
            if (n == zk::DataTree::kNone) return ExpectOutcome{false, a[t] + " does not exist"};
            const zk::Data data = tree.data(n);
            const std::string seen = data ? *data : "null";
            const bool equal = seen == a[t + 2];
            return ExpectOutcome{a[t + 1] == "==" ? equal : !equal, a[t] + " holds \"" + seen + "\""};
          }};
}

ExpectCheck stat_check() {
  return {"stat [c1:|SERVER] PATH FIELD ==|!=|>=|<= N",
          [](const Scenario& sc, const Args& a) -> std::string {
            const size_t t = target_words(sc, a);
            if (a.size() != t + 4) return "expected PATH FIELD == N";
            if (std::string p = validate_path_arg(a[t]); !p.empty()) return p;
            if (!stat_field(zk::Stat{}, a[t + 1])) return "unknown stat field " + code_quoted(a[t + 1]) + " (" + kStatFields + ")";
            if (!is_comparison(a[t + 2])) return "unknown comparison " + code_quoted(a[t + 2]) + " (use ==, !=, >= or <=)";
            if (!parse_number(a[t + 3])) return code_quoted(a[t + 3]) + " is not a number (decimal, or hex like 0x1f)";
            return "";
          },
          [](const World& w, const Scenario& sc, const Args& a) {
            ExpectOutcome out;
            const size_t t = target_words(sc, a);
            if (a.size() != t + 4) return kBadArguments;
            const auto* server = server_for(w, sc, a, &out);
            if (!server) return out;
            const auto n = server->tree().find(a[t]);
            if (n == zk::DataTree::kNone) return ExpectOutcome{false, a[t] + " does not exist"};
            const auto seen = stat_field(server->tree().stat(n), a[t + 1]);
            const auto want = parse_number(a[t + 3]);
            if (!seen || !want) return kBadArguments;
            const bool hexy = a[t + 3].starts_with("0x") || a[t + 1].find("xid") != std::string::npos ||
                              a[t + 1].find("Zxid") != std::string::npos || a[t + 1] == "ephemeralOwner";
            return ExpectOutcome{compare(a[t + 2], *seen, *want),
                                 a[t] + " " + a[t + 1] + " = " + (hexy ? zk::hex(*seen) : std::to_string(*seen))};
          }};
}

ExpectOutcome exists_outcome(const World& w, const Scenario& sc, const Args& a, size_t path_at, bool want) {
  ExpectOutcome out;
  const auto* server = server_for(w, sc, a, &out);
  if (!server) return out;
  const bool exists = server->tree().find(a[path_at]) != zk::DataTree::kNone;
  return ExpectOutcome{exists == want, a[path_at] + (exists ? " exists" : " does not exist")};
}

ExpectCheck exists_check() {
  return {"exists [c1:] PATH",
          [](const Scenario& sc, const Args& a) -> std::string {
            const size_t t = target_words(sc, a);
            if (a.size() != t + 1) return "expected one path";
            return validate_path_arg(a[t]);
          },
          [](const World& w, const Scenario& sc, const Args& a) {
            const size_t t = target_words(sc, a);
            if (a.size() != t + 1) return kBadArguments;
            return exists_outcome(w, sc, a, t, true);
          }};
}

ExpectCheck not_check() {
  return {"not exists [c1:] PATH",
          [](const Scenario& sc, const Args& a) -> std::string {
            if (a.empty() || a[0] != "exists") return "only `not exists PATH` is known";
            const Args rest(a.begin() + 1, a.end());
            const size_t t = target_words(sc, rest);
            if (rest.size() != t + 1) return "expected one path";
            return validate_path_arg(rest[t]);
          },
          [](const World& w, const Scenario& sc, const Args& a) {
            if (a.empty()) return kBadArguments;
            const Args rest(a.begin() + 1, a.end());
            const size_t t = target_words(sc, rest);
            if (rest.size() != t + 1) return kBadArguments;
            return exists_outcome(w, sc, rest, t, false);
          }};
}

ExpectCheck ls_check() {
  return {"ls [c1:] PATH == \"[a, b]\"",
          [](const Scenario& sc, const Args& a) -> std::string {
            const size_t t = target_words(sc, a);
            if (a.size() != t + 3 || a[t + 1] != "==") return "expected PATH == \"[a, b]\"";
            return validate_path_arg(a[t]);
          },
          [](const World& w, const Scenario& sc, const Args& a) {
            ExpectOutcome out;
            const size_t t = target_words(sc, a);
            if (a.size() != t + 3) return kBadArguments;
            const auto* server = server_for(w, sc, a, &out);
            if (!server) return out;
            const auto n = server->tree().find(a[t]);
            if (n == zk::DataTree::kNone) return ExpectOutcome{false, a[t] + " does not exist"};
            std::string seen = "[";
            for (const std::string& c : server->tree().children(n)) seen += (seen.size() > 1 ? ", " : "") + c;
            seen += "]";
            return ExpectOutcome{seen == a[t + 2], a[t] + " has " + seen};
          }};
}

// `NAME [SERVER] OP N`: one number a server reports, compared with N.
ExpectCheck server_number_check(std::string usage, std::string what,
                                std::function<std::pair<int64_t, std::string>(const zk::ZooKeeperServer&)> read) {
  return {std::move(usage),
          [what](const Scenario& sc, const Args& a) -> std::string {
            const size_t t = target_words(sc, a);
            if (a.size() != t + 2) return "expected ==|!=|>=|<= and " + what;
            if (!is_comparison(a[t])) return "unknown comparison " + code_quoted(a[t]) + " (use ==, !=, >= or <=)";
            return parse_number(a[t + 1]) ? "" : code_quoted(a[t + 1]) + " is not " + what;
          },
          [read](const World& w, const Scenario& sc, const Args& a) {
            ExpectOutcome out;
            const size_t t = target_words(sc, a);
            const auto want = a.size() == t + 2 ? parse_number(a[t + 1]) : std::nullopt;
            if (!want) return kBadArguments;
            std::string name;
            const auto* server = server_for(w, sc, a, &out, &name);
            if (!server) return out;
            const auto [seen, detail] = read(*server);
            return ExpectOutcome{compare(a[t], seen, *want), detail + " on " + name};
          }};
}

ExpectCheck zxid_check() {
  return server_number_check("zxid [SERVER] ==|!=|>=|<= 0xN", "a zxid (like 0x100000002)",
                             [](const zk::ZooKeeperServer& s) {
                               const zk::Zxid z = s.last_processed_zxid();
                               return std::pair<int64_t, std::string>{z, "lastProcessedZxid is " + zk::hex(z)};
                             });
}

ExpectCheck sessions_check() {
  return server_number_check("sessions [SERVER] ==|!=|>=|<= N", "a count", [](const zk::ZooKeeperServer& s) {
    const auto count = static_cast<int64_t>(s.sessions().sessions().size());
    return std::pair<int64_t, std::string>{count, std::to_string(count) + " live sessions"};
  });
}

}  // namespace

void add_zookeeper_checks(std::map<std::string, ExpectCheck>& checks) {
  checks["get"] = get_check();
  checks["stat"] = stat_check();
  checks["exists"] = exists_check();
  checks["not"] = not_check();
  checks["ls"] = ls_check();
  checks["zxid"] = zxid_check();
  checks["sessions"] = sessions_check();
}

}  // namespace zoolab::sim
