// Multi-request zkCli commands: ZKUtil.visitSubTreeDFS walks (ls -R, setAcl -R), deleteall
// (listSubTreeBFS + batched multi deletes, 10 in flight) and their shared plumbing.
#include "core/client/zkcli_jobs.h"

#include <utility>

#include "core/client/java_text.h"
#include "core/client/zkcli_text.h"

namespace zoolab::core::zk {

OptionsSpec command_options(const std::string& cmd) {
  OptionsSpec s;
  const auto flag = [&](const char* n) { s.options.push_back({n, false, {}}); };
  const auto arg = [&](const char* n) { s.options.push_back({n, true, {}}); };
  if (cmd == "addWatch") arg("m");
  else if (cmd == "config") { flag("c"); flag("w"); flag("s"); }
  else if (cmd == "create") { flag("e"); flag("s"); flag("c"); arg("t"); }
  else if (cmd == "delete") arg("v");
  else if (cmd == "deleteall") arg("b");
  else if (cmd == "get") { flag("s"); flag("w"); }
  else if (cmd == "getAcl") flag("s");
  else if (cmd == "ls") { flag("?"); flag("s"); flag("w"); flag("R"); }
  else if (cmd == "reconfig") { flag("s"); arg("v"); arg("file"); arg("members"); arg("add"); arg("remove"); }
  else if (cmd == "removewatches") { flag("c"); flag("d"); flag("a"); flag("l"); }
  else if (cmd == "set") { flag("s"); arg("v"); }
  else if (cmd == "setAcl") { flag("s"); arg("v"); flag("R"); }
  else if (cmd == "stat") flag("w");
  else if (cmd == "setquota" || cmd == "delquota") {
    const bool v = cmd == "setquota";
    s.options.push_back({"n", v, "num soft quota"});
    s.options.push_back({"b", v, "bytes soft quota"});
    s.options.push_back({"N", v, "num hard quota"});
    s.options.push_back({"B", v, "bytes hard quota"});
    s.groups.push_back({{"n", "b", "N", "B"}, v});
  }
  return s;
}

Xid ZkCliJobs::send(ZkCli& cli, Env& env, RequestBody body) {
  const Xid x = cli.submit(env, std::move(body));
  cli.wait_for(x);
  return x;
}

void ZkCliJobs::fail(ZkCli& cli, Env& env, const std::string& line) {
  cli.err(env, line + "\n");
  done(cli, env);
}

void ZkCliJobs::done(ZkCli& cli, Env& env) {
  cli.job_->waiting.clear();
  cli.finish_job(env);
}

void ZkCliJobs::on_reply(ZkCli& cli, Env& env, const Response& r) {
  switch (cli.job_->kind) {
    case CliJob::Kind::kTreeWalk: walk_reply(cli, env, r); break;
    case CliJob::Kind::kDeleteAll: deleteall_reply(cli, env, r); break;
    case CliJob::Kind::kSetQuota:
      if (cli.job_->walk == CliJob::Walk::kQuotaChildCheck && !cli.job_->steps.empty()) walk_reply(cli, env, r);
      else setquota_step(cli, env, &r);
      break;
    case CliJob::Kind::kListQuota: listquota_reply(cli, env, r); break;
    case CliJob::Kind::kDelQuota: delquota_step(cli, env, &r); break;
    default: break;
  }
}

// ---- visitSubTreeDFS ---------------------------------------------------------------------------

void ZkCliJobs::start_tree_walk(ZkCli& cli, Env& env, CliJob job) {
  job.kind = CliJob::Kind::kTreeWalk;
  job.steps = {CliJob::Step{CliJob::Step::kRoot, job.path}};
  cli.job_ = std::move(job);
  walk_next(cli, env);
}

void ZkCliJobs::walk_next(ZkCli& cli, Env& env) {
  CliJob& j = *cli.job_;
  while (!j.steps.empty()) {
    const CliJob::Step st = j.steps.front();
    j.op_path = st.path;
    if (st.kind == CliJob::Step::kRoot) {
      send(cli, env, GetDataOp{st.path, j.watch});
      return;
    }
    if (st.kind == CliJob::Step::kExpand) {
      send(cli, env, GetChildrenOp{st.path, j.watch, false});
      return;
    }
    // Visiting a node: what the StringCallback does.
    if (j.walk == CliJob::Walk::kLs) {
      cli.out(env, st.path + "\n");
      j.steps.pop_front();
      continue;
    }
    if (j.walk == CliJob::Walk::kSetAcl) {
      if (j.acl.empty()) {  // validateACL throws before sending; the message is printed bare
        cli.out(env, "KeeperErrorCode = InvalidACL");
        j.steps.pop_front();
        continue;
      }
      send(cli, env, SetAclOp{st.path, j.acl, j.version});
      return;
    }
    send(cli, env, GetChildrenOp{st.path, false, false});  // quota child check
    return;
  }
  if (j.kind == CliJob::Kind::kSetQuota) {
    j.stage = 3;
    setquota_step(cli, env, nullptr);
    return;
  }
  done(cli, env);
}

void ZkCliJobs::walk_reply(ZkCli& cli, Env& env, const Response& r) {
  CliJob& j = *cli.job_;
  const CliJob::Step st = j.steps.front();
  j.steps.pop_front();
  const bool quota = j.walk == CliJob::Walk::kQuotaChildCheck;
  if (st.kind == CliJob::Step::kRoot) {
    if (r.err != Err::kOk) {
      if (quota && r.err == Err::kNoNode) {  // no quota subtree yet: nothing to check
        j.steps.clear();
        return walk_next(cli, env);
      }
      return fail(cli, env, cli_error(r.err, st.path));
    }
    j.steps.push_back({CliJob::Step::kVisit, st.path});
    j.steps.push_back({CliJob::Step::kExpand, st.path});
    return walk_next(cli, env);
  }
  if (st.kind == CliJob::Step::kVisit) {
    if (j.walk == CliJob::Walk::kSetAcl) {
      if (r.err != Err::kOk) cli.out(env, err_message(r.err, st.path));  // printed without a newline
    } else if (quota && r.err == Err::kOk) {
      const auto* c = std::get_if<ChildrenResult>(&r.body);
      if (c && st.path != j.quota_path) {
        for (const auto& k : c->children)
          if (k == kCliQuotaLimitNode)
            return fail(cli, env, j.path + " has a child " + st.path.substr(kCliQuotaRoot.size()) + " which has a quota");
      }
    }
    return walk_next(cli, env);
  }
  // Expand: children sorted, all visited, then each expanded in turn (depth first).
  if (r.err == Err::kNoNode) return walk_next(cli, env);  // deleted meanwhile
  if (r.err != Err::kOk) return fail(cli, env, cli_error(r.err, st.path));
  std::vector<std::string> kids;
  if (const auto* c = std::get_if<ChildrenResult>(&r.body)) kids = c->children;
  java_sort(kids);
  const std::string prefix = st.path == "/" ? "/" : st.path + "/";
  for (auto it = kids.rbegin(); it != kids.rend(); ++it) j.steps.push_front({CliJob::Step::kExpand, prefix + *it});
  for (auto it = kids.rbegin(); it != kids.rend(); ++it) j.steps.push_front({CliJob::Step::kVisit, prefix + *it});
  walk_next(cli, env);
}

// ---- deleteall -----------------------------------------------------------------------------

void ZkCliJobs::start_deleteall(ZkCli& cli, Env& env, CliJob job) {
  job.kind = CliJob::Kind::kDeleteAll;
  job.tree = {job.path};
  job.cursor = 0;
  job.stage = 0;
  cli.job_ = std::move(job);
  cli.job_->op_path = cli.job_->path;
  send(cli, env, GetChildrenOp{cli.job_->path, false, false});
}

void ZkCliJobs::delete_pump(ZkCli& cli, Env& env) {
  CliJob& j = *cli.job_;
  if (j.batch <= 0) {
    // ZKUtil.deleteRecursive without batching: plain deletes, leaves first; the first error
    // ends the command with its own message.
    if (j.cursor == 0) return done(cli, env);
    j.op_path = j.tree[--j.cursor];
    ++j.in_flight;
    send(cli, env, DeleteOp{j.op_path, -1});
    return;
  }
  constexpr int kRateLimit = 10;
  // deleteInBatch checks the fail-fast flag when a batch is complete, then blocks for a free
  // slot: a batch that passed the check is sent even if a failure arrives while it waits.
  while (j.cursor > 0) {
    if (!j.batch_checked) {
      if (!j.success) break;
      j.batch_checked = true;
    }
    if (j.in_flight >= kRateLimit) return;
    MultiOp m;
    while (j.cursor > 0) {
      m.ops.emplace_back(DeleteOp{j.tree[--j.cursor], -1});
      if (static_cast<int32_t>(m.ops.size()) == j.batch) break;
    }
    ++j.in_flight;
    j.batch_checked = false;
    send(cli, env, std::move(m));
  }
  if (j.in_flight == 0) {
    if (!j.success) return fail(cli, env, "Failed to delete some node(s) in the subtree!");
    done(cli, env);
  }
}

void ZkCliJobs::deleteall_reply(ZkCli& cli, Env& env, const Response& r) {
  CliJob& j = *cli.job_;
  if (j.stage == 0) {  // BFS listing
    if (r.err != Err::kOk) return fail(cli, env, cli_error(r.err, j.tree[j.cursor]));
    const std::string node = j.tree[j.cursor];
    if (const auto* c = std::get_if<ChildrenResult>(&r.body))
      for (const auto& k : c->children) j.tree.push_back((node == "/" ? std::string() : node) + "/" + k);
    if (++j.cursor < j.tree.size()) {
      send(cli, env, GetChildrenOp{j.tree[j.cursor], false, false});
      return;
    }
    j.stage = 1;
    j.cursor = j.tree.size();
    return delete_pump(cli, env);
  }
  --j.in_flight;
  if (j.batch <= 0) {
    if (r.err != Err::kOk) return fail(cli, env, cli_error(r.err, j.op_path));
    return delete_pump(cli, env);
  }
  bool ok = r.err == Err::kOk;
  if (const auto* m = std::get_if<MultiResult>(&r.body))
    for (const auto& o : m->results) ok = ok && o.err == Err::kOk;
  if (!ok) j.success = false;
  delete_pump(cli, env);
}

}  // namespace zoolab::core::zk
