#include "bgp/nlri/bgpls_descriptors.h"

#include <bitset>

#include "bgp/names/names.h"

namespace bgplens::bgpls {
namespace {

std::string fixed_uint(Scope& s, const Tlv16& tlv, FieldId id, std::uint32_t length) {
  if (!check_length(s, tlv, tlv.length == length, std::to_string(length))) return raw_value(s, tlv);
  const std::uint32_t v = tlv.value_offset();
  const std::uint64_t value = length == 4 ? s.w.u32(v) : length == 2 ? s.w.u16(v) : s.w.u8(v);
  return uint_leaf(s, id, v, length, value);
}

std::string fixed_ipv4(Scope& s, const Tlv16& tlv, FieldId id) {
  if (!check_length(s, tlv, tlv.length == 4, "4")) return raw_value(s, tlv);
  return ipv4_leaf(s, id, tlv.value_offset());
}

std::string fixed_ipv6(Scope& s, const Tlv16& tlv, FieldId id) {
  if (!check_length(s, tlv, tlv.length == 16, "16")) return raw_value(s, tlv);
  return ipv6_leaf(s, id, tlv.value_offset());
}

// RFC 9552 §5.2.1.4.
std::string autonomous_system(Scope& s, const Tlv16& t) {
  return fixed_uint(s, t, FieldId::LsAsNumber, 4);
}
std::string bgp_ls_identifier(Scope& s, const Tlv16& t) {
  return fixed_uint(s, t, FieldId::LsBgpLsId, 4);
}
std::string ospf_area(Scope& s, const Tlv16& t) {
  return fixed_ipv4(s, t, FieldId::LsOspfAreaId);
}

// RFC 9552 §5.2.1.4: 6 octets IS-IS System-ID, 7 an IS-IS pseudonode (System-ID and
// Pseudonode-ID), 4 an OSPF Router-ID, 8 an OSPF pseudonode (the DR's Router-ID and its IPv4
// interface address for OSPFv2, interface ID for OSPFv3).
std::string igp_router_id(Scope& s, const Tlv16& t) {
  Walk& w = s.w;
  const std::uint32_t v = t.value_offset();
  // The lengths the IGP allows; other protocols (Direct, Static) are read by length.
  if (is_isis(s.protocol) && t.length != 6 && t.length != 7) {
    check_length(s, t, false, "6 or 7 for IS-IS");
    return raw_value(s, t);
  }
  if (is_ospf(s.protocol) && t.length != 4 && t.length != 8) {
    check_length(s, t, false, "4 or 8 for OSPF");
    return raw_value(s, t);
  }
  switch (t.length) {
    case 4:
      return ipv4_leaf(s, FieldId::LsIgpRouterId, v);
    case 6: {
      std::string id = s.want_text ? system_id_text(w.at(v)) : "";
      w.leaf(FieldId::LsIgpRouterId, v, 6, id);
      return id;
    }
    case 7: {
      std::string id;
      if (s.want_text) id = system_id_text(w.at(v)) + "." + text::hex(w.slice(v + 6, 1));
      const std::uint32_t node = w.open(FieldId::LsIgpRouterId, v, 7);
      w.set_value(node, id);
      w.leaf(FieldId::LsIsisSystemId, v, 6, [&] { return system_id_text(w.at(v)); });
      w.leaf_uint(FieldId::LsPseudonodeId, v + 6, 1, w.u8(v + 6));
      w.close();
      return id;
    }
    case 8: {
      const bool v3 = s.protocol == 6;
      const auto interface = [&] {
        return v3 ? "interface ID " + std::to_string(w.u32(v + 4)) : text::ipv4(w.at(v + 4));
      };
      std::string id = s.want_text ? text::ipv4(w.at(v)) + " DR interface " + interface() : "";
      const std::uint32_t node = w.open(FieldId::LsIgpRouterId, v, 8);
      w.set_value(node, id);
      w.leaf(FieldId::LsDrRouterId, v, 4, [&] { return text::ipv4(w.at(v)); });
      w.leaf(FieldId::LsDrInterface, v + 4, 4, interface);
      w.close();
      return id;
    }
  }
  // Protocols without an IGP (Direct, Static, BGP) leave the form open; an IPv6 Router-ID is
  // the one other form in use.
  if (t.length == 16) return ipv6_leaf(s, FieldId::LsIgpRouterId, v);
  return raw_value(s, t);
}

// RFC 9086 §4.1.
std::string bgp_router_id(Scope& s, const Tlv16& t) {
  return fixed_ipv4(s, t, FieldId::LsBgpRouterId);
}
std::string member_as(Scope& s, const Tlv16& t) {
  return fixed_uint(s, t, FieldId::LsMemberAs, 4);
}

ValueDecoder node_sub_tlv_decoder(std::uint16_t code) {
  switch (code) {
    case 512:
      return autonomous_system;
    case 513:
      return bgp_ls_identifier;
    case 514:
      return ospf_area;
    case 515:
      return igp_router_id;
    case 516:
      return bgp_router_id;
    case 517:
      return member_as;
  }
  return nullptr;
}

// RFC 9552 §5.2.1.2, §5.2.1.3: Local and Remote Node Descriptors hold sub-TLVs, each at most
// once (§8.2.2) and in ascending order of type (§5.1).
std::string node_descriptors(Scope& s, const Tlv16& t) {
  if (s.depth >= kMaxDepth) return raw_value(s, t);
  ++s.depth;
  std::string text;
  std::bitset<8> seen;  // codes 512..519
  std::uint16_t previous = 0;
  walk_tlvs(s, t.value_offset(), t.end(), [&](const Tlv16& sub) {
    if (!s.in_attribute) {
      if (sub.type < previous) {
        s.error(sub.offset, 2,
                tlv_label(sub.type) + " follows " + tlv_label(previous) +
                    ": node descriptor sub-TLVs must be in ascending order of type (RFC 9552 "
                    "§5.1)");
      } else if (sub.type == previous || (sub.type >= 512 && sub.type < 520 &&
                                          seen.test(static_cast<std::size_t>(sub.type - 512)))) {
        s.error(sub.offset, sub.size(),
                tlv_label(sub.type) +
                    " appears twice: a node descriptor holds each sub-TLV at most once (RFC 9552 "
                    "§8.2.2)");
      }
    }
    if (sub.type >= 512 && sub.type < 520) seen.set(static_cast<std::size_t>(sub.type - 512));
    previous = sub.type;
    const ValueDecoder decode = node_sub_tlv_decoder(sub.type);
    std::string v = decode ? decode(s, sub) : raw_value(s, sub);
    if (s.want_text) {
      if (!text.empty()) text += ' ';
      const std::string_view word = node_descriptor_word(sub.type);
      text += word.empty() ? "tlv " + std::to_string(sub.type) : std::string(word);
      text.append(" ").append(v);
    }
    return v;
  });
  --s.depth;
  return text;
}

// RFC 9552 §5.2.2 (RFC 5307 §1.1): two 4-octet identifiers.
std::string link_identifiers(Scope& s, const Tlv16& t) {
  if (!check_length(s, t, t.length == 8, "8")) return raw_value(s, t);
  const std::uint32_t v = t.value_offset();
  std::string a = uint_leaf(s, FieldId::LsLinkLocalId, v, 4, s.w.u32(v));
  std::string b = uint_leaf(s, FieldId::LsLinkRemoteId, v + 4, 4, s.w.u32(v + 4));
  return s.want_text ? a + "/" + b : "";
}

std::string ipv4_interface(Scope& s, const Tlv16& t) {
  return fixed_ipv4(s, t, FieldId::LsIpv4Interface);
}
std::string ipv4_neighbor(Scope& s, const Tlv16& t) {
  return fixed_ipv4(s, t, FieldId::LsIpv4Neighbor);
}
std::string ipv6_interface(Scope& s, const Tlv16& t) {
  return fixed_ipv6(s, t, FieldId::LsIpv6Interface);
}
std::string ipv6_neighbor(Scope& s, const Tlv16& t) {
  return fixed_ipv6(s, t, FieldId::LsIpv6Neighbor);
}

// RFC 9552 §5.2.2.1: 2 octets per topology, 4 reserved bits and a 12-bit MT-ID.
std::string multi_topology(Scope& s, const Tlv16& t) {
  if (!check_length(s, t, t.length >= 2 && t.length % 2 == 0, "a positive multiple of 2"))
    return raw_value(s, t);
  std::string text;
  for (std::uint32_t p = t.value_offset(); p < t.end(); p += 2) {
    const std::uint16_t raw = s.w.u16(p);
    const std::string id = uint_leaf(s, FieldId::LsMtId, p, 2, raw & 0x0FFFu, 0x0FFF);
    if ((raw & 0xF000) && s.w.has_tree()) {
      s.w.note(p, 1,
               "reserved bits " + text::hex_number(raw >> 12, 1) +
                   " are set; receivers ignore them (RFC 9552 §5.2.2.1)");
    }
    if (s.want_text) text += (text.empty() ? "" : ",") + id;
  }
  return text;
}

// RFC 9552 §5.2.3.1.
std::string ospf_route_type(Scope& s, const Tlv16& t) {
  if (!check_length(s, t, t.length == 1, "1")) return raw_value(s, t);
  const std::uint8_t type = s.w.u8(t.value_offset());
  std::string v = s.want_text ? names::with_number(ospf_route_type_name(type), type) : "";
  s.w.leaf(FieldId::LsOspfRouteType, t.value_offset(), 1, v);
  return v;
}

// RFC 9552 §5.2.3.2: a prefix length and the minimum octets of the prefix.
std::string ip_reachability(Scope& s, const Tlv16& t) {
  Walk& w = s.w;
  const std::uint32_t v = t.value_offset();
  if (!check_length(s, t, t.length >= 1, "at least 1")) return raw_value(s, t);
  const unsigned bits = w.u8(v);
  const std::uint32_t bytes = (bits + 7) / 8;
  const bool v6 = s.nlri_type == 4 || (s.nlri_type != 3 && (bits > 32 || t.length > 5));
  const unsigned max_bits = v6 ? 128 : 32;
  if (bits > max_bits) {
    s.error(v, 1,
            "prefix length " + std::to_string(bits) + " exceeds " + std::to_string(max_bits) +
                " bits (RFC 9552 §5.2.3.2)");
    return raw_value(s, t);
  }
  if (!check_length(s, t, t.length == 1 + bytes,
                    std::to_string(1 + bytes) + " for a /" + std::to_string(bits) + " prefix")) {
    return raw_value(s, t);
  }
  std::string prefix = s.want_text ? text::prefix(w.slice(v + 1, bytes), v6 ? 16 : 4, bits) : "";
  const std::uint32_t node = w.open(FieldId::LsReachability, v, t.length);
  w.set_value(node, prefix);
  w.leaf_uint(FieldId::LsReachPrefixLength, v, 1, bits);
  if (bytes > 0) {
    w.leaf(FieldId::LsReachPrefixBytes, v + 1, bytes,
           [&] { return text::hex_spaced(w.slice(v + 1, bytes)); });
    if (bits % 8 != 0 && (w.u8(v + bytes) & (0xFF >> (bits % 8))) != 0)
      w.note(v + bytes, 1,
             "bits past the prefix length are set; they must be 0 (RFC 9552 §5.2.3.2)");
  }
  w.close();
  return prefix;
}

// RFC 9514 §6.1.
std::string srv6_sid_information(Scope& s, const Tlv16& t) {
  return fixed_ipv6(s, t, FieldId::LsSrv6Sid);
}

// RFC 8814 §3, §4: MSD-Type and MSD-Value octet pairs.
std::string msd(Scope& s, const Tlv16& t) {
  if (!check_length(s, t, t.length % 2 == 0, "a multiple of 2")) return raw_value(s, t);
  std::string text;
  for (std::uint32_t p = t.value_offset(); p < t.end(); p += 2) {
    const std::uint8_t type = s.w.u8(p);
    s.w.leaf(FieldId::LsMsdType, p, 1,
             [&] { return names::with_number(msd_type_name(type), type); });
    s.w.leaf_uint(FieldId::LsMsdValue, p + 1, 1, s.w.u8(p + 1));
    if (s.want_text) {
      if (!text.empty()) text += ", ";
      const std::string_view name = msd_type_name(type);
      text += (name.empty() ? "type " + std::to_string(type) : std::string(name)) + " " +
              std::to_string(s.w.u8(p + 1));
    }
  }
  return text;
}

}  // namespace

std::string_view node_descriptor_word(std::uint16_t code) {
  switch (code) {
    case 512:
      return "AS";
    case 513:
      return "bgp-ls-id";
    case 514:
      return "area";
    case 515:
      return "router";
    case 516:
      return "bgp-router";
    case 517:
      return "member-AS";
  }
  return {};
}

ValueDecoder descriptor_decoder(std::uint16_t code) {
  switch (code) {
    case 256:
    case 257:
      return node_descriptors;
    case 258:
      return link_identifiers;
    case 259:
      return ipv4_interface;
    case 260:
      return ipv4_neighbor;
    case 261:
      return ipv6_interface;
    case 262:
      return ipv6_neighbor;
    case 263:
      return multi_topology;
    case 264:
      return ospf_route_type;
    case 265:
      return ip_reachability;
    case 266:
    case 267:
      return msd;
    case 518:
      return srv6_sid_information;
  }
  return node_sub_tlv_decoder(code);
}

}  // namespace bgplens::bgpls
