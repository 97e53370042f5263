// SVG space-time diagram. Sections: lanes and folding; which records become rows; geometry;
// drawing (header, lifelines, rows, arrows).
#include "sim/export/svg_diagram.h"

#include "sim/export/json_text.h"
#include "sim/scenario/explain.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>

namespace zoolab::sim {
namespace {

// ---- text ------------------------------------------------------------------------------------

std::string xml(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default:
        // XML 1.0 forbids most control characters even escaped.
        if (static_cast<unsigned char>(c) >= 0x20 || c == '\t') out += c;
    }
  }
  return out;
}

std::string seconds_text(int64_t ns) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6f", static_cast<double>(ns) / 1e9);
  std::string s = buf;
  while (s.size() > 1 && s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s + "s";
}

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

// ---- which records are drawn -----------------------------------------------------------------

bool starts(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

enum class RowKind { kArrow, kDrop, kClosed, kNote, kLifecycle, kBand };

struct Row {
  const TraceRecord* r;
  RowKind kind;
};

std::optional<RowKind> row_kind(const TraceRecord& r) {
  switch (r.kind) {
    case RecordKind::kDeliver: return RowKind::kArrow;
    case RecordKind::kDrop: return RowKind::kDrop;
    case RecordKind::kClosed: return RowKind::kClosed;
    case RecordKind::kNote: return is_milestone_note(r.text) ? std::optional(RowKind::kNote) : std::nullopt;
    case RecordKind::kStart:
    case RecordKind::kCrash:
    case RecordKind::kPowerOff:
    case RecordKind::kPause:
    case RecordKind::kResume: return RowKind::kLifecycle;
    case RecordKind::kFault:
    case RecordKind::kCaption:
    case RecordKind::kViolation: return RowKind::kBand;
    case RecordKind::kIntervention: return r.node == core::kNoNode ? RowKind::kBand : RowKind::kLifecycle;
    default: return std::nullopt;
  }
}

// The message's short label: the text after "from X: ".
std::string message_label(const std::string& text) {
  const size_t colon = text.find(": ");
  return clip_text(colon == std::string::npos ? text : text.substr(colon + 2), 34);
}

std::string message_colour(const std::string& label) {
  for (std::string_view p : {"NOTIFICATION", "notification", "vote"})
    if (label.find(p) != std::string::npos) return "#1f6fd1";
  for (std::string_view p : {"PROPOSAL", "ACK", "COMMIT", "UPTODATE", "NEWLEADER", "DIFF", "SNAP", "TRUNC",
                             "FOLLOWERINFO", "OBSERVERINFO", "LEADERINFO", "ACKEPOCH", "INFORM", "REQUEST",
                             "REVALIDATE", "SYNC"})
    if (starts(label, p)) return "#1d8a4a";
  if (starts(label, "PING")) return "#9aa7b4";
  return "#6b5b95";
}

// ---- geometry --------------------------------------------------------------------------------

constexpr double kTimeColumn = 96, kHeader = 74, kRowHeight = 17, kFooter = 28;

}  // namespace

std::vector<SvgLane> plan_lanes(const std::vector<ExportNode>& nodes, size_t fold_above, std::vector<size_t>* lane_of) {
  std::map<std::string, size_t> per_kind;
  for (const ExportNode& n : nodes) ++per_kind[n.kind];
  const bool fold = nodes.size() > fold_above;
  std::vector<SvgLane> lanes;
  std::map<std::string, size_t> fold_lane;  // kind -> lane
  lane_of->assign(nodes.size(), 0);
  for (NodeId id = 0; id < nodes.size(); ++id) {
    const ExportNode& n = nodes[id];
    if (fold && n.kind != "zookeeper" && per_kind[n.kind] >= 3) {
      const auto [it, fresh] = fold_lane.emplace(n.kind, lanes.size());
      if (fresh) lanes.push_back({"", n.kind, {}});
      lanes[it->second].members.push_back(id);
      (*lane_of)[id] = it->second;
    } else {
      (*lane_of)[id] = lanes.size();
      lanes.push_back({n.name, n.kind, {id}});
    }
  }
  for (SvgLane& l : lanes)
    if (l.members.size() > 1)
      l.label = nodes[l.members.front()].name + ".." + nodes[l.members.back()].name;
  return lanes;
}

std::string export_svg(const ExportInput& in, const SvgOptions& options) {
  std::vector<size_t> lane_of;
  const std::vector<SvgLane> lanes = plan_lanes(in.nodes, options.fold_above, &lane_of);

  // Lifecycle state of each machine when the window opens (false = not running).
  std::vector<bool> up(in.nodes.size(), false);
  std::vector<Row> rows;
  size_t left_out = 0;
  int64_t cut_at = -1;
  for (const TraceRecord& r : *in.records) {
    if (r.time.ns > in.to.ns) break;
    const bool inside = in.in_window(r);
    if (!inside && r.node < up.size()) {
      if (r.kind == RecordKind::kStart) up[r.node] = true;
      if (r.kind == RecordKind::kCrash || r.kind == RecordKind::kPowerOff) up[r.node] = false;
    }
    if (!inside) continue;
    const std::optional<RowKind> k = row_kind(r);
    if (!k) continue;
    if (rows.size() >= options.max_rows) {
      if (cut_at < 0) cut_at = r.time.ns;
      ++left_out;
      continue;
    }
    rows.push_back({&r, *k});
  }

  const double lane_w = lanes.size() <= 8 ? 150 : std::clamp(1500.0 / static_cast<double>(lanes.size()), 64.0, 150.0);
  // Room on the right for the last lane's notes.
  const double width = kTimeColumn + lane_w * static_cast<double>(std::max<size_t>(lanes.size(), 1)) + 230;
  const double height = kHeader + kRowHeight * static_cast<double>(rows.size() + (left_out ? 1 : 0)) + kFooter;
  auto lane_x = [&](size_t lane) { return kTimeColumn + lane_w * (static_cast<double>(lane) + 0.5); };
  auto row_y = [&](size_t row) { return kHeader + kRowHeight * (static_cast<double>(row) + 0.5); };
  auto x_of = [&](NodeId node) { return lane_x(node < lane_of.size() ? lane_of[node] : 0); };
  // The y of a send time: the first row at or after it (rows are in time order).
  auto y_of_time = [&](int64_t ns) {
    const auto it = std::lower_bound(rows.begin(), rows.end(), ns,
                                     [](const Row& row, int64_t t) { return row.r->time.ns < t; });
    if (it == rows.begin()) return kHeader;
    return row_y(static_cast<size_t>(it - rows.begin())) - kRowHeight * 0.5;
  };

  std::string s;
  s.reserve(rows.size() * 220 + 4096);
  s += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  s += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + num(width) + "\" height=\"" + num(height) +
       "\" viewBox=\"0 0 " + num(width) + " " + num(height) + "\" font-family=\"DejaVu Sans, WenQuanYi Micro Hei, sans-serif\">\n";
  s += "<title>" + xml(in.title) + "</title>\n";
  s += "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" "
       "orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"context-stroke\"/></marker></defs>\n";
  s += "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n";
  s += "<text x=\"8\" y=\"18\" font-size=\"14\" font-weight=\"bold\">" + xml(clip_text(in.title, 120)) + "</text>\n";
  s += "<text x=\"8\" y=\"34\" font-size=\"10\" fill=\"#555\">" +
       xml(in.scenario + " | seed " + std::to_string(in.seed) + " | " + seconds_text(in.from.ns) + " .. " +
           (in.to.ns == INT64_MAX ? std::string("end") : seconds_text(in.to.ns)) + " | " +
           std::to_string(rows.size()) + " rows, time flows down (one row per event)") +
       "</text>\n";

  // Header and lifelines. Down stretches of a single-machine lane are drawn dashed and grey.
  s += "<g id=\"lanes\">\n";
  for (size_t i = 0; i < lanes.size(); ++i) {
    const SvgLane& l = lanes[i];
    const double x = lane_x(i);
    const std::string caption = l.members.size() > 1 ? "(" + std::to_string(l.members.size()) + " " + l.kind + ")" : l.kind;
    s += "<text x=\"" + num(x) + "\" y=\"54\" font-size=\"12\" font-weight=\"bold\" text-anchor=\"middle\">" +
         xml(clip_text(l.label, static_cast<size_t>(lane_w / 7.5))) + "</text>\n";
    s += "<text x=\"" + num(x) + "\" y=\"67\" font-size=\"9\" fill=\"#666\" text-anchor=\"middle\">" +
         xml(clip_text(caption, static_cast<size_t>(lane_w / 5.5))) + "</text>\n";
  }
  for (size_t i = 0; i < lanes.size(); ++i) {
    const double x = lane_x(i);
    const bool single = lanes[i].members.size() == 1;
    bool is_up = single ? up[lanes[i].members.front()] : true;
    double from_y = kHeader;
    auto segment = [&](double to_y) {
      s += "<line x1=\"" + num(x) + "\" y1=\"" + num(from_y) + "\" x2=\"" + num(x) + "\" y2=\"" + num(to_y) + "\" " +
           (is_up ? "stroke=\"#333\" stroke-width=\"1.2\"" : "stroke=\"#bbb\" stroke-width=\"1\" stroke-dasharray=\"3 3\"") +
           "/>\n";
      from_y = to_y;
    };
    if (single) {
      const NodeId me = lanes[i].members.front();
      for (size_t row = 0; row < rows.size(); ++row) {
        const TraceRecord& r = *rows[row].r;
        if (r.node != me) continue;
        const bool now_up = r.kind == RecordKind::kStart ? true
                            : (r.kind == RecordKind::kCrash || r.kind == RecordKind::kPowerOff) ? false
                                                                                                 : is_up;
        if (now_up != is_up) {
          segment(row_y(row));
          is_up = now_up;
        }
      }
    }
    segment(height - kFooter);
  }
  s += "</g>\n<g id=\"rows\" font-size=\"9\">\n";

  int64_t last_time = -1;
  for (size_t row = 0; row < rows.size(); ++row) {
    const TraceRecord& r = *rows[row].r;
    const double y = row_y(row);
    if (r.time.ns != last_time) {
      s += "<text x=\"6\" y=\"" + num(y + 3) + "\" fill=\"#777\">" + seconds_text(r.time.ns) + "</text>\n";
      last_time = r.time.ns;
    }
    const std::string tip = "<title>" + xml("#" + std::to_string(r.index) + " " + seconds_text(r.time.ns) + " " +
                                            in.node_name(r.node) + " " + std::string(record_kind_name(r.kind)) + ": " +
                                            (r.kind == RecordKind::kCaption ? in.caption_text(r) : r.text)) +
                            "</title>";
    const double x = x_of(r.node);
    switch (rows[row].kind) {
      case RowKind::kArrow: {
        const std::string label = message_label(r.text);
        const std::string colour = message_colour(label);
        if (r.peer == core::kNoNode || lane_of.at(r.peer) == lane_of.at(r.node)) {
          s += "<g><circle cx=\"" + num(x) + "\" cy=\"" + num(y) + "\" r=\"2.5\" fill=\"" + colour + "\"/>" + tip +
               "</g>\n";
          break;
        }
        const double x0 = x_of(r.peer), y0 = std::min(y_of_time(r.sent.ns), y);
        s += "<g><line x1=\"" + num(x0) + "\" y1=\"" + num(y0) + "\" x2=\"" + num(x) + "\" y2=\"" + num(y) +
             "\" stroke=\"" + colour + "\" stroke-width=\"1\" marker-end=\"url(#arrow)\"/>";
        const double lx = x0 + (x - x0) * 0.5, ly = y0 + (y - y0) * 0.5 - 2;
        s += "<text x=\"" + num(lx) + "\" y=\"" + num(ly) + "\" text-anchor=\"middle\" fill=\"" + colour + "\">" +
             xml(label) + "</text>" + tip + "</g>\n";
        break;
      }
      case RowKind::kDrop:
      case RowKind::kClosed: {
        const bool drop = rows[row].kind == RowKind::kDrop;
        s += "<g><text x=\"" + num(x + 5) + "\" y=\"" + num(y + 3) + "\" fill=\"" + (drop ? "#c0392b" : "#888") + "\">" +
             xml(clip_text(r.text, 40)) + "</text><circle cx=\"" + num(x) + "\" cy=\"" + num(y) +
             "\" r=\"2\" fill=\"none\" stroke=\"#888\"/>" + tip + "</g>\n";
        break;
      }
      case RowKind::kNote: {
        const bool leader = r.text.find("LEADING") != std::string::npos || starts(r.text, "established leader");
        s += "<g><rect x=\"" + num(x - 3) + "\" y=\"" + num(y - 3) + "\" width=\"6\" height=\"6\" fill=\"" +
             (leader ? "#e67e22" : "#34495e") + "\"/><text x=\"" + num(x + 6) + "\" y=\"" + num(y + 3) + "\">" +
             xml(clip_text(r.text, 48)) + "</text>" + tip + "</g>\n";
        break;
      }
      case RowKind::kLifecycle: {
        const bool bad = r.kind == RecordKind::kCrash || r.kind == RecordKind::kPowerOff;
        const std::string colour = bad ? "#c0392b" : r.kind == RecordKind::kStart ? "#27ae60" : "#d68910";
        s += "<g>";
        if (bad) {
          s += "<path d=\"M " + num(x - 6) + " " + num(y - 6) + " L " + num(x + 6) + " " + num(y + 6) + " M " +
               num(x + 6) + " " + num(y - 6) + " L " + num(x - 6) + " " + num(y + 6) + "\" stroke=\"" + colour +
               "\" stroke-width=\"2.5\"/>";
        } else {
          s += "<circle cx=\"" + num(x) + "\" cy=\"" + num(y) + "\" r=\"4.5\" fill=\"" + colour + "\"/>";
        }
        // A line typed into a console reads as at its prompt: "c1> create /a x".
        const bool typed = r.kind == RecordKind::kIntervention && starts(r.text, "types: ");
        const std::string label = typed ? in.node_name(r.node) + "> " + r.text.substr(7)
                                        : std::string(record_kind_name(r.kind)) + (r.text.empty() ? "" : ": " + r.text);
        s += "<text x=\"" + num(x + 8) + "\" y=\"" + num(y + 3) + "\" font-weight=\"bold\" fill=\"" +
             (typed ? std::string("#1a5276") : colour) + "\">" + xml(clip_text(label, 40)) + "</text>" + tip + "</g>\n";
        break;
      }
      case RowKind::kBand: {
        const bool caption = r.kind == RecordKind::kCaption;
        const std::string fill = caption ? "#fff6d5" : r.kind == RecordKind::kViolation ? "#fadbd8" : "#fdecea";
        const std::string ink = caption ? "#6e5600" : "#c0392b";
        const std::string text = caption ? in.caption_text(r) : std::string(record_kind_name(r.kind)) + ": " + r.text;
        s += "<g><rect x=\"" + num(kTimeColumn - 4) + "\" y=\"" + num(y - kRowHeight * 0.5 + 1) + "\" width=\"" +
             num(width - kTimeColumn - 8) + "\" height=\"" + num(kRowHeight - 2) + "\" fill=\"" + fill + "\"/>";
        if (!caption)
          s += "<line x1=\"" + num(kTimeColumn) + "\" y1=\"" + num(y) + "\" x2=\"" + num(width - 14) + "\" y2=\"" +
               num(y) + "\" stroke=\"#c0392b\" stroke-dasharray=\"6 3\"/>";
        s += "<text x=\"" + num(kTimeColumn + 2) + "\" y=\"" + num(y + 3) + "\" font-size=\"10\" fill=\"" + ink + "\">" +
             xml(clip_text(text, static_cast<size_t>((width - kTimeColumn) / 6.2))) + "</text>" + tip + "</g>\n";
        break;
      }
    }
  }
  if (left_out > 0) {
    s += "<text x=\"" + num(kTimeColumn) + "\" y=\"" + num(row_y(rows.size()) + 3) +
         "\" font-size=\"11\" fill=\"#c0392b\">" +
         xml("\u2026 " + std::to_string(left_out) + " more rows from " + seconds_text(cut_at) +
             " on are left out: export a narrower window with --from/--to") +
         "</text>\n";
  }
  s += "</g>\n</svg>\n";
  return s;
}

}  // namespace zoolab::sim
