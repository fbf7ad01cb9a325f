#include "reference_compare.h"

#include <cmath>
#include <sstream>
#include <tuple>

namespace bgplens::test {
namespace {

// Messages are aligned on what identifies them on the wire.
std::string identity(const Json& m) {
  std::ostringstream s;
  s << "frame " << m.value("frame", 0) << " " << m.value("src", "") << " > " << m.value("dst", "")
    << " type " << m.value("type", 0) << " length " << m.value("length", 0);
  if (m.value("via", "") == "bmp") s << " via bmp";
  return s.str();
}

using Item = std::tuple<std::string, int, int, std::string, long long>;

// The NLRI the reference lists: plain prefixes ("prefix") and labeled/VPN prefixes
// ("address"). Ours are taken for the families tshark 4.0 lists them for: IPv4/IPv6 unicast
// and multicast, labeled unicast, VPNv4. (It gives VPNv6 NLRI no address, only a label-stack
// text, and lists no EVPN, FlowSpec, VPLS, BGP-LS, MVPN, RTC, MUP or SR Policy NLRI: those are
// checked field by field in the parser tests and against ExaBGP instead.)
std::vector<Item> nlri_items(const Json& m, bool ours) {
  std::vector<Item> out;
  for (const Json& n : m.value("nlri", Json::array())) {
    const bool plain = n.contains("prefix");
    if (!plain && !n.contains("address")) continue;
    if (ours) {
      const int afi = n.value("afi", 0);
      const int safi = n.value("safi", 0);
      const bool ip = afi == 1 || afi == 2;
      const bool listed =
          plain ? ip && (safi == 1 || safi == 2) : ip && (safi == 4 || (afi == 1 && safi == 128));
      if (!listed) continue;
    }
    out.emplace_back(n.value("dir", ""), n.value("offset", 0), n.value("length", 0),
                     plain ? n.value("prefix", "") : n.value("address", ""),
                     n.contains("path_id") ? n["path_id"].get<long long>() : -1);
  }
  return out;
}

}  // namespace

std::vector<Json> parse_lines(const std::string& text) {
  std::vector<Json> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) out.push_back(Json::parse(line));
  }
  return out;
}

Comparison compare(const std::vector<Json>& all_ours, const std::vector<Json>& reference) {
  Comparison c;
  // The reference lists BGP messages only; our rows for the BMP messages around them are not
  // compared here (the BGP messages inside them are).
  std::vector<Json> ours;
  for (const Json& o : all_ours) {
    if (o.value("kind", "") == "bmp")
      ++c.bmp_rows;
    else
      ours.push_back(o);
  }
  std::vector<std::string> ids;
  ids.reserve(ours.size());
  for (const Json& o : ours)
    ids.push_back(identity(o));
  std::size_t next = 0;  // our messages before this one are matched or reported extra
  for (const Json& e : reference) {
    ++c.expected;
    const std::string id = identity(e);
    std::size_t found = ours.size();
    // Look ahead: messages the reference lacks may sit in between (a stream tshark lost).
    for (std::size_t i = next; i < ours.size() && i < next + 8192; ++i) {
      if (ids[i] == id) {
        found = i;
        break;
      }
    }
    if (found == ours.size()) {
      c.differences.insert("missing " + id);
      continue;
    }
    for (std::size_t i = next; i < found; ++i)
      c.differences.insert("extra " + ids[i]);
    next = found + 1;
    ++c.matched;
    const Json& o = ours[found];
    const std::string where = "frame " + std::to_string(e.value("frame", 0)) + " #" +
                              std::to_string(o.value("n", 0)) + ": ";
    if (o["caps"] != e["caps"]) c.differences.insert(where + "caps");
    if (o["attrs"] != e["attrs"]) c.differences.insert(where + "attrs");
    if (nlri_items(o, true) != nlri_items(e, false)) c.differences.insert(where + "nlri");
    if (o["notification"] != e["notification"]) c.differences.insert(where + "notification");
    if (std::fabs(o.value("time", 0.0) - e.value("time", 0.0)) > 2e-6)
      c.differences.insert(where + "time");
  }
  for (std::size_t i = next; i < ours.size(); ++i)
    c.differences.insert("extra " + ids[i]);
  return c;
}

}  // namespace bgplens::test
