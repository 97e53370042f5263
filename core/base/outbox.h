// What a process handler asks the world to do: the only way a process acts on anything.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "core/base/ids.h"
#include "core/base/message.h"
#include "core/base/time.h"

namespace zoolab::core {

struct ConnectCmd { ConnId conn; NodeId peer; };
struct SendCmd { ConnId conn; Message msg; };
struct CloseCmd { ConnId conn; };
struct SetTimerCmd { TimerId timer; Duration delay; };  // delay on the local clock; replaces a pending one
struct CancelTimerCmd { TimerId timer; };
struct AppendCmd { std::string file; std::string bytes; };  // buffered until the next fsync completes
struct TruncateCmd { std::string file; uint64_t size; };    // durable at the next fsync
struct FsyncCmd { uint64_t token; };                         // on_disk_done(token) when durable
struct NoteCmd { std::string text; };                        // a trace annotation
enum class OutStream : uint8_t { kOut, kErr };
struct PrintCmd { OutStream stream; std::string text; };     // console output (zkCli stdout/stderr)

using Command = std::variant<ConnectCmd, SendCmd, CloseCmd, SetTimerCmd, CancelTimerCmd, AppendCmd,
                             TruncateCmd, FsyncCmd, NoteCmd, PrintCmd>;

class Outbox {
 public:
  // `next_conn_seq` is the node's connection counter, kept by the world across restarts.
  Outbox(NodeId self, uint32_t& next_conn_seq) : self_(self), next_conn_seq_(next_conn_seq) {}

  // Opens a TCP-like connection; usable at once (data queues behind the handshake).
  ConnId connect(NodeId peer) {
    const ConnId id = make_conn_id(self_, ++next_conn_seq_);
    commands_.emplace_back(std::in_place_type<ConnectCmd>, ConnectCmd{id, peer});
    return id;
  }
  void send(ConnId conn, Message msg) { commands_.emplace_back(std::in_place_type<SendCmd>, SendCmd{conn, std::move(msg)}); }
  void close(ConnId conn) { commands_.emplace_back(std::in_place_type<CloseCmd>, CloseCmd{conn}); }
  void set_timer(TimerId t, Duration delay) { commands_.emplace_back(std::in_place_type<SetTimerCmd>, SetTimerCmd{t, delay}); }
  void cancel_timer(TimerId t) { commands_.emplace_back(std::in_place_type<CancelTimerCmd>, CancelTimerCmd{t}); }
  void append(std::string file, std::string bytes) {
    commands_.emplace_back(std::in_place_type<AppendCmd>, AppendCmd{std::move(file), std::move(bytes)});
  }
  void truncate(std::string file, uint64_t size) { commands_.emplace_back(std::in_place_type<TruncateCmd>, TruncateCmd{std::move(file), size}); }
  void fsync(uint64_t token) { commands_.emplace_back(std::in_place_type<FsyncCmd>, FsyncCmd{token}); }
  void note(std::string text) { commands_.emplace_back(std::in_place_type<NoteCmd>, NoteCmd{std::move(text)}); }
  // Text a console program writes (exact bytes, newlines included), shown by the shell and GUI.
  void print(OutStream stream, std::string text) {
    commands_.emplace_back(std::in_place_type<PrintCmd>, PrintCmd{stream, std::move(text)});
  }

  NodeId self() const { return self_; }
  const std::vector<Command>& commands() const { return commands_; }
  std::vector<Command>& commands() { return commands_; }

 private:
  NodeId self_;
  uint32_t& next_conn_seq_;
  std::vector<Command> commands_;
};

}  // namespace zoolab::core
