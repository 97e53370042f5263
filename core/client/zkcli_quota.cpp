// setquota / listquota / delquota as 3.8's SetQuotaCommand, ListQuotaCommand and DelQuotaCommand
// run them: client-side, as a sequence of ordinary requests on /zookeeper/quota.
#include <utility>

#include "core/client/zkcli_jobs.h"
#include "core/client/zkcli_text.h"
#include "core/znode/path.h"

namespace zoolab::core::zk {

namespace {
const char* const kKeys[4] = {"count", "bytes", "countHardLimit", "byteHardLimit"};

std::string data_text(const Response& r) {
  const auto* d = std::get_if<DataResult>(&r.body);
  return d && d->data ? *d->data : std::string();
}

// "[Warning]" lines of SetQuotaCommand.checkQuota (stdout).
std::string quota_warnings(const QuotaStats& q, const QuotaStats& s) {
  std::string o;
  if ((q.get("count") > -1 && q.get("count") < s.get("count")) ||
      (q.get("countHardLimit") > -1 && q.get("countHardLimit") < s.get("count")))
    o += "[Warning]: the count quota you create is less than the existing count:" + std::to_string(s.get("count")) + "\n";
  if ((q.get("bytes") > -1 && q.get("bytes") < s.get("bytes")) ||
      (q.get("byteHardLimit") > -1 && q.get("byteHardLimit") < s.get("bytes")))
    o += "[Warning]: the bytes quota you create is less than the existing bytes:" + std::to_string(s.get("bytes")) + "\n";
  return o;
}

std::string prefix_path(const std::vector<std::string>& parts, size_t upto) {
  std::string p(kCliQuotaRoot);
  for (size_t i = 1; i <= upto && i < parts.size(); ++i) p += "/" + parts[i];
  return p;
}
}  // namespace

// ---- setquota ---------------------------------------------------------------------------------

void ZkCliJobs::start_setquota(ZkCli& cli, Env& env, CliJob job) {
  if (job.path.rfind(kCliQuotaRoot, 0) == 0) return cli.err(env, "cannot set a quota under the path: " + std::string(kCliQuotaRoot) + "\n");
  const char* const opts[4] = {"n", "b", "N", "B"};
  for (int i = 0; i < 4; ++i) {
    if (!job.cl.has(opts[i])) continue;
    const bool count = i % 2 == 0;
    int64_t v = 0;
    bool ok = false;
    if (count) {
      const auto p = java_parse_int(job.cl.value(opts[i]));
      ok = p.has_value();
      v = p.value_or(0);
    } else {
      const auto p = java_parse_long(job.cl.value(opts[i]));
      ok = p.has_value();
      v = p.value_or(0);
    }
    if (!ok) return cli.err(env, "NumberFormatException happens when parsing the option value\n");
    if (count && v <= 0) return cli.err(env, "the num quota must be greater than zero\n");
    if (!count && v < 0) return cli.err(env, "the bytes quota must be greater than or equal to zero\n");
    job.want[i] = v;
  }
  if (auto m = validate_path(job.path)) return cli.err(env, *m + "\n");
  job.kind = CliJob::Kind::kSetQuota;
  job.parts = split_dropping_trailing(job.path, '/');
  job.stage = 1;
  cli.job_ = std::move(job);
  cli.job_->op_path = cli.job_->path;
  send(cli, env, ExistsOp{cli.job_->path, false});
}

void ZkCliJobs::setquota_step(ZkCli& cli, Env& env, const Response* r) {
  CliJob& j = *cli.job_;
  const Err e = r ? r->err : Err::kOk;
  const auto request = [&](std::string path, RequestBody body) {
    j.op_path = std::move(path);
    send(cli, env, std::move(body));
  };
  const std::string limit = j.quota_path + "/" + std::string(kCliQuotaLimitNode);
  const std::string stat = j.quota_path + "/" + std::string(kCliQuotaStatNode);
  switch (j.stage) {
    case 1:  // exists(path)
      if (e == Err::kNoNode) return fail(cli, env, j.path + " does not exist.");
      if (e != Err::kOk) return fail(cli, env, cli_error(e, j.path));
      j.quota_path = std::string(kCliQuotaRoot) + j.path;
      if (auto m = validate_path(j.quota_path)) return fail(cli, env, *m);
      j.walk = CliJob::Walk::kQuotaChildCheck;
      j.steps = {CliJob::Step{CliJob::Step::kRoot, j.quota_path}};
      j.stage = 2;
      return walk_next(cli, env);
    case 3:  // checkIfParentQuota: ancestors only
      j.cursor = 1;
      j.stage = 4;
      [[fallthrough]];
    case 4:
      if (r && j.cursor > 1) {
        if (e == Err::kNoNode) { j.cursor = j.parts.size(); }
        else if (e != Err::kOk) return fail(cli, env, cli_error(e, j.op_path));
        else {
          const auto* c = std::get_if<ChildrenResult>(&r->body);
          if (!c || c->children.empty()) j.cursor = j.parts.size();
          else
            for (const auto& k : c->children)
              if (k == kCliQuotaLimitNode)
                return fail(cli, env, j.path + " has a parent " + j.op_path.substr(kCliQuotaRoot.size()) + " which has a quota");
        }
      }
      if (j.parts.size() >= 2 && j.cursor < j.parts.size() - 1) {
        const std::string qp = prefix_path(j.parts, j.cursor++);
        return request(qp, GetChildrenOp{qp, false, false});
      }
      j.stage = 5;
      return request(std::string(kCliQuotaRoot), ExistsOp{std::string(kCliQuotaRoot), false});
    case 5:  // exists(/zookeeper/quota)
      if (e == Err::kNoNode) {
        j.stage = 6;
        return request("/zookeeper", CreateOp{"/zookeeper", std::nullopt, open_acl_unsafe()});
      }
      if (e != Err::kOk) return fail(cli, env, cli_error(e, j.op_path));
      j.stage = 8;
      j.cursor = 0;
      return setquota_step(cli, env, nullptr);
    case 6:
      if (e == Err::kOk) {
        j.stage = 7;
        return request(std::string(kCliQuotaRoot), CreateOp{std::string(kCliQuotaRoot), std::nullopt, open_acl_unsafe()});
      }
      if (e != Err::kNodeExists) return fail(cli, env, cli_error(e, j.op_path));
      j.stage = 8;
      j.cursor = 0;
      return setquota_step(cli, env, nullptr);
    case 7:
      if (e != Err::kOk && e != Err::kNodeExists) return fail(cli, env, cli_error(e, j.op_path));
      j.stage = 8;
      j.cursor = 0;
      return setquota_step(cli, env, nullptr);
    case 8:  // walk down creating /zookeeper/quota/<a>/<b>: exists?
      if (r && e != Err::kOk && e != Err::kNoNode) return fail(cli, env, cli_error(e, j.op_path));
      if (r && e == Err::kNoNode) {
        j.stage = 9;
        return request(j.op_path, CreateOp{j.op_path, std::nullopt, open_acl_unsafe()});
      }
      if (j.cursor + 1 < j.parts.size()) {
        const std::string qp = prefix_path(j.parts, ++j.cursor);
        return request(qp, ExistsOp{qp, false});
      }
      j.quota_path = prefix_path(j.parts, j.parts.size());
      j.stage = 10;
      return request(j.quota_path + "/" + std::string(kCliQuotaLimitNode),
                     ExistsOp{j.quota_path + "/" + std::string(kCliQuotaLimitNode), false});
    case 9:
      if (e != Err::kOk && e != Err::kNodeExists) return fail(cli, env, cli_error(e, j.op_path));
      j.stage = 8;
      return setquota_step(cli, env, nullptr);
    case 10:  // exists(limits)
      if (e == Err::kNoNode) {
        QuotaStats q;
        for (int i = 0; i < 4; ++i) q.set(kKeys[i], j.want[i]);
        j.stage = 11;
        return request(limit, CreateOp{limit, q.to_string(), open_acl_unsafe()});
      }
      if (e != Err::kOk) return fail(cli, env, cli_error(e, j.op_path));
      j.stage = 20;
      return request(limit, GetDataOp{limit, false});
    case 11:
      if (e != Err::kOk) return fail(cli, env, cli_error(e, j.op_path));
      j.stage = 12;
      return request(stat, CreateOp{stat, QuotaStats("count=0,bytes=0").to_string(), open_acl_unsafe()});
    case 12:
      if (e != Err::kOk) return fail(cli, env, cli_error(e, j.op_path));
      j.stage = 13;
      return request(limit, GetDataOp{limit, false});
    case 13:
      if (e != Err::kOk) return fail(cli, env, cli_error(e, j.op_path));
      j.limits_text = data_text(*r);
      j.stage = 14;
      return request(stat, GetDataOp{stat, false});
    case 14:
      if (e != Err::kOk) return fail(cli, env, cli_error(e, j.op_path));
      cli.out(env, quota_warnings(QuotaStats(j.limits_text), QuotaStats(data_text(*r))));
      return done(cli, env);
    case 20: {  // existing limits: merge the new values
      if (e != Err::kOk) return fail(cli, env, cli_error(e, j.op_path));
      QuotaStats q(data_text(*r));
      for (int i = 0; i < 4; ++i)
        if (j.want[i] > -1) q.set(kKeys[i], j.want[i]);
      j.limits_text = q.to_string();
      j.stage = 21;
      return request(stat, GetDataOp{stat, false});
    }
    case 21:
      if (e != Err::kOk) return fail(cli, env, cli_error(e, j.op_path));
      cli.out(env, quota_warnings(QuotaStats(j.limits_text), QuotaStats(data_text(*r))));
      j.stage = 22;
      return request(limit, SetDataOp{limit, j.limits_text, -1});
    case 22:
      if (e != Err::kOk) return fail(cli, env, cli_error(e, j.op_path));
      return done(cli, env);
    default:
      return done(cli, env);
  }
}

// ---- listquota ---------------------------------------------------------------------------------

void ZkCliJobs::start_listquota(ZkCli& cli, Env& env, CliJob job) {
  const std::string limit = std::string(kCliQuotaRoot) + job.path + "/" + std::string(kCliQuotaLimitNode);
  cli.err(env, "absolute path is " + limit + "\n");
  if (auto m = validate_path(limit)) return cli.err(env, *m + "\n");
  job.kind = CliJob::Kind::kListQuota;
  job.stage = 1;
  job.op_path = limit;
  cli.job_ = std::move(job);
  send(cli, env, GetDataOp{limit, false});
}

void ZkCliJobs::listquota_reply(ZkCli& cli, Env& env, const Response& r) {
  CliJob& j = *cli.job_;
  if (r.err == Err::kNoNode) return fail(cli, env, "quota for " + j.path + " does not exist.");
  if (r.err != Err::kOk) return fail(cli, env, cli_error(r.err, j.op_path));
  if (j.stage == 1) {
    cli.out(env, "Output quota for " + j.path + " " + QuotaStats(data_text(r)).to_string() + "\n");
    j.stage = 2;
    j.op_path = std::string(kCliQuotaRoot) + j.path + "/" + std::string(kCliQuotaStatNode);
    send(cli, env, GetDataOp{j.op_path, false});
    return;
  }
  cli.out(env, "Output stat for " + j.path + " " + QuotaStats(data_text(r)).to_string() + "\n");
  done(cli, env);
}

// ---- delquota ----------------------------------------------------------------------------------

void ZkCliJobs::start_delquota(ZkCli& cli, Env& env, CliJob job) {
  job.quota_path = std::string(kCliQuotaRoot) + job.path;
  const std::string limit = job.quota_path + "/" + std::string(kCliQuotaLimitNode);
  if (auto m = validate_path(limit)) return cli.err(env, *m + "\n");
  job.kind = CliJob::Kind::kDelQuota;
  job.stage = 1;
  job.op_path = limit;
  cli.job_ = std::move(job);
  send(cli, env, ExistsOp{limit, false});
}

void ZkCliJobs::delquota_step(ZkCli& cli, Env& env, const Response* r) {
  CliJob& j = *cli.job_;
  const Err e = r ? r->err : Err::kOk;
  const std::string limit = j.quota_path + "/" + std::string(kCliQuotaLimitNode);
  const auto request = [&](std::string path, RequestBody body) {
    j.op_path = std::move(path);
    send(cli, env, std::move(body));
  };
  switch (j.stage) {
    case 1:
      if (e == Err::kNoNode) {
        cli.out(env, "Quota does not exist for " + j.path + "\n");
        return done(cli, env);
      }
      if (e != Err::kOk) return fail(cli, env, cli_error(e, j.op_path));
      j.stage = 2;
      return request(limit, GetDataOp{limit, false});
    case 2: {
      if (e == Err::kNoNode) return fail(cli, env, "quota for " + j.path + " does not exist.");
      if (e != Err::kOk) return fail(cli, env, cli_error(e, j.op_path));
      const char* const opts[4] = {"n", "b", "N", "B"};
      bool any = false;
      QuotaStats q(data_text(*r));
      for (int i = 0; i < 4; ++i)
        if (j.cl.has(opts[i])) {
          any = true;
          q.set(kKeys[i], -1);
        }
      if (any) {
        j.stage = 9;
        return request(limit, SetDataOp{limit, q.to_string(), -1});
      }
      j.stage = 3;
      return request(j.quota_path, GetChildrenOp{j.quota_path, false, false});
    }
    case 3:  // delete the direct children (limits and stats)
      if (e != Err::kOk) return fail(cli, env, cli_error(e, j.op_path));
      j.tree.clear();
      if (const auto* c = std::get_if<ChildrenResult>(&r->body))
        for (const auto& k : c->children) j.tree.push_back(j.quota_path + "/" + k);
      j.cursor = 0;
      j.stage = 4;
      return delquota_step(cli, env, nullptr);
    case 4:
      if (r && e != Err::kOk) return fail(cli, env, cli_error(e, j.op_path));
      if (j.cursor < j.tree.size()) {
        const std::string p = j.tree[j.cursor++];
        return request(p, DeleteOp{p, -1});
      }
      j.stage = 5;
      return delquota_step(cli, env, nullptr);
    case 5:  // trimProcQuotas: remove now-empty quota ancestors
      if (j.quota_path == kCliQuotaRoot) return done(cli, env);
      j.stage = 6;
      return request(j.quota_path, GetChildrenOp{j.quota_path, false, false});
    case 6: {
      if (e != Err::kOk) return fail(cli, env, cli_error(e, j.op_path));
      const auto* c = std::get_if<ChildrenResult>(&r->body);
      if (c && !c->children.empty()) return done(cli, env);
      j.stage = 7;
      return request(j.quota_path, DeleteOp{j.quota_path, -1});
    }
    case 7:
      if (e != Err::kOk) return fail(cli, env, cli_error(e, j.op_path));
      j.quota_path = j.quota_path.substr(0, j.quota_path.rfind('/'));
      j.stage = 5;
      return delquota_step(cli, env, nullptr);
    case 9:
      if (e != Err::kOk) return fail(cli, env, cli_error(e, j.op_path));
      return done(cli, env);
    default:
      return done(cli, env);
  }
}

}  // namespace zoolab::core::zk
