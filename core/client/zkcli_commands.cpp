// The single-request zkCli commands (cli/*Command.exec): argument checks, client-side
// validation, the request, and the exact output of the reply.
#include <utility>

#include "core/client/acl_parser.h"
#include "core/client/java_text.h"
#include "core/client/zkcli.h"
#include "core/client/zkcli_jobs.h"
#include "core/client/zkcli_text.h"
#include "core/znode/path.h"

namespace zoolab::core::zk {

namespace {
std::string number_format(const std::string& v) {
  return "Exception in thread \"main\" java.lang.NumberFormatException: For input string: \"" + v + "\"\n";
}
std::string upper(std::string s) {
  for (char& c : s)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return s;
}
}  // namespace

void ZkCli::run_cli_command(Env& env, const std::vector<std::string>& args) {
  const std::string& cmd = args[0];
  const OptionsSpec spec = command_options(cmd);
  ParseOutcome parsed = parse_options(spec, args);
  if (!parsed.line) return err(env, parsed.error + "\n");
  ParsedCommandLine cl = std::move(*parsed.line);
  const auto usage = [&] { err(env, command_usage(cmd) + "\n"); };
  const auto& a = cl.args;
  // LsCommand.parse: `-?` prints the commons-cli HelpFormatter text on stdout, then goes on.
  if (cmd == "ls" && cl.has("?"))
    out(env, "usage: ls [options] path\n -?   help\n -R   recurse\n -s   stat\n -w   watch\n");

  // get/ls/stat/delete accept the 3.4 positional forms with a warning, then re-parse.
  if ((cmd == "get" || cmd == "ls" || cmd == "stat" || cmd == "delete") && a.size() >= 2 && a.size() > 2) {
    std::vector<std::string> again = args;
    if (cmd == "get") err(env, "'get path [watch]' has been deprecated. Please use 'get [-s] [-w] path' instead.\n");
    if (cmd == "ls") err(env, "'ls path [watch]' has been deprecated. Please use 'ls [-w] path' instead.\n");
    if (cmd == "stat") err(env, "'stat path [watch]' has been deprecated. Please use 'stat [-w] path' instead.\n");
    if (cmd == "delete") err(env, "'delete path [version]' has been deprecated. Please use 'delete [-v version] path' instead.\n");
    if (cmd != "delete") again[2] = "-w";
    ParseOutcome re = parse_options(spec, again);
    if (!re.line) return err(env, re.error + "\n");
    cl = std::move(*re.line);
  }

  const bool need_path = cmd != "close" && cmd != "config" && cmd != "reconfig" && cmd != "getEphemerals" &&
                         cmd != "whoami" && cmd != "version" && cmd != "addWatch";
  if (need_path && a.size() < 2) return usage();
  if ((cmd == "set" || cmd == "setAcl") && a.size() < 3) return usage();

  CliJob job;
  job.cmd = cmd;
  job.cl = cl;
  job.path = a.size() >= 2 ? a[1] : std::string();
  const std::string& path = job.path;
  const auto invalid = [&](bool sequential = false) {
    if (auto m = validate_create_path(path, sequential)) {
      err(env, *m + "\n");
      return true;
    }
    return false;
  };
  const auto start = [&](RequestBody body) {
    job_ = std::move(job);
    wait_for(submit(env, std::move(body)));
  };
  const auto version_opt = [&](int32_t& version) {
    version = -1;
    if (!cl.has("v")) return true;
    auto v = java_parse_int(cl.value("v"));
    if (!v) {
      err(env, number_format(cl.value("v")));
      exit_ = true;
      return false;
    }
    version = *v;
    return true;
  };

  if (cmd == "create") {
    const bool e = cl.has("e"), s = cl.has("s"), c = cl.has("c"), t = cl.has("t");
    if (c && (e || s)) return err(env, "-c cannot be combined with -s or -e. Containers cannot be ephemeral or sequential.\n");
    int64_t ttl = 0;
    if (t) {
      auto v = java_parse_long(cl.value("t"));
      if (!v) return err(env, "-t argument must be a long value\n");
      ttl = *v;
    }
    if (t && e) return err(env, "TTLs cannot be used with Ephemeral znodes\n");
    if (t && c) return err(env, "TTLs cannot be used with Container znodes\n");
    CreateMode mode = CreateMode::kPersistent;
    if (e && s) mode = CreateMode::kEphemeralSequential;
    else if (e) mode = CreateMode::kEphemeral;
    else if (s) mode = t ? CreateMode::kPersistentSequentialWithTtl : CreateMode::kPersistentSequential;
    else if (c) mode = CreateMode::kContainer;
    else if (t) mode = CreateMode::kPersistentWithTtl;
    if (t && (ttl > kMaxTtlMs || ttl <= 0))
      return err(env, "ttl must be positive and cannot be larger than: " + std::to_string(kMaxTtlMs) + "\n");
    Data data;
    if (a.size() > 2) data = a[2];
    Acl acl = open_acl_unsafe();
    if (a.size() > 3) {
      ParsedAcl p = parse_acl(a[3]);
      for (const auto& l : p.errors) err(env, l + "\n");
      acl = std::move(p.acl);
    }
    if (invalid(is_sequential(mode))) return;
    if (acl.empty()) return err(env, "KeeperErrorCode = InvalidACL\nAcl is not valid : null\n");
    return start(CreateOp{path, data, acl, mode, t ? ttl : -1, t});
  }
  if (cmd == "get" || cmd == "ls" || cmd == "stat") {
    if (a.size() < 2) return usage();
    job.path = cl.args[1];
    if (cmd == "ls" && cl.has("R")) {
      job.walk = CliJob::Walk::kLs;
      job.watch = cl.has("w");
      if (invalid()) return;
      return ZkCliJobs::start_tree_walk(*this, env, std::move(job));
    }
    if (invalid()) return;
    const bool w = cl.has("w");
    if (cmd == "get") return start(GetDataOp{path, w});
    if (cmd == "ls") return start(GetChildrenOp{path, w, cl.has("s")});
    return start(ExistsOp{path, w});
  }
  if (cmd == "set") {
    int32_t version = -1;
    if (!version_opt(version)) return;
    if (invalid()) return;
    return start(SetDataOp{path, a[2], version});
  }
  if (cmd == "delete") {
    job.path = cl.args.size() >= 2 ? cl.args[1] : path;
    int32_t version = -1;
    if (!version_opt(version)) return;
    if (invalid()) return;
    return start(DeleteOp{job.path, version});
  }
  if (cmd == "deleteall") {
    if (cl.has("b")) {
      auto b = java_parse_int(cl.value("b"));
      if (!b) return err(env, "-b argument must be an int value\n");
      job.batch = *b;
    }
    if (invalid()) return;
    return ZkCliJobs::start_deleteall(*this, env, std::move(job));
  }
  if (cmd == "getAcl") {
    if (invalid()) return;
    return start(GetAclOp{path});
  }
  if (cmd == "setAcl") {
    ParsedAcl p = parse_acl(a[2]);
    for (const auto& l : p.errors) err(env, l + "\n");
    job.acl = std::move(p.acl);
    if (!version_opt(job.version)) return;
    if (invalid()) return;
    if (cl.has("R")) {
      job.walk = CliJob::Walk::kSetAcl;
      return ZkCliJobs::start_tree_walk(*this, env, std::move(job));
    }
    if (job.acl.empty()) return err(env, "Acl is not valid : null\n");
    Acl acl = job.acl;
    const int32_t version = job.version;
    return start(SetAclOp{path, acl, version});
  }
  if (cmd == "sync") {
    if (invalid()) return;
    return start(SyncOp{path});
  }
  if (cmd == "addauth") {
    job_ = std::move(job);
    // AddAuthCommand sends a null buffer when no auth is given.
    wait_for(submit(env, AuthOp{a[1], a.size() >= 3 ? std::optional<std::string>(a[2]) : std::nullopt}));
    return;
  }
  if (cmd == "addWatch") {
    if (a.size() != 2) return usage();
    WatcherMode mode = WatcherMode::kPersistentRecursive;
    if (cl.has("m")) {
      const std::string m = upper(cl.value("m"));
      if (m == "PERSISTENT") mode = WatcherMode::kPersistent;
      else if (m != "PERSISTENT_RECURSIVE") return usage();
    }
    if (auto bad = validate_path(path)) {
      // AddWatchCommand catches only KeeperException: the IllegalArgumentException ends the JVM.
      err(env, "Exception in thread \"main\" java.lang.IllegalArgumentException: " + *bad + "\n");
      exit_ = true;
      return;
    }
    return start(AddWatchOp{path, mode});
  }
  if (cmd == "removewatches") {
    WatcherType type = WatcherType::kAny;
    if (cl.has("c")) type = WatcherType::kChildren;
    else if (cl.has("d")) type = WatcherType::kData;
    if (invalid()) return;
    const std::string target = path;
    job_ = std::move(job);
    wait_for(client_.remove_watches(env, target, type, cl.has("l")));
    return;
  }
  if (cmd == "config") {
    job.path = "/zookeeper/config";
    return start(GetDataOp{"/zookeeper/config", cl.has("w")});
  }
  if (cmd == "reconfig") {
    const bool file = cl.has("file"), members = cl.has("members"), add = cl.has("add"), rm = cl.has("remove");
    if (!(file || members) && !add && !rm) return usage();
    if (cl.has("v") && !java_parse_long(cl.value("v"), 16))
      return err(env, "-v must be followed by a long (configuration version)\n");
    if ((file || members) && (add || rm))
      return err(env, "Can't use -file or -members together with -add or -remove (mixing incremental and non-incremental modes is not allowed)\n");
    if (file && members) return err(env, "Can't use -file and -members together (conflicting non-incremental modes)\n");
    if (file) return err(env, "Error processing " + cl.value("file") + cl.value("file") + " (No such file or directory)\n");
    std::string text;
    for (const char* o : {"add", "remove", "members"})
      if (cl.has(o)) text += std::string(text.empty() ? "" : " ") + "-" + o + " " + cl.value(o);
    return start(ReconfigOp{text});
  }
  if (cmd == "getEphemerals") {
    job.path = a.size() >= 2 ? a[1] : "/";
    if (a.size() >= 2 && invalid()) return;
    const std::string prefix = job.path;
    return start(GetEphemeralsOp{prefix});
  }
  if (cmd == "getAllChildrenNumber") {
    if (invalid()) return;
    return start(GetAllChildrenNumberOp{path});
  }
  if (cmd == "whoami") return start(WhoAmIOp{});
  if (cmd == "version") {
    if (a.size() > 1) return usage();
    return out(env, "ZooKeeper CLI version: " + std::string(kCliVersion) + "\n");
  }
  if (cmd == "close") {
    job.kind = CliJob::Kind::kClose;
    return start(CloseSessionOp{});
  }
  if (cmd == "setquota") return ZkCliJobs::start_setquota(*this, env, std::move(job));
  if (cmd == "listquota") return ZkCliJobs::start_listquota(*this, env, std::move(job));
  if (cmd == "delquota") return ZkCliJobs::start_delquota(*this, env, std::move(job));
}

void ZkCli::finish_simple(Env& env, const Response& r) {
  const std::string cmd = job_->cmd;
  const std::string path = job_->path;
  const ParsedCommandLine& cl = job_->cl;
  const auto stat_of = [&]() -> std::optional<Stat> {
    if (const auto* s = std::get_if<StatResult>(&r.body)) return s->stat;
    if (const auto* d = std::get_if<DataResult>(&r.body)) return d->stat;
    if (const auto* c = std::get_if<ChildrenResult>(&r.body)) return c->stat;
    if (const auto* ac = std::get_if<AclResult>(&r.body)) return ac->stat;
    return std::nullopt;
  };
  const auto print_stat = [&] {
    if (cl.has("s")) out(env, stat_block(stat_of().value_or(Stat{})));
  };

  if (cmd == "sync") {
    out(env, r.err == Err::kOk ? std::string("Sync is OK\n") : "Sync has failed. rc=" + std::to_string(static_cast<int32_t>(r.err)) + "\n");
  } else if (cmd == "addauth") {
    // addAuthInfo does not report failures; an AuthFailed shows up as a session event.
  } else if (r.err != Err::kOk) {
    if (cmd == "create" && r.err == Err::kInvalidAcl) err(env, err_message(r.err, path) + "\n");
    if (cmd == "create" && r.err == Err::kEphemeralOnLocalSession) err(env, "Unable to create ephemeral node on a local session\n");
    if (cmd == "removewatches" && r.err == Err::kNoWatcher) err(env, err_message(r.err, path) + "\n");
    else if (cmd == "reconfig" || cmd == "whoami") err(env, cli_error(r.err, std::nullopt) + "\n");
    else err(env, cli_error(r.err, path) + "\n");
  } else if (cmd == "create") {
    const auto* c = std::get_if<CreateResult>(&r.body);
    err(env, "Created " + (c ? c->path : path) + "\n");
  } else if (cmd == "get" || cmd == "config") {
    const auto* d = std::get_if<DataResult>(&r.body);
    const std::string data = d && d->data ? *d->data : std::string("null");
    if (cmd == "config" && cl.has("c")) {
      // ConfigUtils.getClientConfigStr: "<version> <client host:port,...>".
      std::string version, clients;
      for (const auto& line : split_dropping_trailing(data, '\n')) {
        const size_t eq = line.find('=');
        if (eq == std::string::npos) continue;
        const std::string k = line.substr(0, eq), v = line.substr(eq + 1);
        if (k == "version") version = v;
        if (k.rfind("server.", 0) != 0) continue;
        const size_t semi = v.find(';');
        if (semi == std::string::npos) continue;
        std::string client = v.substr(semi + 1);
        if (client.find(':') == std::string::npos) client = "0.0.0.0:" + client;
        clients += (clients.empty() ? "" : ",") + client;
      }
      out(env, version + " " + clients + "\n");
    } else {
      out(env, data + "\n");
    }
    print_stat();
  } else if (cmd == "set" || cmd == "setAcl") {
    print_stat();
  } else if (cmd == "ls") {
    const auto* c = std::get_if<ChildrenResult>(&r.body);
    std::vector<std::string> kids = c ? c->children : std::vector<std::string>{};
    java_sort(kids);
    out(env, java_list(kids) + "\n");
    print_stat();
  } else if (cmd == "stat") {
    out(env, stat_block(stat_of().value_or(Stat{})));
  } else if (cmd == "getAcl") {
    if (const auto* ac = std::get_if<AclResult>(&r.body))
      for (const auto& e : ac->acl) out(env, jute_id(e.id) + "\n: " + perm_string(e.perms) + "\n");
    print_stat();
  } else if (cmd == "getEphemerals") {
    const auto* p = std::get_if<PathsResult>(&r.body);
    out(env, java_list(p ? p->paths : std::vector<std::string>{}) + "\n");
  } else if (cmd == "getAllChildrenNumber") {
    const auto* n = std::get_if<CountResult>(&r.body);
    out(env, std::to_string(n ? n->count : 0) + "\n");
  } else if (cmd == "whoami") {
    std::string s = "Auth scheme: User\n";
    if (const auto* w = std::get_if<WhoAmIResult>(&r.body))
      for (const auto& id : w->ids) {
        // DigestAuthenticationProvider.getUserName: the part before the ':' of user:hash.
        const std::string user = id.scheme == "digest" ? id.id.substr(0, id.id.find(':')) : id.id;
        s += id.scheme + ": " + user + "\n";
      }
    out(env, s);
  } else if (cmd == "reconfig") {
    const auto* d = std::get_if<DataResult>(&r.body);
    out(env, "Committed new configuration:\n" + (d && d->data ? *d->data : std::string()) + "\n");
    print_stat();
  }
  finish_job(env);
}

}  // namespace zoolab::core::zk
