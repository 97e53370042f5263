// Multi-request zkCli commands (ls -R, setAcl -R, deleteall, setquota, listquota, delquota) as
// resumable steps over CliJob, and the per-command option tables.
#pragma once

#include <string>

#include "core/client/zkcli.h"

namespace zoolab::core::zk {

// commons-cli Options of each zkCli command.
OptionsSpec command_options(const std::string& cmd);

struct ZkCliJobs {
  static void start_tree_walk(ZkCli& cli, Env& env, CliJob job);  // job.walk, path, watch, acl, version set
  static void start_deleteall(ZkCli& cli, Env& env, CliJob job);
  static void start_setquota(ZkCli& cli, Env& env, CliJob job);
  static void start_listquota(ZkCli& cli, Env& env, CliJob job);
  static void start_delquota(ZkCli& cli, Env& env, CliJob job);
  static void on_reply(ZkCli& cli, Env& env, const Response& r);

 private:
  static void walk_next(ZkCli& cli, Env& env);
  static void walk_reply(ZkCli& cli, Env& env, const Response& r);
  static void delete_pump(ZkCli& cli, Env& env);
  static void deleteall_reply(ZkCli& cli, Env& env, const Response& r);
  static void setquota_step(ZkCli& cli, Env& env, const Response* r);
  static void listquota_reply(ZkCli& cli, Env& env, const Response& r);
  static void delquota_step(ZkCli& cli, Env& env, const Response* r);
  static void fail(ZkCli& cli, Env& env, const std::string& line);  // stderr line, command ends
  static void done(ZkCli& cli, Env& env);
  static Xid send(ZkCli& cli, Env& env, RequestBody body);
};

}  // namespace zoolab::core::zk
