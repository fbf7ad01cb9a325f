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
// message's offsets.
void nested_bgp(Walk& w, FieldId group, std::uint32_t offset, std::uint32_t length) {
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

// The BGP message expected at `at`; returns where the next item starts. Reports what is wrong
// when there is no room for one.
std::optional<std::uint32_t> expect_bgp(Walk& w, FieldId group, std::uint32_t at, std::uint32_t end,
                                        std::string_view what) {
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
  nested_bgp(w, group, at, taken);
  return at + taken;
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
  while (at < end) {
    if (end - at < 4) {
      w.error(at, end - at, "TLV header needs 4 bytes; " + bytes_left(end - at));
      return;
    }
    const std::uint16_t type = w.u16(at);
    const std::uint16_t length = w.u16(at + 2);
    const std::uint32_t avail = end - at - 4;
    const std::uint32_t taken = std::min<std::uint32_t>(length, avail);
    const std::string_view name = bmp_names::information_tlv(message_type, type);
    NodeScope tlv(w, FieldId::BmpTlv, at, 4 + taken);
    w.leaf(FieldId::BmpTlvType, at, 2, [&] { return bgp_names::with_number(name, type); });
    w.leaf_uint(FieldId::BmpTlvLength, at + 2, 2, length);
    const Bytes value = w.slice(at + 4, taken);
    std::string shown;
    if (message_type == type::kTermination && type == 1 && taken == 2) {
      const std::uint16_t reason = load_be16(value.data());
      shown = bgp_names::with_number(bmp_names::termination_reason(reason), reason);
    } else if (type == 0 || type == 1 || type == 2 || type == 3) {
      shown =
          text::quoted(std::string_view(reinterpret_cast<const char*>(value.data()), value.size()));
    } else {
      shown = text::hex(value);
    }
    w.leaf(FieldId::BmpTlvValue, at + 4, taken, shown);
    w.set_value(tlv.node(), [&] {
      return text::cat(name.empty() ? "type " + std::to_string(type) : std::string(name), ": ",
                       shown);
    });
    if (length > avail) {
      w.error(at + 2, 2,
              text::cat("TLV length ", std::to_string(length), " exceeds ", bytes_left(avail)));
      return;
    }
    at += 4 + length;
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
    if (end - at < 4) {
      w.error(at, end - at, "statistic header needs 4 bytes; " + bytes_left(end - at));
      return;
    }
    const std::uint16_t type = w.u16(at);
    const std::uint16_t length = w.u16(at + 2);
    const std::uint32_t avail = end - at - 4;
    const std::uint32_t taken = std::min<std::uint32_t>(length, avail);
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
    if (taken != expected || length > avail) {
      w.leaf(FieldId::BmpTlvValue, v, taken, [&] { return text::hex(w.slice(v, taken)); });
      w.error(at + 2, 2,
              length > avail ? text::cat("statistic length ", std::to_string(length), " exceeds ",
                                         bytes_left(avail))
                             : text::cat("statistic type ", std::to_string(type), " has ",
                                         std::to_string(expected), "-byte values, not ",
                                         std::to_string(length), " (RFC 7854 §4.8)"));
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
    w.set_value(stat.node(), [&] {
      return text::cat(name.empty() ? "type " + std::to_string(type) : std::string(name), ": ",
                       shown);
    });
    ++seen;
    if (length > avail) return;
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
  w.leaf(FieldId::BmpPeerDownReason, at, 1,
         [&] { return bgp_names::with_number(bmp_names::peer_down_reason(reason), reason); });
  ++at;
  switch (reason) {
    case 1:
    case 3:
      if (auto next = expect_bgp(w, FieldId::BmpPeerDownNotification, at, end, "NOTIFICATION")) {
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
  if (end - at < 20) {
    w.error(at, end - at, "Peer Up needs 20 bytes of addresses and ports; " + bytes_left(end - at));
    return;
  }
  const bool ipv6 = !h.loc_rib() && (h.flags & peer_flag::kIpv6);
  w.leaf(FieldId::BmpLocalAddress, at, 16,
         [&] { return address_text(read_address(w.at(at), ipv6)); });
  w.leaf_uint(FieldId::BmpLocalPort, at + 16, 2, w.u16(at + 16));
  w.leaf_uint(FieldId::BmpRemotePort, at + 18, 2, w.u16(at + 18));
  at += 20;
  auto sent = expect_bgp(w, FieldId::BmpSentOpen, at, end, "sent OPEN");
  if (!sent) return;
  auto received = expect_bgp(w, FieldId::BmpReceivedOpen, *sent, end, "received OPEN");
  if (!received) return;
  information_tlvs(w, type::kPeerUp, *received, end);
}

void route_mirroring(Walk& w, std::uint32_t at, std::uint32_t end) {
  while (at < end) {
    if (end - at < 4) {
      w.error(at, end - at, "TLV header needs 4 bytes; " + bytes_left(end - at));
      return;
    }
    const std::uint16_t type = w.u16(at);
    const std::uint16_t length = w.u16(at + 2);
    const std::uint32_t avail = end - at - 4;
    const std::uint32_t taken = std::min<std::uint32_t>(length, avail);
    NodeScope tlv(w, FieldId::BmpMirrorTlv, at, 4 + taken);
    w.set_value(tlv.node(), [&] {
      return bgp_names::with_number(bmp_names::information_tlv(type::kRouteMirroring, type), type);
    });
    w.leaf(FieldId::BmpTlvType, at, 2, [&] {
      return bgp_names::with_number(bmp_names::information_tlv(type::kRouteMirroring, type), type);
    });
    w.leaf_uint(FieldId::BmpTlvLength, at + 2, 2, length);
    if (length > avail) {
      w.error(at + 2, 2,
              text::cat("TLV length ", std::to_string(length), " exceeds ", bytes_left(avail)));
    }
    if (type == 0) {
      expect_bgp(w, FieldId::BmpMirroredMessage, at + 4, at + 4 + taken, "BGP message");
    } else if (type == 1 && taken == 2) {
      const std::uint16_t code = w.u16(at + 4);
      w.leaf(FieldId::BmpMirrorInfo, at + 4, 2, [&] {
        return bgp_names::with_number(code == 0   ? "Errored PDU"
                                      : code == 1 ? "Messages Lost"
                                                  : "",
                                      code);
      });
    } else {
      w.leaf(FieldId::BmpTlvValue, at + 4, taken,
             [&] { return text::hex(w.slice(at + 4, taken)); });
    }
    if (length > avail) return;
    at += 4 + length;
  }
}

// BMP version 4 Route Monitoring: TLVs of type, length, index (the NLRI of the PDU they are
// about), value; the TLV whose value is a BGP message is the PDU.
void route_monitoring_tlvs(Walk& w, std::uint32_t at, std::uint32_t end) {
  bool pdu = false;
  while (at < end) {
    if (end - at < 6) {
      w.error(at, end - at, "TLV header needs 6 bytes; " + bytes_left(end - at));
      return;
    }
    const std::uint16_t type = w.u16(at);
    const std::uint16_t length = w.u16(at + 2);
    const std::uint32_t avail = end - at - 6;
    const std::uint32_t taken = std::min<std::uint32_t>(length, avail);
    const std::uint32_t v = at + 6;
    NodeScope tlv(w, FieldId::BmpTlv, at, 6 + taken);
    w.leaf_uint(FieldId::BmpTlvType, at, 2, type);
    w.leaf_uint(FieldId::BmpTlvLength, at + 2, 2, length);
    w.leaf_uint(FieldId::BmpTlvIndex, at + 4, 2, w.u16(at + 4));
    if (length > avail) {
      w.error(at + 2, 2,
              text::cat("TLV length ", std::to_string(length), " exceeds ", bytes_left(avail)));
    }
    if (!pdu && taken >= kHeaderLength && marker_at(w.bytes(), v)) {
      w.set_value(tlv.node(), text::cat("type ", std::to_string(type), ": BGP PDU"));
      expect_bgp(w, FieldId::BmpRouteMonitoring, v, v + taken, "BGP UPDATE");
      pdu = true;
    } else {
      w.set_value(tlv.node(), text::cat("type ", std::to_string(type)));
      w.leaf(FieldId::BmpTlvValue, v, taken, [&] { return text::hex(w.slice(v, taken)); });
    }
    if (length > avail) return;
    at = v + length;
  }
  if (!pdu) w.error(end, 0, "no TLV of this Route Monitoring message holds a BGP message");
}

}  // namespace

void decode_bmp_walk(Walk& w) {
  DecodedMessage& out = w.out();
  const auto avail = static_cast<std::uint32_t>(w.bytes().size());
  if (avail < kCommonHeaderLength) {
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
      expect_bgp(w, FieldId::BmpRouteMonitoring, at, end, "BGP UPDATE");
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
  out.row_summary = bmp_summary(w.bytes());
  w.set_value(node, out.row_summary);
  w.close();
}

DecodedMessage decode_bmp(Bytes message, const PeerContext& context, Depth depth) {
  DecodedMessage out;
  out.available_length = static_cast<std::uint32_t>(message.size());
  std::optional<FieldTreeBuilder> builder;
  if (depth == Depth::Tree) builder.emplace(static_cast<std::uint32_t>(message.size()));
  Walk w(message, context, depth, out, builder ? &*builder : nullptr);
  decode_bmp_walk(w);
  if (builder) out.tree = builder->finish();
  return out;
}

std::string bmp_summary(Bytes b) {
  if (b.size() < kCommonHeaderLength) return "BMP (incomplete header)";
  const std::uint8_t message_type = b[5];
  const std::string_view name = bmp_names::message_type(message_type);
  std::string s = name.empty() ? "BMP type " + std::to_string(message_type) : std::string(name);
  const auto end =
      static_cast<std::uint32_t>(std::min<std::uint64_t>(load_be32(b.data() + 1), b.size()));
  if (has_peer_header(message_type)) {
    if (auto h = read_peer_header(b.subspan(kCommonHeaderLength))) s += " " + peer_line(*h);
  }
  const std::uint32_t body = kCommonHeaderLength + kPeerHeaderLength;
  if (message_type == type::kPeerDown && end > body) {
    const std::string_view reason = bmp_names::peer_down_reason(b[body]);
    s +=
        text::cat(", ", reason.empty() ? "reason " + std::to_string(b[body]) : std::string(reason));
  }
  if (message_type == type::kInitiation) {
    // The router's name, when it gives one (sysName, §4.4).
    for (std::uint32_t at = kCommonHeaderLength; end >= 4 && at + 4 <= end;) {
      const std::uint16_t t = load_be16(b.data() + at);
      const std::uint16_t l = load_be16(b.data() + at + 2);
      if (at + 4 + l > end) break;
      if (t == 2) {
        s += " " + text::quoted(std::string_view(reinterpret_cast<const char*>(b.data() + at + 4),
                                                 std::min<std::size_t>(l, 64)));
        break;
      }
      at += 4 + l;
    }
  }
  return s;
}

}  // namespace bgplens
