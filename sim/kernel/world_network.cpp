// Connection bookkeeping of a World: opening, sending, closing, resets and partitions.
#include <algorithm>
#include <stdexcept>

#include "sim/kernel/world.h"

namespace zoolab::sim {

core::Rng& World::link_rng(NodeId from, NodeId to) {
  auto it = link_rngs_.find({from, to});
  if (it == link_rngs_.end())
    it = link_rngs_.emplace(std::pair{from, to},
                            core::Rng::stream(seed_, "link:" + nodes_[from].name + "->" + nodes_[to].name))
             .first;
  return it->second;
}

void World::connect(NodeId from, ConnId conn, NodeId to) {
  if (to >= nodes_.size()) throw std::logic_error("connect: no such node");
  Connection c;
  c.end[0] = from;
  c.end[1] = to;
  auto [it, fresh] = net_.conns.emplace(conn, std::move(c));
  if (!fresh) throw std::logic_error("connect: connection id reused");
  if (net_.cut_between(from, to) || !nodes_[to].powered()) {
    // The handshake is lost; the opener finds out only through its own timeout.
    it->second.dead = true;
    record(RecordKind::kDrop, from,
           "connection to " + nodes_[to].name + " lost: " + (nodes_[to].powered() ? "partition" : "machine is off"));
    return;
  }
  send_packet(conn, 0, Packet{Packet::Kind::kOpen, {}, {}, {}});
}

void World::send_packet(ConnId conn_id, int side, Packet p) {
  Connection& c = net_.conns.at(conn_id);
  if (!c.open[side]) return;  // this end already closed it
  const NodeId from = c.end[side], to = c.end[1 - side];
  if (c.dead || !c.open[1 - side] || net_.blocked(from, to)) {
    if (p.kind == Packet::Kind::kData)
      record(RecordKind::kDrop, from,
             "to " + nodes_[to].name + " lost (" + (c.dead ? "connection broken" : "peer gone") + "): " +
                 core::describe(p.msg));
    return;
  }
  p.sent = now_;
  p.arrive = now_ + sample(net_.latency(from, to), link_rng(from, to));
  Channel& ch = c.ch[side];
  if (p.kind == Packet::Kind::kData && net_.modes.any()) {
    // Not TCP: the lesson modes break the guarantees on purpose, and say so in the trace.
    core::Rng& r = link_rng(to, from);  // the reverse link's stream, so latency samples stay put
    if (r.chance_permille(net_.modes.loss_permille)) {
      record(RecordKind::kDrop, from, "NOT TCP: lost on the way to " + nodes_[to].name + ": " + core::describe(p.msg));
      return;
    }
    if (r.chance_permille(net_.modes.duplicate_permille)) {
      record(RecordKind::kNote, from, "NOT TCP: duplicated on the way to " + nodes_[to].name);
      ch.packets.push_back(p);
    }
    if (ch.packets.size() >= 2 && r.chance_permille(net_.modes.reorder_permille)) {
      record(RecordKind::kNote, from, "NOT TCP: overtakes an earlier message to " + nodes_[to].name);
      ch.packets.insert(ch.packets.end() - 1, std::move(p));  // never displaces the scheduled head
      if (ch.scheduled_seq == 0) schedule_head(conn_id, side);
      return;
    }
  }
  ch.packets.push_back(std::move(p));
  if (ch.scheduled_seq == 0) schedule_head(conn_id, side);
}

void World::schedule_head(ConnId conn_id, int side) {
  Channel& ch = net_.conns.at(conn_id).ch[side];
  if (ch.packets.empty()) {
    ch.scheduled_seq = 0;
    return;
  }
  const Time at = std::max(now_, ch.packets.front().arrive);
  ch.scheduled_seq = queue_.push(at, EventKind::kDeliver, static_cast<uint32_t>(side), conn_id);
}

void World::clear_channel(Connection& c, int side) {
  c.ch[side].packets.clear();
  c.ch[side].scheduled_seq = 0;  // its pending event is now stale
}

void World::kill_connection(ConnId, Connection& c) {
  c.dead = true;
  clear_channel(c, 0);
  clear_channel(c, 1);
}

// One end closes (FIN) or its process dies (RST): data towards it is discarded, and the
// notice travels behind whatever it had already sent.
void World::close_end(ConnId conn_id, int side, Packet::Kind notify) {
  Connection& c = net_.conns.at(conn_id);
  c.open[side] = false;
  clear_channel(c, 1 - side);
  const NodeId from = c.end[side], to = c.end[1 - side];
  if (!c.dead && c.open[1 - side] && nodes_[from].powered() && !net_.blocked(from, to)) {
    Packet p{notify, {}, now_, now_ + sample(net_.latency(from, to), link_rng(from, to))};
    c.ch[side].packets.push_back(std::move(p));
    if (c.ch[side].scheduled_seq == 0) schedule_head(conn_id, side);
  }
  erase_if_finished(conn_id);
}

void World::erase_if_finished(ConnId conn_id) {
  auto it = net_.conns.find(conn_id);
  if (it == net_.conns.end()) return;
  const Connection& c = it->second;
  const bool quiet = c.ch[0].packets.empty() && c.ch[1].packets.empty();
  if (quiet && !c.open[0] && !c.open[1]) net_.conns.erase(it);
}

void World::apply_partition(const PartitionNet& p) {
  net_.set_partition(p.groups, p.one_way);
  record(RecordKind::kFault, core::kNoNode, describe(Action{p}));
  for (auto& [cid, c] : net_.conns) {
    if (!c.dead && net_.cut_between(c.end[0], c.end[1])) {
      kill_connection(cid, c);
      record(RecordKind::kDrop, core::kNoNode,
             "connection " + nodes_[c.end[0]].name + "-" + nodes_[c.end[1]].name +
                 " broken silently by the partition");
    }
  }
}

}  // namespace zoolab::sim
