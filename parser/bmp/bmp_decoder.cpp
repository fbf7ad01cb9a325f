#include "bmp/bmp_decoder.h"

#include <algorithm>
#include <optional>

#include "bgp/common/route_distinguisher.h"
#include "bgp/message_decoder.h"
#include "bgp/names/names.h"
#include "bgp/walk.h"
#include "bmp/bmp_names.h"
#include "bmp/bmp_wire.h"
#include "util/text.h"

namespace bgplens {
namespace {

using namespace bmp;
namespace bgp_names = bgplens::names;
namespace bmp_names = bgplens::bmp::names;

std::string address_text(const IpAddress& a) {
  return a.text();
}

std::string peer_line(const PeerHeader& h) {
  std::string s = h.loc_rib() ? std::string("Loc-RIB")
                              : text::cat(address_text(h.address), " AS ", text::asn_plain(h.as));
  if (h.peer_type == peer_type::kRdInstance || (h.loc_rib() && h.distinguisher != 0)) {
    std::uint8_t rd[8];
    for (int i = 0; i < 8; ++i)
      rd[i] = static_cast<std::uint8_t>(h.distinguisher >> (56 - 8 * i));
    s += text::cat(" RD ", rd_text(rd));
  }
  if (h.peer_type == peer_type::kLocalInstance) s += " (Local Instance)";
  if (h.adj_rib_out()) s += " Adj-RIB-Out";
  if (!h.loc_rib()) s += (h.flags & peer_flag::kPostPolicy) ? " post-policy" : " pre-policy";
  return s;
}

// A BGP message nested at [offset, offset + length) of the BMP message, decoded with the
// row's context, its nodes under a group node of `group` and its problems shifted into the BMP
// message's offsets. At Depth::Locate it is only located.
void nested_bgp(Walk& w, FieldId group, std::uint32_t offset, std::uint32_t length) {
  if (w.depth() == Depth::Locate) return;
  const std::uint32_t node = w.open(group, offset, length);
  DecodedMessage inner;
  Walk iw(w.slice(offset, length), w.context(), w.has_tree() ? Depth::Tree : Depth::Summary, inner,
          w.tree());
  std::uint32_t previous = 0;
  if (w.tree()) previous = w.tree()->set_base(offset);
  decode_message_walk(iw);
  if (w.tree()) w.tree()->set_base(previous);
  w.set_value(node, [&] { return std::string(bgp_names::message_type(inner.type)); });
  for (DecodeProblem p : inner.problems) {
    p.offset += offset;
    w.out().problems.push_back(std::move(p));
  }
  w.close();
}

// The BGP message expected at `at`, which the row's list of nested messages gains as `role`;
// returns where the next item starts. Reports what is wrong when there is no room for one.
std::optional<std::uint32_t> expect_bgp(Walk& w, FieldId group, std::uint32_t at, std::uint32_t end,
                                        std::string_view what, EmbeddedRole role) {
  if (end - at < kHeaderLength) {
    w.error(at, end - at,
            text::cat(what, " expected here, but only ", bytes_left(end - at),
                      " of the BMP message (a BGP header needs 19)"));
    return std::nullopt;
  }
  const std::uint16_t length = w.u16(at + 16);
  if (length < kHeaderLength) {
    nested_bgp(w, group, at, static_cast<std::uint32_t>(kHeaderLength));
    return std::nullopt;  // nothing after it can be located
  }
  if (length > end - at) {
    w.error(at + 16, 2,
            text::cat(what, " length ", std::to_string(length), " exceeds ", bytes_left(end - at),
                      " in the BMP message"));
  }
  const std::uint32_t taken = std::min<std::uint32_t>(length, end - at);
  w.out().nested.push_back({at, taken, static_cast<std::uint8_t>(role)});
  nested_bgp(w, group, at, taken);
  return at + taken;
}

// One TLV header at `at`: a 2-octet type and length, and `header` - 4 more octets (BMP v4's
// index). Reports a header cut short ("TLV header needs 4 bytes; ...") and returns nullopt.
struct Tlv {
  std::uint16_t type = 0;
  std::uint16_t length = 0;
  std::uint32_t value = 0;  // where the value starts
  std::uint32_t taken = 0;  // value bytes present: the length, cut to the message's end
  bool overruns = false;    // the length reaches past the message's end
};

std::optional<Tlv> read_tlv(Walk& w, std::uint32_t at, std::uint32_t end, std::uint32_t header,
                            std::string_view noun) {
  if (end - at < header) {
    w.error(at, end - at,
            text::cat(noun, " header needs ", std::to_string(header), " bytes; ",
                      bytes_left(end - at)));
    return std::nullopt;
  }
  Tlv t{w.u16(at), w.u16(at + 2), at + header, 0, false};
  t.taken = std::min<std::uint32_t>(t.length, end - t.value);
  t.overruns = t.length > end - t.value;
  return t;
}

// "TLV length 300 exceeds the 12 bytes left", over the length field.
void report_overrun(Walk& w, std::uint32_t at, const Tlv& t, std::uint32_t end,
                    std::string_view noun) {
  w.error(at + 2, 2,
          text::cat(noun, " length ", std::to_string(t.length), " exceeds ",
                    bytes_left(end - t.value)));
}

std::string name_or_number(std::string_view name, std::uint16_t type) {
  return name.empty() ? "type " + std::to_string(type) : std::string(name);
}

// The row's list line grows as the walk learns more (not at Depth::Locate).
void add_summary(Walk& w, std::string_view more) {
  if (w.depth() != Depth::Locate) w.out().row_summary += more;
}

void peer_header(Walk& w, const PeerHeader& h) {
  NodeScope scope(w, FieldId::BmpPeerHeader, 6, kPeerHeaderLength);
  w.set_value(scope.node(), [&] { return peer_line(h); });
  w.leaf(FieldId::BmpPeerType, 6, 1,
         [&] { return bgp_names::with_number(bmp_names::peer_type(h.peer_type), h.peer_type); });
  const std::uint32_t flags = w.open(FieldId::BmpPeerFlags, 7, 1);
  w.set_value(flags, [&] { return text::hex_number(h.flags, 2); });
  auto bit = [&](FieldId id, std::uint8_t mask) {
    w.leaf(id, 7, 1, (h.flags & mask) ? "set" : "clear", mask);
  };
  if (h.loc_rib()) {
    bit(FieldId::BmpPeerFlagF, peer_flag::kLocRibFiltered);
  } else {
    bit(FieldId::BmpPeerFlagV, peer_flag::kIpv6);
    bit(FieldId::BmpPeerFlagL, peer_flag::kPostPolicy);
    bit(FieldId::BmpPeerFlagA, peer_flag::kLegacyAsPath);
    bit(FieldId::BmpPeerFlagO, peer_flag::kAdjRibOut);
  }
  w.close();
  w.leaf(FieldId::BmpPeerDistinguisher, 8, 8,
         [&] { return h.distinguisher == 0 ? std::string("0") : rd_text(w.at(8)); });
  w.leaf(FieldId::BmpPeerAddress, 16, 16, [&] { return address_text(h.address); });
  w.leaf(FieldId::BmpPeerAs, 32, 4, [&] { return text::asn_plain(h.as); });
  w.leaf(FieldId::BmpPeerBgpId, 36, 4, [&] { return text::ipv4(w.at(36)); });
  w.leaf(FieldId::BmpPeerTimestamp, 40, 8, [&] {
    std::string us = std::to_string(h.microseconds);
    us.insert(0, us.size() < 6 ? 6 - us.size() : 0, '0');
    return text::cat(std::to_string(h.seconds), ".", us, " s");
  });
  if (h.microseconds > 999'999)
    w.warning(44, 4, "microseconds " + std::to_string(h.microseconds) + " exceed 999999");
}

// Information TLVs (2-octet type, 2-octet length, value) from `at` to `end`.
void information_tlvs(Walk& w, std::uint8_t message_type, std::uint32_t at, std::uint32_t end) {
  bool named = false;
  while (at < end) {
    const auto t = read_tlv(w, at, end, 4, "TLV");
    if (!t) return;
    const std::string_view name = bmp_names::information_tlv(message_type, t->type);
    NodeScope tlv(w, FieldId::BmpTlv, at, 4 + t->taken);
    w.leaf(FieldId::BmpTlvType, at, 2, [&] { return bgp_names::with_number(name, t->type); });
    w.leaf_uint(FieldId::BmpTlvLength, at + 2, 2, t->length);
    const Bytes value = w.slice(t->value, t->taken);
    const std::string_view raw(reinterpret_cast<const char*>(value.data()), value.size());
    std::string shown;
    if (message_type == type::kTermination && t->type == 1 && t->taken == 2) {
      const std::uint16_t reason = load_be16(value.data());
      shown = bgp_names::with_number(bmp_names::termination_reason(reason), reason);
    } else if (t->type <= 3) {
      shown = text::quoted(raw);
    } else {
      shown = text::hex(value);
    }
    w.leaf(FieldId::BmpTlvValue, t->value, t->taken, shown);
    w.set_value(tlv.node(), [&] { return text::cat(name_or_number(name, t->type), ": ", shown); });
    if (t->overruns) {
      report_overrun(w, at, *t, end, "TLV");
      return;
    }
    if (message_type == type::kInitiation && t->type == 2 && !named) {
      // The router's name is the Initiation's list line (sysName, §4.4).
      add_summary(w, text::cat(" \"", raw.substr(0, 64), "\""));
      named = true;
    }
    at = t->value + t->length;
  }
}

void statistics(Walk& w, std::uint32_t at, std::uint32_t end) {
  if (end - at < 4) {
    w.error(at, end - at, "statistics count needs 4 bytes; " + bytes_left(end - at));
    return;
  }
  const std::uint32_t count = w.u32(at);
  w.leaf_uint(FieldId::BmpStatsCount, at, 4, count);
  at += 4;
  std::uint32_t seen = 0;
  while (at < end) {
    const auto t = read_tlv(w, at, end, 4, "statistic");
    if (!t) return;
    const std::uint16_t type = t->type;
    const std::uint16_t length = t->length;
    const std::uint32_t taken = t->taken;
    const std::string_view name = bmp_names::statistic(type);
    NodeScope stat(w, FieldId::BmpStat, at, 4 + taken);
    w.leaf(FieldId::BmpStatType, at, 2, [&] { return bgp_names::with_number(name, type); });
    w.leaf_uint(FieldId::BmpTlvLength, at + 2, 2, length);
    const std::uint32_t v = at + 4;
    std::string shown;
    const bmp_names::StatShape shape = bmp_names::statistic_shape(type);
    const std::uint32_t expected = shape == bmp_names::StatShape::Counter32       ? 4
                                   : shape == bmp_names::StatShape::Gauge64       ? 8
                                   : shape == bmp_names::StatShape::FamilyGauge64 ? 11
                                                                                  : taken;
    if (taken != expected || t->overruns) {
      w.leaf(FieldId::BmpTlvValue, v, taken, [&] { return text::hex(w.slice(v, taken)); });
      if (t->overruns) {
        report_overrun(w, at, *t, end, "statistic");
      } else {
        w.error(
            at + 2, 2,
            text::cat("statistic type ", std::to_string(type), " has ", std::to_string(expected),
                      "-byte values, not ", std::to_string(length), " (RFC 7854 §4.8)"));
      }
      shown = "malformed";
    } else if (shape == bmp_names::StatShape::Counter32) {
      shown = std::to_string(w.u32(v));
      w.leaf(FieldId::BmpStatValue, v, 4, shown);
    } else if (shape == bmp_names::StatShape::Gauge64) {
      shown = std::to_string(load_be64(w.at(v)));
      w.leaf(FieldId::BmpStatValue, v, 8, shown);
    } else if (shape == bmp_names::StatShape::FamilyGauge64) {
      const Family f{w.u16(v), w.u8(v + 2)};
      w.leaf(FieldId::BmpStatFamily, v, 3, [&] { return bgp_names::family(f); });
      shown =
          text::cat(std::to_string(load_be64(w.at(v + 3))), " (", bgp_names::family_short(f), ")");
      w.leaf(FieldId::BmpStatValue, v + 3, 8, std::to_string(load_be64(w.at(v + 3))));
    } else {
      shown = text::hex(w.slice(v, taken));
      w.leaf(FieldId::BmpTlvValue, v, taken, shown);
    }
    w.set_value(stat.node(), [&] { return text::cat(name_or_number(name, type), ": ", shown); });
    ++seen;
    if (t->overruns) return;
    at = v + length;
  }
  if (seen != count) {
    w.warning(kCommonHeaderLength + kPeerHeaderLength, 4,
              text::cat("statistics count says ", std::to_string(count), ", the message holds ",
                        std::to_string(seen)));
  }
}

void peer_down(Walk& w, std::uint32_t at, std::uint32_t end) {
  if (at >= end) {
    w.error(at, 0, "Peer Down needs a reason byte; none left");
    return;
  }
  const std::uint8_t reason = w.u8(at);
  add_summary(w, ", " + name_or_number(bmp_names::peer_down_reason(reason), reason));
  w.leaf(FieldId::BmpPeerDownReason, at, 1,
         [&] { return bgp_names::with_number(bmp_names::peer_down_reason(reason), reason); });
  ++at;
  switch (reason) {
    case 1:
    case 3:
      if (auto next = expect_bgp(
              w, FieldId::BmpPeerDownNotification, at, end, "NOTIFICATION",
              reason == 1 ? EmbeddedRole::LocalNotification : EmbeddedRole::RemoteNotification)) {
        at = *next;
      } else {
        return;
      }
      break;
    case 2:
      if (end - at < 2) {
        w.error(at, end - at, "FSM event code needs 2 bytes; " + bytes_left(end - at));
        return;
      }
      w.leaf_uint(FieldId::BmpPeerDownFsmEvent, at, 2, w.u16(at));
      at += 2;
      break;
    case 6:
      information_tlvs(w, type::kPeerDown, at, end);
      return;
    default:
      break;
  }
  if (at < end) {
    if (reason == 4 || reason == 5 || bmp_names::peer_down_reason(reason).empty()) {
      w.leaf(FieldId::BmpPeerDownData, at, end - at,
             [&] { return text::hex(w.slice(at, end - at)); });
    } else {
      // RFC 9069 §4.4 lets TLVs follow the defined data.
      information_tlvs(w, type::kPeerDown, at, end);
    }
  }
}

void peer_up(Walk& w, const PeerHeader& h, std::uint32_t at, std::uint32_t end) {
  const auto endpoints = read_peer_up_endpoints(w.bytes().first(end), h);
  if (!endpoints) {
    w.error(at, end - at, "Peer Up needs 20 bytes of addresses and ports; " + bytes_left(end - at));
    return;
  }
  w.leaf(FieldId::BmpLocalAddress, at, 16, [&] { return address_text(endpoints->local_address); });
  w.leaf_uint(FieldId::BmpLocalPort, at + 16, 2, endpoints->local_port);
  w.leaf_uint(FieldId::BmpRemotePort, at + 18, 2, endpoints->remote_port);
  at += kPeerUpEndpointsLength;
  auto sent = expect_bgp(w, FieldId::BmpSentOpen, at, end, "sent OPEN", EmbeddedRole::SentOpen);
  if (!sent) return;
  auto received = expect_bgp(w, FieldId::BmpReceivedOpen, *sent, end, "received OPEN",
                             EmbeddedRole::ReceivedOpen);
  if (!received) return;
  information_tlvs(w, type::kPeerUp, *received, end);
}

void route_mirroring(Walk& w, std::uint32_t at, std::uint32_t end) {
  while (at < end) {
    const auto t = read_tlv(w, at, end, 4, "TLV");
    if (!t) return;
    const std::string name =
        bgp_names::with_number(bmp_names::information_tlv(type::kRouteMirroring, t->type), t->type);
    NodeScope tlv(w, FieldId::BmpMirrorTlv, at, 4 + t->taken);
    w.set_value(tlv.node(), name);
    w.leaf(FieldId::BmpTlvType, at, 2, name);
    w.leaf_uint(FieldId::BmpTlvLength, at + 2, 2, t->length);
    if (t->overruns) report_overrun(w, at, *t, end, "TLV");
    if (t->type == 0) {
      expect_bgp(w, FieldId::BmpMirroredMessage, t->value, t->value + t->taken, "BGP message",
                 EmbeddedRole::Mirrored);
    } else if (t->type == 1 && t->taken == 2) {
      const std::uint16_t code = w.u16(t->value);
      w.leaf(FieldId::BmpMirrorInfo, t->value, 2, [&] {
        return bgp_names::with_number(code == 0   ? "Errored PDU"
                                      : code == 1 ? "Messages Lost"
                                                  : "",
                                      code);
      });
    } else {
      w.leaf(FieldId::BmpTlvValue, t->value, t->taken,
             [&] { return text::hex(w.slice(t->value, t->taken)); });
    }
    if (t->overruns) return;
    at = t->value + t->length;
  }
}

// BMP version 4 Route Monitoring: TLVs of type, length, index (the NLRI of the PDU they are
// about), value; the TLV whose value is a BGP message is the PDU.
void route_monitoring_tlvs(Walk& w, std::uint32_t at, std::uint32_t end) {
  bool pdu = false;
  while (at < end) {
    const auto t = read_tlv(w, at, end, 6, "TLV");
    if (!t) return;
    NodeScope tlv(w, FieldId::BmpTlv, at, 6 + t->taken);
    w.leaf_uint(FieldId::BmpTlvType, at, 2, t->type);
    w.leaf_uint(FieldId::BmpTlvLength, at + 2, 2, t->length);
    w.leaf_uint(FieldId::BmpTlvIndex, at + 4, 2, w.u16(at + 4));
    if (t->overruns) report_overrun(w, at, *t, end, "TLV");
    if (!pdu && t->taken >= kHeaderLength && marker_at(w.bytes(), t->value)) {
      w.set_value(tlv.node(), text::cat("type ", std::to_string(t->type), ": BGP PDU"));
      expect_bgp(w, FieldId::BmpRouteMonitoring, t->value, t->value + t->taken, "BGP UPDATE",
                 EmbeddedRole::RouteMonitoring);
      pdu = true;
    } else {
      w.set_value(tlv.node(), text::cat("type ", std::to_string(t->type)));
      w.leaf(FieldId::BmpTlvValue, t->value, t->taken,
             [&] { return text::hex(w.slice(t->value, t->taken)); });
    }
    if (t->overruns) return;
    at = t->value + t->length;
  }
  if (!pdu) w.error(end, 0, "no TLV of this Route Monitoring message holds a BGP message");
}

}  // namespace

void decode_bmp_walk(Walk& w) {
  DecodedMessage& out = w.out();
  const auto avail = static_cast<std::uint32_t>(w.bytes().size());
  if (avail < kCommonHeaderLength) {
    add_summary(w, "BMP (incomplete header)");
    const std::uint32_t node = w.open(FieldId::BmpMessage, 0, avail);
    w.set_value(node, "incomplete header");
    w.error(0, avail,
            text::cat("capture ends after ", std::to_string(avail),
                      " of the 6 BMP header bytes (capture truncated)"));
    w.close();
    return;
  }
  const std::uint8_t version = w.u8(0);
  const std::uint32_t length = w.u32(1);
  const std::uint8_t message_type = w.u8(5);
  out.type = message_type;
  out.declared_length = length;
  {
    const std::string_view name = bmp_names::message_type(message_type);
    add_summary(w, name.empty() ? "BMP type " + std::to_string(message_type) : std::string(name));
  }
  const std::uint32_t end = std::clamp<std::uint32_t>(length, kCommonHeaderLength, avail);
  const std::uint32_t node = w.open(FieldId::BmpMessage, 0, end);
  w.leaf_uint(FieldId::BmpVersion, 0, 1, version);
  if (version != kVersion && version != kVersion4) {
    w.error(0, 1, "BMP version " + std::to_string(version) + "; only version 3 is defined");
  } else if (version == kVersion4) {
    w.note(0, 1, "BMP version 4: draft-ietf-grow-bmp-tlv (TLVs in Route Monitoring)");
  }
  w.leaf_uint(FieldId::BmpLength, 1, 4, length);
  w.leaf(FieldId::BmpType, 5, 1, [&] {
    return bgp_names::with_number(bmp_names::message_type(message_type), message_type);
  });
  if (length < kCommonHeaderLength) {
    w.error(1, 4, "length " + std::to_string(length) + " is below the 6-byte BMP header");
  } else if (length > avail) {
    w.error(avail, 0,
            text::cat("capture truncated: the BMP message declares ", text::byte_count(length),
                      ", the capture holds ", std::to_string(avail)));
  }
  std::uint32_t at = kCommonHeaderLength;
  std::optional<PeerHeader> header;
  if (has_peer_header(message_type)) {
    header = read_peer_header(w.slice(at, end - at));
    if (!header) {
      w.error(at, end - at, "per-peer header needs 42 bytes; " + bytes_left(end - at));
      w.close();
      return;
    }
    add_summary(w, " " + peer_line(*header));
    peer_header(w, *header);
    at += kPeerHeaderLength;
    if (header->peer_type > peer_type::kLocRib)
      w.warning(6, 1, "unknown peer type " + std::to_string(header->peer_type));
  }
  switch (message_type) {
    case type::kRouteMonitoring:
      if (version == kVersion4 && !marker_at(w.bytes(), at)) {
        route_monitoring_tlvs(w, at, end);
        break;
      }
      expect_bgp(w, FieldId::BmpRouteMonitoring, at, end, "BGP UPDATE",
                 EmbeddedRole::RouteMonitoring);
      // A Route Monitoring message carries one UPDATE (§4.6).
      break;
    case type::kStatisticsReport:
      statistics(w, at, end);
      break;
    case type::kPeerDown:
      peer_down(w, at, end);
      break;
    case type::kPeerUp:
      peer_up(w, *header, at, end);
      break;
    case type::kInitiation:
    case type::kTermination:
      information_tlvs(w, message_type, at, end);
      break;
    case type::kRouteMirroring:
      route_mirroring(w, at, end);
      break;
    default:
      if (bmp_names::message_type(message_type).empty()) {
        w.error(5, 1, "unknown BMP message type " + std::to_string(message_type));
      } else {
        w.note(5, 1, "a type from an Internet-Draft, not decoded further");
      }
      if (end > at)
        w.leaf(FieldId::BmpTrailing, at, end - at,
               [&] { return text::hex(w.slice(at, end - at)); });
      break;
  }
  w.set_value(node, out.row_summary);
  w.close();
}

void decode_bmp(Bytes message, const PeerContext& context, Depth depth, DecodedMessage& out) {
  out.clear();
  out.available_length = static_cast<std::uint32_t>(message.size());
  std::optional<FieldTreeBuilder> builder;
  if (depth == Depth::Tree) builder.emplace(static_cast<std::uint32_t>(message.size()));
  Walk w(message, context, depth, out, builder ? &*builder : nullptr);
  decode_bmp_walk(w);
  if (builder) out.tree = builder->finish();
}

DecodedMessage decode_bmp(Bytes message, const PeerContext& context, Depth depth) {
  DecodedMessage out;
  decode_bmp(message, context, depth, out);
  return out;
}

}  // namespace bgplens
